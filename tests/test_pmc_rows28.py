"""Round 28: plots whose panel label opens a line of text printed inside the plot.

Manuals, theses and gnuplot/LaTeX papers label the plots of a figure inside their frames: under the axis
title, at the top left, a line such as "(a) T = 2/pi" or "(b) k = 1, h = 2/400", and the caption names the
panels "(a) before ...; (b) after ...". No corner of a panel holds the label (a tick label or the axis title
stands there), the label is no short text of its own, and nothing is printed under the plots. The figures
here are drawn with matplotlib (framed log-log or linear plots with legends, an axis title line over the
label line, Computer Modern, DejaVu Serif or STIX at 9-14 pt), laid out 1 x 2, 1 x 3 or 2 x 2 as one figure
with its own spacing. None is a benchmark set's figure.

    PYTHONPATH=ROOT python tests/test_pmc_rows28.py --seeds 0-17 [--kind inline|missing|moved|extra]
"""

from __future__ import annotations

import argparse
import io
import os
import sys

import cv2
import numpy as np
import pytest

from test_pmc_rows27 import Fig, _fonts, verdict

LAYOUTS = [(1, 2), (1, 3), (2, 2)]
PARAMS = ["T = 2/3", "k = 1, h = 2/50", "p = 3", "eps = 0.1", "N = 400", "Re = 100", "t = 0.5", "q = 10"]
TITLES = ["||u - u_h||", "error", "residual", "energy"]


@pytest.fixture(scope="module")
def ocr_ok():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr


