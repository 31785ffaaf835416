"""Round 38 speed: the helpers that replace a slower form with the same answer, checked against the form they
replace (written out here as the code before round 38) on new texts, and the exact rows of a few texts that go
through them. A helper that answered differently fails its comparison."""

from __future__ import annotations

import random
import re
from itertools import repeat

import pytest

from derm1m_build.tagger import context, scope
from derm1m_build.tagger.core import _drop_named_groups
from derm1m_build.tagger.qualifiers import OTHER_DELIMS_AS_SPACE, _OTHER_DELIMS
from derm1m_build.tagger.results import Match, TagResult
from tagger_helpers import shared_tagger


@pytest.fixture(scope="module")
def tagger():
    return shared_tagger()[0]


def _conditions(tagger, text):
    return [(m.id, m.span, m.negated, m.uncertain, m.historical, m.ground) for m in tagger.tag(text).conditions]


# --- record_frames' gates -------------------------------------------------------------------------------------------

DRUG_TEXTS = [
    "a rash after starting doxycycline for acne",
    "amoxicillin   for otitis, then a rash",             # a run of spaces before "for"
    "doxycycline\tfor acne",                              # a tab is no space of the gate's
    "terbinafine for",                                    # "for" at the end: no space after it
    "used for years, then methotrexate for psoriasis",    # the first " for " follows no suffix, the second does
    "therefor e", "the plan for now",  # ("plan" ends in a suffix)
    "for acne", " for acne", "", "   for ", "ol for x", "in for a penny",
    "prednisolone  for  pemphigus", "x-ine for y", "INE for acne",
]


@pytest.mark.parametrize("text", DRUG_TEXTS)
def test_drug_for_gate_answers_as_its_regex(text):
    low = text.lower()
    assert scope.drug_for_gate(low) is (scope.DRUG_FOR_GATE.search(low) is not None)


def test_drug_for_gate_exact_answers():
    assert [scope.drug_for_gate(t.lower()) for t in DRUG_TEXTS] == [
        True, True, False, False, True, False, True, False, False, False, False, True, True, True, True, True]


def test_drug_for_gate_on_random_strings():
    rng = random.Random(38)
    parts = ["ine", "ol", "an", "for", " ", "  ", "\t", "x", "cillin", "fore", "e", "."]
    for _ in range(20_000):
        s = "".join(rng.choice(parts) for _ in range(rng.randrange(0, 12)))
        assert scope.drug_for_gate(s) is (scope.DRUG_FOR_GATE.search(s) is not None), s


@pytest.mark.parametrize("text", [
    "gps commonly treat these as tinea", "trainees often label every pink papule as bcc", "people always say scabies",
    "they tend to call it eczema", "this tends  to be read as", "often", "commonly seen", "often\tcall",
    "the lesion is usually benign", "unusually call", "everyone calls it ringworm",
])
def test_mislabel_cue_is_needed_by_the_gate(text):
    """`mislabel_cued` is a necessary condition: wherever the gate matches, it holds."""
    if scope.MISLABEL_GATE.search(text):
        assert scope.mislabel_cued(text)


def test_mislabel_cue_exact_answers():
    texts = ["gps commonly treat these as tinea", "often", "often\tcall", "commonly seen", "a plaque on the shin",
             "they tends to"]
    assert [scope.mislabel_cued(t) for t in texts] == [True, False, False, True, False, True]


def test_record_frames_rows_through_the_new_gates(tagger):
    # a drug's indication is the eruption's ground; a common mislabel is set aside
    assert _conditions(tagger, "Photodermatitis after starting doxycycline for acne, now blistering on the forearms.") \
        == [("photodermatoses", [0, 15], False, False, False, False), ("acne-vulgaris", [47, 51], False, False, False, True)]
    assert _conditions(tagger, "GPs commonly treat these as tinea, but this annular plaque is granuloma annulare.") \
        == [("dermatophytosis", [28, 33], True, False, False, False),
            ("granuloma-annulare", [62, 80], False, False, False, False)]


# --- sentence ends ----------------------------------------------------------------------------------------------------

_SENTENCE_CHARS = re.compile(r"[.!?;\n]")


