"""Speed round 55: literal gates that look only where their one leading mark stands, long literal lists walked as one
automaton, a list's words that hold another dropped (`fastmatch`); catalogue-order qualifiers with a word no lexicon
key holds build no joins, and a head's readings built only where a qualifier may join it (`qualifiers._inverted`); the
apposed class's pass asked only where a named condition is a group (`core`). For each gate, a text it lets through and
one it stops, with exact answers and the tagger's exact output."""

from __future__ import annotations

import re

import pytest

from derm1m_build.tagger import core, fastmatch
from tagger_helpers import tg  # noqa: F401 (tg is a fixture)


def _rows(res) -> list[tuple]:
    return [(m.id, m.negated, m.uncertain, m.historical, tuple(m.span)) for m in res.conditions]


MODIFIERS = ("(acquired)", "(acute)", "(chronic)", "(congenital)")


@pytest.mark.parametrize("text, expected", [
    ("urticaria (chronic) of the arms", True),                  # a mark, and a word there
    ("((acute) urticaria", True),                               # the first mark opens no word, the second does
    ("chronic urticaria (arms), acute flares", False),           # marks, none opening a word
    ("urticaria, chronic", False),                              # no mark
    ("urticaria (chronic", False),                              # the word cut short at the end
])
def test_words_led_by_one_mark_are_looked_for_where_it_stands(text, expected):
    test = fastmatch.any_in(MODIFIERS)
    assert test.func is fastmatch._led_by and test.args == ("(", MODIFIERS)
    assert test(text) is expected
    assert any(w in text for w in MODIFIERS) is expected


def test_words_not_all_led_by_one_mark_keep_the_plain_look():
    assert fastmatch.any_in(("(acute)", "acute")).func is fastmatch._in_any  # ("(acute)" holds "acute": dropped)
    assert fastmatch.any_in(("(acute)", "[chronic]")).func is fastmatch._in_any
    assert fastmatch.any_in(("alpha", "apple")).func is fastmatch._in_any  # (a letter is no rare mark)


@pytest.mark.parametrize("words, kept", [
    (("lesion", "lesions", "rash"), ("lesion", "rash")),
    (("PMH", "PMHx", "Past medical history", "Past "), ("PMH", "Past ")),
    (("now", "now", "new"), ("now", "new")),                      # a repeat once
    (("wait", "sorry"), ("wait", "sorry")),
    (("", "a"), ("", "a")),                                      # ("" is in every text: left as it came)
])
def test_a_word_holding_another_is_dropped(words, kept):
    assert fastmatch._minimal(words) == kept
    for s in ("a lesions list", "PMHx: none", "Past medical history", "new", "x"):
        assert fastmatch.any_in(words)(s) is any(w in s for w in words)


BUSINESS_LIKE = re.compile(r"(?:" + "|".join(f"{w} (?:Ltd|Inc)" for w in (
    "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Juliet", "Kilo", "Lima", "Mike",
    "November")) + r")")


@pytest.mark.parametrize("text, expected", [
    ("Referred by Golf Ltd \u2013 rash on the arm", True),
    ("Referred by golf ltd \u2013 rash on the arm", False),    # (the pattern's case)
    ("Referred by the clinic \u2013 rash on the arm", False),
])
def test_a_long_literal_list_is_one_automaton_walk(text, expected):
    gate = fastmatch.may_match(BUSINESS_LIKE)
    assert gate.func is fastmatch._walk_finds  # (14 literals: more than `AUTOMATON_WORDS`)
    assert gate(text) is expected
    if not expected:
        assert BUSINESS_LIKE.search(text) is None


def test_a_folded_gate_lower_cases_then_asks_the_same_test():
    pattern = re.compile(r"(?:alpha|bravo) rash", re.IGNORECASE)
    gate = fastmatch.may_match(pattern)
    assert gate.func is fastmatch._in_any_folded
    assert gate("ALPHA RASH") is True and gate("a rash") is False and gate("\u00e9 rash") is True  # (non-ASCII: may)


def _spy_heads(monkeypatch, tagger) -> list:
    seen = []
    real = type(tagger)._heads

    def spy(self, *a):
        seen.append(a[2:4])
        return real(self, *a)

    monkeypatch.setattr(type(tagger), "_heads", spy)
    return seen


@pytest.mark.parametrize("text, rows, heads", [
    # qualifiers whose words the keys hold: the head's readings are built once, the names joined
    ("Carcinoma, basal cell, nodular type (left cheek).", [("nodular-bcc", False, False, False, (0, 36))], 3),
    ("Nevus, dysplastic", [("dysplastic-nevus", False, False, False, (0, 17))], 1),
    # a qualifier with a word no key holds ("we"): no readings built, nothing joined
    ("Psoriasis, we think, is likely here.", [("psoriasis", False, True, False, (0, 9))], 0),
])
def test_catalogue_order_joins_only_qualifiers_of_key_words(tg, monkeypatch, text, rows, heads):  # noqa: F811
    tagger, _ = tg
    seen = _spy_heads(monkeypatch, tagger)
    assert _rows(tagger.tag(text)) == rows
    assert len(seen) == heads


def test_a_qualifier_word_no_key_holds_joins_to_no_key(tg):  # noqa: F811
    tagger, _ = tg
    words = tagger._key_words()
    assert "we" not in words and {"basal", "cell", "nodular", "dysplastic"} <= words
    lex = tagger.lexicon
    text = "Psoriasis, we think, is likely here."
    heads = tagger._heads(text, core.normalise_text(text), 0, 9, "Psoriasis")
    assert heads == [("psoriasis", 1)]
    assert not any(x in lex for h, _ in heads for x in (f"we think {h}", f"{h} we think", f"we think{h}"))


@pytest.mark.parametrize("text, rows, called", [
    # a group (the fungal infection) set off before its member: the pass drops it
    ("She had a fungal infection, tinea incognito, after steroid use.",
     [("tinea-incognito", False, False, False, (28, 43))], 1),
    # three leaves: no group to drop, the pass is not asked
    ("Vitiligo, melasma and a keloid on the chest.", [("vitiligo", False, False, False, (0, 8)),
                                                      ("melasma", False, False, False, (10, 17)),
                                                      ("keloid", False, False, False, (24, 30))], 0),
])
def test_apposed_class_asked_only_with_a_group_named(tg, monkeypatch, text, rows, called):  # noqa: F811
    tagger, onto = tg
    calls = []
    real = core.apposed_class
    monkeypatch.setattr(core, "apposed_class", lambda *a: (calls.append(1), real(*a)))
    res = tagger.tag(text)
    assert _rows(res) == rows
    assert len(calls) == called
    if not called:  # run anyway, the pass changes nothing
        before = _rows(res)
        real(text, res, onto)
        assert _rows(res) == before
    else:  # the pass is what changes the output
        monkeypatch.setattr(core, "apposed_class", lambda *a: None)
        assert [r[0] for r in _rows(tagger.tag(text))] == ["fungal", "tinea-incognito"]
