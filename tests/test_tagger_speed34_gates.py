"""Round 34 speed: `_finish` intersects a text's words with every gate word once (`Tagger._gate_words`) and its
~45 word gates ask that small set. A gate answers the same only if its word set lies inside the union: each
`X.isdisjoint(gw)` of `_finish` is checked here, and gated rules still fire on new texts."""

from __future__ import annotations

import inspect
import re

import pytest

from derm1m_build.tagger import Tagger, labels_for
from derm1m_build.tagger import core as tagger_core
from tagger_helpers import shared_tagger


@pytest.fixture(scope="module")
def onto():
    return shared_tagger()[1]


@pytest.fixture(scope="module")
def tagger():
    return shared_tagger()[0]


def _finish_source() -> str:
    """`_finish` and its result passes (speed round 59: one function each, `core.RESULT_PASSES`)."""
    return inspect.getsource(tagger_core.Tagger._finish) + "".join(
        inspect.getsource(p.run) for p in tagger_core.RESULT_PASSES)


def _gate_sets(tagger) -> dict[str, frozenset]:
    src = _finish_source()
    names = set(re.findall(r"([\w.]+)\.isdisjoint\(gw\)", src))
    assert len(names) >= 40, names  # the gates are still written so (else this test reads nothing)
    out = {}
    for name in names:
        if name == "ws":  # the thrush sites' word sets (`for ws, x in THRUSH_SITES`)
            for i, (ws, _) in enumerate(tagger_core.THRUSH_SITES):
                out[f"THRUSH_SITES[{i}]"] = ws
        elif name.startswith("self.") or name.startswith("tg."):  # (a result pass names the tagger `tg`)
            out[name] = getattr(tagger, name.split(".", 1)[1])
        else:
            out[name] = getattr(tagger_core, name)
    return out


def test_every_gate_set_of_finish_lies_in_the_gate_words(tagger):
    for name, words in _gate_sets(tagger).items():
        missing = set(words) - tagger._gate_words
        assert not missing, f"{name} is gated on `gw` but not in FINISH_GATE_SETS: {sorted(missing)[:5]}"


def test_no_gate_of_finish_reads_the_whole_word_set_where_gw_is_meant(tagger):
    # a gate set on `words` still answers right (only slower); on `gw` it must be listed: the two lists agree
    src = inspect.getsource(tagger_core.Tagger._finish)
    assert "gw = self._gate_words.intersection(words)" in src


def _conditions(tagger, text):
    return [(m.id, m.span, m.negated, m.uncertain, m.historical) for m in tagger.tag(text).conditions]


def test_thrush_in_the_nappy_folds_is_candidiasis(tagger, onto):
    text = "Thrush in the nappy folds of a six-month-old, bright red with satellite papules."
    assert _conditions(tagger, text) == [("candidiasis", [0, 6], False, False, False)]
    assert labels_for(tagger.tag(text), onto)["disease_label"] == "candidiasis"


def test_thrush_with_a_mouth_word_stays_oral(tagger):
    text = "Grandmother had thrush of the tongue after antibiotics; the baby shows thrush in the groin creases."
    assert _conditions(tagger, text) == [("oral-candidiasis", [71, 77], False, False, False)]


def test_a_known_disease_before_a_new_rash_is_history(tagger):
    text = "A known case of psoriasis, who now presents with a new itchy rash on both armpits."
    assert _conditions(tagger, text) == [("psoriasis", [16, 25], False, False, True),
                                         ("pruritus", [55, 60], False, False, False)]


def test_a_leaflet_name_is_a_guess(tagger):
    text = "The leaflet calls this acne but the dermatologist's note says rosacea."
    assert _conditions(tagger, text) == [("acne-vulgaris", [23, 27], False, True, False),
                                         ("rosacea", [62, 69], False, True, False)]


def test_gate_words_hold_no_word_outside_a_gate(tagger):
    # (round 38: and the abbreviation keys, which the abbreviation pre-check reads from `gw`; speed round 59: and the
    # result passes' gate words, from which each text's plan of them is read)
    union = frozenset().union(*tagger_core.FINISH_GATE_SETS, *(ws for ws, _ in tagger_core.THRUSH_SITES),
                              tagger._sign_words, tagger._qualifier_words, tagger._abbr_lower_keys,
                              *(p.words for p in tagger_core.RESULT_PASSES if p.words))
    assert tagger._gate_words == union
