"""Splitter speed round 50: answers handed down and tables filtered at once, with the same results.

- `gutters._pass_down`: a cut piece's lines along the cut are the region's lines; within a layout
  pass the piece's `_uniform_lines` / `_line_reduce` along that axis are the region's sliced (not
  computed again) and equal what the piece computes alone; where the region has no answer, none is
  handed down; outside a pass, nothing is kept.
- `memo.known` / `hand_down`: a lookup that computes nothing; an answer handed down is read-only and
  never replaces one already there.
- `axes._frame_sized`: the components the old per-row test kept, on a real figure's dark parts.
- `charts._rule_side`: a strip of print over one long rule is a rule piece, print alone is none
  (exact side values), inside a split (the figure's grey) and outside.
- `glyphs._bracket_side`: "(" and ")" found, a straight stroke not (the integer mean of its columns).
"""

from __future__ import annotations

import cv2
import numpy as np

from derm1m_build.pmc.panels import memo
from derm1m_build.pmc.panels.axes import _frame_sized, dark_parts
from derm1m_build.pmc.panels.charts import _rule_side
from derm1m_build.pmc.panels.glyphs import _bracket_side
from derm1m_build.pmc.panels.gutters import Box, _line_reduce, _pass_down, _uniform_lines, _uniform_lines_of

from tests.test_pmc_speed47 import _figures


def _region() -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(5)
    img = np.full((40, 30, 3), 255, np.uint8)
    img[3:15, 4:26] = rng.integers(0, 256, (12, 22, 3), dtype=np.uint8)   # a photo
    img[22:37, 2:12] = (30, 90, 160)                                       # a flat block
    img[25, :] = 120                                                       # a grey rule
    dark = img.min(axis=2)
    return img, dark


def test_pass_down_slices_the_region_lines_and_computes_nothing_more():
    img, dark = _region()
    computed = []

    @memo.one_pass
    def run(axis: int, a: int, b: int, ask_region: bool):
        if ask_region:
            _uniform_lines(img, dark, axis)
            _line_reduce(img, axis, cv2.REDUCE_MAX)
        sub, dsub = _pass_down(img, dark, axis, a, b)
        handed = memo.known("uniform lines", (sub, dsub), axis)
        reduced = memo.known("line reduce", (sub,), (axis, cv2.REDUCE_MAX))
        other = memo.known("uniform lines", (sub, dsub), 1 - axis)   # the other axis is the piece's own
        got = memo.memoised("uniform lines", (sub, dsub), axis,
                            lambda: computed.append(1) or _uniform_lines_of(sub, dsub, axis))
        return sub, dsub, handed, reduced, other, got

    for axis, (a, b) in ((0, (2, 20)), (1, (5, 17)), (0, (0, 40))):
        computed.clear()
        sub, dsub, handed, reduced, other, got = run(axis, a, b, True)
        want = _uniform_lines_of(np.ascontiguousarray(sub), np.ascontiguousarray(dsub), axis)
        assert handed is not None and other is None and computed == []
        assert got[0].tolist() == want[0].tolist() and got[1].tolist() == want[1].tolist()
        assert not got[0].flags.writeable and not got[1].flags.writeable
        fresh = sub.max(axis=0) if axis == 1 else cv2.reduce(np.ascontiguousarray(sub), 1, cv2.REDUCE_MAX)
        assert reduced.shape == fresh.shape and reduced.tolist() == fresh.tolist()
    # the region never asked: nothing handed down, the piece computes its own
    computed.clear()
    _sub, _dsub, handed, reduced, _other, got = run(0, 2, 20, False)
    assert handed is None and reduced is None and computed == [1]
    # outside a pass: the piece is the plain slice, nothing kept
    sub, dsub = _pass_down(img, dark, 1, 5, 17)
    assert sub.tolist() == img[:, 5:17].tolist() and dsub.tolist() == dark[:, 5:17].tolist()
    assert memo.known("uniform lines", (img, dark), 1) is None


def test_hand_down_keeps_the_first_answer_read_only():
    a = np.zeros((4, 5), np.uint8)

    @memo.one_pass
    def run():
        first = np.arange(3)
        memo.hand_down("t", (a,), 0, first)
        memo.hand_down("t", (a,), 0, np.arange(7))
        got = memo.known("t", (a,), 0)
        assert memo.known("t", (a,), 1) is None and memo.known("t", (a[1:],), 0) is None
        return got

    got = run()
    assert got.tolist() == [0, 1, 2] and not got.flags.writeable
    assert memo._where(a)[0] == a.__array_interface__["data"][0]


def test_frame_sized_keeps_what_the_row_test_kept():
    img = _figures()[0]
    H, W = img.shape[:2]
    _dark, stats = dark_parts(img)
    for lo_w, lo_h in ((24, 24), (0.15 * W, 0.15 * H), (3, 3)):
        old = [tuple(int(v) for v in row) for row in stats[1:]
               if not (row[2] < lo_w or row[3] < lo_h or (row[2] >= W - 2 and row[3] >= H - 2))]
        assert [tuple(int(v) for v in row) for row in _frame_sized(stats, lo_w, lo_h, W, H)] == old
    st = np.array([[0, 0, W, H, 9], [0, 0, W, H, 9], [5, 5, 30, 30, 40], [5, 5, 10, 30, 40], [1, 1, W - 2, H, 8]],
                  np.int32)
    assert _frame_sized(st, 24, 24, W, H).tolist() == [[5, 5, 30, 30, 40]]


def _ruled_print(rule_at: str | None) -> np.ndarray:
    img = np.full((300, 400, 3), 255, np.uint8)
    for k in range(8):                      # a line of small print
        cv2.putText(img, "ab", (10 + 45 * k, 40), cv2.FONT_HERSHEY_SIMPLEX, 0.4, (0, 0, 0), 1)
    if rule_at == "bottom":
        img[52:54, 5:395] = 0               # an axis line under it
    elif rule_at == "top":
        img[22:24, 5:395] = 0
    return img


def test_rule_side_exact_on_print_with_and_without_its_rule():
    piece = Box(0, 20, 400, 36)
    got = []
    for rule_at in ("bottom", "top", None):
        img = _ruled_print(rule_at)
        outside = _rule_side(img, piece)

        @memo.one_figure
        def inside():
            return _rule_side(img, piece)

        got.append((outside, inside()))
    assert got == [(1, 1), (-1, -1), (0, 0)]
    assert _rule_side(_ruled_print("bottom"), Box(0, 0, 400, 300)) == 0   # taller than a header: no look


def test_bracket_side_reads_brackets_not_strokes():
    def glyph(ch: str) -> np.ndarray:
        canvas = np.zeros((60, 40), np.uint8)
        cv2.putText(canvas, ch, (8, 45), cv2.FONT_HERSHEY_SIMPLEX, 1.4, 255, 2)
        ys, xs = np.nonzero(canvas)
        return canvas[ys.min():ys.max() + 1, xs.min():xs.max() + 1] > 0

    assert [_bracket_side(glyph(c)) for c in "()|"] == ["(", ")", None]
