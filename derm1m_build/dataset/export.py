"""`derm1m-build export`: the dataset as WebDataset shards, Parquet, or a Croissant description.

Rows are chosen by licence class (`commercial`: licences that allow commercial reuse; `noncommercial`:
any known open licence, NC included; `all`: every row, unknown licences too). A row whose source
forbids redistributing the image (`"redistributable": false` in its meta) keeps its text and source
URL, but its image file is left out. Output bytes depend only on the build: tar members carry fixed
times and owners, Parquet is written with fixed options.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import tarfile
from pathlib import Path
from typing import Any, Iterator

import pyarrow as pa

from derm1m_build import __version__
from derm1m_build.dataset.leakage import parse_meta
from derm1m_build.dataset.writer import CSV_COLUMNS, SPLITS
from derm1m_build.errors import UserError
from derm1m_build.builddir import EXPORT_MARKER, TOOL, check_export_out, is_export_dir
from derm1m_build.hashing import sha256_bytes, sha256_file
from derm1m_build.store import (StageStore, atomic_write_bytes, atomic_write_text, read_json, table_to_parquet_bytes,
                                write_json)

FORMATS = ("webdataset", "parquet", "croissant")
LICENSE_CLASSES = ("commercial", "noncommercial", "all")
COMMERCIAL = frozenset({"CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-ND-4.0", "CC-BY-3.0", "public-domain"})
NONCOMMERCIAL = COMMERCIAL | {"CC-BY-NC-4.0", "CC-BY-NC-SA-4.0", "CC-BY-NC-ND-4.0", "CC-BY-NC-3.0"}
MIME = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def license_allows(license: str, cls: str) -> bool:
    if cls == "all":
        return True
    return license in (COMMERCIAL if cls == "commercial" else NONCOMMERCIAL)


def redistributable(meta: dict[str, Any]) -> bool:
    return str(meta.get("redistributable", "true")).strip().lower() not in ("false", "0", "no")


def export_rows(build: Path, license_class: str) -> list[dict[str, Any]]:
    """captions.csv rows in file order, filtered by licence, each with `redistributable` and `meta`."""
    ds = Path(build) / "dataset"
    cap = ds / "captions.csv"
    if not cap.exists():
        raise UserError(f"{cap} not found; run `derm1m-build run` for {build} first")
    metas: dict[str, str] = {}
    store = StageStore(Path(build) / "work", "split")
    if store.manifest():
        for _, t in store.iter_tables(["sample_id", "meta"]):
            metas.update(zip(t.column("sample_id").to_pylist(), t.column("meta").to_pylist()))
    with open(cap, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in rows:
        if not license_allows(r["license"], license_class):
            continue
        meta = parse_meta(metas.get(r["sample_id"]))
        out.append({**r, "meta": meta, "redistributable": redistributable(meta)})
    return out


def _tar_member(tf: tarfile.TarFile, name: str, data: bytes) -> None:
    ti = tarfile.TarInfo(name)
    ti.size, ti.mtime, ti.mode, ti.uid, ti.gid, ti.uname, ti.gname = len(data), 0, 0o444, 0, 0, "", ""
    tf.addfile(ti, io.BytesIO(data))


def _sample_json(r: dict[str, Any], key: str, has_image: bool) -> dict[str, Any]:
    """img2dataset's per-sample json fields (key, url, status) plus every captions.csv column; the .txt
    member holds `truncated_caption`, the text Derm1M trains on."""
    return {"key": key, "url": r["source_url"], "status": "success" if has_image else "not_redistributable",
            **{c: r[c] for c in CSV_COLUMNS}, "redistributable": r["redistributable"]}


def _chunks(rows: list[dict], n: int) -> Iterator[tuple[int, list[dict]]]:
    for i in range(0, max(len(rows), 1), n):
        yield i // n, rows[i:i + n]


def write_webdataset(build: Path, out: Path, rows: list[dict], shard_size: int = 1000) -> list[Path]:
    """Tar shards `{split}/{shard:05d}.tar`, members `key.jpg`, `key.txt`, `key.json` as img2dataset writes
    them; keys are img2dataset's (shard number, then index within the shard, 9 digits)."""
    ds = Path(build) / "dataset"
    written = []
    for split in SPLITS:
        srows = [r for r in rows if r["split"] == split]
        if not srows:
            continue
        for shard, chunk in _chunks(srows, shard_size):
            path = out / split / f"{shard:05d}.tar"
            buf = io.BytesIO()
            with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tf:
                for i, r in enumerate(chunk):
                    key = f"{shard:05d}{i:04d}"
                    has_image = r["redistributable"]
                    if has_image:
                        ext = r["filename"].rsplit(".", 1)[-1]
                        _tar_member(tf, f"{key}.{ext}", (ds / r["filename"]).read_bytes())
                    _tar_member(tf, f"{key}.txt", r["truncated_caption"].encode("utf-8"))
                    _tar_member(tf, f"{key}.json", json.dumps(_sample_json(r, key, has_image), sort_keys=True,
                                                             ensure_ascii=False).encode("utf-8"))
            atomic_write_bytes(path, buf.getvalue())
            written.append(path)
    return written


