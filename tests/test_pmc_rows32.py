"""Round 32: a chart's tick label read freely at a plot's corner is no panel label; a bare stroke is I
only where the caption's letter sequence needs it.

1. The label-region grouping of round 31 (`_region_groups`) reads each unlabelled piece's top-left
   corner freely, to refuse a figure printing a label the caption leaves out. A plot's top tick
   label ("0.5", read as "O"; "1", a bare stroke) was such a "label", so the grouping was refused and
   the cut tree's wrong grouping kept (B's lower plot in D's crop). A figure cut into n pieces has
   labels from A to at most the n-th letter: a free read past that is no label (`_could_label`).
2. A bare vertical stroke at a piece's corner is I (or l) only when the caption names I, no corner
   reads I, and exactly one stroke sits between the H and J pieces in reading order at the offset the
   other labels sit at; every other stroke is then no label (`_strokes_by_sequence`).

The figures are built here (matplotlib plots as in `test_pmc_rows31`, seeds beyond its range; blank
pages with boxes): none is a benchmark figure.
"""
from __future__ import annotations

import numpy as np
import pytest

from test_pmc_rows31 import _pair, make, verdict


@pytest.fixture(scope="module")
def ocr_ok():
    from derm1m_build import ocr
    if not ocr.available():
        pytest.skip("the ocr extra is not installed")
    return ocr


# ------------------------------------------------------------------ tick labels are no labels

def test_a_free_read_past_the_pieces_letters_is_no_label():
    from derm1m_build.pmc.panels.glyphs import _BAR
    from derm1m_build.pmc.panels.pairing import _could_label
    assert not _could_label(None, 6)
    assert not _could_label("O", 6)      # "0.5" tick read as O, six pieces: labels A-F at most
    assert not _could_label(_BAR, 6)     # "1" tick, a bare stroke: I is the ninth letter
    assert _could_label("F", 6) and not _could_label("G", 6)
    assert _could_label("E", 6)          # a label E the caption (A-D) leaves out: still refused
    assert _could_label(_BAR, 9)


def test_region_groups_take_a_tick_read_as_no_label():
    import cv2
    from derm1m_build.pmc.panels.gutters import Box
    from derm1m_build.pmc.panels.pairing import _region_groups
    page = np.full((400, 300, 3), 255, np.uint8)
    cell = [Box(10 + c * 110, 10 + r * 110, 100, 100) for r in range(2) for c in range(2)]
    # a glyph in the stacked piece's corner: the reader names it "0." (a tick) or "D"
    cv2.putText(page, "0", (14, 138), cv2.FONT_HERSHEY_SIMPLEX, 0.6, (0, 0, 0), 2)
    boxes = [cell[0], cell[1], cell[2], cell[3]]
    reads = []

    def reader(text):
        def read(rgb, allowed=None):
            reads.append(text)
            return text, 0.99
        return read

    got = _region_groups(page, boxes, ["A", "B", None, "C"], ["A", "B", "C"], reader("0."))
    assert reads and got is not None
    assert dict(zip(got[1], [b.xyxy for b in got[0]])) == {
        "A": [10, 10, 110, 220], "B": [120, 10, 220, 110], "C": [120, 120, 220, 220]}
    # four pieces: a D there is a label the caption leaves out
    assert _region_groups(page, boxes, ["A", "B", None, "C"], ["A", "B", "C"], reader("D")) is None


# seed 11 (layout 4, labels "a": a "0.5" tick at the top-left of A's second plot) had B's lower plot in
# D's crop; seeds 21-41 are figures no earlier test drew
@pytest.mark.parametrize("seed", [11, 25, 32, 39])
def test_a_stacked_plot_under_its_label_joins_it_despite_a_tick_at_a_corner(ocr_ok, seed):
    f = make(seed, "multi")
    p = _pair(f)
    assert verdict(f, p) == "rows", (f.desc, p.note, [(L, b.xyxy) for L, b, _ in p.panels])


# ------------------------------------------------------------------ a stroke is I between H and J

def _grid(n_rows: int, n_cols: int):
    from derm1m_build.pmc.panels.gutters import Box
    return [Box(10 + c * 110, 10 + r * 110, 100, 100) for r in range(n_rows) for c in range(n_cols)]


def _spot(b, dx=2, dy=2, h=20):
    return [(b.x + dx, b.y + dy, 4 if h else 0, h)]


def test_the_stroke_between_h_and_j_is_i_and_other_strokes_are_no_label():
    from derm1m_build.pmc.panels.glyphs import _BAR
    from derm1m_build.pmc.panels.grouping import _strokes_by_sequence
    page = np.full((400, 500, 3), 255, np.uint8)
    boxes = _grid(3, 4)  # 12 pieces: labels A-K in reading order, a stroke where I is
    want = [chr(ord("A") + i) for i in range(11)]
    letters = ["A", "B", "C", "D", "E", "F", "G", "H", _BAR, "J", "K", _BAR]
    spots = [_spot(b) for b in boxes]
    spots[11] = [(boxes[11].x + 2, boxes[11].y + 60, 4, 20)]  # a rule's stroke low in the last piece
    got = _strokes_by_sequence(page, boxes, letters, spots, want, (False, False))
    assert got == ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K", None]
    # a stroke between G and H too, at the label's offset: the sequence needs none there
    letters2 = ["A", "B", "C", "D", "E", "F", "G", _BAR, "H", _BAR, "J", "K"]
    assert _strokes_by_sequence(page, boxes, letters2, [_spot(b) for b in boxes], want, (False, False)) == \
        ["A", "B", "C", "D", "E", "F", "G", None, "H", "I", "J", "K"]
    # two strokes between H and J: which is I is unsure, nothing named
    letters3 = ["A", "B", "C", "D", "E", "F", "G", "H", _BAR, _BAR, "J", "K"]
    assert _strokes_by_sequence(page, boxes, letters3, [_spot(b) for b in boxes], want, (False, False)) == letters3


def test_a_stroke_away_from_the_label_offset_or_a_caption_without_i_is_left_alone():
    from derm1m_build.pmc.panels.glyphs import _BAR
    from derm1m_build.pmc.panels.grouping import _strokes_by_sequence
    page = np.full((400, 500, 3), 255, np.uint8)
    boxes = _grid(3, 4)
    want = [chr(ord("A") + i) for i in range(11)]
    letters = ["A", "B", "C", "D", "E", "F", "G", "H", _BAR, "J", "K", None]
    spots = [_spot(b) for b in boxes]
    spots[8] = [(boxes[8].x + 50, boxes[8].y + 50, 4, 20)]  # a stroke in the piece's middle
    assert _strokes_by_sequence(page, boxes, letters, spots, want, (False, False)) == letters
    # the caption names no I (A-H): the stroke is not asked about here
    short = ["A", "B", "C", "D", "E", "F", "G", "H"]
    letters3 = ["A", "B", "C", "D", "E", "F", "G", "H", _BAR, None, None, None]
    assert _strokes_by_sequence(page, boxes, letters3, [_spot(b) for b in boxes], short, (False, False)) == letters3
    # H or J not read: no sequence to place the stroke in
    letters4 = ["A", "B", "C", "D", "E", "F", "G", None, _BAR, "J", "K", None]
    assert _strokes_by_sequence(page, boxes, letters4, [_spot(b) for b in boxes], want, (False, False)) == letters4
