"""Compose the dermatology photo grids of held-out figure set 9 from the real photographs in
shared/realdata/photos (PAD-UFES-20 clinical photos, CC BY 4.0; ISIC 2017 dermoscopy, CC0).

Usage: python benchmarks/pmc/heldout9/compose.py PHOTOS_DIR OUTDIR [ANNOTATIONS_OUT]

Seeded and deterministic (no wall clock): the same photos, fonts and Pillow give the same bytes. Layouts
and label styles differ from set 8: two over three (full width and centred), an L shape (a tall panel, two
stacked, a wide panel along the bottom), two over a wide panel, one / two / one rows, 3 x 3, 1 x 4, two
stacked beside a tall one, four small over two large, two columns with their own cuts (two left, three
right), 2 x 3 with a wider middle column, a wide panel over three, 2 x 1, portrait pairs, narrow / wide /
narrow rows; gutters white (4-20 px), thin coloured rules, none, white with each photo framed, cream,
gaps between columns only, dark blue, thick black, light grey with a wide light grey margin; letters on
dark or yellow boxes, with a drop shadow, magenta, green, orange, at the top centre, in a white strip
above each photo, in mixed corners; insets (zoomed crops) inside panels. Captions: "(A) ...", Nature
"a, Text", "A: Text;", "A. Text.", "Panel A, Text", hyphen ranges "(A-C)", grouped out of order
"(a,b) ... (d,e) ... (c)", alternating "(A, C) ... (B, D)", back-references "as in panel A", "(see (b))",
captions naming some or no panels, no caption, position words; singles that must stay whole (side
markers L / R, "Week 12", magnification, a ruler, a scale bar, one letter on a dark box, a white border).
Each feature is drawn from a fixed cycle, the photos and sizes from a seeded RNG. The boxes written to
ANNOTATIONS_OUT are the exact cells (photo plus its own label strip). Written without reading the
project's splitter or benchmarks/pmc/derm_grids.py; heldout8/compose.py was read and its photo list,
fit, description and drawing helpers reused.
"""
from __future__ import annotations

import io
import json
import random
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SEED = 9026
N_COMPOUND = 60
N_SINGLES = 14


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


# ---- layouts: cells (x0, y0, x1, y1) in reading order (row-major: by top edge, then left) ----

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


def spread(total: int, n: int, g: int) -> list[int]:
    """n widths filling `total` with n-1 gutters of g (the last takes the remainder)."""
    w = (total - (n - 1) * g) // n
    return [w] * (n - 1) + [total - (n - 1) * g - w * (n - 1)]


