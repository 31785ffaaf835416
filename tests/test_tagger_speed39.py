"""Round 39 speed: each helper that replaces a slower form with the same answer, checked against the form it replaces
(written out here as the code before round 39) on new strings and on every pair of a sample of the ontology's nodes,
and the exact answers of a few pairs. A helper that answered differently fails its comparison."""

from __future__ import annotations

import random

import pytest

from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import labels
from derm1m_build.tagger.labels import _holds_name, _names, refines


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


def _holds_before(na, nb) -> bool:
    """`refines`' name test before round 39."""
    return any(y in x and x != y and " non" + y not in x for x in na for y in nb)


def _refines_before(ontology, a: str, b: str) -> bool:
    """`refines` before round 39, uncached."""
    if a == b:
        return False
    if b in ontology.path_ids(a)[:-1]:
        return True
    na, nb = _names(ontology, a), _names(ontology, b)
    return set(ontology.path_ids(a)[:2]) ^ set(ontology.path_ids(b)[:2]) != {"benign", "malignant"} \
        and any(y in x and x != y and " non" + y not in x for x in na for y in nb)


# --- _holds_name ----------------------------------------------------------------------------------------------------

NAME_PAIRS = [
    ((" lichen planus ", " oral lichen planus "), (" lichen planus ",)),            # held by the second: True
    ((" lichen planus ",), (" lichen planus ",)),                                   # the same name only: False
    ((" non melanoma skin cancer ",), (" melanoma ",)),                              # held after "non": False
    ((" non melanoma skin cancer ", " skin melanoma "), (" melanoma ",)),            # the second holds it: True
    ((" wart ",), (" plantar wart ",)),                                             # the longer one is b's: False
    ((), (" wart ",)), ((" wart ",), ()), ((), ()),                                  # no names: False
    ((" acne ", " keloid "), (" acne keloid ",)),                                   # found only across the joint
    ((" acne\0 keloid ",), (" keloid ",)),                                          # a NUL inside a name
    ((" tinea pedis ", " athlete s foot "), (" tinea ", " athlete s foot ")),       # "tinea" is held: True
]


@pytest.mark.parametrize("na, nb", NAME_PAIRS)
def test_holds_name_answers_as_the_form_it_replaces(na, nb):
    assert _holds_name(na, nb) is _holds_before(na, nb)


def test_holds_name_exact_answers():
    assert [_holds_name(na, nb) for na, nb in NAME_PAIRS] == [True, False, False, True, False, False, False, False,
                                                              False, True, True]


def test_holds_name_on_random_names():
    rng = random.Random(39)
    words = ["a", "ab", "b", "non", "nona", "x", "\0", " "]

    def name() -> str:
        return " " + " ".join(rng.choice(words) for _ in range(rng.randrange(0, 4))) + " "

    for _ in range(20_000):
        na = tuple(name() for _ in range(rng.randrange(0, 4)))
        nb = tuple(name() for _ in range(rng.randrange(0, 4)))
        assert _holds_name(na, nb) is _holds_before(na, nb), (na, nb)


# --- refines --------------------------------------------------------------------------------------------------------

def test_refines_exact_answers(onto):
    pairs = [("melanoma-in-situ", "melanoma"), ("melanoma", "melanoma-in-situ"), ("tinea-corporis", "dermatophytosis"),
             ("dermatophytosis", "tinea-corporis"), ("spitz-nevus", "melanoma"),
             ("basal-cell-carcinoma", "squamous-cell-carcinoma"), ("melanoma", "melanoma")]
    labels._REFINES.clear()
    assert [refines(onto, a, b) for a, b in pairs] == [True, False, True, False, False, False, False]


def test_refines_answers_as_before_on_node_pairs(onto):
    # every ordered pair of 150 nodes drawn at random (seeded), and each node with its ancestors and its name's kin
    rng = random.Random(391)
    ids = sorted(onto.conditions)
    sample = rng.sample(ids, 150)
    pairs = [(a, b) for a in sample for b in sample]
    pairs += [(a, b) for a in rng.sample(ids, 300) for b in onto.path_ids(a)]
    labels._REFINES.clear()
    got = [refines(onto, a, b) for a, b in pairs]
    assert got == [_refines_before(onto, a, b) for a, b in pairs]
    assert any(got) and not all(got)  # (both answers occur)
