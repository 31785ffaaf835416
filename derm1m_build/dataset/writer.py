"""The final writer: the only code that writes `OUT/dataset/`.

It streams the split stage's shards into `captions.csv` (Derm1M's released columns first, so Derm1M's
loader reads it unchanged), `splits/{train,val,test}.csv`, copies each kept image to its
content-addressed name, exports the ontology, and writes `manifest.json` with the sha256 of every file.
The new dataset is assembled beside the old one and swapped in by rename.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from pathlib import Path
from typing import Any

from derm1m_build import __version__
from derm1m_build.errors import UserError
from derm1m_build.hashing import digest_obj, sha256_file
from derm1m_build.stage import BuildContext
from derm1m_build.store import StageStore, manifest_shards_digest, read_json, write_json

DERM1M_COLUMNS = ["filename", "caption", "truncated_caption", "source", "source_type", "disease_label",
                  "hierarchical_disease_label", "skin_concept", "body_location", "symptoms", "age", "gender"]
EXTRA_COLUMNS = ["sample_id", "group_id", "split", "ontology_caption", "concept_caption", "source_url", "license",
                 "modality", "lang", "caption_backend"]
CSV_COLUMNS = DERM1M_COLUMNS + EXTRA_COLUMNS
SPLITS = ("train", "val", "test")


class _CsvOut:
    """One CSV file. Rows go in as tuples in CSV_COLUMNS order; the csv module writes None as an
    empty field and any other value as str(value)."""

    def __init__(self, path: Path):
        self.f = open(path, "w", encoding="utf-8", newline="")
        self.w = csv.writer(self.f, lineterminator="\n")
        self.w.writerow(CSV_COLUMNS)
        self.rows = 0

    def write_rows(self, rows: list[tuple]) -> None:
        self.w.writerows(rows)
        self.rows += len(rows)

    def close(self) -> None:
        self.f.close()


# Columns the build itself writes (content-addressed names, ids, split): never user text, left as they are.
_BUILD_COLUMNS = {"filename", "sample_id", "group_id", "split"}


def _csv_rows(table: Any) -> list[tuple]:
    """The table's rows as tuples in CSV_COLUMNS order, column by column (no dict per row).

    Every text value passes `texthygiene.csv_value`: invisible/bidi/control characters removed and a
    spreadsheet-formula lead (= + - @ tab CR) neutralised with one leading apostrophe (see texthygiene)."""
    from derm1m_build.texthygiene import csv_value

    n = table.num_rows
    cols = []
    for c in CSV_COLUMNS:
        col = table[c].to_pylist() if c in table.column_names else [None] * n
        cols.append(col if c in _BUILD_COLUMNS else [csv_value(v) for v in col])
    return list(zip(*cols))


def write_manifest(dataset: Path, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    files = sorted(p for p in dataset.rglob("*") if p.is_file() and p.name != "manifest.json")
    prev = {}
    if (dataset / "manifest.json").exists():
        prev = read_json(dataset / "manifest.json")
    m = {
        "package_version": __version__,
        "files": {str(p.relative_to(dataset)).replace(os.sep, "/"): sha256_file(p) for p in files},
        **{k: v for k, v in prev.items() if k not in ("files", "package_version")},
        **(extra or {}),
    }
    write_json(dataset / "manifest.json", m)
    return m


def update_manifest(dataset: Path, written: list[Path], removed: list[Path] = (),
                    extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Record the digests of the files a step just wrote (and forget the ones it removed), leaving every
    other entry as it was: a step never re-blesses a file it did not write, so a file changed behind the
    build's back stays a `verify` failure."""
    mpath = dataset / "manifest.json"
    if not mpath.exists():
        return write_manifest(dataset, extra)
    m = {**read_json(mpath), **(extra or {})}
    files = dict(m.get("files", {}))
    for p in removed:
        files.pop(str(Path(p).relative_to(dataset)).replace(os.sep, "/"), None)
    for p in written:
        files[str(Path(p).relative_to(dataset)).replace(os.sep, "/")] = sha256_file(p)
    m["files"] = dict(sorted(files.items()))
    write_json(mpath, m)
    return m


