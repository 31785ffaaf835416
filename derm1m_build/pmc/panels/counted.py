"""`count_panels`: the panel boxes of a figure where a reader is at hand: the gutter split
(`split_panels`), or the panels the figure's own printed sub-caption lines name when they name every
panel and the gutters count otherwise.

Its own module because it reads letters (`letters.printed_label_panels`, OCR) and `split_panels` must
stay OCR-free (it is the fast path every harvested figure takes); it sits above `pairing` in the
import order (its corner-letter grouping, `corner_count`, uses `pair`'s rows), and nothing imports it
but the package."""

from __future__ import annotations

import numpy as np

from .gutters import Box
from .xycut import reading_order
from .split import split_panels
from .letters import printed_label_panels
from .corner_count import lettered_count


def count_panels(img: np.ndarray, expect: int | None = None, read=None) -> list[Box]:
    """Panel boxes in reading order: `split_panels(img, expect)`, unless `read` (an RGB array ->
    (text, score), `derm1m_build.ocr.read_line`) is given and the figure prints a sub-caption line
    under or over each panel ("(a) Single effect" under a LaTeX subfigure) whose letters run A, B,
    C... with no gap (`printed_label_panels`), naming two panels or more, and the gutter split gives
    another count: then the cells those lines cut are the panels.

    Why the printed lines win there: a line "(b) ..." names one panel and no more, so a run of them
    read in order is the author's own count. The gutters miss it both ways on such figures: a
    diagram of three trees over one "(a)" line is cut into three by the paper between the trees,
    and a "(b)" line set closer to the panel under it than to its own is cut into the wrong piece,
    merging two panels. Where the gutters give the same count the gutter boxes stand (no output
    moves where both agree). Without `read` nothing is read and the answer is `split_panels`'.

    Where no such lines name the panels, the letters printed at the pieces' top-left corners group
    them (`corner_count.lettered_count`, only where the gutter split found two panels or more): an
    "A" over two photographs is one panel by the annotation rule, as `pair` groups it under a
    caption's letters."""
    boxes = split_panels(img, expect)
    if read is None:
        return boxes
    named = printed_label_panels(img, read)
    if named is None or len(named) < 2 or len(named) == len(boxes):
        return lettered_count(img, read, boxes) or boxes
    return reading_order([b for _, b in named])
