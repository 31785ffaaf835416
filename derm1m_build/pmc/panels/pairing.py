"""Pairing: `pair` matches the image's panels and letters with the caption's, and gives one row per panel
only when they agree (`Pairing`, `decisions`); otherwise the figure stays whole with its whole
caption and the reason in `panel_note`. Rows by place, by printed sub-captions, by labels under
panels and by grid labels are here too, as is `figure_panels` (bytes in, rows out).

The top of the package: it imports the caption parsing, the layout and the letter reads, and
nothing imports it back."""

from __future__ import annotations

import re
from dataclasses import dataclass

import cv2
import numpy as np

from .captions import (_ARRANGEMENTS, SubCaptions, _letter_run, split_bare_run, split_caption,
    split_figure_refs, split_letter_subjects, split_panel_refs, split_positions)
from .gutters import _TOL, Box, _edge_cuts, _overlaps, channel_min, crop
from .glyphs import _BAR, _as_label, _glyphs, _sure_label, _tighten
from .xycut import _photo_piece, _text_only, layout, reading_order
from .charts import _LABEL_INK, _bracket_labels
from .split import split_panels
from .letters import (CENTRES, CORNERS, _GRID_PIECE, _glyph_views, _text_labels, corner_letter, label_texts,
    line_heads, printed_label_panels,
    sibling_label, sibling_spot)
from .grouping import (_absorb_at, _clear_line, _group_at, _inside, _join_pieces, _labels_anywhere,
    _labels_inside, _labels_where_expected, _one_by_size_and_place, _one_of_each, _place_groups, _strokes_by_sequence)


# ------------------------------------------------------------------ pairing

@dataclass
class Pairing:
    panels: list[tuple[str, Box, str]]  # (letter, box, sub-caption), reading order
    note: str = ""  # why the figure stayed whole ("" when split into panels)


def pair(img: np.ndarray, caption: str, read=None, detect=None, heads=None) -> tuple[Pairing, SubCaptions]:
    """Rows per panel only when the image's panels and printed letters agree with the caption's
    letters one to one (`_pair`); and, whichever way the rows were made, none when they leave
    photographs beyond the caption's count unaccounted for (`_extra_photos`) by the printed letters
    (`_letters_account`)."""
    pairing, subs = _pair(img, caption, read, detect, heads)
    if pairing.panels:
        pieces = layout(img)[0]
        if heads is None and read is None:
            from derm1m_build import ocr
            heads = line_heads if ocr.available() else None
            read = ocr.read_line if ocr.available() else None
        extra = _extra_photos(img, pieces, pairing, subs)
        if extra:
            # (every piece a photograph) a panel of several photographs, when its printed letters say so
            regrouped = _letters_account(img, pieces, pairing, subs, read)
            if regrouped is not None:
                pairing, extra = regrouped, ""
        if not extra:
            extra = _unnamed_label(img, pieces, pairing, subs, heads)
        if not extra:
            extra = _label_row(img, pieces, pairing)
        if extra:
            pairing = Pairing([], note=extra)
    return pairing, subs


_JOINED_PIECE = 0.25  # a piece joined into a row's crop is read for a label when at least this share of the
# area of the largest piece there (a legend or a colour bar is smaller; a panel the caption does not name is not)
_UNNAMED_SCORE = 0.4  # a read this sure vetoes rows (a lone glyph reads at 0.45-0.7; a wrong veto costs a split,
# a missed one a wrong crop)
_HEAD_MARK = re.compile(r"\s*[(\[|]{0,2}\s*([A-Za-z])\s*[)\].:]?(?:\s|$)")  # "(c)", "c", "C.", "D  Follow-up"


def _run_extra(want: list[str]) -> set[str]:
    """The letters a panel the caption does not name may carry: those its run leaves out before its
    last letter and the one after it (I and L aside: a stroke is an axis as often as a label)."""
    top = min(ord(max(want)) + 1, ord("Z"))
    return {chr(c) for c in range(ord("A"), top + 1)} - set(want) - {"I", "L"}


def _unnamed_label(img: np.ndarray, pieces: list[Box], pairing: Pairing, subs: SubCaptions, heads) -> str:
    """The reason to keep a paired figure whole when a row's crop prints a panel label the caption does
    not name, or "".

    The last check on every way `pair` makes rows, after `_extra_photos` (which sees photographs only):
    a row whose crop joins two or more pieces of the gutter split of comparable size (each at least
    `_JOINED_PIECE` of the largest's area) may hold a panel the caption leaves out ("(A) ... (B) ... (C)
    ..." over panels labelled A-D, the chart D joined to C as a legend would be). Every text the
    detector finds in those crops (`heads(rgb, regions, short=True)`: label-shaped texts read whole,
    longer lines by their head) that is or opens with a single letter the caption's run leaves out or
    the one after it (`_run_extra`: "(d)", "D", "D  Follow-up") vetoes the rows: a wrong crop under a
    caption is worse than no split. Costs one detection pass (kept for the figure) only on figures
    with such a row; none without the OCR extra (`heads` None)."""
    if heads is None or not pairing.panels or len(pieces) <= len(pairing.panels) \
            or len(pieces) > 6 * len(pairing.panels) + 4:
        return ""
    want = [L for L, _, _ in pairing.panels]
    if not all(len(L) == 1 and L.isalpha() for L in want):
        return ""
    extra = _run_extra(want)
    regions = []
    for _, b, _ in pairing.panels:
        inside = [p for p in pieces
                  if max(0, min(p.x + p.w, b.x + b.w) - max(p.x, b.x))
                  * max(0, min(p.y + p.h, b.y + b.h) - max(p.y, b.y)) >= 0.8 * p.w * p.h]
        if len(inside) < 2:
            continue
        big = max(p.w * p.h for p in inside)
        if sum(p.w * p.h >= _JOINED_PIECE * big for p in inside) >= 2:
            regions.append((b.x, b.y, b.x + b.w, b.y + b.h))
    if not extra or not regions:
        return ""
    for t in heads(np.ascontiguousarray(img[:, :, 2::-1]), regions, short=True):
        m = _HEAD_MARK.match(t.text)
        if m is not None and m.group(1).upper() in extra and t.score >= _UNNAMED_SCORE:
            return (f"uncaptioned_panel: a row's crop prints {m.group(1).upper()} ({t.text!r}), caption names"
                    f" {','.join(sorted(want))}")
    return ""


def _pair(img: np.ndarray, caption: str, read=None, detect=None, heads=None) -> tuple[Pairing, SubCaptions]:
    """Rows per panel only when the image's panels and printed letters agree with the caption's
    letters one to one; otherwise no rows, with the reason in `note`.

    `read` reads one short line (`ocr.read_line`); `detect` finds and reads the figure's short texts
    (`label_texts`: the text detector, 1-3 CPU-seconds a figure), used only when every other way has
    failed (`_grid_rows`); `heads` reads the openings of the lines of text in given regions
    (`line_heads`: the same detection pass), for labels that open a line inside their plot
    (`_inline_label_rows`, tried last). All default to the OCR extra when `read` is not given; a caller
    passing its own `read` passes `detect` and `heads` too, or those splits are not tried."""
    subs = split_caption(caption)
    if len(subs.letters) < 2:
        # (one marker-shaped letter names no layout: "Left: ... a. Right: ..." is named by place)
        places = split_positions(caption)
        if places is not None:
            return _position_rows(img, places), places
        if not subs.letters:
            subs = split_bare_run(caption)  # only letters the image prints too make rows
        if not subs.letters:
            subs = split_figure_refs(caption)  # the same
        if not subs.letters:
            subs = split_panel_refs(caption)  # "image 'A' below ... image B": the same
        if not subs.letters:
            subs = split_letter_subjects(caption)  # "A, G, and J show ... B, H, and K show": the same
    if len(subs.letters) < 2:
        return Pairing([], note="caption_names_no_panels" if not subs.letters else "caption_names_one_panel"), subs
    boxes, tree = layout(img)
    if read is None:
        from derm1m_build import ocr
        read = ocr.read_line if ocr.available() else None
        detect = label_texts if read is not None and detect is None else detect
        heads = line_heads if read is not None and heads is None else heads
    read = _once_each(read)
    if len(boxes) > 6 * len(subs.letters) + 4:
        # too many pieces to read every corner; the caption-count segmentation costs one read a box
        prior = (_prior_rows(img, subs, boxes, read) or _under_rows(img, subs, read)
                 or _grid_rows(img, subs, read, detect)) if read is not None else None
        if prior is not None:
            return prior, subs
        return Pairing([], note=f"layout_too_fragmented: {len(boxes)} pieces, {len(subs.letters)} sub-captions"), subs
    if read is None:
        return Pairing([], note="no_letter_reader: install the ocr extra to split compound figures"), subs
    side = max(img.shape[:2])
    want = subs.letters
    # one corner for the whole figure (journals put every label in the same place): top-left
    # first; another corner only when it names more of the caption's letters
    letters: list[str | None] = []
    spots: list[list] = []  # where each piece's label was read
    corner_used = None
    top_left = None
    seen: dict = {}  # corner -> (letters, spots), for labels at mixed corners
    prose = [_prose_piece(img, b) for b in boxes]
    # the reads of each corner after the first matter only through the corner they may win, unless the
    # pieces are as many as the caption's letters (then the labels at mixed corners, `_mixed_corner_rows`
    # and `_sibling_rows`, use every corner's reads): a corner that can no longer name more letters stops
    decided = len(boxes) != len(set(want))
    for corner in CORNERS:
        beat = len(set(letters) & set(want)) if decided and corner != CORNERS[0] else None
        found, where = _corner_reads(img, boxes, prose, corner, read, side, want, beat)
        seen[corner] = (found, where)
        if corner == CORNERS[0]:
            top_left = (found, where)
        if len(set(found) & set(want)) > len(set(letters) & set(want)):
            letters, spots, corner_used = found, where, corner
        if set(want) <= set(letters) | ({"I", "L"} if _BAR in letters else set()):
            break
    else:
        # no corner named every letter: labels centred over or under their photos (read for the
        # one-label-a-piece rule, `_mixed_corner_rows`, never for `_rows`' joins and cuts; so only
        # when the gutter split has as many pieces as the caption letters, the one case that rule takes)
        for spot in CENTRES if len(boxes) == len(set(want)) else ():
            where = [[] for _ in boxes]
            found = [None if p else corner_letter(img, b, read, side, want=set(want), corners=(spot,), where=w)
                     for b, w, p in zip(boxes, where, prose)]
            seen[spot] = (found, where)
            if set(want) <= set(found):
                break
    letters = letters or [None] * len(boxes)
    spots = spots or [[] for _ in boxes]
    pairing = _rows(img, subs, boxes, tree, letters, spots, corner_used or CORNERS[0], read)
    # labels at another corner named more letters but not all of them: the top-left ones, with the
    # labels looked for elsewhere (bottom-left corner labels are often those of the panels below,
    # printed in the gutter above them)
    if not pairing.panels and corner_used != CORNERS[0] and top_left is not None \
            and len(set(top_left[0]) & set(want)) >= 2:
        again = _rows(img, subs, boxes, tree, top_left[0], top_left[1], CORNERS[0], read)
        if again.panels:
            pairing = again
    # each panel labelled at a corner of its own (top-left, top-right, bottom-left...): the pieces as
    # they are, when each carries exactly one caption letter over all its corners
    if not pairing.panels and not pairing.note.startswith("uncaptioned_panel") and len(seen) >= len(CORNERS):
        mixed = _mixed_corner_rows(boxes, seen, subs, img)
        if mixed is not None:
            pairing = mixed
    # one or two pieces whose label no look read, every other piece labelled alike: the label looked
    # for where its siblings' labels stand (`_sibling_rows`)
    if not pairing.panels and not pairing.note.startswith("uncaptioned_panel") and corner_used is not None:
        rescued = _sibling_rows(img, subs, boxes, tree, seen, read)
        if rescued is not None:
            pairing = rescued
    # a row of printed labels under or over the panels is no panel: the ways that cut the panels
    # under their labels are asked instead
    if pairing.panels:
        why = _label_row(img, boxes, pairing)
        if why:
            pairing = Pairing([], note=why)
    # a panel the image labels and the caption does not name: the caption's count is not the
    # figure's, and no split with it as the prior can be trusted
    if not pairing.panels and not pairing.note.startswith("uncaptioned_panel"):
        prior = _prior_rows(img, subs, boxes, read)
        if prior is None:
            prior = _under_rows(img, subs, read)
        if prior is None:
            prior = _bracket_rows(img, subs, read)
        if prior is None:
            prior = _subcaption_rows(img, subs, read)
        if prior is None:
            prior = _line_label_rows(img, subs, read)
        if prior is None:
            prior = _printed_rows(img, subs, read)
        if prior is None:
            prior = _grid_rows(img, subs, read, detect)
        if prior is None:
            prior = _inline_label_rows(img, subs, heads)
        if prior is not None and _hidden_panel(img, boxes, prior, subs.letters, corner_used or CORNERS[0], read):
            prior = Pairing([], note="uncaptioned_panel: a piece inside a row's crop prints a letter the caption"
                                     " does not name")
        if prior is not None:
            pairing = prior
    return pairing, subs


