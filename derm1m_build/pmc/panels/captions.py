"""Caption side of compound figures: split a caption into per-panel sub-captions (`split_caption`,
`split_bare_run`, `split_figure_refs`, `split_panel_refs`, `split_positions`) and count the panels it names
(`caption_panel_count`).

Text only (no image, no OCR), so it is the bottom of the package: the image side never needs it and
the pairing imports it. A caption's letters are what the image's printed letters must match, so
parsing is strict (back-references and out-of-sequence letters are text, see the package docstring)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .half_marks import marker_run, reference_letters
from .place_words import from_english, to_english


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
_PAREN_RANGE = re.compile(r"\s*[" + _DASH + r"]\s*|\s+to\s+")  # between "(a)" and "(c)" of a range
_SENTENCE_START = re.compile(r"(?:^|[.;:]\s*)$")
# markers opening a sentence in other journals' styles: a letter and a closing bracket "A) Text",
# "a) text"; a letter and a full stop before a capital "A. Text", "a. Text"; "Panel A: text",
# "Panels A and B show ..."
_HALF = re.compile(r"(?:^|(?<=[.;:]\s))(" + _ITEM + r"(?:" + _SEP + _ITEM + r")*)\)\s+")
_DOTTED = re.compile(r"(?:^|(?<=[.;]\s))([A-Za-z])\.\s+(?=[A-Z0-9(\[])")  # not after a colon: "Left: a. Right: b."
# the letters after "Panel" are of one case: in "Panel F, a gritty papule" the "a" is an article
_ITEM_UP = r"[A-Z](?:[ivx]{1,4}(?:[" + _DASH + r"][ivx]{1,4})?)?(?![A-Za-z])"
_ITEM_LOW = r"[a-z](?![A-Za-z])"
_PANEL_WORD = re.compile(r"(?:^|(?<=[.;:]\s))(?:Panels?|PANELS?)\s+(" + _ITEM_UP + r"(?:" + _SEP + _ITEM_UP + r")*"
                         r"|" + _ITEM_LOW + r"(?:" + _SEP + _ITEM_LOW + r")*)"
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
    parens = [(m.start(), m.end(), _expand(m.group(1) or m.group(3))) for m in _PAREN.finditer(caption)
              if not (caption[m.start() - 1:m.start()].isdigit() and _numbered_panel(caption, m.start()))]
    for i, (start, end, letters) in enumerate(parens):
        # "(a)-(c) benign, (d)-(f) malignant": two single-letter parentheses joined by a dash are one
        # marker for the range (LaTeX captions write ranges so); the second is no marker of its own
        if i and _PAREN_RANGE.fullmatch(caption[parens[i - 1][1]:start]) and len(parens[i - 1][2]) == 1 \
                and len(letters) == 1:
            continue
        nxt = parens[i + 1] if i + 1 < len(parens) else None
        if nxt is not None and len(letters) == 1 and len(nxt[2]) == 1 \
                and _PAREN_RANGE.fullmatch(caption[end:nxt[0]]):
            a, b = letters[0], nxt[2][0]
            if a.isupper() == b.isupper() and ord(a) < ord(b) <= ord(a) + 12:
                found.append((start, nxt[1], [chr(c) for c in range(ord(a), ord(b) + 1)], "paren"))
                continue
        found.append((start, end, letters, "paren"))
    for m in _BARE_UPPER.finditer(caption):
        found.append((m.start(), m.end(), _expand(m.group(1)), "upper"))
    for rx in (_HALF, _DOTTED, _PANEL_WORD):
        for m in rx.finditer(caption):
            if rx is _DOTTED and _NOT_BEFORE.search(caption[:m.start(1)]):
                continue  # "e.g. A. B. Jones", "vs. A. ...": an abbreviation's or an initial's full stop
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


# a figure's number with a panel's bracket attached, "Fig. 3(a)", "Figs. 3(a) and 3(b)", "figure 6.1(a)": a
# reference to a panel of a figure; the caption's own number opening it ("Figure 2(A) Clinical ...") aside
_NUMBER_BEFORE = re.compile(r"(?<![\w.])\d+(?:\.\d+)*$")
_OWN_LABEL = re.compile(r"\W*(?:Fig(?:ure)?s?|FIG(?:URE)?S?)\.?\s*\d+")


def _numbered_panel(caption: str, start: int) -> bool:
    """Whether the bracket at `start` is attached to a figure number that is not the caption's own label, so
    it refers to a panel ("the same lesion as in Figure 2(a), six months later", "compare Fig. 3(a) and (b)")
    and opens none."""
    head = caption[max(0, start - 40):start]
    return _NUMBER_BEFORE.search(head) is not None and not _OWN_LABEL.fullmatch(caption[:start])


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


# a capital (or a range "C–D") and a full stop or a colon, after a sentence, a clause (colon,
# comma) or the caption's start: "...: A. Angle between two vectors. B. Angle ...", "A: potential iso,
# B: radial ..., C–D: ..."; taken only as a run A, B, C... in order (`_ordered_run`)
_RUN_MARK = re.compile(r"(?:^|(?<=[.;:,)\u201d\"]\s)|(?<=[.;:,]))\s*([A-Z](?:\s*[" + _DASH + r"]\s*[A-Z])?)([.:])\s+"
                       r"(?=[A-Z0-9(\[\u201c\"'\u2018\u27e8a-z])")
# what precedes a capital and a full stop that is no marker: a title or a name ("Fig. 5", "Dr. A.
# Smith", "J. Smith"), an abbreviation ("e.g.", "vs.", "i.e.")
_NOT_BEFORE = re.compile(r"(?:\b(?:Figs?|Figures?|Dr|Prof|Mr|Mrs|Ms|St|Ref|refs?|vs|cf|al|e\.g|i\.e|etc|No|Eq|Eqs)\.?\s*"
                         r"|\b[A-Z]\.\s*)$")


def _ordered_run(caption: str) -> list[tuple[int, int, list[str]]]:
    """Markers written as a capital and a full stop or a colon ("A. Text. B. Text.", "A: text, B:
    text, C–D: text"), kept only as a chain that runs A, B, C... with no gap and no repeat, all
    with the same stop (all full stops or all colons), at least two markers: a lone "A." opening a
    sentence, initials ("J. Smith", "A. B. Jones"), "vitamin A. The ..." and "Fig. 5" are not
    panels. The longest such chain from A; [] when there is none."""
    marks = []
    for m in _RUN_MARK.finditer(caption):
        if _NOT_BEFORE.search(caption[:m.start(1)]):
            continue
        letters = _expand(m.group(1))
        if letters:
            marks.append((m.start(1), m.end(), letters, m.group(2)))
    best: list[tuple[int, int, list[str]]] = []
    for i, (start, end, letters, stop) in enumerate(marks):
        if letters[0] != "A":
            continue
        chain = [(start, end, letters)]
        nxt = chr(ord(letters[-1]) + 1)
        for s2, e2, l2, st2 in marks[i + 1:]:
            if st2 == stop and l2[0] == nxt and s2 >= chain[-1][1]:
                chain.append((s2, e2, l2))
                nxt = chr(ord(l2[-1]) + 1)
        if len(chain) >= 2 and not _names(caption, chain) \
                and sum(len(c[2]) for c in chain) > sum(len(c[2]) for c in best):
            best = chain
    return best


_NAME = re.compile(r"[A-Z][a-z'\u2019-]+(?:,|\s+(?:and|&)|,\s+and)?")  # "Smith," "Smith and"; "Top." is a text


def _names(caption: str, chain: list[tuple[int, int, list[str]]]) -> bool:
    """Whether a chain's markers are initials: every text between markers is one capitalised word
    ("A. Smith, B. Jones, C. Brown took the photographs")."""
    stops = [s for s, _, _ in chain[1:]] + [None]
    words = []
    for (_, end, _), stop in zip(chain, stops):
        seg = caption[end:stop].strip() if stop is not None else caption[end:].split(" ")[0].rstrip(".,;")
        words.append(seg)
    return all(_NAME.fullmatch(w) for w in words)


def split_caption(caption: str) -> SubCaptions:
    """Sub-captions by panel letter; `letters` is empty when the caption names no panels.

    The strict parse (`_split_markers`) first; a run of "A. ... B. ..." markers in order
    (`_ordered_run`) instead when it names more letters, every one the strict parse found among them;
    likewise a run of letters with a lone bracket opening their panels' words inside the sentences
    ("...: a) plot of ... b) analysis of ..., c) distances ... and d) resemblance ...",
    `half_marks.marker_run`), or of sentences opening "a, text. b, text." (`_comma_run`), each panel's words
    without the "and" joining it to the next."""
    caption = _WS.sub(" ", caption or "").strip()
    strict = _split_markers(caption)
    run = _ordered_run(caption)
    run_letters = {k for _, _, keys in run for k in keys}
    if len(run_letters) > len(strict.letters) and set(strict.letters) <= run_letters:
        return _texts(caption, run, items=False)
    inline = marker_run(caption) or _comma_run(caption)
    if len(inline) > len(strict.letters) and set(strict.letters) <= {k for _, _, (k,) in inline}:
        subs = _texts(caption, inline, items=False)
        subs.texts = {k: _JOINER.sub("", t) for k, t in subs.texts.items()}
        return subs
    return strict


# a lower-case letter and a comma opening a sentence before lower-case words ("a, original blobs. b, medial axis with
# the distance transform."): `_COMMA_LOWER` takes the style before a capital only, and the run here whole only
_COMMA_OPEN = re.compile(r"(?:^|(?<=[.;]\s))([a-z]),\s+(?=[a-z])")


def _comma_run(caption: str) -> list[tuple[int, int, list[str]]]:
    """Markers of a caption whose sentences open with a lower-case letter and a comma before lower-case words
    ("Skeletons and medial axis. a, original blobs. b, medial axis ... c, skeletonize. d, skeletonize (Lee 94)."):
    (start, end, [LETTER]) each, only when every such opening runs a, b, c... in order, once each, two at least
    (no sentence of prose opens with "a," or "b,"); else []."""
    if ", " not in caption:
        return []
    marks = [(m.start(), m.end(), m.group(1)) for m in _COMMA_OPEN.finditer(caption)]
    if len(marks) < 2 or any(L != chr(ord("a") + i) for i, (_, _, L) in enumerate(marks)):
        return []
    return [(s, e, [L.upper()]) for s, e, L in marks]


_JOINER = re.compile(r"[\s,;]+(?:and|or)$")  # "c) distances ... and d) resemblance": the "and" is no part of c's words


def _split_markers(caption: str) -> SubCaptions:
    """The strict parse: bracketed and sentence-opening markers, checked for order and back-references."""
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
    if _trailing(caption, accepted):
        return _trailing_texts(caption, accepted)
    return _texts(caption, accepted)


# what follows a marker that closes its panel's words: the end of the sentence or clause, or "and" before the
# next panel's words ("... inside the inner loop (a). An inner tree ...", "the training set (a) and the test set (b)")
_CLOSES = re.compile(r"\s*(?:[.;,]|and\b|$)")


def _trailing(caption: str, accepted: list[tuple[int, int, list[str]]]) -> bool:
    """Whether every marker is a bracket that closes its panel's words instead of opening them: each follows
    a word and is followed by a full stop, semicolon, comma, "and" or the caption's end ("Control flow graph of a
    nested loop (a). An inner tree ... guard (b).", "Lesions on the arm (A) and on the leg (B)."), two markers at
    least. Engineering and computing journals write panel letters so; read as openers, each panel would get the
    next panel's words. One marker that opens its words ("(a) Recorded trace ...") keeps the usual reading."""
    if len(accepted) < 2:
        return False
    for start, end, _ in accepted:
        if caption[start] not in "([" or not re.search(r"\w[\)\]\u201d\"']?\s*$", caption[:start]) \
                or not _CLOSES.match(caption, end):
            return False
    return True


def _sentence_start(caption: str, i: int) -> int:
    """Where the sentence holding position i begins (after the last ". ", "; " or ": " before it)."""
    cut = max(caption.rfind(". ", 0, i), caption.rfind("; ", 0, i), caption.rfind(": ", 0, i))
    return 0 if cut < 0 else cut + 2


def _trailing_texts(caption: str, accepted: list[tuple[int, int, list[str]]]) -> SubCaptions:
    """Sub-captions of a caption whose markers close their panels' words (`_trailing`): each panel's words run
    from the previous marker (the first's: from the start of its sentence) to its own marker; the caption before
    the first panel's sentence is the lead; the words after the last marker ("Scale bars, 50 um.") are every
    panel's. A marker with no words of its own ("the arm (A) and (B)") shares the previous panel's."""
    first = _sentence_start(caption, accepted[0][0])
    tail = caption[accepted[-1][1]:].strip()
    tail = "" if re.fullmatch(r"[.;,\s]*", tail) else _CLAUSE_HEAD.sub("", tail).strip()
    texts: dict[str, str] = {}
    prev, last = first, ""
    for start, end, keys in accepted:
        own = _CLAUSE_HEAD.sub("", caption[prev:start]).strip(" ,;")
        own = own or last
        last = own
        body = own if own.endswith((".", "!", "?")) else own + "."
        for k in dict.fromkeys(keys):
            if k not in texts:
                texts[k] = f"{body} {tail}".strip() if tail else body
        prev = end
    order = sorted(texts)
    return SubCaptions(lead=caption[:first].strip(), letters=order, texts={k: texts[k] for k in order})


_CLAUSE_HEAD = re.compile(r"^(?:[\s.,;:]|and\b)+")


def _texts(caption: str, accepted: list[tuple[int, int, list[str]]], items: bool = True) -> SubCaptions:
    """Each marker's own text: from its end to the next marker's start. With `items`, a marker
    naming several letters whose text is as many "; "-separated items gives one item each (a run's
    "C–D: text for C (C) and D (D); more text" is one text for both: items=False)."""
    lead = caption[: accepted[0][0]].strip()
    texts: dict[str, str] = {}
    for i, (start, end, keys) in enumerate(accepted):
        stop = accepted[i + 1][0] if i + 1 < len(accepted) else len(caption)
        seg = caption[end:stop].strip(" ;,\u2014").lstrip(": ")
        if not re.sub(r"\b(?:and|or)\b", "", seg).strip(" ,;&") and i + 1 < len(accepted):
            # "(a), (b) Two views of the model": a marker with no text of its own before the next one
            # shares that one's text
            nstop = accepted[i + 2][0] if i + 2 < len(accepted) else len(caption)
            seg = caption[accepted[i + 1][1]:nstop].strip(" ;,\u2014").lstrip(": ")
        # "(A, C, E) text A; text C; text E.": one item each when the items are as many as the letters
        parts = [t.strip() for t in seg.split("; ")]
        # (items that cut a parenthesis in two are no such list: "(J-L) Quantification ... (WT, n=5; sin1, n=11)")
        whole = all(t.count("(") == t.count(")") for t in parts)
        own = dict(zip(dict.fromkeys(keys), parts)) \
            if items and whole and len(set(keys)) > 1 and len(parts) == len(set(keys)) else None
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


# a panel named in running text by a picture word and its capital letter, quoted or not: "on image 'A'
# below", "for image B", "images C and D below", "in panels E-F" (the letter alone, not a word:
# "image I acquired" is a pronoun, so I is never read)
_QUOTE = "'\u2018\u2019\"\u201c\u201d"
_REF_ITEM = r"[" + _QUOTE + r"]?[A-HJ-Z][" + _QUOTE + r"]?(?![\w" + _QUOTE + r"])(?![" + _DASH + r"][a-z])"
_PANEL_REF = re.compile(r"\b(?:[Ii]mages?|[Pp]anels?|[Ff]igures?|[Pp]ictures?|[Pp]hotos?|[Pp]hotographs?|[Vv]iews?|[Ss]cans?)\s+"
                        r"(" + _REF_ITEM + r"(?:\s*(?:,|&|\band\b|[" + _DASH + r"]|\bto\b)\s*" + _REF_ITEM + r")*)")
# the same word before a range of lower-case letters, "The six figures a-f show ...": a dash range is no article
_PANEL_RANGE = re.compile(r"\b(?:[Ii]mages|[Pp]anels|[Ff]igures|[Pp]ictures|[Pp]hotos|[Pp]hotographs|[Vv]iews|[Ss]cans)\s+"
                          r"([a-z]\s*[" + _DASH + r"]\s*[a-z])(?!\w)(?![" + _DASH + r"])")


def split_panel_refs(caption: str | None) -> SubCaptions:
    """Sub-captions from prose that names its panels by a picture word and a capital letter inside its
    sentences, as help pages and tutorials write under a figure ("on image 'A' below, I have selected
    X, while for image B ... images C and D below show ... For image C, ..."). Each panel's text is
    the sentences that name it (a sentence naming two belongs to both), the sentences before the first
    such sentence are the lead. At least two letters, A, B, ... without a gap. Like
    `split_figure_refs`, these letters are taken only where the image prints the same letters (`pair`
    uses them only when no marker, place, bare run or figure reference is found, and rows need every
    letter read on its panel). With no picture word naming two panels, the letters with a lone bracket that
    the sentences refer to ("SEM image in a) is a cross-section of a line in SEM image in b).",
    `half_marks.reference_letters`) name them, by the same rules. A plural picture word before a range of
    lower-case letters names them too ("The six figures a-f show possible scenarios ...", `_PANEL_RANGE`: a dash
    range is no article, where "image a" may be one)."""
    caption = _WS.sub(" ", caption or "").strip()
    sentences = _SENTENCE.split(caption)
    named: list[set[str]] = []
    for sentence in sentences:
        letters: set[str] = set()
        for m in _PANEL_REF.finditer(sentence):
            letters.update(_expand(re.sub("[" + _QUOTE + "]", "", m.group(1))))
        letters = {L for L in letters if L.isupper()}
        for m in _PANEL_RANGE.finditer(sentence):
            letters.update(L.upper() for L in _expand(m.group(1)))
        named.append(letters)
    found = sorted(set().union(*named)) if named else []
    if len(found) < 2:
        sentences, named = reference_letters(caption)
        found = sorted(set().union(*named)) if named else []
    if len(found) < 2 or found != [chr(c) for c in range(ord("A"), ord("A") + len(found))]:
        return SubCaptions(lead=caption)
    first = next(i for i, n in enumerate(named) if n)
    texts = {L: " ".join(t for t, n in zip(sentences, named) if L in n) for L in found}
    return SubCaptions(lead=" ".join(sentences[:first]).strip(), letters=found, texts=texts)


# a sentence whose subject is a list of bare capital letters, then its verb: "A, G, and J show a good
# scattering profile", "B and E show ...", "C shows ..." (a lone "I" is the pronoun, never a letter)
_SUBJECT_ITEM = r"[A-Z](?![\w'\u2019])"
_SUBJECT = re.compile(r"^(" + _SUBJECT_ITEM + r"(?:\s*(?:,\s*(?:and\s+)?|\band\s+|&\s*)" + _SUBJECT_ITEM + r")*)\s+"
                      r"(?:show|shows|depict|depicts|display|displays|illustrate|illustrates|present|presents"
                      r"|represent|represents|compare|compares|give|gives|demonstrate|demonstrates|are|is)\b")


def split_letter_subjects(caption: str | None) -> SubCaptions:
    """Sub-captions from sentences whose subject is the panels' bare capital letters, as some
    reproduced journal figures are captioned ("Figure 3 from [4]. A, G, and J show a good
    (monodisperse) scattering profile ... B, H, and K show ... C, I, and L show ..."): no bracket,
    no colon, so neither the marker parse nor the bare-letter forms read them. Each panel's text is
    the sentences whose subject names it; the sentences before the first such sentence are the
    lead. At least two letters; gaps are allowed (a reproduction may leave panels D-F out), since
    like `split_panel_refs` these letters are taken only where the image prints the same letters
    (`pair` uses them only when no other form names a panel, and rows need every letter read on its
    panel). A lone "I" opens a sentence as the pronoun and names nothing."""
    caption = _WS.sub(" ", caption or "").strip()
    sentences = _SENTENCE.split(caption)
    named: list[set[str]] = []
    for sentence in sentences:
        m = _SUBJECT.match(sentence)
        letters = set(re.findall(r"[A-Z]", m.group(1))) if m else set()
        named.append(set() if letters == {"I"} else letters)
    found = sorted(set().union(*named)) if named else []
    if len(found) < 2:
        return SubCaptions(lead=caption)
    first = next(i for i, n in enumerate(named) if n)
    texts = {L: " ".join(t for t, n in zip(sentences, named) if L in n) for L in found}
    return SubCaptions(lead=" ".join(sentences[:first]).strip(), letters=found, texts=texts)


_PLACE = r"(?:(?:top|bottom|upper|lower)(?:[\s-]+(?:left|right))?|left|right|middle|centre|center|first|second|third)"
_KIND = r"(?:\s+(?:panels?|plots?|images?|graphs?|charts?|figures?|columns?|rows?))?"
# a position opening a sentence: "Left: ...", "Right panel: ...", "Upper left plot: ...", "(Left) ..."
# (also with its closing bracket alone, "Left) Heat map. Right) Correlations.", as some vignettes print it:
# at a sentence start a place and a bracket are a label, as "A) Text" is; inside a sentence, "(on the
# left)", it is not)
_POSITION = re.compile(r"(?:^|(?<=[.;:]\s))(?:\(?(" + _PLACE + _KIND + r")\)\s*:?|(" + _PLACE + _KIND + r")\s*:)\s*",
                       re.IGNORECASE)
# a place and a comma opening a sentence, the style of journals that print "Left, original data.
# Middle, noisy data. Right, restoration." (never an ordinal: "First, the cells were ..." is prose)
_POSITION_COMMA = re.compile(r"(?:^|(?<=[.;]\s))((?:(?:top|bottom|upper|lower)(?:[\s-]+(?:left|right))?|left|right|middle"
                             r"|centre|center)" + _KIND + r")\s*,\s+(?=\S)", re.IGNORECASE)
# a capitalised place, with or without a panel word, and a colon inside a sentence: a label whose
# sentence lost its full stop ("... the filter_volcano function Right panel: graph of ...", "Top: x
# (red line) Bottom: y"); a capital there is no word of running text, where places are lowercase ("the
# bottom: ..." names nothing)
_POSITION_LABEL = re.compile(r"(?<=\s)((?:Top|Bottom|Upper|Lower|Left|Right|Middle|Centre|Center)(?:[\s-]+(?:left|right))?"
                             r"(?:\s+(?:panels?|plots?|images?|graphs?|charts?|figures?|columns?|rows?))?)\s*:\s*")
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
# (left) and fitted model (right)", "(top left panel)", with its article: "the field of y' = y - x (the
# left) and of y' = x (the right)", as prose-set books print it), or a noun phrase with a panel word ("the
# left-hand plot shows", "the right panel"); "points on the left" names nothing
_POSITION_IN = re.compile(r"\((?:the\s+)?(" + _PLACE_IN + r")(?:[\s-]+hand)?" + _KIND + r"(?:,\s*([^()]+))?\)"
                          r"|\b(" + _PLACE_IN + r"|first|second|third)(?:[\s-]+hand)?"
                          r"\s+(panels?|plots?|images?|graphs?|charts?|figures?|columns?|rows?|maps?|graphics?|displays?)\b",
                          re.IGNORECASE)
_CLAUSE_JOIN = re.compile(r"^(?:[\s,;:]|and\b|or\b|while\b|whereas\b)+", re.IGNORECASE)


def _clause_cut(caption: str, before: tuple, place: tuple) -> tuple[int, int] | None:
    """Where the words of a panel named by a place phrase begin when the previous place (`before`)
    is in the same sentence: at the last clause break between the two ("the raw map shown in the
    left panel, while the middle panel has been thresholded ..., the right panel shows ..."), when
    the earlier place closes its clause (nothing but a bracket's words after it up to the break)
    or the later one opens its own (nothing but an article between the break and it). A sentence
    that runs on between them ("points in the left panel are higher than in the right panel") has
    no such break: None, its words cannot be shared out. Else (where the earlier panel's words end,
    where the later one's begin).

    `_positions_inside` shares a sentence out this way only when its places are the caption's only
    place words and none is an ordinal, as the older one-sentence rules asked (`_positions_paired`;
    ordinals in their own sentences). A further place ("the right panel shows y (top right: z)") may
    name a panel, an inset or a corner the image does not show as the named ones, so whose words are
    whose is no longer sure; and "the first panel ..., the second panel ..." names no layout the
    image could contradict (any one row or column is taken), so ordinals need the stronger form of a
    sentence each. A wrong crop under a caption is worse than a figure kept whole."""
    between = caption[before[1]:place[0]]
    breaks = list(_CLAUSE_END.finditer(between))
    if not breaks:
        return None
    last = breaks[-1]
    opens = re.fullmatch(r"\s*(?:the\s+)?", between[last.end():], re.IGNORECASE) is not None
    closes = re.fullmatch(r"\s*(?:\([^()]*\))?\s*", between[:last.start()]) is not None
    if not (opens or closes):
        return None
    return before[1] + last.start(), before[1] + last.end()


# a place word a caption may use beyond the places that name its panels ("(top right: z)", "the bottom of
# the map"): where it stands, a pair or clause split of one sentence names nothing (`_positions_paired`)
_ANY_PLACE = re.compile(r"\b(?:left|right|top|bottom|upper|lower|middle)\b", re.IGNORECASE)


# place words that name no place in the figure: a rank ("the top 10 points", "top-ranked") and a layer
# ("plotted on top", "drawn on top of the surface"): marks drawn over a chart, not a panel above another
_NOT_A_PLACE = re.compile(r"\btop(?=[\s-]+(?:\d+|ranked|scoring|ten|five|three)\b)"
                          r"|\b(?:plotted|drawn|overlaid|overlayed|superimposed|layered|placed|printed)\s+on\s+top\b"
                          r"|\bon\s+top\s+of\b", re.IGNORECASE)


def _stray_place(text: str) -> bool:
    """Whether `text` holds a place word that may name a panel (a rank or a layer, `_NOT_A_PLACE`, does not)."""
    return _ANY_PLACE.search(_NOT_A_PLACE.sub(" ", text)) is not None


def _other_place(caption: str, found: list) -> bool:
    """Whether `caption` holds a place word outside the place phrases in `found` ((start, end, ...))."""
    rest, prev = [], 0
    for a, b, *_ in found:
        rest.append(caption[prev:a])
        prev = b
    rest.append(caption[prev:])
    return _stray_place(" ".join(rest))


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
        ends = starts[1:] + [len(caption)]
        shared = any(starts[k] == starts[k - 1] for k in range(1, len(found)))
        if shared and (ords or _other_place(caption, found)):
            # places sharing a sentence are shared out by clause only when they are the caption's only
            # places and not ordinals (see `_clause_cut`)
            return None
        for k in range(1, len(found)):
            if starts[k] == sentence_start(found[k - 1][0]):
                cut = _clause_cut(caption, found[k - 1], found[k])
                if cut is None:
                    return None  # two places in one clause: whose words are whose is not clear
                ends[k - 1], starts[k] = cut
        start = starts[0]
        for k, (_, _, name, _) in enumerate(found):
            own = caption[starts[k]:ends[k]].strip(" ;,")
            # words cut at a clause break end as a sentence, as `_positions_paired` writes them
            texts[name] = own if k + 1 == len(found) or own.endswith((".", "!", "?")) else own + "."
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
    # (a rank or a layer, "the top 10 points plotted on top", is no place: `_NOT_A_PLACE`)
    if _other_place(caption, found):
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


# a single place opening a panel's words with no colon, as captions set from two-column layouts print
# them when the typesetter dropped the label's punctuation: at a sentence's or clause's start ("Figure 5:
# Left A function surface ... Middle A classical plot ...", "...; right image plot of ..."), or a capital
# after a bracket, quote or digit ("Left plotres(a) Right plotres(b)": a capital there is no word of
# running text). The place must be followed by the panel's own words: a capitalised word (its sentence
# begins), code ("plotres("), or a panel word ("right image plot"); "Left untreated, ...", "Right after
# ...", "Left to right", "Left and right" are prose. A colon label ("Left: ...") counts among them.
_OPEN_FOLLOW = (r"(?=:\s|\s+(?:[A-Z]|[a-z_][\w.]*\(|(?:panels?|plots?|images?|graphs?|charts?|figures?|maps?)\b))")
_POSITION_OPEN = re.compile(
    r"(?:(?:^|(?<=[.;:]\s))(?i:(left|right|middle|top|bottom))"
    r"|(?<=[)\]\"'\u201d0-9]\s)(Left|Right|Middle|Top|Bottom))" + _OPEN_FOLLOW + r"(?:\s*:)?\s*")
_OPEN_ORDER = (("left", "right"), ("left", "middle", "right"), ("top", "bottom"), ("top", "middle", "bottom"))


def _positions_opening(caption: str) -> SubCaptions | None:
    """Sub-captions of a caption whose places open their panels' words without the colon the other
    rules need (`_POSITION_OPEN`: "Left A surface ... Middle A line plot ... Right In a partial-dependence
    plot ...", "Left: x; right image plot of y"). Taken only when the places form one row or column
    (left / right, left / middle / right, top / bottom, top / middle / bottom), each once, in reading
    order, and the caption holds no other place word (`_stray_place`): a stray "the left arm" or
    "bottom right" may name a part of a panel, and then whose words are whose is not sure. Each
    panel's words run from its place to the next; the words before the first place are the lead."""
    found = []
    for m in _POSITION_OPEN.finditer(caption):
        found.append((m.start(), m.end(), (m.group(1) or m.group(2)).lower()))
    names = tuple(f[2] for f in found)
    if names not in _OPEN_ORDER or _other_place(caption, found):
        return None
    texts = {}
    for i, (start, end, name) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else len(caption)
        texts[name] = caption[end:stop].strip(" ;,")
    order = next(k for k in _ARRANGEMENTS if set(k) == set(names))
    return SubCaptions(lead=caption[:found[0][0]].strip(), letters=list(order), texts={k: texts[k] for k in order})


# "from left to right" / "top to bottom" opening a list of the panels: before a colon, a comma or a closing
# bracket ("From left to right: X, Y and Z.", "Photographs, from left to right, at X, Y and Z.", "(left to
# right) X, Y and Z"); a phrase closing its list ("X, Y and Z, from top to bottom"), or one that runs on in
# prose ("the gradient runs from left to right and ..."), is not taken
_LISTED = re.compile(r"(\(\s*)?\b(?:from\s+)?(left\s+to\s+right|top\s+to\s+bottom)\b(?(1)\s*\)\s*:?|\s*[:,])\s*",
                     re.IGNORECASE)
# words that open prose after the phrase, not a list of panels ("..., from left to right, as the arrows show")
_NOT_A_LIST = re.compile(r"(?:and|but|or|while|whereas|which|where|as|so|then|respectively|is|are|was|were)\b",
                         re.IGNORECASE)
_LIST_WORDS = 16  # an item longer than this is a sentence of its own, not one panel's name in a list


def _top_level_split(text: str, sep: re.Pattern) -> list[str]:
    """`text` split at the matches of `sep` that stand outside brackets."""
    parts, depth, last = [], 0, 0
    cuts = []
    for i, ch in enumerate(text):
        depth += ch in "([{"
        depth -= ch in ")]}" and depth > 0
        if depth == 0:
            m = sep.match(text, i)
            if m and m.end() > i:
                cuts.append((i, m.end()))
    for a, b in cuts:
        if a >= last:
            parts.append(text[last:a])
            last = b
    parts.append(text[last:])
    return parts


# one parameter set to a value: "c = 25", "α = 2.5", "σ=0.5 mm", "k_1 = 3", "dose = 2 MED" (a symbol or short word,
# an equals sign, a number with at most a short unit)
_ASSIGNMENT = re.compile(r"^[^\W\d_][^\W_]{0,4}(?:_\{?\w{1,3}\}?)?\s*(?:=|:=|\u2248|\u2243)\s*[-+\u2212]?(?:\d+(?:[.,]\d+)?|[.,]\d+)"
                         r"(?:\s*(?:%|\u00b0|[^\W\d_]{1,3}))?$")


def _values_only(item: str) -> bool:
    """Whether one item of a "from left to right" list is only parameter values ("c = 25", "α = 2, β = 2.5",
    after a lead such as "the couple of values:"), not a name of what its panel shows.

    Why such a list names no panel: the items say how the panels differ (one setting of a sweep each), not what
    any of them shows; a row "c = 25." (or "Lead. α = 2, β = 2.") describes its crop to no reader who has not the
    neighbours beside it, while the whole figure with its whole caption keeps the comparison the values make.
    A list of things shown ("day 1, day 5 and day 9", "clinical photograph, dermoscopy and histology") still
    names its panels."""
    body = _top_level_split(item, re.compile(r"\s*:\s*"))[-1].strip(" .;,()")
    parts = [q.strip(" ()") for q in _top_level_split(body, re.compile(r"\s*,\s*|\s+and\s+", re.IGNORECASE))]
    return bool(parts) and all(_ASSIGNMENT.match(q) for q in parts)


def _positions_listed(caption: str) -> SubCaptions | None:
    """Sub-captions of a caption that lists its panels in reading order after "from left to right" or
    "from top to bottom" (`_LISTED`): "From left to right: the plaque, its dermoscopy and the biopsy." ->
    left, middle, right. Taken only when the phrase is the caption's one place phrase and no other
    place word stands anywhere (`_stray_place`: a "left cheek" may name a part of a panel), it opens
    its list (a colon, a comma or a bracket after it; prose words such as "as", "with", "and" after it
    name no list), and the list runs to its sentence's end as two or three items (`left` / `right`,
    `left` / `middle` / `right`; top, middle, bottom likewise), parted by commas or semicolons outside
    brackets and a last "and" (an earlier item holding an "and" of its own: whose words are whose is not
    sure), each a short phrase (`_LIST_WORDS`). Four items or more name no layout the places here can
    name: None, and the figure stays whole; so do items that are all parameter values ("c = 25 and
    c = 45": `_values_only`). Each place's words are its item, the sentences after the
    list every panel's; the caption before the phrase is the lead."""
    found = list(_LISTED.finditer(caption))
    if len(found) != 1:
        return None
    m = found[0]
    axis = ("left", "right") if m.group(2).lower().startswith("left") else ("top", "bottom")
    stop = caption.find(". ", m.end())
    stop = len(caption) if stop < 0 else stop + 1
    body = caption[m.end():stop].strip()
    tail = caption[stop:].strip()
    if _other_place(caption, [(m.start(), m.end())]) or not body or _NOT_A_LIST.match(body):
        return None
    body = re.sub(r",?\s+respectively\.?$", "", body).rstrip(" .;,")
    semi = re.compile(r"\s*;\s+")
    parts = _top_level_split(body, semi)
    if len(parts) == 1:
        parts = _top_level_split(body, re.compile(r"\s*,\s+"))
    last = re.sub(r"^(?:and)\s+", "", parts[-1], flags=re.IGNORECASE)
    if last != parts[-1]:
        parts[-1] = last  # "X, Y, and Z"
    else:
        ends = _top_level_split(parts[-1], re.compile(r"\s+and\s+", re.IGNORECASE))
        if len(ends) > 2:
            return None
        parts[-1:] = ends
    if len(parts) not in (2, 3):
        return None
    if any(not p.strip() or len(p.split()) > _LIST_WORDS for p in parts):
        return None
    if any(_top_level_split(p, re.compile(r"\s+and\s+", re.IGNORECASE))[1:] for p in parts[:-1]):
        return None  # "blood and serum, urine and saliva": the items' bounds are not sure
    if all(_values_only(p) for p in parts):
        return None  # "From left to right: c = 25 and c = 45.": settings of a sweep, no panel named
    names = [axis[0], "middle", axis[1]] if len(parts) == 3 else list(axis)
    texts = {}
    for name, p in zip(names, parts):
        own = p.strip(" ,;")
        own = own if own.endswith((".", "!", "?")) else own + "."
        texts[name] = f"{own} {tail}".strip()
    lead = caption[:m.start()].strip().rstrip(",(").strip()
    return SubCaptions(lead=lead, letters=names, texts=texts)


def split_positions(caption: str | None) -> SubCaptions | None:
    """Sub-captions of an unlettered figure whose caption names its panels by position (`_split_positions`),
    in English or, with the place words rewritten into English (`place_words.to_english`), in Spanish,
    Portuguese, French or German ("TeXShop (à gauche) et Texmaker (à droite)", "Izquierda: ... Derecha:
    ..."); the sub-captions keep the caption's own words (`place_words.from_english`). The English reading
    is tried first, and the rewrite only where it names nothing; its refusals hold in every language."""
    caption = _WS.sub(" ", caption or "").strip()
    found = _split_positions(caption)
    if found is not None:
        return found
    rewritten = to_english(caption)
    found = _split_positions(rewritten[0]) if rewritten is not None else None
    if found is None:
        return None
    back = rewritten[1]
    return SubCaptions(lead=from_english(found.lead, back), letters=found.letters,
                       texts={k: from_english(v, back) for k, v in found.texts.items()})


def _split_positions(caption: str) -> SubCaptions | None:
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
        return (_positions_inside(caption) or _positions_paired(caption) or _positions_opening(caption)
                or _positions_listed(caption))
    texts = {}
    for i, (start, end, name) in enumerate(found):
        stop = found[i + 1][0] if i + 1 < len(found) else len(caption)
        texts[name] = caption[end:stop].strip(" ;,")
    return SubCaptions(lead=caption[:found[0][0]].strip(), letters=list(order), texts={k: texts[k] for k in order})


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
