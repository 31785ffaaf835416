"""Pieces parted by a band of the picture's own ground: one picture, never two panels.

Its own module because it is one step of `split_panels` with one job (see `join_ground`): it reads
the band between two pieces, which no other step asks about once the XY-cut has taken it for a gutter.

What makes one image one image: one continuous ground under all of it. Panels are set apart by a
gutter the author laid down: paper, or a flat rule of one colour, so at least one line across the
gutter is one flat tone. The XY-cut takes any line within its tolerance of one colour for a gutter,
and two grounds pass that test without being one:
- a slide scan's glass: a faint tint a few levels under the paper (channel minimum 243-254), grained,
  round every tissue spot of a tissue microarray and in the band between rows of spots; the figure's
  own paper round the slide is one exact value. A band of bare glass is the same slide, not a gutter.
- a fluorescence or dark-field micrograph's field: camera noise under the XY-cut's black threshold,
  running to the figure's edges. A stretch of empty field is the same picture, not a gutter.
- a photograph cut at an object's edge (a laptop's lid meeting its keyboard): the XY-cut's photo-edge
  cut follows a line across which most pixels change, but the table the object stands on runs on
  across both ends of that line with its grain unbroken. Two photographs meeting differ along the
  whole of their seam, ends included.
In the first two the band has no flat line: every line across it carries the grain. A gutter is
flat: the paper is one exact value on the figure's edges and on the gutter's middle lines (a JPEG's
ringing stays within a block or two of the panels' edges, so a band `_BAND_MIN` across has clean
lines), and a black rule between two dark micrographs is flat, and parts them. So the light case
asks the figure's edges to be one exact paper value and every line of the band to carry the tint,
and the dark case asks the figure's edges to be dark and every line of the band dim and grained."""

from __future__ import annotations

import numpy as np

from .gutters import Box, _union, channel_max, channel_min

_BAND_MIN = 24      # a band this many pixels across at least (a thin one may be all JPEG ringing, a rule, or a
                    # tinted panel's last rows over the gutter)
_FACING = 0.5       # two pieces face each other over this share of the narrower one's side at least
_PAPER_MIN = 245    # the light case: the figure's paper this light (channel minimum) ...
_PAPER_EXACT = 0.99  # ... its four edge lines this share exactly one value (not a scanned page's grain)
_TINT_LO = 12       # a glass pixel: 1 to this many levels under the paper (channel minimum) ...
_TINT_SHARE = 0.2   # ... on this share of every line of the band at least ...
_INK = 0.05         # ... and ink (darker than the tint) on at most this share of any line ...
_THROUGH = 0.95     # ... and the glass runs through the band from piece to piece: lines across the band off
_THROUGH_RUN = 8    # paper on this share of their pixels, side by side this many at least
_DARK = 60          # the dark case: a field pixel's brightest channel at most this (the XY-cut's black) ...
_DARK_SHARE = 0.95  # ... on this share of every line of the band, and of the figure's four edge lines ...
_GRAIN_STEP = 4     # ... and grained: neighbouring pixels along a line differing by this much (any channel;
                    # a JPEG's noise on black is 1-3 levels) ...
_GRAIN = 0.02       # ... on this share of every line's pairs at least (a flat rule has none; a field's
                    # grain may come in blotches of a few pixels, so a line's pairs change seldom) ...
_GRAIN_MEAN = 0.05  # ... and on this share of the band's pairs
_SEAM_GAP = 0       # pieces abutting meet at a seam (a photo-edge cut; a rule between them leaves a gap) ...
_SEAM_OVER = 1      # ... (or, for the backdrop test, overlapping by this many pixels: the cut's line scaled back
                    # to the figure falls in both)
_SEAM_SHARE = 0.9   # ... along this share of each one's side ...
_SEAM_END = 0.15    # ... where the outermost stretches this share of the seam at each end ...
_SEAM_BREAK = 1.6   # ... change across it under this many times the change between lines 3-10 either side ...
_SEAM_GRAIN = 4.0   # ... which is this much at least (a grained ground: wood, cloth; not flat paper or black)
_BACKDROP_END = 0.04   # or a flat backdrop runs across one end of the seam, over this share of it (16 lines at least) ...
_BACKDROP_SIDE = 6     # ... the lines this many either side of the seam ...
_BACKDROP_FLAT = 2     # ... one tone there (every pixel within this of it, every channel) ...
_BACKDROP_TONE = (60, 230)  # ... a middle tone (its brightest channel in this range: no black field, no paper)


def _edges(img: np.ndarray) -> np.ndarray:
    """The pixels of the figure's four edge lines, one after another (n, 3): only they are read."""
    return np.concatenate([img[0], img[-1], img[:, 0], img[:, -1]])


