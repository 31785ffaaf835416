"""Compose the dermatology photo grids of held-out figure set 7 from the real photographs in
shared/realdata/photos (PAD-UFES-20 clinical photos, CC BY 4.0; ISIC 2017 dermoscopy, CC0).

Usage: python benchmarks/pmc/heldout7/compose.py PHOTOS_DIR OUTDIR [ANNOTATIONS_OUT]

Seeded and deterministic (no wall clock): the same photos, fonts and Pillow give the same bytes. The set
aims at what held-out set 6 showed to be hard: panel letters in yellow, letters printed ABOVE the photos
(outside them, in a label strip), white letters on light skin, black letters on white boxes, lower and
upper case with and without brackets, several fonts and sizes, letters in every corner; gutters white,
black, coloured, thin rules and none (abutting photos); 1 x 2 to 3 x 3 grids and uneven layouts (one
large panel beside two small ones, a row of three under one wide panel, a panel made of two sub-photos
"i"/"ii"); captions "(A) ... (B) ...", Nature bare "a Text b Text", "a, ...", grouped "(A, C) ... (B, D)",
"(Ai-ii) ... (B) ...", back-references "(a)" inside sentences, "Left: ... Right: ...", "Top: ...
Bottom: ...", captions naming no panel or only some panels, and single photographs (with a letter, a
frame, an inset, arrows or a scale bar) that must stay whole. Each feature is drawn from a fixed cycle
(so every one occurs), the photos and sizes from a seeded RNG. The panel boxes written to
ANNOTATIONS_OUT are the photo cells as laid out (a label printed in the strip above a photo is inside
its panel's box). Written without reading the project's splitter or benchmarks/pmc/derm_grids.py;
heldout6/compose.py was read and its helpers (photo list, fit, descriptions) reused.
"""
from __future__ import annotations

import io
import json
import random
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SEED = 7026
N_COMPOUND = 64
N_SINGLES = 8
DEJAVU = Path("/usr/share/fonts/truetype/dejavu")


def mpl_fonts() -> Path:
    """matplotlib's bundled fonts (STIX, a Times-like face; Computer Modern Sans)."""
    import matplotlib

    return Path(matplotlib.__file__).parent / "mpl-data" / "fonts" / "ttf"


# (file name, directory key, short name recorded in the note)
FONTS = [("DejaVuSans-Bold.ttf", "dejavu", "DejaVu Sans Bold"),
         ("STIXGeneralBol.ttf", "mpl", "STIX General Bold"),
         ("DejaVuSerif-Bold.ttf", "dejavu", "DejaVu Serif Bold"),
         ("DejaVuSansCondensed-Bold.ttf", "dejavu", "DejaVu Sans Condensed Bold"),
         ("DejaVuSans.ttf", "dejavu", "DejaVu Sans"),
         ("cmss10.ttf", "mpl", "Computer Modern Sans 10"),
         ("DejaVuSansMono-Bold.ttf", "dejavu", "DejaVu Sans Mono Bold"),
         ("STIXGeneral.ttf", "mpl", "STIX General"),
         ("DejaVuSerif.ttf", "dejavu", "DejaVu Serif")]


def font(i: int, size: int):
    name, where, _ = FONTS[i]
    return ImageFont.truetype(str((DEJAVU if where == "dejavu" else mpl_fonts()) / name), size)


def small_font(size: int):
    return ImageFont.truetype(str(DEJAVU / "DejaVuSans.ttf"), size)


DX = {"ACK": "actinic keratosis", "BCC": "basal cell carcinoma", "MEL": "melanoma", "NEV": "melanocytic nevus",
      "SCC": "squamous cell carcinoma", "SEK": "seborrheic keratosis", "melanoma": "melanoma",
      "nevus": "melanocytic nevus", "seborrheic_keratosis": "seborrheic keratosis"}
