"""Fuzzy pass: typos and split words are found, English words and real terms are left alone."""

from __future__ import annotations

import pytest

from derm1m_build.tagger import Tagger
from tagger_helpers import small_ontology


@pytest.fixture(scope="module")
def tagger():
    return Tagger(small_ontology())


def tags(tagger, text):
    r = tagger.tag(text)
    return [(m.id, text[m.span[0]:m.span[1]], m.score) for m in r.conditions + r.concepts]


@pytest.mark.parametrize("text,expected", [
    ("soriasis on the knees", [("psoriasis", "soriasis", 94.1)]),
    ("a melanomia", [("melanoma", "melanomia", 94.1)]),
    ("exzema in a child", [("eczema", "exzema", 83.3)]),
    ("sebboreic keratosis", [("sk", "sebboreic keratosis", 84.2)]),
    ("dermato fibroma of the leg", [("dermatofibroma", "dermato fibroma", 96.6)]),
    ("basal cell carcinomia", [("bcc", "basal cell carcinomia", 94.7)]),
    ("psoraisis", [("psoriasis", "psoraisis", 88.9)]),
])
def test_typos_are_found(tagger, text, expected):
    assert tags(tagger, text) == expected


@pytest.mark.parametrize("text", [
    "the plague of a module that matches",  # English words near "plaque", "nodule", "patches"
    "onycholysis of the nail",  # a real term two edits from "onychomycosis": not a typo of it
    "maceration between the toes",
    "melanocytes in the basal layer",
    "Melanie and Dermot",
])
def test_words_that_are_not_typos(tagger, text):
    assert tags(tagger, text) == []


def test_typo_keeps_negation(tagger):
    m = tagger.tag("no evidence of melanomia").conditions[0]
    assert (m.id, m.negated, m.score) == ("melanoma", True, 94.1)


def test_fuzzy_can_be_turned_off_or_tightened():
    assert Tagger(small_ontology(), fuzzy=False).tag("soriasis").conditions == []
    assert Tagger(small_ontology(), fuzzy_threshold=95).tag("soriasis").conditions == []
    assert [m.id for m in Tagger(small_ontology(), fuzzy_threshold=90).tag("soriasis").conditions] == ["psoriasis"]


def test_length_window_gives_the_whole_vocabulary_answer():
    """`correct` searches only the name words long or short enough to reach the cutoff: on every kind of
    typo of every word of the full ontology's names it returns what a search of the whole vocabulary does
    (the same word, the same score, ties broken the same way)."""
    import random

    from rapidfuzz import fuzz, process

    from derm1m_build.ontology import load_ontology
    from derm1m_build.tagger.fuzzy import cutoff

    fz = Tagger(load_ontology()).fuzzy
    rng = random.Random(3)
    words = []
    for w in fz.vocab:
        i = rng.randrange(1, len(w) - 1)
        words += [w[:i] + w[i + 1:], w[:i] + "x" + w[i:], w[:i] + w[i + 1] + w[i] + w[i + 2:], w + "es", w[:-2]]
    words += ["".join(rng.choice("abcdeilmnoprstu") for _ in range(rng.randrange(5, 16))) for _ in range(500)]
    checked = found = 0
    for w in words:
        if len(w) < 5:
            continue
        best = process.extractOne(w, fz.vocab, scorer=fuzz.ratio, score_cutoff=cutoff(len(w)))
        want = (best[0], round(float(best[1]), 1)) if best else None
        clip = fz.clipped(w)  # round 19: a clipped word reads as the word it clips, before the closest spelling
        assert fz.correct(w) == (clip[:2] if clip else want), w
        checked += 1
        found += want is not None
    assert checked > 5000 and found > 3000


def test_letter_shortlist_finds_what_the_whole_vocabulary_finds():
    """The shared-letter shortlist drops only words that cannot reach the cut-off: corrections of edited
    ontology words (and of unrelated words) are those extractOne finds over every candidate."""
    import random

    from rapidfuzz import fuzz, process

    from derm1m_build.ontology import load_ontology
    from derm1m_build.tagger.fuzzy import cutoff

    fz = Tagger(load_ontology()).fuzzy
    rng = random.Random(3)
    words = rng.sample(fz.vocab, 150)
    probes = []
    for w in words:
        i = rng.randrange(1, len(w) - 1)
        probes += [w, w[:i] + w[i + 1:], w[:i] + rng.choice("aeiouxz") + w[i:], w[:i] + w[i + 1] + w[i] + w[i + 2:],
                   w[::-1], "".join(rng.sample(w, len(w)))]
    probes += ["qzxwvyjkpb", "nevvvvus", "caf\u00e9ine", "derm\u00e4titis"]
    found = 0
    for p in probes:
        floor = cutoff(len(p))
        full = process.extractOne(p, fz._candidates(len(p), floor), scorer=fuzz.ratio, score_cutoff=floor)
        want = (full[0], round(float(full[1]), 1)) if full and len(p) >= 5 else None
        clip = fz.clipped(p)  # round 19: a clipped word reads as the word it clips, before the closest spelling
        assert fz.correct(p) == (clip[:2] if clip else want), p
        found += want is not None
    assert found > 300
