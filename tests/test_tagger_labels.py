"""Derm1M's label columns and template captions from asserted matches."""

from __future__ import annotations

import pytest

from derm1m_build.tagger import Tagger, labels_for
from tagger_helpers import small_ontology


@pytest.fixture(scope="module")
def onto():
    return small_ontology()


@pytest.fixture(scope="module")
def tagger(onto):
    return Tagger(onto)


def test_most_specific_asserted_condition(tagger, onto):
    res = tagger.tag("Eczema of the hands; patch tests confirmed allergic contact dermatitis. Erythematous papules.")
    assert labels_for(res, onto) == {
        "disease_label": "allergic contact dermatitis",
        "hierarchical_disease_label": "inflammatory, non-infectious, eczema, contact dermatitis, "
                                      "allergic contact dermatitis",
        "skin_concept": "Erythema, Papule",
        "ontology_caption": "This is a skin photo diagnosed as inflammatory, non-infectious, eczema, "
                            "contact dermatitis, allergic contact dermatitis.",
        "concept_caption": "This skin photo shows Erythema, Papule.",
    }


def test_same_depth_first_mentioned_wins(tagger, onto):
    assert labels_for(tagger.tag("dermatofibroma and melanoma"), onto)["disease_label"] == "dermatofibroma"
    assert labels_for(tagger.tag("melanoma and dermatofibroma"), onto)["disease_label"] == "melanoma"


def test_negated_and_guessed_do_not_label(tagger, onto):
    # a negation, a differential and a question give no label (a physician's hedge does: see
    # test_tagger_families.py)
    for text in ("No melanoma; differential includes psoriasis; no scale", "No melanoma. Psoriasis? No scale."):
        res = tagger.tag(text)
        assert labels_for(res, onto) == {"disease_label": "", "hierarchical_disease_label": "", "skin_concept": "",
                                         "ontology_caption": "", "concept_caption": "No visual concepts"}, text


def test_empty_text(tagger, onto):
    assert labels_for(tagger.tag(""), onto)["concept_caption"] == "No visual concepts"
