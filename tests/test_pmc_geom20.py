"""Compound figures, round 20 (geometry): layout families no figure set has, built here.

Three families the rules of round 19 did not cover, each found as a miss and fixed by a rule, and
checked here on figures composed from the shared photographs or drawn with matplotlib:

- `wide_page`: a grid on a coloured page whose gutters are as wide as its margins (16-22 px between
  photos of 150-200 px, 5-10 % of the side), drop shadows or none. A gutter of a colour was taken
  only up to 4 % of the side (a wider one may be a photo's flat stretch); the page's own colour
  (known from the margin) may be wider (`gutters._PAGE_WIDE`).
- `abut_pale`: a large photo beside a 2 x 2 block of small ones, no gutters at all; one side pale,
  so the edge changes in only 50-60 % of its line's pixels, but strongly (`gutters._EDGE_PALE`).
- `chart`: one matplotlib chart (box plots, error bars and a legend, twin axes, a colour bar, an
  inset legend, small multiples sharing their axes with no gap): one panel; and `lettered`: two to
  four sub-plots with "(a)" titles and white space between them: that many panels. A chart's 1-px
  side spines were 2 pixels of each line across the chart, within the white-line tolerance (0.4 %,
  for JPEG ringing), so the plot was cut into strips between them (`gutters._ruled_across`).
- `subcaptioned`: a small drawing beside a large one, each over its own "(a) A cat" sub-caption
  (LaTeX `subcaption`): the small one was a sliver by size (`xycut._minor_merge`) and dwarfed
  (`charts._plausible`); a piece carrying its own bracketed label with words beside it is a panel.

`python tests/test_pmc_geom20.py N OFFSET [--show]` prints the exact-split rate per family (the
splitter imported from PYTHONPATH, so main's checkout can be measured the same way)."""

from __future__ import annotations

import io
import random
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from grid_photos import photos as _photos, fit as _fit, iou as _iou  # noqa: E402
from test_pmc_geom19 import Stress, exact, _jpeg  # noqa: E402
from derm1m_build.pmc.panels import split_panels  # noqa: E402

FAMILIES = ("wide_page", "abut_pale", "chart", "lettered")

# page colours (BGR): plum, maroon, teal, slate blue, olive, warm grey
PAGES = [(92, 41, 60), (40, 30, 110), (90, 90, 20), (120, 70, 50), (30, 90, 90), (110, 120, 130)]


def _shadowed(canvas: np.ndarray, x: int, y: int, w: int, h: int, off: int) -> None:
    """A soft dark shadow `off` px down and right of a photo's box (drawn before the photo)."""
    a = np.zeros(canvas.shape[:2], np.float32)
    cv2.rectangle(a, (x + off, y + off), (x + w + off - 1, y + h + off - 1), 0.7, -1)
    a = cv2.GaussianBlur(a, (0, 0), 1.5)[:, :, None]
    canvas[:] = (canvas * (1 - a) + 10 * a).astype(np.uint8)