DERMOSCOPY = {
    "melanoma": ["an atypical pigment network and irregular dots", "a blue-white veil and irregular streaks",
                 "asymmetric pigmentation with regression structures"],
    "melanocytic nevus": ["a regular reticular network", "a globular pattern with symmetric pigmentation",
                          "a homogeneous brown pattern"],
    "seborrheic keratosis": ["milia-like cysts and comedo-like openings", "fissures and ridges (brain-like pattern)",
                             "a sharp demarcation and moth-eaten border"],
}
CLINICAL = {
    "actinic keratosis": ["an erythematous scaly macule", "a rough, keratotic papule", "an ill-defined scaly patch"],
    "basal cell carcinoma": ["a pearly papule with telangiectasia", "an ulcerated nodule with rolled borders",
                             "a shiny erythematous plaque"],
    "melanoma": ["an asymmetric pigmented lesion", "a variegated macule with irregular borders"],
    "melanocytic nevus": ["a well-circumscribed brown papule", "a symmetric pigmented macule"],
    "squamous cell carcinoma": ["a keratotic nodule", "an indurated, crusted plaque"],
    "seborrheic keratosis": ["a stuck-on verrucous papule", "a waxy brown plaque"],
}
TITLES = ["Representative cases", "Clinical and dermoscopic findings", "Lesions included in the reader study",
          "Clinical presentation", "Lesions before excision", "Cases from the external test set",
          "Dermoscopic features", "Spectrum of presentations", "Misclassified cases"]


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


# ---- layouts: cells (x0, y0, x1, y1) in reading order (row-major) and the canvas size ----

def grid(rows: int, cols: int, w: int, h: int, g: int, m: int):
    cells = [(m + c * (w + g), m + r * (h + g), m + c * (w + g) + w, m + r * (h + g) + h)
             for r in range(rows) for c in range(cols)]
    return cells, (2 * m + cols * w + (cols - 1) * g, 2 * m + rows * h + (rows - 1) * g)


def big_side(w_big: int, w: int, h: int, g: int, m: int, left: bool):
    """One large panel beside two small stacked ones."""
    H = 2 * h + g
    if left:
        cells = [(m, m, m + w_big, m + H), (m + w_big + g, m, m + w_big + g + w, m + h),
                 (m + w_big + g, m + h + g, m + w_big + g + w, m + H)]
    else:
        cells = [(m, m, m + w, m + h), (m + w + g, m, m + w + g + w_big, m + H), (m, m + h + g, m + w, m + H)]
    return cells, (2 * m + w_big + g + w, 2 * m + H)


def wide_over(k: int, w: int, h: int, h_top: int, g: int, m: int, top: bool):
    """A row of k panels under (top=True) or over one wide panel."""
    W = k * w + (k - 1) * g
    wide_y = m if top else m + h + g
    row_y = m + h_top + g if top else m
    wide = (m, wide_y, m + W, wide_y + h_top)
    row = [(m + c * (w + g), row_y, m + c * (w + g) + w, row_y + h) for c in range(k)]
    cells = [wide] + row if top else row + [wide]
    return cells, (2 * m + W, 2 * m + h_top + g + h)


def rows_of(counts: list[int], W: int, h: int, g: int, m: int):
    cells, y = [], m
    for k in counts:
        w = (W - (k - 1) * g) // k
        for c in range(k):
            x0 = m + c * (w + g)
            cells.append((x0, y, x0 + w if c < k - 1 else m + W, y + h))
        y += h + g
    return cells, (2 * m + W, y - g + m)


def add_label_strips(cells, size, strip: int):
    """Room for labels above every row: each row top moves down by `strip` per row top above or at it."""
    tops = sorted({c[1] for c in cells})
    out = []
    for x0, y0, x1, y1 in cells:
        out.append((x0, y0 + strip * sum(1 for t in tops if t <= y0), x1, y1 + strip * sum(1 for t in tops if t < y1)))
    return out, (size[0], size[1] + strip * len(tops))


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


