"""`split_panels`: the image side's answer, the panel boxes of a figure (no OCR).

It runs the XY-cut (`xycut.layout`) at the scales worth trying, applies the joins (`charts.py`), drops
specks and keeps the figure whole when the pieces leave most of its ink out. Its own module because it
is the one place that orders the layout steps; everything it calls is a step with one job."""

from __future__ import annotations

import cv2
import numpy as np

from .gutters import _MAX_SIDE, Box, _union, channel_min, frame_tinted
from .figure import grey_view
from .memo import one_figure
from .strip_tops import strip_topped
from .print_photos import split_print_photos
from .xycut import _side_rules, _union_all, reading_order
from .axes import _on_margin, dark_parts, frame_pieces
from .orphans import join_labels, join_orphans
from .framed import drawings_apart, shape_variants
from .shared_axis import join_on_axis
from .corner import join_corner
from .pages import join_pages
from .nested import absorb_nested
from .ground import join_ground
from .keys import join_keys
from .keyed_row import join_keyed_row
from .faces import join_cut_faces
from .titled import join_titled
from .arrows import join_arrows
from .bands import join_bands
from .repeats import screens_in_row
from .beside import photo_beside_drawing
from .frames_apart import frames_apart
from .congruent import equal_copies
from .boxed import join_boxed
from .stains import split_stains
from .strips import split_strips
from .matches import split_matches
from .emblem import join_name_line
from .stems import join_stems
from .dashes import join_dashes
from .faint import deepen_faint
from .backdrop import photo_backdrop
from .seams import split_seams
from .zoom import split_zoom
from .operators import split_operands
from .row_names import join_named_rows
from .linked import split_linked
from .shared_frames import split_shared_frames
from .tick_restarts import split_tick_restarts
from .photo_pair import split_photo_pair
from .rule_pitch import split_rule_pitch
from .lettered_frames import split_lettered_frames
from .inward_frames import split_inward_frames
from .tint_gaps import join_tint_gaps
from .ui_ground import one_program_panel
from .title_window import titled_window
from .tiled_scan import one_tiled_scan
from .cell_seams import join_cell_seams
from .slide_frame import slide_frame
from .prose_page import prose_page
from .binary_fields import join_binary_fields
from .tick_pictures import join_tick_pictures
from .caption_columns import join_over_captions
from .through_seam import join_through_seams
from .titled_tiles import titled_cells
from .window_columns import join_window_columns
from .dashed_rules import cut_dashed_rules
from .screens import bar_buttons, dark_docks, docked_pane, join_cards, page_bar, window_face
from .charts import _colour_bars, _heat_cells, _label_cut, _facets, _linked, _one_chart, _own_labels, _panel_trees, _plausible, _scale_candidates, _under_labelled