def wide_page(seed: int) -> Stress:
    """A 2 x 2, 2 x 3 or 2 x 2 + tall-column grid on a coloured page, gutters 16-22 px, margins
    12-18 px, a drop shadow of 3-6 px under each photo or none."""
    rng = random.Random(seed * 31 + 1)
    page = rng.choice(PAGES)
    g, m, s = rng.randint(16, 22), rng.randint(12, 18), rng.randint(150, 200)
    h = round(s * rng.choice([0.85, 1.0]))
    kind = rng.choice(["2x2", "2x3", "tall"])
    if kind == "tall":  # a 2 x 2 block and a photo beside it spanning both rows (set 11 composed 003's kind)
        cells = [(m + c * (s + g), m + r * (h + g), s, h) for r in range(2) for c in range(2)]
        cells.append((m + 2 * (s + g), m, round(s * 1.2), 2 * h + g))
        W, H = m + 2 * (s + g) + round(s * 1.2) + m, 2 * m + 2 * h + g
    else:
        cols = 2 if kind == "2x2" else 3
        cells = [(m + c * (s + g), m + r * (h + g), s, h) for r in range(2) for c in range(cols)]
        W, H = 2 * m + cols * s + (cols - 1) * g, 2 * m + 2 * h + g
    canvas = np.zeros((H, W, 3), np.uint8)
    canvas[:] = page
    off = rng.choice([0, 3, 4, 6])
    pics = _photos(rng.choice(["dermoscopy", "clinical"]), rng.randrange(200), len(cells))
    for i, ((x, y, w, hh), p) in enumerate(zip(cells, pics)):
        if off:
            _shadowed(canvas, x, y, w, hh, off)
        canvas[y:y + hh, x:x + w] = _fit(p, w, hh)
        cv2.putText(canvas, "ABCDEF"[i], (x + w - 24, y + 24), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (255, 255, 255), 2,
                    cv2.LINE_AA)
    return Stress(_jpeg(canvas, rng.choice([80, 90])), [[x, y, x + w, y + hh] for x, y, w, hh in cells], "wide_page")


def _pale(img: np.ndarray, amount: float) -> np.ndarray:
    """A photo washed towards white (a pale dermoscopy field, an over-exposed close-up)."""
    return (img.astype(np.float32) * (1 - amount) + 245 * amount).astype(np.uint8)


def abut_pale(seed: int) -> Stress:
    """A large photo (square, S px) beside a 2 x 2 block of S/2 photos, no gutter anywhere; the large
    one washed pale (set 11 composed 008's kind); labels in boxes at the bottom-right corners."""
    rng = random.Random(seed * 53 + 2)
    S = 2 * rng.randint(120, 150)
    t = S // 2
    left = rng.random() < 0.5
    big = (0, 0, S, S) if left else (2 * t, 0, S, S)
    x0 = S if left else 0
    cells = [big] + [(x0 + c * t, r * t, t, t) for r in range(2) for c in range(2)]
    canvas = np.zeros((S, S + 2 * t, 3), np.uint8)
    pics = _photos(rng.choice(["dermoscopy", "clinical"]), rng.randrange(200), 5)
    for i, ((x, y, w, h), p) in enumerate(zip(cells, pics)):
        ph = _fit(p, w, h)
        canvas[y:y + h, x:x + w] = _pale(ph, rng.uniform(0.35, 0.5)) if i == 0 else ph
        cv2.rectangle(canvas, (x + w - 22, y + h - 24), (x + w - 2, y + h - 2), (255, 255, 255), -1)
        cv2.putText(canvas, "abcde"[i], (x + w - 18, y + h - 8), cv2.FONT_HERSHEY_SIMPLEX, 0.55, (20, 20, 160), 2,
                    cv2.LINE_AA)
    order = [0, 1, 2, 3, 4] if left else [1, 2, 0, 3, 4]
    boxes = [[x, y, x + w, y + h] for x, y, w, h in cells]
    return Stress(_jpeg(canvas, rng.choice([80, 90])), [boxes[i] for i in order], "abut_pale")


CHARTS = ("box", "errorbar", "twin", "colourbar", "inset_legend", "shared_multiples", "hist_grid", "bars")


def _render(fig) -> np.ndarray:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi)
    import matplotlib.pyplot as plt
    plt.close(fig)
    arr = np.frombuffer(buf.getvalue(), np.uint8)
    return cv2.imdecode(arr, cv2.IMREAD_COLOR)