def layout(kind: str, rng: random.Random, gx: int, gy: int, m: int):
    s = rng.choice([190, 220, 250, 280])
    h = round(s * rng.choice([0.75, 0.9, 1.0]))
    if kind == "r2_over_r3":  # two wide panels over three narrower ones, both rows the full width
        W = 3 * s + 2 * gx
        return rows_layout([spread(W, 2, gx), spread(W, 3, gx)], [round(h * 1.1), h], gx, gy, m)
    if kind == "r2_over_r3_centred":  # a row of two centred over a row of three of the same size
        return rows_layout([[s] * 2, [s] * 3], [h, h], gx, gy, m)
    if kind == "L_shape":  # a tall panel left of two stacked ones, a wide panel along the bottom
        c = round(s * 0.8)
        tall = (m, m, m + round(1.3 * c), m + 2 * c + gy)
        x = tall[2] + gx
        right = [(x, m, x + round(1.2 * c), m + c), (x, m + c + gy, x + round(1.2 * c), m + 2 * c + gy)]
        W = right[0][2] - m
        y = m + 2 * c + 2 * gy
        wide = (m, y, m + W, y + round(0.9 * c))
        cells = sorted([tall, right[0], right[1], wide], key=lambda q: (q[1], q[0]))
        return cells, (2 * m + W, wide[3] + m)
    if kind == "two_over_wide":  # two panels over one wide panel spanning the row
        W = 2 * s + gx
        return rows_layout([[s, s], [W]], [h, round(s * 0.6)], gx, gy, m)
    if kind == "r1_r2_r1":  # one, two, one: a wide panel, a pair, a wide panel
        W = 2 * s + gx
        return rows_layout([[W], [s, s], [W]], [round(s * 0.55), h, round(s * 0.55)], gx, gy, m)
    if kind == "grid33":
        ws = min(s, 240)
        return rows_layout([[ws] * 3] * 3, [round(ws * 0.85)] * 3, gx, gy, m)
    if kind == "row4":
        ws = min(s, 240)
        return rows_layout([[ws] * 4], [round(ws * rng.choice([1.0, 1.3]))], gx, gy, m)
    if kind == "two_left_tall_right":  # two stacked left, one tall right
        hs = round(s * 0.75)
        a = (m, m, m + s, m + hs)
        b = (m, m + hs + gy, m + s, m + 2 * hs + gy)
        c = (m + s + gx, m, m + s + gx + round(s * 1.1), m + 2 * hs + gy)
        return sorted([a, b, c], key=lambda q: (q[1], q[0])), (2 * m + s + gx + round(s * 1.1), 2 * m + 2 * hs + gy)
    if kind == "r4_over_r2":  # four small over two large, both rows the full width
        ws = min(s, 220)
        W = 4 * ws + 3 * gx
        return rows_layout([[ws] * 4, spread(W, 2, gx)], [round(ws * 0.8), round(ws * 1.2)], gx, gy, m)
    if kind == "cols_2_3":  # two columns with their own row cuts: two left, three right (no full-width gutter)
        hs = round(s * 0.6)
        H = 3 * hs + 2 * gy
        h2 = (H - gy) // 2
        left = [(m, m, m + round(s * 1.3), m + h2), (m, m + h2 + gy, m + round(s * 1.3), m + H)]
        x = m + round(s * 1.3) + gx
        right = [(x, m + k * (hs + gy), x + s, m + H if k == 2 else m + k * (hs + gy) + hs) for k in range(3)]
        return sorted(left + right, key=lambda q: (q[1], q[0])), (2 * m + round(s * 1.3) + gx + s, 2 * m + H)
    if kind == "grid23_unequal":  # 2 x 3, the middle column wider
        return rows_layout([[s, round(s * 1.4), s]] * 2, [h, h], gx, gy, m, centre=False)
    if kind == "wide_over3":  # one wide panel over three
        W = 3 * s + 2 * gx
        return rows_layout([[W], [s] * 3], [round(s * 0.7), h], gx, gy, m)
    if kind == "stack2":  # 2 x 1
        return rows_layout([[round(s * 1.6)]] * 2, [round(s * 0.9)] * 2, gx, gy, m)
    if kind == "row2_portrait":
        return rows_layout([[s, s]], [round(s * 1.35)], gx, gy, m)
    # row3_mixed: one row: narrow, wide, narrow
    return rows_layout([[s, round(s * 1.8), s]], [h], gx, gy, m)


LAYOUT_NOTE = {"r2_over_r3": "a row of two over a row of three, both the full width (the upper two wider)",
               "r2_over_r3_centred": "a row of two centred over a row of three of the same size",
               "L_shape": "L-shaped: a tall panel left of two stacked ones, a wide panel along the bottom",
               "two_over_wide": "two panels over one wide panel spanning the row",
               "r1_r2_r1": "three rows: one wide panel, a pair, one wide panel", "grid33": "3 x 3",
               "row4": "1 x 4", "two_left_tall_right": "two stacked panels left, one tall panel right",
               "r4_over_r2": "a row of four small over a row of two large (same width)",
               "cols_2_3": "two columns with their own row cuts (two left, three right; no full-width gutter)",
               "grid23_unequal": "2 x 3, the middle column wider", "wide_over3": "one wide panel over a row of three",
               "stack2": "2 x 1 (stacked)", "row2_portrait": "1 x 2, portrait panels",
               "row3_mixed": "one row: narrow, wide, narrow"}
LAYOUTS = ["r2_over_r3", "L_shape", "row4", "grid33", "stack2", "two_over_wide", "cols_2_3", "row3_mixed",
           "r4_over_r2", "two_left_tall_right", "grid23_unequal", "r1_r2_r1", "row2_portrait", "wide_over3",
           "r2_over_r3_centred"]


