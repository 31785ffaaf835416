"""Compose the dermatology photo grids of held-out figure set 6 from the real photographs in
shared/realdata/photos (PAD-UFES-20 clinical photos, CC BY 4.0; ISIC 2017 dermoscopy, CC0).

Usage: python benchmarks/pmc/heldout6/compose.py PHOTOS_DIR OUTDIR [ANNOTATIONS_OUT]

Seeded and deterministic: the same photos and the same Pillow give the same bytes. Each figure is laid
out the way published dermatology figures are (white, black or no gutters, photos running to the
figure edge, one tall panel beside two stacked ones, letters in corners in white or black, with or
without a box, arrows, scale bars, clinical photo beside dermoscopy) and gets a caption in one of the
journal styles. The panel boxes written to ANNOTATIONS_OUT are the photo cells as laid out (a label
placed outside a photo is inside its cell's box). Written independently of the project's splitter and
of benchmarks/pmc/derm_grids.py (neither was read).
"""
from __future__ import annotations

import io
import json
import random
import re
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SEED = 6026
N_FIGURES = 58
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

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
TITLES = ["Representative cases", "Clinical and dermoscopic findings", "Examples of the lesions in the study",
          "Clinical presentation", "Lesions before biopsy", "Cases from the validation set",
          "Dermoscopic features", "Typical and atypical presentations"]


def font(size: int, bold: bool = True, serif: bool = False):
    name = ("DejaVuSerif" if serif else "DejaVuSans") + ("-Bold" if bold else "") + ".ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


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


# ---- layouts: lists of cells (x0, y0, x1, y1) in reading order, and the canvas size ----

def grid(rows: int, cols: int, w: int, h: int, g: int, m: int):
    cells = [(m + c * (w + g), m + r * (h + g), m + c * (w + g) + w, m + r * (h + g) + h)
             for r in range(rows) for c in range(cols)]
    return cells, (2 * m + cols * w + (cols - 1) * g, 2 * m + rows * h + (rows - 1) * g)


def tall_side(w_big: int, w: int, h: int, g: int, m: int, left: bool):
    H = 2 * h + g
    if left:
        cells = [(m, m, m + w_big, m + H), (m + w_big + g, m, m + w_big + g + w, m + h),
                 (m + w_big + g, m + h + g, m + w_big + g + w, m + H)]
    else:
        cells = [(m, m, m + w, m + h), (m + w + g, m, m + w + g + w_big, m + H), (m, m + h + g, m + w, m + H)]
    return cells, (2 * m + w_big + g + w, 2 * m + H)


def wide_top(k: int, w: int, h: int, h_top: int, g: int, m: int):
    W = k * w + (k - 1) * g
    cells = [(m, m, m + W, m + h_top)]
    cells += [(m + c * (w + g), m + h_top + g, m + c * (w + g) + w, m + h_top + g + h) for c in range(k)]
    return cells, (2 * m + W, 2 * m + h_top + g + h)


def rows_of(counts: list[int], W: int, h: int, g: int, m: int):
    cells = []
    y = m
    for k in counts:
        w = (W - (k - 1) * g) // k
        for c in range(k):
            x0 = m + c * (w + g)
            cells.append((x0, y, x0 + w if c < k - 1 else m + W, y + h))
        y += h + g
    return cells, (2 * m + W, y - g + m)


def uneven_row(widths: list[int], h: int, g: int, m: int):
    cells, x = [], m
    for w in widths:
        cells.append((x, m, x + w, m + h))
        x += w + g
    return cells, (x - g + m, 2 * m + h)


# ---- drawing ----

def arrow(d: ImageDraw.ImageDraw, tip: tuple[int, int], direction: tuple[int, int], size: int, colour) -> None:
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


