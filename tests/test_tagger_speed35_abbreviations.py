"""Round 35 speed: an ASCII text's abbreviation candidates are found with `str.find` over the keys its word
pre-check found, in place of the abbreviation automaton's walk over the whole text. The candidates must be the
walk's, in the walk's order: checked against the walk itself on new texts (keys inside words, plurals, keys
that end at one place, repeats, a key at the text's edges), and the exact rows of a few."""

from __future__ import annotations

import pytest

from tagger_helpers import shared_tagger


@pytest.fixture(scope="module")
def tagger():
    return shared_tagger()[0]


def _walk(tagger, text: str, hits=()) -> list:
    """The candidates as the automaton's walk finds them (the code before round 35)."""
    size, cands = len(text), []
    for end, (length, abbr) in tagger.abbr_automaton.iter(text):
        s, e = end - length + 1, end + 1
        if (s and text[s - 1].isalnum()) or (e < size and text[e].isalnum()):
            continue
        cands.append((s, e, abbr))
    spans = sorted((h[0], h[1]) for h in hits)
    found = []
    for s, e, abbr in cands:
        if any(a < e and s < b for a, b in spans) or (found and found[-1][1] > s):
            continue
        found.append((s, e, tagger.abbrevs[abbr]))
    return found


def _candidates(tagger, text: str, hits=()) -> list:
    n, _c, _shifts, _padded, words, _hits = tagger._prepare(text)
    return tagger._abbreviation_candidates(text, list(hits), n, words)


TEXTS = [
    "Shave biopsy: SCC, with two SCCs nearby and an AK; prior BCC.",
    "Known SCLE and DFSP (DFSPs), r/o SK vs SKs",
    "MISSCC is no key, nor xSCC or SCCx; SCC-like",
    "SCC",
    "BCC/SCC/AK/SK/DN/MIS, then SCC again and BCC again: BCCs",
    "AD vs ADs vs AKs; HS (Hurley II), PG at the stoma site, KA and SCC",
    "Final dx: DN. Margins clear of DN; no MIS.",
    "no abbreviation here at all",
    "fotos: SCC und BCC an der Stirn, AK daneben",
]


@pytest.mark.parametrize("text", TEXTS)
def test_candidates_are_the_walks(tagger, text):
    assert text.isascii()
    assert _candidates(tagger, text) == _walk(tagger, text)


def test_exact_rows(tagger):
    assert _candidates(tagger, TEXTS[0]) == [(14, 17, ("squamous-cell-carcinoma",)), (28, 32, ("squamous-cell-carcinoma",)),
                                             (47, 49, ("actinic-keratosis",)), (57, 60, ("basal-cell-carcinoma",))]
    assert _candidates(tagger, TEXTS[1]) == [(6, 10, ("scle",)), (15, 19, ("dfsp",)), (21, 26, ("dfsp",)),
                                             (33, 35, ("seborrheic-keratosis",)), (39, 42, ("seborrheic-keratosis",))]
    # keys inside words and before a letter are no candidates; the last one, before "-", is
    assert _candidates(tagger, TEXTS[2]) == [(36, 39, ("squamous-cell-carcinoma",))]
    assert _candidates(tagger, TEXTS[7]) == []


def test_a_finding_and_an_earlier_abbreviation_still_block(tagger):
    text = TEXTS[4]
    hits = [(4, 7, None, 100.0)]  # over the first "SCC"
    got = _candidates(tagger, text, hits)
    assert got == _walk(tagger, text, hits)
    assert (4, 7) not in [(s, e) for s, e, _ in got] and (0, 3) in [(s, e) for s, e, _ in got]


def test_a_non_ascii_text_still_walks(tagger):
    text = "Läsion: SCC und BCC"
    assert _candidates(tagger, text) == _walk(tagger, text) == [(8, 11, ("squamous-cell-carcinoma",)),
                                                                (16, 19, ("basal-cell-carcinoma",))]