def _once_each(read):
    """`read` answering each distinct crop once for the figure: the same pixels read with the same letters
    allowed give the same answer, so a repeat is answered from the first read. The looks at one figure
    meet the same glyph again (a narrow piece's top-left and top-right patches are one patch; a label
    read at its corner is read again by the sibling, region and unnamed-panel checks): about one read in
    twenty on real figures, ~20 ms each. Kept for one figure only (a crop's pixels are its key, so
    figures cannot share answers they would not give). None stays None."""
    if read is None:
        return None
    answers: dict = {}

    def once(rgb, *allowed):
        a = np.asarray(rgb)
        key = (a.shape, a.dtype.str, a.tobytes(), allowed)
        if key not in answers:
            answers[key] = read(rgb, *allowed)
        return answers[key]

    return once


def _corner_reads(img: np.ndarray, boxes: list[Box], prose: list[bool], corner, read, side: int, want: list[str],
                  beat: int | None = None) -> tuple[list[str | None], list[list]]:
    """Each piece's label at one corner (`corner_letter`; None for a piece of running print) and where
    it was read. With `beat` (the caption letters the best corner so far names), the reads stop as soon
    as this corner can no longer name more than that: each piece shows one label at most, so the
    letters read so far plus the pieces left bound what the corner can name, and a corner that names
    no more is never taken (`_pair` takes another corner only when it names more letters). The pieces
    not read then name nothing. Why: OCR is most of a figure's CPU (~20 ms a read), and those reads
    could not change the rows; `_pair` passes `beat` only where no other rule reads that corner (the
    pieces are not as many as the caption's letters, so the mixed-corner and sibling rules, which
    read every corner, cannot apply)."""
    where: list[list] = [[] for _ in boxes]
    found: list[str | None] = [None] * len(boxes)
    wanted = set(want)
    left = sum(not p for p in prose)
    for i, (b, w, p) in enumerate(zip(boxes, where, prose)):
        if p:
            continue
        if beat is not None and len(set(found) & wanted) + left <= beat:
            break
        found[i] = corner_letter(img, b, read, side, want=wanted, corners=(corner,), where=w)
        left -= 1
    return found, where


_PROSE_MARKS = 24  # a piece of print with at least this many marks holds lines of text, not a label: a
# label is one to five marks ("A", "(a)", "(Aii)"), a line of a caption dozens


def _prose_piece(img: np.ndarray, b: Box) -> bool:
    """Whether a piece is lines of running print (a caption or a paragraph printed under a figure, a
    screenshot's page text): nothing but small print (`_text_only`) and at least `_PROSE_MARKS` marks.
    A letter read at its corner is the first glyph of a line ("(b) Ground truth ..." opening a line of
    the printed caption), never a panel's label: taken as one, it names a crop of caption text.
    A label split off on its own ("(a)", a handful of marks) is no prose and is still read."""
    part = img[b.y:b.y + b.h, b.x:b.x + b.w]
    grey = part if part.ndim == 2 else cv2.cvtColor(np.ascontiguousarray(part[:, :, :3]), cv2.COLOR_BGR2GRAY)
    marks = cv2.connectedComponents((grey < 160).view(np.uint8), connectivity=8)[0] - 1
    return marks >= _PROSE_MARKS and _text_only(img, b)


_EXTRA_PHOTO_AREA = 0.5  # a photograph in a row's crop is a panel of its own when at least this share
# of the row's largest photograph's area (a smaller one is an inset: a dermoscopy view, a detail)


_SUB_PART = re.compile(r"\((i{1,3}|iv|vi{0,3}|ix|x|[1-9]|left|right|top|bottom|upper|lower)\)", re.I)
# a part of one panel the caption names in its sub-caption: "(Ai-ii) Clinical image (i) and dermoscopy (ii)"


def _extra_photos(img: np.ndarray, pieces: list[Box], pairing: Pairing, subs: SubCaptions) -> str:
    """The reason to keep a paired figure whole when its rows leave photographs unnamed, or "".

    The last check on every way `pair` makes rows (corner letters and their joins, mixed corners,
    the caption-count, under-label, bracket, sub-caption and label-cut splits): when every piece of
    the gutter split is a photograph, there are more of them than rows, and a row's crop holds two
    or more of them of panel size (each at least half the area of the largest one in it), the
    caption names fewer panels than the image holds ("(a) ... (b) ... The other two images show
    ..."), and the photographs beyond its count are not accounted for (the row's own sub-caption
    names as many parts, "(i)" and "(ii)", "(left)" and "(right)": a panel of sub-photos): a label read on another
    panel, or one missed, could have given a row the wrong ones. A panel of two photographs with one
    label exists, but nothing here tells it from two panels, and a wrong crop under a caption is
    worse than no split. Charts and mixed figures (a piece that is not a photograph: sub-plots,
    legends, the usual reason to join pieces) are untouched; so are insets (smaller photographs), and
    layouts too fragmented for `pair` to read every corner (over 6 pieces a row and 4 more: mosaics of
    tiles, each panel a block of them). `pair` then asks the printed letters (`_letters_account`: a
    panel of several photographs labelled once, "A" over a clinical photograph and its close-up)."""
    if not pairing.panels or len(pieces) <= len(pairing.panels) or len(pieces) > 6 * len(pairing.panels) + 4:
        return ""  # (more than `pair`'s bound for reading every corner: tiles of panels, not panels)
    photos = [p for p in pieces if _photo_piece(img, p)]
    if len(photos) != len(pieces):
        return ""
    for L, b, _ in pairing.panels:
        inside = [p for p in photos
                  if max(0, min(p.x + p.w, b.x + b.w) - max(p.x, b.x))
                  * max(0, min(p.y + p.h, b.y + b.h) - max(p.y, b.y)) >= 0.8 * p.w * p.h]
        if not inside:
            continue
        big = max(p.w * p.h for p in inside)
        many = sum(p.w * p.h >= _EXTRA_PHOTO_AREA * big for p in inside)
        parts = {m.lower() for m in _SUB_PART.findall(subs.texts.get(L, ""))}
        if many >= 2 and len(parts) < many:
            return (f"unlabelled_piece: row {L}'s crop holds {len(inside)} photographs; {len(photos)} photographs"
                    f" and {len(pairing.panels)} caption panels: a photograph beyond the caption's count is a"
                    " panel it does not name")
    return ""


_LABEL_ROW_H = 3.0      # a label row is at most this share (1 / it) of the height of the panels it runs under or over
_LABEL_ROW_GAP = 2.0    # ... and lies within this many of its own heights of them
_LABEL_ROW_MARK = 2.0   # ... its marks (glyphs, brackets) at most this many of its heights wide: print, no rule or plot
_LABEL_ROW_INK = 160    # a pixel darker than this (grey) is ink