def label(d: ImageDraw.ImageDraw, cell, text: str, style: dict, gutter_room: int) -> bool:
    """Print a panel label; True where it went into the gutter above the cell."""
    x0, y0, x1, y1 = cell
    f = style["font"]
    l, t, r, b = d.textbbox((0, 0), text, font=f)
    tw, th = r - l, b - t
    pad = style["pad"]
    corner = style["corner"]
    outside = style["outside"] and gutter_room >= th + 4
    if outside:
        x, y = x0, y0 - th - 2
    elif corner == "tl":
        x, y = x0 + pad, y0 + pad
    elif corner == "tr":
        x, y = x1 - pad - tw, y0 + pad
    else:  # bl
        x, y = x0 + pad, y1 - pad - th
    if style["box"] and not outside:
        d.rectangle([x - 3, y - 3, x + tw + 3, y + th + 3], fill=style["box"])
    colour = style["colour"]
    if style["outside"] and not outside:
        colour = (255, 255, 255)  # no room in the gutter: printed on the photo in white
    d.text((x - l, y - t), text, font=f, fill=colour)
    return outside


def scale_bar(d: ImageDraw.ImageDraw, cell, colour, f, with_text: bool) -> None:
    x0, y0, x1, y1 = cell
    L = max(30, (x1 - x0) // 5)
    y = y1 - 14
    d.rectangle([x1 - 12 - L, y - 4, x1 - 12, y], fill=colour)
    if with_text:
        d.text((x1 - 12 - L, y - 8), "5 mm", font=f, fill=colour, anchor="ld")


# ---- captions ----

def describe(p: dict, rng: random.Random) -> str:
    return re.sub(r"\ba (?=[aeiou])", "an ", _describe(p, rng))


def _describe(p: dict, rng: random.Random) -> str:
    if p["modality"] == "dermoscopy":
        feats = DERMOSCOPY[p["dx"]]
        return rng.choice(["Dermoscopy of a {dx} showing {f}", "Dermoscopic image of a {dx} with {f}",
                           "Dermoscopy: {dx} with {f}"]).format(dx=p["dx"], f=rng.choice(feats))
    where = f" on the {p['site']}" if p["site"] else ""
    look = rng.choice(CLINICAL[p["dx"]])
    return rng.choice(["Clinical image of {dx}{w}", "{look}{w}, histologically a {dx}",
                       "Clinical photograph: {dx}{w}"]).format(dx=p["dx"], w=where, look=look)


def cap_first(s: str) -> str:
    return s[0].upper() + s[1:]


def caption(style: str, fig_no: int, title: str, descs: list[str], letters: list[str], rng: random.Random):
    """Caption text and the name under which it refers to each panel (letter, position word or None)."""
    n = len(descs)
    head = rng.choice([f"Figure {fig_no}. {title}.", f"Fig. {fig_no}. {title}.", f"Figure {fig_no}: {title}."])
    L = [x.upper() if style in ("paren_upper", "comma_upper", "grouped") else x.lower() for x in letters]
    if style == "paren_upper":
        body = " ".join(f"({a}) {cap_first(t)}." for a, t in zip(L, descs))
        return f"{head} {body}", [a.lower() for a in L]
    if style == "paren_lower_inline":
        body = ", ".join(f"({a}) {t[0].lower() + t[1:]}" for a, t in zip(L, descs))
        return f"{head} {cap_first(body)}.", L
    if style == "nature_comma":
        head = f"Fig. {fig_no} | {title}."
        body = " ".join(f"{a}, {cap_first(t)}." for a, t in zip(L, descs))
        return f"{head} {body}", L
    if style == "nature_bare":
        head = f"Fig. {fig_no} {title}"
        body = " ".join(f"{a} {cap_first(t)}" for a, t in zip(L, descs))
        return f"{head} {body}", L
    if style == "comma_upper":
        body = "; ".join(f"{a}, {t[0].lower() + t[1:]}" for a, t in zip(L, descs))
        return f"{head} {body}.", [a.lower() for a in L]
    if style == "grouped":  # "(A, B) ... (C, D) ..." in pairs of clinical / dermoscopy
        parts, names = [], [None] * n
        i = 0
        while i < n:
            j = min(n, i + 2)
            grp = L[i:j]
            lab = ", ".join(grp) if len(grp) > 1 else grp[0]
            parts.append(f"({lab}) {cap_first(descs[i])}" + (f"; {descs[i + 1][0].lower() + descs[i + 1][1:]}" if j - i > 1 else "") + ".")
            for k in range(i, j):
                names[k] = L[k].lower()
            i = j
        return f"{head} {' '.join(parts)}", names
    if style == "position":
        words = {2: ["left", "right"], 3: ["left", "middle", "right"]}[n]
        body = " ".join(f"{cap_first(w)}: {cap_first(t)}." for w, t in zip(words, descs))
        return f"{head} {body}", words
    # "none": the caption names no panel
    dxs = []
    for t in descs:
        for dx in sorted(set(DX.values()), key=len, reverse=True):
            if dx in t and dx not in dxs:
                dxs.append(dx)
                break
    return f"{head} {cap_first(', '.join(dxs))}: clinical and dermoscopic examples.", [None] * n


# ---- one figure ----

LETTER_FORMS = {"upper": lambda i: "ABCDEF"[i], "lower": lambda i: "abcdef"[i],
                "paren": lambda i: "(" + "abcdef"[i] + ")", "dot": lambda i: "ABCDEF"[i] + "."}


def make_figure(idx: int, rng: random.Random, photos: list[dict]) -> tuple[Image.Image, dict]:
    kind = rng.choice(["row2", "row2", "row3", "row3", "row4", "grid22", "grid22", "grid23", "grid32",
                       "tall_left", "tall_right", "wide_top", "mixrows", "uneven", "pair", "pair"])
    gutter = rng.choice(["white", "white", "white", "black", "none", "none"])
    g = 0 if gutter == "none" else rng.choice([3, 6, 10, 16, 24] if gutter == "white" else [3, 5, 8, 12])
    m = rng.choice([0, 0, 0, g, 8]) if gutter != "none" else rng.choice([0, 0, 6])
    bg = (0, 0, 0) if gutter == "black" else (255, 255, 255)
    s = rng.choice([230, 260, 300, 340])
    if kind.startswith("row"):
        n = int(kind[3])
        s = min(s, (1150 - 2 * m - (n - 1) * g) // n)
        cells, size = grid(1, n, s, round(s * rng.choice([1.0, 0.75, 1.25])), g, m)
    elif kind.startswith("grid"):
        r, c = int(kind[4]), int(kind[5])
        s = min(s, (1150 - 2 * m - (c - 1) * g) // c)
        cells, size = grid(r, c, s, round(s * rng.choice([1.0, 0.75])), g, m)
    elif kind in ("tall_left", "tall_right"):
        cells, size = tall_side(round(s * 1.1), s, round(s * 0.8), g, m, kind == "tall_left")
    elif kind == "wide_top":
        k = rng.choice([2, 3])
        cells, size = wide_top(k, s, round(s * 0.8), round(s * 0.9), g, m)
    elif kind == "mixrows":
        cells, size = rows_of(rng.choice([[2, 3], [3, 2], [1, 3]]), 3 * s, round(s * 0.8), g, m)
    elif kind == "uneven":
        cells, size = uneven_row([round(s * 0.7), round(s * 1.4), s][: rng.choice([2, 3])], s, g, m)
    else:  # clinical beside dermoscopy, one or two lesions
        rows_n = rng.choice([1, 1, 2])
        cells, size = grid(rows_n, 2, s, round(s * 0.8), g, m)
    n = len(cells)
    # photos: in "pair" layouts clinical then dermoscopy in each row; else a mix
    clin = [p for p in photos if p["modality"] == "clinical"]
    derm = [p for p in photos if p["modality"] == "dermoscopy"]
    if kind == "pair":
        chosen = [rng.choice(clin) if i % 2 == 0 else rng.choice(derm) for i in range(n)]
    else:
        pool = rng.choice([clin, derm, photos])
        chosen = rng.sample(pool, n)
    canvas = Image.new("RGB", size, bg)
    for cell, p in zip(cells, chosen):
        with Image.open(PHOTOS / p["file"]) as im:
            canvas.paste(fit(im.convert("RGB"), cell[2] - cell[0], cell[3] - cell[1]), cell[:2])
    d = ImageDraw.Draw(canvas)
    # letters
    lettered = rng.random() < 0.75
    form = rng.choice(["upper", "upper", "lower", "lower", "paren", "dot"])
    column_wise = kind.startswith("grid") and rng.random() < 0.25
    order = list(range(n))
    if column_wise:
        r, c = int(kind[4]), int(kind[5])
        order = [(i % c) * r + (i // c) for i in range(n)]  # the letter index of the cell in row-major position i
    letters_printed = [LETTER_FORMS[form](order[i]) for i in range(n)] if lettered else []
    fs = max(16, min(44, round(min(cell[2] - cell[0], cell[3] - cell[1]) * rng.choice([0.09, 0.12, 0.15]))))
    colour_style = rng.choice(["white", "black", "white_box", "black_box", "yellow"])
    st = {"font": font(fs, bold=True, serif=rng.random() < 0.2), "pad": rng.choice([4, 8, 12]),
          "corner": rng.choice(["tl", "tl", "tl", "tr", "bl"]),
          "outside": gutter == "white" and g >= 16 and rng.random() < 0.5 and kind.startswith(("row", "grid")),
          "colour": {"white": (255, 255, 255), "black": (0, 0, 0), "white_box": (0, 0, 0),
                     "black_box": (255, 255, 255), "yellow": (255, 230, 0)}[colour_style],
          "box": {"white_box": (255, 255, 255), "black_box": (0, 0, 0)}.get(colour_style)}
    if st["outside"]:
        st["colour"], st["box"] = (0, 0, 0), None
        # make room above the top row for its labels
        th = fs + 4
        new = Image.new("RGB", (size[0], size[1] + th), bg)
        new.paste(canvas, (0, th))
        canvas, d = new, ImageDraw.Draw(new)
        cells = [(a, b + th, c2, e + th) for a, b, c2, e in cells]
        size = canvas.size
    extras = []
    if rng.random() < 0.35:
        for cell in rng.sample(cells, max(1, n // 2)):
            cx, cy = (cell[0] + cell[2]) // 2, (cell[1] + cell[3]) // 2
            arrow(d, (cx + rng.randint(-10, 10), cy + rng.randint(-10, 10)), rng.choice([(1, 1), (-1, 1), (1, 0), (0, 1)]),
                  max(18, (cell[2] - cell[0]) // 9), rng.choice([(255, 255, 255), (0, 0, 0), (255, 230, 0)]))
        extras.append("arrows")
    if rng.random() < 0.3:
        for cell in cells:
            scale_bar(d, cell, (255, 255, 255), font(max(12, fs // 2), bold=False), rng.random() < 0.5)
        extras.append("scale bars")
    outside = [False] * n
    if lettered:
        for i, (cell, text) in enumerate(zip(cells, letters_printed)):
            above = [c[3] for c in cells if c[3] <= cell[1] and c[0] < cell[2] and c[2] > cell[0]]
            room = cell[1] - (max(above) if above else 0)
            outside[i] = label(d, cell, text, st, room)
    # boxes: the cells; a label printed in the gutter just above its cell belongs to it, so the box grows
    boxes = []
    for i, cell in enumerate(cells):
        x0, y0, x1, y1 = cell
        if outside[i]:
            y0 = max(0, y0 - fs - 4)
        boxes.append([x0, y0, x1, y1])
    letters = [t.strip("().").lower() for t in letters_printed]
    # caption: panels described in letter order where lettered, else reading order
    descs = [describe(p, rng) for p in chosen]
    by_letter = sorted(range(n), key=lambda i: letters[i]) if lettered else list(range(n))
    cap_style = rng.choice(["paren_upper", "paren_lower_inline", "nature_comma", "nature_bare", "comma_upper",
                            "grouped", "none"] + (["position"] if kind.startswith("row") and n <= 3 and not lettered else []))
    if not lettered and cap_style not in ("position", "none"):
        cap_style = rng.choice(["none", "paren_upper"]) if n > 3 or not kind.startswith("row") else "position"
    name_letters = [letters[i] for i in by_letter] if lettered else [chr(97 + i) for i in range(n)]
    text, names_in_letter_order = caption(cap_style, rng.randint(1, 6), rng.choice(TITLES),
                                          [descs[i] for i in by_letter], name_letters, rng)
    names = [None] * n
    for k, i in enumerate(by_letter):
        names[i] = names_in_letter_order[k]
    layout_note = {"row2": "1 x 2", "row3": "1 x 3", "row4": "1 x 4", "grid22": "2 x 2", "grid23": "2 x 3",
                   "grid32": "3 x 2", "tall_left": "tall panel left, two stacked right",
                   "tall_right": "two stacked left, tall panel right", "wide_top": "wide panel above a row",
                   "mixrows": "rows of unequal panel counts", "uneven": "one row of unequal widths",
                   "pair": "clinical photo beside dermoscopy"}[kind]
    note = (f"composed: {layout_note}; gutters {gutter}" + (f" {g} px" if g else "") + f", outer margin {m} px; "
            + (f"letters {form} {colour_style if not any(outside) else 'black'} at "
               f"{'outside top-left' if all(outside) else 'outside top-left where the gutter allows, else ' + st['corner'] if any(outside) else st['corner']}"
               + (", labelled column-wise" if column_wise else "") if lettered else "no letters printed")
            + (f"; {', '.join(extras)}" if extras else "") + f"; caption style {cap_style}")
    entry = {"panels": n, "letters": letters, "type": "clin", "boxes": boxes, "caption": text,
             "caption_names": names, "photos": [p["file"] for p in chosen], "width": size[0], "height": size[1],
             "note": note}
    return canvas, entry


def make_single(idx: int, rng: random.Random, photos: list[dict]) -> tuple[Image.Image, dict]:
    """A single photograph kept whole: with arrows, a scale bar or a dermoscopy inset (part of the panel)."""
    clin = [p for p in photos if p["modality"] == "clinical"]
    derm = [p for p in photos if p["modality"] == "dermoscopy"]
    p = rng.choice(clin + derm)
    w = rng.choice([520, 640, 760])
    h = round(w * rng.choice([0.75, 1.0]))
    with Image.open(PHOTOS / p["file"]) as im:
        canvas = fit(im.convert("RGB"), w, h)
    d = ImageDraw.Draw(canvas)
    what = ["inset", "arrows", "scale bar", "inset"][idx % 4]
    used = [p["file"]]
    if what == "inset":
        q = rng.choice(derm if p["modality"] == "clinical" else clin)
        iw = w // 3
        with Image.open(PHOTOS / q["file"]) as im:
            inset = fit(im.convert("RGB"), iw, round(iw * 0.8))
        x, y = w - iw - 10, h - inset.height - 10
        d.rectangle([x - 3, y - 3, x + iw + 2, y + inset.height + 2], fill=(255, 255, 255))
        canvas.paste(inset, (x, y))
        used.append(q["file"])
        cap = f"Figure {rng.randint(1, 4)}. {cap_first(describe(p, rng))}. Inset: {describe(q, rng)[0].lower() + describe(q, rng)[1:]}."
    elif what == "arrows":
        for _ in range(2):
            arrow(d, (w // 2 + rng.randint(-40, 40), h // 2 + rng.randint(-40, 40)), rng.choice([(1, 1), (-1, 1)]),
                  30, (255, 255, 255))
        cap = f"Figure {rng.randint(1, 4)}. {cap_first(describe(p, rng))} (arrows)."
    else:
        scale_bar(d, (0, 0, w, h), (255, 255, 255), font(16, bold=False), True)
        cap = f"Fig. {rng.randint(1, 4)}. {cap_first(describe(p, rng))}. Scale bar, 5 mm."
    entry = {"panels": 1, "letters": [], "type": "clin", "boxes": [[0, 0, w, h]], "caption": cap,
             "caption_names": [None], "photos": used, "width": w, "height": h,
             "note": f"composed single photograph with {what}; kept whole"}
    return canvas, entry


N_SINGLES = 6


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
    for i in range(N_FIGURES + N_SINGLES):
        rng = random.Random(SEED * 1000 + i)
        im, e = make_figure(i, rng, photos) if i < N_FIGURES else make_single(i, rng, photos)
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