def dataset_digest(ctx: BuildContext, ontology_digest: str) -> str:
    m = StageStore(ctx.work, "split").manifest()
    if not m:
        raise UserError("stage 'split' has not finished; run `derm1m-build split` first")
    from derm1m_build.codedigest import code_digest

    return digest_obj({"split": manifest_shards_digest(m), "ontology": ontology_digest, "version": __version__,
                       "columns": CSV_COLUMNS, "code": code_digest([__name__])})


def write_dataset(ctx: BuildContext, ontology: Any, force: bool = False, removal: Any = None) -> dict[str, Any]:
    """Write dataset/ from work/split. Returns counts. Skips when nothing changed.

    `removal` (a `takedown.RemovalList`) drops the rows it names, and so their images, here and only
    here: every other row and file is written exactly as without it. How many were removed is recorded
    in the manifest (`takedown`), never which."""
    digest = dataset_digest(ctx, ontology.digest())
    if removal:
        digest = digest_obj({"dataset": digest, "removal": removal.digest()})
    final = ctx.dataset
    if not force and (final / "manifest.json").exists():
        try:
            if read_json(final / "manifest.json").get("input_digest") == digest:
                return {"up_to_date": True, **read_json(final / "manifest.json").get("counts", {})}
        except (OSError, ValueError):
            pass
    tmp = final.with_name(final.name + f".tmp-{os.getpid()}")
    if tmp.exists():
        shutil.rmtree(tmp)
    for stale in final.parent.glob(final.name + ".tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)
    (tmp / "splits").mkdir(parents=True)
    all_csv = _CsvOut(tmp / "captions.csv")
    split_csv = {s: _CsvOut(tmp / "splits" / f"{s}.csv") for s in SPLITS}
    images_src = ctx.images_dir
    counts: dict[str, Any] = {"rows": 0, "images": 0, "splits": {s: 0 for s in SPLITS}}
    purge_rows: dict[str, set[str]] = {}
    purge_files: set[str] = set()
    kept_files: set[str] = set()
    try:
        for key, table in StageStore(ctx.work, "split").iter_tables():
            if removal:
                gone = table.filter(removal.mask(table))
                if gone.num_rows:
                    purge_rows[key] = set(gone["sample_id"].to_pylist())
                    purge_files.update(gone["filename"].to_pylist())
                table, n = removal.apply(table)
                counts["removed"] = counts.get("removed", 0) + n
                kept_files.update(table["filename"].to_pylist())
            for fn in dict.fromkeys(table["filename"].to_pylist()):  # each image once, in row order
                dst = tmp / fn
                if not dst.exists():
                    src = images_src / fn[len("images/"):]
                    dst.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(src, dst)
                    counts["images"] += 1
            rows = _csv_rows(table)
            splits = table["split"].to_pylist()
            unknown = set(splits) - set(SPLITS)
            if unknown:
                raise UserError(f"work/split holds rows with split {sorted(map(str, unknown))[0]!r}; "
                                "rerun `derm1m-build split --force`")
            all_csv.write_rows(rows)
            for name in SPLITS:
                part = [r for r, sp in zip(rows, splits) if sp == name]
                split_csv[name].write_rows(part)
                counts["splits"][name] += len(part)
            counts["rows"] += len(rows)
    finally:
        all_csv.close()
        for c in split_csv.values():
            c.close()
    (tmp / "ontology.json").write_text(json.dumps(ontology.derm1m_json(), indent=2, ensure_ascii=False) + "\n",
                                       encoding="utf-8")
    (tmp / "ontology_full.json").write_text(json.dumps(ontology.full_json(), indent=2, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
    removed = counts.pop("removed", 0)
    extra = {"input_digest": digest, "counts": counts}
    if removal:
        from derm1m_build.purge import purge_caches

        # the removed rows' files leave the caches too (raw/, images/); how many, never which
        purged = purge_caches(ctx, removal, purge_rows, kept_files, purge_files)
        extra["takedown"] = {"removed_rows": removed, "list_digest": removal.digest(), "purged_files": purged}
    write_manifest(tmp, extra)
    old = final.with_name(final.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if final.exists():
        os.replace(final, old)
    os.replace(tmp, final)
    if old.exists():
        shutil.rmtree(old)
    return counts


def read_captions_bytes(path: Path) -> io.StringIO:
    return io.StringIO(path.read_text(encoding="utf-8"))