def make(seed: int, kind: str = "inline") -> Fig:
    """Figure `seed`: plots laid out rows x cols in one matplotlib figure, each with an axis-title line
    and under it, inside the frame at the top left, its label line "(a) <parameter>"; the caption names
    every panel "(a) ...; (b) ...". kind "missing": panel (b) prints no label line; "moved": panel (b)'s
    label line stands at its top right; "extra": one panel more than the caption names (the last panel
    labelled with the next letter; its box is kept, so rows
    that leave it out or fold it into another's crop are judged wrong)."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.font_manager import FontProperties

    rng = np.random.default_rng(2800 + seed)
    rows, cols = LAYOUTS[seed % len(LAYOUTS)]
    n = rows * cols
    font = FontProperties(fname=_fonts()[(seed // len(LAYOUTS)) % 3], size=float(rng.integers(9, 15)))
    dpi = 100
    fig = plt.figure(figsize=(3.6 * cols, 3.2 * rows), dpi=dpi)
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    fig.subplots_adjust(wspace=float(rng.uniform(0.28, 0.4)), hspace=float(rng.uniform(0.3, 0.42)),
                        left=0.1, right=0.97, top=0.96, bottom=0.16)
    log = bool(seed % 2 == 0)
    for i, ax in enumerate(axes):
        h = np.logspace(-3, -1, 6)
        for k in range(int(rng.integers(1, 4))):
            y = h ** rng.uniform(0.8, 2.2)
            y = y / y.max() * rng.uniform(0.5, 2) if not log else y * 10 ** rng.uniform(-1, 1)
            ax.plot(h, y, marker="+", color=("black", "tab:red", "tab:green")[k], label=f"k = {k}")
        if log:
            ax.set_xscale("log")
            ax.set_yscale("log")
        ax.set_xlabel("h", fontproperties=font)
        for t in ax.get_xticklabels() + ax.get_yticklabels():
            t.set_fontproperties(font)
        ax.legend(loc="lower right", prop=font, frameon=False)
        ax.text(0.03, 0.95, TITLES[(seed + i) % len(TITLES)], transform=ax.transAxes, va="top",
                fontproperties=font)
        if kind == "missing" and i == 1:
            continue
        x = 0.68 if kind == "moved" and i == 1 else 0.1
        ax.text(x, 0.84, f"({chr(ord('a') + i)}) {PARAMS[(seed + i) % len(PARAMS)]}", transform=ax.transAxes,
                va="top", fontproperties=font)
    buf = io.BytesIO()
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    H = int(round(fig.get_figheight() * dpi))
    boxes = []
    for ax in axes:
        bb = ax.get_tightbbox(renderer)
        boxes.append((int(bb.x0), int(H - bb.y1), int(np.ceil(bb.x1)), int(np.ceil(H - bb.y0))))
    fig.savefig(buf, format="png", dpi=dpi)
    plt.close(fig)
    img = cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)
    named = n - 1 if kind == "extra" else n
    what = ["before the shock", "after the shock", "first order scheme", "second order scheme",
            "coarse mesh", "fine mesh"]
    caption = f"Figure 4.{seed + 1}: Convergence of the scheme (h = 1/N): " + "; ".join(
        f"({chr(ord('a') + i)}) {what[(seed + i) % len(what)]}" for i in range(named)) + "."
    return Fig(img, boxes, caption,
               f"{rows}x{cols} {'log' if log else 'linear'} {kind} {font.get_name()} {font.get_size()}pt")


# ------------------------------------------------------------------ tests

@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4, 5, 7, 8])
def test_labels_opening_a_line_inside_the_plot_make_rows(ocr_ok, seed):
    """"(a) T = 2/pi" inside each plot under its axis title: a row per panel, in caption order, each crop
    its plot (main kept these whole: letters_not_found or letters_disagree)."""
    from derm1m_build.pmc.panels import pair
    g = make(seed)
    p, _ = pair(g.image, g.caption)
    assert verdict(g, p) == "rows", (g.desc, p.note, [(L, b.xyxy) for L, b, _ in p.panels])
    assert [L for L, _, _ in p.panels] == [chr(ord("A") + i) for i in range(len(g.boxes))]


@pytest.mark.parametrize("seed,kind", [(0, "missing"), (4, "missing"), (2, "moved"), (4, "moved"),
                                       (1, "extra"), (4, "extra")])
def test_unsure_inline_labels_keep_the_figure_whole(ocr_ok, seed, kind):
    """No rows when a panel prints no label line, when one label stands elsewhere in its plot than the
    others, or when the image holds a panel more than the caption names."""
    from derm1m_build.pmc.panels import pair
    g = make(seed, kind)
    p, _ = pair(g.image, g.caption)
    assert verdict(g, p) == "whole", (g.desc, [(L, b.xyxy) for L, b, _ in p.panels])


def test_inline_path_alone(ocr_ok):
    """`_inline_label_rows` itself: rows for a 1 x 2 figure; None without a line reader, for a caption whose
    letters do not run from A, and when a piece holds no label line (the reads given here)."""
    from derm1m_build.ocr import OcrText
    from derm1m_build.pmc.panels import split_caption
    from derm1m_build.pmc.panels.letters import line_heads
    from derm1m_build.pmc.panels.pairing import _inline_label_rows
    g = make(0)
    subs = split_caption(g.caption)
    rows = _inline_label_rows(g.image, subs, line_heads)
    assert rows is not None and verdict(g, rows) == "rows"
    assert _inline_label_rows(g.image, subs, None) is None
    assert _inline_label_rows(g.image, split_caption("Figure 1: (b) one. (c) two."), line_heads) is None
    heads = line_heads(np.ascontiguousarray(g.image[:, :, ::-1]), [(0, 0, g.image.shape[1], g.image.shape[0])])
    left_only = [t for t in heads if t.box[0] < g.image.shape[1] // 2]
    assert [t.text[:3] for t in left_only if t.text.startswith("(")] == ["(a)"]
    assert _inline_label_rows(g.image, subs, lambda rgb, regions: left_only) is None
    # a line read as "(b)" in both pieces: a letter twice is no pairing
    twice = [OcrText(t.box, "(b) x", 0.99) for t in heads if t.text.startswith("(")]
    assert _inline_label_rows(g.image, subs, lambda rgb, regions: twice) is None


def test_detection_is_run_once_for_one_figure(ocr_ok, monkeypatch):
    """The grid-label search and the line-head search look at the same figure: the detector runs once;
    another image runs it again."""
    from derm1m_build import ocr
    calls = []
    real = ocr._engine()

    class Counting:
        def __call__(self, *a, **k):
            calls.append(k.get("use_det"))
            return real(*a, **k)

    monkeypatch.setattr(ocr, "_engine", lambda: Counting())
    ocr._last_detect[0] = (None, [])
    g = make(1)
    rgb = np.ascontiguousarray(g.image[:, :, ::-1])
    first = ocr.detect_boxes(rgb)
    assert ocr.detect_boxes(rgb.copy()) == first and calls == [True]
    other = rgb.copy()
    other[:20, :20] = 0
    ocr.detect_boxes(other)
    assert calls == [True, True]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seeds", default="0-17")
    ap.add_argument("--kind", default="inline", choices=["inline", "missing", "moved", "extra"])
    ap.add_argument("--save", default="")
    args = ap.parse_args()
    from derm1m_build.pmc.panels import pair
    lo, hi = (int(v) for v in args.seeds.split("-"))
    tally: dict[str, int] = {}
    for s in range(lo, hi + 1):
        g = make(s, args.kind)
        if args.save:
            cv2.imwrite(os.path.join(args.save, f"{args.kind}_{s}.png"), g.image)
        p, _ = pair(g.image, g.caption)
        v = verdict(g, p)
        tally[v] = tally.get(v, 0) + 1
        print(s, g.desc, v, p.note if not p.panels else [(L, b.xyxy) for L, b, _ in p.panels], flush=True)
    print(tally)
    return 0


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:0] = [os.path.dirname(here), here]
    sys.exit(main())
