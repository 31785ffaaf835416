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
labels printed under them are grouped by label, and a figure left in one piece that is a lattice
display is cut into its strip-titled facets. A layout that leaves most of the ink out (its pieces
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
centred under the plot), pair by letter, the crop taking the printed lines.

Caption side: markers `(A)`, `(a)`, `(A, C)`, `(A–C)`, `(A and B)`, `(Ai–ii)`, `(A upper panel)`,
bare `A,` / `A:`, `A)`, `A.` and `Panel A:` at a sentence start, and Nature's bare lowercase `a Text b, c Text`.
Captions naming panels only as "Fig. 2a" of their own figure, or "(1a = lateral view, 1b = ...)", give
letters the image must print (`split_figure_refs`), as the bare-letter run does. A parenthesis
whose letters are all defined already is a back-reference ("Cells in (A) were...") unless it opens a
sentence (then it adds text to those panels); a new letter is accepted only near the sequence so far
(at most two past the highest letter, or filling a gap), so "(N)" for "normal" after (G) is text.
The text before the first marker (the lead sentence) is shared and prefixed to every sub-caption.
Unlettered captions may name panels by place ("Left: ...", "Left, ...", "... test (left) and fitted model (right)",
"(bottom panel, with ...)", "The first row shows ... The second row ...", "The first panel ... The
second panel ...": in one row or one column only),
"The left-hand plot shows ...", or a pair of opposite places in one sentence, each opening or closing its
clause: "X is on the left, Y on the right", "Left is X and right Y"): rows named by place only when the
pieces are laid out that way. Panels labelled "(a)" alone under them, read whole by OCR, give rows
when the caption-count split puts one label under each piece in caption order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import cv2
import numpy as np

# ------------------------------------------------------------------ captions

_WS = re.compile(r"\s+")
_DASH = "-\u2010\u2011\u2012\u2013\u2014"
# one letter, optionally with roman-numeral sub-panels (Ai, Aii-iv), inside a marker list
_ITEM = r"[A-Za-z](?:[ivx]{1,4}(?:[" + _DASH + r"][ivx]{1,4})?)?(?![A-Za-z])"
_SEP = r"\s*(?:[" + _DASH + r",&]|\band\b|\bto\b)\s*"
_PAREN = re.compile(r"(?:\(\s*(" + _ITEM + r"(?:" + _SEP + _ITEM + r")*)"
                    r"((?:\s+(?:upper|lower|left|right|top|bottom|middle|inset|panels?)\b[a-z ]*)?)\s*\)"
                    r"|\[\s*(" + _ITEM + r"(?:" + _SEP + _ITEM + r")*)\s*\])")
_BARE_UPPER = re.compile(r"(?:^|(?<=[.;]\s))([A-Z](?:" + _SEP + r"[A-Z](?![A-Za-z]))*)\s*[,:]\s")
_BARE_LOWER = re.compile(r"(?:^|(?<=[.;]\s))([a-z](?:\s*(?:[" + _DASH + r",]|and)\s*[a-z])*)"
                         r"\s+(?=[A-Z0-9(\[\u0391-\u03a9\u03b1-\u03c9])")
# Nature's style: a lower-case letter (or run "a-c", "a,b", or "cd": letters in a row) and a comma
# opening a sentence, "a, Procedure for ... b, Example flows ..."
_COMMA_LOWER = re.compile(r"(?:^|(?<=[.;]\s))([a-z](?:\s*(?:[" + _DASH + r",]|\band\b)\s*[a-z](?![a-z]))*|[a-z]{2,3})"
                          r"\s*,\s+(?=[A-Z0-9(\[\u0391-\u03a9\u03b1-\u03c9])")
_SENTENCE_START = re.compile(r"(?:^|[.;:]\s*)$")
# markers opening a sentence in other journals' styles: a letter and a closing bracket "A) Text",
# "a) text"; a letter and a full stop before a capital "A. Text", "a. Text"; "Panel A: text",
# "Panels A and B show ..."
_HALF = re.compile(r"(?:^|(?<=[.;:]\s))(" + _ITEM + r"(?:" + _SEP + _ITEM + r")*)\)\s+")
_DOTTED = re.compile(r"(?:^|(?<=[.;]\s))([A-Za-z])\.\s+(?=[A-Z0-9(\[])")  # not after a colon: "Left: a. Right: b."
_PANEL_WORD = re.compile(r"(?:^|(?<=[.;:]\s))(?:Panels?|PANELS?)\s+(" + _ITEM + r"(?:" + _SEP + _ITEM + r")*)"
                         r"(?![A-Za-z])\s*[:.,]?\s+")


@dataclass
class SubCaptions:
    lead: str
    letters: list[str] = field(default_factory=list)  # upper case, alphabetical
    texts: dict[str, str] = field(default_factory=dict)  # letter -> own text (without the lead)

    def full(self, letter: str) -> str:
        own = self.texts.get(letter, "")
        return _WS.sub(" ", f"{self.lead} {own}").strip() if self.lead else own

    def as_list(self) -> list[dict[str, str]]:
        return [{"panel": k, "text": self.full(k)} for k in self.letters]


def _expand(spec: str) -> list[str]:
    """'A, C' -> [A, C]; 'A-C' -> [A, B, C]; 'Ai-ii' -> [A]; 'B-D, F-H' -> [B, C, D, F, G, H]."""
    spec = re.sub(r"(?<=[A-Za-z])[ivx]{1,4}(?:[" + _DASH + r"][ivx]{1,4})?(?![A-Za-z])", "", spec)
    parts = re.split(r"\s*(?:,|&|\band\b)\s*", spec)
    out: list[str] = []
    for p in parts:
        m = re.fullmatch(r"([A-Za-z])\s*(?:[" + _DASH + r"]|\bto\b)\s*([A-Za-z])", p.strip())
        if m:
            a, b = ord(m.group(1)), ord(m.group(2))
            if a < b <= a + 25 and m.group(1).isupper() == m.group(2).isupper():
                out.extend(chr(c) for c in range(a, b + 1))
                continue
        out.extend(re.findall(r"[A-Za-z]", p))
    return out


def _candidates(caption: str) -> list[tuple[int, int, list[str], str]]:
    """(start, end, letters, kind) for every marker-shaped match; kind: paren, upper, lower."""
    found = []
    for m in _PAREN.finditer(caption):
        found.append((m.start(), m.end(), _expand(m.group(1) or m.group(3)), "paren"))
    for m in _BARE_UPPER.finditer(caption):
        found.append((m.start(), m.end(), _expand(m.group(1)), "upper"))
    for rx in (_HALF, _DOTTED, _PANEL_WORD):
        for m in rx.finditer(caption):
            found.append((m.start(), m.end(), _expand(m.group(1)), "upper"))
    for m in _BARE_LOWER.finditer(caption):
        found.append((m.start(), m.end(), _expand(m.group(1)), "lower"))
    for m in _COMMA_LOWER.finditer(caption):
        spec = m.group(1)
        # "cd," is c and d only when the letters follow each other ("an," "is," are words)
        if spec.isalpha() and len(spec) > 1 and any(ord(b) != ord(a) + 1 for a, b in zip(spec, spec[1:])):
            continue
        found.append((m.start(), m.end(), _expand(spec), "lower"))
    return sorted(found)


def _forward_reference(caption: str, end: int, new: list[str], start: int, opening: list) -> bool:
    """Whether a parenthesis naming letters not defined yet, inside a sentence, is a reference to
    panels that a later parenthesis opening a sentence introduces ("the position of volumes (A–C)
    within a cell. (A) Apical end...", "and rictor (J) are shown. (J–L) Quantification..."), not a
    marker: it follows a word and the sentence runs on after it in lower case, and every new letter
    it names comes later at a sentence start. "compared with (b) the Ag 3d spectra" stays a marker
    (no later b), and so does "(A, B) Unprimed BMDMs, (C, D) immortalised BMDMs" (after a comma)."""
    if not (re.match(r"\s*[a-z]", caption[end:]) and re.search(r"\w\s*$", caption[:start])):
        return False
    later: set[str] = set()
    for pos, letters in opening:
        if pos > start:
            later |= letters
    return set(new) <= later


def _every_other(new: list[str], top: str, gaps: set[str]) -> bool:
    """Whether letters a marker introduces (sorted) run on from the last one defined (`top`) by
    steps of at most two, leaving gaps a later marker fills: "(A, C, E, G, I) ... (B, D, F, H)",
    a grid described column by column."""
    prev = top
    for k in new:
        if k in gaps:
            continue
        if ord(k) > ord(prev) + 2:
            return False
        prev = max(prev, k)
    return True


def split_caption(caption: str) -> SubCaptions:
    """Sub-captions by panel letter; `letters` is empty when the caption names no panels."""
    caption = _WS.sub(" ", caption or "").strip()
    cands = _candidates(caption)
    accepted: list[tuple[int, int, list[str]]] = []
    defined: set[str] = set()
    upper = None
    backref: int | None = None  # end of the last parenthesis taken as a back-reference since the last marker
    # letters that a parenthesis opening a sentence introduces later on (see `_forward_reference`)
    opening = [(start, {L.upper() for L in letters}) for start, _, letters, kind in cands
               if kind == "paren" and _SENTENCE_START.search(caption[:start])]
    for start, end, letters, kind in cands:
        if not letters or (accepted and start < accepted[-1][1]):
            continue
        if upper is None:
            if letters[0] not in ("A", "a"):
                continue
            upper = letters[0] == "A"
        if any(L.isupper() != upper for L in letters):
            continue
        keys = [L.upper() for L in letters]
        new = [k for k in keys if k not in defined]
        # a sentence starts at a full stop, semicolon or colon, or right after a marker ("(A) (B)
        # text"); not after any parenthesis ("wild-type (WT) (A)" refers to A inside a sentence)
        at_start = bool(_SENTENCE_START.search(caption[:start])) or bool(
            accepted and not caption[accepted[-1][1]:start].strip())
        # a forward reference sits where no marker is expected: before the first marker, or in a
        # sentence whose last parenthesis was a back-reference ("WT (G), sin1 (H), and rictor (J)")
        expected = bool(accepted) and not (backref is not None and not re.search(r"[.;:]\s", caption[backref:start]))
        if new and kind == "paren" and not at_start and not expected \
                and _forward_reference(caption, end, new, start, opening):
            continue
        if not new:
            if kind != "paren" or not at_start:
                backref = end if kind == "paren" else backref
                continue  # a back-reference inside a sentence: part of the text
        else:
            top = max(defined) if defined else "@"
            gaps = {chr(c) for c in range(ord("A"), ord(top))} - defined
            if not all(k in gaps or ord(k) <= ord(top) + 2 + i for i, k in enumerate(sorted(new))) \
                    and not _every_other(sorted(new), top, gaps):
                continue
            if kind == "lower" and defined and not at_start:
                continue
        accepted.append((start, end, keys))
        defined.update(keys)
        backref = None
    if len(defined) < 1:
        return SubCaptions(lead=caption)
    lead = caption[: accepted[0][0]].strip()
    texts: dict[str, str] = {}
    for i, (start, end, keys) in enumerate(accepted):
        stop = accepted[i + 1][0] if i + 1 < len(accepted) else len(caption)
        seg = caption[end:stop].strip(" ;,\u2014").lstrip(": ")
        # "(A, C, E) text A; text C; text E.": one item each when the items are as many as the letters
        items = [t.strip() for t in seg.split("; ")]
        # (items that cut a parenthesis in two are no such list: "(J-L) Quantification ... (WT, n=5; sin1, n=11)")
        whole = all(t.count("(") == t.count(")") for t in items)
        own = dict(zip(dict.fromkeys(keys), items)) if whole and len(set(keys)) > 1 and len(items) == len(set(keys)) \
            else None
        for k in dict.fromkeys(keys):
            if own is not None and k not in texts:
                texts[k] = own[k].rstrip(".") + "."
                continue
            if k not in texts:
                texts[k] = seg
            elif seg and seg not in texts[k]:
                texts[k] = f"{texts[k]} {seg}".strip()
    order = sorted(texts)
    return SubCaptions(lead=lead, letters=order, texts={k: texts[k] for k in order})


# a bare lower-case letter inside a run of text, before a capitalised word: "Fig. 2 Cases from the
# validation set a Dermoscopic image of ... b Clinical photograph: ..." (captions that lost their
# full stops, as some publishers print them)
_BARE_RUN = re.compile(r"(?:^|(?<=\s))([a-z])\s+(?=[A-Z](?:[a-z]|\s))")


def split_bare_run(caption: str | None) -> SubCaptions:
    """Sub-captions from bare lower-case markers that open no sentence: a, b, c, ... in order, each a
    lone letter before a capitalised word, at least two. "of a Bayesian model" matches the shape
    too, so these letters are taken only where the image prints the same letters (`pair` uses them
    only when `split_caption` finds none, and rows need every letter read on its panel); a
    caption's own `sub_captions` never come from here."""
    caption = _WS.sub(" ", caption or "").strip()
    marks = [(m.start(), m.end(), m.group(1)) for m in _BARE_RUN.finditer(caption)]
    best: list[tuple[int, int, str]] = []
    for i, first in enumerate(marks):
        if first[2] != "a":
            continue
        run = [first]
        for m in marks[i + 1:]:
            if m[2] == chr(ord(run[-1][2]) + 1):
                run.append(m)
        if len(run) > len(best):
            best = run
    if len(best) < 2:
        return SubCaptions(lead=caption)
    texts = {}
    for j, (start, end, letter) in enumerate(best):
        stop = best[j + 1][0] if j + 1 < len(best) else len(caption)
        texts[letter.upper()] = caption[end:stop].strip(" ;,\u2014")
    return SubCaptions(lead=caption[:best[0][0]].strip(), letters=sorted(texts), texts=texts)


# the caption's own figure number at its start ("Figure 3:", "Fig. 3.", "FIGURE 3")
_OWN_NUMBER = re.compile(r"^(?:Fig(?:ure)?s?\.?|FIGURE)\s*(\d+)\b")
# a reference to a panel of a numbered figure: "Fig. 2b", "Figs. 3a and 3b", "Fig. 4a,b", "Figure 2a-c"
_FIGURE_REF = re.compile(r"\b(?:Fig(?:ure)?s?\.?|FIGURES?)\s*(\d+)\s?([a-z])(?![A-Za-z])"
                         r"((?:\s*(?:[" + _DASH + r",&]|\band\b)\s*(?:\1\s?)?[a-z](?![A-Za-z]))*)")
# the same without "Fig.": the figure number and letter as a label, "(1a = lateral view, 1b = caudal view)"
_NUMBER_REF = re.compile(r"(?<![\w.,:/])(\d+)([a-z])\s*(?==|\))")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(])")


def split_figure_refs(caption: str | None) -> SubCaptions:
    """Sub-captions from a caption that names its panels only by referring to them with its own
    figure number, as some papers print their captions ("Figure 2: Eigenspectrum ... The diffusion
    matrix in Fig. 2b has larger eigenvalues than that of Fig. 2a ... As Fig. 2a and Fig. 2c show,
    ...", or "Figure 1: ... (1a = lateral view, 1b = caudal view)"). Each panel's text is the
    sentences that name it (a sentence naming two belongs to both), the sentences before the first
    such sentence are the lead. References to another figure ("than
    those of MNIST in Fig. 1b") name nothing here. Like `split_bare_run`, these letters are taken
    only where the image prints the same letters (`pair` uses them only when no marker or place is
    found, and rows need every letter read on its panel); at least two letters, a, b, ... without a gap."""
    caption = _WS.sub(" ", caption or "").strip()
    own = _OWN_NUMBER.match(caption)
    if own is None:
        return SubCaptions(lead=caption)
    label = caption[:own.end()] + re.match(r"\s*[:.]?\s*", caption[own.end():]).group(0)  # "Figure 3: ": the lead's
    sentences = _SENTENCE.split(caption[len(label):])
    named: list[set[str]] = []
    for sentence in sentences:
        letters: set[str] = set()
        for m in _FIGURE_REF.finditer(sentence):
            if m.group(1) == own.group(1):
                letters.update(L.upper() for L in _expand(m.group(2) + m.group(3).replace(m.group(1), "")))
        letters.update(m.group(2).upper() for m in _NUMBER_REF.finditer(sentence) if m.group(1) == own.group(1))
        named.append(letters)
    found = sorted(set().union(*named)) if named else []
    if len(found) < 2 or found != [chr(c) for c in range(ord("A"), ord("A") + len(found))]:
        return SubCaptions(lead=caption)
    first = next(i for i, n in enumerate(named) if n)
    texts = {L: " ".join(t for t, n in zip(sentences, named) if L in n) for L in found}
    return SubCaptions(lead=" ".join([label.strip()] + sentences[:first]).strip(), letters=found, texts=texts)


_PLACE = r"(?:(?:top|bottom|upper|lower)(?:[\s-]+(?:left|right))?|left|right|middle|centre|center|first|second|third)"
_KIND = r"(?:\s+(?:panels?|plots?|images?|graphs?|charts?|figures?|columns?|rows?))?"
# a position opening a sentence: "Left: ...", "Right panel: ...", "Upper left plot: ...", "(Left) ..."
_POSITION = re.compile(r"(?:^|(?<=[.;:]\s))(?:\((" + _PLACE + _KIND + r")\)\s*:?|(" + _PLACE + _KIND + r")\s*:)\s*",
                       re.IGNORECASE)
# a place and a comma opening a sentence, the style of journals that print "Left, original data.
# Middle, noisy data. Right, restoration." (never an ordinal: "First, the cells were ..." is prose)
_POSITION_COMMA = re.compile(r"(?:^|(?<=[.;]\s))((?:(?:top|bottom|upper|lower)(?:[\s-]+(?:left|right))?|left|right|middle"
                             r"|centre|center)" + _KIND + r")\s*,\s+(?=\S)", re.IGNORECASE)
# a capitalised place with a panel word and a colon inside a sentence: a label whose sentence lost its
# full stop ("... the filter_volcano function Right panel: graph of ...")
_POSITION_LABEL = re.compile(r"(?<=\s)((?:Top|Bottom|Upper|Lower|Left|Right|Middle|Centre|Center)(?:[\s-]+(?:left|right))?"
                             r"\s+(?:panels?|plots?|images?|graphs?|charts?|figures?|columns?|rows?))\s*:\s*")
_SYNONYM = {"upper": "top", "lower": "bottom", "centre": "middle", "center": "middle"}
_ORDINAL = {"first": 1, "second": 2, "third": 3}
# the position sets that name a layout without doubt, each in reading order, and the layout
_ARRANGEMENTS = {
    ("left", "right"): "row",
    ("left", "middle", "right"): "row",
    ("top", "bottom"): "column",
    ("top", "middle", "bottom"): "column",
    ("top-left", "top-right", "bottom-left", "bottom-right"): "grid",
    ("first", "second"): "sequence",
    ("first", "second", "third"): "sequence",
}


_PLACE_IN = r"(?:(?:top|bottom|upper|lower)(?:[\s-]+(?:left|right))?|left|right|middle|centre|center)"
# a position inside a sentence, naming a panel: in brackets after the panel's own words ("CUSUM test
# (left) and fitted model (right)", "(top left panel)"), or a noun phrase with a panel word ("the
# left-hand plot shows", "the right panel"); "points on the left" names nothing
_POSITION_IN = re.compile(r"\((" + _PLACE_IN + r")(?:[\s-]+hand)?" + _KIND + r"(?:,\s*([^()]+))?\)"
                          r"|\b(" + _PLACE_IN + r"|first|second|third)(?:[\s-]+hand)?"
                          r"\s+(panels?|plots?|images?|graphs?|charts?|figures?|columns?|rows?|maps?|graphics?|displays?)\b",
                          re.IGNORECASE)
_CLAUSE_JOIN = re.compile(r"^(?:[\s,;:]|and\b|or\b|while\b|whereas\b)+", re.IGNORECASE)


def _positions_inside(caption: str) -> SubCaptions | None:
    """Sub-captions of a caption naming its panels by position inside its sentences (see
    `_POSITION_IN`), each place once, all of one style and forming one of `_ARRANGEMENTS`; else None.
    A bracketed place closes its panel's words: they run from the previous place (or the sentence's
    start) to it, and the words after the last place ("... (right) for real interest data.") are
    every panel's. A place in a noun phrase opens its sentence: the panel's words run from that
    sentence to the next place's sentence."""
    found = []
    extra = {}  # a bracket's words after its place ("(bottom panel, with black ... denoting ...)")
    for m in _POSITION_IN.finditer(caption):
        bracket = m.group(1) is not None
        words = (m.group(1) or m.group(3)).lower().replace("-", " ").split()
        name = "-".join(_SYNONYM.get(w, w) for w in words)
        if name in _ORDINAL:
            # "the first panel ... The second panel ...": panels counted in order; "the first row /
            # column" names a row or column of the layout (two: top, bottom; three: top, middle, bottom)
            kind = m.group(4).lower().rstrip("s")
            name = f"{name}:{kind if kind in ('row', 'column') else 'panel'}"
        found.append((m.start(), m.end(), name, bracket))
        if m.group(2):
            extra[name] = m.group(2).strip()
    if len(found) < 2 or len({f[3] for f in found}) != 1:
        return None
    ords = [f for f in found if ":" in f[2]]
    if ords:
        kinds = {f[2].split(":")[1] for f in ords}
        nums = [_ORDINAL[f[2].split(":")[0]] for f in ords]
        if len(ords) != len(found) or len(kinds) != 1 or nums != list(range(1, len(nums) + 1)):
            return None  # ordinals and places mixed, of two kinds, or not counted 1, 2(, 3) in order
        kind = kinds.pop()
        seq = {"row": ("top", "middle", "bottom"), "column": ("left", "middle", "right"),
               "panel": ("first", "second", "third")}[kind]
        seq = seq if len(nums) == 3 else (seq[0], seq[2]) if kind != "panel" else seq[:2]
        found = [(a, b, seq[k], br) for k, (a, b, _, br) in enumerate(found)]
    names = [f[2] for f in found]
    if len(names) != len(set(names)):
        return None
    order = next((k for k in _ARRANGEMENTS if set(k) == set(names)), None)
    if order is None:
        return None

    def sentence_start(i: int) -> int:
        cut = max(caption.rfind(". ", 0, i), caption.rfind("; ", 0, i), caption.rfind(": ", 0, i))
        return 0 if cut < 0 else cut + 2

    texts = {}
    if found[0][3]:
        start = sentence_start(found[0][0])
        tail = caption[found[-1][1]:].strip()
        tail = "" if tail in (".", ";") else _CLAUSE_JOIN.sub("", tail)
        prev = start
        for a, b, name, _ in found:
            own = _CLAUSE_JOIN.sub("", caption[prev:a]).strip(" ,;")
            if name in extra:
                own = f"{own} ({extra[name]})"
            texts[name] = f"{own} {tail}".strip() if tail else own
            prev = b
    else:
        starts = [sentence_start(f[0]) for f in found]
        if len(set(starts)) != len(starts):
            return None  # two places in one sentence: whose words are whose is not clear
        start = starts[0]
        for k, (_, _, name, _) in enumerate(found):
            texts[name] = caption[starts[k]:starts[k + 1] if k + 1 < len(found) else len(caption)].strip(" ;")
    return SubCaptions(lead=caption[:start].strip(), letters=list(order), texts={k: texts[k] for k in order})


_PAIR_AXES = ({"left", "right"}, {"top", "bottom"})
_PAIR_KIND = r"(?:panels?|plots?|images?|graphs?|charts?|figures?|maps?|graphics?|displays?|histograms?)"
# a place phrase of a pair sentence: "on the left" (not "on the left of": a place inside one chart),
# "the left panel", or a bare "Left" opening its clause before a verb or an article ("Left is the
# fixed image and right the moving image")
_PAIR_PLACE = re.compile(
    r"\b(?:on|at|in|to) the (left|right|top|bottom)(?:[\s-]+hand)?(?: side)?\b(?!\s+(?:of|and|or)\b)(?![-\w])"
    r"|\bthe (left|right|top|bottom|upper|lower)(?:[\s-]+hand)? " + _PAIR_KIND + r"\b"
    r"|(?:^|(?<=[.,;:]\s)|(?<=\band\s)|(?<=\bwhile\s)|(?<=\bwhereas\s))(left|right|top|bottom)\b"
    r"(?=\s+(?:is|are|shows?|depicts?|the|a|an)\b)",
    re.IGNORECASE)
# what ends a clause inside a sentence: a comma, semicolon or colon, or a joining word
_CLAUSE_END = re.compile(r"[,;:]\s+(?:(?:and|while|whereas|but)\s+)?|\s(?:and|while|whereas|but)\s", re.IGNORECASE)
# the words a place may follow and still open its clause: "the histogram on the left", "the one on the right"
_PAIR_SUBJECT = re.compile(r"^(?:the|a|an)(?:\s+[\w-]+){1,3}$", re.IGNORECASE)