def position_words(kind: str) -> list[str] | None:
    """Single-word positions for unlettered rows and stacks (other layouts have none)."""
    return {"row2_portrait": ["left", "right"], "row3_mixed": ["left", "middle", "right"],
            "stack2": ["top", "bottom"], "r1_r2_r1": None}.get(kind)


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



# label style name -> (fill, stroke colour or None, box colour or None)
COLOURS = {"white on dark box": ((255, 255, 255), None, (20, 20, 20, 255)),
           "black on yellow box": ((0, 0, 0), None, (255, 220, 0, 255)),
           "white with shadow": ((255, 255, 255), None, None), "magenta": ((230, 0, 200), None, None),
           "green outlined": ((0, 200, 60), (0, 0, 0), None), "black": ((0, 0, 0), None, None),
           "white on translucent blue box": ((255, 255, 255), None, (0, 40, 140, 170)),
           "white outlined": ((255, 255, 255), (0, 0, 0), None), "orange": ((255, 140, 0), None, None)}
COLOUR_CYCLE = ["white on dark box", "black on yellow box", "white with shadow", "magenta", "green outlined",
                "black", "white on translucent blue box", "white outlined", "orange"]
CORNERS = ["tl", "above", "tc", "br", "tl", "tr", "mixed", "bl", "above", "tc"]
MIXED = ["tr", "bl", "tl", "br", "bl", "tr", "tl", "br", "tr"]
GUTTERS = ["white", "colour_rule", "none", "white_framed", "cream", "cols_only", "navy", "black_thick",
           "light_grey_margin", "white", "none"]
FORMS = ["A", "(a)", "a", "A.", "(A)", "a)", "A", "a.", "[a]"]
CAPTIONS = ["paren", "nature_comma", "colon", "range_hyphen", "grouped_out_of_order", "alternating", "panel_words",
            "backref_panel", "bold_dot", "none", "partial", "paren", "nocaption", "nature_comma"]


def form_text(form: str, i: int) -> str:
    a = "abcdefghij"[i]
    return {"A": a.upper(), "a": a, "(a)": f"({a})", "(A)": f"({a.upper()})", "a)": a + ")", "A.": a.upper() + ".",
            "a.": a + ".", "[a]": f"[{a}]"}[form]


