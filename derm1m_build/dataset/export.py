"""`derm1m-build export`: the dataset as WebDataset shards, Parquet, or a Croissant description.

Rows are chosen by licence class (`derm1m_build.licences`: `commercial`, licences that allow commercial
reuse, versioned or not; `noncommercial`: any known open licence, NC included; `all`: every row, unknown
licences too). A row whose source
forbids redistributing the image (`"redistributable": false` in its meta) keeps its text and source
URL, but its image file is left out. Output bytes depend only on the build: tar members carry fixed
times and owners, Parquet is written with fixed options.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import tarfile
from pathlib import Path
from typing import Any, Iterator

import pyarrow as pa

from derm1m_build import __version__, licences
from derm1m_build.dataset.leakage import parse_meta
from derm1m_build.dataset.writer import CSV_COLUMNS, SPLITS
from derm1m_build.errors import UserError
from derm1m_build.hashing import sha256_bytes
from derm1m_build.store import StageStore, atomic_write_bytes, atomic_write_text, table_to_parquet_bytes

FORMATS = ("webdataset", "parquet", "croissant")
LICENSE_CLASSES = ("commercial", "noncommercial", "all")
MIME = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}


def license_allows(license: str, cls: str) -> bool:
    return licences.allows(license, cls)


def redistributable(meta: dict[str, Any]) -> bool:
    return str(meta.get("redistributable", "true")).strip().lower() not in ("false", "0", "no")


def export_rows(build: Path, license_class: str) -> list[dict[str, Any]]:
    """captions.csv rows in file order, filtered by licence, each with `redistributable` and `meta`."""
    ds = Path(build) / "dataset"
    cap = ds / "captions.csv"
    if not cap.exists():
        raise UserError(f"{cap} not found; run `derm1m-build run` for {build} first")
    metas: dict[str, str] = {}
    faces: dict[str, str] = {}
    store = StageStore(Path(build) / "work", "split")
    if store.manifest():
        for _, t in store.iter_tables(["sample_id", "meta", "face"]):
            ids = t.column("sample_id").to_pylist()
            metas.update(zip(ids, t.column("meta").to_pylist()))
            faces.update(zip(ids, t.column("face").to_pylist()))
    with open(cap, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    out = []
    for r in rows:
        if not license_allows(r["license"], license_class):
            continue
        meta = parse_meta(metas.get(r["sample_id"]))
        out.append({**r, "meta": meta, "face": faces.get(r["sample_id"]) or "none",
                    "redistributable": redistributable(meta)})
    return out


def _tar_member(tf: tarfile.TarFile, name: str, data: bytes) -> None:
    ti = tarfile.TarInfo(name)
    ti.size, ti.mtime, ti.mode, ti.uid, ti.gid, ti.uname, ti.gname = len(data), 0, 0o444, 0, 0, "", ""
    tf.addfile(ti, io.BytesIO(data))


def _sample_json(r: dict[str, Any], key: str, has_image: bool, converted_from: str | None) -> dict[str, Any]:
    """img2dataset's per-sample json fields (key, url, status) plus every captions.csv column; the .txt
    member holds `truncated_caption`, the text Derm1M trains on. `image_converted_from` names the stored
    format when the `.jpg` member was re-encoded from it."""
    out = {"key": key, "url": r["source_url"], "status": "success" if has_image else "not_redistributable",
           **{c: r[c] for c in CSV_COLUMNS}, "redistributable": r["redistributable"]}
    if converted_from:
        out["image_converted_from"] = converted_from
    return out


def _chunks(rows: list[dict], n: int) -> Iterator[tuple[int, list[dict]]]:
    for i in range(0, max(len(rows), 1), n):
        yield i // n, rows[i:i + n]


JPEG_QUALITY = 95


def as_jpeg(path: Path) -> tuple[bytes, str | None]:
    """The image as JPEG bytes, and the format it was converted from (None when it already was a JPEG).

    WebDataset pipelines select members by extension (`.to_tuple("jpg", "txt")`), so every sample's image
    goes under one key. A PNG/WebP is re-encoded once (RGB, quality 95, 4:4:4, no metadata): PIL's encoder
    is deterministic, so the export stays byte-identical across runs."""
    data = path.read_bytes()
    ext = path.suffix.lower().lstrip(".")
    if ext in ("jpg", "jpeg"):
        return data, None
    from PIL import Image

    with Image.open(io.BytesIO(data)) as im:
        im = im.convert("RGBA") if im.mode in ("P", "LA") else im
        if im.mode == "RGBA":  # flatten transparency onto white, as viewers show it
            bg = Image.new("RGB", im.size, (255, 255, 255))
            bg.paste(im, mask=im.getchannel("A"))
            im = bg
        buf = io.BytesIO()
        im.convert("RGB").save(buf, "JPEG", quality=JPEG_QUALITY, subsampling=0)
    return buf.getvalue(), ext


def write_webdataset(build: Path, out: Path, rows: list[dict], shard_size: int = 1000,
                     images_only: bool = False) -> list[Path]:
    """Tar shards `{split}/{shard:05d}.tar`, members `key.jpg`, `key.txt`, `key.json` as img2dataset writes
    them; keys are img2dataset's (shard number, then index within the shard, 9 digits). Every image is a
    `.jpg` member (converted where stored otherwise); with `images_only`, rows whose image may not be
    redistributed are left out, so `.to_tuple("jpg", "txt")` holds for every sample."""
    ds = Path(build) / "dataset"
    written = []
    for split in SPLITS:
        srows = [r for r in rows if r["split"] == split and (r["redistributable"] or not images_only)]
        if not srows:
            continue
        for shard, chunk in _chunks(srows, shard_size):
            path = out / split / f"{shard:05d}.tar"
            buf = io.BytesIO()
            with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as tf:
                for i, r in enumerate(chunk):
                    key = f"{shard:05d}{i:04d}"
                    has_image = r["redistributable"]
                    converted = None
                    if has_image:
                        data, converted = as_jpeg(ds / r["filename"])
                        _tar_member(tf, f"{key}.jpg", data)
                    _tar_member(tf, f"{key}.txt", r["truncated_caption"].encode("utf-8"))
                    _tar_member(tf, f"{key}.json", json.dumps(_sample_json(r, key, has_image, converted),
                                                             sort_keys=True, ensure_ascii=False).encode("utf-8"))
            atomic_write_bytes(path, buf.getvalue())
            written.append(path)
    return written


# The columns a Hub viewer and `datasets` see: the image, every captions.csv column as text except
# `split`, a ClassLabel, and whether the image may be redistributed.
SPLIT_NAMES = list(SPLITS)
HF_FEATURES = {"image": {"_type": "Image"},
               **{c: ({"names": SPLIT_NAMES, "_type": "ClassLabel"} if c == "split"
                      else {"dtype": "string", "_type": "Value"}) for c in CSV_COLUMNS},
               "redistributable": {"dtype": "bool", "_type": "Value"}}


def _hf_schema() -> pa.Schema:
    image_type = pa.struct([("bytes", pa.binary()), ("path", pa.string())])
    return pa.schema([("image", image_type),
                      *[(c, pa.int64() if c == "split" else pa.string()) for c in CSV_COLUMNS],
                      ("redistributable", pa.bool_())],
                     metadata={"huggingface": json.dumps({"info": {"features": HF_FEATURES}}, sort_keys=True)})


def write_parquet(build: Path, out: Path, rows: list[dict], name: str = "derm1m-build dataset") -> list[Path]:
    """`data/{split}-00000-of-00001.parquet` with explicit `datasets` features (Image, Value, ClassLabel for
    the split) in the schema metadata, and a dataset card `README.md` whose YAML front matter declares the
    same features, the configs and the licences, as the Hub viewer reads it. Images that may not be
    redistributed are null."""
    ds = Path(build) / "dataset"
    schema = _hf_schema()
    written = []
    counts = {}
    for split in SPLITS:
        srows = [r for r in rows if r["split"] == split]
        if not srows:
            continue
        counts[split] = len(srows)
        cols: dict[str, list] = {"image": [{"bytes": (ds / r["filename"]).read_bytes(), "path": r["filename"]}
                                           if r["redistributable"] else None for r in srows]}
        for c in CSV_COLUMNS:
            cols[c] = [SPLIT_NAMES.index(r[c]) for r in srows] if c == "split" else [r[c] for r in srows]
        cols["redistributable"] = [r["redistributable"] for r in srows]
        path = out / "data" / f"{split}-00000-of-00001.parquet"
        atomic_write_bytes(path, table_to_parquet_bytes(pa.Table.from_pydict(cols, schema=schema)))
        written.append(path)
    card = out / "README.md"
    atomic_write_text(card, dataset_card(name, rows, counts))
    return [*written, card]


def _hf_licence(rows: list[dict]) -> dict[str, Any]:
    """The card's `license` field: one Hub id when every row has the same licence, else `other` with a name."""
    hub = {"CC0-1.0": "cc0-1.0", "CC-BY-4.0": "cc-by-4.0", "CC-BY-SA-4.0": "cc-by-sa-4.0",
           "CC-BY-NC-4.0": "cc-by-nc-4.0", "CC-BY-NC-SA-4.0": "cc-by-nc-sa-4.0", "CC-BY-ND-4.0": "cc-by-nd-4.0",
           "CC-BY-NC-ND-4.0": "cc-by-nc-nd-4.0", "CC-BY-3.0": "cc-by-3.0", "CC-BY-NC-3.0": "cc-by-nc-3.0"}
    lics = sorted({licences.canonical(r["license"]) for r in rows})
    if len(lics) == 1 and lics[0] in hub:
        return {"license": hub[lics[0]]}
    return {"license": "other", "license_name": "mixed-per-row",
            "license_link": "README.md"}


