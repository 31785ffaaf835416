"""The dataset importers' folder index: one walk, then lookups that pick what a linear scan picked."""

from __future__ import annotations

import random
from pathlib import Path, PurePosixPath

from derm1m_build.sources.datasets import IMAGE_EXTS, ImageIndex


def _scan(index: ImageIndex, name: str) -> Path | None:
    """The lookup as a scan over every indexed path (the behaviour the index keeps)."""
    key = PurePosixPath(name).as_posix().lower()
    if key in index.by_rel:
        return index.by_rel[key]
    for k, p in index.by_rel.items():
        if key.endswith("/" + k) or k.endswith("/" + key):
            return p
    stem = PurePosixPath(key).stem if PurePosixPath(key).suffix.lower() in IMAGE_EXTS else PurePosixPath(key).name
    hits = index.by_stem.get(stem, [])
    return hits[0] if hits else None


def test_index_lookups_equal_a_scan(tmp_path):
    rnd = random.Random(3)
    files = []
    for i in range(60):
        d = tmp_path.joinpath(*rnd.sample(["part1", "part2", "imgs", "ISIC"], rnd.randrange(0, 3)))
        d.mkdir(parents=True, exist_ok=True)
        f = d / f"ISIC_{rnd.randrange(40):04d}{rnd.choice(['.jpg', '.JPG', '.png'])}"
        f.write_bytes(b"x")
        files.append(f.relative_to(tmp_path).as_posix())
    index = ImageIndex(tmp_path)
    names = [f"ISIC_{i:04d}" for i in range(45)] + files + ["dl/" + f for f in files] + \
            [f.split("/", 1)[-1] for f in files] + ["other/ISIC_0001.jpg", "nothing.png"]
    for n in names:
        assert index.find(n) == _scan(index, n), n
    assert index.find("ISIC_9999") is None
