"""Finding names: the exact automaton and the fuzzy pass over what it leaves, abbreviations that their
context supports, and names that are a business's. Mixed into `Tagger`."""

from __future__ import annotations

import bisect
import re
from itertools import accumulate, compress
from operator import add, itemgetter

from derm1m_build.tagger.context import abbreviation_supported
from derm1m_build.tagger.cues import BUSINESS
from derm1m_build.tagger.lexicon import CUE_CHARS, OTHER_SENSE_CUES, Target, cued_reading, other_sense
from derm1m_build.tagger.normalise import collapse_spaces, syllable_chains, unshift

EMAIL_HEADER = re.compile(r"(?m)(?:^|[;\n]\s*)(cc|bcc|to|from|subject|re|sent|date)\s*:")
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+\.[A-Za-z]{2,}")
HEADER_FIELD = re.compile(r"\s*:")
HEADER_PROSE = re.compile(r"\s+(?:includes?|including|of|significant|notable|remarkable|unremarkable|nil|is|was|shows?|positive|negative|lists?|reveals?|otherwise|x[0-9])\b|\s*[-\u2013\u2014]\s", re.IGNORECASE)
# the UTF-8 text's bytes other than ASCII letters and digits read as spaces: its words are then the runs of
# ASCII letters and digits. An abbreviation candidate (an automaton key, ASCII letters and digits, with no
# letter or digit on either side) is always one of them, so a text whose words hold no key has none.
ALNUM_RUNS = bytes.maketrans(bytes(b for b in range(256) if not (b < 128 and chr(b).isalnum())),
                             b" " * sum(1 for b in range(256) if not (b < 128 and chr(b).isalnum())))
# round 7: clinic-note headers that are also a condition's abbreviation ("PMH: HS, T2DM" is past medical
# history, not progressive macular hypomelanosis)
CLINIC_HEADERS = frozenset(("PMH", "PSH", "FH", "SH", "DH", "HPC", "PC", "ROS"))
# round 46: a general-medicine problem list's abbreviations ("a history of poorly controlled DM and HTN"): an
# abbreviation listed with one of these reads in that list's sense ("DM" is diabetes mellitus there, not
# dermatomyositis) unless the text names a skin finding or a second dermatology abbreviation
MEDICAL_LIST_ABBR = frozenset(("HTN", "HLD", "CAD", "CHF", "COPD", "CKD", "GERD", "GORD", "OSA", "AF", "AFib", "MI",
                               "CVA", "TIA", "BPH", "PVD", "ESRD", "IHD", "NIDDM", "IDDM", "T2DM", "T1DM", "DM2",
                               "DMII", "HF", "PAD", "DVT", "CABG", "NSTEMI", "STEMI"))
MEDICAL_LIST_WORDS = frozenset(a.lower() for a in MEDICAL_LIST_ABBR)  # (the normalised text's words: a pre-check)
MEDICAL_LIST_NEXT = re.compile(r"[ ]*(?:,|/|;|&|and|with|\+)[ ]*(?:poorly[ ]+controlled[ ]+|uncontrolled[ ]+|"
                               r"controlled[ ]+)?([A-Za-z0-9]+)")
MEDICAL_LIST_PREV = re.compile(r"([A-Za-z0-9]+)[ ]*(?:,|/|;|&|and|with|\+)[ ]*(?:poorly[ ]+controlled[ ]+|"
                               r"uncontrolled[ ]+|controlled[ ]+)?$")


