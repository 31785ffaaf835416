"""Round 21's new lettered figures, none a benchmark figure: what a real paper's compound figure looks like.

`plot(seed)`: a matplotlib figure of 2-6 axes (lines with legends, scatter, bars, a dark "microscopy" image made
from a shared photograph), rendered at 100-200 dpi, each axes labelled by a bold or plain "a" / "A" / "(a)" /
"a)" in DejaVu Sans, Liberation Sans or DejaVu Serif of 8-15 pt: at the top-left outside the axes (the journal
style), inside the axes' corner, as a left-aligned title, or "(a)" centred under the sub-plot. Its panel truth is
each axes' tight box (ticks, axis labels, legend) with its label.

`grid(seed)`: a grid of the shared clinical photographs with small labels (11-18 px): white on the photo, black
in the gutter above, touching the photo's edge, or on a photo darkened to a micrograph's tones; plus a date stamp
or an arrow's letter on some photos (text no label).

`verdict(fig, pairing)`: "rows" when every caption letter got a row whose crop holds its own panel's middle and no
other's (and its middle lies in its panel), "whole", else "wrong".

    PYTHONPATH=ROOT python tests/rows21_figures.py --kind plot --seeds 0-29   # per figure: verdict, note
"""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

FONTS = ["DejaVu Sans", "Liberation Sans", "DejaVu Serif"]
LAYOUTS = [(1, 2), (2, 2), (1, 3), (2, 3), (3, 2), (2, 2)]
PLACES = ["outside", "inside", "title", "under", "outside", "inside"]
STYLES = ["a", "A", "(a)", "a)"]
FINDINGS = ["lesion area", "erythema index", "cell counts", "survival", "expression", "thickness"]


@dataclass
class Figure:
    image: np.ndarray  # BGR
    panels: list[tuple[int, int, int, int]]  # per panel (reading order, letters a, b, ...): x0, y0, x1, y1
    middles: list[tuple[int, int]]  # the middle of each panel's axes / photo
    caption: str
    style: str


def _caption(n: int, style: str, seed: int) -> str:
    letters = [chr(ord("a") + i) for i in range(n)]
    if style == "A":
        letters = [L.upper() for L in letters]
    if seed % 3 == 2 and style != "A":
        # Nature style: bare lowercase markers
        body = " ".join(f"{L} {FINDINGS[(seed + i) % 6].capitalize()} over time in the treated group (n = {8 + i})."
                        for i, L in enumerate(letters))
    else:
        body = " ".join(f"({L}) {FINDINGS[(seed + i) % 6].capitalize()} in patients and controls (n = {8 + i})."
                        for i, L in enumerate(letters))
    return f"Figure {seed % 7 + 1}. Response to treatment in the cohort. {body}"


def _dark(seed: int, h: int, w: int) -> np.ndarray:
    from benchmarks.pmc.derm_grids import photo_paths
    from tests.grid_photos import fit

    paths = [p for p in photo_paths() if "clinical" in p.parts]
    img = fit(cv2.imread(str(paths[(7 * seed) % len(paths)])), w, h)
    grey = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY).astype(np.float32)
    out = np.zeros((h, w, 3), np.uint8)
    out[:, :, 1] = np.clip((grey - 60) * 0.9, 0, 255)  # green fluorescence on black
    return out[:, :, ::-1]


