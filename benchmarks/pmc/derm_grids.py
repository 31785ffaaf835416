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


LAYOUTS = ["big-left", "big-top", "pairs", "thin", "uneven-rows"]


def make_layout(seed: int, paths: list[Path] | None = None) -> Grid:
    """Harder case-report layouts than `make_grid`'s regular grids, each a function of the seed:
    - "big-left": one tall photo beside two stacked ones (A left, B and C right);
    - "big-top": one wide photo over two or three side by side;
    - "pairs": rows of a clinical photo and the dermoscopy of the same lesion, the two of unequal
      widths (real clinical + dermoscopy pairs), 1-3 rows;
    - "thin": a regular grid with 1-3 px white or black rules between photos;
    - "uneven-rows": rows of different heights and counts (two photos over three).
    Letters sit in the top-left corner, plain or on a white box; the image is saved as JPEG (quality
    70-90) and read back, as published figures are. Seeds 0-99 tune; 100-199 are kept back."""
    rng = np.random.default_rng(10_000 + seed)
    paths = paths if paths is not None else photo_paths()
    clinical = [p for p in paths if p.parent.name == "clinical"]
    derm = [p for p in paths if p.parent.name == "dermoscopy"]
    kind = LAYOUTS[seed % len(LAYOUTS)]
    mode = ["white", "black", "none"][int(rng.integers(0, 3))] if kind != "thin" else ["white", "black"][seed % 2]
    gutter = {"none": 0}.get(mode, int(rng.integers(1, 4)) if kind == "thin" else int(rng.integers(4, 14)))
    bg = 0 if mode == "black" else 255
    margin = 0 if mode == "none" or rng.random() < 0.5 else int(rng.integers(3, 12))
    cells: list[tuple[int, int, int, int]] = []
    g, m = gutter, margin
    if kind == "big-left":
        bw, sw, h = int(rng.integers(260, 360)), int(rng.integers(160, 260)), int(rng.integers(140, 220))
        cells = [(m, m, m + bw, m + 2 * h + g), (m + bw + g, m, m + bw + g + sw, m + h),
                 (m + bw + g, m + h + g, m + bw + g + sw, m + 2 * h + g)]
    elif kind == "big-top":
        k = int(rng.integers(2, 4))
        ws = [int(rng.integers(150, 240)) for _ in range(k)]
        top_h, h = int(rng.integers(180, 280)), int(rng.integers(130, 200))
        total = sum(ws) + (k - 1) * g
        cells = [(m, m, m + total, m + top_h)]
        x = m
        for w in ws:
            cells.append((x, m + top_h + g, x + w, m + top_h + g + h))
            x += w + g
    elif kind == "pairs":
        r = int(rng.integers(1, 4))
        cw, dw, h = int(rng.integers(200, 320)), int(rng.integers(150, 240)), int(rng.integers(150, 230))
        for i in range(r):
            y = m + i * (h + g)
            cells += [(m, y, m + cw, y + h), (m + cw + g, y, m + cw + g + dw, y + h)]
    elif kind == "thin":
        rows, cols = [(2, 2), (2, 3), (3, 3), (1, 3)][int(rng.integers(0, 4))]
        ws = [int(rng.integers(150, 260)) for _ in range(cols)]
        h = int(rng.integers(140, 230))
        for i in range(rows):
            x = m
            for w in ws:
                cells.append((x, m + i * (h + g), x + w, m + i * (h + g) + h))
                x += w + g
    else:  # uneven-rows: two photos over three, rows of different heights, both rows of one width
        h1, h2 = int(rng.integers(180, 260)), int(rng.integers(120, 180))
        total = int(rng.integers(520, 720))
        w1 = [total // 2 - g // 2, total - (total // 2 - g // 2) - g]
        t3 = total - 2 * g
        w2 = [t3 // 3, t3 // 3, t3 - 2 * (t3 // 3)]
        x = m
        for w in w1:
            cells.append((x, m, x + w, m + h1))
            x += w + g
        x = m
        for w in w2:
            cells.append((x, m + h1 + g, x + w, m + h1 + g + h2))
            x += w + g
    W = max(c[2] for c in cells) + m
    H = max(c[3] for c in cells) + m
    img = np.full((H, W, 3), bg, np.uint8)
    pc = rng.permutation(len(clinical))
    pd = rng.permutation(len(derm))
    lower = rng.random() < 0.5
    boxed = rng.random() < 0.5
    scale = float(rng.uniform(0.7, 1.0))
    letters = []
    for k, (x0, y0, x1, y1) in enumerate(cells):
        src = derm[int(pd[k])] if (kind == "pairs" and k % 2 == 1) else clinical[int(pc[k])]
        img[y0:y1, x0:x1] = _load(src, x1 - x0, y1 - y0)
        letter = chr(ord("A") + k)
        text = letter.lower() if lower else letter
        (tw, th), _ = cv2.getTextSize(text, cv2.FONT_HERSHEY_DUPLEX, scale, 2)
        patch = img[y0 + 8:y0 + 8 + th, x0 + 8:x0 + 8 + tw]
        _label(img, text, x0 + 8, y0 + 8, scale, boxed, dark_bg=float(patch.mean()) < 110)
        letters.append(letter)
    q = int(rng.integers(70, 91))
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, q])
    img = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    lead = f"Case {seed}: {FINDINGS[seed % len(FINDINGS)]}."
    if kind == "pairs":
        caption = lead + "".join(f" ({letters[i]}) Clinical photograph of {SITES[(seed + i) % len(SITES)]}."
                                 f" ({letters[i + 1]}) Dermoscopy of the same lesion." for i in range(0, len(letters), 2))
    else:
        caption = lead + "".join(f" ({L.lower() if lower else L}) {FINDINGS[(seed + i) % len(FINDINGS)].capitalize()}"
                                 f" on {SITES[(seed * 3 + i) % len(SITES)]}." for i, L in enumerate(letters))
    style = f"{kind} {mode} gutter={g} margin={m} {'lower' if lower else 'upper'}{' boxed' if boxed else ''} jpeg={q}"
    return Grid(img, cells, letters, caption, style)


if __name__ == "__main__":  # write a few for a look: python -m benchmarks.pmc.derm_grids OUTDIR [N]
    import sys

    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for s in range(int(sys.argv[2]) if len(sys.argv) > 2 else 8):
        g = make_grid(s)
        cv2.imwrite(str(out / f"grid_{s:03d}.png"), g.image)
        print(s, g.style, "|", g.caption)