# round 50: an abbreviation followed by a reading is the name of that measurement, not a condition: "BP 80/60",
# "his BP was 140/90", "BP of 150/95 mmHg", "PR 88/min", "BP: 110/70" are a blood pressure and a pulse rate (exam
# vignettes and notes write the vital signs so), never bullous pemphigoid or pityriasis rosea. A reading is a ratio of
# two numbers of two or three digits, or a number with a vital sign's unit; the verbs and prepositions that may stand
# between are the few a reading takes. A name is never written with a reading after it ("BP, 2 cm bullae" has no
# ratio, "BCC 2/3 excised" has no three-digit pair), so the check is safe beside a dermatology text.
READING_AFTER = re.compile(r"[ ]*(?:[:=\-][ ]*|(?:was|is|of|at|were|reading|readings|measured|recorded)[ ]+){0,3}"
                           r"(?:\d{2,3}[ ]*/[ ]*\d{2,3}\b|\d{2,3}(?:\.\d)?[ ]*(?:mm[ ]*hg|bpm|/[ ]*min|beats|per[ ]+min))",
                           re.IGNORECASE)
# the gate: a reading holds a digit, so only an abbreviation with a digit in the next `READING_REACH` characters is
# read with the regex (derived from the pattern: at most three 8-character joining words and a colon before it)
READING_REACH = 36


# round 51: an abbreviation followed by "test" / "skin test" / "testing" names that test ("PPD skin test", "the PPD test
# was read at 48 hours"); no condition's abbreviation is written so (a test for a disease is "patch test", "KOH")
TEST_AFTER = re.compile(r"[ ]+(?:skin[ ]+)?(?:tests?|testing)(?![a-z])", re.IGNORECASE)


# round 53: "BP well controlled", "DM poorly controlled": the control of blood pressure or of diabetes mellitus, as a
# general-medicine note or an exam vignette writes it beside the skin ("ECG normal, BP 130/80, DM well controlled; skin:
# an SK on the back", "Elderly man, BP well controlled, new tense bullae ...: BP suspected"); no bullous pemphigoid or
# dermatomyositis is said to be controlled so in the tuning sets. Only the two abbreviations whose general sense is a
# measurement or a chronic systemic disease; a skin disease's own control ("HS well controlled on adalimumab") stays.
CONTROLLED_ABBR = frozenset(("DM", "BP"))
CONTROLLED_AFTER = re.compile(r"[ ]+(?:(?:is|was|are|remains|now|still)[ ]+)?(?:(?:well|poorly|badly|fairly|reasonably|"
                              r"adequately|not|un)[ -]?)?controlled(?![a-z])", re.IGNORECASE)


def controlled_after(text: str, s: int, e: int) -> bool:
    """Round 53: whether the abbreviation at text[s:e] is one of `CONTROLLED_ABBR` followed by its control ("DM well
    controlled"): blood pressure or diabetes mellitus, no condition of the skin."""
    return text[s:e] in CONTROLLED_ABBR and CONTROLLED_AFTER.match(text, e) is not None


# round 53: an organism's abbreviation sent for its test ("swabs were sent for HSV PCR", "swab for HSV PCR and start
# aciclovir"): the test asked for, no finding (sets 23 and 38 annotate none; a result, "HSV PCR negative", is read as
# stated)
TEST_ORDERED_BEFORE = re.compile(r"(?<![a-z])for[ ]+(?:an?[ ]+|the[ ]+)?$", re.IGNORECASE)
TEST_ORDERED_AFTER = re.compile(r"[ ]+(?:PCR|serology|culture|swab)(?![a-z])(?![ ]+(?:was|were|is|came|came[ ]+back)?[ ]*"
                                r"(?:positive|negative|\+ve|-ve|confirmed|showed|grew))", re.IGNORECASE)


def test_ordered(text: str, s: int, e: int) -> bool:
    """Round 53: whether the abbreviation at text[s:e] names the organism of a test asked "for" (`TEST_ORDERED_BEFORE`,
    `TEST_ORDERED_AFTER`): no finding."""
    # (speed: the plain find first, the regexes only where "for" stands just before)
    return ("for" in text[max(0, s - 8):s] and TEST_ORDERED_BEFORE.search(text, max(0, s - 8), s) is not None
            and TEST_ORDERED_AFTER.match(text, e) is not None)


