"""Round 38's subtype values met a full name written out in the field (found when round 38's speed and rules branches
were merged): "Melanoma; subtype: lentigo maligna melanoma" read the value's first word as a bare adjective, moved the
subtype onto the head's span and dropped the written name. A value that opens a longer name is no bare adjective."""
from __future__ import annotations

import pytest

from tagger_helpers import shared_tagger


@pytest.fixture(scope="module")
def tagger():
    return shared_tagger()[0]


def _conditions(tagger, text):
    return [(m.id, m.span, m.negated, m.uncertain) for m in tagger.tag(text).conditions]


@pytest.mark.parametrize("text, rows", [
    # a whole name in the field names itself, on its own span
    ("Melanoma; subtype: lentigo maligna melanoma.", [("lentigo-maligna-melanoma", [19, 43], False, False)]),
    ("Urticaria; subtype: cold urticaria.", [("cold-urticaria", [20, 34], False, False)]),
    # a bare adjective still names the subtype on the head (round 38's rule)
    ("Melanoma; subtype: amelanotic.", [("amelanotic-melanoma", [0, 29], False, False)]),
    ("Urticaria > chronic > inducible > dermographism", [("dermographism", [34, 47], False, False)]),
])
def test_a_subtype_value_that_opens_a_written_name_names_itself(tagger, text, rows):
    assert _conditions(tagger, text) == rows


@pytest.mark.parametrize("text, rows", [
    # the culprit hedged after a stated reaction: the reaction stands (round 35's reading)
    ("The punch biopsy showed a fixed drug eruption, most likely the new antibiotic.",
     [("fixed-drug-eruption", [26, 45], False, False)]),
    ("She has urticaria, most likely the new antibiotic.", [("urticaria", [8, 17], False, False)]),
    # round 38's verdict after the name, withdrawn at this merge (it hedged "her cold sore" before "most likely
    # erythema multiforme"), back in round 40 as a hedge whose clause must close after it (`scope.POST_VERDICT`)
    ("New ulcer on the shin, PG most likely.", [("pyoderma-gangrenosum", [23, 25], False, True)]),
])
def test_a_hedge_on_the_new_culprit_is_no_hedge_on_the_reaction(tagger, text, rows):
    assert _conditions(tagger, text) == rows