def _positions_paired(caption: str) -> SubCaptions | None:
    """Sub-captions of a caption whose one sentence names two panels as a pair of opposite places,
    each phrase opening or closing its clause: "X is on the left, Y on the right", "On the left there
    is X, on the right Y", "the histogram on the left ... the one on the right", "the left panel
    depicts X, while the right panel depicts Y", "Left is X and right Y". The place phrases of the
    whole caption must be exactly those two (left and right, or top and bottom); a place inside a
    clause ("points on the left are ranked by the upper most left point", "on the left of the
    curve") names nothing. The first panel's words run from the sentence's start to the clause
    break after its place, the second's from there to the sentence's end; the sentences before are
    the lead, those after belong to both panels."""
    found = []
    for m in _PAIR_PLACE.finditer(caption):
        word = (m.group(1) or m.group(2) or m.group(3)).lower()
        found.append((m.start(), m.end(), _SYNONYM.get(word, word)))
    if len(found) != 2 or not any({f[2] for f in found} == axis for axis in _PAIR_AXES):
        return None
    # no other place word anywhere (a third "left", "bottom right" elsewhere): the pair is the only naming
    rest = caption[:found[0][0]] + " " + caption[found[0][1]:found[1][0]] + " " + caption[found[1][1]:]
    if re.search(r"\b(?:left|right|top|bottom|upper|lower|middle)\b", rest, re.IGNORECASE):
        return None

    def sentence_start(i: int) -> int:
        cut = max(caption.rfind(". ", 0, i), caption.rfind("; ", 0, i), caption.rfind(": ", 0, i))
        return 0 if cut < 0 else cut + 2

    start = sentence_start(found[0][0])
    if sentence_start(found[1][0]) != start:
        return None
    stop = caption.find(". ", found[1][1])
    stop = len(caption) if stop < 0 else stop + 1
    sentence = caption[start:stop]
    cuts = [0] + [m.end() for m in _CLAUSE_END.finditer(sentence)] + [len(sentence)]

    def clause(a: int, b: int) -> tuple[int, int] | None:
        a, b = a - start, b - start
        i = max(k for k, c in enumerate(cuts) if c <= a)
        lo = cuts[i]
        hi = next((c for c in cuts if c > b), len(sentence))
        return lo, hi

    spans = [clause(a, b) for a, b, _ in found]
    if spans[0] == spans[1]:
        return None  # one clause holds both places
    for (a, b, _), (lo, hi) in zip(found, spans):
        before = sentence[lo:a - start].strip(" ,;:")
        after = sentence[b - start:hi]
        after = _CLAUSE_END.sub("", after).strip(" ,;:.")
        if before and not _PAIR_SUBJECT.match(before) and after:
            return None  # the place neither opens nor closes its clause
    # the first panel's words end at the clause break after its place
    brk = spans[0][1]
    first = sentence[:brk].strip(" ,;:")
    first = re.sub(r"\s(?:and|while|whereas|but)$", "", first, flags=re.IGNORECASE).strip(" ,;:")
    first = first if first.endswith((".", "!", "?")) else first + "."
    second = _CLAUSE_JOIN.sub("", sentence[brk:]).strip(" ;")
    tail = caption[stop:].strip()
    names = [f[2] for f in found]
    order = next(k for k in _ARRANGEMENTS if set(k) == set(names))
    texts = {names[0]: f"{first} {tail}".strip(), names[1]: f"{second} {tail}".strip()}
    return SubCaptions(lead=caption[:start].strip(), letters=list(order), texts={k: texts[k] for k in order})


def split_positions(caption: str | None) -> SubCaptions | None:
    """Sub-captions of an unlettered figure whose caption names its panels by position at sentence
    starts ("Left: ...", "Right plot: ...", "Top panel: ...", "(Upper left) ...", "Top row: ...",
    "First row: ... Second row: ...", "Left column: ..."), or None: only
    when the positions are each named once and form one of the layouts in `_ARRANGEMENTS` (left /
    right, left / middle / right, top / bottom, top / middle / bottom, a 2x2 of corners). `letters`
    holds the positions in reading order ("left", "top-right"): a figure's rows are named by them.
    A caption with no place at a sentence start may name them inside its sentences ("test (left)
    and fitted model (right)", "The left-hand plot shows ..."; `_positions_inside`), by the same
    rules; a place without a panel word or brackets ("points on the left") names nothing, unless it
    is one of a pair of opposite places in one sentence, each opening or closing its clause ("X is on
    the left, Y on the right"; `_positions_paired`)."""
    caption = _WS.sub(" ", caption or "").strip()
    found = []
    ordinals = []  # (index in found, 1-3, "row" or "column") for "First row:", "Second column:"
    matches = {m.start(): (m, m.group(1) or m.group(2)) for m in _POSITION.finditer(caption)}
    for m in _POSITION_COMMA.finditer(caption):
        matches.setdefault(m.start(), (m, m.group(1)))
    for m in _POSITION_LABEL.finditer(caption):
        if not any(a <= m.start() < n.end() for a, (n, _) in matches.items()):
            matches[m.start()] = (m, m.group(1))
    for _, (m, text) in sorted(matches.items()):
        words = text.lower().replace("-", " ").split()
        kind = words[-1].rstrip("s") if words[-1].rstrip("s") in ("row", "column") else None
        if words[0] in _ORDINAL:
            if kind is None:
                return None  # "First panel:": no place
            ordinals.append((len(found), _ORDINAL[words[0]], kind))
        place = [_SYNONYM.get(w, w) for w in words if w not in ("panel", "panels", "plot", "plots", "image", "images",
                                                                  "graph", "graphs", "chart", "charts", "figure",
                                                                  "figures", "column", "columns", "row", "rows")]
        found.append((m.start(), m.end(), "-".join(place)))
    if ordinals:
        # ordinals name places only all together, of one kind, counted from one: rows 1-2 are top
        # and bottom, rows 1-3 top, middle and bottom (columns: left ... right)
        kinds = {k for _, _, k in ordinals}
        nums = sorted(n for _, n, _ in ordinals)
        if len(ordinals) != len(found) or len(kinds) != 1 or nums != list(range(1, len(nums) + 1)) or len(nums) < 2:
            return None
        places = {"row": ("top", "middle", "bottom"), "column": ("left", "middle", "right")}[kinds.pop()]
        places = places if len(nums) == 3 else (places[0], places[2])
        for i, n, _ in ordinals:
            start, end, _ = found[i]
            found[i] = (start, end, places[n - 1])
    names = [f[2] for f in found]
    order = next((k for k in _ARRANGEMENTS if set(k) == set(names)), None) if len(names) == len(set(names)) else None
    if order is None:
        # no whole layout named at sentence starts ("Figure 1: Left panel: ... function Right
        # panel: ..." opens only one sentence with its place): places inside the sentences may name it
        return _positions_inside(caption) or _positions_paired(caption)
    texts = {}
    for i, (start, end, name) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else len(caption)
        texts[name] = caption[end:stop].strip(" ;,")
    return SubCaptions(lead=caption[:found[0][0]].strip(), letters=list(order), texts={k: texts[k] for k in order})


# ------------------------------------------------------------------ images

@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def xyxy(self) -> list[int]:
        return [self.x, self.y, self.x + self.w, self.y + self.h]


_MAX_SIDE = 720      # the layout is found on a copy at most this size (speed); boxes are scaled back
_TOL = 10            # a gutter pixel differs from its line's colour by at most this (0-255, any channel)


def _uniform_lines(img: np.ndarray, dark: np.ndarray, axis: int) -> tuple[np.ndarray, np.ndarray]:
    """For each row (axis=0) or column (axis=1): is it one colour, and that colour (int16, 3).

    Its spread (max - min, any channel) within 2 * _TOL; or white (`dark`, each pixel's darkest
    channel, >= 200) but for 0.4 % of its pixels, so JPEG ringing beside a photo and a stray speck do
    not break a gutter; or black (no channel above 60). The colour returned is the middle of the spread (250 / 5 for
    white / black lines). Min and max are cheap uint8 reductions (this is the hot loop)."""
    # cv2.reduce runs over contiguous rows or columns alike (numpy's strided column reduction was
    # most of the splitter's time); dim 1 reduces each row to one value, dim 0 each column
    dim = 1 if axis == 0 else 0
    m = img.shape[1] if axis == 0 else img.shape[0]
    hi = cv2.reduce(img, dim, cv2.REDUCE_MAX).reshape(-1, 3).astype(np.int16)
    lo = cv2.reduce(img, dim, cv2.REDUCE_MIN).reshape(-1, 3).astype(np.int16)
    spread = (hi - lo).max(axis=1)
    mid = (hi + lo) // 2
    inked = cv2.reduce((dark < 200).view(np.uint8), dim, cv2.REDUCE_SUM, dtype=cv2.CV_32S).reshape(-1)
    white = inked <= 0.004 * m
    black = hi.max(axis=1) <= 60  # no channel of any pixel above 60 (dark skin is brighter)
    mid[white] = 250
    mid[black] = 5
    return (spread <= 2 * _TOL) | white | black, mid