HF_FEATURES = {"image": {"_type": "Image"}, "redistributable": {"dtype": "bool", "_type": "Value"},
               **{c: {"dtype": "string", "_type": "Value"} for c in CSV_COLUMNS}}


def write_parquet(build: Path, out: Path, rows: list[dict]) -> list[Path]:
    """`data/{split}-00000-of-00001.parquet` with an `image` column Hugging Face `datasets` decodes (its
    Image feature is declared in the schema metadata); images that may not be redistributed are null."""
    ds = Path(build) / "dataset"
    image_type = pa.struct([("bytes", pa.binary()), ("path", pa.string())])
    schema = pa.schema([("image", image_type), *[(c, pa.string()) for c in CSV_COLUMNS],
                        ("redistributable", pa.bool_())],
                       metadata={"huggingface": json.dumps({"info": {"features": HF_FEATURES}}, sort_keys=True)})
    written = []
    for split in SPLITS:
        srows = [r for r in rows if r["split"] == split]
        if not srows:
            continue
        cols: dict[str, list] = {"image": [{"bytes": (ds / r["filename"]).read_bytes(), "path": r["filename"]}
                                           if r["redistributable"] else None for r in srows]}
        for c in CSV_COLUMNS:
            cols[c] = [r[c] for r in srows]
        cols["redistributable"] = [r["redistributable"] for r in srows]
        path = out / "data" / f"{split}-00000-of-00001.parquet"
        atomic_write_bytes(path, table_to_parquet_bytes(pa.Table.from_pydict(cols, schema=schema)))
        written.append(path)
    return written


CROISSANT_CONTEXT = {
    "@language": "en", "@vocab": "https://schema.org/", "citeAs": "cr:citeAs", "column": "cr:column",
    "conformsTo": "dct:conformsTo", "cr": "http://mlcommons.org/croissant/", "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"}, "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/", "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract", "field": "cr:field", "fileProperty": "cr:fileProperty", "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet", "format": "cr:format", "includes": "cr:includes", "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath", "key": "cr:key", "md5": "cr:md5", "parentField": "cr:parentField", "path": "cr:path",
    "recordSet": "cr:recordSet", "references": "cr:references", "regex": "cr:regex", "repeated": "cr:repeated",
    "replace": "cr:replace", "sc": "https://schema.org/", "separator": "cr:separator", "source": "cr:source",
    "subField": "cr:subField", "transform": "cr:transform",
}