def _paper(img: np.ndarray) -> int | None:
    """The figure's paper value (channel minimum) when its four edge lines are that one exact light
    value on `_PAPER_EXACT` of their pixels, else None."""
    edges = channel_min(_edges(img))
    v = int(np.bincount(edges, minlength=256).argmax())
    if v < _PAPER_MIN or float((edges == v).mean()) < _PAPER_EXACT:
        return None
    return v


def _glass(band: np.ndarray, paper: int) -> bool:
    """Every line of the band (rows of `band`, channel minimum) carries the faint tint on
    `_TINT_SHARE` of its pixels and ink on at most `_INK`, and the tint runs through the band from
    one piece to the other: `_THROUGH_RUN` neighbouring columns off paper on `_THROUGH` of their
    pixels (a tinted panel whose shading stops short of the gutter's far side does not)."""
    low = channel_min(band).astype(np.int16)
    tint = ((low < paper) & (low >= paper - _TINT_LO)).mean(axis=1)
    ink = (low < paper - _TINT_LO).mean(axis=1)
    if tint.min() < _TINT_SHARE or ink.max() > _INK:
        return False
    through = np.concatenate([[0], ((low < paper).mean(axis=0) >= _THROUGH).astype(np.int8), [0]])
    edges = np.flatnonzero(np.diff(through))
    return bool(len(edges) and (edges[1::2] - edges[::2]).max() >= _THROUGH_RUN)


def _dim(high: np.ndarray) -> bool:
    """`_DARK_SHARE` of the pixels (brightest channel, `high`) at most `_DARK`, on every row."""
    return float((high <= _DARK).mean(axis=-1).min()) >= _DARK_SHARE


def _field(band: np.ndarray) -> bool:
    """Every line of the band (rows of `band`) is dim (`_dim`) and grained: `_GRAIN` of its
    neighbouring pixel pairs differ by `_GRAIN_STEP` at least (a flat rule has none), `_GRAIN_MEAN`
    over the band."""
    if band.shape[1] < 2 or not _dim(channel_max(band)):
        return False
    step = channel_max(np.abs(band[:, 1:].astype(np.int16) - band[:, :-1]))
    grain = (step >= _GRAIN_STEP).mean(axis=1)
    return float(grain.min()) >= _GRAIN and float(grain.mean()) >= _GRAIN_MEAN


def _dark_figure(img: np.ndarray) -> bool:
    """The figure's four edge lines are dim (`_dim`): a dark field running to every edge."""
    return _dim(channel_max(_edges(img))[None])


def _pairs(out: list[Box]):
    """(i, j, a, b, x0, x1, y0, y1) for each ordered two pieces: the stretch their boxes share
    across (x0..x1) and down (y0..y1), empty when they do not overlap that way."""
    for i, a in enumerate(out):
        for j, b in enumerate(out):
            if i != j:
                yield (i, j, a, b, max(a.x, b.x), min(a.x + a.w, b.x + b.w),
                       max(a.y, b.y), min(a.y + a.h, b.y + b.h))


def _bands(out: list[Box]):
    """(i, j, y0, y1, x0, x1, across_rows) for each two pieces facing each other over a band at
    least `_BAND_MIN` across (piece j under or right of piece i); `across_rows` is True for a band
    between a piece and the one under it (its lines are rows)."""
    for i, j, a, b, x0, x1, y0, y1 in _pairs(out):
        if x1 - x0 >= _FACING * min(a.w, b.w) and b.y - (a.y + a.h) >= _BAND_MIN:
            yield i, j, a.y + a.h, b.y, x0, x1, True
        elif y1 - y0 >= _FACING * min(a.h, b.h) and b.x - (a.x + a.w) >= _BAND_MIN:
            yield i, j, y0, y1, a.x + a.w, b.x, False


def _seams(out: list[Box]):
    """(i, j, k, x0, x1, across_rows, exact) for each two pieces meeting at a seam (`_SEAM_GAP`, or
    overlapping by `_SEAM_OVER`: `exact` False) along `_SEAM_SHARE` of each one's side: k the seam's
    first line of the second piece, x0..x1 its stretch along the line."""
    for i, j, a, b, x0, x1, y0, y1 in _pairs(out):
        if -_SEAM_OVER <= b.y - (a.y + a.h) <= _SEAM_GAP and x1 - x0 >= _SEAM_SHARE * max(a.w, b.w):
            yield i, j, b.y, x0, x1, True, b.y >= a.y + a.h
        elif -_SEAM_OVER <= b.x - (a.x + a.w) <= _SEAM_GAP and y1 - y0 >= _SEAM_SHARE * max(a.h, b.h):
            yield i, j, b.x, y0, y1, False, b.x >= a.x + a.w