@one_figure
def split_panels(img: np.ndarray, expect: int | None = None) -> list[Box]:
    """Panel boxes in reading order; one box (the content) when the figure has no gutters.

    Pieces that are no panel of their own (see `_minor_merge`) join their panel or are left out;
    `pair` works on the raw pieces instead, where printed letters do the grouping.

    Pieces one of which dwarfs the rest (`_plausible` fails) give one box, the figure's content: a
    diagram's blocks beside its main scheme are no panels, and panels beside a piece holding
    several are not all of them.

    `expect` (the number of panels the caption names, see `caption_panel_count`) is a soft prior:
    when the gutter split gives another count, the segmentations the same cut tree gives at coarser
    gutter scales are tried (`_scale_candidates`), and the first with `expect` pieces is taken; when
    none has it, the gutter split stands. It never makes a cut the image does not show, and a
    candidate one piece of which holds most of the figure is not taken (`_plausible`). When no scale
    of that tree has `expect` pieces, the same is tried on the layout that also cuts at gutters
    text pokes into (`layout(img, bridged=True)`), when it differs.

    In the gutter split (not in a caption-count candidate), pieces a line runs across (a frame, an axis, a dotted reference line),
    header or axis pieces and a mosaic's tiles are joined to their chart first (`_one_chart`): one
    chart's strips are one panel. When that join gives `expect` pieces, no other scale is tried.

    Flat grey plotting areas (ggplot2's theme) are framed first (`gutters.frame_tinted`): the gutter
    test reads their grey and white grid lines as white paper, and would cut a plot's points apart.
    Not where the figure is a lattice display of strip-titled facets (`_facets`), whose touching
    grey facets are panels told apart by their strips."""
    img = deepen_faint(img)   # pale drawings on white under dark titles: their grey is no paper
    framed = frame_tinted(img)   # flat grey plotting areas (ggplot2) framed: their grey is no paper ...
    if framed is not img and _facets(img) is None:   # ... unless a lattice display's facets, cut by their strips
        img = framed
    n, tree, boxes, raw_tree, raw_boxes, merged = _panel_trees(img)
    merged = join_cut_faces(img, merged)   # a line drawn across one flat face (a placeholder's cross) is no gutter
    merged = equal_copies(merged, boxes[:n]) or merged   # copies of one panel in a row, unevenly merged, stand apart
    merged = cut_dashed_rules(img, merged) if merged else merged   # a dashed rule between blocks of panels is no panel's ink
    out = _join_specks(img, _linked(img, _one_chart(img, merged or boxes, boxes[:n])))
    out = titled_cells(img, out, merged or boxes)   # a grid of pictures each under its own title: its cells are panels
    heat = _heat_cells(img, out)
    heated = len(heat) < len(out)   # a heat map's cells joined (then its colour bar): its rows are no facets
    parts = dark_parts(img) if _on_margin(img) else None   # the dark pixels' components, read by the next two steps
    out = frame_pieces(img, _colour_bars(img, heat), parts)   # one plot per axes frame: cut between frames, joined inside one
    out = join_keyed_row(img, out)   # a row of maps read by one colour ramp beside it is one panel (before their print joins)
    out = join_orphans(img, out)   # a plot's print joins its plot; a drawing's parts one stroke joins are one
    out = join_on_axis(img, out, boxes)   # a plot's columns of points cut apart over one x axis are one plot
    out = join_corner(img, out, parts)   # a corner plot's triangle of cells sharing their axes is one plot
    out = join_titled(img, out)   # an image cut at its own content's edge under one title is one image
    out = join_arrows(img, out)   # an arrow between photographs goes with the nearer one
    out = join_bands(img, out)   # a band of a picture's own colour, paper past its ends, is no gutter
    out = join_tint_gaps(img, out)   # a gap of a plotting area's flat tint is its empty ground, no gutter
    out = join_tick_pictures(img, out)   # pictures centred under a plot's ticks are its axis labels
    out = join_over_captions(img, out)   # the pieces over one sub-caption line, in its column: one panel
    out = join_through_seams(img, out)   # a cut with no gutter running on through a picture is no seam
    out = join_cell_seams(img, out)   # a cut along one of a cell raster's own lines (a coarse map) is no seam
    out = join_window_columns(img, out)   # the pieces of one window between its title bar and bottom bar: one panel
    if expect is not None and expect >= 2 and len(merged or boxes) != expect \
            and not (len(out) == expect and _plausible(out)):
        for cand in _scale_candidates(img, ((tree, boxes), (raw_tree, raw_boxes)), n):
            if len(cand) == expect and _plausible(cand):
                return reading_order(cand)
        bn, btree, bboxes, braw_tree, braw_boxes, bmerged = _panel_trees(img, bridged=True)
        if braw_boxes != raw_boxes:
            if len(bmerged) == expect and _plausible(bmerged):
                return reading_order(bmerged)
            for cand in _scale_candidates(img, ((btree, bboxes), (braw_tree, braw_boxes)), bn):
                if len(cand) == expect and _plausible(cand):
                    return reading_order(cand)
    # pieces one of which dwarfs the others (over `_DOMINANT` times their mean area) are a diagram's
    # or a photo's parts (boxes and arrows beside the big block, craters), or panels beside one
    # piece holding several: not the panels; the figure is one box
    if len(out) >= 2:
        out = _under_labelled(img, out)
    if len(out) >= 2 and (_program_window(img) or page_bar(img) or window_face(img, out)
                          or docked_pane(img)):   # one window, one web page, one viewer
        return [_union_all(out)]
    if len(out) >= 2 and _app_window(img, out):
        return [_content_box(img, out)]
    if slide_frame(img, len(out)):   # one slide between its dark header and footer bands (a player's still too)
        return [_content_box(img, out)]
    if prose_page(img, out):   # one page of running text: a paragraph of small print fills much of it
        return [_union_all(out)]
    if titled_window(img, out):   # one program window under its title bar, cut off at the bottom
        return [_content_box(img, out)]
    cut = _label_cut(img, out)
    if cut is not out:  # every panel found by its own sub-caption line: the labels decide
        return reading_order(cut)
    if len(out) >= 2 and not _plausible(out) and not _own_labels(img, out):
        out = [_union_all(out)]
    if len(out) >= 2:
        content = _left_out(img, out)
        if content is not None:
            out = [content]
    if len(out) >= _SHEET_PIECES - 1 and _label_sheet(img, out, ladders=len(out) < _SHEET_PIECES):
        # all print: one sheet of labels, unless faint page outlines hold the pieces (rendered pages)
        out = join_pages(img, out) or [_union_all(out)]
    if (len(out) <= 3 or strip_topped(img, out)) and not heated:   # ... or more, each topped by a facet strip
        # one piece (or a few): a lattice display's facets touch or have gutters too thin to cut;
        # their strip titles tell them apart. Facets leaving most of the figure out are bands, not
        # facets; with pieces already cut, the facets must refine them (each facet mostly inside one
        # piece, each piece holding one: a lattice cut in two between its rows of facets)
        facets = _facets(img)
        if facets is not None and len(facets) > len(out) and _left_out(img, facets) is None \
                and (len(out) == 1 or _refines(facets, out)) and not _app_window(img, facets):
            return reading_order(facets)
    if len(out) >= 2:
        out = join_labels(img, out)   # a point's label set apart joins its drawing
        if shape_variants(img, out):   # solid shapes side by side in one frame: one drawing
            out = [_union_all(out)]
    elif out:
        out = drawings_apart(img, out) or out   # drawings in one frame, parted by bare paper
    out = join_dashes(img, out)   # a dashed stroke cut where its dashes pause: one drawing
    out = join_stems(img, out)   # a tree's leaf stems over the cells of its heat map: one chart (its key then nests)
    # last, so that they only join: panels never nest; a window's strips on one tinted face set on the paper are one panel;
    # pieces parted by a band of one picture's own ground (a slide's glass, a micrograph's dark field) are one picture
    out = split_strips(img, out)   # rows of a grid of small panels, too short for the cut
    out = join_keys(img, join_ground(img, out))   # ... and a chart's colour key set apart joins its chart
    out = join_cards(img, absorb_nested(out))
    out = frames_apart(img, out)   # framed panels set a few pixels apart
    out = join_boxed(img, out)   # one dark frame round pieces cut along a coloured line of its drawing
    out = split_stains(img, out)   # fluorescence channels edge to edge on a dark field
    out = split_matches(img, out)   # two photographs joined by match lines across the paper between them
    out = screens_in_row(img, out) or out   # one program's screens edge to edge: its title bar repeats
    out = photo_beside_drawing(img, out, boxes[:n]) or out   # a set-up's photograph beside its circuit
    out = join_name_line(img, out)   # an emblem over its own name line, cut between its words, is one image
    out = bar_buttons(img, out)   # a window's buttons on its footer bar are the window's
    if dark_docks(img, out):   # a dark theme's docks beside the view they serve: one window
        out = [_union_all(out)]
    if photo_backdrop(img, out):   # pieces parted by a photograph's dim shaded backdrop: one photograph
        out = [_union_all(out)]
    out = split_seams(img, out)   # rasters touching in an even grid: cut at the seams between them
    out = split_zoom(img, out)   # a plot and its zoomed view joined by a zoom band: two panels
    out = split_operands(img, out)   # terms joined by '+' and '=' signs are panels, the signs none
    out = join_named_rows(img, out)   # rows of pictures each named by one line centred under it: one panel a row
    out = split_linked(img, out)   # pictures on paper linked only by arrows: one panel each
    out = split_photo_pair(img, out)   # two photographs of one size edge to edge: cut at the middle seam
    out = split_rule_pitch(img, out)   # frames at one pitch parted by rules: a piece spanning two pitches is two
    out = split_shared_frames(img, out)   # plots parted by shared frame lines that carry ticks: one panel each
    out = split_tick_restarts(img, out)   # plots edge to edge whose outer axes restart their ticks at each shared line
    out = split_lettered_frames(img, out, parts)   # framed plots each titled "a) ...": one panel each
    out = split_inward_frames(img, out, parts)   # equal plots stacked, their ticks inside their frames: one panel each
    out = split_print_photos(img, out)   # photographs on paper with only print between them: one panel each
    out = one_program_panel(img, out)   # print and icons on a program's mid-grey ground: one screenshot
    out = one_tiled_scan(img, out)   # sections of one slide scan on its tiled grey ground: one picture
    out = join_binary_fields(img, out)   # pieces of one binary mask's black field: one picture a field
    return reading_order(out)