def _true_runs(mask: np.ndarray, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """The runs [a, b) of True in mask[lo:hi], as indices into mask, in order."""
    m = np.asarray(mask[lo:hi], dtype=np.int8)
    edges = np.diff(np.concatenate(([0], m, [0])))
    return [(lo + int(a), lo + int(b)) for a, b in zip(np.flatnonzero(edges == 1), np.flatnonzero(edges == -1))]


def _gutters(img: np.ndarray, dark: np.ndarray, axis: int, min_gap: int) -> list[tuple[int, int]]:
    """Runs [a, b) of uniform lines that separate content: white, grey or black (whatever the
    border's colour), at least `min_gap` lines; or 1-3 line rules standing out from both sides (the
    thin white line between dark CT scans). Gutters are neutral: a smooth dermoscopy photo is as
    uniform as a gutter over many lines, but never grey. Uniform margins at the two ends come first
    and last, so the pieces between are content only."""
    uni, col = _uniform_lines(img, dark, axis)
    n = len(uni)
    content = np.nonzero(~uni)[0]
    if not len(content):
        return []
    first, last = int(content[0]), int(content[-1]) + 1
    neutral = (col.max(axis=1) - col.min(axis=1)) <= 12
    runs = [(0, first)] if first > 0 else []
    for i, j in _true_runs(uni, first, last):
        # a photo's first or last line may be as uniform as the gutter beside it (a smooth edge of
        # skin, not neutral): up to two such lines at each end belong to the photo, not the gutter
        a, b = i, j
        while b - a > 1 and not neutral[a] and a - i < 2:
            a += 1
        while b - a > 1 and not neutral[b - 1] and j - b < 2:
            b -= 1
        if neutral[a:b].all() and b - a >= min_gap and (a > i or b < j):
            if not _grey_texture(img, col, a, b, axis):
                runs.append((a, b))
            continue
        if neutral[i:j].all() and j - i >= min_gap:
            if not _grey_texture(img, col, i, j, axis):
                runs.append((i, j))
        elif not neutral[i:j].any():
            run = _coloured_gutter(img, np.median(col[i:j], axis=0).astype(np.int16), i, j, axis, min_gap)
            if run is not None and (not runs or run[0] >= runs[-1][1]):  # one band seen from two runs: once
                runs.append(run)
        elif neutral[i:j].all() and j - i <= 3:
            c = col[i:j].mean(axis=0)
            before = np.median(img[max(0, i - 3):i] if axis == 0 else img[:, max(0, i - 3):i], axis=(0, 1))
            after = np.median(img[j:j + 3] if axis == 0 else img[:, j:j + 3], axis=(0, 1))
            if np.abs(c - before).max() > 60 and np.abs(c - after).max() > 60:
                runs.append((i, j))
    taken = [(a, b) for a, b in runs]
    for a, b in _blurred_rules(img, axis, first, last):
        if not any(a < d and c < b for c, d in taken):
            runs.append((a, b))
    runs.sort()
    if last < n:
        runs.append((last, n))
    return runs


_RULE_DARK = 130      # a dark rule blurred by the downscaling: no pixel's brightest channel above this ...
_RULE_CONTRAST = 60   # ... and the lines beside it brighter by this much (median, largest channel) ...
_RULE_SHADED = 0.3    # ... those on one side a photo (this share of neighbouring pixels differing by 3-40)


def _blurred_rules(img: np.ndarray, axis: int, first: int, last: int) -> list[tuple[int, int]]:
    """Thin dark rules between photos that the downscaling to `_MAX_SIDE` blurred into the photos
    beside them (a 2 px black rule at 70 % is two lines of dark grey tinted by the photos: no line is
    uniform any more): runs of 1-3 lines inside [first, last) where every pixel is dark
    (`_RULE_DARK`) and nearly neutral, with the 3 lines on each side brighter by `_RULE_CONTRAST`
    and those on one side a photo (`_RULE_SHADED`). A dark band inside a photo is wider, or has dark
    pixels beside it; a chart's frame line has flat ground on both sides."""
    dim = 1 if axis == 0 else 0
    hi = cv2.reduce(img, dim, cv2.REDUCE_MAX).reshape(-1, 3).max(axis=1)
    out = []
    for i, j in _true_runs(hi <= _RULE_DARK, first, last):
        if j - i > 3 or i < 3 or j + 3 > len(hi):
            continue
        lines = (img[i:j] if axis == 0 else img[:, i:j]).reshape(-1, 3).astype(np.float32)
        c = lines.mean(axis=0)
        if c.max() - c.min() > 25:
            continue
        sides = [img[i - 3:i] if axis == 0 else img[:, i - 3:i].transpose(1, 0, 2),
                 img[j:j + 3] if axis == 0 else img[:, j:j + 3].transpose(1, 0, 2)]
        if any(np.median(x.reshape(-1, 3), axis=0).max() - c.max() <= _RULE_CONTRAST for x in sides):
            continue
        # a photo on at least one side: its neighbouring pixels along the line differ a little in
        # most places (shading, skin texture); a chart's frame line has flat ground with print on
        # both sides (paper, a tinted title strip: pixels equal, or jumping at a glyph's edge)
        steps = [np.abs(np.diff(x.astype(np.int16), axis=1)).max(axis=-1) for x in sides]
        if any(float(((d > 2) & (d <= 40)).mean()) >= _RULE_SHADED for d in steps):
            out.append((i, j))
    return out


_COLOUR_WIDE = 0.04  # a coloured gutter is at most this share of the region's side wide ...
_COLOUR_BAND = 0.1   # ... its colour runs on at most this share of the side past it (a label strip of its colour) ...
_COLOUR_IN = 0.5     # ... (lines with this share of their pixels its colour) ...
_COLOUR_OUT = 0.3    # ... and then stops: the next line has under this share
_COLOUR_ALL = 0.98   # a gutter line: this share of its pixels its colour (a few JPEG-ringing pixels are not)


def _coloured_gutter(img: np.ndarray, c: np.ndarray, i: int, j: int, axis: int,
                     min_gap: int) -> tuple[int, int] | None:
    """A run of lines [i, j) of one colour `c` (int16, 3) that is not white or black (a navy,
    dark-red or grey gutter between photos) as the gutter [a, b) it lies in, or None. A smooth
    stretch of a photo is as uniform over a few lines, but it fades into the lines beside it; a
    gutter's colour stops at the photos in one line. So the band of lines mostly its colour
    (`_COLOUR_IN`: the gutter, JPEG-blurred lines at its ends, a label strip of its colour with
    letters in it) is followed out from the run at most `_COLOUR_BAND` of the side each way and must
    end there with a line under `_COLOUR_OUT` its colour (or the line after it: one JPEG-blurred
    line); the gutter is the band's longest stretch of lines `_COLOUR_ALL` its colour (so a label
    strip's letters stay with the photo they head), narrow (`_COLOUR_WIDE`). Never at the region's
    ends (those are margins)."""
    n = img.shape[axis]
    if i == 0 or j == n:
        return None
    reach = int(_COLOUR_BAND * n) + 1
    lo, hi = max(0, i - reach), min(n, j + reach)
    band = (img[lo:hi] if axis == 0 else img[:, lo:hi].transpose(1, 0, 2)).astype(np.int16)
    near = (np.abs(band - c).max(axis=-1) <= 2 * _TOL).mean(axis=1)
    a, b = i - lo, j - lo
    while a > 0 and near[a - 1] >= _COLOUR_IN:
        a -= 1
    while b < len(near) and near[b] >= _COLOUR_IN:
        b += 1
    # one JPEG-blurred line between the band and the photo is allowed
    if a < 2 or b + 1 >= len(near) or min(near[a - 2:a]) >= _COLOUR_OUT or min(near[b:b + 2]) >= _COLOUR_OUT:
        return None
    runs = _true_runs(near >= _COLOUR_ALL, a, b)
    if not runs:
        return None
    ga, gb = max(runs, key=lambda r: r[1] - r[0])
    if gb - ga < min_gap or gb - ga > _COLOUR_WIDE * n:
        return None
    return lo + ga, lo + gb


def _mostly_gutters(img: np.ndarray, axis: int, min_gap: int, known: tuple) -> list[tuple[int, int]]:
    """Gutters of grey or of a colour that `_gutters` missed because a few pixels of each line are
    off (JPEG ringing where a grey or coloured gutter meets a photo, a stray pixel: a line's spread
    is then over 2 * `_TOL`): runs of lines with `_COLOUR_ALL` of their pixels within 2 * `_TOL` of
    the line's mean colour, neither white nor black (those `_gutters` has already taken with their
    own tolerance), each checked as `_coloured_gutter` checks a gutter (its colour stops sharply on
    both sides), and of the colour of a gutter already cut above the region (`known`: a grid's
    gutters are all one colour; a grey band across a photo, a pavement or a horizon, is not).
    Asked only of a region `_gutters` found no gutter in."""
    known = [np.asarray(k, np.float32) for k in known if not (min(k) >= 190 or max(k) <= 40)]
    if not known:
        return []
    dim = 1 if axis == 0 else 0
    mean = cv2.reduce(img, dim, cv2.REDUCE_AVG, dtype=cv2.CV_32F).reshape(-1, 3)
    # only lines whose mean is a known gutter's colour are looked at pixel by pixel (speed)
    like = np.zeros(len(mean), bool)
    for k in known:
        like |= np.abs(mean - k).max(axis=1) <= 2 * _TOL
    idx = np.flatnonzero(like)
    if not len(idx):
        return []
    lines = (img[idx] if axis == 0 else img[:, idx].transpose(1, 0, 2)).astype(np.int16)
    near = np.zeros(len(mean))
    near[idx] = (np.abs(lines - mean[idx].astype(np.int16)[:, None, :]).max(axis=-1) <= 2 * _TOL).mean(axis=1)
    out: list[tuple[int, int]] = []
    for i, j in _true_runs(near >= _COLOUR_ALL):
        c = np.median(mean[i:j], axis=0)
        if not any(np.abs(c - k).max() <= 2 * _TOL for k in known):
            continue
        run = _coloured_gutter(img, c.astype(np.int16), i, j, axis, min_gap)
        if run is not None and run not in out:
            out.append(run)
    return out


_TEXTURE_NEAR = 0.5  # a grey run is texture when this share of the lines beside it, on both sides, is its colour


def _grey_texture(img: np.ndarray, col: np.ndarray, a: int, b: int, axis: int) -> bool:
    """Whether a run of mid-grey uniform lines [a, b) is a smooth stretch of a grey image (a cell on
    its grey ground, a fundus crop: skimage's cell and microaneurysms were cut into strips there),
    not a gutter: the 3 lines on each side are mostly (`_TEXTURE_NEAR`) within 2 * `_TOL` of its
    colour. A gutter separates content that differs from it (photos, charts, scans beside a grey
    line); white and black runs are never texture (paper, a scan's black ground)."""
    c = col[a:b].astype(np.float32).mean(axis=0)
    if c.min() >= 190 or c.max() <= 40:
        return False
    n = img.shape[axis]
    for lo, hi in ((max(0, a - 3), a), (b, min(n, b + 3))):
        if lo >= hi:
            return False
        band = (img[lo:hi] if axis == 0 else img[:, lo:hi]).astype(np.float32)
        if float((np.abs(band - c).max(axis=-1) <= 2 * _TOL).mean()) < _TEXTURE_NEAR:
            return False
    return True


_EDGE_STEP = 0.3  # a photo edge: at least this share of pixels differ (> 16) 5 lines before it and 4 after it ...
_EDGE_SHARP = 16.0  # ... or the mean change (largest channel) from the line before it to it is at least this
_EDGE_BREAK = 1.2   # no edge over a stretch of its line: a change there under this many times that of the lines around


def _step_cover(img: np.ndarray, k: int, axis: int) -> float:
    """The share of pixels that differ (any channel by more than 16) between line k - 5 and line
    k + 4 (clipped to the region): high across the meeting of two photos, low across a line."""
    n = img.shape[axis]
    a, b = max(0, k - 5), min(n - 1, k + 4)
    la = (img[a] if axis == 0 else img[:, a]).astype(np.int16)
    lb = (img[b] if axis == 0 else img[:, b]).astype(np.int16)
    return float((np.abs(la - lb).max(axis=-1) > 16).mean())


def _edge_absent(img: np.ndarray, k: int, axis: int, spans: list[tuple[int, int]]) -> bool:
    """Whether the photo edge before line k is no edge over the whole of one of `spans` (stretches
    of its line: the columns a cut the other way gives): there the change across it is under
    `_EDGE_BREAK` times that of the lines 3-10 either side (the inside of a taller photo that one
    column's row edge does not reach)."""
    n = img.shape[axis]
    a, b = k - 13, k + 13
    if a < 0 or b > n:
        return False
    band = img[a:b] if axis == 0 else img[:, a:b]
    d = cv2.absdiff(band[2:], band[:-2]) if axis == 0 else cv2.absdiff(band[:, 2:], band[:, :-2])
    d = d.max(axis=-1)
    dim = 1 if axis == 0 else 0
    i = k - 1 - a  # pair (i, i + 2) is across the boundary before line k
    for lo, hi in spans:
        part = d[:, lo:hi] if dim == 1 else d[lo:hi]
        s = part.mean(axis=dim)
        around = np.concatenate([s[i - 10:i - 2], s[i + 3:i + 11]])
        if float(s[i]) < _EDGE_BREAK * max(float(around.mean()), 2.0):
            return True
    return False


def _edge_cuts(img: np.ndarray, axis: int) -> list[int]:
    """Positions where two photographs meet with no gutter: a line across which nearly every pixel
    changes, where the lines around it change in few pixels (texture, hair and lesion borders change
    in some pixels of a line, never in almost all of them).

    Changes are taken two lines apart (line k+1 against k-1), so an edge the downscaling blurred over
    two lines is seen whole; the cut then goes where the one-line change is stronger."""
    n = img.shape[axis]
    if n < 40:
        return []

    def change(step: int) -> np.ndarray:  # per pixel, the largest channel change `step` lines apart
        a, b = (img[step:], img[:-step]) if axis == 0 else (img[:, step:], img[:, :-step])
        d = cv2.absdiff(a, b)
        return cv2.reduce(d.reshape(-1, 3), 1, cv2.REDUCE_MAX).reshape(d.shape[:2])

    dim = 1 if axis == 0 else 0  # reduce each row (axis 0) or each column (axis 1) to one value
    d2 = change(2)  # line i against line i + 2: across the boundary at i + 1
    strength = cv2.reduce(d2, dim, cv2.REDUCE_AVG, dtype=cv2.CV_32F).reshape(-1)
    cover = cv2.reduce((d2 > 16).view(np.uint8), dim, cv2.REDUCE_AVG, dtype=cv2.CV_32F).reshape(-1)
    m = len(strength)
    idx = np.arange(m)
    lo1, hi1 = np.clip(idx - 10, 0, m), np.clip(idx - 2, 0, m)
    lo2, hi2 = np.clip(idx + 3, 0, m), np.clip(idx + 11, 0, m)
    cnt = np.maximum((hi1 - lo1) + (hi2 - lo2), 1)

    def around(v: np.ndarray) -> np.ndarray:  # the mean over i-10..i-3 and i+3..i+10 (vectorised)
        c = np.concatenate([[0.0], np.cumsum(v)])
        return ((c[hi1] - c[lo1]) + (c[hi2] - c[lo2])) / cnt

    ok = (cover >= 0.6) & (cover >= around(cover) + 0.45) & (strength >= 1.8 * np.maximum(around(strength), 4.0))
    ok[:3] = False
    ok[m - 3:] = False
    if not ok.any():
        return []
    d1 = cv2.reduce(change(1), dim, cv2.REDUCE_AVG, dtype=cv2.CV_32F).reshape(-1)  # lines j and j + 1
    cuts: list[int] = []
    last_strength = 0.0
    for i in np.nonzero(ok)[0]:
        k = int(i) + 1 if d1[i] >= d1[i + 1] else int(i) + 2  # the first line of the next photo
        if cuts and k - cuts[-1] <= 3:  # one edge, seen on neighbouring lines: keep the stronger
            if strength[i] > last_strength:
                cuts[-1], last_strength = k, float(strength[i])
            continue
        cuts.append(k)
        last_strength = float(strength[i])
    # two photographs differ on either side of where they meet, or meet at a sharp line (the white
    # rule between two CT scans on black); a soft dark band across one photo (a retinal vessel across
    # a fundus crop) changes nearly every pixel over a few lines, but gradually, and the photo is
    # the same a few lines either side of it
    return [k for k in cuts if _step_cover(img, k, axis) >= _EDGE_STEP or d1[k - 1] >= _EDGE_SHARP]


def _faint_edges(img: np.ndarray, axis: int) -> list[int]:
    """Lines where two pale photos meet with a change under 16 in most pixels (see `_weak_edge`):
    over 4 in `_EVEN_FAINT` of the line's pixels and at most `_EVEN_FAINT_AROUND` of the pixels of
    the lines 3-10 either side, the mean change `_EVEN_FAINT_SHARP` times theirs; strongest first,
    each as the first line of the next photo."""
    n = img.shape[axis]
    if n < 40:
        return []
    a, b = (img[2:], img[:-2]) if axis == 0 else (img[:, 2:], img[:, :-2])
    d = cv2.absdiff(a, b)
    d = cv2.reduce(d.reshape(-1, 3), 1, cv2.REDUCE_MAX).reshape(d.shape[:2])
    dim = 1 if axis == 0 else 0
    strength = cv2.reduce(d, dim, cv2.REDUCE_AVG, dtype=cv2.CV_32F).reshape(-1)
    faint = cv2.reduce((d > 4).view(np.uint8), dim, cv2.REDUCE_AVG, dtype=cv2.CV_32F).reshape(-1)
    m = len(strength)
    idx = np.arange(m)
    lo1, hi1 = np.clip(idx - 10, 0, m), np.clip(idx - 2, 0, m)
    lo2, hi2 = np.clip(idx + 3, 0, m), np.clip(idx + 11, 0, m)
    cnt = np.maximum((hi1 - lo1) + (hi2 - lo2), 1)

    def around(v: np.ndarray) -> np.ndarray:
        c = np.concatenate([[0.0], np.cumsum(v)])
        return ((c[hi1] - c[lo1]) + (c[hi2] - c[lo2])) / cnt

    ok = (faint >= _EVEN_FAINT) & (around(faint) <= _EVEN_FAINT_AROUND) & \
        (strength >= _EVEN_FAINT_SHARP * np.maximum(around(strength), 4.0))
    ok[:12] = False
    ok[m - 12:] = False
    return [int(i) + 1 for i in sorted(np.flatnonzero(ok), key=lambda i: -strength[i])]


_FAINT_EVEN = 0.04  # faint edges cutting a row into pieces of one size (within this share) are photos meeting


def _faint_split(img: np.ndarray, thin: int) -> tuple[int, list[int]] | None:
    """Cuts (axis, positions) at faint photo edges (`_faint_edges`) in a region where no sharper
    edge was found, taken only when the layout confirms them: two or more cutting the row into
    pieces of one size (an even row of pale photos), or one whose side is then cut at sharp photo
    edges the other way into pieces of panel size (a large pale photo beside a column of smaller
    ones). A faint line inside one photo does neither."""
    for axis in (0, 1):
        n = img.shape[axis]
        found: list[int] = []
        for k in _faint_edges(img, axis):
            if all(abs(k - f) > 3 for f in found):
                found.append(k)
        ks = sorted(k for k in found if thin <= k <= n - thin)
        sizes = np.diff([0] + ks + [n])
        if len(ks) >= 2 and sizes.max() - sizes.min() <= _FAINT_EVEN * n and sizes.min() >= 2 * thin:
            return axis, ks
        for k in found[:3]:
            if not _edge_pieces_ok(np.array([k, n - k]), n, thin):
                continue
            for part in ((img[:k], img[k:]) if axis == 0 else (img[:, :k], img[:, k:])):
                m = part.shape[1 - axis]
                cuts = [c for c in _edge_cuts(part, 1 - axis) if thin <= c <= m - thin]
                if cuts and _edge_pieces_ok(np.diff([0] + cuts + [m]), m, thin):
                    return axis, [k]
    return None


_EVEN_COVER = 0.25  # a photo edge at the place an even row of photos puts it: this share of its pixels change ...
_EVEN_SHARP = 2.5   # ... and its mean change is this many times that of the lines around it
_EVEN_FAINT = 0.85  # ... or this share of its pixels change by more than 4 ...
_EVEN_FAINT_AROUND = 0.4  # ... and at most this share of the pixels of the lines around it
_EVEN_FAINT_SHARP = 2.0   # (such an edge, changing in nearly every pixel, needs its mean change only this many times)


def _weak_edge(img: np.ndarray, axis: int, pos: int, tol: int = 3) -> int | None:
    """A fainter photo edge near `pos` (two photos of like colour meeting: dermoscopy beside
    dermoscopy): the line pair (i, i + 2) within `tol` of it where at least `_EVEN_COVER` of the
    pixels change (> 16) and the mean change is `_EVEN_SHARP` times that 3-10 lines either side;
    returns the first line of the next photo, or None. Asked only where the pieces already cut say
    an edge should be, so a lesion's border or a hair elsewhere in a photo is never asked about."""
    n = img.shape[axis]
    a, b = pos - tol - 12, pos + tol + 12
    if a < 0 or b + 2 > n:
        return None
    band = img[a:b + 2] if axis == 0 else img[:, a:b + 2]
    d = cv2.absdiff(band[2:], band[:-2]) if axis == 0 else cv2.absdiff(band[:, 2:], band[:, :-2])
    d = d.max(axis=-1)
    dim = 1 if axis == 0 else 0
    strength = d.mean(axis=dim).astype(np.float32)
    cover = (d > 16).mean(axis=dim)
    faint = (d > 4).mean(axis=dim)
    best = None
    for i in range(12 - 1 - tol, 12 - 1 + tol + 1):  # pair (i, i + 2) is across the boundary at i + 1
        around = np.concatenate([strength[i - 10:i - 2], strength[i + 3:i + 11]])
        if len(around) < 12:
            continue
        ref = max(float(around.mean()), 4.0)
        # two pale dermoscopy photos meet with a change under 16 in most pixels, but in nearly
        # every pixel of the line and in few of the lines around it
        faint_edge = faint[i] >= _EVEN_FAINT and \
            float(np.concatenate([faint[i - 10:i - 2], faint[i + 3:i + 11]]).mean()) <= _EVEN_FAINT_AROUND
        sharp = strength[i] >= _EVEN_SHARP * ref or faint_edge and strength[i] >= _EVEN_FAINT_SHARP * ref
        if (cover[i] >= _EVEN_COVER or faint_edge) and sharp and (faint_edge or _edge_throughout(d, dim, i)) and \
                (best is None or strength[i] > best[1]):
            best = (i, float(strength[i]))
    return None if best is None else a + best[0] + 1


_EVEN_THIRD = 1.5  # each third of a fainter edge's line changes this many times the lines around it there


def _edge_throughout(d: np.ndarray, dim: int, i: int) -> bool:
    """Whether the change at line pair i (`d`: per-pixel change of the band's line pairs) is an edge
    in each third of the line, not one photo's edge running on across a larger photo beside it: a
    large panel beside two stacked small ones has the small ones' meeting at half its height, and
    cutting there would halve the large one. Asked of an edge taken for the share of its pixels
    changing by more than 16 (a faint edge changes in nearly every pixel of its line already)."""
    n = d.shape[dim]
    for t in range(3):
        part = d[:, n * t // 3:n * (t + 1) // 3] if dim == 1 else d[n * t // 3:n * (t + 1) // 3]
        s = part.mean(axis=dim)
        around = np.concatenate([s[i - 10:i - 2], s[i + 3:i + 11]])
        if s[i] < _EVEN_THIRD * max(float(around.mean()), 2.0):
            return False
    return True


def _even_edges(img: np.ndarray, axis: int, bounds: list[int]) -> list[int]:
    """Photo-edge cuts completed where the row is even: a piece about m times the smallest piece
    (m >= 2, within 4 %) is cut where m equal photos would meet, if a fainter edge is there at each
    such place (`_weak_edge`); otherwise the bounds are returned as they are."""
    sizes = np.diff(bounds)
    s = int(sizes.min())
    if s <= 0:
        return bounds
    out = [bounds[0]]
    for a, b in zip(bounds[:-1], bounds[1:]):
        m = int(round((b - a) / s))
        extra = []
        if m >= 2 and abs((b - a) - m * s) <= 0.04 * (b - a):
            for j in range(1, m):
                k = _weak_edge(img, axis, a + int(round(j * (b - a) / m)))
                if k is None:
                    extra = []
                    break
                extra.append(k)
        out.extend(extra + [b])
    return out


def _segments(n: int, gutters: list[tuple[int, int]]) -> list[tuple[int, int]]:
    segs, start = [], 0
    for a, b in gutters:
        if a > start:
            segs.append((start, a))
        start = b
    if start < n:
        segs.append((start, n))
    return segs


def _merge_thin(segs: list[tuple[int, int]], thin: int, strips: bool = False) -> list[tuple[int, int]]:
    """Pieces thinner than `thin` (label rows, titles, axis labels) join the nearer neighbour (the
    next one on a tie: a label row sits above its panel). `strips` (a region of photos, not a chart
    on paper): when the first piece is thin and the last is not (a label strip above the first row
    of photos), every thin piece joins the next one, and the other way round: label strips sit on
    the same side of every row, whichever photo edge the letters happen to lie nearer. (In a chart
    the thin pieces are titles and tick labels, each with its own plot.)"""
    segs = list(segs)
    lead = strips and len(segs) > 2 and segs[0][1] - segs[0][0] < thin <= segs[-1][1] - segs[-1][0]
    trail = strips and len(segs) > 2 and segs[-1][1] - segs[-1][0] < thin <= segs[0][1] - segs[0][0]
    changed = True
    while changed and len(segs) > 1:
        changed = False
        for i, (a, b) in enumerate(segs):
            if b - a >= thin:
                continue
            gap_prev = a - segs[i - 1][1] if i > 0 else None
            gap_next = segs[i + 1][0] - b if i + 1 < len(segs) else None
            if gap_next is not None and (gap_prev is None or (lead or gap_next <= gap_prev) and not trail):
                segs[i:i + 2] = [(a, segs[i + 1][1])]
            else:
                segs[i - 1:i + 1] = [(segs[i - 1][0], b)]
            changed = True
            break
    return segs


def _trim(img: np.ndarray, dark: np.ndarray) -> tuple[int, int, int, int]:
    """The region minus plain margins at its edges (uniform lines of white, black or neutral grey; a
    smooth patch of skin at a photo's edge is not a margin): (x0, y0, x1, y1) inside img."""
    h, w = img.shape[:2]

    def keep(axis: int) -> np.ndarray:
        uni, col = _uniform_lines(img, dark, axis)
        neutral = (col.max(axis=1) - col.min(axis=1) <= 12) & ((col.min(axis=1) >= 190) | (col.max(axis=1) <= 40))
        return np.nonzero(~(uni & neutral))[0]

    ys, xs = keep(0), keep(1)
    if not len(ys) or not len(xs):
        return 0, 0, w, h
    return int(xs[0]), int(ys[0]), int(xs[-1]) + 1, int(ys[-1]) + 1


def _split(img: np.ndarray, dark: np.ndarray, x0: int, y0: int, side: int, out: list[tuple[int, int, int, int]],
           depth: int, bridged: bool = False, known: tuple = ()) -> int | list:
    """Cut the region recursively, appending its leaves' boxes to `out`; returns the cut tree: a
    leaf's index in `out`, or the list of a cut's children in order along the cut's axis. `known`:
    the colours of the gutters cut above this region (`_mostly_gutters` takes only those)."""
    h, w = img.shape[:2]
    min_gap = max(2, int(round(side * 0.004)))
    thin = max(8, int(round(side * 0.06)))
    if depth < 6 and min(h, w) >= 2 * thin:
        photos = float(np.count_nonzero(dark >= 235)) < 0.25 * dark.size
        for axis in (0, 1):
            n = h if axis == 0 else w
            gut = _gutters(img, dark, axis, min_gap)
            segs = _merge_thin(_segments(n, gut), thin, photos)
            if len(segs) >= 2:
                inner = [(a, b) for a, b in gut if 0 < a and b < n]
                seen = known + tuple(np.median((img[a:b] if axis == 0 else img[:, a:b]).reshape(-1, 3), axis=0)
                                     for a, b in inner)
                kids = []
                for a, b in segs:
                    sub, dsub = (img[a:b], dark[a:b]) if axis == 0 else (img[:, a:b], dark[:, a:b])
                    kids.append(_split(sub, dsub, x0 + (a if axis == 1 else 0), y0 + (a if axis == 0 else 0), side, out,
                                       depth + 1, bridged, seen))
                return kids
        for axis in ((0, 1) if known else ()):  # grey or coloured gutters a few off pixels broke
            n = h if axis == 0 else w
            segs = _merge_thin(_segments(n, _mostly_gutters(img, axis, min_gap, known)), thin)
            if len(segs) >= 2:
                kids = []
                for a, b in segs:
                    sub, dsub = (img[a:b], dark[a:b]) if axis == 0 else (img[:, a:b], dark[:, a:b])
                    kids.append(_split(sub, dsub, x0 + (a if axis == 1 else 0), y0 + (a if axis == 0 else 0), side, out,
                                       depth + 1, bridged, known))
                return kids
        # no gutter either way: photographs that touch (edges), only into pieces of panel size, and
        # only in a region that is photographs (a chart or diagram on paper has frames and bars
        # whose lines change almost every pixel too)
        paper = float(np.count_nonzero(dark >= 235)) / dark.size
        if bridged and paper >= _BRIDGED_PAPER:
            for axis in (0, 1):
                n = h if axis == 0 else w
                segs = _merge_thin(_segments(n, _bridged_gutters(dark, axis, min_gap, thin)), thin)
                if len(segs) >= 2:
                    kids = []
                    for a, b in segs:
                        sub, dsub = (img[a:b], dark[a:b]) if axis == 0 else (img[:, a:b], dark[:, a:b])
                        kids.append(_split(sub, dsub, x0 + (a if axis == 1 else 0), y0 + (a if axis == 0 else 0), side,
                                           out, depth + 1, bridged))
                    return kids
        # the edges are looked for inside the region's plain margins: a white frame round abutting
        # photos is an edge too, and its thin strips would fail the size test for the whole row
        mx0, my0, mx1, my1 = _trim(img, dark) if paper < 0.25 else (0, 0, w, h)
        if paper >= 0.25 and paper < _MARGIN_PAPER:
            # photos centred in a row wider than they are (a row of two under a row of three): the
            # white margins beside them are paper, the region inside them may be photographs (an
            # image with tick labels and a title round it holds paper inside its plain margins)
            tx0, ty0, tx1, ty1 = _trim(img, dark)
            inner = dark[ty0:ty1, tx0:tx1]
            if inner.size and float(np.count_nonzero(inner >= 235)) < _MARGIN_INNER * inner.size:
                mx0, my0, mx1, my1 = tx0, ty0, tx1, ty1
                paper = 0.0
        # photo edges across rows first; down columns first when a row edge is no edge at all in
        # one of the columns the column edges give (two columns with their own row cuts: cutting
        # one column's row edge across the figure would halve the taller photo beside it)
        choices = []
        for axis in ((0, 1) if paper < 0.25 else ()):
            lo, hi = (my0, my1) if axis == 0 else (mx0, mx1)
            inner = img[my0:my1, mx0:mx1]
            if min(inner.shape[:2]) < 2 * thin:
                continue
            # an edge within `thin` of the region's end is a photo's own border (a dark rim, a
            # blurred first line), not where two photos meet: it would leave a sliver no row can
            # hold. Left aside only when the other edges cut the row evenly (photos of one size)
            found = _edge_cuts(inner, axis)
            cuts = [k for k in found if thin <= k <= hi - lo - thin]
            even = np.diff([0] + cuts + [hi - lo])
            if len(cuts) == len(found) or not cuts or even.max() > 1.1 * even.min():
                cuts = found
            cuts = [lo + k for k in cuts]
            if not cuts:
                continue
            bounds = _even_edges(inner, axis, [0] + [k - lo for k in cuts] + [hi - lo])
            bounds = [lo + k for k in bounds]
            sizes = np.diff(bounds)
            if _edge_pieces_ok(sizes, hi - lo, thin):
                choices.append((axis, bounds, [k - lo for k in cuts]))
        if not choices and paper < 0.25 and min(my1 - my0, mx1 - mx0) >= 2 * thin:
            faint = _faint_split(img[my0:my1, mx0:mx1], thin)
            if faint is not None:
                axis, ks = faint
                lo, hi = (my0, my1) if axis == 0 else (mx0, mx1)
                choices.append((axis, [lo] + [lo + k for k in ks] + [hi], ks))
        if choices:
            axis, bounds, _ = choices[0]
            if len(choices) == 2:
                cols = [c - mx0 for c in choices[1][1]]
                spans = list(zip(cols[:-1], cols[1:]))
                inner = img[my0:my1, mx0:mx1]
                if any(_edge_absent(inner, k, 0, spans) for k in choices[0][2]):
                    axis, bounds, _ = choices[1]
            kids = []
            for a, b in zip(bounds[:-1], bounds[1:]):
                sub, dsub = (img[a:b], dark[a:b]) if axis == 0 else (img[:, a:b], dark[:, a:b])
                kids.append(_split(sub, dsub, x0 + (a if axis == 1 else 0), y0 + (a if axis == 0 else 0), side, out,
                                   depth + 1, bridged))
            return kids
    tx0, ty0, tx1, ty1 = _trim(img, dark)
    out.append((x0 + tx0, y0 + ty0, x0 + tx1, y0 + ty1))
    return len(out) - 1


_MARGIN_PAPER = 0.6    # a region up to this share paper may be photographs inside plain margins ...
_MARGIN_INNER = 0.05   # ... when inside them at most this share is paper (no tick labels, no titles)
_BRIDGED_PAPER = 0.5   # only a region mostly paper (charts, blots, diagrams) is cut at bridged gutters
_BRIDGED_INK = 0.015   # a bridged gutter's lines have at most this share of their pixels inked


def _bridged_gutters(dark: np.ndarray, axis: int, min_gap: int, thin: int) -> list[tuple[int, int]]:
    """Gutters that slanted or rotated axis text pokes into from either side (the tick labels of the
    panel above reaching down past the top of the panel below): runs of lines each under twice
    `_BRIDGED_INK` inked, at least `min_gap` of them under `_BRIDGED_INK`, that no straight line
    crosses (no column through the run, and a line beyond it on each side, inked all along: an axis,
    a frame or a bar runs through a chart's own sparse stretches; text does not), at least
    2 * `thin` from either end of the region."""
    ink = (dark < 200) if axis == 0 else (dark < 200).T
    n, m = ink.shape
    cnt = ink.sum(axis=1)
    sparse = cnt <= _BRIDGED_INK * m
    out = []
    for a, b in _true_runs(cnt <= 2 * _BRIDGED_INK * m):
        if int(sparse[a:b].sum()) < min_gap or a < 2 * thin or n - b < 2 * thin:
            continue
        if ink[a - 1:b + 1].all(axis=0).any():
            continue
        out.append((a, b))
    return out


def _edge_pieces_ok(sizes: np.ndarray, n: int, thin: int) -> bool:
    """Whether cuts at photo edges give pieces of panel size: none under 2 * `thin`, none over 2.2x
    the smallest, and the smallest at least 18 % of the region or, in a row of k >= 3 photos, half
    the mean (k / 2n: a row of four photos of unequal widths has a 13 % one)."""
    least = min(0.18 * n, 0.5 * n / len(sizes)) if len(sizes) >= 3 else 0.18 * n
    return sizes.min() >= max(least, 2 * thin) and sizes.max() <= 2.2 * sizes.min()


def reading_order(boxes: list[Box]) -> list[Box]:
    """Rows first (boxes whose vertical extents overlap by half the smaller height share a row),
    then left to right: so a 2x2 layout cut column-first still reads A B / C D."""
    rows: list[list[Box]] = []
    for b in sorted(boxes, key=lambda b: (b.y, b.x)):
        for row in rows:
            top = min(r.y for r in row)
            bottom = max(r.y + r.h for r in row)
            overlap = min(bottom, b.y + b.h) - max(top, b.y)
            if overlap >= 0.5 * min(b.h, min(r.h for r in row)) and b.y < bottom:
                row.append(b)
                break
        else:
            rows.append([b])
    return [b for row in rows for b in sorted(row, key=lambda b: b.x)]


def layout(img: np.ndarray, bridged: bool = False) -> tuple[list[Box], int | list | None]:
    """The pieces of the figure (in the order the cuts found them) and the cut tree over their
    indices (see `_split`); a piece too small to be a panel is left out of both (None in the tree).
    `bridged`: a region with no gutter is also cut at gutters text pokes into (`_bridged_gutters`);
    only the caption-count prior looks at that layout (alone it over-cuts diagrams)."""
    if img.ndim == 2:
        img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    img = img[:, :, :3]
    H, W = img.shape[:2]
    s = min(1.0, _MAX_SIDE / max(H, W))
    small = img if s == 1.0 else cv2.resize(img, (max(1, round(W * s)), max(1, round(H * s))), interpolation=cv2.INTER_AREA)
    small = np.ascontiguousarray(small)
    b, g, r = cv2.split(small)
    dark = cv2.min(cv2.min(b, g), r)
    raw: list[tuple[int, int, int, int]] = []
    tree = _split(small, dark, 0, 0, max(small.shape[:2]), raw, 0, bridged)
    side = max(small.shape[:2])
    t = _frame_lines(small)[1]
    if t:
        # a rule framing the whole figure crosses the ends of every gutter inside it: split inside it,
        # kept only when that finds more pieces (a gutter the rule does not cross, or photo edges,
        # may have cut the framed figure into rows already, each still whole)
        inside: list[tuple[int, int, int, int]] = []
        sh, sw = small.shape[:2]
        framed = _split(small[t:sh - t, t:sw - t], dark[t:sh - t, t:sw - t], t, t, side, inside, 0, bridged)
        if len(inside) > len(raw):
            raw, tree = inside, framed
    big = [(r[2] - r[0]) * (r[3] - r[1]) >= (0.02 * side) ** 2 for r in raw]
    if not any(big):
        big = [True] * len(raw)
    new_index: dict[int, int] = {}
    boxes = []
    for i, (x0, y0, x1, y1) in enumerate(raw):
        if not big[i]:
            continue
        bx0, by0 = int(np.floor(x0 / s)), int(np.floor(y0 / s))
        bx1, by1 = min(W, int(np.ceil(x1 / s))), min(H, int(np.ceil(y1 / s)))
        new_index[i] = len(boxes)
        boxes.append(Box(bx0, by0, max(1, bx1 - bx0), max(1, by1 - by0)))

    def remap(node):
        if isinstance(node, int):
            return new_index.get(node)
        kids = [k for k in (remap(c) for c in node) if k is not None]
        return None if not kids else kids[0] if len(kids) == 1 else kids

    if not boxes:
        return [Box(0, 0, W, H)], 0
    return boxes, remap(tree)


_FRAME_MAX = 0.015  # a frame round the figure is at most this share of its longer side thick


def _frame(img: np.ndarray) -> int:
    """The thickness of a plain rule framing the whole figure (each of its outermost lines on all four
    sides of one neutral colour darker than paper, all alike, the line inside it of another), or 0."""
    return _frame_lines(img)[0]


def _frame_lines(img: np.ndarray) -> tuple[int, int]:
    """(`_frame`'s thickness, the lines to leave out at each side to split inside it): one more than
    the frame when the line right inside it is plain all round (the frame's edge blended with the
    margin by the downscaling, or the margin itself), which would cross the ends of the gutters as
    the frame did."""
    h, w = img.shape[:2]
    most = max(1, int(round(_FRAME_MAX * max(h, w))))
    if min(h, w) < 10 * most:
        return 0, 0

    def line(k: int):  # the k-th line in from each side
        return [img[k], img[h - 1 - k], img[:, k], img[:, w - 1 - k]]

    ref = None
    for k in range(most + 1):
        ls = [x.reshape(-1, 3).astype(np.int16) for x in line(k)]
        means = [x.mean(axis=0) for x in ls]
        plain = all(float(np.abs(x - m).max(axis=1).mean()) <= 6 and float(np.percentile(np.abs(x - m).max(axis=1), 98)) <= 30
                    for x, m in zip(ls, means))
        if ref is None:
            if not plain or max(float(m.max() - m.min()) for m in means) > 20 or max(float(m.max()) for m in means) >= 200:
                return 0, 0  # a white line round the figure is its margin, which the gutter split handles
            ref = np.mean(means, axis=0)
            continue
        if plain and all(float(np.abs(m - ref).max()) <= 25 for m in means):
            continue
        # the frame ends: each side's next line is not of its colour
        if not all(float(np.abs(m - ref).max()) > 40 for m in means):
            return 0, 0
        return k, k + 1 if plain else k
    return 0, 0


_MINOR = 0.4  # a piece under this share of its neighbour's size along the cut is no panel of its own


_KEY_W = 4.0     # a legend's key (a line or bar sample) is at most this many glyphs wide and one high
_KEY_TITLE = 1.25  # a legend's title may be set this much larger than the glyph size
_BIG_PRINT = 1.75  # print of one height may be this many glyphs high and wide


def _text_only(img: np.ndarray, b: Box, group: bool = False) -> bool:
    """Whether a piece holds nothing but small print (a column of row labels, an axis title, a
    legend): at least three dark marks, none higher or wider than a glyph (2 % of the figure's
    longer side); a chart's axes and frames, a photo's blobs and a diagram's shapes are larger.
    Print set large passes too (marks up to `_BIG_PRINT` glyphs, all within 1.6x of their median
    height: a ggplot's tick labels), and so does a legend: a frame round it all (one thin outline
    spanning the piece) or keys (line samples a third of a glyph high or solid bars, up to `_KEY_W`
    glyphs wide, no more of them than of glyphs), every other mark print (up to `_KEY_TITLE` glyphs
    high, two wide: letters run together). With `group` (a piece among several cut from one
    sliver), a piece with fewer than three marks, each no larger than a glyph or a thin rule (a
    legend frame's edge), passes as well."""
    part = img[b.y:b.y + b.h, b.x:b.x + b.w]
    grey = part if part.ndim == 2 else cv2.cvtColor(np.ascontiguousarray(part[:, :, :3]), cv2.COLOR_BGR2GRAY)
    n, labels, stats, _ = cv2.connectedComponentsWithStats((grey < 160).view(np.uint8), connectivity=8)
    glyph = 0.02 * max(img.shape[:2])
    st = stats[1:]
    if n < 4:
        return group and bool(((st[:, 2:4] <= glyph).all(axis=1) | (st[:, 4] <= 3 * st[:, 2:4].max(axis=1))).all())
    if int(st[:, 2].max()) <= glyph and int(st[:, 3].max()) <= glyph:
        return True
    if int(st[:, 2:4].max()) <= _BIG_PRINT * glyph and int(st[:, 3].max()) <= 1.6 * float(np.median(st[:, 3])):
        return True  # print set large (a ggplot's tick labels at 3 % of the side), all of one height
    frame = (st[:, 2] >= 0.9 * b.w) & (st[:, 3] >= 0.9 * b.h) & (st[:, 4] <= 0.1 * st[:, 2] * st[:, 3])
    if int(frame.sum()) > 1:
        return False
    for k in np.flatnonzero(frame):
        # an outline: its pixels lie along its box's edges (a node's ellipse with its edges running
        # to the corners spans the piece too, but across its inside)
        x, y, w, h, area = (int(v) for v in st[k])
        inner = labels[y + 4:y + h - 4, x + 4:x + w - 4] == k + 1
        if int(inner.sum()) > 0.1 * area:
            return False
    framed = bool(frame.any())
    st = st[~frame]
    if len(st) < 3:
        return False
    w, h, area = st[:, 2], st[:, 3], st[:, 4]
    # a key: a line sample (a third of a glyph high) or a solid bar, wider than a glyph; print run
    # together is at most two glyphs wide; a legend has a frame or a key
    keys = (w > glyph) & (w <= _KEY_W * glyph) & (h <= glyph) & ((h <= 0.35 * glyph) | (area >= 0.8 * w * h))
    glyphs = (h <= _KEY_TITLE * glyph) & (w <= 2 * glyph) & ~keys
    return ((framed or bool(keys.any())) and bool((keys | glyphs).all())
            and int(keys.sum()) <= int(glyphs.sum()))


def _minor_merge(node, boxes: list[Box], whole: frozenset = frozenset(), texty=None,
                 printed: dict | None = None) -> list[Box]:
    """The pieces of a cut-tree node after pieces that are no panel of their own are dealt with.

    Along one cut, a single piece whose size across the cut is under `_MINOR` of the nearer
    neighbour's (an axis-label sliver beside its plot, a legend or label strip under a chart, a
    journal header over the figure) joins the one piece of that neighbour it lines up with (covers
    most of the sliver's length); lined up with several (a label row or header over a whole row of
    panels), it is no panel and is left out. Done bottom-up, so a sub-plot's sliver joins it first.
    Boxes in `whole` (by id: groups of sub-plots already made one piece) are never taken as slivers;
    a piece `texty` finds to be small print only (row labels beside a dot plot, a legend) is one at
    any size under its neighbour's, and so is a run of such pieces along one cut (row labels cut
    into groups, a legend's entries cut apart; `texty(b, True)` also passes a piece of a frame's
    edge among them) or a piece joined from them (ids in `printed`)."""
    if node is None:
        return []
    if isinstance(node, int):
        return [boxes[node]]
    printed = {} if printed is None else printed  # id -> box (kept alive, so no id is reused)

    def is_print(x: Box, group: bool = False) -> bool:
        return id(x) in printed or (texty is not None and texty(x, group))

    parts = [_minor_merge(k, boxes, whole, texty, printed) for k in node]
    parts = [q for q in parts if q]
    if len(parts) < 2:
        return parts[0] if parts else []
    us = [_union_all(q) for q in parts]
    # the cut's axis: kids follow each other down (0) or across (1)
    axis = 0 if all(us[i].y + us[i].h <= us[i + 1].y + 2 for i in range(len(us) - 1)) else 1
    lo = (lambda b: b.y) if axis == 0 else (lambda b: b.x)
    ext = (lambda b: b.h) if axis == 0 else (lambda b: b.w)
    clo = (lambda b: b.x) if axis == 0 else (lambda b: b.y)
    cext = (lambda b: b.w) if axis == 0 else (lambda b: b.h)
    changed = True
    while changed and len(parts) > 1:
        changed = False
        for i, q in enumerate(parts):
            if any(id(x) in whole for x in q):
                continue
            b = q[0] if len(q) == 1 else _union_all(q)
            # several pieces are one sliver only when all are small print (row labels cut into
            # groups beside a dot plot, a legend's entries cut apart)
            if len(q) > 1 and (not all(is_print(x, True) for x in q) or not any(is_print(x) for x in q)):
                continue
            gaps = []
            if i > 0:
                gaps.append((lo(b) - (lo(us[i - 1]) + ext(us[i - 1])), i - 1))
            if i + 1 < len(parts):
                gaps.append((lo(us[i + 1]) - (lo(b) + ext(b)), i + 1))
            _, j = min(gaps)
            if (len(q) == 1 and ext(b) >= _MINOR * ext(us[j])) and not (ext(b) < ext(us[j]) and is_print(b)):
                continue
            if len(q) > 1 and ext(b) >= ext(us[j]):
                continue
            a0, a1 = clo(b), clo(b) + cext(b)
            cover = [max(0, min(a1, clo(o) + cext(o)) - max(a0, clo(o))) for o in parts[j]]
            lined = [k for k, c in enumerate(cover) if c >= 0.25 * cext(b)]
            if len(lined) == 1:
                k = lined[0]
                u = _union(parts[j][k], b)
                if (len(q) > 1 or is_print(b, True)) and is_print(parts[j][k], True):
                    printed[id(u)] = u
                parts[j] = parts[j][:k] + [u] + parts[j][k + 1:]
                us[j] = _union_all(parts[j])
            del parts[i], us[i]
            changed = True
            break
    return [b for q in parts for b in q]


_LEVEL_JUMP = 3.0  # panel gutters are at least this many times wider than the sub-plot gutters beside them
_LEVEL_INNER = 0.3  # a group collapses when its widest inner gutter is under this share of its surrounding gutter
_LEVEL_AREA = 0.5  # a collapsed group is at most this share of the figure's content
_LEVEL_ALIGN = 0.05  # sub-plots' outer edges line up within this share of their span
_LEVEL_NEIGHBOUR = 0.2  # a neighbour thinner than this share of a group (a header, a label strip) does not surround it


def _leaves(node) -> list[int]:
    if node is None:
        return []
    if isinstance(node, int):
        return [node]
    return [i for k in node for i in _leaves(k)]


def _cut_gaps(us: list[Box]) -> tuple[int, list[int]]:
    """The cut's axis (0: children follow each other down, 1: across) and the gutters between
    consecutive children's boxes along it (0 where they touch)."""
    axis = 0 if all(us[i].y + us[i].h <= us[i + 1].y + 2 for i in range(len(us) - 1)) else 1
    if axis == 0:
        return 0, [max(0, us[i + 1].y - (us[i].y + us[i].h)) for i in range(len(us) - 1)]
    return 1, [max(0, us[i + 1].x - (us[i].x + us[i].w)) for i in range(len(us) - 1)]


def _inner_gap(node, boxes: list[Box]) -> int:
    """The widest gutter of any cut inside a node (0 for a leaf)."""
    if node is None or isinstance(node, int):
        return 0
    kids = [k for k in node if _leaves(k)]
    if len(kids) < 2:
        return max((_inner_gap(k, boxes) for k in kids), default=0)
    us = [_union_all([boxes[i] for i in _leaves(k)]) for k in kids]
    return max(max(_cut_gaps(us)[1]), max(_inner_gap(k, boxes) for k in kids))


def _lined_up(node, boxes: list[Box], tol: float = _LEVEL_ALIGN) -> bool:
    """Whether every cut inside a node has children spanning the same extent across the cut
    (within `tol` of it): sub-plots of one panel share their frame's edges."""
    if node is None or isinstance(node, int):
        return True
    kids = [k for k in node if _leaves(k)]
    if len(kids) < 2:
        return all(_lined_up(k, boxes, tol) for k in kids)
    us = [_union_all([boxes[i] for i in _leaves(k)]) for k in kids]
    axis, _ = _cut_gaps(us)
    lo = [(u.x, u.x + u.w) if axis == 0 else (u.y, u.y + u.h) for u in us]
    span = max(b for _, b in lo) - min(a for a, _ in lo)
    if max(a for a, _ in lo) - min(a for a, _ in lo) > tol * span or max(b for _, b in lo) - min(b for _, b in lo) > tol * span:
        return False
    return all(_lined_up(k, boxes, tol) for k in kids)


def _gutter_levels(node, boxes: list[Box], side: int, surround: float = float("inf"), area: float | None = None,
                   keep: frozenset = frozenset(), photo=None):
    """The cut tree with groups of sub-plots collapsed into one piece, by two levels of gutters.

    A panel's sub-plots (a row of time-lapse frames, the rows of a micrograph series, small maps
    stuck to a large image) sit closer together than panels do. Along a cut whose gutters fall into
    two levels (the wide ones at least `_LEVEL_JUMP` times the narrow ones), the children between
    wide gutters form a group; a group (or a node) whose every inner gutter, at any depth, is under
    `_LEVEL_INNER` of the gutters around it becomes one piece (appended to `boxes`; its index
    replaces it in the tree). A neighbour much thinner than the group (a header, a label strip) does
    not count as surrounding it. Figures whose gutters are all alike (grids, most chart figures) are
    left as they are; the root is never collapsed, nor a group holding a piece in `keep` (parts
    of a partial cut: a gutter that carries a printed label or row title bounds panels)."""
    if node is None or isinstance(node, int):
        return node
    kids = [k for k in node if _leaves(k)]
    if len(kids) < 2:
        return node
    if area is None:
        whole = _union_all([boxes[i] for i in _leaves(node)])
        area = float(whole.w * whole.h)

    def collapses(b: Box, inner: int, sur: float, parts) -> bool:
        # a wide enough gutter around, narrow ones inside, and not most of the figure (a dense
        # layout's tight panels beside one wide gutter stay apart)
        return (sur < float("inf") and sur >= 0.012 * side and inner <= _LEVEL_INNER * sur
                and b.w * b.h <= _LEVEL_AREA * area and _lined_up(parts, boxes)
                and not keep.intersection(_leaves(parts))
                and not (photo is not None and _alike([boxes[i] for i in _leaves(parts)])
                         and all(photo(boxes[i]) for i in _leaves(parts))))

    if collapses(_union_all([boxes[i] for i in _leaves(node)]), _inner_gap(node, boxes), surround, node):
        boxes.append(_union_all([boxes[i] for i in _leaves(node)]))
        return len(boxes) - 1
    us = [_union_all([boxes[i] for i in _leaves(k)]) for k in kids]
    axis, gaps = _cut_gaps(us)
    ext = (lambda b: b.h) if axis == 0 else (lambda b: b.w)
    # wide gutters: above the largest jump in the sorted gutters, when that jump is wide enough
    wide_at = float("inf")
    srt = sorted(gaps)
    best = 0.0
    for a, b in zip(srt, srt[1:]):
        if b >= 0.012 * side and b >= _LEVEL_JUMP * max(a, 1) and b / max(a, 1) > best:
            best, wide_at = b / max(a, 1), b
    groups: list[list[int]] = [[0]]
    for i, g in enumerate(gaps):
        if g >= wide_at:
            groups.append([i + 1])
        else:
            groups[-1].append(i + 1)

    def around(first: int, last: int, own: Box) -> float:
        """The narrower gutter between children first..last and their neighbours along the cut
        (neighbours much thinner than them left aside); the node's own surround when none."""
        found = [gaps[j] for j, n in ((first - 1, first - 1), (last, last + 1))
                 if 0 <= n < len(kids) and ext(us[n]) >= _LEVEL_NEIGHBOUR * ext(own)]
        return min(found) if found else surround

    # rows (or columns) of photos that abut, as many in each: a grid with no gutters (label strips
    # between its rows look like the wider gutters around groups), not sub-photos of one panel each
    if len(kids) >= 2 and all(not isinstance(k, int) for k in kids) and len({len(_leaves(k)) for k in kids}) == 1 \
            and all(_inner_gap(k, boxes) == 0 for k in kids):
        return [_gutter_levels(k, boxes, side, float("inf"), area, keep, photo) for k in kids]
    out = []
    for grp in groups:
        gu = _union_all([us[i] for i in grp])
        sur = around(grp[0], grp[-1], gu)
        if len(groups) > 1 and len(grp) > 1:
            inner = max(max(gaps[grp[0]:grp[-1]]), max(_inner_gap(kids[i], boxes) for i in grp))
            if collapses(_union_all([boxes[j] for i in grp for j in _leaves(kids[i])]), inner, sur, [kids[i] for i in grp]):
                boxes.append(_union_all([boxes[j] for i in grp for j in _leaves(kids[i])]))
                out.append(len(boxes) - 1)
                continue
        out.extend(_gutter_levels(kids[i], boxes, side, around(i, i, us[i]), area, keep, photo) for i in grp)
    return out


_PHOTO_PAPER = 0.25  # a piece with under this share of paper pixels is a photograph ...
_PHOTO_FLAT = 0.4    # ... and under this share of one flat colour (a chart's tinted ground is not a photo)
_ALIKE = 0.15        # pieces of one size: widths and heights within this share of the largest


def _alike(bs: list[Box]) -> bool:
    """Whether boxes are of one size (a grid's photos; a large image with small maps stuck to it is not)."""
    w, h = max(b.w for b in bs), max(b.h for b in bs)
    return all(b.w >= (1 - _ALIKE) * w and b.h >= (1 - _ALIKE) * h for b in bs)


def _photo_piece(img: np.ndarray, b: Box) -> bool:
    """Whether a piece is a photograph: under `_PHOTO_PAPER` of its pixels paper (darkest channel
    >= 235) and under `_PHOTO_FLAT` of them within 2 of its median colour (a chart on a tinted
    ground is flat)."""
    part = img[b.y:b.y + b.h, b.x:b.x + b.w]
    if part.ndim == 2:
        part = cv2.cvtColor(part, cv2.COLOR_GRAY2BGR)
    part = part[::2, ::2, :3]
    if not part.size:
        return False
    dark = cv2.min(cv2.min(part[:, :, 0], part[:, :, 1]), part[:, :, 2])
    if cv2.countNonZero((dark >= 235).view(np.uint8)) >= _PHOTO_PAPER * dark.size:
        return False
    med = np.median(part.reshape(-1, 3), axis=0).astype(np.int16)
    flat = (np.abs(part.astype(np.int16) - med).max(axis=-1) <= 2).mean()
    return float(flat) < _PHOTO_FLAT


def _union_all(bs: list[Box]) -> Box:
    x0, y0 = min(b.x for b in bs), min(b.y for b in bs)
    x1, y1 = max(b.x + b.w for b in bs), max(b.y + b.h for b in bs)
    return Box(x0, y0, x1 - x0, y1 - y0)


def _partial_cut(img: np.ndarray, b: Box) -> list[Box]:
    """Box b cut in two along a gutter that runs across most of it but not all: a band of paper
    lines, each paper from one edge for at least 80 % of the box (a label printed in the gutter, a
    row title or an arrow beside a column of photos blocks the rest), with content that is not
    paper on at least half of the band's length right before and after it, and both parts under
    35 % paper: photographs (micrographs, scans) on both sides; a band between a chart and the
    blots under it, or beside a column of row labels, has paper on one side. Each part is at least
    15 % of the box and a few percent of the figure; otherwise [b]."""
    part = img[b.y:b.y + b.h, b.x:b.x + b.w]
    if part.ndim == 3:
        part = cv2.min(cv2.min(part[:, :, 0], part[:, :, 1]), part[:, :, 2])
    if cv2.countNonZero((part >= 235).view(np.uint8)) >= 0.45 * part.size:
        return [b]  # mostly paper (a chart, a diagram): no photographs on both sides of any band
    side = max(img.shape[:2])
    least = max(8, int(0.05 * side))
    for axis in (0, 1):
        paper = (part if axis == 0 else part.T) >= 200
        n, m = paper.shape
        if n < 2 * least or m < 20:
            continue
        lead = np.where(paper.all(axis=1), m, np.argmin(paper, axis=1))
        trail = np.where(paper.all(axis=1), m, np.argmin(paper[:, ::-1], axis=1))
        for from_end in (False, True):
            run = trail if from_end else lead
            for i, j in _true_runs(run >= 0.8 * m):
                length = int(run[i:j].min())
                span = slice(m - length, m) if from_end else slice(0, length)
                before, after = paper[max(0, i - 4):max(0, i - 1), span], paper[j + 1:j + 4, span]
                if (i >= max(least, int(0.15 * n)) and n - j >= max(least, int(0.15 * n))
                        and before.size and after.size
                        and (~before).mean(axis=1).max() >= 0.5 and (~after).mean(axis=1).max() >= 0.5
                        and (part if axis == 0 else part.T)[:i].__ge__(235).mean() < 0.35
                        and (part if axis == 0 else part.T)[j:].__ge__(235).mean() < 0.35):
                    if axis == 0:
                        return [Box(b.x, b.y, b.w, i), Box(b.x, b.y + j, b.w, b.h - j)]
                    return [Box(b.x, b.y, i, b.h), Box(b.x + j, b.y, b.w - j, b.h)]
    return [b]


def _cut_leaves(img: np.ndarray, node, boxes: list[Box]):
    """The cut tree with each piece that `_partial_cut` cuts replaced by a cut of its two parts
    (appended to `boxes`)."""
    if node is None:
        return None
    if isinstance(node, int):
        parts = _partial_cut(img, boxes[node])
        if len(parts) == 1:
            return node
        boxes.extend(parts)
        return [len(boxes) - 2, len(boxes) - 1]
    return [_cut_leaves(img, k, boxes) for k in node]


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
    chart's strips are one panel. When that join gives `expect` pieces, no other scale is tried."""
    n, tree, boxes, raw_tree, raw_boxes, merged = _panel_trees(img)
    out = _join_specks(img, _one_chart(img, merged or boxes, boxes[:n]))
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
    if len(out) >= 2 and not _plausible(out):
        out = [_union_all(out)]
    if len(out) >= 2:
        content = _left_out(img, out)
        if content is not None:
            out = [content]
    if len(out) <= 3:
        # one piece (or a few): a lattice display's facets touch or have gutters too thin to cut;
        # their strip titles tell them apart. Facets leaving most of the figure out are bands, not
        # facets; with pieces already cut, the facets must refine them (each facet mostly inside one
        # piece, each piece holding one: a lattice cut in two between its rows of facets)
        facets = _facets(img)
        if facets is not None and len(facets) > len(out) and _left_out(img, facets) is None \
                and (len(out) == 1 or _refines(facets, out)):
            return reading_order(facets)
    return reading_order(out)


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
    step = max(1, max(img.shape[:2]) // _MAX_SIDE)
    view = np.ascontiguousarray(img[::step, ::step])
    grey = view if view.ndim == 2 else cv2.cvtColor(view[:, :, :3], cv2.COLOR_BGR2GRAY)
    ink = grey < 200
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


_LINE_EXT = 0.5   # a line joining two pieces runs this share of the smaller one's extent into each
_LINE_INK = 0.1   # ... inked along at least this share of that run (a dotted reference line: about a third)
_LINE_BREAK = 12  # ... with breaks of at most this many pixels (a dotted line's spacing) ...
_LINE_GAP = 2     # ... and across the gutter at most this (solid) or breaks all of one length (dotted)


def _crossing_line(ink: np.ndarray, a: Box, b: Box, axis: int) -> bool:
    """Whether one line (a frame, an axis, a dotted reference line) runs from piece a across the
    paper gutter between them into piece b (b follows a down, axis 0, or across, axis 1): the
    XY-cut takes a white band crossed by a line or two as a gutter (0.4 % of its pixels inked), which
    cuts one chart's rows (a forest plot's studies, a coefficient plot's bars) into strips. The line
    is inked through both pieces with paper beside it, its longest break at most `_LINE_BREAK`, and
    across the gutter it is solid (a break of at most `_LINE_GAP`) or dotted (no break longer than its
    usual spacing): two separately framed plots have solid frames and a blank gutter between them."""
    if axis == 1:
        return _crossing_line(ink.T, Box(a.y, a.x, a.h, a.w), Box(b.y, b.x, b.h, b.w), 0)
    g0, g1 = a.y + a.h, b.y
    if g1 <= g0:
        return False
    x0, x1 = max(a.x, b.x), min(a.x + a.w, b.x + b.w)
    if x1 - x0 < 3 or ink[g0:g1, x0:x1].mean() > 0.02:
        return False  # no shared extent, or the gutter is no paper band
    ext = int(_LINE_EXT * min(a.h, b.h))
    y0, y1 = max(0, g0 - ext), g1 + ext
    bx0, bx1 = max(0, x0 - 5), min(ink.shape[1], x1 + 5)  # the line may be the pieces' edge
    band = ink[y0:y1, bx0:bx1]
    col = band[:, 1:-1] | band[:, :-2] | band[:, 2:]  # a line a pixel off straight stays one line
    n, m = col.shape
    if m < 9:
        return False
    # candidates: inked above and below the gutter, within the shared extent, with paper beside
    # them on most of their run (a line, not a photo's or a block's inside)
    paper = band.mean(axis=0) <= 0.3
    xs = np.arange(m)
    ok = ((col[:g0 - y0].mean(axis=0) >= _LINE_INK) & (col[g1 - y0:].mean(axis=0) >= _LINE_INK)
          & (xs >= 3) & (xs + 6 <= band.shape[1]) & (bx0 + xs + 1 >= x0) & (bx0 + xs + 1 < x1))
    ok[3:m] &= paper[:m - 3]
    ok[:m] &= np.concatenate((paper[5:], np.zeros(max(0, m - (band.shape[1] - 5)), bool)))[:m]
    for x in np.flatnonzero(ok):
        c = col[:, x]
        pos = np.flatnonzero(c)
        if pos[0] > _LINE_BREAK or n - 1 - pos[-1] > _LINE_BREAK:
            continue
        gaps = np.diff(pos) - 1
        if gaps.max() > _LINE_BREAK:
            continue
        # the line goes on across the gutter: solid (a break of a pixel or two), or dotted, no
        # break longer than its usual spacing (marks crossing it only shorten some; sparse marks
        # inside a plot or a photo break irregularly)
        over = (pos[1:] > g0 - y0) & (pos[:-1] < g1 - y0 - 1)
        across = int(gaps[over].max(initial=0))
        breaks = gaps[gaps > 0]
        if across <= _LINE_GAP or (len(breaks) >= 4 and breaks.max() <= np.median(breaks) + 3):
            return True
    return False


def _arrow_into(ink: np.ndarray, a: Box, b: Box, axis: int) -> bool:
    """Whether piece a ends in an arrow pointing at piece b's frame across a thin gap (b follows a
    down, axis 0, or across, axis 1): a flowchart's boxes joined by arrows (brms 2017 fig 1) are cut
    where an arrow's tip stops a few pixels short of the next box, so each box came out as a panel.
    From a's last inked line back: a narrow ink run (the arrow; at most 4 % of the shared extent
    wide, 12 px at least) at least 8 lines long, widening to a head at least 2.5 times its shaft
    near the tip, starting at a frame line (inked along 30 % of the shared extent); b's first inked
    line, at most 4 px past a's end and the tip, is a frame line under the arrow. Two framed panels
    have no arrow between them; a chart's axis ends in no frame."""
    if axis == 1:
        return _arrow_into(ink.T, Box(a.y, a.x, a.h, a.w), Box(b.y, b.x, b.h, b.w), 0)
    x0, x1 = max(a.x, b.x), min(a.x + a.w, b.x + b.w)
    ext = x1 - x0
    if ext < 20 or b.y < a.y + a.h - 1:
        return False
    part = ink[a.y:a.y + a.h, x0:x1]
    rows = np.flatnonzero(part.any(axis=1))
    if not len(rows):
        return False
    last = int(rows[-1])
    narrow = max(12, int(0.04 * ext))
    spans, centre, k = [], None, last
    while k >= 0:
        xs = np.flatnonzero(part[k])
        if not len(xs):
            return False  # a break in the arrow: no arrow
        if xs[-1] - xs[0] + 1 > narrow:
            break
        spans.append(len(xs))
        centre = (xs[0] + xs[-1]) / 2 if centre is None else centre
        k -= 1
    if k < 0 or len(spans) < 8 or int(part[k].sum()) < 0.3 * ext:
        return False
    spans = spans[::-1]  # shaft first, tip last
    half = len(spans) // 2
    if max(spans[half:]) < 2.5 * float(np.median(spans[:half])):
        return False  # no head
    tip = a.y + last
    below = ink[b.y:b.y + b.h, x0:x1]
    rows_b = np.flatnonzero(below.any(axis=1))
    if not len(rows_b) or b.y + int(rows_b[0]) - tip > 5:
        return False
    first = below[int(rows_b[0])]
    xs = np.flatnonzero(first)
    return int(first.sum()) >= 0.3 * ext and xs[0] <= centre <= xs[-1]


_SLANT = (15.0, 75.0)  # a diagram's edge crossing a gutter runs at this angle (degrees) from the cut's direction
_EDGE_REACH = 0.1      # ... and is looked for within this share of the figure's side of the facing edges
_EDGE_ALIGN = 6.0      # its two parts differ in angle by at most this (degrees) ...
_EDGE_OFF = 0.006      # ... and each part's near end lies this share of the side off the other's line at most


def _slanted_segments(ink: np.ndarray, x0: int, y0: int, x1: int, y1: int, side: int) -> list:
    """Straight slanted segments (`_SLANT` from the vertical) in ink[y0:y1, x0:x1], in figure
    coordinates, each (xa, ya, xb, yb) with ya <= yb; none where the strip is not mostly paper (a
    photo's edges and a chart's filled areas are no diagram edges)."""
    part = ink[y0:y1, x0:x1]
    if part.size == 0 or part.mean() > 0.2:
        return []
    # on a copy at most 500 px on its side's scale (speed: the transform's cost grows with the ink)
    f = max(1, int(np.ceil(side / 500)))
    if f > 1:
        h, w = part.shape
        part = part[:h - h % f, :w - w % f].reshape(h // f, f, w // f, f).any(axis=(1, 3))
    n = max(8, int(0.03 * side / f))
    segs = cv2.HoughLinesP(part.view(np.uint8) * 255, 1, np.pi / 180, threshold=n, minLineLength=n, maxLineGap=2)
    out = []
    for xa, ya, xb, yb in ([] if segs is None else segs[:, 0].tolist()):
        if ya > yb:
            xa, ya, xb, yb = xb, yb, xa, ya
        ang = np.degrees(np.arctan2(abs(xb - xa), yb - ya))  # from the vertical
        if _SLANT[0] <= ang <= _SLANT[1]:
            out.append((xa * f + x0, ya * f + y0, xb * f + x0, yb * f + y0))
    return out


def _edge_across(ink: np.ndarray, a: Box, b: Box, axis: int) -> bool:
    """Whether a straight slanted line leaving piece a towards piece b goes on in b (b follows a
    down, axis 0, or across, axis 1): a tree's or flow chart's edges run from a node to the next
    one, often broken by a label ("<= 26.3") where the XY-cut finds a gutter, which cuts a
    partykit tree into its nodes. A segment near a's edge facing b and one near b's edge facing a
    lie on one line (angles within `_EDGE_ALIGN`, each near end within `_EDGE_OFF` of the side of the
    other's line), the gap between their near ends spanning the gutter. Only slanted lines count:
    stacked framed plots share vertical frame lines, and data lines end at their axes."""
    if axis == 1:
        return _edge_across(ink.T, Box(a.y, a.x, a.h, a.w), Box(b.y, b.x, b.h, b.w), 0)
    side = max(ink.shape)
    reach = int(_EDGE_REACH * side)
    x0, x1 = min(a.x, b.x), max(a.x + a.w, b.x + b.w)
    ga, gb = a.y + a.h, b.y
    if gb < ga:
        return False
    above = _slanted_segments(ink, x0, max(a.y, ga - reach), x1, ga, side)
    if not above:
        return False
    below = _slanted_segments(ink, x0, gb, x1, min(b.y + b.h, gb + reach), side)
    off = max(3.0, _EDGE_OFF * side)

    def dist(p, s) -> float:
        (xa, ya, xb, yb), (px, py) = s, p
        L = float(np.hypot(xb - xa, yb - ya))
        return abs((xb - xa) * (ya - py) - (xa - px) * (yb - ya)) / L if L else float("inf")

    for sa in above:
        for sb in below:
            ang_a = np.degrees(np.arctan2(sa[2] - sa[0], sa[3] - sa[1]))
            ang_b = np.degrees(np.arctan2(sb[2] - sb[0], sb[3] - sb[1]))
            if abs(ang_a - ang_b) > _EDGE_ALIGN:
                continue
            end_a, start_b = (sa[2], sa[3]), (sb[0], sb[1])
            if dist(start_b, sa) <= off and dist(end_a, sb) <= off and start_b[1] - end_a[1] <= reach:
                return True
    return False


_ZOOM_REACH = 0.2  # a zoom callout's lines are looked for within this share of the side of the facing edge


def _zoom_lines(ink: np.ndarray, a: Box, b: Box, axis: int) -> bool:
    """Whether piece a sends a zoom callout into piece b (b follows a across, axis 1, or down, axis
    0): two dashed straight lines, one rising and one falling, each ending at a's edge facing b and
    aimed into b's facing edge, where they land at least half of b's extent apart (a detail drawn
    small beside the diagram it magnifies: Switch Transformer's figures). Two panels have no such
    pair of lines between them."""
    if axis == 0:
        return _zoom_lines(ink.T, Box(a.y, a.x, a.h, a.w), Box(b.y, b.x, b.h, b.w), 1)
    side = max(ink.shape)
    edge, far = a.x + a.w, b.x
    x0 = max(a.x, edge - int(_ZOOM_REACH * side))
    part = ink[a.y:a.y + a.h, x0:edge]
    if part.size == 0 or part.mean() > 0.2:
        return False
    w = min(part.shape[1], max(8, int(0.08 * side)))
    if float(part[:, -w:].mean()) > 0.005 + 12.0 / max(1, a.h):
        return False  # more ink near the facing edge than two lines (checked exactly below; this is quick)
    n = max(10, int(0.04 * side))
    segs = cv2.HoughLinesP(part.view(np.uint8) * 255, 1, np.pi / 180, threshold=n // 2, minLineLength=n,
                           maxLineGap=max(4, int(0.012 * side)))
    tol = 0.02 * side
    hits = {}
    for xa, ya, xb, yb in ([] if segs is None else segs[:, 0].tolist()):
        if xa > xb:
            xa, ya, xb, yb = xb, yb, xa, ya
        if xb + x0 < edge - tol or xb == xa:
            continue  # does not reach a's facing edge
        ang = np.degrees(np.arctan2(abs(yb - ya), xb - xa))
        if not 10.0 <= ang <= 80.0:
            continue
        # dashed: inked along part of its length only
        k = max(abs(xb - xa), abs(yb - ya)) + 1
        xs = np.linspace(xa, xb, k).round().astype(int)
        ys = np.linspace(ya, yb, k).round().astype(int)
        cover = float(part[ys, xs].mean())
        if not 0.25 <= cover <= 0.85:
            continue
        y_land = a.y + yb + (yb - ya) / (xb - xa) * (far - (xb + x0))
        if b.y - tol <= y_land <= b.y + b.h + tol:
            hits.setdefault(yb > ya, []).append((y_land, (xa, ya, xb, yb)))
    if True not in hits or False not in hits:
        return False
    down, up = max(hits[True]), min(hits[False])
    if down[0] - up[0] < 0.5 * b.h:
        return False
    # nothing else near a's facing edge: the callout's lines cross blank paper (a network drawing's
    # edges run among its nodes and other edges)
    lines = np.zeros(part.shape, np.uint8)
    for _, (xa, ya, xb, yb) in (down, up):
        cv2.line(lines, (xa, ya), (xb, yb), 1, 7)
    rest = part[:, -w:] & (lines[:, -w:] == 0)
    return float(rest.mean()) <= 0.005


def _rule_side(img: np.ndarray, b: Box) -> int:
    """-1 (top) or 1 (bottom) when a piece holds nothing but small print and one horizontal line
    across most of its width at that edge (a table's header over its rule, an x axis with its ticks
    and numbers under a chart), else 0: such a piece is part of the chart beside that line."""
    glyph = 0.03 * max(img.shape[:2])  # small print, brackets included
    if b.h > 8 * glyph:
        return 0  # a header or an axis is a few lines of print high, not a chart
    part = img[b.y:b.y + b.h, b.x:b.x + b.w]
    grey = part if part.ndim == 2 else cv2.cvtColor(np.ascontiguousarray(part[:, :, :3]), cv2.COLOR_BGR2GRAY)
    n, _, stats, _ = cv2.connectedComponentsWithStats((grey < 160).view(np.uint8), connectivity=8)
    if n < 3:
        return 0
    big = [k for k in range(1, n) if stats[k, 2] > glyph or stats[k, 3] > glyph]
    if len(big) != 1:
        return 0
    x, y, w, h = (int(v) for v in stats[big[0], :4])
    if w < 0.75 * b.w or h > glyph:
        return 0
    if y + h >= 0.75 * b.h:
        return 1 if not (grey[y + h:] < 160).any() else 0
    if y <= 0.25 * b.h:
        return -1 if not (grey[:y] < 160).any() else 0
    return 0


def _rule_beside(img: np.ndarray, p: Box, q: Box, side=None) -> bool:
    """Whether q, under p, is p's header's chart or p's axis (see `_rule_side`): the rule piece is
    the nearest piece across the gap, lined up with the other (over half its width shared)."""
    x0, x1 = max(p.x, q.x), min(p.x + p.w, q.x + q.w)
    if q.y - (p.y + p.h) > max(p.h, q.h) or x1 - x0 < 0.5 * min(p.w, q.w):
        return False
    gap = img[p.y + p.h:q.y, x0:x1]
    if not gap.size or (gap.min(axis=-1) < 200 if gap.ndim == 3 else gap < 200).mean() > 0.02:
        return False  # the gutter is white paper, not a dark or grey one between photos
    side = side or (lambda b: _rule_side(img, b))
    return side(p) == 1 or side(q) == -1


_TILE_DEPTH = 0.03  # a mosaic tile's frame lies within this share of the figure's side from its piece's edge ...
_TILE_FILL = ((4, 10), (3, 7))  # ... and its fill (one colour, not paper) this many pixels past the frame's
# first pixel (a thin tile: only the nearer rows, past one antialiased row)
_TILE_FLAT = 4     # a rendered fill's channels vary by at most this across the band
_TILE_SHARE = 0.6  # both facing sides are framed flat tiles along at least this share of the shared extent
_TILE_CELLS = (8, 1 / 14)  # the fill changes (runs of changes counted once) along framed columns at least this many times and more often than once per 14 px: cells, no tiles
_TILE_GUTTER = 0.05  # the gutter between them is paper but for a mosaic's labels or its colour key crossing it (a share of its pixels)


def _tile_share(img: np.ndarray, b: Box, side: int, lo: int, hi: int) -> float:
    """The share of piece b's side (0 top, 1 bottom, 2 left, 3 right), over [lo, hi) along it, that
    is the edge of a mosaic tile: from the edge in, paper (axis labels may stick out past the tiles:
    up to `_TILE_DEPTH` of the figure's side), then a frame line darker than what it frames, then a
    fill of one exact colour that is not paper (rendered vector tiles: a mosaic plot's, a colour
    key's steps). A photo's edge is never one exact colour; a micrograph's black ground has no
    darker frame; a framed chart holds paper."""
    d0 = max(6, int(_TILE_DEPTH * max(img.shape[:2])))
    d1 = min(d0 + _TILE_FILL[0][1] + 1, b.h if side < 2 else b.w)
    if d1 < _TILE_FILL[1][1] + 3 or hi - lo < 8:
        return 0.0
    if side == 0:
        strip = img[b.y:b.y + d1, lo:hi]
    elif side == 1:
        strip = img[b.y + b.h - d1:b.y + b.h, lo:hi][::-1]
    elif side == 2:
        strip = img[lo:hi, b.x:b.x + d1].swapaxes(0, 1)
    else:
        strip = img[lo:hi, b.x + b.w - d1:b.x + b.w][:, ::-1].swapaxes(0, 1)
    if strip.ndim == 2:
        strip = np.repeat(strip[..., None], 3, axis=2)
    strip = strip[..., :3].astype(np.int32)
    luma = (strip[..., 0] * 29 + strip[..., 1] * 150 + strip[..., 2] * 77) >> 8
    inked = luma[:d0] < 236
    has = inked.any(axis=0)
    first = inked.argmax(axis=0)
    cols = np.arange(strip.shape[1])
    frame = np.minimum(luma[first, cols], luma[np.minimum(first + 1, d1 - 1), cols])
    ok = np.zeros(len(cols), bool)
    for f0, f1 in _TILE_FILL:
        rows = [np.minimum(first + k, d1 - 1) for k in range(f0, f1 + 1)]
        band = np.stack([strip[r, cols] for r in rows])
        bl = np.stack([luma[r, cols] for r in rows])
        flat = (band.max(axis=0) - band.min(axis=0)).max(axis=1) <= _TILE_FLAT
        ok |= flat & (bl.max(axis=0) < 236) & (frame <= bl.min(axis=0) - 25) & (first + f1 < d1)
    ok &= has
    # an image plot's cells (a heat map drawn pixel by pixel, framed by its axes) are flat too, but
    # they change colour every few pixels along one unbroken frame; a mosaic's tiles have paper (or
    # their own frames) between them, so the fill seldom changes from one framed column to the next
    fill = strip[np.minimum(first + _TILE_FILL[1][0], d1 - 1), cols]
    steps = ok[1:] & ok[:-1] & (np.abs(fill[1:] - fill[:-1]).max(axis=1) > 0)
    steps[1:] &= ~steps[:-1]  # a run of changes (a gap between tiles, its frame lines antialiased) is one
    if steps.sum() >= _TILE_CELLS[0] and steps.sum() > _TILE_CELLS[1] * ok.sum():
        return 0.0
    return float(ok.mean())


def _tiles_facing(img: np.ndarray, ink: np.ndarray, a: Box, b: Box, axis: int) -> bool:
    """Whether a and b (b under a, axis 0, or right of it, axis 1) are parts of one mosaic plot:
    across a paper gutter, both facing sides are framed tiles of flat colour along most of their
    shared extent (`_tile_share`). A mosaic's tiles are spaced like panels, so the XY-cut takes
    each row of tiles for a panel; framed charts (paper inside the frame), photos (no flat fill)
    and black-ground micrographs (no frame apart from the fill) are not tiles."""
    if axis == 0:
        g0, g1, lo, hi = a.y + a.h, b.y, max(a.x, b.x), min(a.x + a.w, b.x + b.w)
        gutter = ink[g0:g1, lo:hi]
    else:
        g0, g1, lo, hi = a.x + a.w, b.x, max(a.y, b.y), min(a.y + a.h, b.y + b.h)
        gutter = ink[lo:hi, g0:g1]
    if g1 < g0 or hi - lo < 0.5 * min((a.w, b.w) if axis == 0 else (a.h, b.h)) or (gutter.size and gutter.mean() > _TILE_GUTTER):
        return False
    sa, sb = (1, 0) if axis == 0 else (3, 2)
    return _tile_share(img, a, sa, lo, hi) >= _TILE_SHARE and _tile_share(img, b, sb, lo, hi) >= _TILE_SHARE


def _tile_leftovers(img: np.ndarray, out: list[Box], leaves) -> list[Box]:
    """`out` with each left-out layout piece (in `leaves`, inside none of `out`) joined to the one
    piece of `out` right above, under or beside it whose facing side is mosaic tiles like its own."""
    rest = [lb for lb in leaves if not any(_overlaps(lb, o) for o in out)]
    if not rest:
        return out
    im = img if img.ndim == 3 else cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    ink = np.ascontiguousarray(im[:, :, :3]).min(axis=2) < 200
    near = 0.08 * max(img.shape[:2])
    out = list(out)
    for lb in rest:
        hits = []
        for k, o in enumerate(out):
            if o.y + o.h <= lb.y <= o.y + o.h + near and _tiles_facing(im, ink, o, lb, 0) \
                    or lb.y + lb.h <= o.y <= lb.y + lb.h + near and _tiles_facing(im, ink, lb, o, 0) \
                    or o.x + o.w <= lb.x <= o.x + o.w + near and _tiles_facing(im, ink, o, lb, 1) \
                    or lb.x + lb.w <= o.x <= lb.x + lb.w + near and _tiles_facing(im, ink, lb, o, 1):
                hits.append(k)
        if len(hits) == 1:
            out[hits[0]] = _union(out[hits[0]], lb)
    return out


def _one_chart(img: np.ndarray, out: list[Box], leaves: list[Box] = ()) -> list[Box]:
    """Pieces joined where a line runs across the gutter between them (`_crossing_line`): the strips
    of one chart are one piece again. Joined pieces that overlap others take those in too.
    A layout piece left out as a sliver (`leaves` none of `out` holds: a mosaic's header row of
    tiles over its rows) joins the piece whose tiles face its own (`_tiles_facing`)."""
    if len(out) < 2:
        return out
    out = _tile_leftovers(img, out, leaves)
    im = img if img.ndim == 3 else cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    b, g, r = cv2.split(np.ascontiguousarray(im[:, :, :3]))
    ink = cv2.min(cv2.min(b, g), r) < 200
    boxes = list(out)
    near = 0.08 * max(img.shape[:2])  # a chart's strips lie close; panels further apart are not joined
    sides: dict[tuple[int, int, int, int], int] = {}

    def side(b: Box) -> int:
        if (b.x, b.y, b.w, b.h) not in sides:
            sides[(b.x, b.y, b.w, b.h)] = _rule_side(img, b)
        return sides[(b.x, b.y, b.w, b.h)]

    edges: dict[tuple, bool] = {}

    def edge(p: Box, q: Box, axis: int) -> bool:  # the rounds after a join ask about the same pairs again
        key = (p.x, p.y, p.w, p.h, q.x, q.y, q.w, q.h, axis)
        if key not in edges:
            edges[key] = _edge_across(ink, p, q, axis)
        return edges[key]

    joined: set[int] = set()
    changed = True
    while changed:
        changed = False
        for i in range(len(boxes)):
            for j in range(len(boxes)):
                p, q = boxes[i], boxes[j]
                if i == j:
                    continue
                down = p.y + p.h <= q.y <= p.y + p.h + near and (_crossing_line(ink, p, q, 0)
                                                                  or _rule_beside(img, p, q, side)
                                                                  or _tiles_facing(im, ink, p, q, 0)
                                                                  or _arrow_into(ink, p, q, 0)
                                                                  or edge(p, q, 0))
                across = not down and p.x + p.w <= q.x <= p.x + p.w + near and (_crossing_line(ink, p, q, 1)
                                                                                 or _tiles_facing(im, ink, p, q, 1)
                                                                                 or _arrow_into(ink, p, q, 1)
                                                                                 or edge(p, q, 1)
                                                                                 or _zoom_lines(ink, p, q, 1))
                if down or across or ((id(p) in joined or id(q) in joined) and _overlaps(p, q)):
                    u = _union(p, q)
                    joined.add(id(u))
                    boxes = [u] + [x for k, x in enumerate(boxes) if k not in (i, j)]
                    changed = True
                    break
            if changed:
                break
    if len(boxes) == len(out):
        return out
    return boxes


_STRIP_H = (0.012, 0.07)  # a facet's strip title is this share of the figure's longer side high ...
_STRIP_W = 0.1            # ... at least this share of the figure's width wide, and 3 times its height
_STRIP_FILL = 0.55        # its colour covers this share of its box at least (its title's letters the rest)


def _facets(img: np.ndarray) -> list[Box] | None:
    """The facets of a lattice (trellis, ggplot facet) display found as one piece: its panels touch,
    or their gutters are too thin to cut, but each has a strip title on top, a wide band of one
    exact colour (not paper, not black) holding print. Two or more strips of one colour and height,
    each over a facet at least twice as high (followed down from the strip's left edge: a frame
    line, or the facet's own ground, breaks of a few pixels allowed for grid lines), none
    overlapping: the facets, each from its strip down to its facet's end; else None. Bars of a bar
    chart hold no print and stand on nothing; a photo has no exact colour."""
    H, W = img.shape[:2]
    side = max(H, W)
    f = min(1.0, 400 / side)
    small = img if f == 1.0 else cv2.resize(img, (max(1, int(W * f)), max(1, int(H * f))), interpolation=cv2.INTER_NEAREST)
    if small.ndim == 2:
        small = cv2.cvtColor(small, cv2.COLOR_GRAY2BGR)
    q = (small[..., :3] >> 3).astype(np.int32)
    key = (q[..., 0] << 10) | (q[..., 1] << 5) | q[..., 2]
    luma = cv2.cvtColor(np.ascontiguousarray(small[..., :3]), cv2.COLOR_BGR2GRAY)
    cand = (luma < 245) & (luma > 110)
    counts = np.bincount(key[cand].ravel(), minlength=1 << 15)
    sh = small.shape[0]
    lo_h, hi_h = _STRIP_H[0] * max(small.shape[:2]), _STRIP_H[1] * max(small.shape[:2])
    min_w = _STRIP_W * small.shape[1]
    dark = luma < 110
    printed = luma < 160  # a strip's title (small print in a JPEG is seldom black)
    grey_full = None
    best: list[Box] | None = None
    top = np.argpartition(counts, -6)[-6:]
    long_run = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, int(0.8 * min_w)), 1))
    for c in top[np.argsort(counts[top])[::-1]]:
        if counts[c] < 2 * min_w * lo_h * _STRIP_FILL:
            break
        mask = (key == c).astype(np.uint8)
        if not cv2.erode(mask, long_run).any():
            continue  # no long run of the colour on any line: no strip (most photos' colours)
        n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=4)
        # a strip's title can cut its colour in two (print as high as the strip): parts side by
        # side on one line with print between them, but no dark line from top to bottom (the frame
        # line between two facets' strips), are one strip
        sw, sh, sa = stats[:, 2], stats[:, 3], stats[:, 4]
        keep = np.flatnonzero((sh >= lo_h) & (sh <= hi_h) & (sw >= sh) & (sa >= 0.4 * sw * sh))
        if len(keep) < 2 or (sw[keep].sum() < 2 * min_w):
            continue
        parts = sorted((tuple(int(v) for v in stats[k]) for k in keep[keep > 0]), key=lambda t: (t[1], t[0]))
        joined: list[list[int]] = []
        for x, y, w, h, a in parts:
            last = joined[-1] if joined else None
            if last is not None and abs(last[1] - y) <= 1 and abs(last[3] - h) <= 1 and -2 <= x - (last[0] + last[2]) <= 6:
                gap = dark[y + 1:y + h - 1, last[0] + last[2]:x]
                if not gap.size or (gap.any() and not (gap.mean(axis=0) >= 0.9).any()):
                    last[2] = max(last[2], x + w - last[0])
                    last[4] += a
                    continue
            joined.append([x, y, w, h, a])
        strips = []
        for x, y, w, h, a in joined:
            if not (lo_h <= h <= hi_h and w >= 3 * h and w >= min_w and a >= _STRIP_FILL * w * h):
                continue
            if printed[y:y + h, x:x + w].sum() < max(3, 0.003 * w * h):
                continue  # no print: a bar, a tile
            strips.append((x, y, w, h))
        if len(strips) < 2:
            continue
        hs = sorted(h for _, _, _, h in strips)
        ref = hs[len(hs) // 2]
        strips = [t for t in strips if abs(t[3] - ref) <= max(2, 0.15 * ref)]
        if len(strips) < 2:
            continue
        if grey_full is None:
            grey_full = img if img.ndim == 2 else cv2.cvtColor(np.ascontiguousarray(img[..., :3]), cv2.COLOR_BGR2GRAY)
        full = [(int(x / f), int(y / f), min(W, int((x + w) / f)), min(H, int((y + h) / f) + 1)) for x, y, w, h in strips]
        boxes = []
        for X0, Y0, X1, Y1 in full:
            # the facet ends where the next strip under it starts, or where its frame line (or its
            # ground) at the strip's left edge ends
            below = [t[1] for t in full if t[1] >= Y1 and t[0] < X1 and X0 < t[2]]
            limit = min(below, default=H)
            bottom = Y1
            for col in range(max(0, X0 - 6), min(W, X0 + 4)):
                run = grey_full[Y1:limit, col] < 245
                if not run.size:
                    continue
                # follow the column down while it is inked: a run of paper over 4 pixels ends it
                pad = np.concatenate(([0], (~run).astype(np.int8), [0]))
                d = np.diff(pad)
                gaps = [(s_, e_) for s_, e_ in zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1)) if e_ - s_ > 4]
                bottom = max(bottom, Y1 + int(gaps[0][0] if gaps else len(run)))
            if bottom - Y1 < 2 * (Y1 - Y0):
                boxes = []
                break
            boxes.append(Box(X0, Y0, X1 - X0, bottom - Y0))
        if len(boxes) < 2 or any(_overlaps(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]):
            continue
        if best is None or len(boxes) > len(best):
            best = boxes
    return best


