"""Round 44 speed: cheaper gates for rounds 42-43's checks, each checked against the form it replaces (written out here
as the code before round 44) on new texts and on seeded random texts, and the exact results of a few new sentences.

- the rounds 40-43 gates after `_result` read `gw` (the text's gate words) where they read all of its words;
- `general_subject` is skipped for an ASCII text whose only words of `GENERIC_PREDICATE_WORDS` are ones the pattern reads
  after "is" / "are" and that holds neither (`core.GENERIC_AFTER_COPULA`);
- `reviewer_instruction` is skipped for an ASCII text without "as" or "be" (`guides.INSTRUCTION` needs one);
- `guides._clause_start` with its six finds written out;
- `status_frames` reads the negation flag before `UNLIKELY_FOR`; `_spoken_no` looks for a broken-off word only in a text
  with a "-".
"""

from __future__ import annotations

import random
import re

import pytest

from derm1m_build.tagger import labels_for
from derm1m_build.tagger import core as tagger_core
from derm1m_build.tagger import guides
from derm1m_build.tagger.core import (GENERIC_AFTER_COPULA, GENERIC_FREE_WORDS, SPOKEN_NO_BROKEN)
from derm1m_build.tagger.guides import GENERIC_PREDICATE, GENERIC_PREDICATE_WORDS, INSTRUCTION, general_subject
from derm1m_build.tagger.normalise import normalise_text
from derm1m_build.tagger.results import Match, TagResult
from tagger_helpers import shared_tagger


@pytest.fixture(scope="module")
def onto():
    return shared_tagger()[1]


@pytest.fixture(scope="module")
def tagger():
    return shared_tagger()[0]


def _words(text: str) -> set[str]:
    """The text's words as `Tagger._prepare` reads them (no squeezing changes the set)."""
    return set(normalise_text(text).replace("|", " ").split())


def _conds(tagger, text):
    return [(m.id, m.span, m.negated, m.uncertain, m.historical) for m in tagger.tag(text).conditions]


# --- the late gates read `gw` ---------------------------------------------------------------------------------------

LATE_SETS = ("CARE_IMPERATIVE_WORDS", "CORRECTED_TO_WORDS", "DRUG_LABEL_WORDS", "ENDOSCOPY_WORDS", "EXPECTED_WORDS",
             "FEATURES_HEADING_WORDS", "FRAME34_WORDS", "GENERIC_PREDICATE_WORDS", "INSTRUCTION_WORDS",
             "LOOKS_SIMILAR_WORDS", "NOT_THE_CAUSE_WORDS", "ORGAN_ABSCESS_WORDS", "PAST_AGE_WORDS", "POPULATION_WORDS",
             "PRESENT_NOW_WORDS", "QUANTIFIED_WORDS", "RESEARCH_WORDS", "SPECIFIC_WORDS", "SUGGESTED_WORDS",
             "GROUND_PLACE_WORDS", "GROUND_PERSON_WORDS", "GENERIC_FREE_WORDS")

NEW_TEXTS = [
    "Any infected eczema on the shins of this farmer should be swabbed before we treat with flucloxacillin.",
    "Renal abscess after pyelonephritis; the kidney scan also showed a cyst, and no skin lesion was seen.",
    "Cellulitis typically follows a break in the skin; this man's leg is hot, red and swollen to the knee.",
    "The A431 carcinoma cell line and the SK-MEL-2 cells were grown in a hospital laboratory, not from a patient.",
    "Psoriasis flared two years ago and settled; now a new ringworm patch has appeared on her forearm.",
    "The optometrist suggested melanoma; on my review the brown macule looks like a solar lentigo instead.",
]


def test_every_late_set_is_a_gate_set(tagger):
    for name in LATE_SETS:
        words = getattr(tagger_core, name)
        assert words <= tagger._gate_words, name


def test_a_late_gate_answers_the_same_on_gw_as_on_all_words(tagger):
    rng = random.Random(44)
    pool = sorted(set().union(*(getattr(tagger_core, n) for n in LATE_SETS)))
    filler = "the a of in on with and for to patient skin rash lesion was were is are this that it".split()
    samples = [_words(t) for t in NEW_TEXTS]
    samples += [set(rng.sample(pool, rng.randint(0, 4)) + rng.sample(filler, rng.randint(0, 10))) for _ in range(5000)]
    for words in samples:
        gw = tagger._gate_words.intersection(words)
        for name in LATE_SETS:
            s = getattr(tagger_core, name)
            assert s.isdisjoint(gw) == s.isdisjoint(words), (name, sorted(words))


# --- general_subject's copula gate ----------------------------------------------------------------------------------

