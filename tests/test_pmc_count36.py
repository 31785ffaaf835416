"""Splitter round 36 (counts): pieces cut inside one plot's ticked axes frame are one panel.

A detector image or a calibration plot drawn in an axes frame carries lines right across its plotting
area (module gaps, reference lines, grid lines); the gutter test read each as a gutter and cut the
plot into strips. A plot's axes frame has tick marks outside it; a border round several photos has
none (`axes.ticked_frames`). Figures are composed here with matplotlib and OpenCV; none is a
benchmark figure.
"""

from __future__ import annotations

import io

import cv2
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from derm1m_build.pmc.panels.axes import _ticks, cut_between_frames, join_in_frames, ticked_frames  # noqa: E402
from derm1m_build.pmc.panels.gutters import Box  # noqa: E402
from derm1m_build.pmc.panels.split import split_panels  # noqa: E402


def rendered(fig) -> np.ndarray:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=72, facecolor="white")
    plt.close(fig)
    return cv2.imdecode(np.frombuffer(buf.getvalue(), np.uint8), cv2.IMREAD_COLOR)


def field(n: int = 200, seed: int = 0) -> np.ndarray:
    """Diffraction-like rings round an off-centre beam with a little noise."""
    y, x = np.mgrid[0:n, 0:n]
    r = np.hypot(x - n * 0.55, y - n * 0.45)
    return np.sin(r / 6.0) ** 2 * np.exp(-r / n) + 0.05 * np.random.default_rng(seed).random((n, n))


def detector(ax, seed: int = 0) -> None:
    """A detector image with its module gaps drawn as black lines across it and a red beam-centre line."""
    ax.imshow(field(seed=seed), cmap="inferno", origin="lower")
    for y in (45, 95, 145):
        ax.axhline(y, color="k", lw=3)
    ax.axvline(100, color="#ff7070", lw=2)


def one_detector() -> np.ndarray:
    fig, ax = plt.subplots(figsize=(3.6, 3.6))
    detector(ax)
    ax.set_title("detector frame")
    return rendered(fig)


def three_detectors() -> np.ndarray:
    fig, axs = plt.subplots(1, 3, figsize=(10.8, 3.8))
    for i, ax in enumerate(axs):
        detector(ax, seed=i)
        ax.set_title(f"scan {i}")
    return rendered(fig)


def marginal() -> np.ndarray:
    """An image with a profile plot above and one beside it, sharing its axes."""
    fig = plt.figure(figsize=(4, 4))
    gs = fig.add_gridspec(2, 2, width_ratios=(4, 1), height_ratios=(1, 4), wspace=0.05, hspace=0.05)
    ax = fig.add_subplot(gs[1, 0])
    top = fig.add_subplot(gs[0, 0], sharex=ax)
    side = fig.add_subplot(gs[1, 1], sharey=ax)
    f = field(seed=3)
    ax.imshow(f, cmap="viridis", origin="lower", aspect="auto")
    top.plot(f.mean(0))
    side.plot(f.mean(1), np.arange(200))
    top.tick_params(labelbottom=False)
    side.tick_params(labelleft=False)
    return rendered(fig)


def bordered_photos() -> np.ndarray:
    """Two textured photos with a white gutter between them inside one black border: no tick marks."""
    rng = np.random.default_rng(5)
    img = np.full((220, 400, 3), 255, np.uint8)
    for x0 in (20, 205):
        img[20:200, x0:x0 + 175] = cv2.GaussianBlur(rng.integers(60, 230, (180, 175, 3), dtype=np.uint8), (5, 5), 0)
    cv2.rectangle(img, (8, 8), (391, 211), (0, 0, 0), 2)
    return img


def test_detector_with_lines_across_is_one_panel():
    img = one_detector()
    assert [b.xyxy for b in ticked_frames(img)] == [[34, 32, 233, 230]]
    assert len(split_panels(img)) == 1


def test_three_framed_detectors_are_three_panels():
    img = three_detectors()
    assert [b.xyxy for b in ticked_frames(img)] == [[98, 50, 274, 226], [311, 50, 487, 226], [524, 50, 700, 226]]
    assert len(split_panels(img)) == 3


def test_image_with_marginal_profiles_stays_whole():
    assert len(split_panels(marginal())) == 1


def test_border_without_ticks_is_no_axes_frame():
    img = bordered_photos()
    assert ticked_frames(img) == []
    assert [b.xyxy for b in split_panels(img)] == [[20, 20, 195, 200], [205, 20, 380, 200]]


def test_tick_row():
    row = np.zeros((3, 60), bool)
    for x in (5, 20, 35, 50):
        row[:2, x:x + 2] = True
    assert _ticks(row)
    assert not _ticks(row[:, :30])          # two marks only
    wide = row.copy()
    wide[:2, 20:30] = True                 # a mark 10 px wide: a line, not a tick
    assert not _ticks(wide)
    close = np.zeros((3, 60), bool)
    for x in (5, 9, 13, 17):
        close[:2, x:x + 2] = True          # marks 4 px apart: hatching, not ticks
    assert not _ticks(close)


def test_join_keeps_pieces_outside_frames_and_single_pieces():
    img = one_detector()
    inner = [Box(30, 15, 104, 230), Box(134, 15, 100, 69), Box(134, 87, 99, 47)]
    outside = Box(240, 0, 19, 40)
    joined = join_in_frames(img, inner + [outside])
    assert [b.xyxy for b in joined] == [[240, 0, 259, 40], [30, 15, 234, 245]]
    assert join_in_frames(img, [inner[0]]) == [inner[0]]
    assert join_in_frames(bordered_photos(), inner) == inner


def stacked_plots(hspace: float = 0.12) -> np.ndarray:
    """Two equal line plots stacked with only the upper one's tick labels between them."""
    x = np.linspace(0, 1500, 400)
    fig, axs = plt.subplots(2, 1, figsize=(5.2, 3.4), gridspec_kw={"hspace": hspace})
    for i, ax in enumerate(axs):
        ax.plot(x, 0.05 + 0.2 * (np.sin(x / (20 + 5 * i)) > 0.9), lw=1)
    return rendered(fig)


def test_stacked_equal_plots_are_cut_between_frames():
    img = stacked_plots()
    frames = ticked_frames(img)
    assert [(f.x, f.w) for f in frames] == [(48, 289), (48, 289)] and [f.y for f in frames] == [30, 129]
    got = split_panels(img)
    assert len(got) == 2
    assert [b.xyxy for b in got] == [[25, 29, 338, 122], [25, 125, 338, 232]]   # cut on the blank rows between


def test_piece_of_unequal_frames_is_not_cut():
    img = stacked_plots()
    whole = Box(0, 0, img.shape[1], img.shape[0])
    main, strip = Box(48, 30, 289, 87), Box(48, 129, 289, 40)      # a plot over a residual strip
    assert cut_between_frames(img, [whole], [main, strip]) == [whole]
    offset = Box(100, 129, 289, 87)                                   # equal but not lined up
    assert cut_between_frames(img, [whole], [main, offset]) == [whole]
    assert len(cut_between_frames(img, [whole], [main, Box(48, 129, 289, 87)])) == 2


def test_only_figures_with_a_light_margin_are_looked_at():
    from derm1m_build.pmc.panels.axes import _on_margin, frame_pieces
    img = one_detector()
    assert _on_margin(img)
    photo = img[40:220, 40:220].copy()          # the plotting area alone: the image to its edges
    assert not _on_margin(photo)
    pieces = [Box(0, 0, 90, 180), Box(90, 0, 90, 180)]
    assert frame_pieces(photo, pieces) == pieces