def reading_after(text: str, e: int) -> bool:
    """Round 50: whether the abbreviation ending at text[e] is followed by a measurement's reading (`READING_AFTER`):
    it then names a vital sign ("BP 80/60"), not a condition. A digit-free stretch after it skips the regex."""
    tail = text[e:e + READING_REACH]
    if not any(ch.isdigit() for ch in tail):
        return False
    return READING_AFTER.match(text, e) is not None


def in_medical_list(text: str, s: int, e: int) -> bool:
    """Round 46: whether the abbreviation at text[s:e] is listed beside a general-medicine problem abbreviation
    (`MEDICAL_LIST_ABBR`), before or after it, parted by a comma, a slash, "and" or "with" only."""
    return _listed_beside(text, s, e, MEDICAL_LIST_ABBR.__contains__)


def _listed_beside(text: str, s: int, e: int, known) -> bool:
    """Whether the word listed right after or right before text[s:e] (`MEDICAL_LIST_NEXT`, `MEDICAL_LIST_PREV`) is one
    that `known` accepts."""
    m = MEDICAL_LIST_NEXT.match(text, e)
    if m is not None and known(m.group(1)):
        return True
    m = MEDICAL_LIST_PREV.search(text, max(0, s - 40), s)
    return m is not None and known(m.group(1))


# round 51: general-medicine diseases written out; an abbreviation that is itself a general-medicine problem's ("CAD",
# "MI", "PAD") listed right beside one of them reads in that sense even in a text that names a skin finding ("palmar
# xanthomas ... at increased risk of atherosclerosis and CAD" is coronary artery disease, no chronic actinic
# dermatitis); round 46's list rule needs a text with no skin finding, since its abbreviations ("DM") are skin ones too
MEDICAL_LIST_NAMES = frozenset(("atherosclerosis", "hypertension", "diabetes", "angina", "hyperlipidaemia",
                                "hyperlipidemia", "dyslipidaemia", "dyslipidemia", "obesity", "stroke", "arrhythmia",
                                "cardiomyopathy", "arteriosclerosis"))


def beside_medical_name(text: str, s: int, e: int) -> bool:
    """Round 51: whether the abbreviation at text[s:e] is listed beside a written-out general-medicine disease
    (`MEDICAL_LIST_NAMES`), before or after it, parted by a comma, a slash, "and" or "with" only."""
    return _listed_beside(text, s, e, lambda w: w.lower() in MEDICAL_LIST_NAMES)


def one_separator(c: str) -> str:
    """`CORRECTED_GAP.sub("|", c.strip(" |"))` by string replaces (no regex): each run of spaces and "|" between
    two tokens becomes one separator, a single space stays a space, any other run reads "|" (each "|" is made
    two spaces, each pair of spaces "|", a space after a "|" dropped, and "||" squeezed)."""
    base = c.strip(" |").replace("|", "  ").replace("  ", "|").replace("| ", "|")
    while "||" in base:
        base = base.replace("||", "|")
    return base


# round 43: the fillers a speaker puts inside a word they break off and finish ("psoria- uh -sis")
SPOKEN_FILLERS = frozenset(("uh", "um", "er", "erm", "ah", "uhm", "hmm"))
# round 44: a spoken false start, a word cut off by a hyphen and said again whole ("morbili- morbilliform", "mela-
# melanoma"): the cut part is no name of its own (a transcript's "morbili" is no measles)
FALSE_START = re.compile(r"-[ ]+([A-Za-z]+)")


def false_starts(text: str, res) -> None:
    """Round 44: drop a condition whose matched words end in a word cut off by a hyphen (`FALSE_START`) when the next
    word starts with that cut word's first four letters (at least four): the speaker restarted the word."""
    keep = []
    for c in res.conditions:
        m = FALSE_START.match(text, c.span[1])
        if m is not None:
            cut = text[c.span[0]:c.span[1]].rsplit(" ", 1)[-1].lower()
            if len(cut) >= 4 and m.group(1).lower().startswith(cut[:4]) and m.group(1).lower() != cut:
                continue
        keep.append(c)
    if len(keep) != len(res.conditions):
        res.conditions = keep


