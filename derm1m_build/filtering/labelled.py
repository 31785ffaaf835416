"""A labelled image folder: `FOLDER/<class>/*` (keep/drop, or one folder per modality class)."""

from __future__ import annotations

from pathlib import Path

from derm1m_build.errors import UserError

IMAGE_EXTS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff"}


def labelled_files(folder: Path) -> tuple[list[str], list[tuple[Path, str]]]:
    """(classes, [(file, class)]) sorted; images found recursively under each class folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise UserError(f"{folder}: not a folder; lay it out as FOLDER/keep/* and FOLDER/drop/* (or one folder per class)")
    classes = sorted(p.name for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    items = []
    for c in classes:
        for f in sorted((folder / c).rglob("*")):
            if f.is_file() and f.suffix.lower() in IMAGE_EXTS:
                items.append((f, c))
    used = sorted({c for _, c in items})
    if len(used) < 2:
        raise UserError(f"{folder}: need images in at least two class folders (e.g. keep/ and drop/); found {used or 'none'}")
    return used, items
