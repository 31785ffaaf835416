"""`lettered_count`: the panels a figure's printed corner letters name, with no caption to say which
letters to look for.

Why: an "A" printed over two photographs, or over a bar chart and its legend, names one panel by the
annotation rule, and the gutters cut it into two or more pieces. `pair` groups such pieces under their
letters when a caption lists them; the count (`count_panels`) has no caption, so it reads the letters
at the pieces' top-left corners itself and takes the run they form from A (A, B, C ..., the order
authors print labels in; a letter or two the corners missed is looked for where the others sit) as
the caption's letters would be taken. The grouping is `pair`'s own (`_rows`: pieces joined along the
cut tree to the lettered piece before them, letters missed looked for inside pieces and in gutters;
then the checks every row set passes: photographs beyond the letters' count, a line of printed labels
taken as a panel). Each letter of the run must name one panel, found once: a letter read twice, or
one of the run found nowhere, groups nothing. A letter past a wider gap (an axis name, a gene's
initial) is no label.

The last labels are the ones a caption would vouch for and the corners cannot: a missed "F" after
A-E would let E take F's plot, and labels printed inside the last piece (a row of four plots with no
gutter, "E" at its corner) would let one letter take them all. So the letters after the run are
looked for first, one by one, as a caption's missing letters are (`_rows`), and the run without them
is taken only where the next is found nowhere. Labels run from the top-left: a letter read on a
piece before A's in reading order is other print.

It sits above `pairing` (it uses its rows) and below `counted`; nothing else imports it."""

from __future__ import annotations

import string

import numpy as np

from .captions import SubCaptions
from .glyphs import _BAR
from .gutters import Box
from .letters import CORNERS
from .pairing import _corner_reads, _extra_photos, _label_row, _once_each, _prose_piece, _rows
from .xycut import layout, reading_order

_MOST_PIECES = 40   # a layout cut into more pieces than this is read no further (a read costs ~20 ms)
_LEAST_RUN = 2      # two letters of the run read at least
_RUN_GAP = 2        # letters missed between two read, at most
_STRAY_H = (0.7, 1.4)   # a letter outside the run this share of the run's label height is printed as a label


def lettered_count(img: np.ndarray, read, split: list[Box]) -> list[Box] | None:
    """The panel boxes the printed corner letters group the gutter pieces into, in reading order, or
    None where the letters do not decide (no A, fewer than two of the run, a letter found twice or
    not at all) or agree with `split` (the gutter split's count: no read can move an answer both give).

    Gate (no read): the gutter split found two panels or more (a single kept whole is never read),
    and the pieces read are at most `_MOST_PIECES`. The pieces are the layout's (the cut tree groups
    them), or the split's where it cut finer (its rows then stand for the tree)."""
    if read is None or len(split) < 2:
        return None
    boxes, tree = layout(img)
    if len(boxes) < len(split):
        # the split cut finer than the layout (insets beside a photograph parted by its later steps):
        # its pieces are grouped, in rows as they read
        boxes, tree = _row_tree(split)
    if len(boxes) > _MOST_PIECES:
        return None
    read = _once_each(read)
    prose = [_prose_piece(img, b) for b in boxes]
    letters, spots = _corner_reads(img, boxes, prose, CORNERS[0], read, max(img.shape[:2]),
                                   list(string.ascii_uppercase))
    letters = _from_a(boxes, letters)
    run = _run_from_a([L for L in letters if L])
    if run is None or len(run) == len(split) or _stray_label(boxes, letters, spots, run):
        return None
    # the letters after the run first, one by one: a label the corners missed (printed in the gutter
    # above its panel, inside the piece of the panel before it) is looked for as a caption's missing
    # letter is; each found, its panel is not taken into the one before it
    pairing = None
    want = list(run)
    while want[-1] < "Z":
        more = _grouped(img, boxes, tree, letters, spots, [*want, chr(ord(want[-1]) + 1)], read)
        if more is None:
            break
        pairing, want = more, [*want, chr(ord(want[-1]) + 1)]
    if pairing is None:
        core = _without_strokes(run, letters)
        for want in dict.fromkeys(tuple(t) for t in (run, core) if len(t) >= _LEAST_RUN):
            pairing = _grouped(img, boxes, tree, letters, spots, list(want), read)
            if pairing is not None:
                break
    if pairing is None or len(pairing) == len(split):
        return None
    return reading_order(pairing)