def chart(seed: int, kind: str | None = None) -> np.ndarray:
    """One chart (a single panel) of `kind` (default CHARTS[seed % 8]), drawn with matplotlib on a
    white ground: thin frames, tick labels, legends and colour bars that must stay with the plot."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    kind = kind or CHARTS[seed % len(CHARTS)]
    r = np.random.default_rng(seed)
    w, h = [(6.4, 4.8), (5.76, 4.13), (5.12, 3.84), (7.0, 4.0)][seed % 4]
    if kind == "shared_multiples":  # small multiples sharing both axes, touching: one chart
        fig, axs = plt.subplots(1, r.integers(3, 5), sharey=True, figsize=(w, h), dpi=90,
                                gridspec_kw={"wspace": 0})
        for ax in axs:
            ax.plot(np.cumsum(r.normal(size=50)), lw=1)
        axs[0].set_ylabel("response")
        return _render(fig)
    fig, ax = plt.subplots(figsize=(w, h), dpi=90)
    if kind == "box":  # outliers far above the whiskers: white rows between them inside the frame
        ax.boxplot([np.r_[r.normal(10, 0.5, 300), r.uniform(13, 14, 2)] for _ in range(r.integers(3, 6))])
        ax.set_yticks([9, 10, 11])  # no tick label beside the gap: only the two side spines cross it
        ax.set_ylabel("Estimated scale")
    elif kind == "errorbar":
        x = np.sort(np.r_[r.uniform(8, 10, 14), r.uniform(12, 13, 12), r.uniform(16, 18, 12), [21.5, 22]])  # clusters
        y = 0.5 * x + r.normal(0, 2, 40)
        ax.errorbar(x, 0.5 * x, yerr=r.uniform(2, 6, 40), fmt="D", color="red", ecolor="black", elinewidth=0.7,
                    label="fitted")
        ax.plot(x, y, "o", color="blue", label="observed")
        ax.legend(loc="upper right")
        ax.set_title("Linear regression")
    elif kind == "twin":
        x = np.arange(30)
        ax.plot(x, np.cumsum(r.normal(size=30)), color="tab:blue")
        ax2 = ax.twinx()
        ax2.bar(x, r.uniform(0, 5, 30), color="tab:orange", alpha=0.4)
        ax.set_xlabel("day")
    elif kind == "colourbar":
        im = ax.imshow(r.normal(size=(20, 30)).cumsum(axis=1), cmap="viridis", aspect="auto")
        fig.colorbar(im, ax=ax, label="value")
    elif kind == "inset_legend":
        for k in range(3):
            ax.plot(np.cumsum(r.normal(size=80)), label=f"series {k}")
        ax.legend(loc="lower left", frameon=True)
        ax.grid(True, lw=0.3)
    elif kind == "hist_grid":
        ax.hist(r.normal(size=500), bins=30, color="grey", edgecolor="white")
        ax.axvline(0, color="k", ls="--", lw=0.8)
    else:  # bars with sparse error bars
        ax.bar(range(6), r.uniform(1, 9, 6), yerr=r.uniform(0.2, 1, 6), capsize=4, color="lightgrey",
               edgecolor="black")
        ax.set_xticks(range(6), [f"g{i}" for i in range(6)])
    return _render(fig)


def lettered(seed: int) -> tuple[np.ndarray, int]:
    """Two to four sub-plots (1 x 2, 1 x 3 or 2 x 2) titled "(a)", "(b)" ... with matplotlib's white
    space between them: several panels. Returns the image and its panel count."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    r = np.random.default_rng(1000 + seed)
    rows, cols = [(1, 2), (1, 3), (2, 2)][seed % 3]
    fig, axs = plt.subplots(rows, cols, figsize=(3.2 * cols, 2.8 * rows), dpi=80)
    for k, ax in enumerate(np.ravel(axs)):
        if (seed + k) % 3 == 0:
            ax.boxplot([r.normal(size=100) for _ in range(3)])
        elif (seed + k) % 3 == 1:
            ax.plot(np.cumsum(r.normal(size=60)))
        else:
            ax.scatter(r.normal(size=60), r.normal(size=60), s=6)
        ax.set_title(f"({'abcd'[k]})", loc="left")
    fig.tight_layout(w_pad=2.5, h_pad=2.5)
    return _render(fig), rows * cols