def _label_row(img: np.ndarray, pieces: list[Box], pairing: Pairing) -> str:
    """The reason to keep a paired figure whole when a row's crop is a line of printed labels or short
    sub-caption lines ("(a)" and "(b)" centred under two drawings) under or over two or more panels, or "".

    Such a line names the panels it runs under, one label each, and is a panel of none: a row taking it as
    a panel pairs its letter with a line of print and another row's letter with the panels it names (the
    labels' pieces joined under one letter). It is told by its place and its print, with no reader: a
    strip at most a third of the height of each of two or more gutter-split pieces it overlaps
    horizontally, just under or over them, whose every mark is print (at most twice the strip's height
    wide: glyphs and brackets, not an axis, a rule, a colour bar or a drawing). A wide thin panel over
    two others (a genome track, a timeline) draws lines longer than that and is untouched. `_pair` then
    asks the ways that cut the panels under their labels (`_under_rows`, `_bracket_rows` ...); where none
    can, the figure stays whole."""
    if len(pairing.panels) < 2:
        return ""
    for L, b, _ in pairing.panels:
        for below in (True, False):
            near = [p for p in pieces if p != b and p.h >= _LABEL_ROW_H * b.h
                    and min(p.x + p.w, b.x + b.w) > max(p.x, b.x)
                    and 0 <= ((b.y - p.y - p.h) if below else (p.y - b.y - b.h)) <= _LABEL_ROW_GAP * b.h]
            if len(near) >= 2 and _print_only(img, b):
                return (f"label_row: row {L}'s crop is a line of print {'under' if below else 'over'}"
                        f" {len(near)} panels, not a panel")
    return ""


def _print_only(img: np.ndarray, b: Box) -> bool:
    """Whether every mark in the strip `b` is print: some ink, each mark at most `_LABEL_ROW_MARK` of
    the strip's heights wide."""
    part = img[b.y:b.y + b.h, b.x:b.x + b.w]
    grey = part if part.ndim == 2 else cv2.cvtColor(np.ascontiguousarray(part[:, :, :3]), cv2.COLOR_BGR2GRAY)
    n, _, stats, _ = cv2.connectedComponentsWithStats((grey < _LABEL_ROW_INK).view(np.uint8), connectivity=8)
    return n > 1 and int(stats[1:, 2].max()) <= _LABEL_ROW_MARK * b.h


def _letters_account(img: np.ndarray, photos: list[Box], pairing: Pairing, subs: SubCaptions, read) -> Pairing | None:
    """The rows again, each the union of its photographs, when the printed letters account for every
    photograph of a photo-only figure whose rows join several; else None (the caller keeps it whole).

    A row of two or three photographs is then one lettered panel ("A" over a clinical photograph and
    its close-up), not a panel the caption leaves out. Only when all of these hold: the rows' letters
    run from A without a gap; each letter is read at the top-left corner of exactly one photograph
    (its lead) and every other photograph's top-left corner prints no letter at all (read freely too:
    a label the caption does not name, or one the first reads missed, shows there); each other
    photograph shares a row band with some lead (never in a row of photographs no label heads: "(a)
    ... (b) ... The other two images show ...") and falls in exactly one label region
    (`_label_regions`); and the panels so made overlap no other panel's photograph. The photographs are
    grouped here by their labels, whatever the cut tree joined (a lead's photograph stacked under it
    belongs to it, not to the lead right of it). Costs one or two reads per photograph; without a
    reader (no OCR extra) nothing is accounted."""
    if read is None:
        return None
    want = [L for L, _, _ in pairing.panels]
    if sorted(want) != [chr(ord("A") + i) for i in range(len(want))]:
        return None
    side = max(img.shape[:2])
    leads: dict[str, Box] = {}
    others: list[Box] = []
    for p in photos:
        L = corner_letter(img, p, read, side, want=set(want), corners=(CORNERS[0],))
        if L in want:
            if L in leads:
                return None
            leads[L] = p
        elif corner_letter(img, p, read, side, want=None, corners=(CORNERS[0],)) is None:
            others.append(p)
        else:
            return None
    if set(leads) != set(want):
        return None
    index = {k: q for k, q in enumerate(leads.values())}
    names = list(leads)
    groups: dict[str, list[Box]] = {L: [q] for L, q in leads.items()}
    for p in others:
        band = [q for q in leads.values() if min(p.y + p.h, q.y + q.h) - max(p.y, q.y) >= 0.5 * min(p.h, q.h)]
        regions = _label_regions(p, index)
        if not band or len(regions) != 1:
            return None
        groups[names[regions.pop()]].append(p)
    boxes = _group_unions(groups)
    if boxes is None:
        return None
    by_box = {b: L for L, b in boxes.items()}
    return Pairing([(by_box[b], b, subs.full(by_box[b])) for b in reading_order(list(boxes.values()))])


def _group_unions(groups: dict[str, list[Box]]) -> dict[str, Box] | None:
    """Each letter's panel box, the union of its pieces; None when one panel's box would cover a piece
    grouped under another letter (the grouping is then not a partition of the figure into panels)."""
    union = {L: Box(min(p.x for p in g), min(p.y for p in g), max(p.x + p.w for p in g) - min(p.x for p in g),
                    max(p.y + p.h for p in g) - min(p.y for p in g)) for L, g in groups.items()}
    for L, b in union.items():
        if any(_overlaps(b, p) for M, g in groups.items() if M != L for p in g):
            return None
    return union


def _label_regions(p: Box, leads: dict[int, Box]) -> set[int]:
    """The rows (by index) whose label region photograph p falls in: the lead is left of p in its row
    band, or above p in its column band, and the rectangle from the lead to p holds no other row's lead.
    Two of them (a photograph right of D's label and under B's, in a grid of equal cells) is a layout
    only the content tells apart: the caller then keeps the figure whole."""
    out = set()
    for k, q in leads.items():
        row = min(p.y + p.h, q.y + q.h) - max(p.y, q.y) >= 0.5 * min(p.h, q.h) and q.x < p.x
        col = min(p.x + p.w, q.x + q.w) - max(p.x, q.x) >= 0.5 * min(p.w, q.w) and q.y < p.y
        if not (row or col):
            continue
        u = Box(min(p.x, q.x), min(p.y, q.y), max(p.x + p.w, q.x + q.w) - min(p.x, q.x),
                max(p.y + p.h, q.y + q.h) - min(p.y, q.y))
        if not any(j != k and _overlaps(u, o) for j, o in leads.items()):
            out.add(k)
    return out


def _region_groups(img: np.ndarray, boxes: list[Box], letters: list[str | None], want: list[str],
                   read) -> tuple[list[Box], list[str]] | None:
    """Panels made by the printed letters: each the union of the pieces in its label's region, or
    None (the caller keeps the cut tree's grouping).

    A lettered panel of several charts (two plots side by side under "A", two stacked under "B") is
    cut apart by the gutter split, and the cut tree may join a piece to the wrong neighbour: B's lower
    plot, cut off by a full-width gutter, joined to the D beside it. The labels say where each piece
    belongs: right of its panel's label in the label's row band, or under it in its column band,
    with no other label between (`_label_regions`). Only when there is no doubt: the caption's letters
    run from A without a gap; each is read at the top-left corner of exactly one piece (its lead) and
    no other piece carries a letter; every other piece falls in exactly one label region (a piece
    right of one label and under another, or left of and above every label, leaves the tree's
    grouping in place); the panels so made overlap no other panel's piece; and every unlabelled
    piece's top-left corner, read freely, prints no letter at all (a label the caption does not name
    or one the first reads missed; a letter past the pieces' count is a tick label, `_could_label`).
    Those reads are made only when the grouping is otherwise accepted."""
    if read is None or len(boxes) != len(letters) or len(want) < 2 \
            or sorted(want) != [chr(ord("A") + i) for i in range(len(want))]:
        return None
    got = [L for L in letters if L is not None]
    if sorted(got) != sorted(want) or len(got) == len(boxes):
        return None
    leads = {L: b for b, L in zip(boxes, letters) if L is not None}
    names = list(leads)
    index = dict(enumerate(leads.values()))
    groups: dict[str, list[Box]] = {L: [q] for L, q in leads.items()}
    others = [b for b, L in zip(boxes, letters) if L is None]
    for p in others:
        regions = _label_regions(p, index)
        if len(regions) != 1:
            return None
        groups[names[regions.pop()]].append(p)
    union = _group_unions(groups)
    if union is None:
        return None
    side = max(img.shape[:2])
    if any(_could_label(corner_letter(img, p, read, side, want=None, corners=(CORNERS[0],)), len(boxes))
           for p in others):
        return None
    return list(union.values()), list(union)


def _could_label(L: str | None, pieces: int) -> bool:
    """Whether a letter read freely at a piece's corner could be a panel label of a figure cut into
    `pieces` pieces: its labels run from A, one at most per piece, so the last is at most the
    pieces'-th letter. A chart's tick label at its top-left ("0.5", read as "O"; "1", a stroke: I)
    names a letter past that and is no label the caption left out."""
    if L is None:
        return False
    return ord("I" if L == _BAR else L) - ord("A") < pieces


_SPOTS = CORNERS + CENTRES


