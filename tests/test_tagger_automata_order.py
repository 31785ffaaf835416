"""The automata's keys are sorted by `automata._walk_string` (a translated string, for build speed): it must give
exactly `_walk_order`'s order (the order fixes each trie node's child order, so the walk's cost)."""

import random

from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import automata
from derm1m_build.tagger.lexicon import build_lexicon


def test_walk_string_orders_the_name_keys_as_walk_order():
    keys = [" " + k for k in build_lexicon(load_ontology())]
    assert len(keys) > 30_000
    assert sorted(keys, key=automata._walk_string) == sorted(keys, key=automata._walk_order)


def test_walk_string_orders_odd_keys_as_walk_order():
    rng = random.Random(1)
    keys = {"", " ", "  ", " a", "a", " ab", "ab ", " z9", " é", "\u00ff", "-a", " -", " Ab", " a b"}
    keys |= {"".join(rng.choice(" abcxyz09-é'A") for _ in range(rng.randint(0, 7))) for _ in range(5000)}
    keys = sorted(keys)
    assert sorted(keys, key=automata._walk_string) == sorted(keys, key=automata._walk_order)
    # leading space then a digit (the first-letter table) and a letter after it (the letter table)
    assert automata._walk_string(" t") < automata._walk_string(" a") < automata._walk_string(" 0")
    assert automata._walk_string(" ae") < automata._walk_string(" at")


def test_too_high_a_character_falls_back_to_walk_order():
    assert automata._walk_string(" a\U0010fff0") is None
    am = automata.build([(" b", 1), (" a\U0010fff0", 2), (" a", 3)])
    assert dict(am.items()) == {" b": 1, " a\U0010fff0": 2, " a": 3}


def test_build_holds_every_key_and_finds_leftmost_longest():
    am = automata.build([(" contact dermatitis", 1), (" allergic contact dermatitis", 2), (" dermatitis", 3)])
    got = [(end, v) for end, v in am.iter_long(" allergic contact dermatitis and dermatitis")]
    assert got == [(27, 2), (42, 3)]