def rates(n: int, offset: int = 0, show: bool = False) -> dict[str, tuple[int, int]]:
    """Per family, (right, figures) over seeds offset .. offset + n - 1: photo families split exactly
    (`exact`), charts kept whole (one piece), lettered sub-plots cut into as many pieces as they are."""
    out = {}
    for f in FAMILIES:
        ok = 0
        for k in range(offset, offset + n):
            if f in ("wide_page", "abut_pale"):
                s = wide_page(k) if f == "wide_page" else abut_pale(k)
                got = [b.xyxy for b in split_panels(s.image)]
                good = exact(got, s.boxes)
                want = len(s.boxes)
            elif f == "chart":
                got = [b.xyxy for b in split_panels(chart(k))]
                good, want = len(got) == 1, 1
            else:
                img, want = lettered(k)
                got = [b.xyxy for b in split_panels(img)]
                good = len(got) == want
            ok += good
            if show and not good:
                print(f"  miss {f} {k}: {len(got)} pieces for {want}", got[:6])
        out[f] = (ok, n)
    return out


# ------------------------------------------------------------------ tests

from conftest import REALDATA, SHARED_SKIP  # noqa: E402

needs_photos = pytest.mark.skipif(not REALDATA.exists(), reason=SHARED_SKIP)


@needs_photos
@pytest.mark.parametrize("seed", range(6))
def test_a_grid_on_a_page_with_gutters_as_wide_as_its_margins_splits_exactly(seed):
    s = wide_page(seed)
    assert exact([b.xyxy for b in split_panels(s.image)], s.boxes), ([b.xyxy for b in split_panels(s.image)], s.boxes)


@needs_photos
def test_a_wide_plum_gutter_under_drop_shadows_is_a_gutter():
    # a 2 x 2 grid on a plum page, 18 px gutters (over 4 % of the 390 px side), shadows 6 px deep:
    # the rows are cut, not only the columns (a guard: main cuts this one too, its shadow band ends
    # the gutter sharply; the seeds above and set 11's composed 021 it did not)
    g, m, w, h = 18, 16, 200, 170
    canvas = np.zeros((2 * m + 2 * h + g, 2 * m + 2 * w + g, 3), np.uint8)
    canvas[:] = PAGES[0]
    boxes = []
    for i, p in enumerate(_photos("dermoscopy", 9, 4)):
        x, y = m + (i % 2) * (w + g), m + (i // 2) * (h + g)
        _shadowed(canvas, x, y, w, h, 6)
        canvas[y:y + h, x:x + w] = _fit(p, w, h)
        boxes.append([x, y, x + w, y + h])
    assert exact([b.xyxy for b in split_panels(_jpeg(canvas, 85))], boxes)


@needs_photos
def test_a_single_photo_on_a_wide_plum_margin_stays_whole():
    # the page colour's wider gutters are inner runs only: a photo in a wide margin is one piece
    canvas = np.zeros((360, 480, 3), np.uint8)
    canvas[:] = PAGES[0]
    canvas[30:330, 30:450] = _fit(_photos("clinical", 12, 1)[0], 420, 300)
    assert len(split_panels(_jpeg(canvas, 85))) == 1


@needs_photos
@pytest.mark.parametrize("seed", [0, 2, 5])
def test_a_pale_photo_beside_a_block_of_four_is_cut_from_it(seed):
    # a guard for the pale-edge rule (these seeds are cut on main too): the big washed-out photo is a
    # piece of its own; how far the block of four is cut depends on its own edges
    s = abut_pale(seed)
    got = [b.xyxy for b in split_panels(s.image)]
    big = max(s.boxes, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))
    assert max(_iou(g, big) for g in got) >= 0.9, (got, big)


@pytest.mark.parametrize("kind", CHARTS)
@pytest.mark.parametrize("seed", [0, 4, 5])
def test_a_single_matplotlib_chart_stays_whole(kind, seed):
    # (error bars in clusters, seeds 0 and 5, and the box plot, seed 4, came apart on main)
    img = chart(seed, kind)
    got = split_panels(img)
    assert len(got) == 1, [b.xyxy for b in got]


@pytest.mark.parametrize("seed", range(3))
def test_lettered_sub_plots_are_cut_into_their_panels(seed):
    img, n = lettered(seed)
    assert len(split_panels(img)) == n


