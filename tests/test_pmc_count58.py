"""Round 58, counts. `count_panels` with a reader groups the gutter pieces under the run of letters
printed at their top-left corners (`corner_count.lettered_count`): `ncomms5946_fig4` (default sets,
held half: tuning data) prints a, b, c over a photograph with two insets beside it each, cut into six
pieces; truth three. A scatter-plot matrix whose outer axes restart their ticks at each shared line is
one panel a plot (`tick_restarts`: set 39's `nc_matrix`, nine plots found as one); frames at one pitch
parted by rules, the last rule as dark as the pictures beside it, are cut at the pitch (`rule_pitch`:
set 39's `ch_radiance`, five exposures found as four). And where they must not act: letters read
twice, no A, a letter outside the run printed as a label (set 38's `pn_vnest`, panels lettered a), g),
b), y)), ticks running on at one step across the lines, the rule painted over. A stroke read at the
figure's left edge no longer stops the read (`letters._dotted` took an empty crop)."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from conftest import REALDATA, SHARED_SKIP
from derm1m_build.pmc.panels import count_panels, split_panels
from derm1m_build.pmc.panels.corner_count import _run_from_a, _stray_label
from derm1m_build.pmc.panels.gutters import Box
from derm1m_build.pmc.panels.letters import _dotted
from derm1m_build.pmc.panels.tick_restarts import _restarts

SET39 = Path(__file__).resolve().parents[1] / "benchmarks" / "pmc" / "heldout39" / "images"


def _xyxy(boxes: list[Box]) -> list[tuple[int, int, int, int]]:
    return [(b.x, b.y, b.x + b.w, b.y + b.h) for b in boxes]


def _set39(name: str) -> np.ndarray:
    img = cv2.imread(str(SET39 / f"{name}.png"), cv2.IMREAD_COLOR)
    assert img is not None
    return img


def _fig4() -> np.ndarray:
    if not REALDATA.exists():
        pytest.skip(SHARED_SKIP)
    img = cv2.imread(str(REALDATA / "figures" / "images" / "exsclaim__ncomms5946_fig4.png"), cv2.IMREAD_COLOR)
    assert img is not None
    return img


FIG4_SPLIT = [(0, 3, 163, 149), (164, 3, 221, 149), (240, 0, 403, 149), (404, 4, 461, 66), (404, 69, 461, 143),
              (478, 3, 685, 149)]


def test_pieces_grouped_under_printed_corner_letters():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    img = _fig4()
    assert _xyxy(split_panels(img)) == FIG4_SPLIT
    assert _xyxy(count_panels(img, read=ocr.read_line)) == [(0, 3, 221, 149), (240, 0, 461, 149), (478, 3, 685, 149)]


def test_letters_read_twice_or_none_group_nothing():
    img = _fig4()
    assert _xyxy(count_panels(img, read=lambda rgb, *allowed: ("A", 0.99))) == FIG4_SPLIT
    assert _xyxy(count_panels(img, read=lambda rgb, *allowed: ("", 0.0))) == FIG4_SPLIT


def test_letter_run_from_a():
    assert _run_from_a(["A", "B", "D"]) == ["A", "B", "C", "D"]
    assert _run_from_a(["A", "D", "S"]) == ["A", "B", "C", "D"]   # S: past a gap of 14, some other print
    assert _run_from_a(["A", "B", "F"]) == ["A", "B"]
    assert _run_from_a(["B", "C", "D"]) is None
    assert _run_from_a(["A", "T"]) is None


def test_scatter_matrix_restarting_ticks_is_nine_plots():
    assert _xyxy(split_panels(_set39("nc_matrix"))) == [
        (12, 13, 265, 215), (264, 13, 471, 215), (470, 13, 678, 215),
        (12, 214, 265, 417), (264, 214, 471, 417), (470, 214, 678, 417),
        (13, 416, 265, 662), (264, 416, 471, 665), (470, 416, 678, 662)]


def test_ticks_running_on_across_lines_restart_nothing():
    marks = [5, 43, 81, 120, 158, 196, 206, 244, 283, 321, 359, 398, 407, 446, 484, 522, 561, 599]   # nc_matrix's left axis
    assert _restarts(marks, [0, 201, 403, 604])
    assert not _restarts(list(range(20, 600, 40)), [0, 200, 400, 600])   # one step on: grid lines of one plot
    assert not _restarts(marks[:-1], [0, 201, 403, 604])   # a stretch short of a tick


def test_frames_at_one_pitch_cut_at_the_hidden_rule():
    img = _set39("ch_radiance")
    assert _xyxy(split_panels(img)) == [(7, 7, 208, 143), (207, 7, 411, 143), (410, 7, 611, 143), (610, 7, 811, 143),
                                        (811, 7, 1014, 143)]
    img[:, 809:814] = img[:, 808:809]   # the rule painted over with the picture's own column
    assert _xyxy(split_panels(img))[-1] == (610, 7, 1014, 143)


# set 38's pn_vnest: the layout's four pieces, the letters read at their top-left corners and where
VNEST = [Box(7, 8, 564, 103), Box(6, 124, 565, 105), Box(7, 243, 564, 71), Box(6, 330, 565, 94)]
VNEST_SPOTS = [[(7, 8, 6, 6)], [(6, 126, 6, 8)], [(7, 243, 6, 8)], [(6, 331, 2, 6)]]


def test_letter_outside_the_run_printed_as_a_label_groups_nothing():
    assert _stray_label(VNEST, ["A", "G", "B", "Y"], VNEST_SPOTS, ["A", "B"])
    # a letter elsewhere in its piece (a data point's O) or of another size is other print
    spots = [VNEST_SPOTS[0], [(60, 170, 6, 8)], VNEST_SPOTS[2], [(6, 331, 2, 20)]]
    assert not _stray_label(VNEST, ["A", "G", "B", "Y"], spots, ["A", "B"])
    assert not _stray_label(VNEST, ["A", "G", "B", "Y"], VNEST_SPOTS, ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J",
                                                                        "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T",
                                                                        "U", "V", "W", "X", "Y"])


def test_stroke_at_the_left_edge_is_read():
    img = np.full((40, 30, 3), 255, np.uint8)
    img[10:30, 0:3] = 0
    shape = np.ones((20, 3), bool)
    assert _dotted(img, 0, 10, 3, 20, shape) is False
    img[4:7, 0:3] = 0   # a dot over the stem: an i
    assert _dotted(img, 0, 10, 3, 20, shape) is True