def _size_category(n: int) -> str:
    for limit, label in ((1_000, "n<1K"), (10_000, "1K<n<10K"), (100_000, "10K<n<100K"),
                         (1_000_000, "100K<n<1M"), (10_000_000, "1M<n<10M")):
        if n < limit:
            return label
    return "n>10M"


def _yaml_quote(v: str) -> str:
    return json.dumps(v, ensure_ascii=False)  # a JSON string is a valid YAML flow scalar


def dataset_card(name: str, rows: list[dict], counts: dict[str, int]) -> str:
    """README.md with the YAML front matter the Hugging Face Hub reads (licence, tasks, size, configs with
    data files, and dataset_info features matching the Parquet schema)."""
    lic = _hf_licence(rows)
    lines = ["---"]
    for k, v in lic.items():
        lines.append(f"{k}: {_yaml_quote(v)}")
    lines += ["language:", "- en", "task_categories:", "- image-to-text", "- zero-shot-image-classification",
              "tags:", "- medical", "- dermatology", "size_categories:", f"- {_size_category(len(rows))}",
              "configs:", "- config_name: default", "  data_files:"]
    for split in counts:
        lines += [f"  - split: {split}", f"    path: data/{split}-*.parquet"]
    lines += ["dataset_info:", "  features:", "  - name: image", "    dtype: image"]
    for c in CSV_COLUMNS:
        if c == "split":
            lines += [f"  - name: {c}", "    dtype:", "      class_label:", "        names:"]
            lines += [f"          '{i}': {n}" for i, n in enumerate(SPLIT_NAMES)]
        else:
            lines += [f"  - name: {c}", "    dtype: string"]
    lines += ["  - name: redistributable", "    dtype: bool", "  splits:"]
    for split, n in counts.items():
        lines += [f"  - name: {split}", f"    num_examples: {n}"]
    lines.append("---")
    by_lic: dict[str, int] = {}
    for r in rows:
        by_lic[r["license"]] = by_lic.get(r["license"], 0) + 1
    body = [
        "", f"# {name}", "",
        "Dermatology image-text pairs in Derm1M's format, built by derm1m-build from public sources. Each row "
        "names its source, source URL and licence; images whose source forbids redistribution are left out "
        "(`image` is null, `redistributable` is false).", "",
        "```python", "from datasets import load_dataset",
        'ds = load_dataset("parquet", data_dir="data", split="train", streaming=True)',
        'print(next(iter(ds))["truncated_caption"])', "```", "",
        "| licence | pairs | class |", "|---|---|---|",
        *[f"| {lic_} | {n} | {licences.licence_class(lic_)} |" for lic_, n in sorted(by_lic.items())], "",
    ]
    return "\n".join(lines + body)


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
    "samplingRate": "cr:samplingRate", "equivalentProperty": "cr:equivalentProperty",
}