def test_a_frame_spine_across_a_white_run_is_no_gutter():
    # a white run crossed end to end by a frame's two 1-px sides running on into both sides: not a
    # gutter; with one of them broken in the run (one line crossing: an arrow, a reference line) it is
    from derm1m_build.pmc.panels.gutters import _ruled_across, _uniform_lines
    img = np.full((200, 800, 3), 255, np.uint8)  # 2 ink pixels of 800: a "white" line by the tolerance
    img[20:80, 100:700] = 0          # content above
    img[120:180, 100:700] = 0        # content below
    img[10:190, 20] = 0              # a frame's two sides down the whole height
    img[10:190, 780] = 0
    dark = img.min(axis=2)
    _, col = _uniform_lines(img, dark, 0)
    assert _ruled_across(dark, col, (80, 120), 0)
    img[80:120, 20] = 255            # one side broken in the gap: one line crossing (an arrow) is no frame
    dark = img.min(axis=2)
    _, col = _uniform_lines(img, dark, 0)
    assert not _ruled_across(dark, col, (80, 120), 0)
    img[10:190, 20:40] = 0           # a wide bar down the whole height beside the far side: no thin rule
    dark = img.min(axis=2)
    assert not _ruled_across(dark, col, (80, 120), 0)


def test_a_box_plot_with_outliers_above_its_whiskers_is_one_panel():
    # the statsmodels box plot's kind: outliers above the whiskers, white rows between them but for
    # the two 1-px side spines, which run from the top of the frame to the bottom
    img = chart(4, "box")
    assert len(split_panels(img)) == 1


def subcaptioned(labels: bool = True) -> np.ndarray:
    """LaTeX `subcaption`'s kind, drawn with matplotlib: a small line drawing beside a large one, a
    serif sub-caption under each ("(a) A cat", "(b) An elephant"), or no sub-captions."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Circle, Ellipse
    fig = plt.figure(figsize=(4.0, 2.6), dpi=100)
    small, big = fig.add_axes([0.02, 0.2, 0.14, 0.2]), fig.add_axes([0.30, 0.2, 0.68, 0.78])
    for ax in (small, big):
        ax.set_xlim(0, 1)
        ax.set_ylim(0, 1)
        ax.axis("off")
    small.add_patch(Circle((0.5, 0.4), 0.3, fill=False, lw=1.2))
    small.plot([0.3, 0.2], [0.6, 0.9], "k", lw=1.2)
    big.add_patch(Ellipse((0.5, 0.6), 0.8, 0.6, fill=False, lw=1.2))
    for x in (0.3, 0.45, 0.6, 0.75):
        big.plot([x, x], [0.05, 0.35], "k", lw=1.2)
    if labels:
        fig.text(0.02, 0.08, "(a) A cat", family="serif", fontsize=9)
        fig.text(0.50, 0.08, "(b) An elephant", family="serif", fontsize=9)
    return _render(fig)


def test_a_small_drawing_over_its_own_sub_caption_is_a_panel():
    # the small drawing is under 0.4 of the large one's width (a sliver by size) and a tenth of its
    # area (dwarfed), but each carries its own "(x) words" sub-caption: two panels, each with its line
    got = [b.xyxy for b in split_panels(subcaptioned())]
    assert len(got) == 2, got
    (a, b) = sorted(got)
    assert a[2] < 100 < 140 < b[0] and a[3] >= 235 and b[3] >= 235


def test_the_same_drawings_without_sub_captions_stay_one_figure():
    assert len(split_panels(subcaptioned(labels=False))) == 1


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    off = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    res = rates(n, off, "--show" in sys.argv)
    for f, (ok, k) in res.items():
        print(f"{f:14s} {ok:3d}/{k}")
    tot = sum(o for o, _ in res.values()), sum(k for _, k in res.values())
    print(f"{'all':14s} {tot[0]:3d}/{tot[1]} ({100 * tot[0] / tot[1]:.0f} %)")
