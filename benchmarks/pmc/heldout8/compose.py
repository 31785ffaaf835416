"""Compose the dermatology photo grids of held-out figure set 8 from the real photographs in
shared/realdata/photos (PAD-UFES-20 clinical photos, CC BY 4.0; ISIC 2017 dermoscopy, CC0).

Usage: python benchmarks/pmc/heldout8/compose.py PHOTOS_DIR OUTDIR [ANNOTATIONS_OUT]

Seeded and deterministic (no wall clock): the same photos, fonts and Pillow give the same bytes. Layouts
and label styles differ from sets 6 and 7: uneven rows (3 over 2, 2 over 4, a row of 2 centred under 3),
panels of different sizes in one row or grid, a tall panel beside three stacked ones, a large panel with
an L of five small ones, two columns with different row cuts (no full-width gutter), 2 x 4, 4 x 2, 1 x 5,
3 x 1; gutters white, grey, black, thin dark rules, none (photos abut), gaps between rows only, and a dark
frame round the whole figure; letters white or black with a contrasting outline, red, cyan, white on a
translucent box, in every corner, in mixed corners, in a strip below or to the left of the photo; fonts
from matplotlib's bundled set. Captions: "(A) ...", Nature bare "a Text b Text", ranges "(A-C) ... (D, E)",
"(a-c)", "A, Text. B, Text.", "a,b Text c Text", "(A and B) ... (C and D)", back-references, position
words, captions naming no panel or some panels, no caption; singles that must stay whole. Each feature is
drawn from a fixed cycle (so every one occurs), the photos and sizes from a seeded RNG. The boxes written to
ANNOTATIONS_OUT are the exact cells (photo plus its own label strip). Written without reading the
project's splitter or benchmarks/pmc/derm_grids.py; heldout7/compose.py was read and its photo list, fit and
description helpers reused.
"""
from __future__ import annotations

import io
import json
import random
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SEED = 8026
N_COMPOUND = 60
N_SINGLES = 16


def mpl_fonts() -> Path:
    """matplotlib's bundled fonts: the same files wherever matplotlib is installed."""
    import matplotlib

    return Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"


FONTS = [("DejaVuSans-Bold.ttf", "DejaVu Sans Bold"), ("cmb10.ttf", "Computer Modern Bold 10"),
         ("STIXGeneralBol.ttf", "STIX General Bold"), ("DejaVuSans-BoldOblique.ttf", "DejaVu Sans Bold Oblique"),
         ("DejaVuSerif-Bold.ttf", "DejaVu Serif Bold"), ("STIXGeneralBolIta.ttf", "STIX General Bold Italic"),
         ("cmss10.ttf", "Computer Modern Sans 10"), ("DejaVuSans.ttf", "DejaVu Sans"),
         ("STIXGeneral.ttf", "STIX General"), ("DejaVuSansMono-Bold.ttf", "DejaVu Sans Mono Bold")]


def font(i: int, size: int):
    return ImageFont.truetype(str(mpl_fonts() / FONTS[i][0]), size)


def small_font(size: int):
    return ImageFont.truetype(str(mpl_fonts() / "DejaVuSans.ttf"), size)


DX = {"ACK": "actinic keratosis", "BCC": "basal cell carcinoma", "MEL": "melanoma", "NEV": "melanocytic nevus",
      "SCC": "squamous cell carcinoma", "SEK": "seborrheic keratosis", "melanoma": "melanoma",
      "nevus": "melanocytic nevus", "seborrheic_keratosis": "seborrheic keratosis"}
DERMOSCOPY = {
    "melanoma": ["an atypical pigment network and irregular globules", "a blue-white veil and peripheral streaks",
                 "regression structures and multiple colours"],
    "melanocytic nevus": ["a regular reticular network fading at the periphery", "a symmetric globular pattern",
                          "a homogeneous light-brown pattern"],
    "seborrheic keratosis": ["milia-like cysts", "fissures and ridges", "a sharp demarcation and hairpin vessels"],
}
CLINICAL = {
    "actinic keratosis": ["an erythematous, scaly macule", "a gritty keratotic papule", "a rough erythematous patch"],
    "basal cell carcinoma": ["a pearly nodule with arborising telangiectasia", "an ulcerated papule with a rolled edge",
                             "a translucent erythematous plaque"],
    "melanoma": ["an asymmetric, variegated macule", "an irregularly pigmented plaque"],
    "melanocytic nevus": ["a round brown papule", "an evenly pigmented macule"],
    "squamous cell carcinoma": ["a hyperkeratotic nodule", "a crusted, indurated plaque"],
    "seborrheic keratosis": ["a stuck-on warty papule", "a waxy pigmented plaque"],
}
TITLES = ["Clinical spectrum of the lesions", "Examples from the validation cohort", "Cases referred for excision",
          "Dermoscopic and clinical correlation", "Lesions misclassified by the model", "Typical presentations",
          "Cases from the prospective study", "Images rated by the readers"]