_UNDER_LABEL_H = (0.008, 0.04)  # an "(a)" under a panel is this share of the figure's longer side high
_LABEL_INK = 170  # its strokes are darker than this (thin serif brackets are grey when rendered small)


def _bracket_labels(img: np.ndarray, alone: bool = True) -> list[tuple[int, int, int, int]]:
    """Bracketed one-glyph labels alone on their line, "(a)", "(b)", as (x, y, w, h) boxes from the
    "(" to the ")": LaTeX subfigure and MDPI labels printed centred under their panels. Found
    without a reader: a glyph between a "(" and a ")" (`_bracket_side`) at least as tall as it,
    close on each side, nothing else printed on the line within two label heights (unless `alone`
    is False: a label heading its panel may have an axis title beside it)."""
    grey = img if img.ndim == 2 else cv2.cvtColor(np.ascontiguousarray(img[..., :3]), cv2.COLOR_BGR2GRAY)
    H, W = grey.shape
    side = max(H, W)
    lo, hi = max(6, int(_UNDER_LABEL_H[0] * side)), int(_UNDER_LABEL_H[1] * side) + 1
    n, labels, stats, _ = cv2.connectedComponentsWithStats((grey < _LABEL_INK).view(np.uint8), connectivity=8)
    sx, sy, sw, sh = (stats[:, i] for i in range(4))
    thin = np.flatnonzero((sh >= lo) & (sh <= hi) & (sw <= 0.5 * sh))
    opens, closes = [], []
    for k in thin[thin > 0]:
        x, y, w, h = (int(v) for v in stats[k, :4])
        kind = _bracket_side(labels[y:y + h, x:x + w] == k)
        if kind == "(":
            opens.append((x, y, w, h))
        elif kind == ")":
            closes.append((x, y, w, h))
    if len(opens) < 2 or len(closes) < 2:
        return []
    out = []
    for ox, oy, ow, oh in opens:
        close = [c for c in closes if 0 < c[0] - (ox + ow) <= 1.6 * oh and abs(c[1] - oy) <= 0.2 * oh
                 and abs(c[3] - oh) <= 0.2 * oh]
        if len(close) != 1:
            continue
        cx, cy, cw, ch = close[0]
        x0, x1 = ox, cx + cw
        y0, y1 = min(oy, cy), max(oy + oh, cy + ch)
        sel = ((sx >= ox + ow) & (sx + sw <= cx) & (sy >= y0 - 2) & (sy + sh <= y1 + 2))
        sel[0] = False
        if not sel.any() or (sy + sh)[sel].max() - sy[sel].min() < 0.35 * oh:
            continue  # the glyph (its parts: a thin "a" can come apart) between the brackets
        # alone on its line: no ink within two label heights left and right
        lh = y1 - y0
        left = grey[y0:y1, max(0, x0 - 2 * lh):max(0, x0 - 1)]
        right = grey[y0:y1, min(W, x1 + 1):min(W, x1 + 2 * lh)]
        if alone and ((left.size and (left < _LABEL_INK).any()) or (right.size and (right < _LABEL_INK).any())):
            continue
        out.append((x0, y0, x1 - x0, lh))
    return out


