"""`derm1m-build verify DIR`: is this dataset what its manifest says, and is it leak-free?"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from derm1m_build.dataset.writer import CSV_COLUMNS, SPLITS
from derm1m_build.hashing import sha256_file
from derm1m_build.store import read_json


def find_dataset(path: Path) -> Path:
    path = Path(path)
    if (path / "dataset" / "manifest.json").exists():
        return path / "dataset"
    return path


def verify(path: Path, decode_images: bool = True) -> list[str]:
    """Problems found, one line each (empty = the dataset checks out)."""
    from derm1m_build.errors import ItemError
    from derm1m_build.images import decode

    from derm1m_build.builddir import EXPORT_MARKER
    from derm1m_build.dataset.export import verify_export

    if (Path(path) / EXPORT_MARKER).is_file() and not (Path(path) / "dataset").exists():
        return verify_export(path)
    ds = find_dataset(path)
    problems: list[str] = []
    mpath = ds / "manifest.json"
    if not mpath.exists():
        return [f"{mpath}: missing (not a dataset directory)"]
    try:
        manifest = read_json(mpath)
    except ValueError:
        return [f"{mpath}: not valid JSON"]
    files = manifest.get("files", {})
    for rel, sha in sorted(files.items()):
        p = ds / rel
        if not p.exists():
            problems.append(f"{rel}: missing")
            continue
        got = sha256_file(p)
        if got != sha:
            problems.append(f"{rel}: sha256 differs from manifest")
        named = _content_name(rel)
        if named is not None and named != got:
            problems.append(f"{rel}: content does not match its name (sha256 {got[:16]}...)")
    on_disk = {str(p.relative_to(ds)) for p in ds.rglob("*") if p.is_file() and p.name != "manifest.json"}
    for rel in sorted(on_disk - set(files)):
        problems.append(f"{rel}: not in manifest")
    cap = ds / "captions.csv"
    if not cap.exists():
        return problems + ["captions.csv: missing"]
    try:
        table = _read_csv_columns(cap)
    except ValueError as e:
        return problems + [f"captions.csv: {e}"]
    # "line N": the row's number, counting the header as line 1 (a caption may span several text lines)
    row_problems: list[tuple[int, int, str]] = []  # (line, order within the line, message)
    fn_enc = pc.dictionary_encode(table["filename"]).combine_chunks()
    _, first = np.unique(np.asarray(fn_enc.indices), return_index=True)
    for idx, fn in zip(first.tolist(), fn_enc.dictionary.to_pylist()):
        p = ds / fn
        if not p.exists():
            row_problems.append((idx + 2, 0, f"captions.csv line {idx + 2}: {fn} does not exist"))
        elif decode_images:
            try:
                decode(p.read_bytes())
            except ItemError as e:
                row_problems.append((idx + 2, 0, f"captions.csv line {idx + 2}: {fn} does not decode ({e.reason})"))
    ids = table["sample_id"]
    if pc.count_distinct(ids).as_py() != table.num_rows:
        vc = pc.value_counts(ids)
        dup = [v["values"] for v in vc.to_pylist() if v["counts"] > 1]
        problems.append(f"captions.csv: {len(dup)} sample_id(s) appear more than once (e.g. {sorted(dup)[0]})")
    counts = manifest.get("counts", {})
    if "rows" in counts and counts["rows"] != table.num_rows:
        problems.append(f"captions.csv: {table.num_rows} rows, the manifest says {counts['rows']}")
    split = table["split"]
    bad = np.flatnonzero(~np.asarray(pc.fill_null(pc.is_in(split, pa.array(SPLITS)), False)))
    for i, value in zip(bad.tolist(), split.take(pa.array(bad, pa.int64())).to_pylist()):
        row_problems.append((i + 2, 1, f"captions.csv line {i + 2}: split {value!r} is not one of {SPLITS}"))
    problems += [m for _, _, m in sorted(row_problems)]
    problems += leak_problems(ds, table)
    if (ds.parent / "work").is_dir() and ds.name == "dataset":
        problems += build_problems(ds.parent, manifest, table.num_rows)
    return problems


def _content_name(rel: str) -> str | None:
    """The sha256 a content-addressed file (`images/ab/<sha256>.<ext>`) must hash to, else None."""
    parts = rel.split("/")
    if len(parts) == 3 and parts[0] == "images":
        stem = parts[2].split(".", 1)[0]
        if len(stem) == 64 and parts[1] == stem[:2]:
            return stem
    return None


def build_problems(build: Path, manifest: dict, rows: int) -> list[str]:
    """The work shards of the build behind a dataset: each shard against its recorded sha256, each
    manifest against the shards that finished, and the dataset's rows against the split stage's."""
    from derm1m_build.store import StageStore
    from derm1m_build.workcheck import work_problems

    problems = work_problems(build)
    m = StageStore(build / "work", "split").manifest()
    if m is not None and not problems:
        removed = int(manifest.get("takedown", {}).get("removed_rows", 0))
        if m["rows_out"] - removed != rows:
            problems.append(f"captions.csv: {rows} rows, but work/split has {m['rows_out']}"
                            + (f" less {removed} taken down" if removed else ""))
    return problems


_NEEDED = ("sample_id", "group_id", "split", "source", "filename")


def _read_csv_columns(path: Path) -> pa.Table:
    """The columns verify reads, as strings, in Arrow (a million rows as a few columns of buffers, not a
    dict per row). ValueError names missing columns or an unreadable file."""
    import pyarrow.csv as pacsv

    with open(path, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f), [])
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise ValueError(f"missing column(s) {missing}")
    try:
        return pacsv.read_csv(
            path, parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(include_columns=list(_NEEDED),
                                                 column_types={c: pa.string() for c in _NEEDED},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False))
    except (pa.ArrowInvalid, OSError) as e:
        raise ValueError(f"cannot be read ({str(e).splitlines()[0][:200]})") from None


def leak_problems(ds: Path, table: pa.Table) -> list[str]:
    """Leakage over every tie. The CSV carries group_id; near-duplicate clusters and patient/lesion ids
    come from the build's work/split shards when the dataset sits in its build directory."""
    from derm1m_build.dataset.leakage import find_leaks, leaking_rows
    from derm1m_build.store import StageStore

    store = StageStore(ds.parent / "work", "split")
    meta_keys = _tie_meta_keys(ds.parent)
    table = table.select(["sample_id", "group_id", "split", "source"])
    if store.manifest():
        ties = pa.concat_tables([t for _, t in store.iter_tables(["sample_id", "dup_cluster", "meta"])])
        if ties["sample_id"].equals(table["sample_id"]):
            # the writer wrote the split shards' rows in order: row i is row i (no join to hold in memory)
            table = table.append_column("dup_cluster", ties["dup_cluster"]).append_column("meta", ties["meta"])
        else:  # rows added, dropped or moved by hand: match them by sample_id
            order = pa.array(np.arange(table.num_rows))
            joined = table.append_column("_row", order).join(ties, "sample_id", join_type="left outer")
            table = joined.sort_by("_row").drop_columns(["_row"])
        del ties
    codes = np.asarray(pc.fill_null(pc.index_in(table["split"], pa.array(SPLITS)), -1))
    bad = leaking_rows(table, codes, meta_keys)
    if not len(bad):
        return []
    rows = table.take(pa.array(bad, pa.int64())).to_pylist()
    return find_leaks(rows, meta_keys)


def _tie_meta_keys(build: Path) -> tuple[str, ...]:
    """The tie keys the split stage used (recorded in its state), else the defaults."""
    from derm1m_build.dataset.leakage import DEFAULT_TIE_META_KEYS

    try:
        return tuple(read_json(build / "work" / "split" / "_ties.json")["tie_meta_keys"])
    except (OSError, ValueError, KeyError):
        return DEFAULT_TIE_META_KEYS