def test_copula_words_lie_in_the_predicate_words_and_split_them():
    assert GENERIC_AFTER_COPULA <= GENERIC_PREDICATE_WORDS
    assert GENERIC_FREE_WORDS == GENERIC_PREDICATE_WORDS - GENERIC_AFTER_COPULA
    assert {"can", "may", "usually", "presents", "follows", "favours", "accounts", "occurs"} <= GENERIC_FREE_WORDS
    assert not {"is", "are"} & GENERIC_PREDICATE_WORDS


def _old_gate(text: str, words: set[str]) -> bool:
    """`_finish`'s gate before round 44 (the text has conditions)."""
    return not GENERIC_PREDICATE_WORDS.isdisjoint(words)


def _new_gate(text: str, words: set[str]) -> bool:
    return _old_gate(text, words) and ("is" in words or "are" in words or not GENERIC_FREE_WORDS.isdisjoint(words)
                                       or not text.isascii())


NAMES = ("psoriasis", "eczema", "impetigo", "melanoma", "acne", "rosacea", "scabies", "vitiligo")
# every word the pattern spells out, its copula-only words and a few that hold "is" / "are" inside them
_PATTERN_WORDS = sorted(set(re.findall(r"[a-z]{2,}", GENERIC_PREDICATE.pattern)) | GENERIC_AFTER_COPULA
                        | {"categorised", "categorized", "favours", "favors", "tumours", "well-known", "this", "island",
                           "aren't", "area", "crisis", "hair", "square", "axis", "be", "also", "chronic", "skin"})


def _random_text(rng: random.Random, allowed: list[str]) -> tuple[str, list[tuple[int, int]]]:
    parts, spans, pos = [], [], 0
    for k in range(rng.randint(3, 14)):
        if rng.random() < 0.3:
            w = rng.choice(NAMES)
        else:
            w = rng.choice(allowed)
        if k == 0:
            w = w.capitalize()
        sep = "" if k == 0 else rng.choice((" ", " ", " ", ", ", " (", ") ", "; ", ". ", " - "))
        pos += len(sep)
        if w.lower() in NAMES:
            spans.append((pos, pos + len(w)))
        parts.append(sep + w)
        pos += len(w)
    return "".join(parts), spans


def _run(text: str, spans: list[tuple[int, int]]):
    res = TagResult()
    res.conditions = [Match(text[a:b].lower(), text[a:b].lower(), [], [a, b]) for a, b in spans]
    general_subject(text, res)
    return [(m.negated, m.uncertain, m.hedged, m.historical) for m in res.conditions]


def test_general_subject_changes_nothing_where_the_copula_gate_closes():
    rng = random.Random(4401)
    closed = [w for w in _PATTERN_WORDS if w not in GENERIC_FREE_WORDS and w not in ("is", "are")]
    unchanged = [(False, False, False, False)]
    tried = 0
    for _ in range(20000):
        text, spans = _random_text(rng, closed)
        words = _words(text)
        if not spans or not _old_gate(text, words) or _new_gate(text, words):
            continue
        tried += 1
        assert _run(text, spans) == unchanged * len(spans), text
    assert tried > 5000


def test_the_random_texts_reach_the_pattern_once_a_copula_is_there():
    # the same generator with "is" / "are" allowed: some texts are read as general statements (so the test above
    # would see a change if the gate closed where the pattern can match)
    rng = random.Random(4402)
    words_ = [w for w in _PATTERN_WORDS if w not in GENERIC_FREE_WORDS] + ["is", "are", "is", "are"]
    changed = sum(_run(*tr) != [(False, False, False, False)] * len(tr[1])
                  for tr in (_random_text(rng, words_) for _ in range(20000)) if tr[1])
    # (round 56: "causes" reads without a copula now, "Leprosy still causes ...", so it left the generator's words
    # and 3 texts of these 20,000 reach the pattern)
    assert changed >= 3


def test_general_subject_on_new_sentences(tagger, onto):
    # a copula-only word without "is": the gate closes, the case stays asserted and the label
    text = "Impetigo treated with topical fusidic acid cleared within a week on the chin of this boy."
    assert _conds(tagger, text) == [("impetigo", [0, 8], False, False, False)]
    assert labels_for(tagger.tag(text), onto)["disease_label"] == "impetigo"
    # with "is" it is a general statement (uncertain, no label); a free word ("usually begins") needs no copula
    assert _conds(tagger, "Impetigo is treated with topical fusidic acid; crusted plaques on a child's chin.") == [
        ("impetigo", [0, 8], False, True, False)]
    assert _conds(tagger, "Impetigo usually begins around the nose and mouth in young children.") == [
        ("impetigo", [0, 8], False, True, False)]


# --- reviewer_instruction's "as" / "be" gate ------------------------------------------------------------------------

