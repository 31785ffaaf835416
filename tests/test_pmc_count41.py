"""Round 41, counts: a block diagram's tinted labels are no lattice strips.

A lattice display (ggplot facets) lays its facets on a grid: facets side by side start at one height,
their strip titles on one line. Two stacks of layers drawn side by side, each layer a tinted labelled
bar ("Add & Norm") over a block, one stack offset from the other (an encoder beside a decoder), passed
every other strip test and the diagram was cut into its layers; it is one panel.

Every figure here is drawn here (OpenCV): the diagram, and a lattice of facets as the control."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from derm1m_build.pmc.panels import split_panels
from derm1m_build.pmc.panels.charts import _facets, _rows_line_up
from derm1m_build.pmc.panels.gutters import Box

FONT = cv2.FONT_HERSHEY_SIMPLEX


def _layer(img: np.ndarray, x: int, y: int, w: int, label: str, block: tuple[int, int, int]) -> int:
    """A layer of a block diagram: a pale yellow labelled bar (black outline) over a tinted block
    (black outline), an arrow up from the block into the bar; returns the layer's bottom."""
    cv2.rectangle(img, (x, y), (x + w, y + 18), (200, 245, 250), -1)
    cv2.rectangle(img, (x, y), (x + w, y + 18), (0, 0, 0), 1)
    cv2.putText(img, label, (x + 14, y + 13), FONT, 0.4, (0, 0, 0), 1)
    cv2.rectangle(img, (x, y + 30), (x + w, y + 80), block, -1)
    cv2.rectangle(img, (x, y + 30), (x + w, y + 80), (0, 0, 0), 1)
    cv2.putText(img, "Attention", (x + 14, y + 60), FONT, 0.45, (0, 0, 0), 1)
    cv2.arrowedLine(img, (x + w // 2, y + 30), (x + w // 2, y + 19), (0, 0, 0), 1, tipLength=0.4)
    return y + 80


def block_diagram(offset: int = 18, W: int = 460, H: int = 620) -> np.ndarray:
    """Two stacks of layers side by side, the right one `offset` pixels higher, each stack in a pale
    grey frame, arrows between layers, from the inputs under them and from the left stack's output
    across to the right stack, words beside."""
    img = np.full((H, W, 3), 255, np.uint8)
    for x, top, n in ((90, 230 + offset, 2), (250, 150, 3)):
        cv2.rectangle(img, (x - 16, top - 14), (x + 116, top - 14 + n * 104 + 8), (243, 243, 243), -1)
        cv2.rectangle(img, (x - 16, top - 14), (x + 116, top - 14 + n * 104 + 8), (0, 0, 0), 1)
        y = top
        for k in range(n):
            bottom = _layer(img, x, y, 100, "Add & Norm", (250, 230, 200) if k % 2 else (220, 230, 250))
            if k + 1 < n:
                cv2.arrowedLine(img, (x + 50, bottom + 24), (x + 50, bottom), (0, 0, 0), 1, tipLength=0.3)
            y = bottom + 24
        cv2.rectangle(img, (x, top + n * 104 + 40), (x + 100, top + n * 104 + 80), (220, 210, 250), -1)
        cv2.rectangle(img, (x, top + n * 104 + 40), (x + 100, top + n * 104 + 80), (0, 0, 0), 1)
        cv2.putText(img, "Embedding", (x + 8, top + n * 104 + 66), FONT, 0.42, (0, 0, 0), 1)
        cv2.arrowedLine(img, (x + 50, top + n * 104 + 40), (x + 50, top - 14 + n * 104 + 8), (0, 0, 0), 1, tipLength=0.2)
    # the left stack's output runs across to the right stack's second layer (no gutter between them)
    enc_top = 230 + offset - 14
    cv2.line(img, (140, enc_top), (140, enc_top - 20), (0, 0, 0), 1)
    cv2.line(img, (140, enc_top - 20), (225, enc_top - 20), (0, 0, 0), 1)
    cv2.line(img, (225, enc_top - 20), (225, 300), (0, 0, 0), 1)
    cv2.arrowedLine(img, (225, 300), (250, 300), (0, 0, 0), 1, tipLength=0.3)
    cv2.putText(img, "Nx", (20, 360), FONT, 0.5, (0, 0, 0), 1)
    cv2.putText(img, "Nx", (400, 300), FONT, 0.5, (0, 0, 0), 1)
    cv2.putText(img, "Output", (270, 40), FONT, 0.5, (0, 0, 0), 1)
    cv2.arrowedLine(img, (300, 136), (300, 50), (0, 0, 0), 1, tipLength=0.1)
    return img


def lattice(W: int = 600, H: int = 500, seed: int = 0) -> np.ndarray:
    """A 2 x 2 lattice display: grey strip titles over pale grey grounds of dots, facets touching."""
    rng = np.random.default_rng(seed)
    img = np.full((H, W, 3), 255, np.uint8)
    fw, fh = (W - 40) // 2, (H - 40) // 2
    for r in range(2):
        for c in range(2):
            x0, y0 = 30 + c * fw, 10 + r * fh
            cv2.rectangle(img, (x0, y0), (x0 + fw - 2, y0 + 18), (217, 217, 217), -1)
            cv2.putText(img, f"group {'ABCD'[r * 2 + c]}", (x0 + fw // 2 - 30, y0 + 13), FONT, 0.4, (26, 26, 26), 1)
            cv2.rectangle(img, (x0, y0 + 19), (x0 + fw - 2, y0 + fh - 2), (235, 235, 235), -1)
            for _ in range(40):
                px, py = int(rng.integers(x0 + 8, x0 + fw - 10)), int(rng.integers(y0 + 26, y0 + fh - 10))
                cv2.circle(img, (px, py), 2, (40, 40, 40), -1)
    return img


@pytest.mark.parametrize("offset", [18, 30, 60])
def test_block_diagram_with_offset_stacks_is_one_panel(offset):
    img = block_diagram(offset)
    boxes = split_panels(img)
    assert len(boxes) == 1, [(b.x, b.y, b.w, b.h) for b in boxes]
    ys, xs = np.nonzero(cv2.cvtColor(img, cv2.COLOR_BGR2GRAY) < 200)
    b = boxes[0]
    assert b.x <= xs.min() + 4 and b.y <= ys.min() + 4 and b.x + b.w >= xs.max() - 4 and b.y + b.h >= ys.max() - 4


def test_block_diagram_labels_are_no_facets():
    assert _facets(block_diagram(18)) is None


def test_lattice_facets_still_found():
    f = _facets(lattice())
    assert f is not None and len(f) == 4
    assert len(split_panels(lattice())) == 4


def test_rows_line_up_rule():
    # side by side, tops 3 px apart in a 500-px figure: one row of facets
    assert _rows_line_up([Box(10, 100, 100, 200), Box(120, 103, 100, 200)], 500)
    # side by side, tops 18 px apart: no lattice row
    assert not _rows_line_up([Box(10, 100, 100, 200), Box(120, 118, 100, 200)], 500)
    # one over the other (different rows of one column) and apart in height: no constraint
    assert _rows_line_up([Box(10, 10, 100, 200), Box(10, 230, 100, 200), Box(120, 10, 100, 200)], 500)


def framed_lattice(W: int = 600, H: int = 520, seed: int = 1) -> np.ndarray:
    """A 2 x 2 lattice of framed facets (black frame lines shared where they touch, a peach strip
    title over a ground of coloured cells) with its last slot empty: the top-right facet's left edge
    is followed down the bottom-left facet's right frame line, past the empty slot."""
    rng = np.random.default_rng(seed)
    img = np.full((H, W, 3), 255, np.uint8)
    fw, fh = 260, 240
    for r, c in ((0, 0), (0, 1), (1, 0)):
        x0, y0 = 20 + c * fw, 20 + r * fh
        cv2.rectangle(img, (x0, y0), (x0 + fw, y0 + 26), (185, 218, 255), -1)
        cv2.putText(img, f"00:0{r * 2 + c}", (x0 + fw // 2 - 30, y0 + 19), FONT, 0.6, (0, 0, 0), 1)
        for i in range(8):
            for j in range(8):
                col = tuple(int(v) for v in rng.integers(40, 255, 3))
                cv2.rectangle(img, (x0 + 1 + j * 32, y0 + 27 + i * 26), (x0 + 1 + (j + 1) * 32, y0 + 27 + (i + 1) * 26), col, -1)
        cv2.rectangle(img, (x0, y0), (x0 + fw, y0 + fh), (0, 0, 0), 1)
        cv2.line(img, (x0, y0 + 26), (x0 + fw, y0 + 26), (0, 0, 0), 1)
    return img


def test_lattice_with_an_empty_slot_keeps_its_facets():
    img = framed_lattice()
    f = _facets(img)
    assert f is not None and len(f) == 3, f
    # the top-right facet runs long (followed past the empty slot) and is not compared with the
    # bottom-left one beside it
    tall = max(f, key=lambda b: b.h)
    assert tall.x > 200 and tall.h > 400