def read_photos(photos: Path) -> list[dict]:
    rows = (photos / "PROVENANCE.tsv").read_text(encoding="utf-8").splitlines()
    head = rows[0].split("\t")
    out = []
    for line in rows[1:]:
        r = dict(zip(head, line.split("\t")))
        notes = dict(kv.split("=", 1) for kv in r["notes"].split(";") if "=" in kv)
        site = notes.get("site", "").lower().replace("_", " ")
        out.append({"file": r["file"], "dx": DX[r["diagnosis_label"]],
                    "modality": "clinical" if r["file"].startswith("clinical/") else "dermoscopy",
                    "site": site if site and site != "nan" else ""})
    return sorted(out, key=lambda p: p["file"])


def fit(im: Image.Image, w: int, h: int) -> Image.Image:
    """Centre-crop to the cell's aspect ratio, then resize (Lanczos)."""
    iw, ih = im.size
    if iw * h > ih * w:
        nw = round(ih * w / h)
        im = im.crop(((iw - nw) // 2, 0, (iw - nw) // 2 + nw, ih))
    else:
        nh = round(iw * h / w)
        im = im.crop((0, (ih - nh) // 2, iw, (ih - nh) // 2 + nh))
    return im.resize((w, h), Image.LANCZOS)


# ---- layouts: cells (x0, y0, x1, y1) in reading order (row-major: top to bottom, then left to right) ----

def rows_layout(rows: list[list[int]], heights: list[int], gx: int, gy: int, m: int, centre: bool = True):
    """Rows of cells of the given widths; a row narrower than the widest is centred (or left-aligned)."""
    W = max(sum(r) + (len(r) - 1) * gx for r in rows)
    cells, y = [], m
    for widths, h in zip(rows, heights):
        rw = sum(widths) + (len(widths) - 1) * gx
        x = m + ((W - rw) // 2 if centre else 0)
        for w in widths:
            cells.append((x, y, x + w, y + h))
            x += w + gx
        y += h + gy
    return cells, (2 * m + W, y - gy + m)


def columns_layout(cols: list[list[int]], widths: list[int], gx: int, gy: int, m: int):
    """Columns of stacked cells with their own row cuts (equal total height); reading order by cell top, then left."""
    H = sum(cols[0]) + (len(cols[0]) - 1) * gy
    cells, x = [], m
    for heights, w in zip(cols, widths):
        y = m
        for k, h in enumerate(heights):
            y1 = m + H if k == len(heights) - 1 else y + h
            cells.append((x, y, x + w, y1))
            y = y1 + gy
        x += w + gx
    cells.sort(key=lambda c: (c[1], c[0]))
    return cells, (2 * m + sum(widths) + (len(widths) - 1) * gx, 2 * m + H)


def layout(kind: str, rng: random.Random, gx: int, gy: int, m: int):
    s = rng.choice([200, 230, 260, 290])
    h = round(s * rng.choice([0.75, 0.85, 1.0]))
    if kind == "r3_over_r2":  # two rows filling the same width: the lower panels are wider
        w3 = s
        W = 3 * w3 + 2 * gx
        w2a = (W - gx) // 2
        return rows_layout([[w3] * 3, [w2a, W - gx - w2a]], [h, h], gx, gy, m)
    if kind == "r3_over_r2_centred":
        return rows_layout([[s] * 3, [s] * 2], [h, h], gx, gy, m)
    if kind == "r2_over_r4":
        ws = min(s, 270)
        W = 4 * ws + 3 * gx
        wb = (W - gx) // 2
        return rows_layout([[wb, W - gx - wb], [ws] * 4], [round(wb * 0.7), round(ws * 0.8)], gx, gy, m)
    if kind == "grid24":
        ws = min(s, 260)
        return rows_layout([[ws] * 4] * 2, [h * ws // s] * 2, gx, gy, m)
    if kind == "grid42":
        return rows_layout([[s] * 2] * 4, [round(s * 0.7)] * 4, gx, gy, m)
    if kind == "row5":
        ws = 200
        return rows_layout([[ws] * 5], [round(ws * rng.choice([1.0, 1.25]))], gx, gy, m)
    if kind == "col3":
        return rows_layout([[round(s * 1.5)]] * 3, [round(s * 0.75)] * 3, gx, gy, m)
    if kind == "wide_narrow":  # one row: a wide panel, then two narrow ones (different sizes in one row)
        return rows_layout([[2 * s, s, s]], [h], gx, gy, m)
    if kind == "row2_unequal":
        return rows_layout([[round(s * 1.6), s]], [h], gx, gy, m)
    if kind == "grid22_unequal":  # left column wider, lower row taller
        return rows_layout([[round(s * 1.4), s]] * 2, [round(h * 0.8), h], gx, gy, m, centre=False)
    if kind == "tall_left3":  # one tall panel left, three small stacked right
        hs = round(s * 0.7)
        return columns_layout([[3 * hs + 2 * gy], [hs, hs, hs]], [round(s * 1.3), s], gx, gy, m)
    if kind == "cols_3_2":  # left column three panels, right column two: no full-width gutter
        hs = round(s * 0.7)
        H = 3 * hs + 2 * gy
        h2 = (H - gy) // 2
        return columns_layout([[hs, hs, hs], [h2, H - gy - h2]], [s, round(s * 1.2)], gx, gy, m)
    if kind == "big_L":  # a large panel top-left (2 x 2 cells), two to its right, three below
        c = round(s * 0.8)
        big = (m, m, m + 2 * c + gx, m + 2 * c + gy)
        right = [(m + 2 * (c + gx), m, m + 3 * c + 2 * gx, m + c), (m + 2 * (c + gx), m + c + gy, m + 3 * c + 2 * gx, m + 2 * c + gy)]
        y = m + 2 * (c + gy)
        bottom = [(m + k * (c + gx), y, m + k * (c + gx) + c, y + c) for k in range(3)]
        cells = [big, right[0], right[1]] + bottom
        cells.sort(key=lambda q: (q[1], q[0]))
        return cells, (2 * m + 3 * c + 2 * gx, 2 * m + 3 * c + 2 * gy)
    # wide_over2: one wide panel over a row of two
    W = 2 * s + gx
    return rows_layout([[W], [s, s]], [round(s * 0.8), h], gx, gy, m)


LAYOUT_NOTE = {"r3_over_r2": "a row of three over a row of two (full width, the lower two wider)",
               "r3_over_r2_centred": "a row of three over a row of two of the same size, centred",
               "r2_over_r4": "a row of two large over a row of four small", "grid24": "2 x 4", "grid42": "4 x 2",
               "row5": "1 x 5", "col3": "3 x 1 (stacked)", "wide_narrow": "one row: a wide panel, then two narrow",
               "row2_unequal": "1 x 2 of unequal widths", "grid22_unequal": "2 x 2, unequal column widths and row heights",
               "tall_left3": "one tall panel left, three small stacked right",
               "cols_3_2": "two columns with their own row cuts (three left, two right; no full-width gutter)",
               "big_L": "a large panel top-left with two small ones to its right and three below",
               "wide_over2": "one wide panel over a row of two"}
LAYOUTS = ["r3_over_r2", "grid24", "wide_narrow", "cols_3_2", "row2_unequal", "big_L", "grid42", "r2_over_r4",
           "col3", "tall_left3", "grid22_unequal", "row5", "r3_over_r2_centred", "wide_over2"]


def position_words(kind: str, cells) -> list[str] | None:
    if kind in ("row2_unequal",):
        return ["left", "right"]
    if kind == "wide_narrow":
        return ["left", "middle", "right"]
    if kind == "col3":
        return ["top", "middle", "bottom"]
    if kind == "wide_over2":
        return None
    return None


# ---- drawing ----

def arrow(d: ImageDraw.ImageDraw, tip, direction, size: int, colour) -> None:
    dx, dy = direction
    n = (dx * dx + dy * dy) ** 0.5
    ux, uy = dx / n, dy / n
    tx, ty = tip
    base = (tx - ux * size * 0.55, ty - uy * size * 0.55)
    tail = (tx - ux * size * 1.6, ty - uy * size * 1.6)
    px, py = -uy, ux
    d.line([tail, base], fill=colour, width=max(2, size // 6))
    d.polygon([(tx, ty), (base[0] + px * size * 0.3, base[1] + py * size * 0.3),
               (base[0] - px * size * 0.3, base[1] - py * size * 0.3)], fill=colour)


def scale_bar(d: ImageDraw.ImageDraw, cell, colour, text: str | None) -> None:
    x0, y0, x1, y1 = cell
    L = max(30, (x1 - x0) // 5)
    y = y1 - 12
    d.rectangle([x0 + 12, y - 3, x0 + 12 + L, y], fill=colour)
    if text:
        d.text((x0 + 12, y - 6), text, font=small_font(13), fill=colour, anchor="ld")


# colour name -> (fill, stroke colour or None, box colour or None)
COLOURS = {"white outlined": ((255, 255, 255), (0, 0, 0), None), "red": ((230, 20, 20), None, None),
           "black outlined": ((0, 0, 0), (255, 255, 255), None), "cyan": ((0, 210, 255), None, None),
           "white": ((255, 255, 255), None, None), "white on translucent box": ((255, 255, 255), None, (0, 0, 0, 140)),
           "black on white box": ((0, 0, 0), None, (255, 255, 255, 255)), "yellow outlined": ((255, 230, 0), (0, 0, 0), None)}
COLOUR_CYCLE = ["white outlined", "red", "black outlined", "cyan", "white on translucent box", "white",
                "yellow outlined", "black on white box"]
CORNERS = ["tl", "br", "below", "tr", "mixed", "bl", "left", "tl", "tr"]
MIXED = ["tl", "tr", "bl", "br", "tr", "tl"]
GUTTERS = ["white", "none", "dark_rule", "grey", "rows_only", "black", "frame", "white", "none"]
FORMS = ["A", "a", "(a)", "a.", "(A)", "A)", "a", "A", "A."]
CAPTIONS = ["paren", "nature_bare", "range", "comma_upper", "none", "nature_grouped", "range_lower", "paren",
            "and_pairs", "backref", "partial", "nature_bare", "nocaption"]


def form_text(form: str, i: int) -> str:
    a = "abcdefghij"[i]
    return {"A": a.upper(), "a": a, "(a)": f"({a})", "(A)": f"({a.upper()})", "a.": a + ".", "A)": a.upper() + ")",
            "A.": a.upper() + "."}[form]


def put_label(canvas: Image.Image, photo, text: str, f, corner: str, colour: str, pad: int, strip_ink) -> None:
    """A label on the photo (a corner) or in the cell's strip beside it (below, left)."""
    d = ImageDraw.Draw(canvas)
    x0, y0, x1, y1 = photo
    fill, stroke, box = COLOURS[colour]
    sw = max(1, f.size // 12) if stroke else 0
    l, t, r, b = d.textbbox((0, 0), text, font=f, stroke_width=sw)
    tw, th = r - l, b - t
    if corner == "below":
        d.text((x0 + 2 - l, y1 + 3 - t), text, font=f, fill=strip_ink)
        return
    if corner == "left":
        d.text((x0 - tw - 4 - l, y0 + 1 - t), text, font=f, fill=strip_ink)
        return
    x = x0 + pad if corner in ("tl", "bl") else x1 - pad - tw
    y = y0 + pad if corner in ("tl", "tr") else y1 - pad - th
    if box:
        layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
        ImageDraw.Draw(layer).rectangle([x - 4, y - 4, x + tw + 4, y + th + 4], fill=box)
        canvas.paste(Image.alpha_composite(canvas.convert("RGBA"), layer).convert("RGB"))
        d = ImageDraw.Draw(canvas)
    d.text((x - l, y - t), text, font=f, fill=fill, stroke_width=sw, stroke_fill=stroke)


# ---- captions ----

def describe(p: dict, rng: random.Random) -> str:
    return re.sub(r"\ba (?=[aeiou])", "an ", _describe(p, rng))


def _describe(p: dict, rng: random.Random) -> str:
    if p["modality"] == "dermoscopy":
        return rng.choice(["dermoscopy of a {dx} with {f}", "dermoscopic view of a {dx} showing {f}",
                           "{dx} under dermoscopy: {f}"]).format(dx=p["dx"], f=rng.choice(DERMOSCOPY[p["dx"]]))
    where = f" on the {p['site']}" if p["site"] else ""
    return rng.choice(["{dx}{w}", "{look}{w} (histology: {dx})", "clinical photograph of a {dx}{w}",
                       "{look}{w}, diagnosed as {dx}"]).format(dx=p["dx"], w=where, look=rng.choice(CLINICAL[p["dx"]]))


def cap_first(s: str) -> str:
    return s[0].upper() + s[1:]


def dx_list(descs: list[str]) -> str:
    dxs = []
    for t in descs:
        for dx in sorted(set(DX.values()), key=len, reverse=True):
            if dx in t and dx not in dxs:
                dxs.append(dx)
                break
    return cap_first(", ".join(dxs))


def groups_of(n: int, rng: random.Random) -> list[list[int]]:
    """Consecutive letter groups for range captions: the first of two or three, then ones and pairs."""
    first = 3 if n >= 4 else 2
    out, k = [list(range(first))], first
    while k < n:
        size = min(n - k, rng.choice([1, 2]))
        out.append(list(range(k, k + size)))
        k += size
    return out


def caption(style: str, fig_no: int, title: str, descs: list[str], L: list[str], rng: random.Random,
            positions: list[str] | None):
    """Caption text and the name under which it refers to each panel (in letter order)."""
    n = len(descs)
    head = rng.choice([f"Figure {fig_no}. {title}.", f"Fig. {fig_no}. {title}.", f"FIGURE {fig_no}. {title}."])
    low = [a.lower() for a in L]
    if style == "paren":
        return head + " " + " ".join(f"({a}) {cap_first(t)}." for a, t in zip(L, descs)), low
    if style == "nature_bare":
        return f"Fig. {fig_no} {title}. " + " ".join(f"{a} {cap_first(t)}." for a, t in zip(L, descs)), low
    if style == "comma_upper":  # "A, Text. B, Text." (American clinical journals)
        return head + " " + " ".join(f"{a}, {cap_first(t)}." for a, t in zip(L, descs)), low
    if style in ("range", "range_lower", "and_pairs", "nature_grouped"):
        parts = []
        for grp in groups_of(n, rng) if style != "and_pairs" else [list(range(k, min(n, k + 2))) for k in range(0, n, 2)]:
            if len(grp) == 1:
                lab = L[grp[0]]
            elif style == "and_pairs":
                lab = f"{L[grp[0]]} and {L[grp[1]]}"
            elif style == "nature_grouped":
                lab = ",".join(L[k] for k in grp) if len(grp) == 2 else f"{L[grp[0]]}\u2013{L[grp[-1]]}"
            elif len(grp) == 2:
                lab = f"{L[grp[0]]}, {L[grp[1]]}"
            else:
                lab = f"{L[grp[0]]}\u2013{L[grp[-1]]}"
            text = cap_first("; ".join(descs[k] for k in grp))
            parts.append(f"{lab} {text}." if style == "nature_grouped" else f"({lab}) {text}.")
        lead = f"Fig. {fig_no} {title}. " if style == "nature_grouped" else head + " "
        return lead + " ".join(parts), low
    if style == "backref":
        parts = [f"({L[0]}) {cap_first(descs[0])}."]
        for k in range(1, n):
            ref = rng.choice([f"; the same patient as in ({L[k - 1]})", f", unlike the lesion shown in ({L[0]})",
                              f" (compare with ({L[k - 1]}))"])
            parts.append(f"({L[k]}) {cap_first(descs[k])}{ref}.")
        return f"{head} {' '.join(parts)}", low
    if style == "partial":  # names only the first panels; the last two are described without a letter
        body = " ".join(f"({a}) {cap_first(t)}." for a, t in zip(L[:-2], descs[:-2]))
        return f"{head} {body} The remaining images show {dx_list(descs[-2:]).lower()}.", low[:-2] + [None, None]
    if style == "position":
        body = " ".join(f"{cap_first(w)}, {t}." for w, t in zip(positions, descs))
        return f"{head} {body}", list(positions)
    if style == "nocaption":
        return None, [None] * n
    return f"{head} {dx_list(descs)} in the clinic and under dermoscopy.", [None] * n


def gutter_params(gutter: str, rng: random.Random):
    """(gx, gy, background, margin, frame colour or None)."""
    if gutter == "white":
        g = rng.choice([6, 10, 16])
        return g, g, (255, 255, 255), rng.choice([0, g]), None
    if gutter == "grey":
        g = rng.choice([5, 8, 10])
        return g, g, rng.choice([(150, 150, 150), (200, 200, 200)]), 0, None
    if gutter == "black":
        g = rng.choice([4, 8])
        return g, g, (0, 0, 0), rng.choice([0, g]), None
    if gutter == "dark_rule":
        g = rng.choice([1, 2])
        return g, g, rng.choice([(0, 0, 0), (40, 40, 40)]), 0, None
    if gutter == "rows_only":  # photos abut within a row; white gaps between rows
        return 0, rng.choice([8, 14]), (255, 255, 255), 0, None
    if gutter == "frame":  # white gutters inside a dark frame round the whole figure
        g = rng.choice([6, 10])
        return g, g, (255, 255, 255), g + 3, rng.choice([(0, 0, 0), (60, 60, 60)])
    return 0, 0, (255, 255, 255), 0, None


def make_figure(i: int, rng: random.Random, photos: list[dict]):
    kind = LAYOUTS[i % len(LAYOUTS)]
    gutter = GUTTERS[i % len(GUTTERS)]
    corner = CORNERS[i % len(CORNERS)]
    colour = COLOUR_CYCLE[(i // 2) % len(COLOUR_CYCLE)]
    form = FORMS[(i // 3) % len(FORMS)]
    cap_style = CAPTIONS[(i * 3) % len(CAPTIONS)]
    font_i = (i * 3) % len(FONTS)
    gx, gy, bg, m, frame = gutter_params(gutter, rng)
    positions = position_words(kind, None)
    if positions is not None and i % 3 != 0:
        cap_style = "position"
    lettered = cap_style != "position" and i % 11 != 5  # a few captions name letters the image does not print
    if cap_style == "partial" and not lettered:
        cap_style = "paren"
    (cells, size) = layout(kind, rng, gx, gy, m)
    n = len(cells)
    if cap_style == "partial" and n < 3:
        cap_style = "none"
    short = min(min(c[2] - c[0], c[3] - c[1]) for c in cells)
    fs = max(14, min(44, round(short * [0.08, 0.11, 0.14, 0.18][i % 4])))
    f = font(font_i, fs)
    # a label strip below or left of each photo lies inside the cell: the photo takes the rest
    strip = 0
    if lettered and corner in ("below", "left"):
        strip = fs + 8 if corner == "below" else round(fs * 1.6) + 6
    photo_of = []
    for c in cells:
        if corner == "below" and strip:
            photo_of.append((c[0], c[1], c[2], c[3] - strip))
        elif corner == "left" and strip:
            photo_of.append((c[0] + strip, c[1], c[2], c[3]))
        else:
            photo_of.append(c)
    column_wise = kind in ("grid24", "grid42", "grid22_unequal") and (i // len(LAYOUTS)) % 2 == 1
    order = list(range(n))
    if column_wise:
        r, cc = {"grid24": (2, 4), "grid42": (4, 2), "grid22_unequal": (2, 2)}[kind]
        order = [(k % cc) * r + (k // cc) for k in range(n)]
    clin = [p for p in photos if p["modality"] == "clinical"]
    derm = [p for p in photos if p["modality"] == "dermoscopy"]
    if i % 4 == 0:
        chosen = [rng.choice(clin) if k % 2 == 0 else rng.choice(derm) for k in range(n)]
    else:
        chosen = rng.sample(rng.choice([clin, derm, photos]), n)
    W, H = size
    canvas = Image.new("RGB", size, bg)
    d = ImageDraw.Draw(canvas)
    if frame:
        d.rectangle([0, 0, W - 1, H - 1], outline=frame, width=3)
    if strip:
        for c in cells:  # the strip is white even where the gutters are dark
            d.rectangle([c[0], c[1], c[2] - 1, c[3] - 1], fill=(255, 255, 255))
    for ph, p in zip(photo_of, chosen):
        with Image.open(PHOTOS / p["file"]) as im:
            canvas.paste(fit(im.convert("RGB"), ph[2] - ph[0], ph[3] - ph[1]), ph[:2])
    d = ImageDraw.Draw(canvas)
    extras = []
    if i % 5 == 3:
        for ph in rng.sample(photo_of, max(1, n // 2)):
            cx, cy = (ph[0] + ph[2]) // 2, (ph[1] + ph[3]) // 2
            arrow(d, (cx + rng.randint(-12, 12), cy + rng.randint(-12, 12)), rng.choice([(1, 1), (-1, 1), (0, 1)]),
                  max(16, (ph[2] - ph[0]) // 9), rng.choice([(255, 255, 255), (255, 230, 0), (0, 0, 0)]))
        extras.append("arrows")
    if i % 7 == 2:
        for ph in photo_of:
            scale_bar(d, ph, (255, 255, 255), "2 mm" if i % 2 else None)
        extras.append("scale bars")
    printed = [form_text(form, order[k]) for k in range(n)] if lettered else []
    pad = [5, 9, 14][i % 3]
    for k, (ph, text) in enumerate(zip(photo_of, printed)):
        where = MIXED[k % len(MIXED)] if corner == "mixed" else corner
        put_label(canvas, ph, text, f, where, colour, pad, (0, 0, 0))
    boxes = [list(c) for c in cells]
    letters = [t.strip("().").lower() for t in printed]
    descs = [describe(p, rng) for p in chosen]
    if lettered:
        by_letter = sorted(range(n), key=lambda k: letters[k])
        base = [letters[k] for k in by_letter]
    else:
        by_letter = list(range(n))
        base = [chr(97 + k) for k in range(n)]
    upper = cap_style in ("comma_upper", "and_pairs") or (cap_style in ("paren", "range", "backref", "partial")
                                                         and i % 2 == 0)
    L = [a.upper() if upper else a for a in base]
    fig_no = rng.randint(1, 6)
    text, names_lo = caption(cap_style, fig_no, rng.choice(TITLES), [descs[k] for k in by_letter], L, rng,
                             positions)
    names = [None] * n
    for k, j in enumerate(by_letter):
        names[j] = names_lo[k]
    if not text or cap_style in ("none", "partial"):
        rows = False
    elif cap_style == "position":
        rows = True
    elif not lettered:
        rows = None
    else:
        rows = sorted(names) == sorted(letters)
    if lettered:
        where = {"below": "in a white strip below each photo (black)", "left": "in a white strip left of each photo (black)",
                 "mixed": f"{colour} in mixed corners ({', '.join(MIXED[k % len(MIXED)] for k in range(n))})"}.get(
            corner, f"{colour} at {corner}")
        label_note = (f"letters '{form_text(form, 0)}' style, {fs} px {FONTS[font_i][1]}, {where}"
                      + (", labelled column-wise" if column_wise else ""))
    else:
        label_note = "no letters printed"
    gut = {"white": f"white {gx} px", "grey": f"grey {bg} {gx} px", "black": f"black {gx} px",
           "dark_rule": f"thin dark rule {bg} {gx} px", "rows_only": f"none within rows, white {gy} px between rows",
           "frame": f"white {gx} px inside a 3 px frame {frame}", "none": "none (photos abut)"}[gutter]
    note = (f"composed: {LAYOUT_NOTE[kind]}; gutters {gut}, outer margin {m} px; {label_note}"
            + (f"; {', '.join(extras)}" if extras else "") + f"; caption style {cap_style}")
    return canvas, {"panels": n, "letters": letters, "type": "clin", "boxes": boxes, "caption": text,
                    "caption_names": names, "rows": rows, "photos": [p["file"] for p in chosen],
                    "width": W, "height": H, "note": note}


SINGLE_KINDS = ["letter_outlined", "letter_below", "thin_frame", "inset", "arrows", "scale", "text_label",
                "other_figure_ref"]


def make_single(j: int, rng: random.Random, photos: list[dict]):
    """A single photograph that must stay whole: a printed letter, a frame, an inset, arrows, a scale bar."""
    what = SINGLE_KINDS[j % len(SINGLE_KINDS)]
    clin = [p for p in photos if p["modality"] == "clinical"]
    derm = [p for p in photos if p["modality"] == "dermoscopy"]
    p = rng.choice(clin if j % 2 == 0 else derm)
    w = rng.choice([420, 540, 660])
    h = round(w * rng.choice([0.75, 1.0]))
    with Image.open(PHOTOS / p["file"]) as im:
        photo = fit(im.convert("RGB"), w, h)
    used = [p["file"]]
    desc = cap_first(describe(p, rng))
    fig = rng.randint(1, 5)
    cap: str | None = f"Figure {fig}. {desc}."
    if what == "thin_frame":
        canvas = Image.new("RGB", (w + 2, h + 2), (0, 0, 0))
        canvas.paste(photo, (1, 1))
    elif what == "letter_below":
        canvas = Image.new("RGB", (w, h + 36), (255, 255, 255))
        canvas.paste(photo, (0, 0))
    else:
        canvas = photo
    d = ImageDraw.Draw(canvas)
    if what == "letter_outlined":
        put_label(canvas, (0, 0, w, h), "A" if j < 8 else "a", font(j % len(FONTS), 34), "tr" if j < 8 else "bl",
                  "white outlined", 10, None)
        cap = f"Figure {fig}. {desc}." if j < 8 else None
    elif what == "letter_below":
        put_label(canvas, (0, 0, w, h), "(A)" if j < 8 else "b", font(4, 26), "below", "white", 0, (0, 0, 0))
    elif what == "inset":
        q = rng.choice(derm if p["modality"] == "clinical" else clin)
        iw = w // 3
        with Image.open(PHOTOS / q["file"]) as im:
            inset = fit(im.convert("RGB"), iw, round(iw * 0.8))
        x, y = (10, 10) if j < 8 else (w - iw - 10, h - inset.height - 10)
        d.rectangle([x - 2, y - 2, x + iw + 1, y + inset.height + 1], fill=(255, 255, 255))
        canvas.paste(inset, (x, y))
        used.append(q["file"])
        cap = f"Figure {fig}. {desc}. Inset, {describe(q, rng)}."
    elif what == "arrows":
        for _ in range(2 if j < 8 else 3):
            arrow(d, (w // 2 + rng.randint(-50, 50), h // 2 + rng.randint(-50, 50)), rng.choice([(1, 1), (-1, 1), (1, 0)]),
                  28, (255, 255, 255) if j < 8 else (0, 0, 0))
        cap = f"Fig. {fig}. {desc} (arrowheads)." if j < 8 else f"Fig. {fig} {desc}; arrows mark the biopsy site."
    elif what == "scale":
        scale_bar(d, (0, 0, w, h), (255, 255, 255), "1 mm")
        cap = f"Figure {fig}. {desc}. Scale bar, 1 mm."
    elif what == "text_label":
        t = "Day 0" if j < 8 else "Baseline"
        d.text((12, 10), t, font=small_font(22), fill=(255, 255, 255), stroke_width=2, stroke_fill=(0, 0, 0))
        cap = f"Figure {fig}. {desc} at presentation." if j < 8 else None
    else:  # other_figure_ref: the caption names panels of another figure
        other = fig + 1
        cap = (f"Figure {fig}. {desc}; the lesion of Figure {other}(b) after 3 months." if j < 8
               else f"Fig. {fig} {desc}, imaged as in Fig. {other}a,b.")
    entry = {"panels": 1, "letters": [], "type": "clin", "boxes": [[0, 0, canvas.width, canvas.height]],
             "caption": cap, "caption_names": [None], "rows": False, "photos": used, "width": canvas.width,
             "height": canvas.height, "note": f"composed single photograph ({what.replace('_', ' ')}); kept whole"
             + ("; a printed letter on a single panel" if what.startswith("letter") else "")
             + ("; no caption" if cap is None else "")}
    return canvas, entry


def encode(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=86)
    return buf.getvalue()


def main(argv: list[str]) -> int:
    global PHOTOS
    if len(argv) not in (2, 3):
        print("usage: compose.py PHOTOS_DIR OUTDIR [ANNOTATIONS_OUT]", file=sys.stderr)
        return 2
    PHOTOS, out = Path(argv[0]), Path(argv[1])
    if not (PHOTOS / "PROVENANCE.tsv").is_file():
        print(f"compose.py: no PROVENANCE.tsv in {PHOTOS}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    photos = read_photos(PHOTOS)
    entries = []
    for i in range(N_COMPOUND + N_SINGLES):
        rng = random.Random(SEED * 1000 + i)
        im, e = make_figure(i, rng, photos) if i < N_COMPOUND else make_single(i - N_COMPOUND, rng, photos)
        name = f"composed_{i + 1:03d}.jpg"
        (out / name).write_bytes(encode(im))
        entries.append({"file": f"images/{name}", **e})
    if len(argv) == 3:
        Path(argv[2]).write_text(json.dumps(entries, indent=1) + "\n", encoding="utf-8")
    print(f"{len(entries)} images written to {out}")
    return 0


PHOTOS = Path(".")

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
