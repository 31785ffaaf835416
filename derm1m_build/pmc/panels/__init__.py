"""Compound figures: split the image into panels and the caption into per-panel sub-captions, and pair
them only when the image and the caption agree on which panel is which.

A wrong crop under a caption is worse than no split, so the default answer is "keep the figure whole
with its whole caption" (with the reason in `panel_note`), and a figure becomes one row per panel only
when every panel found in the image carries exactly one printed letter, read by OCR, and those letters
are exactly the caption's letters. Caption text is matched to a panel by its letter, never by position.

Image side (OpenCV + numpy, no OCR): a recursive XY-cut on gutters of any colour. A gutter is a run of
lines (rows or columns of the region) each of one uniform colour (white, black, grey...; not
necessarily the border's colour); 1-pixel lines of a colour different from both sides count too, so
CT grids split on the thin white rule between dark scans. Where a region has no gutter at all, a cut
may follow a photo edge: a line across which almost every pixel changes, where the lines around it
change in few, giving pieces of panel size (only in photographic regions: charts on paper have frames).
Thin pieces between gutters (label rows, titles, axis labels, legends) are kept with their neighbour
instead of being dropped or split off, so sub-plots stay with their panel. Pieces of one chart are
joined again (a line across the gutter, a header or axis strip, a mosaic plot's framed flat tiles facing
each other, a tree's or flow chart's slanted edge broken by its label), legends and row labels (print
only, even when cut into several pieces) join the chart beside them, pieces over bracketed "(a)"
labels printed under them are grouped by label, a heat map's abutting cells of flat tinted fill are
one panel, and a figure left in one piece that is a lattice display is cut into its strip-titled facets. A layout that leaves most of the ink out (its pieces
were slivers between rows of a diagram) is no panel layout: the figure is one panel. Boxes come out in
reading order: grouped into rows by vertical overlap, then left to right.

Letter side (OCR, `derm1m_build.ocr`): only for a captioned figure that split into 2+ pieces, OCR
reads the top-left corner of each piece (a small crop, so the cost is ~20-100 ms per piece, not a
whole-figure pass); a piece whose corner shows no letter but which sits beside a lettered one is merged
into it (a sub-plot of that panel). Caption letters no corner showed are looked for inside the largest
pieces, at the size of the labels already read; a piece whose labels line up is cut between them by
lines of background right across it (each label marks its panel's top-left), else it stays whole.
Labels joined to skin texture or hair get a second look, at the corner's ink alone; a label in a
white box is read before its box. Letters still missing are read where the other labels sit (the
same offset from the piece's corner), then looked for over the whole figure: a label in the gutter
above its panel (inside the box of the piece above, on its bottom edge) names the piece it heads,
and the piece holding it ends before it. A letter read at two corners names the piece where the
labels sit. With labels at the top-right or bottom-left, pieces are grouped mirrored; a label off
its panel's corner after grouping keeps the figure whole. Labels at mixed corners (a top-left, b
top-right, c bottom-left) pair when every piece carries exactly one caption letter over its corners.
Sub-captions printed under their panels, each line opening with its bracketed label ("(a) CIFAR-10"
centred under the plot), pair by letter, the crop taking the printed lines; where the gutters cut
such a figure otherwise (three trees over one "(a)" line, a "(b)" line cut into the piece under it),
the label lines themselves cut it, under or over the panels (`printed_label_panels`), and the printed
letters must run A, B, C... as the caption's do. A line of printed labels the gutter split leaves as a piece of its own,
under or over two or more panels, is never a row's crop (`_label_row`): the panels are cut under their labels
instead, or the figure stays whole. White letters on pale skin get a last look at white
ink alone.

Caption side: markers `(A)`, `(a)`, `(A, C)`, `(A–C)`, `(A and B)`, `(Ai–ii)`, `(A upper panel)`,
bare `A,` / `A:`, `A)`, `A.` and `Panel A:` at a sentence start, and Nature's bare lowercase `a Text b, c Text`.
Captions naming panels only as "Fig. 2a" of their own figure, or "(1a = lateral view, 1b = ...)", give
letters the image must print (`split_figure_refs`), as the bare-letter run does; so do captions
naming them in running text by a picture word and a capital ("on image 'A' below ... for image B",
`split_panel_refs`), and captions whose sentences have the bare capital letters as their subject
("A, G, and J show ... B and E show ...", `split_letter_subjects`). A parenthesis
whose letters are all defined already is a back-reference ("Cells in (A) were...") unless it opens a
sentence (then it adds text to those panels); a new letter is accepted only near the sequence so far
(at most two past the highest letter, or filling a gap), so "(N)" for "normal" after (G) is text.
The text before the first marker (the lead sentence) is shared and prefixed to every sub-caption.
Unlettered captions may name panels by place ("Left: ...", "Left) ...", "Left, ...", "... test (left) and fitted model (right)",
"... for a = 1 (the left) and for a = -1 (the right)",
"(bottom panel, with ...)", "The first row shows ... The second row ...", "The first panel ... The
second panel ...": in one row or one column only),
"From left to right: X, Y and Z." (two or three items listed after the phrase, to its sentence's end),
"The left-hand plot shows ...", places in one sentence each in a clause of its own ("the map in the
left panel, while the middle panel ..., the right panel shows ...": only when they are the caption's only place words and
not ordinals), or a pair of opposite places in one sentence, each opening or closing its
clause: "X is on the left, Y on the right", "Left is X and right Y"): rows named by place only when the
pieces are laid out that way. Panels labelled "(a)" alone under them, read whole by OCR, give rows
when the caption-count split puts one label under each piece in caption order.

Modules, each with one job, importing one way only (captions, pixels, memo <- gutters <- figure <- glyphs <- xycut <-
charts <- split <- letters <- grouping <- pairing <- corner_count <- counted): `captions` (caption parsing; `place_words` reads Spanish,
Portuguese, French and German place words as English), `pixels` (exact fast forms of numpy reductions), `memo` (a
region's pixel reductions kept for one layout pass, a figure's values for one split), `gutters` (Box, gutters and
edges of one region), `figure` (the figure's darkest channel, ink and greys, made once per split), `glyphs`
(label-shaped ink, brackets), `xycut` (the recursive cut, frames,
reading order), `charts` (joins of one chart's pieces, facets, labels under panels, rows, scales),
`framed` (what one frame round the figure holds: solid shape variants, drawings parted by bare paper), `nested` (a piece
inside another piece's box is part of it), `screens` (a screenshot's chrome: a window's face on a card, an app bar, a
title bar over one face, a docked pane), `axes` (one axes frame holds one panel), `corner` (a corner plot's cells are one plot), `shared_axis`
(pieces standing on one x axis), `orphans` (pieces that are no panel joined to theirs), `pages` (rendered pages side
by side), `split` (`split_panels`), `letters` (OCR reads of corner letters and label texts), `counted` (`count_panels`:
the gutter split or, where a reader is at hand, the panels printed sub-caption lines or corner letters name), `grouping`
(pieces to panels by letter), `pairing` (`pair`, rows, `decisions`, `figure_panels`), `corner_count` (the pieces
grouped under the run of letters printed at their corners, with no caption), `tick_restarts` (plots edge to edge whose
outer axes restart their ticks at each shared line), `rule_pitch` (frames at one pitch parted by rules). The names
below are the public API; private helpers are imported from their module.
"""

from __future__ import annotations

from .captions import (SubCaptions, caption_panel_count, split_bare_run, split_caption, split_figure_refs,
    split_letter_subjects, split_panel_refs, split_positions)
from .gutters import Box, crop
from .xycut import layout, reading_order
from .split import split_panels
from .letters import CORNERS, corner_letter, label_texts, min_h_of, printed_label_panels
from .counted import count_panels
from .pairing import Pairing, decisions, figure_bgr, figure_panels, pair

__all__ = [
    "SubCaptions", "split_caption", "split_bare_run", "split_figure_refs", "split_panel_refs", "split_letter_subjects", "split_positions",
    "caption_panel_count", "Box", "crop", "reading_order", "layout", "split_panels", "count_panels", "CORNERS",
    "corner_letter", "min_h_of", "label_texts", "printed_label_panels", "Pairing", "pair", "decisions", "figure_bgr", "figure_panels",
]