def _rai(rows: list[dict]) -> dict[str, Any]:
    """Croissant's responsible-AI fields, filled from the rows exported (counts, not guesses)."""
    from collections import Counter

    from derm1m_build.dataset.stats import fitzpatrick

    n = len(rows)
    sources = Counter(r["source"] for r in rows)
    lics = Counter(r["license"] for r in rows)
    faces = Counter(r.get("face") or "none" for r in rows)
    forum = sources.get("forum", 0)
    tones = Counter(fitzpatrick(r.get("meta") or {}) or "unknown" for r in rows)
    known = n - tones.get("unknown", 0)
    tone_txt = ", ".join(f"{k} {v}" for k, v in sorted(tones.items()) if k != "unknown") or "none"
    return {
        "rai:dataCollection": "Harvested by derm1m-build from public sources ("
                              + ", ".join(f"{s} {c}" for s, c in sorted(sources.items()))
                              + " pairs); each row's source_url and licence say where it came from.",
        "rai:dataCollectionType": ["Web Scraping", "Secondary Data Analysis"],
        "rai:dataLimitations": "Condition and concept labels are assigned automatically from the text by "
                               "ontology matching, not by a dermatologist.",
        "rai:dataBiases": f"Skin tone (Fitzpatrick type) is stated by the source for {known} of {n} pairs "
                          f"({tone_txt}); it is never imputed, so skin-tone balance cannot be assessed for the rest.",
        "rai:personalSensitiveInformation": "Health information: photographs of patients' skin. Faces detected "
                                            f"by the filter are blurred or the image dropped ({faces.get('blurred', 0)} "
                                            f"exported images had a face blurred, {faces.get('kept', 0)} kept a face "
                                            f"by the recipe's choice); {forum} pairs come from public forum posts, whose "
                                            "text is scrubbed of e-mail addresses and handles. Image metadata "
                                            "(EXIF, XMP, IPTC) is removed.",
        "rai:dataUseCases": "Training and evaluating dermatology vision-language models (CLIP-style).",
        "rai:hasSyntheticData": False,
        "rai:dataReleaseMaintenancePlan": "Rebuilt from the recipe; takedown requests remove rows on the next build.",
        "rai:annotationsPerItem": "1 (automatic)",
        "rai:dataManipulationProtocol": "Licences per row: " + ", ".join(f"{k} {v}" for k, v in sorted(lics.items())),
    }


