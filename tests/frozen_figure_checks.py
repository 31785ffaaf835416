"""Integrity checks every frozen real-figure set must pass (heldout3 onwards): one copy, so a rule added to what a
well-formed set is reaches every set. Each check returns the problems it found; a test asserts `== []`, so a
failure names the files. They read files and annotations only and never run the panel splitter."""
from __future__ import annotations

import hashlib
from pathlib import Path

TYPES = {"clin", "micro", "chart", "mixed", "diag"}


def file_problems(set_dir: Path, figures: list[dict], max_total: int = 15_000_000) -> list:
    """Every image on disk is annotated once and unchanged (its sha256), no image twice, the set stays small."""
    on_disk = sorted(p.name for p in (set_dir / "images").iterdir())
    out: list = [] if on_disk == sorted(Path(f["file"]).name for f in figures) else [("listing", on_disk)]
    total = 0
    for f in figures:
        data = (set_dir / f["file"]).read_bytes()
        total += len(data)
        if hashlib.sha256(data).hexdigest() != f["sha256"]:
            out.append((f["file"], "sha256"))
    if total >= max_total:
        out.append(("total bytes", total))
    if len({f["sha256"] for f in figures}) != len(figures):
        out.append("an image is listed twice")
    return out


def box_problems(set_dir: Path, figures: list[dict], fields: set[str]) -> list:
    """Fields, size and type as annotated; one box per panel inside the image (a single panel: the whole image);
    letters none or one per panel."""
    from PIL import Image

    out = []
    for f in figures:
        if set(f) != fields:
            out.append((f["file"], "fields", sorted(set(f) ^ fields)))
            continue
        with Image.open(set_dir / f["file"]) as im:
            size = im.size
        w, h = f["width"], f["height"]
        if size != (w, h) or max(size) > 1200 or f["type"] not in TYPES:
            out.append((f["file"], "size or type"))
        if not len(f["boxes"]) == f["panels"] >= 1 or (f["letters"] and len(f["letters"]) != f["panels"]):
            out.append((f["file"], "boxes or letters per panel"))
        if any(not (0 <= x0 < x1 <= w and 0 <= y0 < y1 <= h) for x0, y0, x1, y1 in f["boxes"]):
            out.append((f["file"], "box outside the image"))
        if f["panels"] == 1 and f["boxes"] != [[0, 0, w, h]]:
            out.append((f["file"], "a single panel's box is not the whole image"))
    return out
