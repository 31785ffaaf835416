"""Round 52, counts on sets 36 and 37 (tuning data since their one held-out runs).

`px_bars` / `px_window` (set 36): plot galleries whose plots share frame lines, each plot's ticks on
them (truth 4 and 9; main: one piece), one panel a plot (`shared_frames.split_shared_frames`).
`cw_nino3` (set 37): four plots titled "a) ..." to "d) ...", the narrow "c)" plot joined to "b)" as
its sliver (truth 4; main: 3), cut apart (`lettered_frames.split_lettered_frames`). `vp_histeq`
(set 37): two photographs of one size edge to edge (truth 2; main: 1 piece), cut at the middle
seam (`photo_pair.split_photo_pair`). `cv_normappr` (set 37): three equal histograms stacked, ticks
inside their frames, the first two one piece (truth 3; main: 2), cut between the frames
(`inward_frames.split_inward_frames`). And where the steps must not act: a line across one plot
with no ticks, a title without its letter label, a seam off the middle, one photograph, a checkerboard,
frames with no ticks inside."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from derm1m_build.pmc.panels import split_panels
from derm1m_build.pmc.panels.axes import dark_parts
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.inward_frames import inward_frames, split_inward_frames
from derm1m_build.pmc.panels.lettered_frames import split_lettered_frames
from derm1m_build.pmc.panels.photo_pair import split_photo_pair
from derm1m_build.pmc.panels.shared_frames import split_shared_frames

PMC = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc"


def image(n: int, name: str) -> np.ndarray:
    img = cv2.imread(str(PMC / f"heldout{n}" / "images" / f"{name}.png"), cv2.IMREAD_COLOR)
    assert img is not None
    return img


def boxes(xyxy: list[list[int]]) -> list[Box]:
    return [Box(x0, y0, x1 - x0, y1 - y0) for x0, y0, x1, y1 in xyxy]


def whole(img: np.ndarray) -> list[Box]:
    return [Box(0, 0, img.shape[1], img.shape[0])]


def test_plots_sharing_ticked_frame_lines_are_one_panel_each():
    assert split_panels(image(36, "px_bars")) == boxes([[6, 7, 384, 198], [383, 7, 694, 198],
                                                        [6, 197, 384, 448], [383, 197, 694, 448]])
    img = image(36, "px_window")   # cropped through its last column of plots: no right side
    assert split_shared_frames(img, whole(img)) == boxes([
        [39, 7, 365, 183], [364, 7, 648, 183], [647, 7, 841, 183],
        [7, 182, 365, 358], [364, 182, 648, 358], [647, 182, 841, 358],
        [39, 357, 365, 564], [364, 357, 648, 603], [647, 357, 841, 564]])


def test_a_line_across_one_plot_without_ticks_is_no_shared_side():
    plot = np.ascontiguousarray(image(36, "px_bars")[:200, :384])   # plot (a) with its frame
    one = whole(plot)
    assert split_shared_frames(plot, one) is one
    lined = plot.copy()
    lined[8:197, 229:231] = 0   # a dark line from the frame's top to its bottom, no ticks on it
    assert split_shared_frames(lined, one) is one
    for y in (40, 100, 160):   # ticks standing out of it on both sides: two plots sharing it
        lined[y, 222:229] = 0
        lined[y, 231:238] = 0
    assert len(split_shared_frames(lined, one)) == 2


CW = boxes([[49, 16, 794, 215], [42, 244, 1036, 507], [49, 538, 794, 762]])   # main's pieces


def test_plots_titled_with_their_own_letters_are_one_panel_each():
    img = image(37, "cw_nino3")
    assert split_lettered_frames(img, CW, dark_parts(img)) == boxes([
        [49, 16, 794, 215], [43, 246, 793, 505], [800, 246, 1035, 505], [49, 538, 794, 762]])
    assert split_lettered_frames(img, CW, None) is CW   # the figure's dark parts not read: nothing done


def test_a_title_without_its_letter_label_leaves_the_plots_joined():
    img = image(37, "cw_nino3").copy()
    img[244:268, 798:820] = 255   # "c)" erased: "Global Wavelet Spectrum" alone over the narrow plot
    assert split_lettered_frames(img, CW, dark_parts(img)) is CW


def test_two_photographs_edge_to_edge_are_cut_at_the_middle():
    img = image(37, "vp_histeq")
    assert split_panels(img) == boxes([[0, 0, 492, 328], [492, 0, 985, 328]])
    moved = np.ascontiguousarray(np.concatenate([img[:, 60:492], img[:, 492:]], axis=1))   # seam off the middle
    assert split_photo_pair(moved, whole(moved)) == whole(moved)
    one = image(37, "iq_street")
    assert split_photo_pair(one, whole(one)) == whole(one)
    checks = image(25, "hug_ca_artificial")   # a checkerboard steps on every row at each square's edge
    assert split_photo_pair(checks, whole(checks)) == whole(checks)


NORMAPPR = boxes([[67, 55, 744, 396], [76, 401, 736, 569]])   # main's pieces


def test_equal_plots_ticked_inside_are_cut_between_their_frames():
    img = image(37, "cv_normappr")
    parts = dark_parts(img)
    assert inward_frames(img, parts) == [Box(103, 62, 628, 143), Box(103, 235, 628, 143), Box(103, 408, 628, 143)]
    assert split_inward_frames(img, NORMAPPR, parts) == boxes([[76, 55, 743, 222], [67, 228, 736, 395], [76, 401, 736, 569]])
    assert split_inward_frames(img, NORMAPPR, None) is NORMAPPR
    bare = img.copy()
    bare[62:551, 103:106] = 255   # the ticks inside the left sides erased: no frame is known as a plot's
    assert inward_frames(bare, dark_parts(bare)) == []
    assert split_inward_frames(bare, NORMAPPR, dark_parts(bare)) is NORMAPPR
