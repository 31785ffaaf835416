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
        group_split: dict[str, str] = {}
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
            g = row["group_id"]
            prev = group_split.setdefault(g, row["split"])
            if prev != row["split"]:
                problems.append(f"leak: group {g} is in both {prev} and {row['split']}")
                group_split[g] = row["split"]
    return problems
