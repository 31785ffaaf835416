"""Context: negation and uncertainty scopes, abbreviations that need support."""

from __future__ import annotations

import pytest

from derm1m_build.tagger import Tagger
from tagger_helpers import small_ontology


@pytest.fixture(scope="module")
def tagger():
    return Tagger(small_ontology())


def flags(tagger, text):
    """id -> 'asserted' / 'negated' / 'uncertain' (both flags: 'negated+uncertain')."""
    r = tagger.tag(text)
    out = {}
    for m in r.conditions + r.concepts:
        out[m.id] = "+".join([f for f, v in (("negated", m.negated), ("uncertain", m.uncertain)) if v]) or "asserted"
    return out


@pytest.mark.parametrize("text,expected", [
    ("No evidence of melanoma.", {"melanoma": "negated"}),
    ("Negative for melanoma and basal cell carcinoma.", {"melanoma": "negated", "bcc": "negated"}),
    ("Melanoma was ruled out.", {"melanoma": "negated"}),
    ("melanoma ruled out, seborrheic keratosis on the back", {"melanoma": "negated", "sk": "asserted"}),
    ("Final diagnosis: dermatofibroma, ruled out melanoma", {"dermatofibroma": "asserted", "melanoma": "negated"}),
    ("Papules without scale", {"papule": "asserted", "scale": "negated"}),
    ("This is not psoriasis but eczema.", {"psoriasis": "negated", "eczema": "asserted"}),
    ("Not psoriasis. Eczema.", {"psoriasis": "negated", "eczema": "asserted"}),
    ("no melanoma, basal cell carcinoma or seborrheic keratosis",
     {"melanoma": "negated", "bcc": "negated", "sk": "negated"}),
    ("no itching for years and then psoriasis appeared", {"psoriasis": "asserted"}),
    # a pre-trigger stops at a locative phrase: the thing the absent finding would be in is there
    ("no bleeding in this nodule", {"nodule": "asserted"}),
    ("no melanoma in this nodule", {"melanoma": "negated", "nodule": "asserted"}),
    ("papules without scale on the plaque", {"papule": "asserted", "scale": "negated", "plaque": "asserted"}),
    ("no scale in the psoriasis plaques", {"scale": "negated", "psoriasis": "asserted", "plaque": "asserted"}),
    # ... but not a post-trigger's: the finding before "of the" is the one ruled out
    ("melanoma of the back was ruled out", {"melanoma": "negated"}),
    ("Differential includes psoriasis, eczema and tinea pedis.",
     {"psoriasis": "uncertain", "eczema": "uncertain", "tinea-pedis": "uncertain"}),
    ("ddx: psoriasis vs atopic dermatitis", {"psoriasis": "uncertain", "atopic-dermatitis": "uncertain"}),
    ("r/o melanoma", {"melanoma": "uncertain"}),
    ("Possible melanoma on the back.", {"melanoma": "uncertain"}),
    ("Melanoma cannot be excluded.", {"melanoma": "uncertain"}),
    ("Is this psoriasis?", {"psoriasis": "uncertain"}),
    ("I have psoriasis, what shampoo do you use for the flakes?", {"psoriasis": "asserted"}),
    ("a psoriasis-like eruption", {"psoriasis": "uncertain"}),
    ("Gram negative bacteria; psoriasis", {"psoriasis": "asserted"}),
    ("not only psoriasis but also eczema", {"psoriasis": "asserted", "eczema": "asserted"}),
    ("diagnosis: melanoma (not a nevus)", {"melanoma": "asserted", "nevus": "negated"}),
    ("non-melanoma skin cancer, dermatofibroma", {"melanoma": "negated", "dermatofibroma": "asserted"}),
    ("erythematous: no; papules: yes", {"erythema": "negated", "papule": "asserted"}),
    ("No psoriasis. But definitely eczema", {"psoriasis": "negated", "eczema": "asserted"}),
    ("I don't have eczema", {"eczema": "negated"}),
])
def test_scopes(tagger, text, expected):
    assert flags(tagger, text) == expected


def test_repeated_mention_asserted_wins(tagger):
    r = tagger.tag("Not melanoma? The biopsy showed melanoma.")
    assert [(m.id, m.negated, m.uncertain, m.span) for m in r.conditions] == [("melanoma", False, False, [32, 40])]


@pytest.mark.parametrize("text,expected", [
    ("Atopic dermatitis (AD) in a child.", ["atopic-dermatitis"]),  # defined, once per node
    ("AD flares on the skin of the elbows", ["atopic-dermatitis"]),  # skin context
    ("BCC on the back", ["bcc"]),  # body site is context
    ("Multiple SKs and a BCC, biopsy taken", ["sk", "bcc"]),  # plural abbreviation
    ("The museum opened in AD 1990.", []),  # no support
    ("Skin biopsies from AD 1990 onwards", []),  # an era, not a disease
    ("ad hoc skin analysis", []),  # case matters
    ("SKIN ADVANCED", []),  # inside a word
    ("An ACD patch test series on skin", ["acd"]),
])
def test_abbreviations_need_support(tagger, text, expected):
    assert [m.id for m in tagger.tag(text).conditions] == expected


def test_abbreviation_span_and_flags(tagger):
    r = tagger.tag("Skin lesion: no BCC.")
    assert [(m.id, m.span, m.negated) for m in r.conditions] == [("bcc", [16, 19], True)]
