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