def _mixed_corner_rows(boxes: list[Box], seen: dict, subs: SubCaptions, img: np.ndarray | None = None) -> Pairing | None:
    """Rows for a figure whose panels are labelled at different corners, each at its own (composed
    figures put a label wherever the photo leaves room: "a" top-left, "b" top-right, "c"
    bottom-left), or None. `seen` holds, per corner, the letter read at that corner of each piece of
    the gutter split and where (and, when no corner named every letter, at the top and bottom
    centre: `CENTRES`). Only with no doubt: every piece carries exactly one caption letter
    over its corners and centres (a piece holding two panels shows two, or a letter is missing; a piece
    without one is no panel of its own or lost its label: None), the letters are the caption's, each
    once, read at two corners at least (one corner is `_rows`' case) or at a centre, and the glyphs are of one size
    (0.5-2x their median height: lower-case b is taller than a; an axis letter is not a label),
    and (with the image) no piece has two photographs meeting edge to edge inside it (`_edge_cuts`).
    Nothing is joined or cut: a
    piece's crop is the piece."""
    want = set(subs.letters)
    if len(boxes) != len(want):
        return None
    letters: list[str] = []
    heights: list[int] = []
    corners_used = set()

    def elsewhere(i: int, spot: list) -> bool:
        """Whether the glyph read for piece i in the strip above it (`corner_letter`'s look above
        the top-left corner, at most max(30, 0.3 h) px high) lies in another piece: that strip is
        the foot of the piece over it, and a scale bar's "Å" there is no label of the one below."""
        if not spot:
            return False
        cx, cy = spot[0][0] + spot[0][2] / 2, spot[0][1] + spot[0][3] / 2
        own = boxes[i]
        if not (own.x <= cx < own.x + own.w and own.y - max(30, 0.3 * own.h) <= cy < own.y):
            return False
        return any(j != i and b.x <= cx < b.x + b.w and b.y <= cy < b.y + b.h for j, b in enumerate(boxes))

    for i in range(len(boxes)):
        here = {(found[i], corner, spots[i][0][3] if spots[i] else None)
                for corner, (found, spots) in seen.items() if found[i] in want and not elsewhere(i, spots[i])}
        names = {L for L, _, _ in here}
        if len(names) > 1:
            # two letters on one piece: one label when its glyph is at least twice as tall as every
            # other letter's there (a contour value, a subscript read as a letter); else two panels
            top = max((t for t in here if t[2] is not None), key=lambda t: t[2], default=None)
            if top is not None and all(t[0] == top[0] or (t[2] is not None and 2 * t[2] <= top[2]) for t in here):
                here = {t for t in here if t[0] == top[0]}
                names = {top[0]}
        if len(names) != 1:
            return None
        L, corner, _ = min(here, key=lambda t: _SPOTS.index(t[1]))
        # the label's size: its tallest read (the letter read again small elsewhere on the piece, a
        # contour value, does not stand for it)
        h = max((t[2] for t in here if t[2] is not None), default=None)
        letters.append(L)
        corners_used.add(corner)
        if h is not None:
            heights.append(h)
    if set(letters) != want or len(set(letters)) != len(letters) \
            or (len(corners_used) < 2 and not corners_used & set(CENTRES)):
        return None
    if heights:
        ref = float(np.median(heights))
        if any(not ref / 2 <= h <= 2 * ref for h in heights):
            return None
    # a piece across which two photographs meet edge to edge may hold two panels (an L-shaped
    # layout of abutting photos cut at the wrong edge: the left column's photo and part of the wide
    # one under it), each with the one label the other's corner does not show
    if img is not None and any(_photos_meet(crop(img, b)) for b in boxes):
        return None
    by_box = dict(zip(boxes, letters))
    return Pairing([(by_box[b], b, subs.full(by_box[b])) for b in reading_order(boxes)])


_SIBLINGS_SHARE = 3  # at most one piece in this many may lack its label for `_sibling_rows` (and 2 at most)