_WIN_RULE = 0.9     # a window's border: dark along this share of each side at least ...
_WIN_NEAR = 0.03    # ... its title line starting within this share of the height under the top side ...
_WIN_LINE = 0.12    # ... at most this share of the height tall ...
_WIN_END = 0.05     # ... its first mark (the icon) and last (the close button) within this share of the width
                    # of the sides, the last at most 1.5 lines wide ...
_WIN_GAP = 0.25     # ... after a stretch of empty bar this share of the width at least


def _program_window(img: np.ndarray) -> bool:
    """Whether the figure is one program window (a dialog, a file chooser): its content is boxed by
    a thin dark border on its top, left and right sides, and the first line inside the top side is a
    title bar: an icon against the left side, the title, an empty stretch, and a close button against the right
    side. The XY-cut finds gutters between the window's own group boxes, panes and button rows;
    those are no panels (a figure of several windows has several borders, and no border boxes all
    of them)."""
    H, W = img.shape[:2]
    step = max(1, max(H, W) // _MAX_SIDE)
    view = np.ascontiguousarray(img[::step, ::step])
    grey = view if view.ndim == 2 else channel_min(view[:, :, :3])
    h, w = grey.shape
    ink = grey < 160
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if len(rows) < 2 or len(cols) < 2:
        return False
    y0, y1, x0, x1 = int(rows[0]), int(rows[-1]), int(cols[0]), int(cols[-1])
    if min(y1 - y0, x1 - x0) < 40:
        return False
    border = grey < 200
    # the bottom side is not asked for: a screenshot cut off at the bottom, or a drop-down list
    # hanging out of the window, has none
    if min(float(border[y0, x0:x1 + 1].mean()),
           float(border[y0:y1 + 1, x0].mean()), float(border[y0:y1 + 1, x1].mean())) < _WIN_RULE:
        return False
    inner = ink[y0 + 1:y1, x0 + 1:x1]
    lines = np.flatnonzero(inner.any(axis=1))
    if not len(lines) or lines[0] > _WIN_NEAR * (y1 - y0):
        return False
    top = int(lines[0])
    stop = np.flatnonzero(~inner[top:].any(axis=1))
    if not len(stop) or stop[0] > _WIN_LINE * (y1 - y0):
        return False
    line = inner[top:top + int(stop[0])]
    tall = line.shape[0]
    marks = np.flatnonzero(line.any(axis=0))
    iw = inner.shape[1]
    if marks[0] > _WIN_END * iw or marks[-1] < (1 - _WIN_END) * iw:
        return False
    gaps = np.diff(marks)
    k = int(np.argmax(gaps))
    if gaps[k] < _WIN_GAP * iw:
        return False
    # the close button: the marks after the last gap of a line's height or more, at most 1.5 lines wide
    wide = np.flatnonzero(gaps > tall)
    last = marks[wide[-1] + 1] if len(wide) else marks[0]
    return bool(marks[-1] - last + 1 <= 1.5 * tall)


_APP_PAPER = 240    # a chrome bar's pixel: some channel under this (no paper) ...
_APP_FULL = 0.8     # ... on this share of each of its rows at least (a title's white letters) ...
_APP_SLACK = 2      # ... but for runs of at most this many light rows (a frame's bevel) ...
_APP_BAR = (0.015, 0.06)  # ... a band of such rows this share of the height tall (at least; only this much is read)
_APP_NEAR = 0.01    # ... starting within this share of the height of the top (or ending of the bottom) edge ...
_APP_TONE = (50, 235)  # ... its mean brightness in this range: no black ground, no paper ...
_APP_FLAT = 0.5     # ... and this share of its neighbouring pixels differing by 1 at most (flat fills)
_APP_GROUND = 24    # a ground: half its colour spread (any channel) along an outermost line (JPEG chroma noise), at most
_APP_EDGE = 24      # a break: neighbouring pixels differing by more than this (any channel) ...
_APP_BREAK = 0.7    # ... in one column (or two side by side) on this share of the top bar's rows at least
_APP_SPAN = 0.9     # no piece may hold this share of the top bar's width (a wide panel's own top rows)


def _chrome_band(view: np.ndarray, top: bool) -> tuple[int, int] | None:
    """The rows (start, stop) of a bar of chrome along the top (or bottom) edge of `view`: rows
    with no paper across the whole width (a title bar, a status bar), starting at the edge (a frame's
    few rows of slack allowed), of a middle tone. None when there is none."""
    h = view.shape[0]
    lo, hi = _APP_BAR
    need, most, near = max(3, int(lo * h)), max(4, int(hi * h)), int(_APP_NEAR * h) + 2
    rows = range(0, min(h, near + most)) if top else range(h - 1, max(-1, h - 1 - near - most), -1)
    lo_row = min(rows[0], rows[-1])
    part = view[lo_row:max(rows[0], rows[-1]) + 1]    # only the rows read (this runs on every cut figure)
    dark = (part.min(axis=2) if part.ndim == 3 else part) < _APP_PAPER
    run: list[int] = []
    miss = 0
    for y in rows:
        if float(dark[y - lo_row].mean()) >= _APP_FULL:
            run.append(y)
            miss = 0
            if len(run) >= most:
                break
        elif run and miss < _APP_SLACK:
            miss += 1   # a bevel's light line, a title in white: a bar has a few light rows
        elif run:
            break
        elif abs(y - rows[0]) > near:
            return None
    if len(run) < need:
        return None
    a, b = min(run), max(run) + 1
    tone = float(view[a:b].mean())
    if not _APP_TONE[0] <= tone <= _APP_TONE[1]:
        return None
    # drawn chrome is flat fills and gentle gradients: most neighbours differ by 1 at most, where a
    # photograph's rows (skin, sky, a scan) have grain on them
    bar = view[a:b].astype(np.int16)
    step = np.abs(np.diff(bar, axis=1))
    if float(((step.max(axis=2) if step.ndim == 3 else step) <= 1).mean()) < _APP_FLAT:
        return None
    return a, b


def _framed_by_ground(view: np.ndarray) -> bool:
    """Whether the outermost rows and columns on every side (the edge line and the one 2 pixels in)
    are one colour, the same all round: a figure on a ground (a grey or black page round
    photographs), not a window running to the edges (a frame's line, 1 pixel, then its bars)."""
    if min(view.shape[:2]) < 8:
        return False
    lines = [view[0], view[-1], view[:, 0], view[:, -1], view[2], view[-3], view[:, 2], view[:, -3]]
    cols = []
    for ln in lines:
        ln = ln.reshape(len(ln), -1).astype(np.int16)
        if int((ln.max(axis=0) - ln.min(axis=0)).max()) > 2 * _APP_GROUND:
            return False
        cols.append(ln.mean(axis=0))
    return bool(np.abs(np.array(cols) - cols[0]).max() <= _APP_GROUND)


def _app_window(img: np.ndarray, out: list[Box]) -> bool:
    """Whether the pieces are parts of one application window filling the figure: a bar of chrome
    (title, menu and tool bars) runs along the top edge over the whole width and another (a status
    bar, the frame) along the bottom, both flat drawn fills, and no straight seam runs down the top
    bar between the frame's sides (two screenshots side by side, touching or not, have their own
    title bars, with a gutter or two frames between them). A window's panes, forms and dialogs on a
    plain workspace are its content, not panels. Only pieces cut side by side are asked about (a
    piece's side inside the figure), and a wide panel whose top rows make the bar is refused: no
    piece may hold most of the bar's width."""
    H, W = img.shape[:2]
    step = max(1, max(H, W) // _MAX_SIDE)
    view = img[::step, ::step, :3] if img.ndim == 3 else img[::step, ::step]   # no copy: two bands are read
    h, w = view.shape[:2]
    edge = max(4, int(_APP_NEAR * w) + 2)   # a piece's side on the window's frame is no inner side
    if not any(edge < s // step < w - edge for p in out for s in (p.x, p.x + p.w)):
        return False
    if _framed_by_ground(view):
        return False
    band = _chrome_band(view, True)
    if band is None or _chrome_band(view, False) is None:
        return False
    a, b = band
    if bool(((view[a:b].min(axis=2) if view.ndim == 3 else view[a:b]) >= _APP_PAPER).mean(axis=0)[edge:w - edge].max(initial=0.0) >= 0.9):
        return False    # a paper gutter runs down through the top bar: screenshots side by side
    ya, yb = a * step, b * step
    for p in out:
        if p.y < yb and p.y + p.h > ya and p.w >= _APP_SPAN * W:
            return False
    bar = view[a:b].astype(np.int16)
    diff = np.abs(np.diff(bar, axis=1))
    edges = (diff.max(axis=2) if diff.ndim == 3 else diff) > _APP_EDGE      # (rows, w - 1)
    # a seam is a straight line of edges down the bar (a glyph's or an icon's strokes do not line
    # up down all of the title, menu and tool bars), anywhere between the frame's sides: two windows
    # side by side, touching or parted by a gutter the pieces do not follow
    line = (edges[:, :-1] | edges[:, 1:]).mean(axis=0)
    if float(line[edge:w - edge].max(initial=0.0)) >= _APP_BREAK:
        return False
    return True


def _content_box(img: np.ndarray, out: list[Box]) -> Box:
    """A window filling the figure (its chrome runs along both edges) is the whole figure, not the
    pieces' union (the bars themselves may lie outside every piece)."""
    H, W = img.shape[:2]
    return Box(0, 0, W, H)


_SHEET_PIECES = 4   # a figure cut into at least this many pieces ...
_SHEET_MARK = 6.0   # ... each made of marks at most this many glyphs (2 % of the side) high and wide: labels
_SHEET_LOGO = 0.05  # ... but for one emblem under this share of the figure's area


def _label_sheet(img: np.ndarray, out: list[Box], ladders: bool = False) -> bool:
    """Whether the pieces are a label sheet's groups of print, not panels: every piece holds only
    marks of print size (at most `_SHEET_MARK` glyphs: words, pin numbers in boxes, arrow heads,
    small symbols), but for one small emblem at most (under `_SHEET_LOGO` of the figure's area: a
    maker's logo among the labels). A board's pin labels round its outline, a callout sheet's words
    and leader arrows: the XY-cut finds gutters between every group of words. A panel holds a
    drawing, a chart or a photograph, whose axes, frames, outlines or blobs run longer. A strip of
    pin boxes (`_ladder`) runs long but is print too; `ladders`: (three pieces, fewer than
    `_SHEET_PIECES`) only a sheet with two such strips (a board's two pin rows) is one."""
    H, W = img.shape[:2]
    glyph = 0.02 * max(H, W)
    other = strips = 0
    for b in out:
        part = np.ascontiguousarray(img[b.y:b.y + b.h, b.x:b.x + b.w])
        grey = part if part.ndim == 2 else cv2.cvtColor(part[:, :, :3], cv2.COLOR_BGR2GRAY)
        n, labels, stats, _ = cv2.connectedComponentsWithStats((grey < 160).view(np.uint8), connectivity=8)
        if n < 2:
            return False
        if _framed_piece(img, b, glyph):
            return False
        big = np.flatnonzero(stats[1:, 2:4].max(axis=1) > _SHEET_MARK * glyph) + 1
        if len(big) == 1 and _ladder(stats[big[0]], labels, int(big[0])):
            strips += 1
            continue
        if len(big):
            other += 1
            if other > 1 or b.w * b.h >= _SHEET_LOGO * H * W:
                return False
    return strips >= 2 if ladders else True


_FRAME_SIDE = 4.0   # a plot's frame: a closed outline at least this many glyphs high and wide ...
_FRAME_RUN = 0.9    # ... inked along this share of each of its four sides at least


def _framed_piece(img: np.ndarray, b: Box, glyph: float) -> bool:
    """Whether a piece holds a plot's frame (`_plot_frame`), read 2 pixels past its box (a cut may
    leave a frame's last line just outside the piece)."""
    H, W = img.shape[:2]
    part = np.ascontiguousarray(img[max(0, b.y - 2):min(H, b.y + b.h + 2), max(0, b.x - 2):min(W, b.x + b.w + 2)])
    grey = part if part.ndim == 2 else cv2.cvtColor(part[:, :, :3], cv2.COLOR_BGR2GRAY)
    n, labels, stats, _ = cv2.connectedComponentsWithStats((grey < 160).view(np.uint8), connectivity=8)
    return n > 1 and _plot_frame(labels, stats, glyph)


def _plot_frame(labels: np.ndarray, stats: np.ndarray, glyph: float) -> bool:
    """Whether a piece holds a plot's frame: a component whose box is at least `_FRAME_SIDE` glyphs
    on both sides and which is inked along (within 2 pixels of) each of the four sides of that box.
    A small plot's frame round its points (a grid of point patterns, each a few glyphs across)
    is no mark of print; a label sheet's pin and word boxes are a glyph or two high."""
    for k in np.flatnonzero((stats[1:, 2] >= _FRAME_SIDE * glyph) & (stats[1:, 3] >= _FRAME_SIDE * glyph)) + 1:
        x, y, w, h = (int(v) for v in stats[k, :4])
        mask = labels[y:y + h, x:x + w] == k
        sides = (mask[:3].any(axis=0), mask[-3:].any(axis=0), mask[:, :3].any(axis=1), mask[:, -3:].any(axis=1))
        if min(float(s.mean()) for s in sides) >= _FRAME_RUN:
            return True
    return False


_LADDER_CELLS = 8    # a strip of at least this many boxes, one under another (or side by side) ...
_LADDER_LONG = 4.0   # ... this many times as long as it is wide at least ...
_LADDER_FILL = 0.25  # ... with at most this share of its box inked (outlines, not a bar) ...
_LADDER_LINE = 0.7   # ... and this share of its cells in one line


def _ladder(stat: np.ndarray, labels: np.ndarray, k: int) -> bool:
    """Whether component `k` (its stats row `stat`) of the piece is a strip of boxes in one line: a
    board's pin strip, each pin's number in its box, the arrows of its labels touching it. It runs
    the length of the sheet, but is print in the sense `_label_sheet` asks: a row of small boxes.
    A plot's grid has cells in several columns, a frame one cell, a bar no holes."""
    x, y, w, h = (int(v) for v in stat[:4])
    if max(w, h) < _LADDER_LONG * min(w, h) or stat[4] > _LADDER_FILL * w * h:
        return False
    mask = (labels[y:y + h, x:x + w] == k).view(np.uint8)
    found, hier = cv2.findContours(mask, cv2.RETR_CCOMP, cv2.CHAIN_APPROX_SIMPLE)
    if hier is None:
        return False
    cells = [cv2.boundingRect(c) for c, hh in zip(found, hier[0]) if hh[3] >= 0]
    if len(cells) < _LADDER_CELLS:
        return False
    # one line of cells: along the strip's short side most cells overlap the middle one (a label's
    # drawing touching the strip may close a few more)
    lo, hi = (0, 2) if h > w else (1, 3)
    mid = sorted(cells, key=lambda c: c[lo])[len(cells) // 2]
    line = sum(c[lo] < mid[lo] + mid[hi] and mid[lo] < c[lo] + c[hi] for c in cells)
    return line >= max(_LADDER_CELLS, _LADDER_LINE * len(cells))


def _refines(fine: list[Box], coarse: list[Box]) -> bool:
    """Whether every box of `fine` lies mostly (over half its area) inside one box of `coarse`, and
    every box of `coarse` holds one of them at least (a cut through a row of facets leaves each
    facet mostly on one side)."""
    def inside(a: Box, b: Box) -> float:
        ix = max(0, min(a.x + a.w, b.x + b.w) - max(a.x, b.x))
        iy = max(0, min(a.y + a.h, b.y + b.h) - max(a.y, b.y))
        return ix * iy / max(1, a.w * a.h)

    held = [0] * len(coarse)
    for f in fine:
        homes = [k for k, c in enumerate(coarse) if inside(f, c) > 0.5]
        if len(homes) != 1:
            return False
        held[homes[0]] += 1
    return all(held)


_LEFT_INK = 0.6    # pieces left out (as slivers) holding over this share of the figure's ink ...
_LEFT_AREA = 0.45  # ... while the pieces kept cover under this share of its content's box: no panel layout


def _left_out(img: np.ndarray, out: list[Box]) -> Box | None:
    """The figure's content box when the pieces kept are not its panels: the layout left most of
    the ink out (slivers lined up with several pieces, see `_minor_merge`) and the pieces kept cover
    under `_LEFT_AREA` of the content. A flow chart's boxes in a row between arrows (TSP fig 1), a
    software window's controls under its big display, a heat map's bands between its rules: what
    was left out is the figure. Else None. Panels dropping a shared header, key or axis title
    keep most of the ink."""
    grey, step = grey_view(img)
    ink = grey < 200
    fx0, fy0, fx1, fy1 = _side_rules(grey)
    if (fx0, fy0, fx1, fy1) != (0, 0, grey.shape[1], grey.shape[0]):
        # the rules boxing a float are no content the panels left out
        inside = np.zeros_like(ink)
        inside[fy0:fy1, fx0:fx1] = True
        ink &= inside
    total = int(np.count_nonzero(ink))
    if not total:
        return None
    kept = np.zeros_like(ink)
    for b in out:
        kept[b.y // step:-(-(b.y + b.h) // step), b.x // step:-(-(b.x + b.w) // step)] = True
    if np.count_nonzero(ink & ~kept) <= _LEFT_INK * total:
        return None
    ys, xs = np.nonzero(ink)
    y0, y1, x0, x1 = int(ys.min()), int(ys.max()) + 1, int(xs.min()), int(xs.max()) + 1
    if np.count_nonzero(kept[y0:y1, x0:x1]) >= _LEFT_AREA * (y1 - y0) * (x1 - x0):
        return None
    H, W = img.shape[:2]
    return Box(x0 * step, y0 * step, min(W, x1 * step) - x0 * step, min(H, y1 * step) - y0 * step)


_SPECK_AREA = 0.1   # a piece of at least this share of the figure's area ...
_SPECK_COUNT = 8    # ... printed with at most this many marks ...
_SPECK_SIZE = 0.05  # ... each at most this share of the figure's longer side: a few points, no panel


def _specks(img: np.ndarray, b: Box, side: int) -> bool:
    """Whether a big piece holds only a few small marks (the isolated nodes of a graph drawing,
    butts2008 network fig 2: five dots far from the cluster) on flat paper: no axis, frame, text
    line or photo, so no panel of its own."""
    step = max(1, side // _MAX_SIDE)  # on every step-th pixel (speed): a dot stays a dot
    grey = cv2.cvtColor(np.ascontiguousarray(img[b.y:b.y + b.h:step, b.x:b.x + b.w:step, :3]), cv2.COLOR_BGR2GRAY)
    level = int(np.median(grey[::4, ::4]))
    if level < 200:
        return False
    diff = cv2.absdiff(grey, np.full_like(grey, level))
    if float(np.count_nonzero(diff <= 12)) < 0.97 * diff.size:
        return False  # not marks on flat paper (a photo, a scan, a filled chart)
    n, _, stats, _ = cv2.connectedComponentsWithStats((diff > 40).view(np.uint8), connectivity=8)
    marks = stats[1:]
    return 0 < len(marks) <= _SPECK_COUNT and bool((marks[:, 2:4] * step <= _SPECK_SIZE * side).all())


def _join_specks(img: np.ndarray, out: list[Box]) -> list[Box]:
    """Pieces that are only a few specks (`_specks`) joined to the nearest other piece."""
    if len(out) < 2:
        return out
    H, W = img.shape[:2]
    side = max(H, W)
    out = list(out)
    for b in [b for b in out if b.w * b.h >= _SPECK_AREA * H * W and _specks(img, b, side)]:
        rest = [o for o in out if o != b]
        if not rest:
            break

        def gap(o: Box) -> int:
            return max(o.x - (b.x + b.w), b.x - (o.x + o.w), 0) + max(o.y - (b.y + b.h), b.y - (o.y + o.h), 0)

        near = min(rest, key=gap)
        out = [o for o in rest if o != near] + [_union(near, b)]
    return out
