"""Compose the dermatology photo grids of held-out figure set 11 from the real photographs in
shared/realdata/photos (PAD-UFES-20 clinical photos, CC BY 4.0; ISIC 2017 dermoscopy, CC0).

Usage: python benchmarks/pmc/heldout11/compose.py PHOTOS_DIR OUTDIR [ANNOTATIONS_OUT]

Seeded and deterministic (no wall clock): the same photos, fonts and Pillow give the same bytes. Layouts and
label styles that sets 8-9 did not have: a row of panels of unequal heights aligned at the top or at the
centre, 2 x 2 with one panel a dermoscopy-style circle on a black square, a 2 x 2 mosaic beside a tall panel
spanning both rows on the right (or a large panel on the left), 2 x 4, a column of three of unequal widths,
before / after pairs and stacks printing "Before" / "After" instead of letters, photos with a drop shadow on a
coloured page, grey and tinted page backgrounds, labels outside the photo (in the margin left of it or above
it on the page colour), black labels with a white outline on the photo, very small (12 px) and very large
(60 px) labels, grids saved twice as JPEG (quality 30, then 87). Singles that must stay whole: a scale bar on
a box, a vertical ruler, an arrow, a date stamp, "Day 0" text, a dermoscopy circle on black, a photo with a
drop shadow on a tinted page. Each feature is drawn from a fixed cycle, the photos and sizes from a seeded
RNG. The boxes written to ANNOTATIONS_OUT are the exact cells (the photo, its own margin label strip and its
own shadow). Written without reading the project's splitter or benchmarks/pmc/derm_grids.py; heldout9's
compose.py was read and its photo list, fit, description, arrow, scale-bar and caption helpers reused.
"""
from __future__ import annotations

import io
import json
import random
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SEED = 11026
N_COMPOUND = 56
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


# ---- layouts: cells (x0, y0, x1, y1) in reading order (by top edge, then left) ----

def by_reading_order(cells):
    return sorted(cells, key=lambda q: (q[1], q[0]))


def grid(cols: int, rows: int, w: int, h: int, gx: int, gy: int, m: int):
    cells = [(m + c * (w + gx), m + r * (h + gy), m + c * (w + gx) + w, m + r * (h + gy) + h)
             for r in range(rows) for c in range(cols)]
    return cells, (2 * m + cols * w + (cols - 1) * gx, 2 * m + rows * h + (rows - 1) * gy)


def unequal_row(widths: list[int], heights: list[int], gx: int, m: int, align: str):
    """One row of cells of different heights, aligned at the top or centred on the tallest (left to right)."""
    H = max(heights)
    cells, x = [], m
    for w, h in zip(widths, heights):
        y = m if align == "top" else m + (H - h) // 2
        cells.append((x, y, x + w, y + h))
        x += w + gx
    return cells, (x - gx + m, H + 2 * m)  # one row: reading order is left to right whatever the tops