_INSTRUCTION_WORDS = sorted(set(re.findall(r"[a-z]{2,}", INSTRUCTION.pattern)) | guides.INSTRUCTION_WORDS
                            | {"has", "was", "been", "bed", "maybe", "base", "alas", "beside", "ask"})


def test_instruction_needs_as_or_be():
    rng = random.Random(4403)
    closed = [w for w in _INSTRUCTION_WORDS if w not in ("as", "be")]
    n = 0
    for _ in range(20000):
        text, _spans = _random_text(rng, closed)
        words = _words(text)
        if "as" in words or "be" in words:
            continue
        n += 1
        assert INSTRUCTION.search(text) is None, text
    assert n > 10000
    # with them allowed the generator does reach the pattern
    rng = random.Random(4404)
    reached = sum(INSTRUCTION.search(_random_text(rng, _INSTRUCTION_WORDS + ["as", "be"] * 4)[0]) is not None
                  for _ in range(20000))
    assert reached > 5


def test_reviewer_instruction_on_new_sentences(tagger):
    assert _conds(tagger, "Scabies should be coded as absent for this visit; the itchy papules are eczema.") == [
        ("scabies", [0, 7], False, True, False), ("pruritus", [54, 59], False, True, False),
        ("eczema", [72, 78], False, True, False)]
    assert _conds(tagger, "Scabies should be recorded under the old code for this visit; the itchy papules are eczema."
                  ) == [("scabies", [0, 7], False, True, False), ("pruritus", [66, 71], False, True, False),
                        ("eczema", [84, 90], False, True, False)]
    # neither "as" nor "be": no instruction, the case's names stand
    assert _conds(tagger, "Code scabies in the problem list for this visit; the itchy papules are eczema.") == [
        ("scabies", [5, 12], False, False, False), ("pruritus", [53, 58], False, False, False),
        ("eczema", [71, 77], False, False, False)]


# --- _clause_start --------------------------------------------------------------------------------------------------

def _clause_start_before(text: str, a: int) -> int:
    """`guides._clause_start` before round 44."""
    return max(max(text.rfind(c, 0, a) for c in ".!?\n:;") + 1, 0)


def test_clause_start_as_before():
    rng = random.Random(4405)
    alphabet = "ab .!?\n:;(,"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        for a in range(len(text) + 1):
            assert guides._clause_start(text, a) == _clause_start_before(text, a), (text, a)


# --- status_frames' UNLIKELY_FOR and _spoken_no's hyphen ------------------------------------------------------------

def test_unlikely_for_on_new_sentences(tagger):
    # a negated name after "unlikely for his": the frame takes the negation back
    assert _conds(tagger, "A nummular plaque on her shin, probably tinea, though the GP said it was unlikely for her "
                          "to have psoriasis.") == [("dermatophytosis", [40, 45], False, True, False),
                                                    ("psoriasis", [98, 107], True, False, False)]
    assert _conds(tagger, "Nodular prurigo in this man, scabies unlikely for his age, no scabies burrows seen.") == [
        ("prurigo-nodularis", [0, 15], False, False, False), ("scabies", [29, 36], True, False, False)]


def test_broken_off_word_needs_a_hyphen(tagger):
    rng = random.Random(4406)
    alphabet = "abno ,-"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        if "-" not in text:
            assert SPOKEN_NO_BROKEN.search(text) is None, text
    assert _conds(tagger, "so that's a kerato- no, sorry, a keratoacanthoma on the lip") == [
        ("keratoacanthoma", [33, 48], False, False, False)]
    assert _conds(tagger, "that's a kerato no sorry a keratoacanthoma on the lip, psoriasis, no, eczema") == [
        ("keratoacanthoma", [27, 42], False, False, False), ("psoriasis", [55, 64], True, False, False),
        ("eczema", [70, 76], False, False, False)]


# --- general_subject's window look before the clause ----------------------------------------------------------------

def _lead_words_before(text: str, a: int) -> int:
    """The number of words `general_subject` reads between the clause start and `a` (its lead test, round 43)."""
    start = _clause_start_before(text, a)
    return len(text[start:a].replace("(", " ").split())


def test_long_lead_only_where_the_clause_holds_three_words():
    rng = random.Random(4407)
    alphabet = ["ab", "c", " ", " ", "  ", "(", ",", "\t", "xyzzy"] * 8 + [".", "\n", ";", ":", "!", "?"]
    long_seen = 0
    for _ in range(4000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(20, 90)))
        for a in range(len(text) + 1):
            if guides._long_lead(text, a):
                long_seen += 1
                assert _lead_words_before(text, a) > 2, (text, a)
    assert long_seen > 1000