def write_croissant(build: Path, out: Path, rows: list[dict], name: str) -> list[Path]:
    """`croissant.json` (Croissant 1.0 JSON-LD) beside a filtered `captions.csv` and the `images/` it may
    carry. Rows whose image may not be redistributed keep an empty `filename` and their `source_url`.

    Two record sets: `images` (one per image file: its path inside the export and its content) and `pairs`
    (one per captions.csv row), joined on `filename` -> `images/filename`, so `mlcroissant` loads each pair
    with its decoded image."""
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
    for f in fields:
        if f["name"] == "filename":
            f["references"] = {"field": {"@id": "images/filename"}}
    fields.insert(0, {"@type": "cr:Field", "@id": "pairs/image", "name": "image", "dataType": "sc:ImageObject",
                      "description": "the image file named by `filename` (absent where the source forbids "
                                     "redistribution)",
                      "source": {"field": {"@id": "images/content"}}})
    image_fields = [
        {"@type": "cr:Field", "@id": "images/filename", "name": "filename", "dataType": "sc:Text",
         "description": "path of the image inside this export (captions.csv's filename)",
         "source": {"fileSet": {"@id": "image-files"}, "extract": {"fileProperty": "fullpath"}}},
        {"@type": "cr:Field", "@id": "images/content", "name": "content", "dataType": "sc:ImageObject",
         "description": "the image", "source": {"fileSet": {"@id": "image-files"},
                                                "extract": {"fileProperty": "content"}}},
    ]
    meta = {
        "@context": CROISSANT_CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "name": name,
        "description": "Dermatology image-text pairs in Derm1M's format, built by derm1m-build from public "
                       "sources; each row names its source, source URL and licence.",
        "citeAs": "derm1m-build dataset built with derm1m-build " + __version__,
        "license": licenses,
        "url": "captions.csv",
        "version": __version__,
        **_rai(rows),
        "distribution": [
            {"@type": "cr:FileObject", "@id": "captions.csv", "name": "captions.csv", "contentUrl": "captions.csv",
             "encodingFormat": "text/csv", "sha256": sha256_bytes(data)},
            {"@type": "cr:FileSet", "@id": "image-files", "name": "image-files",
             "description": "content-addressed images",
             "encodingFormat": sorted({MIME.get(e, "application/octet-stream") for e in exts}) or ["image/jpeg"],
             "includes": [f"images/*/*.{e}" for e in sorted(exts)] or ["images/*/*.jpg"]},
        ],
        "recordSet": [
            {"@type": "cr:RecordSet", "@id": "images", "name": "images", "key": {"@id": "images/filename"},
             "description": "one record per image file", "field": image_fields},
            {"@type": "cr:RecordSet", "@id": "pairs", "name": "pairs", "key": {"@id": "pairs/sample_id"},
             "description": "one image-text pair per row of captions.csv", "field": fields},
        ],
    }
    path = out / "croissant.json"
    atomic_write_text(path, json.dumps(meta, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return [path, out / "captions.csv"]


def export(build: Path, fmt: str, license_class: str, out: Path | None = None, shard_size: int = 1000,
           name: str = "derm1m-build dataset", images_only: bool = False) -> tuple[Path, int, int]:
    """Write one export; returns (folder, rows written, images left out: with `images_only`, their rows too)."""
    if fmt not in FORMATS:
        raise UserError(f"--format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if license_class not in LICENSE_CLASSES:
        raise UserError(f"--license {license_class!r}: choose one of {', '.join(LICENSE_CLASSES)}")
    build = Path(build)
    out = Path(out) if out else build / "export" / f"{fmt}-{license_class}"
    rows = export_rows(build, license_class)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if fmt == "webdataset":
        write_webdataset(build, out, rows, shard_size, images_only)
    elif fmt == "parquet":
        write_parquet(build, out, rows, name)
    else:
        write_croissant(build, out, rows, name)
    left_out = sum(1 for r in rows if not r["redistributable"])
    return out, len(rows) - (left_out if images_only else 0), left_out