def _under_labelled(img: np.ndarray, out: list[Box]) -> list[Box]:
    """Pieces grouped by the bracketed labels printed under them (`_bracket_labels`): each piece
    goes to the nearest label under its middle (by the gap down to it and its distance sideways),
    and each label's pieces are one panel, the label with it. Only when there are two labels or
    more, every label gets pieces, each group's label is centred under it (within a fifth of its
    width) and no two groups overlap; else the pieces as they were."""
    if len(out) < 2:
        return out
    labs = _bracket_labels(img)
    if len(labs) < 2:
        return out
    groups: dict[int, list[Box]] = {i: [] for i in range(len(labs))}
    for b in out:
        best, score = None, None
        for i, (x, y, w, h) in enumerate(labs):
            if y < b.y + 0.5 * b.h:
                continue
            cx = x + w / 2
            dx = max(0.0, b.x - cx, cx - (b.x + b.w))
            sc = max(0, y - (b.y + b.h)) + dx
            if score is None or sc < score:
                best, score = i, sc
        if best is None:
            return out
        groups[best].append(b)
    if any(not g for g in groups.values()):
        return out
    panels = []
    for i, g in groups.items():
        x, y, w, h = labs[i]
        u = _union_all(g)
        if abs(x + w / 2 - (u.x + u.w / 2)) > 0.2 * u.w or y > u.y + u.h + 3 * h:
            return out
        panels.append(u)
    if any(_overlaps(a, b) for i, a in enumerate(panels) for b in panels[i + 1:]):
        return out
    # each panel takes its label in, unless the label was cut into the piece under it
    with_label = [_union(u, Box(*labs[i])) for i, u in enumerate(panels)]
    return [wl if not any(_overlaps(wl, o) for j, o in enumerate(panels) if j != i) else u
            for i, (u, wl) in enumerate(zip(panels, with_label))]


_SUB_GAP = 3  # sub-photos of one panel abut: at most this many pixels apart (a thin line between them)
_SUB_ALIGN = 0.005  # ... and together line up with a panel beside or under them (edges within this share of the side, 3 px at least)