def write_croissant(build: Path, out: Path, rows: list[dict], name: str) -> list[Path]:
    """`croissant.json` (Croissant 1.0 JSON-LD) beside a filtered `captions.csv` and the `images/` it may
    carry. Rows whose image may not be redistributed keep an empty `filename` and their `source_url`."""
    ds = Path(build) / "dataset"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    exts = set()
    for r in rows:
        if r["redistributable"]:
            dst = out / r["filename"]
            if not dst.exists():
                dst.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(ds / r["filename"], dst)
            exts.add(r["filename"].rsplit(".", 1)[-1])
        w.writerow([r[c] if (c != "filename" or r["redistributable"]) else "" for c in CSV_COLUMNS])
    data = buf.getvalue().encode("utf-8")
    atomic_write_bytes(out / "captions.csv", data)
    licenses = sorted({r["license"] for r in rows})
    fields = [{"@type": "cr:Field", "@id": f"pairs/{c}", "name": c, "description": f"captions.csv column {c}",
               "dataType": "sc:Text", "source": {"fileObject": {"@id": "captions.csv"}, "extract": {"column": c}}}
              for c in CSV_COLUMNS]
    fields.insert(0, {"@type": "cr:Field", "@id": "pairs/image", "name": "image", "dataType": "sc:ImageObject",
                      "description": "the image file named by `filename` (absent where the source forbids "
                                     "redistribution)",
                      "source": {"fileSet": {"@id": "images"}, "extract": {"fileProperty": "content"}},
                      "references": {"field": {"@id": "pairs/filename"}}})
    meta = {
        "@context": CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": name,
        "description": "Dermatology image-text pairs in Derm1M's format, built by derm1m-build from public "
                       "sources; each row names its source, source URL and licence.",
        "license": licenses,
        "url": "captions.csv",
        "version": __version__,
        "distribution": [
            {"@type": "cr:FileObject", "@id": "captions.csv", "name": "captions.csv", "contentUrl": "captions.csv",
             "encodingFormat": "text/csv", "sha256": sha256_bytes(data)},
            {"@type": "cr:FileSet", "@id": "images", "name": "images", "description": "content-addressed images",
             "encodingFormat": sorted({MIME.get(e, "application/octet-stream") for e in exts}) or ["image/jpeg"],
             "includes": [f"images/*/*.{e}" for e in sorted(exts)] or ["images/*/*.jpg"]},
        ],
        "recordSet": [{"@type": "cr:RecordSet", "@id": "pairs", "name": "pairs", "key": {"@id": "pairs/sample_id"},
                       "description": "one image-text pair per row of captions.csv", "field": fields}],
    }
    path = out / "croissant.json"
    atomic_write_text(path, json.dumps(meta, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return [path, out / "captions.csv"]


def export(build: Path, fmt: str, license_class: str, out: Path | None = None, shard_size: int = 1000,
           name: str = "derm1m-build dataset") -> tuple[Path, int, int]:
    """Write one export; returns (folder, rows, images left out).

    The export is written into a hidden temporary folder beside `out` and renamed into place only when
    complete, with its own `export.json` (what made it, every file's sha256): a killed export never
    sits at `out` looking finished, and an earlier export stays whole until the new one replaces it.
    `out` must be new, empty or an earlier export (never the build, nor a folder of the user's).
    """
    if fmt not in FORMATS:
        raise UserError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if license_class not in LICENSE_CLASSES:
        raise UserError(f"--license {license_class!r}: choose one of {', '.join(LICENSE_CLASSES)}")
    build = Path(build)
    out = Path(out) if out else build / "export" / f"{fmt}-{license_class}"
    check_export_out(out, build)
    rows = export_rows(build, license_class)
    left_out = sum(1 for r in rows if not r["redistributable"])
    params = {"format": fmt, "license": license_class, "shard_size": shard_size, "name": name}
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UserError(f"cannot create {out.parent}: {e.strerror}; choose a writable --out") from None
    _clean_stale_temps(out)
    tmp = out.parent / f".{out.name}{EXPORT_TMP}{os.getpid()}"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir()
    marker = {"made_by": TOOL, "kind": "export", "complete": False, "build": str(build.resolve()), **params}
    write_json(tmp / EXPORT_MARKER, marker)  # first: the folder is ours, and not finished
    if fmt == "webdataset":
        write_webdataset(build, tmp, rows, shard_size)
    elif fmt == "parquet":
        write_parquet(build, tmp, rows)
    else:
        write_croissant(build, tmp, rows, name)
    files = sorted(p for p in tmp.rglob("*") if p.is_file() and p.name != EXPORT_MARKER)
    write_json(tmp / EXPORT_MARKER, {
        **marker, "complete": True, "rows": len(rows), "images_left_out": left_out,
        "dataset_digest": _dataset_digest(build),
        "files": {str(p.relative_to(tmp)).replace(os.sep, "/"): sha256_file(p) for p in files}})
    _swap_into_place(tmp, out)
    _record_export(build, out, params)
    return out, len(rows), left_out


EXPORT_TMP = ".export-tmp-"
EXPORT_OLD = ".export-old-"


def _clean_stale_temps(out: Path) -> None:
    """Remove what a killed export into `out` left: only hidden folders with our names and our marker."""
    for pattern in (f".{out.name}{EXPORT_TMP}*", f".{out.name}{EXPORT_OLD}*"):
        for p in out.parent.glob(pattern):
            if p.is_dir() and not p.is_symlink() and is_export_dir(p):
                shutil.rmtree(p, ignore_errors=True)


def _swap_into_place(tmp: Path, out: Path) -> None:
    old = None
    if out.exists():
        if any(out.iterdir()):
            old = out.parent / f".{out.name}{EXPORT_OLD}{os.getpid()}"
            os.replace(out, old)  # an earlier export of ours (check_export_out made sure)
        else:
            out.rmdir()
    os.replace(tmp, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


EXPORTS_FILE = "exports.json"


def _record_export(build: Path, out: Path, params: dict[str, Any]) -> None:
    """The build remembers its exports, so a takedown can redo them."""
    p = build / EXPORTS_FILE
    try:
        known = read_json(p) if p.exists() else {}
    except (OSError, ValueError):
        known = {}
    known[str(out.resolve())] = params
    write_json(p, dict(sorted(known.items())))


def _dataset_digest(build: Path) -> str:
    """What the dataset was made from (its manifest's input digest: the rows, the takedown list)."""
    try:
        return read_json(Path(build) / "dataset" / "manifest.json").get("input_digest", "")
    except (OSError, ValueError):
        return ""


def redo_stale_exports(build: Path) -> list[Path]:
    """Export again every export this build made whose dataset has changed since (e.g. rows taken down),
    with the same format, licence and shard size. Returns the folders redone."""
    now = _dataset_digest(build)
    done = []
    for folder, params in sorted(known_exports(build).items()):
        f = Path(folder)
        try:
            m = read_json(f / EXPORT_MARKER)
        except (OSError, ValueError):
            continue
        if m.get("made_by") != TOOL or m.get("dataset_digest") == now:
            continue
        export(build, params["format"], params["license"], f, params.get("shard_size", 1000),
               params.get("name", "derm1m-build dataset"))
        done.append(f)
    return done


def known_exports(build: Path) -> dict[str, dict[str, Any]]:
    try:
        return read_json(Path(build) / EXPORTS_FILE)
    except (OSError, ValueError):
        return {}


def verify_export(folder: Path) -> list[str]:
    """Problems with an export folder (empty = complete and every file as written)."""
    folder = Path(folder)
    try:
        m = read_json(folder / EXPORT_MARKER)
    except (OSError, ValueError):
        return [f"{folder / EXPORT_MARKER}: missing or not JSON (not an export)"]
    if not m.get("complete"):
        return [f"{folder}: export did not finish (export.json says complete: false)"]
    problems = []
    files = m.get("files", {})
    for rel, sha in sorted(files.items()):
        p = folder / rel
        if not p.is_file():
            problems.append(f"{rel}: missing")
        elif sha256_file(p) != sha:
            problems.append(f"{rel}: sha256 differs from export.json")
    on_disk = {str(p.relative_to(folder)).replace(os.sep, "/") for p in folder.rglob("*")
               if p.is_file() and p.name != EXPORT_MARKER}
    problems += [f"{rel}: not in export.json" for rel in sorted(on_disk - set(files))]
    return problems