def plot(seed: int) -> Figure:
    """Figure `seed` of the matplotlib family (see the module's docstring)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rng = np.random.default_rng(3100 + seed)
    rows, cols = LAYOUTS[seed % len(LAYOUTS)]
    n = rows * cols
    place = PLACES[(seed // 2) % len(PLACES)]
    style = STYLES[seed % len(STYLES)] if place != "under" else "(a)"
    font = FONTS[seed % len(FONTS)]
    dpi = [100, 150, 200, 120][seed % 4]
    pt = float(rng.integers(8, 16))
    bold = seed % 5 != 3
    fig, axes = plt.subplots(rows, cols, figsize=(3.0 * cols, 2.5 * rows), dpi=dpi, squeeze=False)
    labels = []
    for i, ax in enumerate(axes.ravel()):
        kind = (seed + i) % 4
        x = np.linspace(0, 10, 40)
        if kind == 0:
            for j in range(2):
                ax.plot(x, np.sin(x + j) * (j + 1) + rng.normal(0, 0.2, 40), label=["treated", "control"][j])
            ax.legend(fontsize=7, loc="lower right")
        elif kind == 1:
            ax.scatter(rng.normal(0, 1, 60), rng.normal(0, 1, 60), s=8)
        elif kind == 2:
            ax.bar(["D0", "D7", "D14", "D28"], rng.uniform(1, 5, 4), color="0.5")
        else:
            ax.imshow(_dark(seed + i, 120, 160))
            ax.set_xticks([])
            ax.set_yticks([])
        if kind != 3:
            ax.set_xlabel("Days" if kind != 1 else "Score 1", fontsize=8)
            ax.set_ylabel("Value", fontsize=8)
            ax.tick_params(labelsize=7)
        L = chr(ord("a") + i)
        text = {"a": L, "A": L.upper(), "(a)": f"({L})", "a)": f"{L})"}[style]
        kw = dict(fontsize=pt, fontfamily=font, fontweight="bold" if bold else "normal")
        on_dark = kind == 3
        if place == "outside":
            t = ax.text(-0.18, 1.04, text, transform=ax.transAxes, va="bottom", ha="left", **kw)
        elif place == "inside":
            t = ax.text(0.03, 0.96, text, transform=ax.transAxes, va="top", ha="left",
                        color="white" if on_dark else "black", **kw)
        elif place == "title":
            t = ax.set_title(text, loc="left", **kw)
        else:
            t = ax.text(0.5, -0.32 if kind != 3 else -0.08, text, transform=ax.transAxes, va="top", ha="center", **kw)
        labels.append(t)
    fig.tight_layout()
    fig.canvas.draw()
    r = fig.canvas.get_renderer()
    H = int(round(fig.get_figheight() * dpi))
    panels, middles = [], []
    for ax, t in zip(axes.ravel(), labels):
        bb = ax.get_tightbbox(r)
        tb = t.get_window_extent(r)
        x0, x1 = min(bb.x0, tb.x0), max(bb.x1, tb.x1)
        y0, y1 = min(bb.y0, tb.y0), max(bb.y1, tb.y1)
        panels.append((int(x0), int(H - y1), int(np.ceil(x1)), int(np.ceil(H - y0))))
        ab = ax.get_window_extent(r)
        middles.append((int((ab.x0 + ab.x1) / 2), int(H - (ab.y0 + ab.y1) / 2)))
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    plt.close(fig)
    img = cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)
    return Figure(img, panels, middles, _caption(n, style, seed),
                  f"{rows}x{cols} {place} {style} {font} {'bold' if bold else 'plain'} {pt:.0f}pt {dpi}dpi")


def grid(seed: int) -> Figure:
    """Figure `seed` of the photo-grid family with small labels (see the module's docstring)."""
    from PIL import Image, ImageDraw, ImageFont

    from benchmarks.pmc.derm_grids import photo_paths
    from tests.grid_photos import fit

    rng = np.random.default_rng(4100 + seed)
    rows, cols = LAYOUTS[seed % len(LAYOUTS)]
    n = rows * cols
    place = ["on", "above", "edge", "dark"][seed % 4]
    style = ["A", "a", "(a)", "A"][(seed // 4) % 4]
    size = int(rng.integers(11, 19))
    gutter = int(rng.integers(4, 10))
    lead = size + 6 if place == "above" else 0
    ph, pw = int(rng.integers(140, 200)), int(rng.integers(160, 230))
    H, W = gutter + rows * (ph + lead + gutter), gutter + cols * (pw + gutter)
    canvas = np.full((H, W, 3), 255, np.uint8)
    paths = [p for p in photo_paths() if "clinical" in p.parts]
    picks = rng.choice(len(paths), size=n, replace=False)
    panels, middles, cells = [], [], []
    for r in range(rows):
        for c in range(cols):
            x0, y0 = gutter + c * (pw + gutter), gutter + lead + r * (ph + lead + gutter)
            photo = fit(cv2.imread(str(paths[int(picks[len(cells)])])), pw, ph)
            if place == "dark":
                photo = (photo.astype(np.float32) * 0.35).astype(np.uint8)
            canvas[y0:y0 + ph, x0:x0 + pw] = photo
            cells.append((x0, y0, x0 + pw, y0 + ph))
            panels.append((x0, y0 - lead, x0 + pw, y0 + ph))
            middles.append((x0 + pw // 2, y0 + ph // 2))
    pil = Image.fromarray(canvas[:, :, ::-1].copy())
    d = ImageDraw.Draw(pil)
    font = ImageFont.truetype("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf", size)
    small = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", max(9, size - 3))
    for i, (x0, y0, x1, y1) in enumerate(cells):
        L = chr(ord("a") + i)
        text = {"A": L.upper(), "a": L, "(a)": f"({L})"}[style]
        l, t, r_, b = d.textbbox((0, 0), text, font=font)
        inset = {"on": 4, "edge": 0, "dark": 4, "above": 0}[place]
        x, y = x0 + inset, (y0 - (b - t) - 3) if place == "above" else y0 + inset
        fill = (0, 0, 0) if place == "above" else (255, 255, 255)
        if place == "on" and float(cv2.cvtColor(canvas[y0:y0 + 3 * size, x0:x0 + 3 * size], cv2.COLOR_BGR2GRAY).mean()) > 150:
            fill = (0, 0, 0)  # black on a light corner, as an author would print it
        if place == "edge":
            d.rectangle((x0, y0, x0 + (r_ - l) + 4, y0 + (b - t) + 4), fill=(255, 255, 255))
            fill, x, y = (0, 0, 0), x0 + 2, y0 + 2
        d.text((x - l, y - t), text, font=font, fill=fill)
        if i % 2 == 1:
            # text no label: a date stamp at the bottom-right, an arrow's letter in the middle
            d.text((x1 - 70, y1 - 16), "2019/03/12", font=small, fill=(255, 200, 0))
            d.text(((x0 + x1) // 2 + 12, (y0 + y1) // 2), "T", font=small, fill=(255, 255, 255))
    img = np.ascontiguousarray(np.asarray(pil)[:, :, ::-1])
    img = cv2.imdecode(cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 92])[1], cv2.IMREAD_COLOR)
    return Figure(img, panels, middles, _caption(n, "A" if style == "A" else "a", seed),
                  f"{rows}x{cols} {place} {style} {size}px")


def _inside(p: tuple[int, int], b) -> bool:
    return b[0] <= p[0] < b[2] and b[1] <= p[1] < b[3]


def verdict(fig: Figure, pairing) -> str:
    """"rows" (one row per caption letter, each crop its own panel's), "whole", or "wrong"."""
    if not pairing.panels:
        return "whole"
    n = len(fig.panels)
    if sorted(L for L, _, _ in pairing.panels) != [chr(ord("A") + i) for i in range(n)]:
        return "wrong"
    for L, b, _ in pairing.panels:
        k = ord(L) - ord("A")
        box = b.xyxy
        mid = ((box[0] + box[2]) // 2, (box[1] + box[3]) // 2)
        held = [j for j, m in enumerate(fig.middles) if _inside(m, box)]
        if held != [k] or not _inside(mid, fig.panels[k]):
            return "wrong"
    return "rows"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kind", choices=["plot", "grid"], default="plot")
    ap.add_argument("--seeds", default="0-29")
    ap.add_argument("--save", default="")
    ap.add_argument("--code", default="", help="a checkout whose derm1m_build to measure (default: this one)")
    a = ap.parse_args(argv)
    if a.code:
        sys.path.insert(0, a.code)
    from derm1m_build.pmc.panels import pair

    lo, _, hi = a.seeds.partition("-")
    tally: dict[str, int] = {}
    for seed in range(int(lo), int(hi or lo) + 1):
        fig = (plot if a.kind == "plot" else grid)(seed)
        if a.save:
            Path(a.save).mkdir(parents=True, exist_ok=True)
            cv2.imwrite(f"{a.save}/{a.kind}{seed:02d}.png", fig.image)
        p, _ = pair(fig.image, fig.caption)
        v = verdict(fig, p)
        tally[v] = tally.get(v, 0) + 1
        print(f"{a.kind} {seed:2d} {fig.style:42s} {v:5s} {p.note[:110]}", flush=True)
    print(" ".join(f"{k}={v}" for k, v in sorted(tally.items())))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main())