def scale_bar(d: ImageDraw.ImageDraw, cell, colour, with_text: bool) -> None:
    x0, y0, x1, y1 = cell
    L = max(30, (x1 - x0) // 5)
    y = y1 - 14
    d.rectangle([x1 - 12 - L, y - 4, x1 - 12, y], fill=colour)
    if with_text:
        d.text((x1 - 12 - L, y - 8), "5 mm", font=small_font(14), fill=colour, anchor="ld")


COLOURS = {"yellow": ((255, 221, 0), None), "white": ((255, 255, 255), None), "black": ((0, 0, 0), None),
           "black on white box": ((0, 0, 0), (255, 255, 255)), "white on black box": ((255, 255, 255), (0, 0, 0)),
           "yellow on black box": ((255, 221, 0), (0, 0, 0))}


def put_label(d: ImageDraw.ImageDraw, cell, text: str, f, corner: str, colour: str, pad: int, strip: int,
              strip_colour) -> None:
    x0, y0, x1, y1 = cell
    l, t, r, b = d.textbbox((0, 0), text, font=f)
    tw, th = r - l, b - t
    if corner == "above":
        x, y = x0 + 2, y0 - strip + (strip - th) // 2
        d.text((x - l, y - t), text, font=f, fill=strip_colour)
        return
    x = x0 + pad if corner in ("tl", "bl") else x1 - pad - tw
    y = y0 + pad if corner in ("tl", "tr") else y1 - pad - th
    fill, box = COLOURS[colour]
    if box:
        d.rectangle([x - 4, y - 4, x + tw + 4, y + th + 4], fill=box)
    d.text((x - l, y - t), text, font=f, fill=fill)


# ---- captions ----

def describe(p: dict, rng: random.Random) -> str:
    return re.sub(r"\ba (?=[aeiou])", "an ", _describe(p, rng))


def _describe(p: dict, rng: random.Random) -> str:
    if p["modality"] == "dermoscopy":
        return rng.choice(["Dermoscopy of a {dx} showing {f}", "Dermoscopic image of a {dx} with {f}",
                           "Dermoscopy: {dx} with {f}"]).format(dx=p["dx"], f=rng.choice(DERMOSCOPY[p["dx"]]))
    where = f" on the {p['site']}" if p["site"] else ""
    return rng.choice(["Clinical image of {dx}{w}", "{look}{w}, histologically a {dx}",
                       "Clinical photograph: {dx}{w}"]).format(dx=p["dx"], w=where,
                                                               look=rng.choice(CLINICAL[p["dx"]]))


def cap_first(s: str) -> str:
    return s[0].upper() + s[1:]


def low_first(s: str) -> str:
    return s[0].lower() + s[1:]


def dx_list(descs: list[str]) -> str:
    dxs = []
    for t in descs:
        for dx in sorted(set(DX.values()), key=len, reverse=True):
            if dx in t and dx not in dxs:
                dxs.append(dx)
                break
    return cap_first(", ".join(dxs))


def caption(style: str, fig_no: int, title: str, descs: list[str], L: list[str], rng: random.Random,
            positions: list[str] | None, sub: list[str] | None):
    """Caption text and the name under which it refers to each panel, both in letter order.

    `L` are the caption's letters in letter order (case as the caption prints them); `positions` the
    position words of the panels in letter order where the caption names them by position; `sub` the two
    sub-photo descriptions of panel one for the "(Ai-ii)" style."""
    n = len(descs)
    head = rng.choice([f"Figure {fig_no}. {title}.", f"Fig. {fig_no}. {title}.", f"Figure {fig_no}: {title}."])
    low = [a.lower() for a in L]
    if style == "paren":
        return head + " " + " ".join(f"({a}) {cap_first(t)}." for a, t in zip(L, descs)), low
    if style == "paren_inline":
        body = ", ".join(f"({a}) {low_first(t)}" for a, t in zip(L, descs))
        return f"{head} {cap_first(body)}.", low
    if style == "nature_bare":
        body = " ".join(f"{a} {cap_first(t)}" for a, t in zip(L, descs))
        return f"Fig. {fig_no} {title} {body}", low
    if style == "nature_comma":
        body = " ".join(f"{a}, {cap_first(t)}." for a, t in zip(L, descs))
        return f"Fig. {fig_no} | {title}. {body}", low
    if style == "grouped_alt":  # "(A, C) ... (B, D) ...": odd and even letters described together
        odd, even = list(range(0, n, 2)), list(range(1, n, 2))
        parts = []
        for grp in (odd, even):
            lab = ", ".join(L[i] for i in grp)
            parts.append(f"({lab}) " + cap_first("; ".join(low_first(descs[i]) for i in grp)) + ".")
        return f"{head} {' '.join(parts)}", low
    if style == "sub_roman":  # "(Ai-ii) ... (B) ...": panel one is two sub-photos
        first = f"({L[0]}i\u2013ii) {cap_first(sub[0])} (i) and {low_first(sub[1])} (ii)."
        rest = " ".join(f"({a}) {cap_first(t)}." for a, t in zip(L[1:], descs[1:]))
        return f"{head} {first} {rest}", low
    if style == "backref":  # "(B) ... the lesion in (a) ...": the back-reference names no new panel
        parts = [f"({L[0]}) {cap_first(descs[0])}."]
        for k in range(1, n):
            ref = rng.choice([f"; compare the lesion in ({low[k - 1]})", f", a different lesion from that in ({low[0]})",
                              f" (same patient as ({low[k - 1]}))"])
            parts.append(f"({L[k]}) {cap_first(descs[k])}{ref}.")
        return f"{head} {' '.join(parts)}", low
    if style == "partial":  # names only the first n - 1 panels: rows cannot be made for all
        body = " ".join(f"({a}) {cap_first(t)}." for a, t in zip(L[:-1], descs[:-1]))
        return f"{head} {body} {dx_list(descs[-1:])} in the last image.", low[:-1] + [None]
    if style == "position":
        body = " ".join(f"{cap_first(w)}: {cap_first(t)}." for w, t in zip(positions, descs))
        return f"{head} {body}", list(positions)
    # "none": the caption names no panel
    return f"{head} {dx_list(descs)}: clinical and dermoscopic examples.", [None] * n


# ---- feature cycles (every option occurs; lengths differ so the combinations mix) ----

LAYOUTS = ["row2", "grid22", "col2", "row3", "big_left", "grid23", "wide_over3", "grid32", "grid33",
           "big_right", "row3_under_wide", "mixrows", "row4"]
GUTTERS = ["white", "none", "black", "colour", "rule", "white", "none"]
CORNERS = ["above", "tl", "tr", "above", "bl", "br", "tl", "above"]
COLOUR_CYCLE = ["yellow", "white", "black on white box", "yellow", "white on black box", "white", "black",
                "yellow on black box"]
FORMS = ["A", "a", "(a)", "(A)", "A.", "a)", "a", "A"]
CAPTIONS = ["paren", "nature_bare", "grouped_alt", "paren_inline", "backref", "none", "nature_comma",
            "sub_roman", "paren", "partial", "nature_bare", "position"]
GUTTER_COLOURS = [(31, 56, 100), (128, 128, 128), (230, 230, 230), (120, 30, 30)]


def form_text(form: str, i: int) -> str:
    a = "abcdefghi"[i]
    return {"A": a.upper(), "a": a, "(a)": f"({a})", "(A)": f"({a.upper()})", "A.": a.upper() + ".",
            "a)": a + ")"}[form]


def layout_cells(kind: str, rng: random.Random, g: int, m: int):
    s = rng.choice([220, 250, 280, 320])
    if kind in ("row2", "row3", "row4"):
        n = int(kind[3])
        s = min(s, (1150 - 2 * m - (n - 1) * g) // n)
        return grid(1, n, s, round(s * rng.choice([1.0, 0.75, 1.25])), g, m), (1, n)
    if kind == "col2":
        return grid(2, 1, round(s * 1.4), s, g, m), (2, 1)
    if kind.startswith("grid"):
        r, c = int(kind[4]), int(kind[5])
        s = min(s, (1150 - 2 * m - (c - 1) * g) // c, (1100 - 2 * m - (r - 1) * g) // r)
        return grid(r, c, s, round(s * rng.choice([1.0, 0.8])), g, m), (r, c)
    if kind in ("big_left", "big_right"):
        return big_side(round(s * 1.3), s, round(s * 0.8), g, m, kind == "big_left"), None
    if kind == "wide_over3":
        return wide_over(3, s, round(s * 0.8), round(s * 0.9), g, m, top=True), None
    if kind == "row3_under_wide":
        return wide_over(3, s, round(s * 0.8), round(s * 0.9), g, m, top=False), None
    return rows_of([2, 3], 3 * s, round(s * 0.8), g, m), None  # mixrows


LAYOUT_NOTE = {"row2": "1 x 2", "row3": "1 x 3", "row4": "1 x 4", "col2": "2 x 1 (stacked)", "grid22": "2 x 2",
               "grid23": "2 x 3", "grid32": "3 x 2", "grid33": "3 x 3",
               "big_left": "one large panel left, two small stacked right",
               "big_right": "two small stacked left, one large panel right",
               "wide_over3": "one wide panel above a row of three",
               "row3_under_wide": "a row of three above one wide panel", "mixrows": "a row of two over a row of three"}


def position_words(kind: str) -> list[str] | None:
    return {"row2": ["left", "right"], "row3": ["left", "middle", "right"], "col2": ["top", "bottom"]}.get(kind)


def make_figure(i: int, rng: random.Random, photos: list[dict]) -> tuple[Image.Image, dict]:
    kind = LAYOUTS[i % len(LAYOUTS)]
    gutter = GUTTERS[i % len(GUTTERS)]
    corner = CORNERS[i % len(CORNERS)]
    colour = COLOUR_CYCLE[(i // 2) % len(COLOUR_CYCLE)]
    form = FORMS[(i // 3) % len(FORMS)]
    cap_style = CAPTIONS[(i * 5) % len(CAPTIONS)]
    font_i = i % len(FONTS)
    if gutter == "white":
        g, bg = rng.choice([4, 8, 12, 20]), (255, 255, 255)
    elif gutter == "black":
        g, bg = rng.choice([3, 6, 10]), (0, 0, 0)
    elif gutter == "colour":
        g, bg = rng.choice([4, 6, 10]), GUTTER_COLOURS[(i // 7) % len(GUTTER_COLOURS)]
    elif gutter == "rule":
        g, bg = rng.choice([1, 2]), rng.choice([(255, 255, 255), (0, 0, 0), (160, 160, 160)])
    else:
        g, bg = 0, (255, 255, 255)
    m = 0 if gutter in ("none", "rule") else rng.choice([0, 0, g])
    (cells, size), shape = layout_cells(kind, rng, g, m)
    n = len(cells)
    # letters: which are printed, how
    positions = position_words(kind)
    if positions is not None and i % 2 == 1:
        cap_style = "position"
    if cap_style == "position" and positions is None:
        cap_style = "none"
    lettered = cap_style != "position" and not (i % 9 == 4)  # a few figures print no letters
    if cap_style == "sub_roman" and kind not in ("big_left", "big_right", "wide_over3", "row3_under_wide", "col2"):
        cap_style = "paren"
    if cap_style == "grouped_alt" and n < 3:
        cap_style = "paren"
    column_wise = shape is not None and shape[0] > 1 and shape[1] > 1 and i % 4 == 1
    order = list(range(n))  # letter index of the cell at row-major position k
    if column_wise:
        r, c = shape
        order = [(k % c) * r + (k // c) for k in range(n)]
    short = min(min(c[2] - c[0], c[3] - c[1]) for c in cells)
    fs = max(14, min(48, round(short * [0.07, 0.1, 0.13, 0.17][i % 4])))
    f = font(font_i, fs)
    strip = 0
    if lettered and corner == "above":
        strip = fs + 8
        cells, size = add_label_strips(cells, size, strip)
    strip_bg = bg if gutter in ("white", "black", "colour") else (255, 255, 255)
    strip_ink = (0, 0, 0) if sum(strip_bg) > 380 else ((255, 221, 0) if colour.startswith("yellow") else (255, 255, 255))
    clin = [p for p in photos if p["modality"] == "clinical"]
    derm = [p for p in photos if p["modality"] == "dermoscopy"]
    if i % 3 == 0:
        chosen = [rng.choice(clin) if k % 2 == 0 else rng.choice(derm) for k in range(n)]
    else:
        chosen = rng.sample(rng.choice([clin, derm, photos]), n)
    canvas = Image.new("RGB", size, bg)
    sub_photos = None
    for k, (cell, p) in enumerate(zip(cells, chosen)):
        w, h = cell[2] - cell[0], cell[3] - cell[1]
        if cap_style == "sub_roman" and order[k] == 0:
            # panel A: two photos of the same diagnosis side by side (or stacked), split by a 2 px line
            q = rng.choice([x for x in photos if x["dx"] == p["dx"] and x["file"] != p["file"]])
            sub_photos = [p, q]
            horiz = w >= h
            a = (w - 2) // 2 if horiz else (h - 2) // 2
            with Image.open(PHOTOS / p["file"]) as im:
                canvas.paste(fit(im.convert("RGB"), a if horiz else w, h if horiz else a), cell[:2])
            with Image.open(PHOTOS / q["file"]) as im:
                second = fit(im.convert("RGB"), w - a - 2 if horiz else w, h if horiz else h - a - 2)
            canvas.paste(second, (cell[0] + a + 2, cell[1]) if horiz else (cell[0], cell[1] + a + 2))
            ImageDraw.Draw(canvas).rectangle(
                [cell[0] + a, cell[1], cell[0] + a + 1, cell[3] - 1] if horiz else [cell[0], cell[1] + a, cell[2] - 1, cell[1] + a + 1],
                fill=(255, 255, 255))
            sf = small_font(max(12, fs * 2 // 3))
            d0 = ImageDraw.Draw(canvas)
            for t, (sx, sy) in zip(("i", "ii"), ((cell[0], cell[1]), (cell[0] + a + 2, cell[1]) if horiz else (cell[0], cell[1] + a + 2))):
                d0.text((sx + 6, (sy + (h if horiz else a)) - 8), t, font=sf, fill=(255, 255, 255), anchor="ld")
            continue
        with Image.open(PHOTOS / p["file"]) as im:
            canvas.paste(fit(im.convert("RGB"), w, h), cell[:2])
    d = ImageDraw.Draw(canvas)
    extras = []
    if i % 5 == 2:
        for cell in rng.sample(cells, max(1, n // 2)):
            cx, cy = (cell[0] + cell[2]) // 2, (cell[1] + cell[3]) // 2
            arrow(d, (cx + rng.randint(-10, 10), cy + rng.randint(-10, 10)), rng.choice([(1, 1), (-1, 1), (1, 0)]),
                  max(18, (cell[2] - cell[0]) // 9), rng.choice([(255, 255, 255), (0, 0, 0), (255, 221, 0)]))
        extras.append("arrows")
    if i % 6 == 3:
        for cell in cells:
            scale_bar(d, cell, (255, 255, 255), i % 12 == 3)
        extras.append("scale bars")
    letters_printed = [form_text(form, order[k]) for k in range(n)] if lettered else []
    pad = [4, 8, 12][i % 3]
    if strip:  # the label strip above each photo: gutter colour, or white where the photos abut or meet at a rule
        for cell in cells:
            d.rectangle([cell[0], cell[1] - strip, cell[2] - 1, cell[1] - 1], fill=strip_bg)
    for cell, text in zip(cells, letters_printed):
        put_label(d, cell, text, f, corner, colour, pad, strip, strip_ink)
    boxes = [[c[0], c[1] - strip, c[2], c[3]] for c in cells]
    letters = [t.strip("().").lower() for t in letters_printed]
    # caption: panels in letter order
    descs = [describe(p, rng) for p in chosen]
    sub = None
    if sub_photos:
        sub = [describe(sub_photos[0], rng), describe(sub_photos[1], rng)]
    if lettered:
        by_letter = sorted(range(n), key=lambda k: letters[k])
        base = [letters[k] for k in by_letter]
    else:
        by_letter = list(range(n))
        base = [chr(97 + k) for k in range(n)]
    upper_caption = cap_style == "sub_roman" or (cap_style in ("paren", "grouped_alt", "backref", "partial") and i % 2 == 0)
    L = [a.upper() if upper_caption else a for a in base]
    fig_no = rng.randint(1, 7)
    text, names_lo = caption(cap_style, fig_no, rng.choice(TITLES), [descs[k] for k in by_letter], L, rng,
                             positions, sub)
    names = [None] * n
    for k, j in enumerate(by_letter):
        names[j] = names_lo[k]
    if cap_style == "position":
        rows = True
    elif cap_style in ("none", "partial"):
        rows = False
    elif not lettered:
        rows = None  # the caption names letters the image does not print: rows in reading order plausible
    else:
        rows = sorted(x for x in names if x) == sorted(letters) and all(names)
    label_note = (f"letters '{form_text(form, 0)}' style, {fs} px {FONTS[font_i][2]}, "
                  + (f"printed above the photos in a {strip} px strip ({'black' if strip_ink == (0, 0, 0) else 'yellow' if strip_ink[2] == 0 else 'white'} on {'white' if strip_bg == (255, 255, 255) else 'black' if strip_bg == (0, 0, 0) else 'the gutter colour'})"
                     if corner == "above" else f"{colour} at {corner}")
                  + (", labelled column-wise" if column_wise else "")) if lettered else "no letters printed"
    gut = {"white": f"white {g} px", "black": f"black {g} px", "colour": f"coloured {bg} {g} px",
           "rule": f"thin rule {bg} {g} px", "none": "none (photos abut)"}[gutter]
    note = (f"composed: {LAYOUT_NOTE[kind]}; gutters {gut}, outer margin {m} px; {label_note}"
            + ("; panel one is two sub-photos (i, ii)" if sub_photos else "")
            + (f"; {', '.join(extras)}" if extras else "") + f"; caption style {cap_style}")
    photos_used = [p["file"] for p in chosen] + ([sub_photos[1]["file"]] if sub_photos else [])
    entry = {"panels": n, "letters": letters, "type": "clin", "boxes": boxes, "caption": text,
             "caption_names": names, "rows": rows, "photos": photos_used, "width": size[0], "height": size[1],
             "note": note}
    return canvas, entry


SINGLE_KINDS = ["letter", "frame", "inset", "arrows", "letter_above", "scale", "frame_letter", "backref_caption"]


def make_single(j: int, rng: random.Random, photos: list[dict]) -> tuple[Image.Image, dict]:
    """A single photograph kept whole: a printed letter, a frame, an inset, arrows or a scale bar."""
    what = SINGLE_KINDS[j % len(SINGLE_KINDS)]
    clin = [p for p in photos if p["modality"] == "clinical"]
    derm = [p for p in photos if p["modality"] == "dermoscopy"]
    p = rng.choice(clin if j % 2 == 0 else derm)
    w = rng.choice([480, 600, 720])
    h = round(w * rng.choice([0.75, 1.0]))
    with Image.open(PHOTOS / p["file"]) as im:
        photo = fit(im.convert("RGB"), w, h)
    used = [p["file"]]
    desc = cap_first(describe(p, rng))
    fig = rng.randint(1, 5)
    if what in ("frame", "frame_letter"):
        b = rng.choice([4, 10])
        canvas = Image.new("RGB", (w + 2 * b, h + 2 * b), (0, 0, 0) if j % 3 else (255, 255, 255))
        ImageDraw.Draw(canvas).rectangle([0, 0, w + 2 * b - 1, h + 2 * b - 1], outline=(0, 0, 0), width=1)
        canvas.paste(photo, (b, b))
    elif what == "letter_above":
        canvas = Image.new("RGB", (w, h + 40), (255, 255, 255))
        canvas.paste(photo, (0, 40))
    else:
        canvas = photo
    d = ImageDraw.Draw(canvas)
    cap = f"Figure {fig}. {desc}."
    if what in ("letter", "frame_letter"):
        put_label(d, (0, 0, canvas.width, canvas.height), "A" if j % 2 == 0 else "a", font(j % len(FONTS), 36), "tl",
                  "yellow" if j % 4 == 0 else "white on black box", 12, 0, None)
        cap = f"Figure {fig}. {desc}, before treatment."
    elif what == "letter_above":
        put_label(d, (0, 40, w, h + 40), "(a)", font(2, 28), "above", "black", 0, 40, (0, 0, 0))
        cap = f"Fig. {fig}. {desc}."
    elif what == "inset":
        q = rng.choice(derm if p["modality"] == "clinical" else clin)
        iw = w // 3
        with Image.open(PHOTOS / q["file"]) as im:
            inset = fit(im.convert("RGB"), iw, round(iw * 0.8))
        x, y = w - iw - 10, h - inset.height - 10
        d.rectangle([x - 3, y - 3, x + iw + 2, y + inset.height + 2], fill=(255, 255, 255))
        canvas.paste(inset, (x, y))
        used.append(q["file"])
        cap = f"Figure {fig}. {desc}. Inset: {low_first(describe(q, rng))}."
    elif what == "arrows":
        for _ in range(2):
            arrow(d, (w // 2 + rng.randint(-40, 40), h // 2 + rng.randint(-40, 40)), rng.choice([(1, 1), (-1, 1)]),
                  30, (255, 221, 0))
        cap = f"Figure {fig}. {desc} (arrows)."
    elif what == "scale":
        scale_bar(d, (0, 0, w, h), (255, 255, 255), True)
        cap = f"Fig. {fig}. {desc}. Scale bar, 5 mm."
    else:  # backref_caption: the caption names "(a)" of another figure
        cap = f"Figure {fig}. {desc}; the same lesion as in Figure {fig - 1 if fig > 1 else 2}(a), six months later."
    entry = {"panels": 1, "letters": [], "type": "clin", "boxes": [[0, 0, canvas.width, canvas.height]],
             "caption": cap, "caption_names": [None], "rows": False, "photos": used, "width": canvas.width,
             "height": canvas.height, "note": f"composed single photograph ({what.replace('_', ' ')}); kept whole"
             + ("; a printed letter on a single panel" if "letter" in what else "")}
    return canvas, entry


def encode(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=88)
    return buf.getvalue()


def main(argv: list[str]) -> int:
    global PHOTOS
    if len(argv) not in (2, 3):
        print("usage: compose.py PHOTOS_DIR OUTDIR [ANNOTATIONS_OUT]", file=sys.stderr)
        return 2
    PHOTOS, out = Path(argv[0]), Path(argv[1])
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
