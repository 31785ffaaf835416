"""Engine shortcuts give the answers of the code they replace: the frequent-word set, the compiled word tests,
the business-name gate and the catalogue-order pass that reads only its head segments."""

from __future__ import annotations

import pytest

from derm1m_build.tagger import Tagger
from derm1m_build.tagger.core import BUSINESS_ANY, CORRECTION_WORDS, PRESENT_WORDS, any_in
from tagger_helpers import small_ontology


@pytest.fixture(scope="module")
def tagger():
    return Tagger(small_ontology())


def test_unknown_words_are_those_outside_the_whole_word_list(tagger):
    fz = tagger.fuzzy
    assert fz.hot <= fz.known and len(fz.hot) > 10_000
    words = {"the", "of", "psoriasis", "soriasis", "melanomia", "xq", "12", "exzema", "dermatology", "b12",
             "carcinomia", "skin", "naevus", "qzxwvyjkpb"}
    want = [w for w in words - fz.known if len(w) >= 3 and w.isalpha()]
    assert sorted(fz.unknown_words(words)) == sorted(want) == fz.unknown(words)
    assert set(want) == {"soriasis", "melanomia", "exzema", "carcinomia", "qzxwvyjkpb"}


@pytest.mark.parametrize("words", [PRESENT_WORDS, CORRECTION_WORDS, ("a'b", 'q"x'), ()])
def test_compiled_word_tests_answer_as_any(words):
    test = any_in(words)
    for s in ("", "he presented with", "no wait it is", "in fact", "today", "nothing here", "a'b", 'q"x',
              "but", "no this is it", "review"):
        assert test(s) == any(w in s for w in words), (words, s)


@pytest.mark.parametrize("text,expected", [
    ("Psoriasis Labs Inc. announced its quarterly results.", []),  # a business: dropped
    ("psoriasis labs were normal", ["psoriasis"]),  # lower case: no business, the gate skips the regex
    ("Psoriasis on the elbows, Acme Bar staff", ["psoriasis"]),  # a capital, but no business after it
    ("Melanoma Studios and psoriasis", ["psoriasis"]),  # the business regex runs where a name has a capital
])
def test_business_gate(tagger, text, expected):
    assert bool(BUSINESS_ANY.search(text)) == ("Inc" in text or "Bar" in text or "Studios" in text)
    assert [m.id for m in tagger.tag(text).conditions] == expected


@pytest.mark.parametrize("text,expected", [
    ("Carcinoma, basal cell", ["bcc"]),
    ("Dermatitis, contact, allergic; seen in 2019, and then (again) Dermatitis, contact", ["acd", "contact-dermatitis"]),
    ("one, two, three (four) nevus, five", ["nevus"]),
])
def test_catalogue_order_reads_every_head_segment(tagger, text, expected):
    assert sorted({m.id for m in tagger.tag(text).conditions}) == sorted(expected)