def layout(kind: str, rng: random.Random, gx: int, gy: int, m: int):
    s = rng.choice([200, 230, 260])
    if kind in ("unequal_top", "unequal_centre"):
        n = 3 if kind == "unequal_top" else rng.choice([3, 4])
        k = 1.0 if n == 3 else 0.7  # four panels: narrower, so the row stays within 1200 px with margin labels
        widths = [round(s * k * f) for f in (1.0, 1.25, 0.8, 0.95)[:n]]
        heights = [round(s * f) for f in (0.9, 1.3, 0.7, 1.05)[:n]]
        return unequal_row(widths, heights, gx, m, "top" if kind == "unequal_top" else "centre")
    if kind in ("grid22_circle", "grid22", "grid22_margin"):
        return grid(2, 2, s, round(s * 0.85) if kind != "grid22_circle" else s, gx, gy, m)
    if kind == "mosaic_tall_right":  # 2 x 2 small panels, one tall panel spanning both rows on the right
        c = round(s * 0.7)
        small, _ = grid(2, 2, c, c, gx, gy, m)
        x = m + 2 * c + 2 * gx
        tall = (x, m, x + round(c * 1.2), m + 2 * c + gy)
        return by_reading_order(small + [tall]), (tall[2] + m, tall[3] + m)
    if kind == "big_left_four_right":  # one large panel spanning two rows on the left, 2 x 2 small on the right
        c = round(s * 0.6)
        big = (m, m, m + 2 * c + gy, m + 2 * c + gy)
        small = [(big[2] + gx + k % 2 * (c + gx), m + k // 2 * (c + gy), big[2] + gx + k % 2 * (c + gx) + c,
                  m + k // 2 * (c + gy) + c) for k in range(4)]
        return by_reading_order([big] + small), (big[2] + 2 * gx + 2 * c + m, big[3] + m)
    if kind == "grid24":
        c = round(s * 0.75)
        return grid(4, 2, c, c, gx, gy, m)
    if kind == "grid32":
        return grid(3, 2, s, round(s * 0.8), gx, gy, m)
    if kind == "column3_unequal":  # three stacked panels of different widths, left-aligned
        widths = [round(s * 1.6), round(s * 1.2), round(s * 1.45)]
        hs = [round(s * 0.55), round(s * 0.7), round(s * 0.6)]
        cells, y = [], m
        for w, h in zip(widths, hs):
            cells.append((m, y, m + w, y + h))
            y += h + gy
        return cells, (2 * m + max(widths), y - gy + m)
    if kind == "before_after_row":
        return grid(2, 1, s, round(s * rng.choice([0.8, 1.0, 1.25])), gx, gy, m)
    if kind == "before_after_stack":
        return grid(1, 2, round(s * 1.5), round(s * 0.8), gx, gy, m)
    # row3_shadow: three photos in a row
    return grid(3, 1, s, round(s * 0.9), gx, gy, m)


LAYOUT_NOTE = {"unequal_top": "one row of three panels of unequal heights, aligned at the top",
               "unequal_centre": "one row of panels of unequal heights, centred vertically",
               "grid22_circle": "2 x 2, one panel a dermoscopy-style circle on a black square",
               "grid22": "2 x 2", "grid22_margin": "2 x 2",
               "mosaic_tall_right": "a 2 x 2 mosaic with a tall panel spanning both rows on the right",
               "big_left_four_right": "a large panel spanning two rows on the left, 2 x 2 small panels on the right",
               "grid24": "2 x 4", "grid32": "2 x 3", "column3_unequal": "a column of three panels of unequal widths",
               "before_after_row": "a before / after pair side by side ('Before' / 'After' printed, no letters)",
               "before_after_stack": "a before / after pair stacked ('Before' / 'After' printed, no letters)",
               "row3_shadow": "1 x 3"}
LAYOUTS = ["unequal_top", "grid22_circle", "mosaic_tall_right", "grid24", "before_after_row", "unequal_centre",
           "grid22_margin", "big_left_four_right", "column3_unequal", "grid32", "row3_shadow", "before_after_stack",
           "grid22", "unequal_top"]


def position_words(kind: str) -> list[str] | None:
    """Single-word positions for unlettered rows and stacks (other layouts have none)."""
    return {"before_after_row": ["left", "right"], "before_after_stack": ["top", "bottom"],
            "row3_shadow": ["left", "middle", "right"]}.get(kind)


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
COLOURS = {"black with white outline": ((0, 0, 0), (255, 255, 255), None), "white": ((255, 255, 255), None, None),
           "yellow": ((255, 230, 0), None, None), "red on white box": ((200, 0, 0), None, (255, 255, 255, 255)),
           "cyan": ((0, 230, 255), None, None), "white outlined": ((255, 255, 255), (0, 0, 0), None)}
COLOUR_CYCLE = ["black with white outline", "white", "yellow", "red on white box", "cyan", "white outlined"]
PLACES = ["tl", "margin_left", "tr", "margin_above", "bl", "tl", "margin_left", "br", "margin_above"]
PAGES = ["white", "grey_page", "shadow_colour", "tinted", "charcoal", "white", "shadow_colour", "none",
         "tinted_shadow"]
FORMS = ["A", "(a)", "a", "A)", "(A)", "a.", "A", "a"]
SIZES = [12, 60, 16, 28, 40, 12, 60, 22, 34]
CAPTIONS = ["paren", "nature_comma", "range_endash", "colon", "grouped_out_of_order", "alternating", "panel_words",
            "backref_panel", "bold_dot", "none", "partial", "paren", "nocaption", "nature_comma", "range_hyphen"]


def form_text(form: str, i: int) -> str:
    a = "abcdefghij"[i]
    return {"A": a.upper(), "a": a, "(a)": f"({a})", "(A)": f"({a.upper()})", "A)": a.upper() + ")",
            "a.": a + "."}[form]


def text_size(text: str, f, stroke: int):
    l, t, r, b = ImageDraw.Draw(Image.new("RGB", (1, 1))).textbbox((0, 0), text, font=f, stroke_width=stroke)
    return l, t, r - l, b - t


def put_label(canvas: Image.Image, photo, text: str, f, place: str, colour: str, pad: int) -> None:
    """A label on the photo at a corner (stroke, box or plain), or in the page margin left of / above it."""
    d = ImageDraw.Draw(canvas)
    x0, y0, x1, y1 = photo
    fill, stroke, box = COLOURS[colour]
    sw = max(1, f.size // 12) if stroke else 0
    l, t, tw, th = text_size(text, f, sw)
    if place in ("margin_left", "margin_above"):
        page = canvas.getpixel((max(0, x0 - 2), max(0, y0 - 2)))
        ink = (0, 0, 0) if sum(page) > 380 else (255, 255, 255)
        if place == "margin_left":
            d.text((x0 - tw - 5 - l, y0 + 2 - t), text, font=f, fill=ink)
        else:
            d.text((x0 + 2 - l, y0 - th - 5 - t), text, font=f, fill=ink)
        return
    x = x0 + pad if place in ("tl", "bl") else x1 - pad - tw
    y = y0 + pad if place in ("tl", "tr") else y1 - pad - th
    if box:
        d.rectangle([x - 4, y - 3, x + tw + 4, y + th + 3], fill=box[:3])
    d.text((x - l, y - t), text, font=f, fill=fill, stroke_width=sw, stroke_fill=stroke)


def page_params(page: str, rng: random.Random):
    """(gx, gy, page colour, margin, drop shadow offset or 0)."""
    if page == "white":
        g = rng.choice([8, 14])
        return g, g, (255, 255, 255), rng.choice([0, 8]), 0
    if page == "grey_page":
        return 10, 10, rng.choice([(128, 128, 128), (96, 96, 96)]), 14, 0
    if page == "shadow_colour":  # coloured page, a drop shadow under each photo
        return 18, 18, rng.choice([(36, 70, 92), (205, 218, 200), (92, 40, 60)]), 16, 7
    if page == "tinted":
        return 12, 12, rng.choice([(226, 236, 246), (246, 232, 234), (240, 240, 222)]), 16, 0
    if page == "tinted_shadow":
        return 16, 16, rng.choice([(226, 236, 246), (246, 232, 234)]), 18, 6
    if page == "charcoal":
        return 8, 8, (50, 50, 50), 8, 0
    return 0, 0, (255, 255, 255), 0, 0


PAGE_NOTE = {"white": "white page, white gutters {g} px", "grey_page": "grey page {bg}, gutters {g} px",
             "shadow_colour": "coloured page {bg}, gutters {g} px, a drop shadow under each photo",
             "tinted": "tinted page {bg}, gutters {g} px", "charcoal": "charcoal page {bg}, gutters {g} px",
             "none": "no gutters (photos abut)",
             "tinted_shadow": "tinted page {bg}, gutters {g} px, a drop shadow under each photo"}


def paste_photo(canvas: Image.Image, im: Image.Image, ph, shadow: int, circle: bool) -> None:
    """The photo at its place; with a blurred drop shadow offset down-right (inside the cell); or as a
    dermoscopy-style circle on a black square."""
    x0, y0, x1, y1 = ph
    w, h = x1 - x0, y1 - y0
    if shadow:
        region = (x0, y0, x1 + shadow, y1 + shadow)
        under = canvas.crop(region)
        mask = Image.new("L", under.size, 0)
        ImageDraw.Draw(mask).rectangle([shadow, shadow, w + shadow - 1, h + shadow - 1], fill=150)
        mask = mask.filter(ImageFilter.GaussianBlur(3))
        under.paste(Image.new("RGB", under.size, (0, 0, 0)), (0, 0), mask)
        canvas.paste(under, region[:2])
    photo = fit(im, w, h)
    if circle:
        canvas.paste((0, 0, 0), (x0, y0, x1, y1))
        mask = Image.new("L", (w, h), 0)
        ImageDraw.Draw(mask).ellipse([4, 4, w - 5, h - 5], fill=255)
        canvas.paste(photo, (x0, y0), mask)
    else:
        canvas.paste(photo, (x0, y0))


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
    if style in ("range_hyphen", "range_endash", "grouped_out_of_order", "alternating"):
        grps = {"range_hyphen": groups_of, "range_endash": groups_of, "grouped_out_of_order": out_of_order,
                "alternating": alternating}[style](n)
        parts = []
        for grp in grps:
            if len(grp) == 1:
                lab = L[grp[0]]
            elif style in ("range_hyphen", "range_endash") and len(grp) >= 3:
                lab = f"{L[grp[0]]}{'-' if style == 'range_hyphen' else chr(0x2013)}{L[grp[-1]]}"
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


def make_figure(i: int, rng: random.Random, photos: list[dict]):
    kind = LAYOUTS[i % len(LAYOUTS)]
    page = PAGES[i % len(PAGES)]
    place = PLACES[i % len(PLACES)]
    colour = COLOUR_CYCLE[(i // 2) % len(COLOUR_CYCLE)]
    form = FORMS[(i // 3) % len(FORMS)]
    cap_style = CAPTIONS[(i * 4) % len(CAPTIONS)]
    font_i = (i * 3) % len(FONTS)
    gx, gy, bg, m, shadow = page_params(page, rng)
    if kind == "column3_unequal" and page == "none":
        gx, gy = 0, 0
    positions = position_words(kind)
    before_after = kind.startswith("before_after")
    if positions is not None and (before_after or i % 4 != 1):
        cap_style = "position" if not (before_after and i % 8 == 3) else "none"
    lettered = not before_after and cap_style != "position" and i % 13 != 6
    if place in ("margin_left", "margin_above") and page == "none":
        place = "tl"  # no page to print on
    (cells, size) = layout(kind, rng, gx, gy, m)
    n = len(cells)
    if cap_style == "partial" and (n < 3 or not lettered):
        cap_style = "paren"
    if (cap_style == "grouped_out_of_order" and n < 4) or (cap_style == "alternating" and n < 3):
        cap_style = "paren"
    fs = SIZES[i % len(SIZES)]
    short = min(min(c[2] - c[0], c[3] - c[1]) for c in cells)
    fs = min(fs, short // 3)
    f = font(font_i, fs)
    printed = [form_text(form, k) for k in range(n)] if lettered else []
    if before_after:
        printed_words = ["Before", "After"]
        f = font(font_i, min(fs, 26) if fs > 14 else 14)
    else:
        printed_words = printed
    strip_l = strip_t = 0
    if printed_words and place == "margin_left":
        strip_l = max(text_size(t, f, 0)[2] for t in printed_words) + 10
    if printed_words and place == "margin_above":
        strip_t = max(text_size(t, f, 0)[3] for t in printed_words) + 10
    if strip_l or strip_t:  # every cell grows by the strip; cells further right / down move by one strip per
        # column / row start before them, so gutters and spanning panels stay aligned
        xs = sorted({c[0] for c in cells})
        ys = sorted({c[1] for c in cells})

        def shift(v: int, starts: list[int], strip: int, end: bool) -> int:
            return v + strip * sum(1 for a in starts if (a < v if end else a <= v)) - (0 if end else strip)

        cells = [(shift(c[0], xs, strip_l, False), shift(c[1], ys, strip_t, False), shift(c[2], xs, strip_l, True),
                  shift(c[3], ys, strip_t, True)) for c in cells]
        size = (max(c[2] for c in cells) + m, max(c[3] for c in cells) + m)
    photo_of = [(c[0] + strip_l, c[1] + strip_t, c[2] - shadow, c[3] - shadow) for c in cells]
    clin = [p for p in photos if p["modality"] == "clinical"]
    derm = [p for p in photos if p["modality"] == "dermoscopy"]
    if before_after:
        chosen = [rng.choice(clin)] * 2
    elif i % 3 == 0:
        chosen = [rng.choice(derm) if k % 2 == 0 else rng.choice(clin) for k in range(n)]
    else:
        chosen = rng.sample(rng.choice([clin, derm, photos]), n)
    circle_at = i % 4 if kind == "grid22_circle" else -1
    if circle_at >= 0:
        chosen[circle_at] = rng.choice(derm)
    W, H = size
    assert max(W, H) <= 1200, (i, size)
    canvas = Image.new("RGB", size, bg)
    for k, (ph, p) in enumerate(zip(photo_of, chosen)):
        with Image.open(PHOTOS / p["file"]) as im:
            src = im.convert("RGB")
        if before_after and k == 1:  # the same lesion "after": a lighter, slightly zoomed view
            src = src.crop((src.width // 10, src.height // 10, src.width * 9 // 10, src.height * 9 // 10))
            src = Image.blend(src, Image.new("RGB", src.size, (235, 205, 195)), 0.35)
        paste_photo(canvas, src, ph, shadow, k == circle_at)
    d = ImageDraw.Draw(canvas)
    extras = []
    if i % 7 == 4 and not before_after:
        for ph in rng.sample(photo_of, max(1, n // 2)):
            cx, cy = (ph[0] + ph[2]) // 2, (ph[1] + ph[3]) // 2
            arrow(d, (cx + rng.randint(-15, 15), cy + rng.randint(-15, 15)), rng.choice([(-1, -1), (1, -1), (-1, 0)]),
                  max(16, (ph[2] - ph[0]) // 8), rng.choice([(255, 255, 255), (0, 255, 0), (0, 0, 0)]))
        extras.append("arrows")
    if i % 9 == 5:
        for ph in photo_of:
            scale_bar(d, ph, (255, 255, 255), "1 cm" if i % 2 else None)
        extras.append("scale bars")
    pad = [4, 8, 12][i % 3]
    for ph, text in zip(photo_of, printed_words):
        put_label(canvas, ph, text, f, place, colour, pad)
    boxes = [list(c) for c in cells]
    letters = [t.strip("().").lower() for t in printed]
    descs = [describe(p, rng) for p in chosen]
    if before_after:
        descs = [f"before treatment, {descs[0]}", f"after 12 weeks of treatment, the same lesion"]
    if lettered:
        by_letter = sorted(range(n), key=lambda k: letters[k])
        base = [letters[k] for k in by_letter]
    else:
        by_letter = list(range(n))
        base = [chr(97 + k) for k in range(n)]
    upper = cap_style in ("colon", "bold_dot", "panel_words", "alternating") or (
        cap_style in ("paren", "range_hyphen", "range_endash", "backref_panel", "partial") and i % 2 == 1)
    L = [a.upper() if upper else a for a in base]
    fig_no = rng.randint(1, 7)
    title = "Response to treatment" if before_after else rng.choice(TITLES)
    text, names_lo = caption(cap_style, fig_no, title, [descs[k] for k in by_letter], L, rng, positions)
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
    if before_after:
        label_note = f"'Before' / 'After' printed ({colour}, {place}), no letters"
    elif lettered:
        where = {"margin_left": "in the page margin left of each photo",
                 "margin_above": "in the page margin above each photo"}.get(place, f"{colour} at {place}")
        label_note = f"letters '{form_text(form, 0)}' style, {fs} px {FONTS[font_i][1]}, {where}"
    else:
        label_note = "no letters printed"
    if circle_at >= 0:
        extras.append(f"panel {circle_at + 1} a dermoscopy circle on black")
    jpeg_twice = i % 5 == 3
    if jpeg_twice:
        extras.append("saved as JPEG quality 30, then re-saved at 87")
    g = max(gx, gy)
    note = (f"composed: {LAYOUT_NOTE[kind]}; {PAGE_NOTE[page].format(g=g, bg=bg)}, outer margin {m} px; "
            f"{label_note}" + (f"; {', '.join(extras)}" if extras else "") + f"; caption style {cap_style}")
    return canvas, {"panels": n, "letters": letters, "type": "clin", "boxes": boxes, "caption": text,
                    "caption_names": names, "rows": rows, "photos": [p["file"] for p in chosen],
                    "width": W, "height": H, "note": note, "jpeg_twice": jpeg_twice}


SINGLE_KINDS = ["scale_bar_box", "vertical_ruler", "arrow", "date_stamp", "day_text", "circle", "shadow_page"]


def make_single(j: int, rng: random.Random, photos: list[dict]):
    """A single photograph that must stay whole: a scale bar, a ruler, an arrow, a date stamp, text, a circle,
    a drop shadow on a tinted page."""
    what = SINGLE_KINDS[j % len(SINGLE_KINDS)]
    second = j >= len(SINGLE_KINDS)
    clin = [p for p in photos if p["modality"] == "clinical"]
    derm = [p for p in photos if p["modality"] == "dermoscopy"]
    if second:
        rng.random()
    p = rng.choice(derm if (j % 2 == 0 or what == "circle") else clin)
    w = rng.choice([420, 540, 660])
    h = round(w * rng.choice([0.75, 1.0, 1.2])) if what != "circle" else w
    with Image.open(PHOTOS / p["file"]) as im:
        src = im.convert("RGB")
    desc = cap_first(describe(p, rng))
    fig = rng.randint(1, 6)
    cap: str | None = f"Figure {fig}. {desc}."
    if what == "shadow_page":
        canvas = Image.new("RGB", (w + 50, h + 50), (226, 236, 246) if not second else (246, 232, 234))
        paste_photo(canvas, src, (20, 20, 20 + w, 20 + h), 7, False)
    else:
        canvas = Image.new("RGB", (w, h), (0, 0, 0))
        paste_photo(canvas, src, (0, 0, w, h), 0, what == "circle")
    d = ImageDraw.Draw(canvas)
    if what == "scale_bar_box":  # a scale bar with its length on a white box in the bottom-right corner
        d.rectangle([w - 130, h - 44, w - 10, h - 10], fill=(255, 255, 255))
        d.rectangle([w - 120, h - 22, w - 40, h - 17], fill=(0, 0, 0))
        d.text((w - 120, h - 26), "1 mm" if not second else "200 \u00b5m", font=small_font(14), fill=(0, 0, 0),
               anchor="ld")
        cap = f"Figure {fig}. {desc}. Scale bar, {'1 mm' if not second else '200 µm'}."
    elif what == "vertical_ruler":  # a millimetre ruler along the left edge
        d.rectangle([0, 0, 28, h - 1], fill=(250, 250, 235))
        for k in range(0, h, 8):
            d.line([(28 - (8 if k % 40 else 18), k), (28, k)], fill=(0, 0, 0), width=1)
        for k in range(40, h, 40):
            d.text((2, k - 6), str(k // 40), font=small_font(10), fill=(0, 0, 0))
        cap = f"Figure {fig}. {desc}, photographed beside a ruler (cm)." if not second else None
    elif what == "arrow":
        arrow(d, (w // 2 + 10, h // 2 + 10), (-1, -1), max(30, w // 7), (255, 255, 255) if not second else (0, 255, 0))
        cap = f"Fig. {fig}. {desc} (arrow)." if not second else f"Figure {fig}. {desc}; the arrow marks the biopsy site."
    elif what == "date_stamp":  # an orange camera date stamp at the bottom right
        d.text((w - 12, h - 12), "2019 03 14" if not second else "'21 11 02", font=font(9, 22), fill=(255, 150, 20),
               anchor="rd")
        cap = f"Figure {fig}. {desc} at presentation." if not second else f"Fig. {fig} | {desc}."
    elif what == "day_text":
        d.text((12, 10), "Day 0" if not second else "Baseline", font=font(0, 30), fill=(255, 255, 255),
               stroke_width=2, stroke_fill=(0, 0, 0))
        cap = f"Figure {fig}. {desc} on the day of presentation." if not second else f"Figure {fig}. {desc} at baseline; see Figure {fig + 1}B."
    elif what == "circle":
        cap = f"Figure {fig}. {desc} (dermoscopy, original magnification \u00d710)." if not second else f"Fig. {fig} | {desc}."
    else:
        cap = f"Figure {fig}. {desc}." if not second else None
    entry = {"panels": 1, "letters": [], "type": "clin", "boxes": [[0, 0, canvas.width, canvas.height]],
             "caption": cap, "caption_names": [None], "rows": False, "photos": [p["file"]], "width": canvas.width,
             "height": canvas.height, "note": f"composed single photograph ({what.replace('_', ' ')}); kept whole"
             + ("; no caption" if cap is None else ""), "jpeg_twice": False}
    return canvas, entry


def encode(im: Image.Image, twice: bool) -> bytes:
    """JPEG quality 87; `twice`: first saved at quality 30 and decoded (blocking artefacts), then at 87."""
    if twice:
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=30)
        buf.seek(0)
        im = Image.open(buf).convert("RGB")
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
        (out / name).write_bytes(encode(im, e.pop("jpeg_twice")))
        entries.append({"file": f"images/{name}", **e})
    if len(argv) == 3:
        Path(argv[2]).write_text(json.dumps(entries, indent=1) + "\n", encoding="utf-8")
    print(f"{len(entries)} images written to {out}")
    return 0


PHOTOS = Path(".")

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
