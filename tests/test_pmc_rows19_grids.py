"""Photo grids labelled the ways real figures label them, for the round-19 letter reading.

Each grid is a function of its seed: 2-6 of the shared real photographs in rows, white, black or no gutters,
each panel's label at one place (a corner, the top or bottom centre, or outside the photo in the margin above
it or left of it), in one style (colour, plain / boxed / outlined / shadowed, 12-60 px, serif or sans, upper
or lower case, bare or bracketed); some photos carry text of their own (a date stamp, a scale bar with its
"5 mm", an arrow with a letter the caption does not name). Fonts are the system's DejaVu / Liberation TTFs.

    PYTHONPATH=ROOT python tests/test_pmc_rows19_grids.py --seeds 0-59   # letters matched, per place

prints, for the splitter under ROOT, how many grids became rows whose letters and crops are the grid's
(IoU >= 0.85 with the panel of the same letter), how many have a wrong crop, and which stayed whole."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pytest

FONTS = ["/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
         "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf"]
PLACES = ["tl", "tr", "bl", "br", "tc", "bc", "above", "left"]
COLOURS = {"white": (255, 255, 255), "black": (0, 0, 0), "yellow": (255, 230, 0), "red": (230, 20, 20),
           "cyan": (0, 230, 255), "green": (40, 220, 60)}
FINDINGS = ["plaque psoriasis", "nodular basal cell carcinoma", "superficial spreading melanoma", "lichen planus",
            "bullous pemphigoid", "tinea corporis", "seborrhoeic keratosis", "erythema multiforme"]


def fonts_present() -> bool:
    return all(Path(f).exists() for f in FONTS)


@dataclass
class Labelled:
    image: np.ndarray  # BGR
    boxes: list[tuple[int, int, int, int]]  # per letter, x0, y0, x1, y1 (the photo)
    letters: list[str]
    caption: str
    style: str
    labels: list[tuple[int, int, int, int]]  # where each panel's label is printed, x0, y0, x1, y1


def _text(draw_img, text: str, xy: tuple[int, int], font, fill, deco: str, box_fill=None):
    from PIL import ImageDraw

    d = ImageDraw.Draw(draw_img)
    x, y = xy
    l, t, r, b = d.textbbox((x, y), text, font=font)
    if deco == "boxed":
        pad = max(2, (b - t) // 6)
        d.rectangle((l - pad, t - pad, r + pad, b + pad), fill=box_fill)
    if deco == "shadow":
        off = max(1, (b - t) // 12)
        d.text((x + off, y + off), text, font=font, fill=(0, 0, 0) if sum(fill) > 300 else (255, 255, 255))
    if deco == "outlined":
        d.text((x, y), text, font=font, fill=fill, stroke_width=max(1, (b - t) // 14),
               stroke_fill=(0, 0, 0) if sum(fill) > 300 else (255, 255, 255))
    else:
        d.text((x, y), text, font=font, fill=fill)


def make(seed: int, place: str | None = None, label_kind: str = "letter") -> Labelled:
    """Grid `seed`; `place` forces the labels' place (else one of PLACES by the seed); `label_kind`
    "digit" prints 1, 2, ... and "sub" prints A1, A2, ... under the same letter caption (no panel of
    such a figure may be paired with a letter it does not print); "stop" prints "A.", "half" "a)"."""
    from PIL import Image, ImageFont

    from benchmarks.pmc.derm_grids import photo_paths
    from tests.grid_photos import fit

    rng = np.random.default_rng(1900 + seed)
    paths = photo_paths()
    rows, cols = [(1, 2), (1, 3), (1, 4), (2, 2), (2, 3)][int(rng.integers(0, 5))]
    n = rows * cols
    place = place or PLACES[seed % len(PLACES)]
    ph = int(rng.integers(200, 340))
    widths = [int(rng.integers(200, 330)) for _ in range(cols)]
    size = int(rng.integers(12, 61))
    size = min(size, int(0.2 * ph))
    margin_place = place in ("above", "left")
    mode = ["white", "black", "none"][int(rng.integers(0, 3))] if not margin_place else ["white", "black"][seed % 2]
    gutter = 0 if mode == "none" else int(rng.integers(6, 15))
    bg = (0, 0, 0) if mode == "black" else (255, 255, 255)
    lower = bool(rng.random() < 0.5)
    bracket = bool(rng.random() < 0.25) and label_kind not in ("stop", "half")
    wide = int((2.0 if bracket else 1.0) * size * (1.6 if label_kind == "sub" else 1.0)) + 12
    gx = gutter + (wide if place == "left" else 0)
    gy = gutter + (size + 10 if place == "above" else 0)
    lead_x = wide if place == "left" else 0
    lead_y = size + 10 if place == "above" else 0
    H = lead_y + rows * ph + (rows - 1) * gy
    W = lead_x + sum(widths) + (cols - 1) * gx
    canvas = np.zeros((H, W, 3), np.uint8)
    canvas[:] = bg
    picks = rng.choice(len(paths), size=n, replace=False)
    cells = []
    y = lead_y
    for r in range(rows):
        x = lead_x
        for c in range(cols):
            cells.append((x, y, x + widths[c], y + ph))
            x += widths[c] + gx
        y += ph + gy
    for k, (x0, y0, x1, y1) in enumerate(cells):
        canvas[y0:y1, x0:x1] = fit(cv2.imread(str(paths[int(picks[k])]), cv2.IMREAD_COLOR), x1 - x0, y1 - y0)
    pil = Image.fromarray(canvas[:, :, ::-1].copy())
    font = ImageFont.truetype(FONTS[int(rng.integers(0, len(FONTS)))], size)
    deco = ["plain", "boxed", "outlined", "shadow"][int(rng.integers(0, 4))]
    colour = list(COLOURS)[int(rng.integers(0, len(COLOURS)))]
    if margin_place:
        deco, colour = "plain", ("white" if mode == "black" else "black")
    box_fill = (255, 255, 255) if colour in ("black", "red") else (0, 0, 0)
    from PIL import ImageDraw

    probe = ImageDraw.Draw(pil)
    letters = [chr(ord("A") + k) for k in range(n)]
    inset = max(4, size // 5)
    spots = []
    for k, (x0, y0, x1, y1) in enumerate(cells):
        L = letters[k]
        text = {"letter": L.lower() if lower else L, "digit": str(k + 1), "sub": f"A{k + 1}",
                "stop": (L.lower() if lower else L) + ".", "half": (L.lower() if lower else L) + ")"}[label_kind]
        if bracket:
            text = f"({text})"
        l, t, r, b = probe.textbbox((0, 0), text, font=font)
        tw, th = r - l, b - t
        if place in ("tl", "bl"):
            x = x0 + inset
        elif place in ("tr", "br"):
            x = x1 - inset - tw
        elif place in ("tc", "bc"):
            x = (x0 + x1 - tw) // 2
        elif place == "above":
            x = x0
        else:
            x = x0 - tw - 6
        if place in ("tl", "tr", "tc"):
            y = y0 + inset
        elif place in ("bl", "br", "bc"):
            y = y1 - inset - th
        elif place == "above":
            y = y0 - th - 5
        else:
            y = y0
        _text(pil, text, (x - l, y - t), font, COLOURS[colour], deco, box_fill)
        spots.append((x, y, x + tw, y + th))
    # text of the photos' own: a date stamp, a scale bar, an arrow with a letter no caption names
    stamp_font = ImageFont.truetype(FONTS[0], max(11, min(18, ph // 14)))
    d = ImageDraw.Draw(pil)
    for k, (x0, y0, x1, y1) in enumerate(cells):
        roll = rng.random()
        cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
        if roll < 0.2:
            d.text((cx - 20, cy + ph // 4), "2019/03/12", font=stamp_font, fill=(255, 140, 0))
        elif roll < 0.35:
            d.rectangle((cx + 10, cy + ph // 4, cx + 60, cy + ph // 4 + 4), fill=(255, 255, 255))
            d.text((cx + 18, cy + ph // 4 + 8), "5 mm", font=stamp_font, fill=(255, 255, 255))
        elif roll < 0.45:
            d.line((cx - 30, cy - 30, cx, cy), fill=(255, 255, 0), width=3)
            d.text((cx - 48, cy - 52), "N" if n < 14 else "*", font=stamp_font, fill=(255, 255, 0))
    img = np.ascontiguousarray(np.asarray(pil)[:, :, ::-1])
    img = cv2.imdecode(cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 92])[1], cv2.IMREAD_COLOR)
    parts = [f"{FINDINGS[(seed + i) % len(FINDINGS)].capitalize()} on the {['arm', 'back', 'face', 'leg', 'trunk', 'hand'][i]}"
             for i in range(n)]
    if rng.random() < 0.5:
        caption = f"Figure {seed % 9 + 1}. Clinical course." + "".join(f" ({L if not lower else L.lower()}) {p}."
                                                                         for L, p in zip(letters, parts))
    else:
        caption = f"Clinical course of case {seed}. " + " ".join(f"{L.lower()} {p}." for L, p in zip(letters, parts))
    style = (f"{rows}x{cols} {mode} g={gutter} {place} {size}px {Path(font.path).stem} {colour} {deco}"
             f" {'lower' if lower else 'upper'}{' (x)' if bracket else ''} {label_kind}")
    return Labelled(img, cells, letters, caption, style, spots)


def iou(a, b) -> float:
    ix = max(0, min(a[2], b[2]) - max(a[0], b[0]))
    iy = max(0, min(a[3], b[3]) - max(a[1], b[1]))
    return ix * iy / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - ix * iy)


def fit_of(g: Labelled, letter: str, box) -> float:
    """How well a row's crop is its letter's panel: the IoU with the photo, or with the photo and its
    label together (a label printed outside the photo may go with it), whichever is higher."""
    if letter not in g.letters:
        return 0.0
    k = g.letters.index(letter)
    p, q = g.boxes[k], g.labels[k]
    both = (min(p[0], q[0]), min(p[1], q[1]), max(p[2], q[2]), max(p[3], q[3]))
    return max(iou(box, p), iou(box, both))


def verdict(g: Labelled, pairing) -> str:
    """"matched" (a row per panel, each crop the panel of its letter), "wrong" (a row whose crop is not
    its letter's panel), or "whole: REASON"."""
    if not pairing.panels:
        return "whole: " + pairing.note.split(":")[0]
    for L, b, _ in pairing.panels:
        if fit_of(g, L, b.xyxy) < 0.5:
            return "wrong"
    if sorted(L for L, _, _ in pairing.panels) == g.letters and \
            all(fit_of(g, L, b.xyxy) >= 0.85 for L, b, _ in pairing.panels):
        return "matched"
    return "whole: rows_loose"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seeds", default="0-59")
    ap.add_argument("--kind", default="letter", choices=["letter", "digit", "sub", "stop", "half"])
    ap.add_argument("--show", action="store_true", help="one line per grid")
    a = ap.parse_args(argv)
    from derm1m_build.pmc.panels import pair

    lo, hi = (int(v) for v in a.seeds.split("-"))
    per: dict[str, list[str]] = {}
    for s in range(lo, hi + 1):
        g = make(s, label_kind=a.kind)
        p, _ = pair(g.image, g.caption)
        v = verdict(g, p)
        per.setdefault(g.style.split()[3], []).append(v)
        if a.show:
            print(f"{s:3d} {g.style:70s} {v}  {p.note[:80]}", flush=True)
    allv = [v for vs in per.values() for v in vs]
    for place in PLACES:
        vs = per.get(place, [])
        if vs:
            print(f"{place:6s} matched {vs.count('matched')}/{len(vs)} wrong {vs.count('wrong')}")
    print(f"all    matched {allv.count('matched')}/{len(allv)} wrong {allv.count('wrong')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())


# ------------------------------------------------------------------ tests of the composer itself

@pytest.mark.skipif(not fonts_present(), reason="needs the DejaVu and Liberation TTF fonts")
def test_composer_is_a_function_of_the_seed():
    a, b = make(7), make(7)
    assert np.array_equal(a.image, b.image) and a.caption == b.caption and a.boxes == b.boxes
    assert len(a.letters) == len(a.boxes) >= 2