def _sub_photos(img: np.ndarray, node, boxes: list[Box]):
    """The cut tree with a panel made of two abutting sub-photos (i / ii side by side, or one over the
    other) made one piece again: two photo pieces at most `_SUB_GAP` apart (a node of their own, or
    neighbours along one cut), whose gutters to the other pieces of the node are wider than theirs,
    and whose union is the size of another piece of the node (`_alike`), lined up with it (`_aligned`),
    while each part is under 0.7 of it along the cut. Panels of one size cut apart by gutters of one width (a grid of
    abutting photos) have no wider gutter round any pair, so they are left as they are.
    The union is appended to `boxes`; its index replaces the pair."""
    if node is None or isinstance(node, int):
        return node
    kids = [_sub_photos(img, k, boxes) for k in node]
    pairs = [(j, tuple(k)) for j, k in enumerate(kids)
             if not isinstance(k, int) and k is not None and len(k) == 2 and all(isinstance(x, int) for x in k)]
    pairs += [((j, j + 1), (kids[j], kids[j + 1])) for j in range(len(kids) - 1)
              if isinstance(kids[j], int) and isinstance(kids[j + 1], int) and len(kids) >= 3]
    done: set[int] = set()
    for at, (ia, ib) in pairs:
        spots = at if isinstance(at, tuple) else (at,)
        if done & set(spots):
            continue
        a, b = boxes[ia], boxes[ib]
        across = b.x >= a.x + a.w - _SUB_GAP  # side by side, else one over the other
        gap = (b.x - a.x - a.w) if across else (b.y - a.y - a.h)
        if gap > _SUB_GAP:
            continue
        u = _union(a, b)
        others = [boxes[k] for j, k in enumerate(kids) if isinstance(k, int) and j not in spots]
        tol = max(3, _SUB_ALIGN * max(img.shape[:2]))
        like = [o for o in others if _alike([u, o]) and _aligned(u, o, tol)]
        size = (lambda x: x.w) if across else (lambda x: x.h)
        if not like or max(size(a), size(b)) >= 0.7 * size(like[0]):
            continue
        if any(_box_gap(u, o) <= max(gap, 0) + 1 for o in others):
            continue
        if not _photo_piece(img, a) or not _photo_piece(img, b):
            continue
        boxes.append(u)
        kids[spots[0]] = len(boxes) - 1
        for sp in spots[1:]:
            kids[sp] = None
        done |= set(spots)
    kids = [k for k in kids if k is not None]
    return kids[0] if len(kids) == 1 else kids


def _aligned(a: Box, b: Box, tol: float) -> bool:
    """Whether two boxes share a row's top and bottom or a column's left and right edges (within tol)."""
    return (abs(a.y - b.y) <= tol and abs(a.y + a.h - b.y - b.h) <= tol) or \
        (abs(a.x - b.x) <= tol and abs(a.x + a.w - b.x - b.w) <= tol)


def _box_gap(a: Box, b: Box) -> int:
    """The gap between two boxes side by side or one over the other (negative where they overlap)."""
    return max(b.x - a.x - a.w, a.x - b.x - b.w, b.y - a.y - a.h, a.y - b.y - b.h)


def _panel_trees(img: np.ndarray, bridged: bool = False):
    """The layout's pieces and cut tree as `split_panels` refines them: (n pieces from `layout`,
    the tree after `_gutter_levels`, its boxes, the tree before, its boxes, the merged pieces)."""
    boxes, tree = layout(img, bridged)
    boxes = list(boxes)
    n = len(boxes)
    tree = _cut_leaves(img, tree, boxes)
    raw_tree, raw_boxes = tree, list(boxes)
    keep = frozenset(range(n, len(boxes)))
    tree = _sub_photos(img, tree, boxes)
    tree = _gutter_levels(tree, boxes, max(img.shape[:2]), keep=keep,
                          photo=lambda b: _photo_piece(img, b))
    merged = _minor_merge(tree, boxes, frozenset(id(b) for b in boxes[n:]), lambda b, group=False: _text_only(img, b, group))
    merged = _regular_rows(img, merged) if len(merged) >= 4 else merged
    return n, tree, boxes, raw_tree, raw_boxes, merged


def _rows_of(boxes: list[Box]) -> list[list[Box]]:
    """Boxes grouped into rows as `reading_order` does (vertical overlap of half the smaller height),
    each row left to right, rows top to bottom."""
    rows: list[list[Box]] = []
    for b in sorted(boxes, key=lambda b: (b.y, b.x)):
        for row in rows:
            top, bottom = min(r.y for r in row), max(r.y + r.h for r in row)
            if min(bottom, b.y + b.h) - max(top, b.y) >= 0.5 * min(b.h, min(r.h for r in row)) and b.y < bottom:
                row.append(b)
                break
        else:
            rows.append([b])
    return [sorted(r, key=lambda b: b.x) for r in rows]


def _regular_rows(img: np.ndarray, boxes: list[Box]) -> list[Box]:
    """A grid's rows made regular: the row(s) cut into the most pieces and sharing their column
    boundaries (within 2 % of the width) give the grid's columns; another row spanning the same
    width, of photographs (under 25 % paper) and cut elsewhere or not at all (a pale stretch inside a
    photo taken for a gutter, an edge missed because a false gutter was cut first), is cut at photo
    edges found at the shared boundaries when there is an edge at every one of them; otherwise it is
    left as it is. Then the same for columns (on the transposed figure)."""
    out = _regular_rows_once(lambda y0, y1, x0, x1: np.ascontiguousarray(img[y0:y1, x0:x1, :3]), img.shape[1], boxes)
    flip = [Box(b.y, b.x, b.h, b.w) for b in out]
    out = _regular_rows_once(lambda y0, y1, x0, x1: np.ascontiguousarray(img[x0:x1, y0:y1, :3].transpose(1, 0, 2)),
                             img.shape[0], flip)
    return [Box(b.y, b.x, b.h, b.w) for b in out]


def _regular_rows_once(region_of, W: int, boxes: list[Box]) -> list[Box]:
    rows = _rows_of(boxes)
    tol = max(3.0, 0.02 * W)

    def bounds(row: list[Box]) -> list[float]:
        return [(a.x + a.w + b.x) / 2 for a, b in zip(row, row[1:])]

    ref = None
    for r in rows:
        if len(r) < 2:
            continue
        agree = [q for q in rows if len(q) == len(r)
                 and all(abs(u - v) <= tol for u, v in zip(bounds(q), bounds(r)))]
        if ref is None or (len(agree), len(r)) > (len(ref), len(ref[0])):
            ref = agree
    if ref is None:
        return boxes
    cols = bounds(ref[0])
    x0, x1 = min(q[0].x for q in ref), max(q[-1].x + q[-1].w for q in ref)
    out: list[Box] = []
    for r in rows:
        if any(r is q for q in ref) or (len(r) == len(ref[0]) and all(abs(u - v) <= tol for u, v in zip(bounds(r), cols))):
            out.extend(r)
            continue
        y0, y1 = min(b.y for b in r), max(b.y + b.h for b in r)
        if abs(r[0].x - x0) > tol or abs(r[-1].x + r[-1].w - x1) > tol:
            out.extend(r)  # not a row of the same grid
            continue
        region = region_of(y0, y1, x0, x1)
        dark = region.min(axis=2)
        cuts = _edge_cuts(region, 1) if region.size and np.count_nonzero(dark >= 235) < 0.25 * dark.size else []
        found = []
        for c in cols:
            near = [k for k in cuts if abs(x0 + k - c) <= tol]
            if not near:
                break
            found.append(x0 + min(near, key=lambda k: abs(x0 + k - c)))
        if len(found) != len(cols):
            out.extend(r)
            continue
        edges = [x0] + found + [x1]
        out.extend(Box(a, y0, b - a, y1 - y0) for a, b in zip(edges, edges[1:]))
    return out


_SCALE_MAX = 0.06  # coarser gutter scales (a share of the figure's longer side) are not tried
_DOMINANT = 4.0  # a segmentation whose largest piece is over this many times the mean piece is no panel layout


def _plausible(boxes: list[Box]) -> bool:
    """Whether pieces can be a figure's panels: none swallows the figure while the rest are its
    fragments (the largest at most `_DOMINANT` times the mean area). A count reached by cutting small
    pieces finer beside one piece holding most panels is a coincidence, not the panels."""
    areas = [b.w * b.h for b in boxes]
    return max(areas) <= _DOMINANT * sum(areas) / len(areas)


def _all_gaps(node, boxes: list[Box]) -> list[int]:
    """The gutters of every cut in a node (between consecutive children's boxes; 0 where they touch)."""
    if node is None or isinstance(node, int):
        return []
    kids = [k for k in node if _leaves(k)]
    out = []
    if len(kids) >= 2:
        out = _cut_gaps([_union_all([boxes[i] for i in _leaves(k)]) for k in kids])[1]
    return out + [g for k in kids for g in _all_gaps(k, boxes)]


def _collapse_below(node, boxes: list[Box], t: int):
    """The cut tree seen at gutter scale t: along each cut, consecutive children whose gutters
    between them and inside them, at any depth, are all under `t` are made one piece (appended to
    `boxes`; its index replaces them)."""
    if node is None or isinstance(node, int):
        return node
    kids = [k for k in node if _leaves(k)]
    if len(kids) < 2:
        return [_collapse_below(k, boxes, t) for k in kids]
    gaps = _cut_gaps([_union_all([boxes[i] for i in _leaves(k)]) for k in kids])[1]
    runs: list[list[int]] = [[0]]
    for i, g in enumerate(gaps):
        if g < t:
            runs[-1].append(i + 1)
        else:
            runs.append([i + 1])
    out = []
    for run in runs:
        if len(run) > 1 and all(_inner_gap(kids[i], boxes) < t for i in run):
            boxes.append(_union_all([boxes[j] for i in run for j in _leaves(kids[i])]))
            out.append(len(boxes) - 1)
        else:
            out.extend(_collapse_below(kids[i], boxes, t) for i in run)
    return out[0] if len(out) == 1 else out


def _scale_candidates(img: np.ndarray, trees, n: int):
    """Segmentations of the figure at increasing gutter scales: for each (tree, boxes) in turn (the
    tree after `_gutter_levels`, then the raw one), the pieces once every group whose gutters are all
    under t is one piece, t running over the tree's own gutter widths (up to `_SCALE_MAX` of the
    side), slivers dealt with by `_minor_merge` as in `split_panels`. Yields lists of boxes; one per
    distinct count, finest first."""
    side = max(img.shape[:2])
    texty: dict[tuple[Box, bool], bool] = {}

    def is_text(b: Box, group: bool = False) -> bool:
        if (b, group) not in texty:
            texty[(b, group)] = _text_only(img, b, group)
        return texty[(b, group)]

    for tree, boxes in trees:
        seen: set[int] = set()
        for t in sorted({0} | {g + 1 for g in _all_gaps(tree, boxes)}):
            if t > _SCALE_MAX * side:
                break
            bs = list(boxes)
            tr = _collapse_below(tree, bs, t)
            merged = _minor_merge(tr, bs, frozenset(id(b) for b in bs[n:]), is_text)
            if merged and len(merged) not in seen:
                seen.add(len(merged))
                yield merged


def caption_panel_count(caption: str | None) -> int | None:
    """The number of panels a caption names, when it names them plainly: its letters run from A with
    no gap (A-D: 4), or it names them by position ("Left: ... Right: ...": 2, see `split_positions`);
    None when it names none, one, or letters with gaps (A, B, D: a marker missed)."""
    if not caption:
        return None
    letters = split_caption(caption).letters
    places = None if letters else split_positions(caption)
    return len(places.letters) if places is not None else _letter_run(letters)


def _letter_run(letters: list[str]) -> int | None:
    """len(letters) when they are A, B, C... with no gap (at least two); else None."""
    if len(letters) < 2 or letters != [chr(ord("A") + i) for i in range(len(letters))]:
        return None
    return len(letters)


def crop(img: np.ndarray, b: Box) -> np.ndarray:
    return img[b.y:b.y + b.h, b.x:b.x + b.w]


# ------------------------------------------------------------------ letters in the image

_LABEL = re.compile(r"^[(\[]?([A-Za-z|1])[)\].:]?$")
_FULLWIDTH = str.maketrans("\uff08\uff09\uff3b\uff3d\uff0e\uff1a", "()[].:")  # the recogniser's "（b)"
_BAR = "I|L"  # a lone vertical stroke: upper-case I or lower-case l (the recogniser cannot tell); the caption decides


def _glyphs(patch: np.ndarray, min_h: int, ink: bool = False, max_h: int | None = None,
            block: int | None = None, colour: bool = False) -> list[tuple[int, int, int, int, np.ndarray]]:
    """Letter-shaped blobs in a corner patch, nearest the corner first, as (x, y, w, h, shape): the
    connected components of the dark-on-light and light-on-dark masks (a local threshold: labels
    sit on photos of any tone), glyph-sized, standing out from what is around them, alone on their
    line, not cut by the patch's far edges; `shape` is the component's own pixels inside its box.

    With `ink`, from the ink alone instead: pixels far darker (lighter) than their surroundings. A
    label printed in black or white over skin texture or hair touches the texture's faint lines in
    the ordinary masks; only its ink is that far from the local mean (the second look, when the
    first found no label).

    With `colour`, from colour contrast instead: pixels whose colour differs from the local mean by
    over `_COLOUR_INK` in any channel (the median: a bold letter pulls a mean its way). A yellow label on skin is about as light as the skin in grey
    (but black in blue); white letters on light skin differ from it in blue far more than in grey;
    the letter's own colour does not matter (the third look, only where the patch is coloured)."""
    grey = cv2.cvtColor(patch, cv2.COLOR_BGR2GRAY)
    ph, pw = grey.shape
    block = block or max(15, (min(ph, pw) // 2) | 1)
    max_h = max_h or int(0.7 * ph)
    dark = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 14)
    light = cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, block, -14)
    # the same masks opened: a bold label that touches thin lines (dendrites, hairs, a plot's
    # frame) comes apart from them
    k = max(2, int(round(min_h / 2.5)))
    kernel = np.ones((k, k), np.uint8)
    masks = (dark, light, cv2.morphologyEx(dark, cv2.MORPH_OPEN, kernel), cv2.morphologyEx(light, cv2.MORPH_OPEN, kernel))
    if ink:
        masks = (cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 50),
                 cv2.adaptiveThreshold(grey, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, block, -50))
    tones = grey
    if colour:
        f = patch.astype(np.float32)
        far = np.abs(f - cv2.medianBlur(np.ascontiguousarray(patch), block)).max(axis=2) > _COLOUR_INK
        masks = (far.astype(np.uint8) * 255,)
        tones = f
    found = []
    for mask in masks:
        n, labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
        shaped = []  # (x, y, w, h, index, inside): letter-shaped, contrasted blobs, cut or not
        for i, (x, y, w, h, area) in enumerate(stats[1:n], start=1):
            if not (min_h <= h <= max_h and w <= 1.6 * h):
                continue
            fill = area / float(w * h)
            letter_like = 0.12 <= fill <= (1.0 if w < 0.4 * h else 0.85)  # I and l are solid bars
            # printed labels stand out from what is around them; skin texture and hairs do not
            y0, y1, x0, x1 = max(0, y - 2), min(ph, y + h + 2), max(0, x - 2), min(pw, x + w + 2)
            comp = labels[y0:y1, x0:x1] == i
            if comp.all():
                continue
            box = tones[y0:y1, x0:x1].astype(np.float32)
            if float(np.abs(box[comp].mean(axis=0) - box[~comp].mean(axis=0)).max()) < (50 if colour else 70):
                continue
            shaped.append((int(x), int(y), int(w), int(h), i, letter_like and x + w < pw - 1 and y + h < ph - 1,
                           fill))
        for x, y, w, h, i, candidate, _ in shaped:
            if not candidate:
                continue
            # a panel label stands alone; a letter with a letter-sized neighbour on its line is part
            # of a word ("CD98", "B cells", "WT"), whatever the recogniser would make of it (a thin
            # neighbour counts when solid, like l; a bracket is thin and hollow; a bold bracket is
            # not thin, but it comes with its mirror image on the letter's other side: "(d)")
            near = [(sx, sy, sw, sh, j) for sx, sy, sw, sh, j, _, sfill in shaped
                    if j != i and 0.5 * h <= sh <= 1.6 * h and (sw >= 0.3 * h or sfill >= 0.7)
                    and max(sx - (x + w), x - (sx + sw)) <= 0.6 * h
                    and min(sy + sh, y + h) - max(sy, y) >= 0.5 * min(sh, h)]
            if near and not _bracketed(labels, (x, y, w, h), near):
                continue
            if any(abs(fx - x) <= 2 and abs(fy - y) <= 2 and abs(fw - w) <= 3 and abs(fh - h) <= 3
                   for _, fx, fy, fw, fh, _ in found):
                continue  # found already in a mask before
            found.append((x + y, x, y, w, h, labels[y:y + h, x:x + w] == i))
    found.sort(key=lambda f: f[:5])
    return [f[1:] for f in found]


_COLOUR_SPREAD = 40  # a patch is coloured when 1 % of its pixels differ from their grey by this much in a channel
_COLOUR_INK = 60     # a coloured label's pixels differ from the local mean colour by this much in some channel


def _coloured(patch: np.ndarray) -> bool:
    """Whether a patch has colour worth the colour look: no for a grey patch (a chart, a micrograph
    in grey), where the grey looks have seen everything."""
    grey = cv2.cvtColor(patch, cv2.COLOR_BGR2GRAY).astype(np.int16)
    return float(np.percentile(np.abs(patch.astype(np.int16) - grey[:, :, None]).max(axis=2), 99)) >= _COLOUR_SPREAD