def put_label(canvas: Image.Image, photo, text: str, f, corner: str, colour: str, pad: int) -> None:
    """A label on the photo (a corner or the top centre) or in the cell's white strip above it."""
    d = ImageDraw.Draw(canvas)
    x0, y0, x1, y1 = photo
    fill, stroke, box = COLOURS[colour]
    sw = max(1, f.size // 12) if stroke else 0
    l, t, r, b = d.textbbox((0, 0), text, font=f, stroke_width=sw)
    tw, th = r - l, b - t
    if corner == "above":
        d.text((x0 + 2 - l, y0 - th - 5 - t), text, font=f, fill=(0, 0, 0))
        return
    if corner == "tc":
        x = (x0 + x1 - tw) // 2
    else:
        x = x0 + pad if corner in ("tl", "bl") else x1 - pad - tw
    y = y0 + pad if corner in ("tl", "tr", "tc") else y1 - pad - th
    if box:
        layer = Image.new("RGBA", canvas.size, (0, 0, 0, 0))
        ImageDraw.Draw(layer).rectangle([x - 5, y - 4, x + tw + 5, y + th + 4], fill=box)
        canvas.paste(Image.alpha_composite(canvas.convert("RGBA"), layer).convert("RGB"))
        d = ImageDraw.Draw(canvas)
    if colour == "white with shadow":
        d.text((x - l + 2, y - t + 2), text, font=f, fill=(0, 0, 0))
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



def groups_of(n: int) -> list[list[int]]:
    """Consecutive groups for range captions: the first three, then ones and pairs."""
    first = 3 if n >= 4 else 2
    out, k = [list(range(first))], first
    while k < n:
        size = min(n - k, 1 if k % 2 else 2)
        out.append(list(range(k, k + size)))
        k += size
    return out


def out_of_order(n: int) -> list[list[int]]:
    """"(a,b) ... (d,e) ... (c)": two pairs, then the panel between them, then the rest singly."""
    return [[0, 1], [3, 4], [2]] + [[k] for k in range(5, n)] if n >= 5 else [[0, 1], [3], [2]][: n - 1] if n == 4 else [[k] for k in range(n)]


def alternating(n: int) -> list[list[int]]:
    """"(A, C) ... (B, D)": every other panel in one group."""
    return [list(range(0, n, 2)), list(range(1, n, 2))]


def caption(style: str, fig_no: int, title: str, descs: list[str], L: list[str], rng: random.Random,
            positions: list[str] | None):
    """Caption text and the name under which it refers to each panel (in letter order)."""
    n = len(descs)
    head = rng.choice([f"Figure {fig_no}. {title}.", f"Fig. {fig_no}. {title}.", f"Figure {fig_no} | {title}."])
    low = [a.lower() for a in L]
    if style == "paren":
        return head + " " + " ".join(f"({a}) {cap_first(t)}." for a, t in zip(L, descs)), low
    if style == "nature_comma":  # "a, Text. b, Text."
        return f"Fig. {fig_no} | {title}. " + " ".join(f"{a}, {cap_first(t)}." for a, t in zip(L, descs)), low
    if style == "colon":  # "A: Text; B: Text."
        return head + " " + "; ".join(f"{a}: {t}" for a, t in zip(L, descs)) + ".", low
    if style == "bold_dot":  # "A. Text. B. Text."
        return head + " " + " ".join(f"{a}. {cap_first(t)}." for a, t in zip(L, descs)), low
    if style == "panel_words":  # "Panel A, Text. Panel B, Text."
        return head + " " + " ".join(f"Panel {a}, {t}." for a, t in zip(L, descs)), low
    if style in ("range_hyphen", "grouped_out_of_order", "alternating"):
        grps = {"range_hyphen": groups_of, "grouped_out_of_order": out_of_order, "alternating": alternating}[style](n)
        parts = []
        for grp in grps:
            if len(grp) == 1:
                lab = L[grp[0]]
            elif style == "range_hyphen" and len(grp) >= 3:
                lab = f"{L[grp[0]]}-{L[grp[-1]]}"
            else:
                lab = ",".join(L[k] for k in grp) if style == "grouped_out_of_order" else ", ".join(L[k] for k in grp)
            parts.append(f"({lab}) {cap_first('; '.join(descs[k] for k in grp))}.")
        return head + " " + " ".join(parts), low
    if style == "backref_panel":  # back-references "as in panel A" / "see (a)" inside a panel's text
        parts = [f"({L[0]}) {cap_first(descs[0])}."]
        for k in range(1, n):
            ref = rng.choice([f", imaged as in panel {L[0]}", f" (see ({L[k - 1]}))", f"; same scale as {L[k - 1]}"])
            parts.append(f"({L[k]}) {cap_first(descs[k])}{ref}.")
        return f"{head} {' '.join(parts)}", low
    if style == "partial":  # names only the first panels; the last two are described without a letter
        body = " ".join(f"({a}) {cap_first(t)}." for a, t in zip(L[:-2], descs[:-2]))
        return f"{head} {body} The other two images show {dx_list(descs[-2:]).lower()}.", low[:-2] + [None, None]
    if style == "position":
        body = " ".join(f"{cap_first(w)}, {t}." for w, t in zip(positions, descs))
        return f"{head} {body}", list(positions)
    if style == "nocaption":
        return None, [None] * n
    return f"{head} {dx_list(descs)}: clinical and dermoscopic images of the cohort.", [None] * n


def gutter_params(gutter: str, rng: random.Random):
    """(gx, gy, background, margin, per-photo 1 px frame colour or None)."""
    if gutter == "white":
        g = rng.choice([4, 12, 20])
        return g, g, (255, 255, 255), rng.choice([0, 10]), None
    if gutter == "colour_rule":  # thin coloured rules between photos
        g = rng.choice([2, 3])
        return g, g, rng.choice([(20, 40, 120), (140, 20, 20), (0, 110, 110)]), 0, None
    if gutter == "white_framed":  # white gutters, each photo inside its own thin black frame
        g = rng.choice([8, 12])
        return g, g, (255, 255, 255), g, (0, 0, 0)
    if gutter == "cream":
        return 10, 10, (245, 240, 228), 10, None
    if gutter == "cols_only":  # white gaps between columns, rows abut
        return rng.choice([8, 12]), 0, (255, 255, 255), 0, None
    if gutter == "navy":
        return 6, 6, (15, 25, 70), 6, None
    if gutter == "black_thick":
        g = rng.choice([12, 16])
        return g, g, (0, 0, 0), g, None
    if gutter == "light_grey_margin":  # light grey gutters and a wide outer margin of the same grey
        return 6, 6, (228, 228, 228), 20, None
    return 0, 0, (255, 255, 255), 0, None


GUTTER_NOTE = {"white": "white {g} px", "colour_rule": "thin coloured rule {bg} {g} px", "none": "none (photos abut)",
               "white_framed": "white {g} px, each photo in a 1 px black frame", "cream": "cream {bg} {g} px",
               "cols_only": "white {g} px between columns, none between rows", "navy": "dark blue {bg} {g} px",
               "black_thick": "black {g} px", "light_grey_margin": "light grey {bg} {g} px"}


def make_figure(i: int, rng: random.Random, photos: list[dict]):
    kind = LAYOUTS[i % len(LAYOUTS)]
    gutter = GUTTERS[i % len(GUTTERS)]
    corner = CORNERS[i % len(CORNERS)]
    colour = COLOUR_CYCLE[(i // 2) % len(COLOUR_CYCLE)]
    form = FORMS[(i // 3) % len(FORMS)]
    cap_style = CAPTIONS[(i * 5) % len(CAPTIONS)]
    font_i = (i * 7) % len(FONTS)
    gx, gy, bg, m, frame = gutter_params(gutter, rng)
    positions = position_words(kind)
    if positions is not None and i % 4 != 1:
        cap_style = "position"
    lettered = cap_style != "position" and i % 13 != 6  # a few captions name letters the image does not print
    (cells, size) = layout(kind, rng, gx, gy, m)
    n = len(cells)
    if cap_style == "partial" and (n < 3 or not lettered):
        cap_style = "paren"
    if (cap_style == "grouped_out_of_order" and n < 4) or (cap_style == "alternating" and n < 3):
        cap_style = "paren"  # too few panels to group: the caption comes out as "(a) ... (b) ..."
    short = min(min(c[2] - c[0], c[3] - c[1]) for c in cells)
    fs = max(12, min(50, round(short * [0.07, 0.10, 0.13, 0.17, 0.21][i % 5])))
    f = font(font_i, fs)
    strip = fs + 10 if lettered and corner == "above" else 0  # a white strip above each photo, inside the cell
    photo_of = [(c[0], c[1] + strip, c[2], c[3]) for c in cells]
    column_wise = kind in ("grid33", "grid23_unequal") and (i // len(LAYOUTS)) % 2 == 1
    order = list(range(n))
    if column_wise:
        r, cc = {"grid33": (3, 3), "grid23_unequal": (2, 3)}[kind]
        order = [(k % cc) * r + (k // cc) for k in range(n)]
    clin = [p for p in photos if p["modality"] == "clinical"]
    derm = [p for p in photos if p["modality"] == "dermoscopy"]
    if i % 3 == 0:
        chosen = [rng.choice(derm) if k % 2 == 0 else rng.choice(clin) for k in range(n)]
    else:
        chosen = rng.sample(rng.choice([clin, derm, photos]), n)
    W, H = size
    canvas = Image.new("RGB", size, bg)
    d = ImageDraw.Draw(canvas)
    if strip:
        for c in cells:  # the strip is white even where the gutters are dark
            d.rectangle([c[0], c[1], c[2] - 1, c[3] - 1], fill=(255, 255, 255))
    for ph, p in zip(photo_of, chosen):
        with Image.open(PHOTOS / p["file"]) as im:
            canvas.paste(fit(im.convert("RGB"), ph[2] - ph[0], ph[3] - ph[1]), ph[:2])
        if frame:
            d.rectangle([ph[0], ph[1], ph[2] - 1, ph[3] - 1], outline=frame, width=1)
    d = ImageDraw.Draw(canvas)
    extras = []
    if i % 6 == 4:
        for ph in rng.sample(photo_of, max(1, n // 2)):
            cx, cy = (ph[0] + ph[2]) // 2, (ph[1] + ph[3]) // 2
            arrow(d, (cx + rng.randint(-15, 15), cy + rng.randint(-15, 15)), rng.choice([(-1, -1), (1, -1), (-1, 0)]),
                  max(16, (ph[2] - ph[0]) // 8), rng.choice([(255, 255, 255), (0, 255, 0), (0, 0, 0)]))
        extras.append("arrows")
    if i % 8 == 5:
        for ph in photo_of:
            scale_bar(d, ph, (255, 255, 255), "5 mm" if i % 2 else None)
        extras.append("scale bars")
    if i % 9 == 7:  # an inset (a zoomed crop of the same photo) in one corner of each photo: part of its panel
        for ph, p in zip(photo_of, chosen):
            iw = max(24, (ph[2] - ph[0]) // 4)
            with Image.open(PHOTOS / p["file"]) as im:
                zoom = fit(im.convert("RGB").crop((im.width // 3, im.height // 3, 2 * im.width // 3, 2 * im.height // 3)), iw, iw)
            x, y = ph[2] - iw - 6, ph[3] - iw - 6
            d.rectangle([x - 2, y - 2, x + iw + 1, y + iw + 1], fill=(255, 255, 255))
            canvas.paste(zoom, (x, y))
        extras.append("insets (zoomed crop, bottom right of each photo)")
    printed = [form_text(form, order[k]) for k in range(n)] if lettered else []
    pad = [4, 8, 12][i % 3]
    for k, (ph, text) in enumerate(zip(photo_of, printed)):
        where = MIXED[k % len(MIXED)] if corner == "mixed" else corner
        put_label(canvas, ph, text, f, where, colour, pad)
    boxes = [list(c) for c in cells]
    letters = [t.strip("().[]").lower() for t in printed]
    descs = [describe(p, rng) for p in chosen]
    if lettered:
        by_letter = sorted(range(n), key=lambda k: letters[k])
        base = [letters[k] for k in by_letter]
    else:
        by_letter = list(range(n))
        base = [chr(97 + k) for k in range(n)]
    upper = cap_style in ("colon", "bold_dot", "panel_words", "alternating") or (
        cap_style in ("paren", "range_hyphen", "backref_panel", "partial") and i % 2 == 1)
    L = [a.upper() if upper else a for a in base]
    fig_no = rng.randint(1, 7)
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
        where = {"above": "in a white strip above each photo (black)",
                 "mixed": f"{colour} in mixed corners ({', '.join(MIXED[k % len(MIXED)] for k in range(n))})",
                 "tc": f"{colour} at the top centre"}.get(corner, f"{colour} at {corner}")
        label_note = (f"letters '{form_text(form, 0)}' style, {fs} px {FONTS[font_i][1]}, {where}"
                      + (", labelled column-wise" if column_wise else ""))
    else:
        label_note = "no letters printed"
    g = max(gx, gy)
    note = (f"composed: {LAYOUT_NOTE[kind]}; gutters {GUTTER_NOTE[gutter].format(g=g, bg=bg)}, outer margin {m} px; "
            f"{label_note}" + (f"; {', '.join(extras)}" if extras else "") + f"; caption style {cap_style}")
    return canvas, {"panels": n, "letters": letters, "type": "clin", "boxes": boxes, "caption": text,
                    "caption_names": names, "rows": rows, "photos": [p["file"] for p in chosen],
                    "width": W, "height": H, "note": note}


SINGLE_KINDS = ["scale_bar", "side_markers", "week_label", "magnification", "letter_dark_box", "ruler",
                "white_border"]


def make_single(j: int, rng: random.Random, photos: list[dict]):
    """A single photograph that must stay whole: text overlays, a scale bar or ruler, a letter, a wide border."""
    what = SINGLE_KINDS[j % len(SINGLE_KINDS)]
    second = j >= len(SINGLE_KINDS)
    clin = [p for p in photos if p["modality"] == "clinical"]
    derm = [p for p in photos if p["modality"] == "dermoscopy"]
    if second:  # one draw more, so the second use of a kind does not repeat the first one's photograph
        rng.random()
    p = rng.choice(derm if j % 2 == 0 else clin)
    w = rng.choice([400, 520, 640])
    h = round(w * rng.choice([0.75, 1.0, 1.2]))
    with Image.open(PHOTOS / p["file"]) as im:
        photo = fit(im.convert("RGB"), w, h)
    desc = cap_first(describe(p, rng))
    fig = rng.randint(1, 6)
    cap: str | None = f"Figure {fig}. {desc}."
    if what == "white_border":
        canvas = Image.new("RGB", (w + 40, h + 40), (255, 255, 255))
        canvas.paste(photo, (20, 20))
    else:
        canvas = photo
    d = ImageDraw.Draw(canvas)
    if what == "scale_bar":
        bar = "2 mm" if not second else "500 \u00b5m"
        scale_bar(d, (0, 0, w, h), (255, 255, 255) if not second else (0, 0, 0), bar)
        cap = f"Figure {fig}. {desc}. Scale bar, {bar}."
    elif what == "side_markers":  # "L" and "R" printed at the edges: letters that are no panel labels
        for t, x in (("L", 10), ("R", w - 30)):
            d.text((x, h // 2), t, font=font(0, 26), fill=(255, 255, 255), stroke_width=2, stroke_fill=(0, 0, 0))
        cap = f"Figure {fig}. {desc}; L, left; R, right." if not second else None
    elif what == "week_label":
        d.text((12, 10), "Week 12" if not second else "Post-treatment", font=small_font(24), fill=(255, 255, 255),
               stroke_width=2, stroke_fill=(0, 0, 0))
        cap = f"Fig. {fig}. {desc} after 12 weeks of treatment." if not second else f"Fig. {fig} {desc} after treatment."
    elif what == "magnification":
        d.text((w - 70, h - 36), "\u00d710" if not second else "\u00d720", font=font(2, 26), fill=(255, 255, 0))
        cap = f"Figure {fig}. {desc} (original magnification \u00d7{10 if not second else 20})."
    elif what == "letter_dark_box":  # one printed letter on a single photograph
        put_label(canvas, (0, 0, w, h), "B" if not second else "c", font(j % len(FONTS), 32), "tl" if not second else "br",
                  "white on dark box", 10)
        cap = f"Figure {fig}. {desc}; see also Figure {fig + 1}A-C." if not second else f"Fig. {fig} | {desc}."
    elif what == "ruler":  # a drawn millimetre ruler along the bottom edge
        d.rectangle([0, h - 26, w - 1, h - 1], fill=(250, 250, 240))
        for k in range(0, w, 8):
            d.line([(k, h - 26), (k, h - (12 if k % 40 else 4))], fill=(0, 0, 0), width=1)
        for k in range(0, w, 40):
            d.text((k + 2, h - 12), str(k // 40), font=small_font(10), fill=(0, 0, 0))
        cap = f"Figure {fig}. {desc}, photographed beside a millimetre ruler." if not second else None
    else:
        cap = f"Figure {fig}. {desc}." if not second else f"Fig. {fig} | {desc}; compare Fig. {fig + 1}(a) and (b)."
    entry = {"panels": 1, "letters": [], "type": "clin", "boxes": [[0, 0, canvas.width, canvas.height]],
             "caption": cap, "caption_names": [None], "rows": False, "photos": [p["file"]], "width": canvas.width,
             "height": canvas.height, "note": f"composed single photograph ({what.replace('_', ' ')}); kept whole"
             + ("; a printed letter on a single panel" if what == "letter_dark_box" else "")
             + ("; no caption" if cap is None else "")}
    return canvas, entry


def encode(im: Image.Image) -> bytes:
    buf = io.BytesIO()
    im.save(buf, "JPEG", quality=87)
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
