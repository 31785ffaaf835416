"""An arrow between photographs is no panel: it joins the nearer of the two pieces it links.

`charts._linked` makes one scheme of two line drawings and the arrow between them; photographs are
never joined that way (a sequence of micrographs with arrows between them is one panel each). The
arrow then stays a piece of its own and counts as a panel, which it is not: it is printed in the
gutter between two panels, and goes with the one it lies nearer (where the figure's cut between them
falls, in the middle of the widest empty band). Its own module because `_linked` joins schemes, and
this joins an arrow to one panel only."""

from __future__ import annotations

import numpy as np

from .gutters import Box, _union, channel_min
from .charts import _LINK_THIN, _LINK_THIN_SPAN, _link_between, _link_line, _link_spans
from .xycut import _photo_piece, _piece_between

_SMALL = 0.5    # an arrow's piece is at most this share of the smaller piece it links (area)


def _gap(c: Box, a: Box, axis: int) -> int:
    """The empty band between c and a along `axis` (a before or after c)."""
    if axis == 1:
        return max(a.x - (c.x + c.w), c.x - (a.x + a.w))
    return max(a.y - (c.y + c.h), c.y - (a.y + a.h))


def join_arrows(img: np.ndarray, out: list[Box]) -> list[Box]:
    """`out` with each arrow piece lying between two pieces (`charts._link_between`, a thin line
    along the link, `charts._link_line`), at least one of them a photograph (`xycut._photo_piece`),
    joined to the nearer one. Pieces of line drawings are left to `_linked`."""
    if len(out) < 3:
        return out
    out = list(out)
    changed = True
    while changed and len(out) >= 3:
        changed = False
        limit = _SMALL * sorted(b.w * b.h for b in out)[-2]   # an arrow is smaller than both pieces it links
        for c in out:
            if c.w * c.h > limit:
                continue
            part = img[c.y:c.y + c.h, c.x:c.x + c.w]
            ink = (channel_min(part[:, :, :3]) if part.ndim == 3 else part) < 200   # the arrow's piece only
            own = Box(0, 0, c.w, c.h)
            for axis in (1, 0):
                if not _link_line(ink, own, axis):
                    continue
                thin = _LINK_THIN_SPAN if _link_spans(ink, own, axis) else _LINK_THIN
                pairs = [(a, b) for a in out for b in out if len({a, b, c}) == 3
                         and _link_between(c, a, b, axis, thin) and not _piece_between(c, a, b, out, axis)
                         and c.w * c.h <= _SMALL * min(a.w * a.h, b.w * b.h)]
                if len(pairs) != 1:
                    continue
                a, b = pairs[0]
                if not (_photo_piece(img, a) or _photo_piece(img, b)):
                    continue
                home = a if _gap(c, a, axis) <= _gap(c, b, axis) else b
                out = [_union(home, c)] + [x for x in out if x is not home and x is not c]
                changed = True
                break
            if changed:
                break
    return out
