"""`derm1m-build verify DIR`: is this dataset what its manifest says, and is it leak-free?"""

from __future__ import annotations

import csv
from pathlib import Path

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
        elif sha256_file(p) != sha:
            problems.append(f"{rel}: sha256 differs from manifest")
    on_disk = {str(p.relative_to(ds)) for p in ds.rglob("*") if p.is_file() and p.name != "manifest.json"}
    for rel in sorted(on_disk - set(files)):
        problems.append(f"{rel}: not in manifest")
    cap = ds / "captions.csv"
    if not cap.exists():
        return problems + ["captions.csv: missing"]
    with open(cap, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        header = reader.fieldnames or []
        missing = [c for c in CSV_COLUMNS if c not in header]
        if missing:
            problems.append(f"captions.csv: missing column(s) {missing}")
            return problems
        split_rows: list[dict[str, str]] = []
        checked: set[str] = set()
        for i, row in enumerate(reader, start=2):
            fn = row["filename"]
            if fn not in checked:
                checked.add(fn)
                p = ds / fn
                if not p.exists():
                    problems.append(f"captions.csv line {i}: {fn} does not exist")
                elif decode_images:
                    try:
                        decode(p.read_bytes())
                    except ItemError as e:
                        problems.append(f"captions.csv line {i}: {fn} does not decode ({e.reason})")
            if row["split"] not in SPLITS:
                problems.append(f"captions.csv line {i}: split {row['split']!r} is not one of {SPLITS}")
            split_rows.append({"sample_id": row["sample_id"], "group_id": row["group_id"], "split": row["split"],
                               "source": row["source"]})
    problems += leak_problems(ds, split_rows)
    return problems


def leak_problems(ds: Path, split_rows: list[dict[str, str]]) -> list[str]:
    """Leakage over every tie. The CSV carries group_id; near-duplicate clusters and patient/lesion ids
    come from the build's work/split shards when the dataset sits in its build directory."""
    from derm1m_build.dataset.leakage import find_leaks
    from derm1m_build.store import StageStore

    store = StageStore(ds.parent / "work", "split")
    meta_keys = _tie_meta_keys(ds.parent)
    if store.manifest():
        ties = {}
        for _, t in store.iter_tables(["sample_id", "dup_cluster", "meta"]):
            for r in t.to_pylist():
                ties[r["sample_id"]] = r
        split_rows = [{**ties.get(r["sample_id"], {}), **r} for r in split_rows]
    return find_leaks(split_rows, meta_keys)


def _tie_meta_keys(build: Path) -> tuple[str, ...]:
    """The tie keys the split stage used (recorded in its state), else the defaults."""
    from derm1m_build.dataset.leakage import DEFAULT_TIE_META_KEYS

    try:
        return tuple(read_json(build / "work" / "split" / "_ties.json")["tie_meta_keys"])
    except (OSError, ValueError, KeyError):
        return DEFAULT_TIE_META_KEYS