def _sibling_rows(img: np.ndarray, subs: SubCaptions, boxes: list[Box], tree, seen: dict, read) -> Pairing | None:
    """Rows for a figure where every piece but one or two shows one caption letter at one corner and
    the rest show none, or None.

    Only when the gutter split has as many pieces as the caption names letters, the labels read are
    distinct caption letters, each piece's at one corner (the corner that read most labels, else the
    one other corner that read it; `seen` holds per corner each piece's letter and glyph box), the
    labels at a corner stand alike (offsets from the corner within their median height, heights
    within 0.5-2x of the median: lower-case b is taller than a), and at most one piece in
    `_SIBLINGS_SHARE` (two at most) lacks a label. Each such piece's label is then read at its
    siblings' place (`letters.sibling_label`: a constrained and a free read agreeing), and must be
    a caption letter no piece showed: the letters, never their count, name the panels. The
    completed reads go the usual ways (`_rows` for labels at one corner, `_mixed_corner_rows` for
    several), with all their checks."""
    want = set(subs.letters)
    if len(boxes) != len(want) or read is None:
        return None
    # the corner that read most labels is the figure's; a piece's read there stands for it (a smaller
    # letter at another corner of it is a scale bar's or an inset's), another corner's only without one
    counts = {c: sum(L in want for L in found) for c, (found, _) in seen.items() if c in CORNERS}
    if not counts:
        return None
    main = max(CORNERS, key=lambda c: (counts.get(c, 0), -CORNERS.index(c)))
    first: list[tuple | None] = []  # per piece: (letter, corner, glyph box) of its read, or None
    for i in range(len(boxes)):
        b = boxes[i]
        # (a glyph outside the piece, read in the strip above it, is the foot of the piece over it)
        reads = [(found[i], corner, spots[i][0]) for corner, (found, spots) in seen.items()
                 if corner in CORNERS and found[i] in want and spots[i]
                 and b.x <= spots[i][0][0] + spots[i][0][2] / 2 < b.x + b.w
                 and b.y <= spots[i][0][1] + spots[i][0][3] / 2 < b.y + b.h]
        own = [r for r in reads if r[1] == main]
        if not own and len({L for L, _, _ in reads}) > 1:
            return None
        first.append((own or reads or [None])[0])
    named = [f[0] for f in first if f is not None]
    lost = [i for i, f in enumerate(first) if f is None]
    missing = want - set(named)
    if not lost or len(named) != len(set(named)) or len(lost) != len(missing) \
            or len(lost) > min(2, len(boxes) // _SIBLINGS_SHARE):
        return None
    by_corner: dict = {}
    for i, f in enumerate(first):
        if f is not None:
            by_corner.setdefault(f[1], []).append(sibling_spot(boxes[i], f[2], f[1]))
    places = []
    for corner, sp in sorted(by_corner.items(), key=lambda kv: -len(kv[1])):
        if len(sp) < 2:
            continue
        arr = np.array(sp, dtype=np.float32)
        med = np.median(arr, axis=0)
        if np.abs(arr[:, :2] - med[:2]).max() > max(3.0, med[3]) \
                or not (0.5 * med[3] <= arr[:, 3].min() and arr[:, 3].max() <= 2 * med[3]):
            continue
        places.append((corner, tuple(int(round(v)) for v in med)))
    if not places:
        return None
    found_now = {}
    for i in lost:
        for corner, place in places:
            got = sibling_label(img, boxes[i], place, corner, read, missing - set(found_now.values()))
            if got is not None:
                found_now[i] = (got[0], corner, got[1])
                break
        else:
            return None
    if {L for L, _, _ in found_now.values()} != missing:
        return None
    grown = {c: (list(f), [list(s) for s in sp]) for c, (f, sp) in seen.items()}
    for i, (L, corner, spot) in found_now.items():
        grown[corner][0][i] = L
        grown[corner][1][i] = [spot]
    corners = {f[1] for f in first if f is not None} | {v[1] for v in found_now.values()}
    if len(corners) == 1:
        corner = next(iter(corners))
        letters = [f[0] if f is not None else found_now[i][0] for i, f in enumerate(first)]
        spots = [[f[2]] if f is not None else [found_now[i][2]] for i, f in enumerate(first)]
        rows = _rows(img, subs, boxes, tree, letters, spots, corner, read)
        return rows if rows.panels else None
    return _mixed_corner_rows(boxes, grown, subs, img)


_DRAWING_PAPER = 0.7  # a piece with at least this share of paper pixels is a drawing on paper


def _drawing(part: np.ndarray) -> bool:
    """Whether a piece is a line drawing on paper (at least `_DRAWING_PAPER` of its pixels with their
    darkest channel >= 235): no two photographs meet edge to edge inside it, and a drawn line
    across it (a dotted guide line, an axis) is no photo edge for `_mixed_corner_rows`."""
    if part.size == 0:
        return False
    rgb = part[::2, ::2, :3] if part.ndim == 3 else part[::2, ::2, None]
    return float((rgb.min(axis=-1) >= 235).mean()) >= _DRAWING_PAPER


def _photos_meet(part: np.ndarray) -> bool:
    """Whether two photographs meet edge to edge inside a piece (`_edge_cuts`), neither side of the
    edge paper: a drawing's guide line is no such edge, nor is the edge of a plot under a white
    band that prints its label and title ("A  V_iso" over a heat map)."""
    if _drawing(part):
        return False
    for axis in (0, 1):
        for c in _edge_cuts(part, axis):
            a, b = (part[:c], part[c:]) if axis == 0 else (part[:, :c], part[:, c:])
            if not _drawing(a) and not _drawing(b):
                return True
    return False


def _hidden_panel(img: np.ndarray, pieces: list[Box], rows: Pairing, want: list[str], corner, read) -> bool:
    """Whether a piece of the gutter split that heads no row of `rows` (rows cut by another way, with
    the caption's count as the prior) prints a panel letter the caption does not name
    (`_unnamed_panel`): the caption's count is then not the figure's, and a row's crop holds that
    panel too."""
    if not rows.panels or len(pieces) <= len(rows.panels) or len(pieces) > 2 * len(rows.panels) + 2:
        return False
    letters: list[str | None] = []
    for p in pieces:
        head = None
        for L, b, _ in rows.panels:
            if abs(p.x - b.x) <= 0.1 * b.w + 4 and abs(p.y - b.y) <= 0.1 * b.h + 4:
                head = L
        letters.append(head)
    return _unnamed_panel(img, pieces, letters, want, corner, read) is not None


_POSITION_AREA = 0.2  # a piece named by position is at least this share of the largest piece's area


def _position_rows(img: np.ndarray, places: SubCaptions) -> Pairing:
    """Rows for panels the caption names by position (`split_positions`): only when the gutter split
    with the caption's count as its prior (`split_panels(img, n)`) gives exactly n pieces laid out
    as the positions say, with no doubt: side by side in one row (each pair of pieces overlapping
    by half the smaller height, none overlapping sideways) for left / middle / right, stacked in one
    column for top / middle / bottom, two rows of two for the corners; and no piece under a fifth of
    the largest one's area (a legend or a colour bar split off is no panel). More pieces than places
    are first grouped into the places when they fall cleanly into them (`_place_groups`: a heatmap
    cut from its dendrograms is still the left panel). Else the figure stays whole
    (`positions_disagree`)."""
    names = places.letters
    n = len(names)
    boxes = split_panels(img, n)
    if len(boxes) > n:
        # more pieces than places: rows only when they fall cleanly into the places (`_place_groups`)
        kind = _ARRANGEMENTS[tuple(names)]
        for k in (("row", "column") if kind == "sequence" else (kind,)):
            groups = _place_groups(img, boxes, k, n)
            if groups is not None:
                boxes = groups
                break
    if len(boxes) != n:
        return Pairing([], note=f"positions_disagree: {len(boxes)} pieces, caption names {n} positions")
    areas = [b.w * b.h for b in boxes]
    if min(areas) < _POSITION_AREA * max(areas):
        return Pairing([], note="positions_disagree: a piece too small to be a panel")

    def beside(a: Box, b: Box) -> bool:  # a left of b, in one row
        return a.x + a.w <= b.x + 2 and min(a.y + a.h, b.y + b.h) - max(a.y, b.y) >= 0.5 * min(a.h, b.h)

    def above(a: Box, b: Box) -> bool:  # a over b, in one column
        return a.y + a.h <= b.y + 2 and min(a.x + a.w, b.x + b.w) - max(a.x, b.x) >= 0.5 * min(a.w, b.w)

    kind = _ARRANGEMENTS[tuple(names)]
    if kind == "sequence":
        # panels counted in order: sure only when they form one row (left to right) or one column
        # (top to bottom); a grid's order could be read either way
        row = sorted(boxes, key=lambda b: b.x)
        col = sorted(boxes, key=lambda b: b.y)
        if all(beside(a, b) for a, b in zip(row, row[1:])):
            kind, order, ok = "row", row, True
        elif all(above(a, b) for a, b in zip(col, col[1:])):
            kind, order, ok = "column", col, True
        else:
            order, ok = boxes, False
    elif kind == "row":
        order = sorted(boxes, key=lambda b: b.x)
        ok = all(beside(a, b) for a, b in zip(order, order[1:]))
    elif kind == "column":
        order = sorted(boxes, key=lambda b: b.y)
        ok = all(above(a, b) for a, b in zip(order, order[1:]))
    else:
        order = reading_order(boxes)
        tl, tr, bl, br = order
        ok = beside(tl, tr) and beside(bl, br) and above(tl, bl) and above(tr, br)
    if not ok:
        return Pairing([], note=f"positions_disagree: the pieces are not laid out as {', '.join(names)}")
    return Pairing([(name, b, places.full(name)) for name, b in zip(names, order)])


def _in_letter_order(boxes: list[Box], letter, letters: list[str]) -> bool:
    """Whether the boxes' letters, read in rows (left to right, top to bottom) or in columns (the transposed
    boxes' reading order: labels running down the columns), are the caption's letters in its order."""
    if [letter(b) for b in reading_order(boxes)] == letters:
        return True
    return [letter(Box(t.y, t.x, t.h, t.w)) for t in reading_order([Box(b.y, b.x, b.h, b.w) for b in boxes])] == letters

def _count_split(img: np.ndarray, subs: SubCaptions) -> list[Box] | None:
    """The caption-count split the letter-reading paths start from: `split_panels(img, n)` for n the
    caption's plain letter run A..N, when it gives exactly n pieces; else None (no such run, or the
    split disagrees with the caption's count)."""
    n = _letter_run(subs.letters)
    if n is None:
        return None
    cand = split_panels(img, n)
    return cand if len(cand) == n else None


def _prior_rows(img: np.ndarray, subs: SubCaptions, pieces: list[Box], read) -> Pairing | None:
    """Rows from the caption-count segmentation (`split_panels(img, n)`, n the caption's plain
    letter run A..N) when the pieces `pair` works on gave none: only when it has exactly n boxes,
    other than those pieces, each box's top-left corner shows one caption letter (every letter once;
    a bare stroke only where `_strokes_in_order` names it),
    the labels are of one size (0.75-1.33x their median height) and sit near their box's top-left
    (within a fifth of the box and two label heights, the tolerance `_rows` gives a label), and the boxes read in caption order by rows or by columns. A box holding
    two panels leaves another box without its label; one holding a piece of another panel shows that
    panel's order or corner wrong. Anything short of that: None (the figure stays whole)."""
    cand = _count_split(img, subs)
    if cand is None or set(cand) == set(pieces):
        return None
    side = max(img.shape[:2])
    want = set(subs.letters)
    got: list[str | None] = []
    spots: list[list] = []
    for b in cand:
        w: list = []
        L = corner_letter(img, b, read, side, want=want, corners=(CORNERS[0],), where=w)
        got.append(L)
        spots.append(w)
        if L is None or (L not in want and L != _BAR) or (L != _BAR and L in got[:-1]) or not w:
            return None
    if _BAR in got:  # a stroke (I, l, small-print j) is named only by the caption's order
        got = _strokes_in_order(cand, got, subs.letters)
        if _BAR in got:
            return None
    heights = [sp[0][3] for sp in spots]
    ref = float(np.median(heights))
    if any(not 0.75 * ref <= h <= 1.34 * ref for h in heights):
        return None
    for b, sp in zip(cand, spots):
        x, y, w_, h = sp[0]
        if x > b.x + 0.2 * b.w + 2 * ref or y > b.y + 0.2 * b.h + 2 * ref:  # as for labels in `_rows`
            return None
    by_box = dict(zip(cand, got))
    if not _in_letter_order(cand, lambda b: by_box[b], subs.letters):
        return None
    return Pairing([(by_box[b], b, subs.full(by_box[b])) for b in reading_order(cand)])


def _under_rows(img: np.ndarray, subs: SubCaptions, read) -> Pairing | None:
    """Rows for panels labelled under the image ("(a)" centred below each panel, LaTeX subfigure and
    MDPI style): the caption-count segmentation (`split_panels(img, n)`, n the caption's plain letter
    run A..N) when it has exactly n boxes and each box's last line, centred under it, is one label
    read as a caption letter both constrained and freely (`_sure_label`; the label may sit just
    under the box, in a strip of labels of its own): every letter once, in
    caption order by rows or by columns, labels of one size (0.75-1.33x their median height),
    centred within a tenth of the box's width and nothing under their line (from a label height
    below them, past brackets and descenders, to the box's bottom or two label heights). Else None."""
    cand = _count_split(img, subs)
    if cand is None:
        return None
    side = max(img.shape[:2])
    want = set(subs.letters)
    allowed = "".join(sorted(want))
    got: list[str] = []
    spots: list[tuple[int, int, int, int]] = []
    min_h = max(5, int(0.006 * side))
    H = img.shape[0]
    for orig in cand:
        b = _tighten(img, orig)
        sh = int(min(b.h, max(30, 0.15 * b.h)))
        # the box's last lines and twice as much under it (a row of labels under the panels is a
        # strip of its own, left out of the boxes)
        x0, y0, y1 = b.x + b.w // 4, b.y + b.h - sh, min(H, b.y + b.h + 2 * sh)
        patch = np.ascontiguousarray(img[y0:y1, x0:b.x + b.w - b.w // 4])
        label = None
        # nearest the bottom centre first; two tries; none inside another box
        glyphs = [g for g in _glyphs(patch, min_h, max_h=int(0.9 * sh))
                  if not any(o != orig and _inside((x0 + g[0], y0 + g[1], g[2], g[3]), o) for o in cand)]
        glyphs.sort(key=lambda g: abs(x0 + g[0] + g[2] / 2 - (b.x + b.w / 2)) + abs(b.y + b.h - y0 - g[1] - g[3]))
        for gx, gy, gw, gh, shape in glyphs[:2]:
            for crop in _glyph_views(img, x0 + gx, y0 + gy, gw, gh, shape, clean=True):
                label = _sure_label(read, crop, allowed, want)
                if label is not None:
                    break
            if label is not None:
                spots.append((x0 + gx, y0 + gy, gw, gh))
                break
        if label is None or label in got:
            return None
        got.append(label)
    ref = float(np.median([h for _, _, _, h in spots]))
    for b, (x, y, w, h) in zip(cand, spots):
        if not 0.75 * ref <= h <= 1.34 * ref or abs(x + w / 2 - (b.x + b.w / 2)) > 0.1 * b.w:
            return None
        below = img[y + 2 * h:min(H, max(b.y + b.h, y + 4 * h)), b.x:b.x + b.w]
        if below.size and int(below.max()) - int(below.min()) > 2 * _TOL:
            return None  # more of the panel under its label: the label is no caption line
    by_box = dict(zip(cand, got))
    if not _in_letter_order(cand, lambda b: by_box[b], subs.letters):
        return None
    return Pairing([(by_box[b], b, subs.full(by_box[b])) for b in reading_order(cand)])


def _bracket_rows(img: np.ndarray, subs: SubCaptions, read) -> Pairing | None:
    """Rows for panels labelled "(a)", "(b)" under them, read as whole labels: LaTeX subfigure labels
    under MRI panels on black (elastix manual figs 2.4, 5.2), whose thin glyph alone the letter
    search does not read. Only when the bracketed labels alone on their line (`_bracket_labels`) are
    exactly the caption's letter run A..N, each read freely as "(x)" (brackets included, score >= 0.9)
    naming a caption letter, every letter once, of one size (0.75-1.33x their median height); the
    caption-count segmentation (`split_panels(img, n)`) has exactly n boxes; each label lies in the
    lower half of exactly one box or under it within two label heights, centred on it within a tenth
    of its width, with nothing of the panel under its line; every box gets one label; and the boxes
    read in caption order by rows or by columns. Else None (the figure stays whole)."""
    n = _letter_run(subs.letters)
    if n is None:
        return None
    labs = _bracket_labels(img)
    if len(labs) != n:
        return None
    ref = float(np.median([h for _, _, _, h in labs]))
    if any(not 0.75 * ref <= h <= 1.34 * ref for _, _, _, h in labs):
        return None
    want = set(subs.letters)
    H, W = img.shape[:2]
    got = []
    for x, y, w, h in labs:
        pad = max(3, int(0.35 * h))
        patch = img[max(0, y - pad):min(H, y + h + pad), max(0, x - pad):min(W, x + w + pad)]
        patch = cv2.resize(patch, None, fx=40.0 / patch.shape[0], fy=40.0 / patch.shape[0],
                           interpolation=cv2.INTER_CUBIC)
        text, score = read(np.ascontiguousarray(patch[:, :, ::-1]))
        text = text.strip()
        label = _as_label(text, score, want) if re.fullmatch(r"\([A-Za-z]\)", text) else None
        if label is None or label == _BAR or score < 0.9 or label in got:
            return None
        got.append(label)
    cand = split_panels(img, n)
    if len(cand) != n:
        return None
    by_box: dict[Box, str] = {}
    for (x, y, w, h), label in zip(labs, got):
        cx = x + w / 2
        hits = [b for b in cand if b.x <= cx <= b.x + b.w and b.y + 0.5 * b.h <= y <= b.y + b.h + 2 * h]
        if len(hits) != 1 or hits[0] in by_box or abs(cx - (hits[0].x + hits[0].w / 2)) > 0.1 * hits[0].w:
            return None
        b = hits[0]
        below = img[y + h + 2:b.y + b.h, b.x:b.x + b.w]
        if below.size and int(below.max()) - int(below.min()) > 2 * _TOL:
            return None  # more of the panel under its label: the label is no caption line
        by_box[b] = label
    if len(by_box) != n:
        return None
    if not _in_letter_order(cand, lambda b: by_box[b], subs.letters):
        return None
    return Pairing([(by_box[b], b, subs.full(by_box[b])) for b in reading_order(cand)])


_SUBCAPTION_GAP = 1.5     # a sub-caption line's words are at most this many label heights apart; so are its lines
_SUB_CENTRE = 0.15  # a sub-caption line is centred under its panel within this share of the panel's width


def _ink_line(ink: np.ndarray, x0: int, y0: int, y1: int, gap: int) -> int:
    """The right end of the line of print starting at column x0 on rows y0..y1: ink columns with
    breaks of at most `gap` columns."""
    cols = ink[y0:y1].any(axis=0)
    end = x0
    x = x0
    while x < cols.size and x - end <= gap:
        if cols[x]:
            end = x + 1
        x += 1
    return end


def _subcaption_block(ink: np.ndarray, label: tuple[int, int, int, int], piece: Box) -> tuple[int, int, int, int] | None:
    """The box (x0, y0, x1, y1) of the sub-caption a bracketed label opens under its panel: the
    label's line, centred under the piece (`_SUB_CENTRE`) and opening with the label (nothing printed
    within a label height left of it), and the lines under it within the piece's columns, each
    within `_SUBCAPTION_GAP` label heights of the one above; None when the line is not so."""
    x, y, w, h = label
    gap = int(_SUBCAPTION_GAP * h)
    left = ink[y:y + h, max(0, x - h):x]
    if left.size and left.any():
        return None  # "λ(D)": a bracket inside a line, no label opening it
    x1 = _ink_line(ink, x, y, y + h, gap)
    if abs((x + x1) / 2 - (piece.x + piece.w / 2)) > _SUB_CENTRE * piece.w:
        return None
    bx0, bx1, by1 = x, x1, y + h
    lo, hi = piece.x, piece.x + piece.w
    rows = ink[:, lo:hi].any(axis=1)
    r = by1
    while r < rows.size and r - by1 <= gap:
        if rows[r]:
            cols = np.flatnonzero(ink[r, lo:hi])
            bx0, bx1, by1 = min(bx0, lo + int(cols[0])), max(bx1, lo + int(cols[-1]) + 1), r + 1
        r += 1
    return bx0, y, bx1, by1


def _subcaption_rows(img: np.ndarray, subs: SubCaptions, read) -> Pairing | None:
    """Rows for panels whose sub-captions are printed under them, each opening with its bracketed
    label: "(a) CIFAR-10", "(b) λ = 0.5" centred under its plot (LaTeX subfigure captions; the
    label-alone search, `_bracket_rows`, wants nothing else on the label's line). Only when the
    bracketed labels read freely as "(x)" (score >= 0.9) that open a line centred under a piece are
    exactly the caption's letter run, once each; the caption-count split (`split_panels(img, n)`)
    has exactly n pieces; each label's line lies under exactly one piece (its top in the piece's
    lower half or within two label heights under it), one label a piece; and the pieces read in
    caption order by rows or by columns. A row's crop is its piece and its printed sub-caption.
    Else None (the figure stays whole)."""
    n = _letter_run(subs.letters)
    if n is None:
        return None
    labs = _bracket_labels(img, alone=False)
    if len(labs) < n:
        return None
    cand = split_panels(img, n)
    if len(cand) != n:
        return None
    grey = cv2.cvtColor(np.ascontiguousarray(img[..., :3]), cv2.COLOR_BGR2GRAY)
    ink = grey < _LABEL_INK
    want = set(subs.letters)
    H, W = img.shape[:2]
    by_box: dict[Box, tuple[str, tuple[int, int, int, int]]] = {}
    for x, y, w, h in labs:
        hits = [b for b in cand if b.x <= x + w / 2 <= b.x + b.w and b.y + 0.5 * b.h <= y <= b.y + b.h + 2 * h]
        if len(hits) != 1:
            continue
        block = _subcaption_block(ink, (x, y, w, h), hits[0])
        if block is None:
            continue
        pad = max(3, int(0.35 * h))
        patch = img[max(0, y - pad):min(H, y + h + pad), max(0, x - pad):min(W, x + w + pad)]
        patch = cv2.resize(patch, None, fx=40.0 / patch.shape[0], fy=40.0 / patch.shape[0], interpolation=cv2.INTER_CUBIC)
        text, score = read(np.ascontiguousarray(patch[:, :, ::-1]))
        text = text.strip()
        label = _as_label(text, score, want) if re.fullmatch(r"\([A-Za-z]\)", text) else None
        if label is None or label == _BAR or score < 0.9:
            continue
        if hits[0] in by_box:
            return None  # two labelled lines under one piece
        by_box[hits[0]] = (label, block)
    if len(by_box) != n or sorted(L for L, _ in by_box.values()) != subs.letters:
        return None
    if not _in_letter_order(cand, lambda b: by_box[b][0], subs.letters):
        return None
    out = []
    for b in reading_order(cand):
        label, (x0, y0, x1, y1) = by_box[b]
        grown = Box(min(b.x, x0), b.y, max(b.x + b.w, x1) - min(b.x, x0), max(b.y + b.h, y1) - b.y)
        if any(o is not b and _overlaps(grown, o) for o in cand):
            return None  # the printed sub-caption runs into another panel
        out.append((label, grown, subs.full(label)))
    return Pairing(out)


_LINE_PAGE = 225      # a pixel lighter than this in every channel is page (a caption line's row is page but its print)
_LINE_LABEL = re.compile(r"\s*[(\[（]\s*([A-Za-z])\s*[)\]）]")   # "(a)" opening a printed line
_LINE_TRIES = 3       # lines read from a piece's bottom up, looking for the one its label opens


def _bottom_lines(page: np.ndarray, b: Box, most: int) -> list[tuple[int, int, int, int]]:
    """The piece's last `most` lines of print from the bottom up, as (x0, y0, x1, y1): bands of rows with
    ink, each with page above it, each at most a fifth of the piece high (a taller band is the panel)."""
    rows = page[b.y:b.y + b.h, b.x:b.x + b.w]
    has = ~rows.all(axis=1)
    out = []
    r = b.h - 1
    while r >= 0 and len(out) < most:
        while r >= 0 and not has[r]:
            r -= 1
        end = r
        while r >= 0 and has[r]:
            r -= 1
        start = r + 1
        if end < 0 or r < 0 or end - start + 1 > max(8, 0.2 * b.h):
            break  # the band runs to the piece's top or is the panel itself
        cols = np.flatnonzero(~rows[start:end + 1].all(axis=0))
        out.append((b.x + int(cols[0]), b.y + start, b.x + int(cols[-1]) + 1, b.y + end + 1))
    return out


def _line_label_rows(img: np.ndarray, subs: SubCaptions, read) -> Pairing | None:
    """Rows for sub-figures whose label opens a line printed centred under them, read as a whole line:
    "(a)" alone or "(a) Original image" (LaTeX subfigures; the glyph and bracket searches of
    `_under_rows`, `_bracket_rows` and `_subcaption_rows` miss labels whose brackets touch the letter or
    whose lower-case letters differ in height). Only when the caption's letters are the run A..N; the
    caption-count split (`split_panels(img, n)`) has exactly n pieces; in each piece one of its last
    lines (`_bottom_lines`: page above it, from the bottom up) is centred on the piece within 0.15 of its
    width and reads freely as opening with "(x)" (score >= 0.8, no second such label on it) for a caption
    letter, every letter once; the label lines are of one height (0.7-1.45x their median); and the
    pieces read in caption order by rows or by columns. Each row's crop is its piece, its printed line
    included. Else None (the figure stays whole). At most `_LINE_TRIES` reads a piece, none once a
    piece has failed."""
    cand = _count_split(img, subs)
    if cand is None:
        return None
    H, W = img.shape[:2]
    page = channel_min(np.ascontiguousarray(img[..., :3])) > _LINE_PAGE
    lines = [_bottom_lines(page, b, _LINE_TRIES) for b in cand]
    if any(not ls for ls in lines):
        return None
    want = set(subs.letters)
    got: dict[Box, str] = {}
    heights = []
    for b, ls in zip(cand, lines):
        label = None
        for x0, y0, x1, y1 in ls:
            if abs((x0 + x1) / 2 - (b.x + b.w / 2)) > 0.15 * b.w or y0 < b.y + 0.3 * b.h:
                continue
            lh = y1 - y0
            pad = max(3, int(0.35 * lh))
            patch = img[max(0, y0 - pad):min(H, y1 + pad), max(0, x0 - pad):min(W, x1 + pad)]
            patch = cv2.resize(patch, None, fx=40.0 / patch.shape[0], fy=40.0 / patch.shape[0],
                               interpolation=cv2.INTER_CUBIC)
            text, score = read(np.ascontiguousarray(patch[:, :, ::-1]))
            m = _LINE_LABEL.match(text)
            if m is None or score < 0.8 or len(re.findall(r"[(\[（]\s*[A-Za-z]\s*[)\]）]", text)) != 1:
                continue
            label = _as_label(m.group(1), score, want)
            if label is not None and label != _BAR:
                heights.append(lh)
                break
            label = None
        if label is None or label in got.values():
            return None
        got[b] = label
    ref = float(np.median(heights))
    if any(not 0.7 * ref <= h <= 1.45 * ref for h in heights):
        return None
    if not _in_letter_order(cand, lambda b: got[b], subs.letters):
        return None
    return Pairing([(got[b], b, subs.full(got[b])) for b in reading_order(cand)])


def _printed_rows(img: np.ndarray, subs: SubCaptions, read) -> Pairing | None:
    """Rows for panels named by a sub-caption line printed centred under or over each, "(a) ...",
    when the gutters cut a panel apart or run a line into the next panel (a diagram of three trees
    over one "(a)" line; "(b)"'s line cut into the piece under it): `printed_label_panels` cuts the
    figure by its label lines and reads each line's "(x)"; rows only when the caption's letters are
    the run A..N and the printed letters are exactly that run, one a panel, in order by rows or by
    columns. Else None (the figure stays whole).

    A figure continued over pages ("(a)", "(b)" printed under the groups of one page, "(c)", "(d)"
    under those of the next, one caption naming all four) prints only part of its caption's run: rows
    for the printed letters when they are an unbroken part of that run, two at least, and every
    bracketed label the figure prints heads one of its lines (`printed_label_panels(continued=True)`);
    the letters the figure does not print get no row."""
    n = _letter_run(subs.letters)
    if n is None:
        return None
    named = printed_label_panels(img, read)
    if named is None or [L for L, _ in named] != subs.letters:
        named = printed_label_panels(img, read, continued=True)
        got = [L for L, _ in named] if named is not None else []
        if not 2 <= len(got) < n or not set(got) <= set(subs.letters):
            return None
    by_box = {b: L for L, b in named}
    return Pairing([(by_box[b], b, subs.full(by_box[b])) for b in reading_order(list(by_box))])


def _grid_rows(img: np.ndarray, subs: SubCaptions, read, detect) -> Pairing | None:
    """Rows for panels cut out by their labels: each caption letter printed once at the top-left of
    its panel (`_text_labels`), the labels in rows (tops within half a label height) that read
    A, B, C... left to right, row after row; each panel runs from its label to the next label in
    its row (or the figure's edge) and down to the next row of labels (or the bottom). Used when the
    gutters do not give the panels (axis titles and ticks bridge them, a panel's pieces are cut apart)
    but the labels do. Every cut must run through background (`_clear_line`) within three label
    heights before the label that starts the next panel or row, across the whole span it separates:
    a panel running down past the next row of labels, or one label inside another panel, has no such
    line and the figure stays whole; and every piece of the gutter split must lie in one cell (a
    sparse chart's lines can let a cut through it look clear; its piece then straddles two rows).
    Else None.

    With more pieces than caption letters (a caption naming fewer panels than the image holds:
    "(a) ... (b) ... The other two images show ..."), rows only when the image's letters agree:
    no label of the same style and height reads a letter the caption leaves out (after its last,
    as many as the extra pieces), and the pieces are not all photographs (each photograph would
    need a caption label of its own: more of them than labels is a panel unnamed); else no rows, with the reason (a label's cut then runs through
    abutting photos: a wrong crop under a caption is worse than none)."""
    n = _letter_run(subs.letters)
    if n is None or detect is None or read is None:
        return None
    pieces = layout(img)[0]
    k = max(1, len(pieces) - n)
    others = {chr(ord("A") + i) for i in range(n, min(n + k, 26))} - {"I", "L"}
    seen: list = []
    labs = _text_labels(img, subs.letters, read, detect, others, seen)
    if labs is None:
        return None
    if seen:
        return Pairing([], note="uncaptioned_panel: the image prints " + ", ".join(sorted({L for L, *_ in seen}))
                                + " beside the caption's labels, and the caption does not name it")
    if len(pieces) > n and all(_photo_piece(img, p) for p in pieces):
        # (n labels cannot put one on each of more photographs)
        return Pairing([], note=f"unlabelled_piece: {len(pieces)} photographs and {n} caption labels;"
                                " a photograph without one of them is a panel the caption does not name")
    H, W = img.shape[:2]
    h = int(np.median([lh for *_, lh in labs]))
    grey = cv2.cvtColor(np.ascontiguousarray(img[:, :, :3]), cv2.COLOR_BGR2GRAY)
    rows: list[list] = []
    for lab in sorted(labs, key=lambda t: (t[2], t[1])):
        if rows and abs(lab[2] - rows[-1][0][2]) <= 0.5 * h:
            rows[-1].append(lab)
        else:
            rows.append([lab])
    rows = [sorted(r, key=lambda t: t[1]) for r in rows]
    if [L for r in rows for L, *_ in r] != subs.letters:
        return None
    # row boundaries: a background line across the whole figure just above each later row's labels
    tops = [0]
    for prev, r in zip(rows, rows[1:]):
        top = min(t[2] for t in r)
        lo = max(max(t[2] + t[4] for t in prev), top - 3 * h)
        cut = _clear_line(grey, lo, top + 1, 0, 0, W, last=True)
        if cut is None:
            return None
        tops.append(cut)
    tops.append(H)
    out = []
    for i, r in enumerate(rows):
        y0, y1 = tops[i], tops[i + 1]
        lefts = [0]
        for prev, lab in zip(r, r[1:]):
            lo = max(prev[1] + prev[3], lab[1] - 3 * h)
            cut = _clear_line(grey, lo, lab[1] + 1, 1, y0, y1, last=True)
            if cut is None:
                return None
            lefts.append(cut)
        lefts.append(W)
        for j, (L, *_) in enumerate(r):
            # less the plain margins (a short row's first cell runs from the figure's left edge)
            b = _tighten(img, Box(lefts[j], y0, lefts[j + 1] - lefts[j], y1 - y0), most=max(W, H))
            out.append((L, b))
    # every panel is more than its label: content at least three label heights wide and high
    if any(b.w < 3 * h or b.h < 3 * h for _, b in out):
        return None
    # the gutter split's pieces each lie in one row of cells (80 % of its height at least): a chart
    # running down past the next row of labels, its sparse lines crossed by a "clear" row cut, is one
    # piece straddling two rows (pieces may straddle columns: axis titles join a row's charts)
    for p in pieces:
        inside = max(min(p.y + p.h, y1) - max(p.y, y0) for y0, y1 in zip(tops, tops[1:]))
        if inside < _GRID_PIECE * p.h:
            return None
    return Pairing([(L, b, subs.full(L)) for L, b in out])


_INLINE_TOP = 0.4    # a label opening a line inside its plot starts in this upper share of its piece
_INLINE_SPOT = 0.08  # the labels stand alike: their offsets in their pieces agree within this share of the piece


def _inline_label_rows(img: np.ndarray, subs: SubCaptions, heads) -> Pairing | None:
    """Rows for plots whose label opens a line of text printed inside the plot, "(a) T = 2/pi" under the
    axis title at its top left (gnuplot and LaTeX figures of a manual or thesis): the corner reads see the
    axis's tick label or title there, the label-grid search (`_grid_rows`) skips a text wider than a label.
    Only when the caption's letters are the run A..N; the caption-count split (`split_panels(img, n)`) has
    exactly n pieces; in each piece exactly one line whose head (`heads`: `line_heads`) reads as opening
    with "(x)" for a caption letter (score >= 0.8) starts in the piece's upper `_INLINE_TOP`, every letter
    once; the label lines are of one height (0.7-1.45x their median) and stand alike in their pieces (their
    top-left offsets, as shares of the piece, within `_INLINE_SPOT` of each other); and the pieces read in
    caption order by rows or columns. Each row's crop is its piece. Else None (the figure stays whole)."""
    cand = None if heads is None else _count_split(img, subs)
    if cand is None:
        return None
    want = set(subs.letters)
    texts = heads(np.ascontiguousarray(img[:, :, 2::-1]),
                  [(b.x, b.y, b.x + b.w, b.y + int(_INLINE_TOP * b.h) + 1) for b in cand])
    got: dict[Box, str] = {}
    where = []
    for b in cand:
        labs = []
        for t in texts:
            x0, y0, x1, y1 = t.box
            if not (b.x <= x0 < b.x + b.w and b.y <= y0 <= b.y + _INLINE_TOP * b.h):
                continue
            m = _LINE_LABEL.match(t.text)
            if m is not None and t.score >= 0.8 and m.group(1).upper() in want:
                labs.append((m.group(1).upper(), t.box))
        if len(labs) != 1 or labs[0][0] in got.values():
            return None
        L, (x0, y0, x1, y1) = labs[0]
        got[b] = L
        where.append(((x0 - b.x) / b.w, (y0 - b.y) / b.h, y1 - y0))
    ref = float(np.median([h for *_, h in where]))
    if any(not 0.7 * ref <= h <= 1.45 * ref for *_, h in where):
        return None
    for k in (0, 1):
        if max(w[k] for w in where) - min(w[k] for w in where) > _INLINE_SPOT:
            return None
    if not _in_letter_order(cand, lambda b: got[b], subs.letters):
        return None
    return Pairing([(got[b], b, subs.full(got[b])) for b in reading_order(cand)])


def _rows(img: np.ndarray, subs: SubCaptions, boxes: list[Box], tree, letters: list[str | None], spots: list[list],
          corner: tuple[bool, bool], read) -> Pairing:
    """The rows for the letters read at the pieces' corners (`corner`: which, as in CORNERS), or no
    rows with the reason."""
    top_left = corner == CORNERS[0]
    want = subs.letters
    # a letter the caption does not name is some other text in the corner (an axis label, a gene
    # name): not a label; a lone stroke (I or l) is resolved after grouping, below
    letters = [L if L in want or L == _BAR else None for L in letters]
    # a stroke far from the size of the letters read (a table's rule, an axis tick) is no label
    sized = [sp[0][3] for sp, L in zip(spots, letters) if L and L != _BAR and sp]
    if sized:
        ref = float(np.median(sized))
        letters = [None if L == _BAR and sp and not 0.75 * ref <= sp[0][3] <= 1.6 * ref else L
                   for L, sp in zip(letters, spots)]
    # caption letters no corner showed: labels printed inside a piece (a piece holding several
    # panels with no gutter between them), cut apart at the labels when the cuts run through
    # background; only with top-left labels (a label marks its panel's top-left)
    letters = _one_of_each(img, boxes, letters, spots, corner)
    letters = _one_by_size_and_place(img, boxes, letters, spots, corner)
    letters = _strokes_by_sequence(img, boxes, letters, spots, want, corner)
    missing = set(want) - set(letters) - ({"I", "L"} if _BAR in letters else set())
    if missing:
        letters, spots = _labels_where_expected(img, boxes, letters, spots, corner, read, missing, want)
        missing = set(want) - set(letters) - ({"I", "L"} if _BAR in letters else set())
    # where each letter read at a corner is printed (a letter read once only)
    at_corner = {L: sp[0] for L, sp in zip(letters, spots) if L and L != _BAR and sp and letters.count(L) == 1}
    placed: dict[str, tuple[int, int, int, int]] = {}
    if missing and top_left:
        heights = [sp[0][3] for sp, L in zip(spots, letters) if L and L != _BAR and sp]
        taken = [sp[0] for sp, L in zip(spots, letters) if L and sp]
        boxes, letters, tree = _labels_inside(img, boxes, letters, spots, tree, read, missing)
        # labels of the letters still missing anywhere in the figure: in the gutter above their
        # panel, inside the box of the piece before it
        missing = set(want) - set(letters) - ({"I", "L"} if _BAR in letters else set())
        if missing and heights:
            boxes, letters, placed, joins = _labels_anywhere(img, boxes, letters, read, missing,
                                                             float(np.median(heights)), taken)
            boxes, letters, tree = _join_pieces(boxes, letters, tree, joins)
    if len(boxes) < 2:
        return Pairing([], note=f"no_panels_found: caption names {len(subs.letters)}")
    if not any(L and L != _BAR for L in letters):
        return Pairing([], note=f"letters_not_found: {len(boxes)} pieces, none with a caption letter")
    # a piece with no caption letter is joined to a lettered neighbour below (a sub-plot, a legend);
    # but a piece printing a panel letter the caption does not name ("(a) ... (b) ... the last image"
    # over panels a, b, c) is a panel of its own, and joined to a neighbour it would give that
    # neighbour's row another panel's crop: such a figure stays whole
    unnamed = _unnamed_panel(img, boxes, letters, want, corner, read)
    if unnamed is not None:
        return Pairing([], note=f"uncaptioned_panel: image prints {unnamed}, caption names {','.join(want)}")
    grouped = _group_at(tree, boxes, letters, corner)
    merged = ([b for b, _ in grouped], [L for _, L in grouped]) if grouped else _absorb_at(boxes, letters, corner)
    # the printed letters group the pieces by label region (a chart stacked under its label, cut
    # apart from it, and joined by the cut tree to the panel beside it): when they account for every
    # piece and the grouping differs from the tree's, theirs is taken
    if top_left and not placed and len(boxes) == len(spots):
        by_label = _region_groups(img, boxes, letters, want, read)
        if by_label is not None and (merged is None or set(by_label[0]) != set(merged[0])):
            merged = by_label
    if merged is None:
        return Pairing([], note=f"unlettered_piece: {letters.count(None)} of {len(boxes)} pieces have no letter"
                                " and no lettered neighbour to join")
    boxes, letters = merged
    # a label found away from its piece's corner marks its panel's top-left: a panel grown far
    # right of or below its label (pieces of another panel joined to it) is not that panel
    # so does a label read at another corner than the top-left mark that corner of its panel
    # (pieces joined on the wrong side of it would give it a crop holding another panel's piece);
    # top-left labels may head a panel's second row (a sub-panel "A ii" under "A i", read as a
    # word): the rows before them join them by design
    fx, fy = corner
    for b, L in zip(boxes, letters):
        if L in placed:
            x, y, w, h = placed[L]
            if x > b.x + 0.2 * b.w + 2 * h or y > b.y + 0.2 * b.h + 2 * h:
                return Pairing([], note=f"label_off_panel: {L} printed inside its panel, not at its top-left")
        elif L in at_corner and not top_left:
            x, y, w, h = at_corner[L]
            off_x = (b.x + b.w - x - w) if fx else (x - b.x)
            off_y = (b.y + b.h - y - h) if fy else (y - b.y)
            if off_x > 0.2 * b.w + 2 * h or off_y > 0.2 * b.h + 2 * h:
                return Pairing([], note=f"label_off_panel: {L} read at a corner of a piece, not of its panel")
    # a lone stroke is I or l, whichever the caption names and no panel has already; resolved only
    # when it is the one panel left to name: every other panel carries a caption letter, so a stray
    # axis line cannot lend its piece a missing panel's letter
    free = [c for c in ("I", "L") if c in want and c not in letters]
    sure = letters.count(_BAR) == 1 and None not in letters and len(letters) == len(want) and len(free) == 1
    if not sure and letters.count(_BAR) >= 2:
        letters = _strokes_in_order(boxes, letters, want)
    letters = [(free[0] if sure else None) if L == _BAR else L for L in letters]
    got = [L for L in letters if L]
    if len(got) != len(set(got)):
        return Pairing([], note=f"letters_disagree: image {','.join(got)} (repeated), caption {','.join(want)}")
    if sorted(got) != sorted(want):
        return Pairing([], note=f"letters_disagree: image {','.join(sorted(got))}, caption {','.join(want)}")
    ordered = reading_order(boxes)
    by_box = {b: L for b, L in zip(boxes, letters)}
    return Pairing([(by_box[b], b, subs.full(by_box[b])) for b in ordered])


def _unnamed_panel(img: np.ndarray, boxes: list[Box], letters: list[str | None], want: list[str],
                   corner: tuple[bool, bool], read) -> str | None:
    """The letter (upper case) of a panel the image labels and the caption does not name, or None.

    Looked for only at the pieces left without a caption letter, at the corner the other labels were
    read at, and only for the letters of the caption's run it leaves out (A to the last of its
    letters) and the letter after its last, in figures of at most twice as many pieces as caption
    letters (and two more): "(a) ... (b) ... Melanoma in the last image" over panels labelled a, b,
    c. A read counts only when the glyph, read again freely, gives the same letter: a constrained
    read of an axis label must not keep a figure whole."""
    if read is None or None not in letters or not want or not all(len(c) == 1 and c.isalpha() for c in want) \
            or len(boxes) > 2 * len(want) + 2:
        return None  # (many more pieces than letters: sub-plots, not panels; and a read each would cost)
    # the letters the caption's run leaves out before its last, and the one after it: a letter
    # further on (an F past a caption's A-D, an O past A-I) is some other text in a corner
    top = min(ord(max(want)) + 1, ord("Z"))
    extra = {chr(c) for c in range(ord("A"), top + 1)} - set(want) - {"I", "L"}
    if not extra:
        return None
    side = max(img.shape[:2])
    allowed = set(want) | extra
    for b, L in zip(boxes, letters):
        if L is not None:
            continue
        where: list = []
        got = corner_letter(img, b, read, side, want=allowed, corners=(corner,), where=where)
        if got not in extra or not where:
            continue
        x, y, w, h = where[0][:4]
        pad = max(3, int(0.35 * h))
        crop_ = img[max(0, y - pad):y + h + pad, max(0, x - pad):x + w + pad]
        if crop_.size == 0:
            continue
        crop_ = cv2.resize(crop_, None, fx=40.0 / crop_.shape[0], fy=40.0 / crop_.shape[0],
                           interpolation=cv2.INTER_CUBIC)
        text, score = read(np.ascontiguousarray(crop_[:, :, ::-1]))
        if _as_label(text, score, None) == got:
            return got
    return None


def _strokes_in_order(boxes: list[Box], letters: list[str | None], want: list[str]) -> list[str | None]:
    """Several strokes left (small-print i, j and l all read as a bare stroke): named only when
    every panel has a caption letter or a stroke, the strokes are as many as the caption letters
    left, those are all letters a stroke can be (I, J, L), and the panels in reading order (by rows,
    or by columns) spell the caption's letters in order with the strokes in the gaps. Otherwise the
    strokes stay unnamed (the figure stays whole)."""
    left = [c for c in want if c not in letters]
    if None in letters or len(letters) != len(want) or letters.count(_BAR) != len(left) \
            or not set(left) <= {"I", "J", "L"}:
        return letters
    by_box = dict(zip(boxes, range(len(boxes))))
    for order in (reading_order(boxes),
                  [Box(t.y, t.x, t.h, t.w) for t in reading_order([Box(b.y, b.x, b.h, b.w) for b in boxes])]):
        seq = [letters[by_box[b]] for b in order]
        fill = iter(left)
        named = [next(fill) if L == _BAR else L for L in seq]
        if named == list(want):
            out = list(letters)
            for b, L in zip(order, named):
                out[by_box[b]] = L
            return out
    return letters


def decisions(pairing: Pairing) -> list[dict]:
    """What harvest emits for one figure, as `inspect figure` prints it: one dict per panel row, or a
    single {"decision": "whole", "reason": ...}."""
    if pairing.panels:
        return [{"box": b.xyxy, "letter": L, "sub_caption": t} for L, b, t in pairing.panels]
    return [{"decision": "whole", "reason": pairing.note}]


def figure_bgr(data: bytes, decoded=None) -> np.ndarray:
    """Decode figure bytes (checked by derm1m_build.images.decode: bombs, corrupt files) to BGR.
    `decoded`: `decode(data)` already done by the caller (the image store's check), not done again."""
    from derm1m_build.images import decode

    im = decoded if decoded is not None else decode(data)
    return cv2.cvtColor(np.asarray(im.convert("RGB")), cv2.COLOR_RGB2BGR)


def figure_panels(data: bytes, caption: str, read=None, detect=None, decoded=None
                  ) -> tuple[np.ndarray, Pairing, SubCaptions]:
    """The one code path from a figure's bytes and caption to its rows, shared by the PubMed source
    and `derm1m-build inspect figure`: the decoded image, the pairing and the sub-captions.
    `decoded`: the PIL image `images.decode(data)` gives, when the caller has it (`ImageStore.put_decoded`)."""
    img = figure_bgr(data, decoded)
    try:
        pairing, subs = pair(img, caption, read=read, detect=detect)
    except Exception as e:  # noqa: BLE001 - a layout the split cannot read: the figure stays whole, the reason kept
        # a harvest of half a million articles must not stop on one figure, and a whole figure with its whole
        # caption is always a right row; the note names the failure so the report and an audit can find it
        return img, Pairing([], note=f"split_failed: {type(e).__name__}"), split_caption(caption)
    return img, pairing, subs