def _bracket_side(shape: np.ndarray, lean: bool = False) -> str | None:
    """"(" or ")" when a blob is a round bracket, else None: narrow (under half as wide as tall) and
    bowed, its ink at mid-height at least a quarter of its width to one side of its ink at the top
    and at the bottom (an l, I, 1, f or j is straight at one end at least). With `lean`, an italic
    bracket too (see below; only where a glyph's neighbours are judged, not where labels are
    looked for over a whole figure)."""
    h, w = shape.shape
    if w > 0.5 * h or h < 6:
        return None

    def centre(rows: np.ndarray) -> float | None:
        cols = np.nonzero(rows.any(axis=0))[0]
        return float(cols.mean()) if cols.size else None

    band = max(1, h // 6)
    top, mid, bot = centre(shape[:band]), centre(shape[h // 2 - band // 2:h // 2 + band // 2 + 1]), centre(shape[-band:])
    if top is None or mid is None or bot is None:
        return None
    bow = 0.25 * w
    if mid <= top - bow and mid <= bot - bow:
        return "("
    if mid >= top + bow and mid >= bot + bow:
        return ")"
    # an italic bracket leans: its mid-height lies a quarter of its width off the line from its top
    # to its bottom (a leaning l, I or / is straight: on that line)
    chord = (top + bot) / 2
    if not lean:
        return None
    if mid <= chord - bow:
        return "("
    if mid >= chord + bow:
        return ")"
    return None


def _bracketed(labels: np.ndarray, glyph: tuple[int, int, int, int], near: list) -> bool:
    """Whether a glyph's only neighbours on its line are round brackets around it, "(d)": at most
    one each side, a "(" left of it and a ")" right of it (see `_bracket_side`), at least as tall as
    the glyph. A bold bracket is as wide as a thin letter; a word's letters are not bowed strokes."""
    x, y, w, h = glyph
    sides = []
    bounds = []
    small = []
    for sx, sy, sw, sh, j in near:
        if sh < 0.95 * h:
            small.append((sx, sw, sh))
            continue
        kind = _bracket_side(labels[sy:sy + sh, sx:sx + sw] == j, lean=True)
        if kind == "(" and sx + sw <= x + 1:
            sides.append("(")
            bounds.append(sx)
        elif kind == ")" and sx >= x + w - 1:
            sides.append(")")
            bounds.append(sx + sw)
        else:
            return False
    # a speck under 0.7 of the glyph's height inside the bracket pair (a highlight on
    # skin beside a yellow "(a)") is no letter of a word; anything else shorter than the glyph is
    if small and not (sorted(sides) == ["(", ")"]
                      and all(min(bounds) <= sx and sx + sw <= max(bounds) and sh < 0.7 * h for sx, sw, sh in small)):
        return False
    return len(sides) == len(set(sides))


def _sure_label(read, crop: np.ndarray, allowed: str, missing: set[str]) -> str | None:
    """A glyph read as one of the missing caption letters both ways, constrained to them (score >= 0.85)
    and freely, else None: a letter searched for where none need be must not be a guess."""
    text, score = read(crop, allowed)
    label = _as_label(text, score, missing)
    if label is None or label == _BAR or score < 0.85:
        return None
    free, free_score = read(crop)
    return label if _as_label(free, free_score, None) == label else None


def _core(text: str) -> str:
    """A read's text less its brackets, full stop or colon ("(I)" -> "I")."""
    return text.translate(_FULLWIDTH).strip("()[].: ")


def _as_label(text: str, score: float, want: set[str] | None) -> str | None:
    """The panel letter a read names (upper case; _BAR for a lone stroke), or None: a single glyph,
    optionally bracketed, that the caption names (when `want` is given). Digits the recogniser gives
    for a letter's shape (0 for O) count as that letter only when the caption names it."""
    text = text.translate(_FULLWIDTH)
    m = _LABEL.match(text) or (re.fullmatch(r"[(\[]?0[)\].:]?", text) and re.match(r"[(\[]?(0)", text))
    if not m or score < 0.6:
        return None
    g = m.group(1)
    if g in "Il|1":
        return _BAR if want is None or want & {"I", "L"} else None
    g = "O" if g == "0" else g.upper()
    return g if want is None or g in want else None


def _tighten(img: np.ndarray, b: Box, most: int = 6) -> Box:
    """Box b less the plain lines (a pixel or two of gutter, kept by scaling the layout back up) at
    its edges, so a photo's edge is the patch's edge and cannot join a label; a label printed at the
    panel's very edge stays whole."""
    x0, y0, x1, y1 = b.x, b.y, b.x + b.w, b.y + b.h

    def plain(line: np.ndarray) -> bool:
        return line.size > 0 and int(line.max()) - int(line.min()) <= 2 * _TOL

    for _ in range(most):
        if x1 - x0 > 8 and plain(img[y0:y1, x0]):
            x0 += 1
        if x1 - x0 > 8 and plain(img[y0:y1, x1 - 1]):
            x1 -= 1
        if y1 - y0 > 8 and plain(img[y0, x0:x1]):
            y0 += 1
        if y1 - y0 > 8 and plain(img[y1 - 1, x0:x1]):
            y1 -= 1
    return Box(x0, y0, x1 - x0, y1 - y0)


CORNERS = ((False, False), (True, False), (False, True), (True, True))  # top-left, top-right, bottom-left,
# bottom-right (flipped x, y); `corner_letter` looks at the first three unless told (a bottom-right
# label is looked for only by `pair`, at the one corner, after the others named too few letters)


def corner_letter(img: np.ndarray, b: Box, read=None, side: int | None = None,
                  want: set[str] | None = None, corners=CORNERS[:3], where: list | None = None) -> str | None:
    """The panel label printed in a corner of box b (upper case), or None.

    A single-glyph detector finds letter-shaped blobs in the corner and only those tight crops go
    to the OCR recogniser (`read`: an RGB array -> (text, score); derm1m_build.ocr.read_line by
    default), a few tens of milliseconds each instead of a whole-figure OCR pass. With `want` (the
    caption's letters) a read that names no caption letter (a digit of a time stamp, a word's first
    letter) does not end the search: the next candidate is read. `where`, when given, receives the
    label's glyph box (x, y, w, h) in the image."""
    if read is None:
        from derm1m_build.ocr import read_line as read
    side = side or max(img.shape[:2])
    H, W = img.shape[:2]
    # the patch reaches a little past the box: a label at the box's very edge is read whole
    b = _tighten(img, b)
    cw = int(min(b.w, max(36, min(0.35 * b.w, 0.15 * side))))
    ch = int(min(b.h, max(30, min(0.3 * b.h, 0.12 * side))))
    tries = 0
    limit = 5 if want is None else 8
    want_all = want or {"I"}
    # top-left first (most journals); then top-right and bottom-left, seen through a flipped patch;
    # last, with the caption's letters, the strip above the top-left corner: a label printed in the
    # gutter above its photo, which the piece's box (the photo) leaves out
    looks = [(fx, fy, False) for fx, fy in corners]
    if want is not None and CORNERS[0] in corners and b.y > min_h_of(side):
        looks.append((False, False, True))
    for fx, fy, above in looks:
        px = b.x + b.w - cw if fx else b.x
        py = b.y + b.h - ch if fy else b.y
        if above:
            py = max(0, b.y - ch)
            top = b.y - py  # the box's top edge in the patch
            patch = img[py:b.y + top // 3, px:px + cw]
        else:
            patch = img[py:py + ch, px:px + cw]
        if patch.size == 0:
            return None
        view = patch[::-1 if fy else 1, ::-1 if fx else 1]
        per_corner = 3 if not (fx or fy or above) else (1 if want is None else 2)
        view = np.ascontiguousarray(view)
        min_h = min_h_of(side)
        first = _inner_first(view, _glyphs(view, min_h))[:per_corner]

        def candidates():
            yield from ((gl, above) for gl in first)  # the strip above: two reads past the limit
            if want is not None:
                # a second look, at the ink alone, for a glyph the first look did not see (a label
                # joined to skin texture or hair): the nearest one, two reads beyond the limit
                seen = list(first)
                for gl in _glyphs(view, min_h, ink=True):
                    if not any(abs(gl[0] - f[0]) <= 2 and abs(gl[1] - f[1]) <= 2 for f in seen):
                        seen.append(gl)
                        yield gl, True
                        break
                # a third, at colour contrast where the patch is coloured: yellow letters, white
                # on light skin (see `_glyphs`); the two nearest new glyphs
                if _coloured(view):
                    for gl in _inner_first(view, _glyphs(view, min_h, colour=True))[:2]:
                        if not any(abs(gl[0] - f[0]) <= 2 and abs(gl[1] - f[1]) <= 2 for f in seen):
                            seen.append(gl)
                            yield gl, True

        for (x, y, w, h, shape), extra in candidates():
            x = cw - x - w if fx else x
            y = ch - y - h if fy else y
            shape = shape[::-1 if fy else 1, ::-1 if fx else 1]
            if above and (y + h > top + h // 3 or y + h < top - 2 * h):
                continue  # no label above the box: inside it (the corner look saw that), or far above
            for crop in _glyph_views(img, px + x, py + y, w, h, shape, clean=want is not None):
                if tries >= limit and not extra:
                    return None
                tries += 1
                text, score = read(crop, "".join(sorted(want))) if want else read(crop)
                label = _as_label(text, score, want)
                if label == _BAR and (w > 0.45 * h or shape.mean() < 0.45):
                    # an arrow or a slanted line reads as a stroke; a printed I or l fills its box;
                    # but a serif or slab capital I is wide: it is I when read as a capital I both
                    # constrained to the caption's letters and freely, surely, and the caption
                    # names I and no L; or a serif lower-case i, as wide, when the caption names I
                    # and the dot above the stroke is there ("(i)" above the ninth photo)
                    if not (want and "I" in want and "L" not in want and _core(text) == "I" and score >= 0.9
                            and (_core(read(crop)[0]) == "I" or _dotted(img, px + x, py + y, w, h, shape))):
                        continue
                    tries += 1
                    label = "I"
                if label == _BAR and want:
                    label = _stem_of(img, px + x, py + y, w, h, read, want) or label
                elif label is not None and label not in (_BAR, "I", "J", "L") and want and w < 0.4 * h \
                        and _stem_of(img, px + x, py + y, w, h, read, want) != label:
                    continue  # a narrow glyph read as a wide letter (the stem of a P read F) is part of one
                if label == _BAR and "I" in want_all and _dotted(img, px + x, py + y, w, h, shape):
                    label = "I"  # a lower-case i: the dot above the stroke tells it from l
                if label is not None and want:
                    # a glyph inside another is read first (a label in its white box); but the
                    # paper in a bold a's bowl is inside the a too: the holder is read as well,
                    # and the surer of the two readings names the label
                    held = _holder(first, (x, y, w, h), cw, ch, fx, fy)
                    if held is not None:
                        hx, hy, hw, hh, hs = held
                        crop2 = next(_glyph_views(img, px + hx, py + hy, hw, hh, hs, clean=False))
                        text2, score2 = read(crop2, "".join(sorted(want)))
                        tries += 1
                        other = _as_label(text2, score2, want)
                        if other not in (None, _BAR, label) and score2 > score:
                            label, (x, y, w, h, shape) = other, held
                if label is not None:
                    if where is not None:
                        where.append(_tightest(img, first, (x, y, w, h), shape, patch.shape[1], patch.shape[0],
                                               fx, fy, px, py))
                    return label
                if want is None and _LABEL.match(text) and score >= 0.6:
                    return None
    return None


def min_h_of(side: int) -> int:
    """The least height of a label glyph in a figure whose longer side is `side` pixels."""
    return max(5, int(0.006 * side))


def _stem_of(img: np.ndarray, x: int, y: int, w: int, h: int, read, want: set[str]) -> str | None:
    """The caption letter a stroke is the stem of, or None: a lower-case h, b, k or d whose bowl or
    arch came apart from its stem in some mask (thin joins, upscaled figures) is read as a stroke;
    the stroke with room for the rest of its letter on its right, read freely, is that letter when
    it reads as one glyph other than I or l."""
    pad = max(2, int(0.3 * h))
    x0, y0 = max(0, x - pad), max(0, y - pad)
    view = img[y0:y + h + pad, x0:x + w + int(0.8 * h) + pad]
    if view.size == 0:
        return None
    view = cv2.resize(view, None, fx=40.0 / view.shape[0], fy=40.0 / view.shape[0], interpolation=cv2.INTER_CUBIC)
    text, score = read(np.ascontiguousarray(view[:, :, ::-1]))
    label = _as_label(text, score, want)
    return label if label is not None and label != _BAR and score >= 0.8 else None


def _inner_first(view: np.ndarray, glyphs: list) -> list:
    """The glyphs with each label held by another glyph put before it: a label on a white box (or
    in a blob of paper) lies inside the box's component, which reads as some other letter (a b in
    its box as D). Inner means: inside the other's box, at least 0.4 of its height, its tone far
    from the other's and from the patch's background (so the paper in a G's bowl is no label)."""
    if len(glyphs) < 2:
        return glyphs
    grey = cv2.cvtColor(view, cv2.COLOR_BGR2GRAY).astype(np.float32)
    bg = float(np.median(grey))
    tones = [float(grey[y:y + h, x:x + w][sh].mean()) if sh.any() else bg for x, y, w, h, sh in glyphs]
    order = list(range(len(glyphs)))
    for i, (x, y, w, h, _) in enumerate(glyphs):
        inner = [j for j, (gx, gy, gw, gh, _) in enumerate(glyphs)
                 if j != i and gx >= x - 1 and gy >= y - 1 and gx + gw <= x + w + 1 and gy + gh <= y + h + 1
                 and gh >= 0.4 * h and (gw, gh) != (w, h) and abs(tones[j] - bg) > 30
                 and abs(tones[j] - tones[i]) > 60]
        if inner:
            j = max(inner, key=lambda k: glyphs[k][2] * glyphs[k][3])
            a, b = order.index(i), order.index(j)
            if b > a:
                order.insert(a, order.pop(b))
    return [glyphs[k] for k in order]


def _holder(glyphs: list, box: tuple[int, int, int, int], cw: int, ch: int, fx: bool, fy: bool):
    """The largest glyph of `glyphs` (patch view coordinates) whose box holds `box` (image-oriented
    patch coordinates, at least 0.4 of its height, another size): (x, y, w, h, shape) oriented like
    `box`, or None."""
    x, y, w, h = box
    best = None
    for gx, gy, gw, gh, gs in glyphs:
        gx = cw - gx - gw if fx else gx
        gy = ch - gy - gh if fy else gy
        if (gw, gh) == (w, h) or gx > x + 1 or gy > y + 1 or gx + gw < x + w - 1 or gy + gh < y + h - 1 \
                or h < 0.4 * gh:
            continue
        if best is None or gw * gh > best[2] * best[3]:
            best = (gx, gy, gw, gh, gs[::-1 if fy else 1, ::-1 if fx else 1])
    return best


def _tightest(img: np.ndarray, glyphs: list, box: tuple[int, int, int, int], shape: np.ndarray, cw: int, ch: int,
              fx: bool, fy: bool, px: int, py: int) -> tuple[int, int, int, int]:
    """Where a label read in a corner patch sits, in the image. A blob of paper around a label (in
    the light mask) reads as the label it holds, but its box is not the label's, and the label's
    size sets the size of the labels looked for elsewhere: when the glyph read holds another (at
    least 0.4 of its height) of a tone far from its own that stands out from the patch's background
    too, the inner one is the label (a paper blob or a white box around it; not the paper in a G's
    bowl, which is the background's tone)."""
    x, y, w, h = box
    patch = cv2.cvtColor(img[py:py + ch, px:px + cw], cv2.COLOR_BGR2GRAY).astype(np.float32)
    bg = float(np.median(patch))

    def tone(gx, gy, gw, gh, gs):
        return float(patch[gy:gy + gh, gx:gx + gw][gs].mean()) if gs.any() else bg

    outer = tone(x, y, w, h, shape)
    best = (x, y, w, h)
    for gx, gy, gw, gh, gs in glyphs:
        gx = cw - gx - gw if fx else gx
        gy = ch - gy - gh if fy else gy
        gs = gs[::-1 if fy else 1, ::-1 if fx else 1]
        if ((gx, gy, gw, gh) == (x, y, w, h) or gx < x - 1 or gy < y - 1 or gx + gw > x + w + 1
                or gy + gh > y + h + 1 or gh < 0.4 * h):
            continue
        t = tone(gx, gy, gw, gh, gs)
        if abs(t - bg) > 30 and abs(t - outer) > 60 and gw * gh > best[2] * best[3] * (best != (x, y, w, h)):
            best = (gx, gy, gw, gh)
    return px + best[0], py + best[1], best[2], best[3]


def _dotted(img: np.ndarray, x: int, y: int, w: int, h: int, shape: np.ndarray) -> bool:
    """Whether a stroke at (x, y, w, h) is an i: down its columns, from a little above it, a short
    run of ink (the dot), a gap, then the long stem (the dot may or may not be in the component)."""
    y0 = max(0, y - int(0.6 * h) - 1)
    cols = cv2.cvtColor(img[y0:y + h, x:x + w], cv2.COLOR_BGR2GRAY).astype(np.float32)
    if cols.size == 0 or not shape.any():
        return False
    stem = cv2.cvtColor(img[y:y + h, x:x + w], cv2.COLOR_BGR2GRAY).astype(np.float32)
    ink = float(np.median(stem[shape]))
    side = cv2.cvtColor(img[y:y + h, max(0, x - w - 2):max(0, x - 2)], cv2.COLOR_BGR2GRAY)
    paper = float(np.median(side)) if side.size else 255.0 - ink
    if abs(ink - paper) < 60:
        return False
    dark = ink < paper
    prof = cols.min(axis=1) if dark else cols.max(axis=1)
    inked = np.abs(prof - ink) < np.abs(prof - paper)
    runs = []  # (is_ink, length) from the top
    for v in inked:
        if runs and runs[-1][0] == bool(v):
            runs[-1][1] += 1
        else:
            runs.append([bool(v), 1])
    if not runs or runs[0][0]:
        return False  # ink from the top of the view on: a line above, not a dot
    runs = runs[1:]
    if len(runs) < 3:
        return False
    dot, gap, body = runs[0][1], runs[1][1], runs[2][1]
    # the dot stops where the stroke's columns do; a frame line above runs on beside it
    lead = next(i for i, v in enumerate(inked) if v)
    rows = slice(y0 + lead, y0 + lead + dot)
    beside = [img[rows, max(0, x - 2 * w - 1):max(0, x - w - 1)], img[rows, x + 2 * w + 1:x + 3 * w + 1]]
    for part in beside:
        if part.size:
            v = cv2.cvtColor(part, cv2.COLOR_BGR2GRAY).astype(np.float32)
            if (np.abs(v - ink) < np.abs(v - paper)).mean() > 0.5:
                return False
    return dot <= min(0.45 * body, 1.5 * w + 1) and gap <= 0.5 * body and body >= 0.5 * h


def _glyph_views(img: np.ndarray, x: int, y: int, w: int, h: int, shape: np.ndarray, clean: bool):
    """What the recogniser reads for one glyph, RGB, 40 px high: the crop as printed, then (when
    `clean`) the glyph's own pixels drawn black on white, so a label's white box, a photo edge or
    hair beside it cannot turn E into a box character or B into n."""
    pad = max(3, int(0.35 * h))
    x0, y0 = max(0, x - pad), max(0, y - pad)
    glyph = img[y0:y + h + pad, x0:x + w + pad]
    scale = 40.0 / glyph.shape[0]
    glyph = cv2.resize(glyph, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
    yield np.ascontiguousarray(glyph[:, :, ::-1])
    if clean:
        canvas = np.full((h + 2 * pad, w + 2 * pad), 255, np.uint8)
        canvas[pad:pad + h, pad:pad + w][shape] = 0
        scale = 40.0 / canvas.shape[0]
        canvas = cv2.resize(canvas, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA)
        yield np.ascontiguousarray(np.repeat(canvas[:, :, None], 3, axis=2))


# ------------------------------------------------------------------ pairing

@dataclass
class Pairing:
    panels: list[tuple[str, Box, str]]  # (letter, box, sub-caption), reading order
    note: str = ""  # why the figure stayed whole ("" when split into panels)


def _union(a: Box, b: Box) -> Box:
    x0, y0 = min(a.x, b.x), min(a.y, b.y)
    x1, y1 = max(a.x + a.w, b.x + b.w), max(a.y + a.h, b.y + b.h)
    return Box(x0, y0, x1 - x0, y1 - y0)


def _overlaps(a: Box, b: Box) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


def _absorb_unlettered(boxes: list[Box], letters: list[str | None]) -> tuple[list[Box], list[str | None]] | None:
    """Merge each piece without a letter into the lettered piece before it (left, else above) when
    the merged rectangle overlaps no other piece; None when some piece cannot be placed."""
    items = [(b, L) for b, L in zip(boxes, letters)]
    changed = True
    while changed:
        changed = False
        for i, (b, L) in enumerate(items):
            if L is not None:
                continue
            best = None
            for j, (c, M) in enumerate(items):
                if j == i or M is None:
                    continue
                u = _union(b, c)
                if any(_overlaps(u, d) for k, (d, _) in enumerate(items) if k not in (i, j)):
                    continue
                before = (c.y <= b.y + b.h * 0.5) and (c.x <= b.x or c.y + c.h <= b.y + 2)
                dist = abs(b.x - c.x) + abs(b.y - c.y)
                key = (0 if before else 1, dist)
                if best is None or key < best[0]:
                    best = (key, j, u)
            if best is None:
                return None
            _, j, u = best
            items[j] = (u, items[j][1])
            del items[i]
            changed = True
            break
    return [b for b, _ in items], [L for _, L in items]


def _group_at(node, boxes: list[Box], letters: list[str | None], corner=(False, False)):
    """`_group` for labels at another corner: with labels at their panels' right (bottom) edge an
    unlettered part belongs with the lettered part after it, so the figure is grouped mirrored."""
    fx, fy = corner
    if not (fx or fy):
        return _group(node, boxes, letters)
    W = max(b.x + b.w for b in boxes) if fx else 0
    H = max(b.y + b.h for b in boxes) if fy else 0

    def flip(b: Box) -> Box:
        return Box(W - b.x - b.w if fx else b.x, H - b.y - b.h if fy else b.y, b.w, b.h)

    def rev(n):
        if isinstance(n, int):
            return n
        kids = [rev(c) for c in n]
        # a cut whose parts follow each other across (down) runs the other way in the mirror
        us = [_union_all([boxes[i] for i in _tree_leaves(c)]) for c in n]
        down = all(us[i].y + us[i].h <= us[i + 1].y + 2 for i in range(len(us) - 1))
        return kids[::-1] if (fy if down else fx) else kids

    got = _group(rev(node), [flip(b) for b in boxes], letters)
    return None if got is None else [(flip(b), L) for b, L in got]


def _tree_leaves(node) -> list[int]:
    return [node] if isinstance(node, int) else [i for c in node for i in _tree_leaves(c)]


def _absorb_at(boxes: list[Box], letters: list[str | None], corner=(False, False)):
    """`_absorb_unlettered` mirrored for labels at another corner (see `_group_at`)."""
    fx, fy = corner
    W = max(b.x + b.w for b in boxes) if fx else 0
    H = max(b.y + b.h for b in boxes) if fy else 0

    def flip(b: Box) -> Box:
        return Box(W - b.x - b.w if fx else b.x, H - b.y - b.h if fy else b.y, b.w, b.h)

    got = _absorb_unlettered([flip(b) for b in boxes], letters)
    return None if got is None else ([flip(b) for b in got[0]], got[1])


def _group(node, boxes: list[Box], letters: list[str | None]) -> list[tuple[Box, str | None]] | None:
    """Pieces grouped into panels along the cut tree: a cut holding one letter is one panel (its
    sub-plots, axis labels and legends with it); in a cut holding several, an unlettered part joins
    the lettered part before it (the one after it when it comes first: an axis-title strip), and a
    strip between parts of several panels (a legend row they share) is left out of every crop.
    None when a large unlettered part has no single panel to join."""
    if isinstance(node, int):
        return [(boxes[node], letters[node])]
    parts = []
    for child in node:
        g = _group(child, boxes, letters)
        if g is None:
            return None
        parts.append(g)
    named = [L for g in parts for _, L in g if L]
    if len(named) <= 1:
        u = parts[0][0][0]
        for g in parts:
            for b, _ in g:
                u = _union(u, b)
        return [(u, named[0] if named else None)]
    sides = sorted(min(b.w, b.h) for g in parts for b, L in g if L)
    typical = sides[len(sides) // 2]
    merged: list[list[tuple[Box, str | None]]] = []
    pending: tuple[Box, str | None] | None = None  # an unlettered first part, for the part after it
    for i, g in enumerate(parts):
        if len(g) == 1 and g[0][1] is None:
            b = g[0][0]
            if merged and len(merged[-1]) == 1:
                merged[-1] = [(_union(merged[-1][0][0], b), merged[-1][0][1])]
            elif not merged and i + 1 < len(parts) and len(parts[i + 1]) == 1:
                pending = g[0] if pending is None else (_union(pending[0], b), None)
            elif min(b.w, b.h) <= 0.35 * typical:  # a strip (legend, label row), not a plot
                continue
            else:
                return None
            continue
        if pending is not None and len(g) == 1:
            g = [(_union(pending[0], g[0][0]), g[0][1])]
            pending = None
        merged.append(list(g))
    return [item for g in merged for item in g]


# the heights a label looked for may have, as shares of the labels read already (their median):
# lower-case labels differ in height by letter, b, d, h, k, l, f and j, g, p, q, y a third or more
# taller than a, c, e (ascenders and descenders); upper-case labels stay near 1
_SIZE_LO, _SIZE_HI = 0.75, 1.6


def _interior_labels(img: np.ndarray, b: Box, read, missing: set[str], ref_h: float,
                     most: int = 40) -> list[tuple[str, int, int, int, int]]:
    """Panel labels printed anywhere inside piece b (not only at its corner): lone glyphs of the
    figure's label size (`ref_h`, the height of the labels read at corners) that read, both
    constrained to the missing caption letters and freely, as one of them. (letter, x, y, w, h) in
    the image; a letter read twice is dropped (which one is the label is unsure)."""
    patch = np.ascontiguousarray(img[b.y:b.y + b.h, b.x:b.x + b.w])
    if patch.size == 0 or not missing:
        return []
    lo, hi = _SIZE_LO * ref_h, _SIZE_HI * ref_h
    block = max(15, int(4 * ref_h) | 1)
    cands = [gl for gl in _glyphs(patch, max(4, int(0.4 * ref_h)), max_h=int(2.2 * ref_h) + 1, block=block)
             if lo <= gl[3] <= hi and gl[2] >= 0.3 * ref_h]
    allowed = "".join(sorted(missing))
    out: list[tuple[str, int, int, int, int]] = []
    reads = 0
    for x, y, w, h, shape in cands:
        for crop in _glyph_views(img, b.x + x, b.y + y, w, h, shape, clean=True):
            if reads >= most:
                break
            reads += 1
            label = _sure_label(read, crop, allowed, missing)
            if label is None:
                continue
            out.append((label, b.x + x, b.y + y, w, h))
            break
    # a letter read twice: the glyph nearer the label size is the label (the other a word's
    # capital, a size smaller); when both are as near, which is the label is unsure: neither
    keep = []
    for L in dict.fromkeys(t[0] for t in out):
        same = sorted((abs(t[4] - ref_h), t) for t in out if t[0] == L)
        if len(same) == 1 or same[1][0] - same[0][0] >= 0.1 * ref_h:
            keep.append(same[0][1])
    return keep


def _clear_line(grey: np.ndarray, lo: int, hi: int, axis: int, a: int, b: int,
                paper: float | None = None, sat: np.ndarray | None = None, last: bool = False) -> int | None:
    """The line of background in [lo, hi) (rows for axis 0, columns for axis 1) crossing [a, b)
    of the other axis that cuts least content, or None when there is none. Background: it cuts no
    content (at most 2 % of its pixels differ much from its usual colour, unless part of a line
    running across the cut: a frame, an arrow's shaft, the same ink 3 pixels either side), it is
    flat along its length (skin or tissue changes from pixel to pixel; a few steps where it meets
    a frame are allowed), neutral where `sat` (the saturation channel) is given, and either of the
    `paper` grey level (the colour the label is printed on) or white or black (a gutter beside a
    label printed on a photo). A smooth stretch of a photo is as clear as a gutter but not all that."""
    g = grey[:, a:b].T if axis == 0 else grey[a:b]  # lines as columns: g[:, k] is line k
    lo, hi = max(lo, 3), min(hi, g.shape[1] - 3)
    if hi <= lo or g.shape[0] == 0:
        return None
    win = g[:, lo - 3:hi + 3].astype(np.int16)
    ink = np.abs(win - np.median(win, axis=0, keepdims=True).astype(np.int16)) > 40
    core = ink[:, 3:-3]
    across = ink[:, :-6] & ink[:, 6:]
    share = (core & ~across).mean(axis=0)
    core_v = win[:, 3:-3]
    level = np.median(core_v, axis=0)
    steps = np.zeros(core_v.shape, bool)
    steps[1:] = np.abs(np.diff(core_v, axis=0)) > 10
    rough = (steps & ~across).mean(axis=0)
    tone = (level >= 215) | (level <= 40)
    if paper is not None:
        tone |= np.abs(level - paper) <= 25
    good = (share <= 0.02) & (rough <= 0.05) & tone
    if sat is not None:
        sv = sat[:, a:b].T if axis == 0 else sat[a:b]
        good &= np.median(sv[:, lo:hi], axis=0) <= 30
    ok = np.flatnonzero(good)
    if ok.size == 0:
        return None
    if last:  # the background line nearest hi (the gutter just before a label)
        return lo + int(ok[-1])
    return lo + int(ok[np.argmin(share[ok])])


def _label_paper(grey: np.ndarray, label: tuple[str, int, int, int, int]) -> float | None:
    """The grey level a label is printed on (the median of a ring a few pixels wide around its
    box), or None when that is no flat paper (a label printed on a photo: skin, tissue), where no
    line of the label's background can tell a gutter from a smooth stretch of the photo (only a
    white or black gutter then)."""
    _, x, y, w, h = label
    pad = max(2, h // 4)
    y0, y1, x0, x1 = max(0, y - pad), min(grey.shape[0], y + h + pad), max(0, x - pad), min(grey.shape[1], x + w + pad)
    ring = grey[y0:y1, x0:x1].copy().astype(np.float32)
    ring[y - y0:y - y0 + h, x - x0:x - x0 + w] = np.nan
    vals = ring[np.isfinite(ring)]
    if vals.size == 0:
        return None
    level = float(np.median(vals))
    return level if (np.abs(vals - level) <= 12).mean() >= 0.85 else None


def _partition(img: np.ndarray, b: Box, labels: list[tuple[str, int, int, int, int]]) -> list[tuple[Box, str]] | None:
    """Piece b cut between the panel labels printed in it, each label marking its panel's top-left:
    cut in two by a line running right across the piece, just above (left of) a label and below
    (right of) the labels before it, through plain background (a gutter however narrow; frames and
    arrows crossing the cut are allowed); each part cut again until every part holds one label,
    at its top-left. None (keep the piece whole) when some part cannot be cut so, when a part's
    label is not at its top-left (content above or left of it that no label names), or when a part
    ends within two label heights past its label (a cut beside the label, not between panels)."""
    grey = cv2.cvtColor(img[b.y:b.y + b.h, b.x:b.x + b.w], cv2.COLOR_BGR2GRAY)
    sat = cv2.cvtColor(np.ascontiguousarray(img[b.y:b.y + b.h, b.x:b.x + b.w]), cv2.COLOR_BGR2HSV)[:, :, 1]
    ref = float(np.median([t[4] for t in labels]))
    labs = [(L, x - b.x, y - b.y, w, h) for L, x, y, w, h in labels]
    out: list[tuple[Box, str]] = []

    def cut(x0: int, y0: int, x1: int, y1: int, group: list) -> bool:
        if len(group) == 1:
            L, x, y, w, h = group[0]
            if x - x0 > 4 * ref or y - y0 > 4 * ref:
                return False
            if x1 - (x + w) < 2 * ref or y1 - (y + h) < 2 * ref:
                return False  # a part holding its label and little else: the cut runs beside the label
            out.append((Box(b.x + x0, b.y + y0, x1 - x0, y1 - y0), L))
            return True
        for axis in (0, 1):  # rows first: a cut across the piece's width, then down its height
            pos = 2 if axis == 0 else 1
            order = sorted(group, key=lambda t: t[pos])
            for k in range(1, len(order)):
                before, after = order[:k], order[k:]
                start = min(t[pos] for t in after)
                end_before = max(t[pos] + t[pos + 2] for t in before)
                if start <= end_before:
                    continue  # labels overlap along this axis: no cut between them here
                # the labels on the two sides must line up (the same columns above and below a
                # row cut, the same rows either side of a column cut): a band holding one label at
                # its left under a row of three is the lower halves of those three, not one panel
                other = 1 if axis == 0 else 2
                sides = ([t[other] for t in before], [t[other] for t in after])
                if not all(any(abs(u - v) <= 2 * ref for v in sides[1 - i]) for i in (0, 1) for u in sides[i]):
                    continue
                lo = max(end_before + 1, int(start - (2.5 if axis == 0 else 3) * ref))
                paper = _label_paper(grey, min(after, key=lambda t: t[pos]))
                line = (_clear_line(grey, lo, start, 0, x0, x1, paper, sat) if axis == 0
                        else _clear_line(grey, lo, start, 1, y0, y1, paper, sat))
                if line is None:
                    continue
                if axis == 0:
                    return cut(x0, y0, x1, line, before) and cut(x0, line, x1, y1, after)
                return cut(x0, y0, line, y1, before) and cut(line, y0, x1, y1, after)
        return False

    if not cut(0, 0, b.w, b.h, labs):
        return None
    return out


def _replace_leaf(node, i: int, new):
    if isinstance(node, int):
        return new if node == i else node
    return [_replace_leaf(c, i, new) for c in node]


def _labels_inside(img: np.ndarray, boxes: list[Box], letters: list[str | None], spots: list[list], tree, read,
                   missing: set[str], most: int = 4):
    """The pieces (largest first, at most `most`) searched for the missing letters' labels inside
    them, at the size of the labels read at corners; a piece whose labels partition it cleanly is
    replaced by its parts (one cut in the tree). Returns boxes, letters and tree, unchanged when no
    corner label gave the size, or when a letter a piece was cut at was read inside another piece
    too at the same size (which glyph is the label is unsure)."""
    heights = [sp[0][3] for sp, L in zip(spots, letters) if L and sp]
    if not heights:
        return boxes, letters, tree
    ref = float(np.median(heights))
    given = (boxes, letters, tree)
    boxes, letters, missing = list(boxes), list(letters), set(missing)
    tried = 0
    found_in: dict[str, list[tuple[int, int]]] = {}  # letter -> (piece, glyph height) where read inside
    used: dict[str, tuple[int, int]] = {}  # letter a partition was made at -> (piece, glyph height)
    for i in sorted(range(len(boxes)), key=lambda k: -boxes[k].w * boxes[k].h):
        b = boxes[i]
        if not missing or tried >= most:
            break
        if b.w < 6 * ref or b.h < 4 * ref:
            continue
        tried += 1
        inner = _interior_labels(img, b, read, missing, ref)
        if not inner:
            continue
        for t in inner:
            found_in.setdefault(t[0], []).append((i, t[4]))
        own = [(letters[i], *spots[i][0])] if letters[i] and spots[i] else []
        parts = _partition(img, b, own + inner)
        if parts is None or len(parts) < 2:
            continue
        used.update({t[0]: (i, t[4]) for t in inner})
        boxes[i], letters[i] = parts[0]
        idx = [i]
        for pb, pl in parts[1:]:
            idx.append(len(boxes))
            boxes.append(pb)
            letters.append(pl)
        tree = _replace_leaf(tree, i, idx)
        missing -= {L for _, L in parts}
    # a letter read inside two pieces at the same size (a glyph of an axis title in one, the label
    # in the other): which is the label is unsure, so no piece is cut at it
    if any(j != i and abs(h - hu) <= 0.15 * ref for L, (i, hu) in used.items() for j, h in found_in.get(L, ())):
        return given
    return boxes, letters, tree


def _label_offsets(img: np.ndarray, boxes: list[Box], letters: list[str | None], spots: list[list],
                   corner: tuple[bool, bool]) -> list[tuple[int, int, int, int]]:
    """(dx, dy, w, h) of each label read, measured from its piece's corner (mirrored for the
    top-right and bottom-left corners); None for a piece without one."""
    fx, fy = corner
    offs = []
    for b, L, sp in zip(boxes, letters, spots):
        if L and L != _BAR and sp:
            t = _tighten(img, b)
            x, y, w, h = sp[0]
            offs.append(((t.x + t.w - x - w) if fx else (x - t.x), (t.y + t.h - y - h) if fy else (y - t.y), w, h))
        else:
            offs.append(None)
    return offs


def _one_of_each(img: np.ndarray, boxes: list[Box], letters: list[str | None], spots: list[list],
                 corner: tuple[bool, bool]) -> list[str | None]:
    """A letter read at several pieces' corners names the one piece where it sits as the figure's
    other labels do (at their offset from the corner, within half a label height, at their size);
    the other reads are no label (a word's capital in a sub-plot's corner). When none or several
    sit so, all are kept (the letters then disagree with the caption: no rows)."""
    offs = _label_offsets(img, boxes, letters, spots, corner)
    counts = {L: letters.count(L) for L in set(letters) if L and L != _BAR}
    uniq = [o for o, L in zip(offs, letters) if o is not None and counts.get(L) == 1]
    if len(uniq) < 2 or all(c == 1 for c in counts.values()):
        return letters
    a = np.array(uniq, np.float32)
    dx, dy, _, h = np.median(a, axis=0)
    if np.abs(a[:, 0] - dx).max() > 0.5 * h or np.abs(a[:, 1] - dy).max() > 0.5 * h:
        return letters  # the labels do not sit at one offset: nothing to compare with

    def fits(o) -> bool:
        return o is not None and abs(o[0] - dx) <= 0.5 * h and abs(o[1] - dy) <= 0.5 * h and 0.75 * h <= o[3] <= 1.3 * h

    out = list(letters)
    for L, c in counts.items():
        if c < 2:
            continue
        where = [i for i, M in enumerate(letters) if M == L]
        good = [i for i in where if fits(offs[i])]
        if len(good) == 1:
            for i in where:
                if i != good[0]:
                    out[i] = None
    return out


def _one_by_size_and_place(img: np.ndarray, boxes: list[Box], letters: list[str | None], spots: list[list],
                           corner: tuple[bool, bool]) -> list[str | None]:
    """A letter read at several pieces' corners when the labels do not all sit at one offset (which
    `_one_of_each` needs): the copies at another size than the figure's labels (the median height
    of the letters read once; panel labels share one font size) are no label (a lone letter inside
    a sub-plot: a gate's name, a lane's mark); of those left, one much nearer its piece's corner
    than the others (by two label heights, itself within one and a half of where the letters read
    once sit from their corners) is the label. When that
    leaves one copy, the others are no label; else all are kept (the letters then disagree)."""
    counts = {L: letters.count(L) for L in set(letters) if L and L != _BAR}
    if all(c == 1 for c in counts.values()):
        return letters
    once = [sp[0][3] for L, sp in zip(letters, spots) if L and L != _BAR and sp and counts.get(L) == 1]
    if len(once) < 2:
        return letters
    ref = float(np.median(once))
    offs = _label_offsets(img, boxes, letters, spots, corner)
    # how far from their pieces' corners the labels read once sit (journals inset them alike)
    placed = [o[0] + o[1] for o, L in zip(offs, letters) if o is not None and counts.get(L) == 1]
    usual = float(np.median(placed)) if placed else 0.0
    out = list(letters)
    for L, c in counts.items():
        if c < 2:
            continue
        where = [i for i, M in enumerate(letters) if M == L]
        sized = [i for i in where if spots[i] and 0.8 * ref <= spots[i][0][3] <= 1.25 * ref]
        if len(sized) > 1:
            far = sorted((offs[i][0] + offs[i][1], i) for i in sized if offs[i] is not None)
            if len(far) == len(sized) and far[0][0] <= usual + 1.5 * ref and far[1][0] >= far[0][0] + 2 * ref:
                sized = [far[0][1]]
        if len(sized) == 1:
            for i in where:
                if i != sized[0]:
                    out[i] = None
    return out


def _labels_where_expected(img: np.ndarray, boxes: list[Box], letters: list[str | None], spots: list[list],
                           corner: tuple[bool, bool], read, missing: set[str]):
    """Missing caption letters read where the figure's other labels put them: journals (and grids)
    print every label at one offset from its panel's corner, so a piece without a letter is read
    once more at that offset, at the labels' size, whatever touches the label there (a hair, a
    ruler: the glyph detector sees no lone glyph). Only when the labels read sit at one offset
    (within half a label height); a letter counts when read constrained at >= 0.85 and freely as
    the same letter. Returns letters and spots (new lists)."""
    fx, fy = corner
    offs = [o for o in _label_offsets(img, boxes, letters, spots, corner) if o is not None]
    letters, spots, missing = list(letters), [list(sp) for sp in spots], set(missing)
    if len(offs) < 2 or not missing:
        return letters, spots
    a = np.array(offs, np.float32)
    dx, dy, w, h = (int(round(v)) for v in np.median(a, axis=0))
    if np.abs(a[:, 0] - dx).max() > 0.5 * h or np.abs(a[:, 1] - dy).max() > 0.5 * h:
        return letters, spots
    w = int(round(1.2 * w))
    for i, (b, L) in enumerate(zip(boxes, letters)):
        if L is not None or not missing:
            continue
        t = _tighten(img, b)
        if t.w < 3 * w or t.h < 3 * h:
            continue
        x = t.x + t.w - dx - w if fx else t.x + dx
        y = t.y + t.h - dy - h if fy else t.y + dy
        if x < 0 or y < 0:
            continue
        crop = next(_glyph_views(img, x, y, w, h, np.ones((h, w), bool), clean=False))
        text, score = read(crop, "".join(sorted(missing)))
        label = _as_label(text, score, missing)
        if label is None or label == _BAR or score < 0.85:
            continue
        free, free_score = read(crop)
        if _as_label(free, free_score, None) != label:
            continue
        letters[i], spots[i] = label, [(x, y, w, h)]
        missing.discard(label)
    return letters, spots


def _heading(lab: tuple[int, int, int, int], b: Box, ref: float) -> float | None:
    """How far a label at (x, y, w, h) is from heading piece b (None when it cannot head it): a
    label names the panel that starts at, or just below and right of, it: over its top-left corner
    or in the gutter above it (journals print labels above a panel's title or axis, left of its
    axis label), never below or right of its top-left part. In units of the label height."""
    x, y, w, h = lab
    dx, dy = (b.x - x) / ref, (b.y - y) / ref  # > 0: the piece starts right of / below the label
    if not (-1.5 <= dx <= 7 and -1.5 <= dy <= 4):
        return None
    return max(dx, 0) + max(dy, 0) + 2 * (max(-dx, 0) + max(-dy, 0))


def _inside(lab: tuple[int, int, int, int], b: Box) -> bool:
    x, y, w, h = lab
    return b.x <= x and x + w <= b.x + b.w and b.y <= y and y + h <= b.y + b.h


def _labels_anywhere(img: np.ndarray, boxes: list[Box], letters: list[str | None], read, missing: set[str],
                     ref: float, taken: list[tuple[int, int, int, int]], most: int = 60):
    """Caption letters that no corner showed, looked for over the whole figure: lone glyphs of the
    labels' size (`ref`) that head a piece without a letter (see `_heading`: a label printed in the
    gutter above its panel lies inside the box of the piece above, on its bottom edge), nearest
    first, read both constrained to the missing letters and freely as the same letter. Each letter
    found names the piece it heads; a letter read at two places names the better-placed one (much
    better, else neither), a piece headed by two letters takes neither. A piece whose box holds a
    label naming another piece is cut just before the label where a line of background allows.
    Returns boxes, letters and {letter: label box} for the letters placed."""
    patch = np.ascontiguousarray(img)
    lo, hi = _SIZE_LO * ref, _SIZE_HI * ref
    block = max(15, int(4 * ref) | 1)
    free_pieces = [i for i, L in enumerate(letters) if L is None]
    cands = []
    for x, y, w, h, shape in _glyphs(patch, max(4, int(0.4 * ref)), max_h=int(2.2 * ref) + 1, block=block):
        if not (lo <= h <= hi and w >= 0.3 * ref):
            continue
        if any(x < tx + tw and tx < x + w and y < ty + th and ty < y + h for tx, ty, tw, th in taken):
            continue
        near = [(d, i) for i in free_pieces if (d := _heading((x, y, w, h), boxes[i], ref)) is not None]
        if near:
            cands.append((min(near)[0], x, y, w, h, shape))
    cands.sort(key=lambda c: c[:3])
    allowed = "".join(sorted(missing))
    found: list[tuple[str, int, int, int, int]] = []
    reads = 0
    for _, x, y, w, h, shape in cands:
        if reads >= most:
            break
        for crop in _glyph_views(img, x, y, w, h, shape, clean=True):
            reads += 1
            label = _sure_label(read, crop, allowed, missing)
            if label is None:
                continue
            found.append((label, x, y, w, h))
            break
    # each label's piece; a letter at two places: the better-placed one when much better
    claims: dict[str, tuple[float, int, tuple]] = {}
    seen: dict[str, list] = {}
    for L, x, y, w, h in found:
        near = sorted((d, i) for i in free_pieces if (d := _heading((x, y, w, h), boxes[i], ref)) is not None)
        if near and (len(near) == 1 or near[1][0] - near[0][0] >= 1.0):
            seen.setdefault(L, []).append((near[0][0], near[0][1], (x, y, w, h)))
    for L, opts in seen.items():
        opts.sort()
        if len(opts) == 1 or opts[1][0] - opts[0][0] >= 1.5:
            claims[L] = opts[0]
    by_piece: dict[int, list[str]] = {}
    for L, (_, i, _) in claims.items():
        by_piece.setdefault(i, []).append(L)
    boxes, letters = list(boxes), list(letters)
    placed: dict[str, tuple[int, int, int, int]] = {}
    joins: list[tuple[int, int]] = []
    grey = None
    for i, Ls in sorted(by_piece.items()):
        if len(Ls) != 1:
            continue
        L = Ls[0]
        lab = claims[L][2]
        letters[i] = L
        placed[L] = lab
        # the piece whose box holds the label (above the panel it names) ends before it
        for j, q in enumerate(boxes):
            if j == i or not _inside(lab, q):
                continue
            if grey is None:
                grey = cv2.cvtColor(img, cv2.COLOR_BGR2GRAY)
            x, y, w, h = lab
            if y - q.y >= 0.5 * q.h:  # on its bottom part: a row above the label
                sub = grey[q.y:q.y + q.h, q.x:q.x + q.w]
                paper = _label_paper(sub, (L, x - q.x, y - q.y, w, h))
                line = _clear_line(sub, int(y - q.y - 2.5 * ref), y - q.y, 0, 0, q.w, paper)
                if line is not None and line > 0.5 * q.h:
                    boxes[j] = Box(q.x, q.y, q.w, line)
            elif x - q.x >= 0.5 * q.w:  # on its right part: a column left of the label
                sub = grey[q.y:q.y + q.h, q.x:q.x + q.w]
                paper = _label_paper(sub, (L, x - q.x, y - q.y, w, h))
                line = _clear_line(sub, int(x - q.x - 3 * ref), x - q.x, 1, 0, q.h, paper)
                if line is not None and line > 0.5 * q.w:
                    boxes[j] = Box(q.x, q.y, line, q.h)
            elif letters[j] is None and j not in by_piece and q.w * q.h < 0.5 * boxes[i].w * boxes[i].h:
                # a sliver holding the label over its top-left part (the label's strip beside
                # the panel's axis): part of that panel, when joining it covers no other piece
                u = _union(q, boxes[i])
                if not any(_overlaps(u, d) for k, d in enumerate(boxes) if k not in (i, j)):
                    joins.append((j, i))
    return boxes, letters, placed, joins


def _drop_leaf(node, j: int):
    """The cut tree without leaf j, later indices one less (a node left with one child is that child)."""
    if isinstance(node, int):
        return None if node == j else node - (node > j)
    kids = [k for k in (_drop_leaf(c, j) for c in node) if k is not None]
    return None if not kids else kids[0] if len(kids) == 1 else kids


def _join_pieces(boxes: list[Box], letters: list, tree, joins: list[tuple[int, int]]):
    """Piece j joined to piece i for each (j, i): i's box grown over j's, j dropped (tree too)."""
    boxes, letters = list(boxes), list(letters)
    for j, i in sorted(joins, reverse=True):
        boxes[i] = _union(boxes[i], boxes[j])
        del boxes[j], letters[j]
        tree = _drop_leaf(tree, j)
    return boxes, letters, tree


def pair(img: np.ndarray, caption: str, read=None, detect=None) -> tuple[Pairing, SubCaptions]:
    """Rows per panel only when the image's panels and printed letters agree with the caption's
    letters one to one; otherwise no rows, with the reason in `note`.

    `read` reads one short line (`ocr.read_line`); `detect` finds and reads the figure's short texts
    (`label_texts`: the text detector, 1-3 CPU-seconds a figure), used only when every other way has
    failed (`_grid_rows`). Both default to the OCR extra when `read` is not given; a caller passing
    its own `read` passes `detect` too, or the label-grid split is not tried."""
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
    if len(subs.letters) < 2:
        return Pairing([], note="caption_names_no_panels" if not subs.letters else "caption_names_one_panel"), subs
    boxes, tree = layout(img)
    if read is None:
        from derm1m_build import ocr
        read = ocr.read_line if ocr.available() else None
        detect = label_texts if read is not None and detect is None else detect
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
    for corner in CORNERS:
        where: list[list] = [[] for _ in boxes]
        found = [corner_letter(img, b, read, side, want=set(want), corners=(corner,), where=w)
                 for b, w in zip(boxes, where)]
        seen[corner] = (found, where)
        if corner == CORNERS[0]:
            top_left = (found, where)
        if len(set(found) & set(want)) > len(set(letters) & set(want)):
            letters, spots, corner_used = found, where, corner
        if set(want) <= set(letters) | ({"I", "L"} if _BAR in letters else set()):
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
    if not pairing.panels and not pairing.note.startswith("uncaptioned_panel") and len(seen) == len(CORNERS):
        mixed = _mixed_corner_rows(boxes, seen, subs)
        if mixed is not None:
            pairing = mixed
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
            prior = _grid_rows(img, subs, read, detect)
        if prior is not None and _hidden_panel(img, boxes, prior, subs.letters, corner_used or CORNERS[0], read):
            prior = Pairing([], note="uncaptioned_panel: a piece inside a row's crop prints a letter the caption"
                                     " does not name")
        if prior is not None:
            pairing = prior
    return pairing, subs


def _mixed_corner_rows(boxes: list[Box], seen: dict, subs: SubCaptions) -> Pairing | None:
    """Rows for a figure whose panels are labelled at different corners, each at its own (composed
    figures put a label wherever the photo leaves room: "a" top-left, "b" top-right, "c"
    bottom-left), or None. `seen` holds, per corner, the letter read at that corner of each piece of
    the gutter split and where. Only with no doubt: every piece carries exactly one caption letter
    over its four corners (a piece holding two panels shows two, or a letter is missing; a piece
    without one is no panel of its own or lost its label: None), the letters are the caption's, each
    once, read at two corners at least (one corner is `_rows`' case), and the glyphs are of one size
    (0.5-2x their median height: lower-case b is taller than a; an axis letter is not a label).
    Nothing is joined or cut: a
    piece's crop is the piece."""
    want = set(subs.letters)
    if len(boxes) != len(want):
        return None
    letters: list[str] = []
    heights: list[int] = []
    corners_used = set()
    for i in range(len(boxes)):
        here = {(found[i], corner, spots[i][0][3] if spots[i] else None)
                for corner, (found, spots) in seen.items() if found[i] in want}
        names = {L for L, _, _ in here}
        if len(names) != 1:
            return None
        L, corner, h = min(here, key=lambda t: CORNERS.index(t[1]))
        letters.append(L)
        corners_used.add(corner)
        if h is not None:
            heights.append(h)
    if set(letters) != want or len(set(letters)) != len(letters) or len(corners_used) < 2:
        return None
    if heights:
        ref = float(np.median(heights))
        if any(not ref / 2 <= h <= 2 * ref for h in heights):
            return None
    by_box = dict(zip(boxes, letters))
    return Pairing([(by_box[b], b, subs.full(by_box[b])) for b in reading_order(boxes)])


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
    the largest one's area (a legend or a colour bar split off is no panel). Else the figure stays
    whole (`positions_disagree`)."""
    names = places.letters
    n = len(names)
    boxes = split_panels(img, n)
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


def _prior_rows(img: np.ndarray, subs: SubCaptions, pieces: list[Box], read) -> Pairing | None:
    """Rows from the caption-count segmentation (`split_panels(img, n)`, n the caption's plain
    letter run A..N) when the pieces `pair` works on gave none: only when it has exactly n boxes,
    other than those pieces, each box's top-left corner shows one caption letter (every letter once;
    a bare stroke only where `_strokes_in_order` names it),
    the labels are of one size (0.75-1.33x their median height) and sit near their box's top-left
    (within a fifth of the box and two label heights, the tolerance `_rows` gives a label), and the boxes read in caption order by rows or by columns. A box holding
    two panels leaves another box without its label; one holding a piece of another panel shows that
    panel's order or corner wrong. Anything short of that: None (the figure stays whole)."""
    n = _letter_run(subs.letters)
    if n is None:
        return None
    cand = split_panels(img, n)
    if len(cand) != n or set(cand) == set(pieces):
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
    rows_order = [by_box[b] for b in reading_order(cand)]
    cols_order = [by_box[Box(t.y, t.x, t.h, t.w)] for t in reading_order([Box(b.y, b.x, b.h, b.w) for b in cand])]
    if rows_order != subs.letters and cols_order != subs.letters:
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
    n = _letter_run(subs.letters)
    if n is None:
        return None
    cand = split_panels(img, n)
    if len(cand) != n:
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
    rows_order = [by_box[b] for b in reading_order(cand)]
    cols_order = [by_box[Box(t.y, t.x, t.h, t.w)] for t in reading_order([Box(b.y, b.x, b.h, b.w) for b in cand])]
    if rows_order != subs.letters and cols_order != subs.letters:
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
    rows_order = [by_box[b] for b in reading_order(cand)]
    cols_order = [by_box[Box(t.y, t.x, t.h, t.w)] for t in reading_order([Box(b.y, b.x, b.h, b.w) for b in cand])]
    if rows_order != subs.letters and cols_order != subs.letters:
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
    rows_order = [by_box[b][0] for b in reading_order(cand)]
    cols_order = [by_box[Box(t.y, t.x, t.h, t.w)][0] for t in reading_order([Box(b.y, b.x, b.h, b.w) for b in cand])]
    if rows_order != subs.letters and cols_order != subs.letters:
        return None
    out = []
    for b in reading_order(cand):
        label, (x0, y0, x1, y1) = by_box[b]
        grown = Box(min(b.x, x0), b.y, max(b.x + b.w, x1) - min(b.x, x0), max(b.y + b.h, y1) - b.y)
        if any(o is not b and _overlaps(grown, o) for o in cand):
            return None  # the printed sub-caption runs into another panel
        out.append((label, grown, subs.full(label)))
    return Pairing(out)


_GRID_LABEL = re.compile(r"^(\()?([A-Za-z])(\))?$")
_GRID_LABEL_H = (0.008, 0.06)  # a label heading its panel is this share of the figure's longer side high
_GRID_PIECE = 0.8  # each piece of the gutter split lies this share of its height in one row of cells at least


def label_texts(rgb: np.ndarray) -> list:
    """Short texts of a figure that may be panel labels, as `ocr.OcrText`: the text detector's boxes
    (an RGB image) that are label-shaped (at most 2.5 times as wide as high, 0.8-6 % of the figure's
    side high), each read by the line recogniser. Reading only those, not every line the detector
    finds (a data figure has hundreds: tick labels, axis titles, legends), costs a sixth of a full
    read (2.7 instead of 16 CPU-s on a 1600 x 1262 EMBO figure)."""
    from derm1m_build import ocr

    H, W = rgb.shape[:2]
    side = max(H, W)
    out = []
    for x0, y0, x1, y1 in ocr.detect_boxes(rgb):
        h, w = y1 - y0, x1 - x0
        if h <= 0 or w > 2.5 * h or not _GRID_LABEL_H[0] * side <= h <= _GRID_LABEL_H[1] * side:
            continue
        pad = 1  # the detector's box is tight; a wider margin lets a thin "(f)" read as "(#)"
        text, score = ocr.read_line(np.ascontiguousarray(rgb[max(0, y0 - pad):min(H, y1 + pad), max(0, x0 - pad):min(W, x1 + pad)]))
        if text.strip():
            out.append(ocr.OcrText((x0, y0, x1, y1), text.strip(), float(score)))
    return sorted(out, key=lambda t: (t.box[1], t.box[0], t.text))


def _text_labels(img: np.ndarray, want: list[str], read, detect) -> list[tuple[str, int, int, int, int]] | None:
    """Panel labels found by the text detector anywhere in the figure, (letter, x, y, w, h): short
    texts of one style, either all "(x)" (a bracketed glyph: its free reading, or when that names
    no caption letter, its one-glyph read as one of them, score >= 0.9: the free reading of a bold
    "(b)" may be "(q)") or all a bare letter the free reading
    already gives as a caption letter (a bare "0" or "5" is a tick label, never forced into a
    letter). None unless every caption letter is found exactly once, all of one height (0.75-1.33x
    their median) and 0.8-6 % of the figure's side."""
    H, W = img.shape[:2]
    side = max(H, W)
    found: dict[str, list] = {"paren": [], "bare": []}
    allowed = "".join(want)
    for t in detect(np.ascontiguousarray(img[:, :, ::-1])):
        m = _GRID_LABEL.match(t.text.strip())
        x0, y0, x1, y1 = t.box
        if not m or bool(m.group(1)) != bool(m.group(3)):
            continue
        if not _GRID_LABEL_H[0] * side <= y1 - y0 <= _GRID_LABEL_H[1] * side:
            continue
        if m.group(1):
            # the free reading when it names a caption letter (the one-glyph read of a bracketed
            # thin "f" can be unsure), unless the one-glyph read is sure of another; else that read
            free = m.group(2).upper() if m.group(2).upper() in want and t.score >= 0.8 else None
            patch = img[max(0, y0 - 1):min(H, y1 + 1), max(0, x0 - 1):min(W, x1 + 1)]
            L, score = read(np.ascontiguousarray(patch[:, :, ::-1]), allowed)
            L = free if free and (L == free or score < 0.9) else (L if not free and score >= 0.9 else None)
            if L in want:
                found["paren"].append((L, x0, y0, x1 - x0, y1 - y0))
        elif m.group(2).upper() in want and t.score >= 0.9:
            found["bare"].append((m.group(2).upper(), x0, y0, x1 - x0, y1 - y0))
    for labs in found.values():
        if sorted(L for L, *_ in labs) == sorted(want):
            ref = float(np.median([h for *_, h in labs]))
            if all(0.75 * ref <= h <= 1.34 * ref for *_, h in labs):
                return labs
    return None


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
    Else None."""
    n = _letter_run(subs.letters)
    if n is None or detect is None or read is None:
        return None
    labs = _text_labels(img, subs.letters, read, detect)
    if labs is None:
        return None
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
    for p in layout(img)[0]:
        inside = max(min(p.y + p.h, y1) - max(p.y, y0) for y0, y1 in zip(tops, tops[1:]))
        if inside < _GRID_PIECE * p.h:
            return None
    return Pairing([(L, b, subs.full(L)) for L, b in out])


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
    missing = set(want) - set(letters) - ({"I", "L"} if _BAR in letters else set())
    if missing:
        letters, spots = _labels_where_expected(img, boxes, letters, spots, corner, read, missing)
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


def figure_bgr(data: bytes) -> np.ndarray:
    """Decode figure bytes (checked by derm1m_build.images.decode: bombs, corrupt files) to BGR."""
    from derm1m_build.images import decode

    return cv2.cvtColor(np.asarray(decode(data).convert("RGB")), cv2.COLOR_RGB2BGR)


def figure_panels(data: bytes, caption: str, read=None, detect=None) -> tuple[np.ndarray, Pairing, SubCaptions]:
    """The one code path from a figure's bytes and caption to its rows, shared by the PubMed source
    and `derm1m-build inspect figure`: the decoded image, the pairing and the sub-captions."""
    img = figure_bgr(data)
    pairing, subs = pair(img, caption, read=read, detect=detect)
    return img, pairing, subs