def _sentence_ends_before(text: str) -> list[int]:
    """`context.sentence_ends` as written before round 38."""
    out, size = [], len(text)
    for m in _SENTENCE_CHARS.finditer(text):
        p = m.start()
        ch = text[p]
        if ch == "\n":
            q = p + 1
            while q < size and text[q] in " \t\r":
                q += 1
            if q < size and text[q] == "\n":
                out.append(p)
            continue
        if p + 1 < size and not text[p + 1].isspace():
            continue
        if ch == "." and (p == 0 or text[p - 1].lower()[-1:] in context.NOT_AN_END_LAST) \
                and context.NOT_AN_END.search(text[max(0, p - 7):p].lower()):
            continue
        out.append(p)
    return out


def test_sentence_ends_exact():
    text = "Fig. 2 shows a 1.5 cm plaque, e.g. on the shin! Was it a BCC? Yes;\n \t\nsee above. vs. the rest.\n"
    assert context.sentence_ends(text) == [46, 60, 65, 66, 79, 93]


def test_sentence_ends_as_before_on_random_strings():
    rng = random.Random(7)
    alphabet = ".!?;\n \t\r\u00a0\u2028\x1c\x85aeZ1\u00e9gvs"
    for _ in range(30_000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 24)))
        assert context.sentence_ends(s) == _sentence_ends_before(s), repr(s)


# --- catalogue heads ---------------------------------------------------------------------------------------------------

def _head_segments_before(tagger, text: str) -> list:
    """`_head_segments` as written before round 38 (the start by one `rfind` per delimiter)."""
    heads_ok, abbrevs = tagger._head_words, tagger.abbrevs
    cut = text.encode("utf-8", "surrogatepass").translate(OTHER_DELIMS_AS_SPACE).decode("utf-8", "surrogatepass")
    pieces = cut.replace("(", ",").split(",")
    segs, pos = [], 0
    for k in range(len(pieces) - 1):
        piece = pieces[k]
        end = pos + len(piece)
        last = piece.rsplit(None, 1)
        if last and (last[-1].lower() in heads_ok or last[-1] in abbrevs or last[-1][:-1] in abbrevs):
            start = max(pos - 1, max(map(text.rfind, _OTHER_DELIMS, repeat(pos), repeat(end)))) + 1
            last = text[start:end].rsplit(None, 1)
            if last and (last[-1].lower() in heads_ok or last[-1] in abbrevs or last[-1][:-1] in abbrevs):
                segs.append((start, end, text[end]))
        pos = end + 1
    return segs


def test_head_segments_exact(tagger):
    assert tagger._head_segments("Carcinoma, basal cell, nodular type (left cheek).") == [
        (0, 9, ","), (10, 21, ","), (22, 36, "(")]
    # the segment starts after the last full stop before it; a head closed by a bracket is no head
    assert tagger._head_segments("Sent for excision. Nevus, dysplastic (BCC), seen.") == [(18, 24, ",")]


def test_head_segments_as_before_on_random_strings(tagger):
    rng = random.Random(11)
    parts = list(")[];.:!?\n,( \t") + ["melanoma", "BCC", "BCCs", "patients", "skin", "\u00e9", "x", "nevus", " "]
    for _ in range(20_000):
        s = "".join(rng.choice(parts) for _ in range(rng.randrange(0, 20)))
        assert tagger._head_segments(s) == _head_segments_before(tagger, s), repr(s)


# --- abbreviations read through the gate words ----------------------------------------------------------------------

def test_gate_words_hold_every_abbreviation_key(tagger):
    assert tagger._abbr_lower_keys <= tagger._gate_words


@pytest.mark.parametrize("text", [
    "Known SCC on the scalp and an AK beside it", "BCCs x2, AD since childhood", "up and down, an itchy rash",
    "Hx: HS (Hurley II); now a new lesion", "no abbreviation here at all",
])
def test_abbreviation_candidates_same_from_gate_words(tagger, text):
    n, _c, _shifts, _padded, words, hits = tagger._prepare(text)
    gw = tagger._gate_words.intersection(words)
    assert tagger._abbreviation_candidates(text, list(hits), n, gw) == \
        tagger._abbreviation_candidates(text, list(hits), n, words)


