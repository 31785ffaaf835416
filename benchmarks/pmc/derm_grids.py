"""Dermatology photo grids made from real photographs, with their truth (panel boxes, letters, caption).

There is no dermatology photo grid among the real compound figures in ../shared/realdata/figures, so
these are composed from the real PAD-UFES-20 / ISIC photographs in ../shared/realdata/photos the way
case reports lay them out: 1x2 to 3x3 grids, panel sizes varying by column, white, black, grey or no
gutters, an outer margin or photos running to the figure edge, a letter in a corner of each panel
(upper or lower case, plain or on a box), labels row-wise or (sometimes) column-wise, and a caption in
one of the real styles ("(A) ...", "a ...", "(A, C) ... (B, D) ...").

Deterministic: `make_grid(seed)` is a function of the seed and the photo folder's sorted listing.
A benchmark and test helper only; product code never imports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

PHOTOS = Path(__file__).resolve().parents[2].parent / "shared" / "realdata" / "photos"

SITES = ["the forearm", "the back", "the nose", "the cheek", "the chest", "the scalp", "the hand", "the leg", "the ear"]
FINDINGS = ["an erythematous plaque", "a pigmented macule", "a pearly papule with telangiectasia",
            "an ulcerated nodule", "a scaly patch", "an asymmetric lesion with irregular borders",
            "a keratotic papule", "a crusted erosion", "a dome-shaped nodule"]


@dataclass
class Grid:
    image: np.ndarray                 # BGR uint8
    boxes: list[tuple[int, int, int, int]]  # x0, y0, x1, y1 in label order (A, B, C, ...)
    letters: list[str]                # upper case, label order
    caption: str
    style: str                        # e.g. "2x3 white gutter=8 margin=1 lower row-wise paren"


def photo_paths() -> list[Path]:
    return sorted(PHOTOS.glob("*/*.jpg"))


def _load(path: Path, w: int, h: int) -> np.ndarray:
    img = cv2.imread(str(path), cv2.IMREAD_COLOR)
    ih, iw = img.shape[:2]
    s = max(w / iw, h / ih)  # cover, then centre-crop: real grids crop photos to a common size
    img = cv2.resize(img, (max(w, int(round(iw * s))), max(h, int(round(ih * s)))), interpolation=cv2.INTER_AREA)
    y, x = (img.shape[0] - h) // 2, (img.shape[1] - w) // 2
    return img[y:y + h, x:x + w]


def _label(img: np.ndarray, text: str, x: int, y: int, scale: float, boxed: bool, dark_bg: bool) -> None:
    font = cv2.FONT_HERSHEY_DUPLEX
    thick = max(1, int(round(scale * 1.6)))
    (tw, th), base = cv2.getTextSize(text, font, scale, thick)
    if boxed:
        cv2.rectangle(img, (x - 3, y - 3), (x + tw + 3, y + th + base + 2), (255, 255, 255), -1)
        colour = (0, 0, 0)
    else:
        colour = (255, 255, 255) if dark_bg else (0, 0, 0)
    cv2.putText(img, text, (x, y + th), font, scale, colour, thick, cv2.LINE_AA)


def make_grid(seed: int, paths: list[Path] | None = None) -> Grid:
    rng = np.random.default_rng(seed)
    paths = paths if paths is not None else photo_paths()
    rows, cols = [(1, 2), (1, 3), (2, 2), (2, 3), (3, 2), (3, 3), (2, 4), (1, 4)][int(rng.integers(0, 8))]
    mode = ["white", "black", "grey", "none"][seed % 4]
    gutter = 0 if mode == "none" else int(rng.integers(4, 16))
    bg = {"white": 255, "black": 0, "grey": 200, "none": 255}[mode]
    margin = 0 if (mode == "none" or rng.random() < 0.4) else int(rng.integers(3, 15))
    ph = int(rng.integers(160, 300))
    widths = [int(rng.integers(150, 320)) for _ in range(cols)]
    H = 2 * margin + rows * ph + (rows - 1) * gutter
    W = 2 * margin + sum(widths) + (cols - 1) * gutter
    img = np.full((H, W, 3), bg, np.uint8)
    n = rows * cols
    picks = rng.choice(len(paths), size=n, replace=False)
    column_wise = rng.random() < 0.2
    lower = rng.random() < 0.5
    boxed = rng.random() < 0.3
    corner = ["tl", "tl", "tl", "tr", "bl"][int(rng.integers(0, 5))]
    scale = float(rng.uniform(0.7, 1.1))
    cells = []
    y = margin
    for r in range(rows):
        x = margin
        for c in range(cols):
            cells.append((x, y, x + widths[c], y + ph))
            x += widths[c] + gutter
        y += ph + gutter
    order = [r * cols + c for c in range(cols) for r in range(rows)] if column_wise else list(range(n))
    boxes, letters = [], []
    for k, cell_index in enumerate(order):
        x0, y0, x1, y1 = cells[cell_index]
        img[y0:y1, x0:x1] = _load(paths[int(picks[k])], x1 - x0, y1 - y0)
        letter = chr(ord("A") + k)
        text = letter.lower() if lower else letter
        (tw, th), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_DUPLEX, scale, 2)
        lx = x0 + 8 if corner in ("tl", "bl") else x1 - tw - 10
        ly = y0 + 8 if corner in ("tl", "tr") else y1 - th - 14
        patch = img[ly:ly + th, lx:lx + tw]
        _label(img, text, lx, ly, scale, boxed, dark_bg=float(patch.mean()) < 110)
        boxes.append((x0, y0, x1, y1))
        letters.append(letter)
    lead = f"Case {seed}: {FINDINGS[seed % len(FINDINGS)]} in a {40 + seed % 40}-year-old patient."
    parts = [f"{FINDINGS[(seed + i) % len(FINDINGS)].capitalize()} on {SITES[(seed * 3 + i) % len(SITES)]}"
             for i in range(n)]
    style_kind = ["paren", "bare", "pairs"][int(rng.integers(0, 3))]
    if style_kind == "bare":  # Nature style: "a Text. b Text."
        caption = lead + " " + " ".join(f"{L.lower()} {p}." for L, p in zip(letters, parts))
    elif style_kind == "pairs" and n >= 4:  # "(A, C) ... (B, D) ..." and the rest one by one
        caption = (lead + f" ({letters[0]}, {letters[2]}) Clinical photographs of {SITES[seed % 9]}."
                   f" ({letters[1]}, {letters[3]}) Dermoscopy of the same lesions.")
        caption += "".join(f" ({L}) {p}." for L, p in zip(letters[4:], parts[4:]))
    else:
        style_kind = "paren"
        caption = lead + "".join(f" ({L.lower() if lower else L}) {p}." for L, p in zip(letters, parts))
    style = (f"{rows}x{cols} {mode} gutter={gutter} margin={margin} {'lower' if lower else 'upper'}"
             f" {'column' if column_wise else 'row'}-wise {corner}{' boxed' if boxed else ''} {style_kind}")
    return Grid(img, boxes, letters, caption, style)


if __name__ == "__main__":  # write a few for a look: python -m benchmarks.pmc.derm_grids OUTDIR [N]
    import sys

    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for s in range(int(sys.argv[2]) if len(sys.argv) > 2 else 8):
        g = make_grid(s)
        cv2.imwrite(str(out / f"grid_{s:03d}.png"), g.image)
        print(s, g.style, "|", g.caption)