def _grouped(img: np.ndarray, boxes: list[Box], tree, letters: list, spots: list, want: list[str], read) -> list[Box] | None:
    """The panel boxes `pair`'s rows give for the letters `want` (each found once), or None."""
    letters = [L if L in want or L == _BAR else None for L in letters]
    subs = SubCaptions(lead="", letters=want)
    pairing = _rows(img, subs, list(boxes), tree, letters, [list(s) for s in spots], CORNERS[0], read)
    if not pairing.panels or len(pairing.panels) != len(want):
        return None
    if _extra_photos(img, boxes, pairing, subs) or _label_row(img, boxes, pairing):
        return None
    return [b for _, b, _ in pairing.panels]


def _run_from_a(read: list[str]) -> list[str] | None:
    """The letters from A to the last one read in a run from A, a gap of at most `_RUN_GAP` letters
    allowed between two read (a label the corner reads missed: it is looked for where the others sit,
    as for a caption's letter); None when A is not read or fewer than `_LEAST_RUN` letters of the run
    were. A letter read past a wider gap is some other print (an axis name, a unit)."""
    if "A" not in read:
        return None
    end = ord("A")
    bar = {ord("I")} if _BAR in read else set()   # a lone stroke may be I (`_rows` tells where)
    for c in sorted({ord(L) for L in read if len(L) == 1 and L.isupper()} | bar):
        if c > end + _RUN_GAP + 1:
            break
        end = max(end, c)
    run = [chr(c) for c in range(ord("A"), end + 1)]
    return run if sum(L in read for L in run) >= _LEAST_RUN else None


def _row_tree(boxes: list[Box]) -> tuple[list[Box], list]:
    """The boxes in reading order and a cut tree over them: one node a row (`reading_order`'s rows),
    its pieces left to right; a row of one piece is that piece."""
    ordered = reading_order(boxes)
    rows: list[list[int]] = []
    for i, b in enumerate(ordered):
        row = [ordered[j] for j in rows[-1]] if rows else []
        if row and b.x > row[-1].x and min(max(r.y + r.h for r in row), b.y + b.h) - max(min(r.y for r in row), b.y) \
                >= 0.5 * min(b.h, min(r.h for r in row)):
            rows[-1].append(i)
        else:
            rows.append([i])
    return ordered, [r[0] if len(r) == 1 else r for r in rows]


def _stray_label(boxes: list[Box], letters: list, spots: list, run: list[str]) -> bool:
    """Whether a letter outside the run is printed as the run's labels are: the same height (within
    `_STRAY_H`) at the same place from its piece's top-left corner (within a label's height of the
    labels' median offset). Panels lettered a), g), b), y) (a plotting library's own example) are
    four panels: the run A, B names two of them, and grouping under it would join the others to
    those. A data point's "O" or a word's capital inside a plot sits elsewhere, or is another size."""
    at = [(sp[0], b) for b, L, sp in zip(boxes, letters, spots) if L in run and sp]
    if not at:
        return False
    h = float(np.median([s[3] for s, _ in at]))
    dx = float(np.median([s[0] - b.x for s, b in at]))
    dy = float(np.median([s[1] - b.y for s, b in at]))
    for b, L, sp in zip(boxes, letters, spots):
        if L and L != _BAR and L not in run and sp:
            x, y, _, lh = sp[0]
            if _STRAY_H[0] * h <= lh <= _STRAY_H[1] * h and abs(x - b.x - dx) <= h and abs(y - b.y - dy) <= h:
                return True
    return False


def _from_a(boxes: list[Box], letters: list) -> list:
    """The letters with those read on pieces before A's in reading order dropped: labels run from the
    top-left, so a letter printed before A is other print (a cell line's initial, an axis name)."""
    if "A" not in letters:
        return letters
    rank = {b: k for k, b in enumerate(reading_order(boxes))}
    first = min(rank[b] for b, L in zip(boxes, letters) if L == "A")
    return [L if rank[b] >= first else None for b, L in zip(boxes, letters)]


def _without_strokes(run: list[str], letters: list) -> list[str]:
    """The run without the letters at its end that only a lone stroke (I or l) stands for."""
    out = list(run)
    while out and out[-1] not in letters and out[-1] in "IL":
        out.pop()
    return out
