"""Speed round 58: three gates after `_result` read `gw` (the text's gate words) in place of all of its words, one
shared `Target` per abbreviated node, and `_result` building each condition's `Match` in one call. Each gate has a text
it lets through (its pass runs and is what gives the exact output) and one it stops (the pass is never asked); the
outputs are the start's (main `2d609218`), pinned here. Every sentence is written for these tests."""

from __future__ import annotations

import inspect

import pytest

from derm1m_build.tagger import core
from derm1m_build.tagger.lexicon import Target
from tagger_helpers import tg  # noqa: F401 (a fixture: the shared tagger and its ontology)


def _rows(tagger, text):
    return [(m.id, m.span, m.negated, m.uncertain, m.historical, m.hedged, m.weak) for m in tagger.tag(text).conditions]


@pytest.fixture
def tagger(tg):  # noqa: F811
    return tg[0]


@pytest.fixture
def spy(monkeypatch):
    """`spy(name)`: the texts `core.<name>` is called with from now on (the pass still runs)."""
    def make(name):
        calls = []
        real = getattr(core, name)

        def wrapped(text, *args, **kwargs):
            calls.append(text)
            return real(text, *args, **kwargs)

        monkeypatch.setattr(core, name, wrapped)
        return calls
    return make


def test_the_three_sets_are_gate_words_and_read_on_gw(tagger):
    # (speed round 59: the gates after `_result` stand in the result passes, `core.RESULT_PASSES`)
    src = inspect.getsource(core.Tagger._finish) + "".join(inspect.getsource(p.run) for p in core.RESULT_PASSES)
    for name in ("SETASIDE_RARE", "RELATIVE_OWNERS", "REPLY_ROLE_WORDS"):
        assert getattr(core, name) <= tagger._gate_words, name
        assert f"{name}.isdisjoint(gw)" in src and f"{name}.isdisjoint(words)" not in src, name
    # the set-aside gate's two looks hold every word of its set: its common words on all of the text's words
    assert core.SETASIDE_RARE | core.SETASIDE_COMMON == core.SETASIDE_ANY and core.SETASIDE_COMMON == {"or", "more"}
    assert "SETASIDE_COMMON.isdisjoint(words)" in src


GATES = [
    # (the pass the gate stands before, a text it lets through and its conditions, a text it stops and its conditions)
    ("relative_possessive",  # "her" lets it through, and the pass makes the father's melanoma uncertain
     "Her late father's melanoma was removed in 2010; she has a seborrheic keratosis on the back.",
     [("melanoma", [18, 26], False, True, False, False, False),
      ("seborrheic-keratosis", [58, 78], False, False, False, False, False)],
     "A seborrheic keratosis on the back; a melanoma was removed in 2010.",
     [("seborrheic-keratosis", [2, 22], False, False, False, False, False),
      ("melanoma", [38, 46], False, False, True, False, False)]),
    ("role_heading",  # the GP's turn answers the poster's guess: the spider bite is denied; a "Note:" leaves it a guess
     "Sure it was a spider bite, red and swollen on my calf. GP: this is cellulitis, start the antibiotics today.",
     [("spider-bite", [14, 25], True, False, False, False, False),
      ("cellulitis", [67, 77], False, False, False, False, False)],
     "Sure it was a spider bite, red and swollen on my calf. Note: this is cellulitis, start the antibiotics today.",
     [("spider-bite", [14, 25], False, True, False, False, False),
      ("cellulitis", [69, 79], False, False, False, False, False)]),
    ("denied_after",  # "isn" (a denial word) lets `_set_aside` through; no set-aside word: it is not asked
     "It looked like psoriasis, which it isn't: the scraping grew a dermatophyte, so tinea corporis.",
     [("psoriasis", [15, 24], True, True, False, False, False),
      ("tinea-corporis", [79, 93], False, False, False, False, False)],
     "It looked like psoriasis on the elbows: the scraping grew a dermatophyte, so tinea corporis.",
     [("psoriasis", [15, 24], True, False, False, False, False),
      ("tinea-corporis", [77, 91], False, False, False, False, False)]),
]


@pytest.mark.parametrize("name, through, through_rows, stopped, stopped_rows", GATES, ids=[g[0] for g in GATES])
def test_gate_lets_through_and_stops(tagger, spy, name, through, through_rows, stopped, stopped_rows):
    calls = spy(name)
    assert _rows(tagger, through) == through_rows
    assert through in calls
    n = len(calls)
    assert _rows(tagger, stopped) == stopped_rows
    assert len(calls) == n and stopped not in calls


def test_abbreviation_target_is_shared_and_equal(tagger):
    text = "Dermatology clinic: BCC on the nose, a second BCC on the cheek."
    assert _rows(tagger, text) == [("basal-cell-carcinoma", [20, 23], False, False, False, False, False)]
    t = tagger._abbreviation_target("basal-cell-carcinoma")
    assert t is tagger._abbreviation_target("basal-cell-carcinoma")
    assert t == Target("condition", "basal-cell-carcinoma", 0) and hash(t) == hash(Target("condition", "basal-cell-carcinoma", 0))
    hits = tagger._abbreviations(text, core.normalise_text(text), [], None)
    assert [(a, b, h.kind, h.nid, h.rank, sc) for a, b, h, sc in hits] == [
        (20, 23, "condition", "basal-cell-carcinoma", 0, 100.0), (46, 49, "condition", "basal-cell-carcinoma", 0, 100.0)]
    assert hits[0][2] is hits[1][2] is t


def test_result_fields_in_one_call(tagger):
    assert _rows(tagger, "History of melanoma; most likely psoriasis now; a mole on the arm.") == [
        ("melanoma", [11, 19], False, False, True, False, False), ("psoriasis", [33, 42], False, True, False, True, False)]
    assert _rows(tagger, "A wart on the finger.") == [("viral-wart", [2, 6], False, False, False, False, True)]