def _ground_across(img: np.ndarray, k: int, lo: int, hi: int) -> bool:
    """Whether the grained ground runs on across the seam before row k at both ends of its stretch
    lo..hi: in the outermost `_SEAM_END` at each end, the change between neighbouring rows across it
    (k - 2 to k + 1: a hairline rule would show as a jump) is under `_SEAM_BREAK` times the mean
    change between the rows 3-10 either side, and that is `_SEAM_GRAIN` at least."""
    a, b = k - 12, k + 12
    if a < 0 or b > img.shape[0] or hi - lo < 20:
        return False
    band = img[a:b, lo:hi, :3]
    d = channel_max(np.abs(band[1:].astype(np.int16) - band[:-1]))   # row r against row r + 1
    i = k - a - 1   # the pair (k - 1, k): across the seam
    end = max(4, int(_SEAM_END * (hi - lo)))
    for part in (d[:, :end], d[:, -end:]):
        s = part.mean(axis=1)
        around = float(np.concatenate([s[i - 10:i - 2], s[i + 3:i + 11]]).mean())
        if around < _SEAM_GRAIN or float(s[i - 1:i + 2].max()) >= _SEAM_BREAK * around:
            return False
    return True


def _backdrop_across(img: np.ndarray, k: int, lo: int, hi: int) -> bool:
    """Whether one flat backdrop runs on across the seam before row k at one end of its stretch
    lo..hi: the outermost `_BACKDROP_END` of the stretch, `_BACKDROP_SIDE` rows either side of the
    seam, is one middle tone (`_BACKDROP_FLAT`, `_BACKDROP_TONE`)."""
    a, b = k - _BACKDROP_SIDE, k + _BACKDROP_SIDE
    end = max(16, int(_BACKDROP_END * (hi - lo)))
    if a < 0 or b > img.shape[0] or hi - lo < 2 * end:
        return False
    for part in (img[a:b, lo:lo + end, :3], img[a:b, hi - end:hi, :3]):
        tone = part[0, 0].astype(np.int16)
        if _BACKDROP_TONE[0] <= int(tone.max()) <= _BACKDROP_TONE[1] and \
                int(np.abs(part.astype(np.int16) - tone).max()) <= _BACKDROP_FLAT:
            return True
    return False


def _clear(out: list[Box], i: int, j: int, y0: int, y1: int, x0: int, x1: int) -> bool:
    """No piece but i and j enters the band y0..y1, x0..x1 (else it is no band between those two)."""
    return not any(k not in (i, j) and c.x < x1 and x0 < c.x + c.w and c.y < y1 and y0 < c.y + c.h
                   for k, c in enumerate(out))


def join_ground(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` with the pieces that face each other across a band of one ground (a slide's glass on
    exact paper, `_glass`; a micrograph's dark grained field, `_field`) or meet at a seam the ground
    runs on across at both ends (`_ground_across`) joined, each group into its union box. Gated:
    two pieces at least, a colour figure, a band `_BAND_MIN` across (the light case only on a figure
    whose edges are exact paper, the dark case only on one whose edges are dark), or pieces meeting
    along most of a side."""
    if len(out) < 2 or img.ndim != 3:
        return out
    paper, dark = None, None
    parent = list(range(len(out)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    joined = False
    for i, j, y0, y1, x0, x1, rows in _bands(out):
        if find(i) == find(j) or not _clear(out, i, j, y0, y1, x0, x1):
            continue
        band = img[y0:y1, x0:x1, :3]
        if not rows:
            band = band.transpose(1, 0, 2)
        band = np.ascontiguousarray(band)
        if dark is None:
            dark = _dark_figure(img[:, :, :3])
        if dark and _field(band):
            ground = True
        else:
            if paper is None:
                paper = _paper(img[:, :, :3]) or -1
            ground = paper > 0 and _glass(band, paper)
        if ground:
            parent[find(j)] = find(i)
            joined = True
    for i, j, k, lo, hi, rows, exact in _seams(out):
        seen = img if rows else img.transpose(1, 0, 2)
        # the grain test reads the line pair at the seam, which an overlap leaves unknown by a line
        if find(i) != find(j) and (exact and _ground_across(seen, k, lo, hi) or _backdrop_across(seen, k, lo, hi)):
            parent[find(j)] = find(i)
            joined = True
    if not joined:
        return out
    groups: dict[int, Box] = {}
    for k, b in enumerate(out):
        r = find(k)
        groups[r] = _union(groups[r], b) if r in groups else b
    return list(groups.values())