class MatchingPasses:
    """The matching passes of `Tagger`: exact then fuzzy names, and abbreviations."""

    @staticmethod
    def _business_candidate(text: str, hits) -> bool:
        """Whether `_not_findings` could drop a hit of an ASCII text with no "virus", ":", "=" or "acnes" word:
        there, only a condition named with a capital right before a business word (`BUSINESS`, what
        `_not_findings` reads: "Acne Studios") or one spelt "acnes" can be dropped (a label field needs ":" or
        "=", a virus the word "virus"). An anchored match after each such condition, in place of the
        text-wide business regex (~6 us)."""
        for a, b, t, _ in hits:
            if t.kind == "condition" and ((text[a:a + 1].isupper() and BUSINESS.match(text, b))
                                          or text[a:b].lower() == "acnes"):
                return True
        return False

    # ------------------------------------------------------------------------------------------------
    def _exact_and_fuzzy(self, c: str, padded: str | None = None, words: set[str] | None = None,
                         unknown: list[str] | None = None, promising: frozenset[str] | None = None
                         ) -> list[tuple[int, int, Target, float]]:
        """The exact pass's hits, and the fuzzy pass's where a word may be a typo. `unknown`: the text's
        unknown words when the caller has them; `promising`: a set holding every one of them that is
        `FuzzyMatcher.promising` (and maybe others), as `_prepare_window` reads it once per window."""
        exact = self.exact
        fz = self.fuzzy
        wanted = False
        if fz is not None:
            # the words worth a look (as `FuzzyMatcher.unknown`, unsorted: the order changes nothing)
            if unknown is None:
                unknown = fz.unknown_words(words if words is not None else set(c.replace("|", " ").split()))
            wanted = bool(unknown) and (any(fz.promising(w) for w in unknown) if promising is None
                                        else not promising.isdisjoint(unknown))
        if not wanted:
            # speed round 48: most texts (~88 % of the million benchmark's) have no word the fuzzy pass reads: their
            # hits come from one comprehension over the walk (`ExactMatcher.hits`, the same list as below)
            return exact.hits(c, padded)
        chosen = exact.scan(c, padded)
        live = exact.live
        hits = [(a, b, t, 100.0) for a, b, idx in chosen for t in live[idx]]
        return self._fuzzy(c, chosen, hits, set(unknown))

    def _fuzzy(self, c: str, chosen, hits, unknown: set[str]):
        """Correct unknown words (or join split ones), re-read the corrected text with the automaton.

        The corrected text is the squeezed text's tokens (runs of neither space nor `|`) joined by one
        separator each (a single space stays a space, any other run reads `|`), a corrected word in place of
        each replaced token (or pair of tokens). Only the unknown tokens are visited, and the token offsets
        come from one split and one running sum (C loops, no regex): most of these texts have ~50 tokens and
        one or two unknown words."""
        fz = self.fuzzy
        # `c` cut at each separator: the tokens, and "" between two separators in a row (or before / after one
        # at either end); piece p starts at pst[p] in `c`, token k is piece tok[k]
        sp = c.replace("|", " ").split(" ")
        tok = list(compress(range(len(sp)), sp))
        words = list(filter(None, sp))
        pst = list(map(add, accumulate(map(len, sp), initial=0), range(len(sp) + 1)))
        ntok = len(words)
        at = []  # indices of the unknown tokens, in text order
        for w in unknown:
            k = -1
            for _ in range(words.count(w)):  # (each occurrence found once; no ValueError raised at the end: speed 38)
                k = words.index(w, k + 1)
                at.append(k)
        at.sort()
        placed = [(a, b) for a, b, _ in chosen]
        repl: dict[int, tuple[str, float, int, bool]] = {}
        skip = -1
        for i in at:
            if i == skip:
                continue  # the second half of a word joined with the one before
            p = tok[i]
            start = pst[p]
            if any(a <= start < b for a, b in placed):
                continue
            w = words[i]
            single = fz.correct(w) or fz.by_sound(w)
            if i + 1 < ntok and tok[i + 1] == p + 1:  # one separator between the two
                j = fz.join(w, words[i + 1])
                if j and not (single and single[1] >= j[1]):
                    repl[i] = (j[0], j[1], 2, True)
                    skip = i + 1
                    continue
            # round 43: a spoken name split by a filler ("psoria- uh -sis", "vit- um -iligo"): the halves around
            # the filler joined, the filler dropped with them
            if i + 2 < ntok and words[i + 1] in SPOKEN_FILLERS and tok[i + 1] == p + 1 and tok[i + 2] == p + 2:
                j = fz.join(w, words[i + 2])
                if j and not (single and single[1] >= j[1]):
                    repl[i] = (j[0], j[1], 3, True)
                    skip = i + 2
                    continue
            if i and (i - 1) not in repl and tok[i - 1] == p - 1 \
                    and not any(a <= pst[p - 1] < b for a, b in placed):
                j = fz.join(words[i - 1], w)
                if j and not (single and single[1] >= j[1]):
                    repl[i - 1] = (j[0], j[1], 2, True)
                    continue
            if i > 1 and words[i - 1] in SPOKEN_FILLERS and (i - 2) not in repl and tok[i - 1] == p - 1 \
                    and tok[i - 2] == p - 2 and not any(a <= pst[p - 2] < b for a, b in placed):
                j = fz.join(words[i - 2], w)  # (round 43: the filler's other side, when the second half is the unknown one)
                if j and not (single and single[1] >= j[1]):
                    repl[i - 2] = (j[0], j[1], 3, True)
                    continue
            if single:
                repl[i] = (single[0], single[1], 1, fz.close_cached(w, single[0]))
        if not repl or self._corrections_find_nothing(repl, words):
            return hits
        # the replacements read left to right (one inside an earlier pair is not reached)
        applied, nxt = [], 0
        for k in sorted(repl):
            if k >= nxt:
                applied.append(k)
                nxt = k + repl[k][2]
        base = one_separator(c)  # the tokens with one separator each
        bst = list(accumulate(map(len, words), initial=0))  # token k spans base[bst[k] + k: bst[k + 1] + k]
        pieces, cwords, corig, pos, prev = [], [], [], 0, 0
        for k in applied:
            word, width = repl[k][0], repl[k][2]
            pieces += (base[pos:bst[k] + k], word)
            pos = bst[k + width] + k + width - 1
            cwords += words[prev:k]
            cwords.append(word)
            corig += range(prev, k + 1)
            prev = k + width
        cwords += words[prev:]
        corig += range(prev, ntok)
        corrected = "".join(pieces) + base[pos:]
        # corrected token m spans corrected[cs[m]: cs[m + 1] - 1] (one separator after each)
        cs = list(map(add, accumulate(map(len, cwords), initial=0), range(len(cwords) + 1)))
        done = set(applied)
        # only a name holding a corrected word is new; the others were read by the exact pass already
        fixed = [(cs[m], cs[m + 1] - 1) for m, k in enumerate(corig) if k in done]
        new = []
        for a, b, idx in self.exact.scan(corrected):
            if not any(a <= x and y <= b for x, y in fixed):
                continue
            entry = self.exact.entries[idx]
            # the corrected tokens inside [a, b): score (None: spelled right), close enough, place in `c`
            covered = []
            for m in range(bisect.bisect_left(cs, a, 0, len(corig)), len(corig)):
                if cs[m + 1] - 1 > b:
                    break
                k = corig[m]
                if k in done:
                    _w, score, width, close = repl[k]
                    covered.append((score, close, pst[tok[k]], pst[tok[k + width - 1]] + len(words[k + width - 1])))
                else:
                    covered.append((None, True, pst[tok[k]], pst[tok[k]] + len(words[k])))
            scores = [t[0] for t in covered if t[0] is not None]
            if not scores or entry.blocks:
                continue
            if len(scores) == len(covered) and not all(t[1] for t in covered):
                continue  # a name made of corrected words only: each must be a near-exact spelling
            span = (covered[0][2], covered[-1][3])
            new.append((span, min(scores), entry))
        for (s, e), score, entry in new:
            if any(h[0] < e and s < h[1] and not (s <= h[0] and h[1] <= e) for h in hits):
                continue  # overlaps an exact match it does not contain
            hits = [h for h in hits if not (s <= h[0] and h[1] <= e)]
            hits += [(s, e, t, score) for t in entry.targets]
        return hits

    def _syllables(self, text: str, n: str, hits):
        """Round 52: the hits of `text` with each hyphen-joined chain of spoken syllables read as the word it says
        (`normalise.syllable_chains`, `FuzzyMatcher.syllables`: "sorry-asis" psoriasis, "mel-a-noma in sit-oo"
        melanoma in situ). The chains are written over `n` as their words (padded with spaces, so every offset
        stays), the new text is read by the exact automaton, and a name that holds a rewritten chain is added as
        `_fuzzy` adds a corrected name: over the hits it contains, not over one it only overlaps. A chain holding a
        hit or a false friend the exact pass read is a compound of known words ("wart-like", "pyo-derma", "Port-wine
        stains on my blouse") and left to it. `hits` and the result
        are in `text`'s offsets; a text with no chain that says a name word is returned as it came."""
        fz = self.fuzzy
        if fz is None or len(n) != len(text):
            return hits
        spans = []
        said = fz.syllables
        for a, b, joined in syllable_chains(text):
            got = said(joined)  # (mostly None: a compound of English words, remembered per chain)
            if got is None or len(got[0]) > b - a or any(h[0] < b and a < h[1] for h in hits):
                continue  # (a chain holding a name the exact pass reads is a compound's word: "wart-like")
            spans.append((a, b, got[0], got[1]))
        if not spans:
            return hits
        # a chain inside a false friend the exact pass read ("Port-wine stains on my blouse") is that phrase's word
        c, shifts = collapse_spaces(n)
        for a, b, _ in self.exact.scan(c):
            if shifts:
                a, b = unshift(a, shifts), unshift(b - 1, shifts) + 1
            spans = [sp for sp in spans if not (sp[0] < b and a < sp[1])]
        if not spans:
            return hits
        pieces, pos = [], 0
        for a, b, word, _ in spans:
            pieces += (n[pos:a], word.ljust(b - a))
            pos = b
        rewritten = "".join(pieces) + n[pos:]
        c, shifts = collapse_spaces(rewritten)
        for a, b, t, _ in self.exact.hits(c, " " + c.replace("|", " ")):
            if shifts:
                a, b = unshift(a, shifts), unshift(b - 1, shifts) + 1
            inside = [sp for sp in spans if a <= sp[0] and sp[0] + len(sp[2]) <= b]
            if not inside:
                continue
            e = max(b, max(sp[1] for sp in inside))  # (a name ending in a chain's word ends where the chain ends)
            if any(h[0] < e and a < h[1] and not (a <= h[0] and h[1] <= e) for h in hits):
                continue  # overlaps a match it does not contain
            hits = [h for h in hits if not (a <= h[0] and h[1] <= e)] + [(a, e, t, min(sp[3] for sp in inside))]
        return hits

    def _corrections_find_nothing(self, repl: dict[int, tuple[str, float, int, bool]], words: list[str]) -> bool:
        """Whether `_fuzzy`'s re-read of the corrected text can add nothing, known without building and scanning
        it: every correction is one word replaced by a name word too far from it to stand alone (`close`), no
        two of them side by side, and no longer name holds the name word beside the text's word next to it. A
        new name must hold a corrected word; made of corrected words only it is one such word (they are not
        side by side) and is dropped (not close); with another word, that word is the text's neighbour of
        one corrected word and the two stand side by side in the name, which this rules out."""
        left, right = self._name_left, self._name_right
        empty = frozenset()
        last = len(words) - 1
        for k, (word, _score, width, close) in repl.items():
            if width != 1 or close or k - 1 in repl or k + 1 in repl:
                return False
            if (k and words[k - 1] in left.get(word, empty)) or (k < last and words[k + 1] in right.get(word, empty)):
                return False
        return True

    def _abbreviation_candidates(self, text: str, hits, n: str | None = None, words: set[str] | None = None) -> list:
        """Abbreviations not overlapping a finding or an earlier abbreviation. Linear: the findings are
        merged into disjoint sorted spans once and each candidate is one binary search; candidates come in
        end order, so an earlier abbreviation can only overlap through the last one kept. `n` and `words`
        (the normalised text and its words, as `tag` has them) let most texts skip the automaton sooner; `words` is
        read only for the abbreviation keys among them (`_abbr_lower_keys`), so any set holding those of the text's
        words will do (`_finish` passes its gate words, which hold every key: one set intersection per text, not two)."""
        upper = self.__dict__.get("_abbrevs_cased")
        if upper is None:  # every abbreviation holds a capital: a text with none (speech) has no candidate
            upper = self._abbrevs_cased = all(any(ch.isupper() for ch in a) for a in self.abbrevs)
        if upper and text.islower():
            return []
        keys = self._abbr_keys
        size = len(text)
        cands = []
        if keys is not None and words is not None and text.isascii() and n.isprintable():
            # an ASCII text whose normalised form is printable: its words are its runs of letters and digits,
            # lower-cased, so a candidate's lower-case form is one of them and the candidate is in the text
            present = [k for low in self._abbr_lower_keys.intersection(words) for k in self._abbr_lower[low]
                       if k in text]
            if not present:
                return []  # most texts
            # round 35: only these keys can be candidates, so each is found with `str.find` in place of the
            # automaton's walk over the whole text (every key is ASCII letters and digits: of two keys ending at
            # one place the shorter has a letter or digit before it, so at most one candidate ends at each
            # place, and sorting by the end gives the walk's order)
            values = self._abbr_values
            for k in present:
                length, abbr = values[k]
                s = text.find(k)
                while s >= 0:
                    e = s + length
                    if not ((s and text[s - 1].isalnum()) or (e < size and text[e].isalnum())):
                        cands.append((s, e, abbr))
                    s = text.find(k, s + 1)
            if len(present) > 1:
                cands.sort(key=itemgetter(1))
        elif keys is not None and keys.isdisjoint(
                text.encode("utf-8", "surrogatepass").translate(ALNUM_RUNS).split()):
            return []  # most texts: no key is a run of ASCII letters and digits, so none is a candidate
        else:
            for end, (length, abbr) in self.abbr_automaton.iter(text):
                s, e = end - length + 1, end + 1
                if (s and text[s - 1].isalnum()) or (e < size and text[e].isalnum()):
                    continue
                cands.append((s, e, abbr))
        if not cands:
            return cands  # most texts: no abbreviation on word boundaries, the findings need no merging
        found = []
        spans: list[list[int]] = []
        for a, b in sorted((h[0], h[1]) for h in hits):
            if spans and a < spans[-1][1]:
                spans[-1][1] = max(spans[-1][1], b)
            else:
                spans.append([a, b])
        starts = [a for a, _ in spans]
        for s, e, abbr in cands:
            i = bisect.bisect_left(starts, e) - 1
            if (i >= 0 and spans[i][1] > s) or (found and found[-1][1] > s):
                continue
            found.append((s, e, self.abbrevs[abbr]))
        return found

    def _abbreviations(self, text: str, n: str, hits, words: set[str] | None = None):
        found = self._abbreviation_candidates(text, hits, n, words)
        if not found:
            return hits
        if ":" in text and (("@" in text and EMAIL_ADDRESS.search(text))
                            or len(set(EMAIL_HEADER.findall(text.lower()))) >= 2):
            # "Cc: ...; BCC: ..." in an e-mail header is a recipient field, not a carcinoma
            found = [f for f in found if not HEADER_FIELD.match(text, f[1])]
            if not found:
                return hits
        # "PMH: HS (Hurley II)": a clinic note's header, not the condition it also abbreviates; round 24: the
        # header in prose too ("PMH includes a melanoma removed in 2011", "FH of psoriasis", "PMH significant for")
        found = [f for f in found if not (text[f[0]:f[1]] in CLINIC_HEADERS and (
            HEADER_FIELD.match(text, f[1]) or HEADER_PROSE.match(text, f[1])))]
        found = [f for f in found if not self._defined_otherwise(text, f[0], f[1], f[2])]
        # round 50: "BP 80/60", "BP was 140/90": a vital sign's reading names the measurement
        found = [f for f in found if not reading_after(text, f[1])]
        # round 53: "DM well controlled", "BP well controlled": diabetes and blood pressure; "swabs were sent for HSV
        # PCR": the test asked for
        found = [f for f in found if not controlled_after(text, f[0], f[1]) and not test_ordered(text, f[0], f[1])]
        # round 51: "PPD skin test", "a PPD test": the abbreviation names the test (purified protein derivative), no
        # pigmented purpuric dermatosis
        found = [f for f in found if not TEST_AFTER.match(text, f[1])]
        if not found:
            return hits
        named = {h[2].nid for h in hits}
        words = n.replace("|", " ").split()
        # a text of a few words only is a label ("SCC/SCCIS", "final dx: DN"): its abbreviations stand alone
        # two different dermatology abbreviations support each other ("KA and SCC", "HS and AD")
        weak = self._not_support
        firm = any(not h[2].needs_context and h[2].nid not in weak for h in hits) or len({f[2] for f in found}) >= 2
        derm = firm or not self.derm_words.isdisjoint(words) or len(words) <= 3
        medical = not firm and not MEDICAL_LIST_WORDS.isdisjoint(words)
        for s, e, ids in found:
            defined = [i for i in ids if i in named]
            if medical and not defined and in_medical_list(text, s, e):
                continue  # round 46: "a history of DM and HTN": a general-medicine problem list
            if not defined and text[s:e] in MEDICAL_LIST_ABBR and beside_medical_name(text, s, e):
                continue  # round 51: "at risk of atherosclerosis and CAD": the heart's, beside a skin finding too
            if not defined and text[s:e] in OTHER_SENSE_CUES and other_sense(
                    text[s:e], n[max(0, s - CUE_CHARS):e + CUE_CHARS].replace("|", " ").split()):
                continue  # round 56: "AD ... on donepezil", "PV ... JAK2 positive": another specialty's reading
            cued = None
            if len(ids) > 1 and not defined:
                # round 26: a word near it that only one reading brings ("PG at the stoma site")
                cued = cued_reading(text[s:e], ids, n[max(0, s - CUE_CHARS):e + CUE_CHARS].replace("|", " ").split())
                if cued is None:
                    continue  # "AD" for two conditions and neither written out: cannot tell which
            nid = defined[0] if defined else cued or ids[0]
            if abbreviation_supported(text, s, e, derm or text[s:e] in self._self_evident, bool(defined)):
                hits.append((s, e, self._abbreviation_target(nid), 100.0))
        return hits

    def _abbreviation_target(self, nid: str) -> Target:
        """`Target(kind, nid, 0)` for an abbreviation's node, one shared object per node (speed round 58: a frozen
        dataclass costs ~2 us to build, and the tagger builds one for ~1 caption in 7; a `Target` is never changed, and
        equal targets compare and hash alike, so sharing one changes no result)."""
        got = self.__dict__.get("_abbr_targets")
        if got is None:
            got = self._abbr_targets = {}
        t = got.get(nid)
        if t is None:
            t = got[nid] = Target("condition" if nid in self.ontology.conditions else "concept", nid, 0)
        return t