def test_abbreviation_rows(tagger):
    assert _conditions(tagger, "Known psoriasis; now a seborrheic keratosis on the back. BCC? No.") == [
        ("psoriasis", [6, 15], False, False, False, True),
        ("seborrheic-keratosis", [23, 43], False, False, False, False),
        ("basal-cell-carcinoma", [57, 60], True, False, False, False)]


# --- named groups -------------------------------------------------------------------------------------------------------

def test_drop_named_groups_rows(tagger):
    assert _conditions(tagger, "Melanoma; subtype: lentigo maligna melanoma.") == [
        ("lentigo-maligna-melanoma", [19, 43], False, False, False, False)]
    assert _conditions(tagger, "Urticaria > chronic > inducible > dermographism") == [
        ("dermographism", [34, 47], False, False, False, False)]
    # two names, neither a group of the other: both stay
    assert _conditions(tagger, "Eczema and neurodermatitis on both wrists.") == [
        ("eczema", [0, 6], False, False, False, False), ("neurodermatitis", [11, 26], False, False, False, False)]


def test_drop_named_groups_keeps_a_group_without_a_link(tagger):
    onto = tagger.ontology
    child = "lentigo-maligna-melanoma"
    group = onto.path_ids(child)[-2]
    text = "Melanoma. A lentigo maligna melanoma."
    res = TagResult(conditions=[Match(group, "g", [], [0, 8]), Match(child, "c", [], [12, 36])])
    _drop_named_groups(text, res, onto)
    assert [m.id for m in res.conditions] == [group, child]
    res = TagResult(conditions=[Match(group, "g", [], [0, 8]), Match(child, "c", [], [19, 43])])
    _drop_named_groups("Melanoma; subtype: lentigo maligna melanoma.", res, onto)
    assert [m.id for m in res.conditions] == [child]


# --- fuzzy pass -------------------------------------------------------------------------------------------------------

def test_fuzzy_finds_every_occurrence_of_a_typo(tagger):
    for text, spans in (("pt has psorasis on elbows and psorasis on knees", [(7, 15), (30, 38)]),
                        ("psorasis, psorasis and more psorasis", [(0, 8), (10, 18), (28, 36)])):
        hits = tagger._prepare(text)[5]
        assert sorted({(a, b, t.nid, sc) for a, b, t, sc in hits}) == [(a, b, "psoriasis", 94.1) for a, b in spans]


def test_close_cached_answers_as_close(tagger):
    fz = tagger.fuzzy
    pairs = [("psorasis", "psoriasis"), ("melnoma", "melanoma"), ("dermatology", "dermatitis"), ("sbrheic", "seborrheic")]
    assert [fz.close_cached(w, t) for w, t in pairs] == [fz.close(w, t) for w, t in pairs] == [True, True, False, True]
    assert all(fz._close_cache[p] is fz.close(*p) for p in pairs)


# --- label columns of a result that names nothing -------------------------------------------------------------------

def test_labels_of_an_empty_result_are_fresh_copies(tagger):
    from derm1m_build.schema import NO_CONCEPTS
    from derm1m_build.tagger import labels_for

    onto = tagger.ontology
    want = {"disease_label": "", "hierarchical_disease_label": "", "skin_concept": "", "ontology_caption": "",
            "concept_caption": NO_CONCEPTS}
    first = labels_for(tagger.tag("The weather was fine on Tuesday."), onto)
    assert first == want
    first["disease_label"] = "edited by a caller"
    assert labels_for(TagResult(), onto) == want  # the remembered columns are not the caller's dict
    assert labels_for(tagger.tag("A psoriasis plaque on the elbow."), onto)["disease_label"] == "psoriasis"


def test_path_ids_remembered_as_the_ontology_reads_them(tagger):
    from derm1m_build.tagger.core import _path_ids

    onto = tagger.ontology
    for nid in ("lentigo-maligna-melanoma", "psoriasis", "dermatophytosis"):
        assert _path_ids(onto, nid) == tuple(onto.path_ids(nid))
        assert _path_ids(onto, nid) is _path_ids(onto, nid)
    # a restatement by kin shares the negation (round 37), read through the remembered paths
    got = [(m.id, m.negated, m.uncertain) for m in tagger.tag("He had been told he had ringworm, tinea, but this is "
                                                               "psoriasis.").conditions]
    assert got == [("tinea-corporis", True, False), ("dermatophytosis", True, False), ("psoriasis", False, False)]
