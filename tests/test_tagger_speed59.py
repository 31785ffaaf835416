"""Speed round 59: `_finish`'s result passes are one registry (`core.RESULT_PASSES`), and a text runs only the passes
its gate words and characters can open (`dispatch.Plans`). The registry holds every result pass once, in the order of
their definitions; each entry's gate words lie in the tagger's gate words; a text's plan is what the table gives for
its words; for three passes, a text the table opens (the pass runs and gives the exact output) and one it does not
(the pass is not in the plan; the exact output). The outputs are the start's (main `392c6414`). Every sentence is
written for these tests."""

from __future__ import annotations

import inspect

import pytest

from derm1m_build.tagger import core
from derm1m_build.tagger.dispatch import PLAN_LIMIT, Plans, ResultPass
from tagger_helpers import tg  # noqa: F401 (a fixture: the shared tagger and its ontology)


@pytest.fixture
def tagger(tg):  # noqa: F811
    return tg[0]


def _rows(tagger, text):
    return [(m.id, m.span, m.negated, m.uncertain, m.historical, m.ground) for m in tagger.tag(text).conditions]


def _plan(tagger, text):
    words = tagger._prepare(text)[4]
    return tagger._result_plans.plan(tagger._gate_words.intersection(words), text)


def test_every_result_pass_is_in_the_registry_once_in_order():
    names = [p.name for p in core.RESULT_PASSES]
    runs = [p.run for p in core.RESULT_PASSES]
    assert len(set(names)) == len(names) and len(set(runs)) == len(runs)
    # every `_rp_` function of `core` is an entry, and the entries run in the order the functions are written
    defined = sorted((f for k, f in vars(core).items() if k.startswith("_rp_") and inspect.isfunction(f)),
                     key=lambda f: f.__code__.co_firstlineno)
    assert runs == defined
    assert len(runs) >= 70
    assert names[:3] == ["history_sections", "ground", "lesion_count"] and names[-1] == "read_path"
    # `_finish` runs them through the plan, and calls none of them itself
    src = inspect.getsource(core.Tagger._finish)
    assert "self._result_plans.plan(gw, text)" in src and "_rp_" not in src


def test_each_entry_gates_on_gate_words_and_single_characters(tagger):
    for p in core.RESULT_PASSES:
        assert p.words is None or (p.words and p.words <= tagger._gate_words), p.name
        assert all(len(ch) == 1 for ch in p.chars), p.name
    assert tagger._result_plans.words <= tagger._gate_words
    # the words of each entry's gate set (`X.isdisjoint(gw)` inside its pass) lie in the gate words too
    for p in core.RESULT_PASSES:
        src = inspect.getsource(p.run)
        for name in ("STATUS_FRAME_WORDS", "RELATIVE_OWNERS", "GENERIC_PREDICATE_WORDS", "SETASIDE_RARE"):
            if f"{name}.isdisjoint(gw)" in src:
                assert getattr(core, name) <= tagger._gate_words, (p.name, name)


def test_the_plan_is_the_table_read_for_the_text(tagger):
    text = "Known psoriasis: a ring of tinea corporis on the arm, in a syndrome-free child."
    words = tagger._prepare(text)[4]
    gw = tagger._gate_words.intersection(words)
    plan = tagger._result_plans.plan(gw, text)
    want = tuple(p.run for p in core.RESULT_PASSES
                 if (p.words is None or not p.words.isdisjoint(words)) and all(ch in text for ch in p.chars))
    assert plan == want
    names = {p.name for p in core.RESULT_PASSES if p.run in plan}
    assert {"known_ground", "definition_row", "read_path", "history_sections"} <= names  # "known", ":"
    assert not {"lesion_count", "overlap", "viral_class"} & names  # no "count", "overlap" or "viral"
    assert tagger._result_plans.plan(gw, text) is plan  # remembered


def test_plans_of_a_small_registry():
    def a(*args):
        return None

    def b(*args):
        return None

    def c(*args):
        return None

    plans = Plans((ResultPass("a", a, frozenset(("x", "y"))), ResultPass("b", b), ResultPass("c", c, frozenset(("y",)), ":")))
    assert plans.table == {"x": (0,), "y": (0, 2)} and plans.words == {"x", "y"} and plans.chars == ((":", 1),)
    assert plans.plan(frozenset(("z",)), "no colon") == (b,)
    assert plans.plan(frozenset(("y", "z")), "no colon") == (a, b)
    assert plans.plan(frozenset(("y",)), "a: colon") == (a, b, c)
    assert plans.plan(frozenset(("x",)), "a: colon") == (a, b)
    assert set(plans._plans) == {0b010, 0b011, 0b111}  # remembered by the passes opened
    plans._plans = {-i: () for i in range(1, PLAN_LIMIT + 1)}  # full: the memory starts afresh, the plan is the same
    assert plans.plan(frozenset(("x",)), "") == (a, b) and set(plans._plans) == {0b011}


CASES = [
    # (entry, a text whose words open it and its conditions, a text that does not and its conditions); rows are
    # (id, span, negated, uncertain, historical, ground)
    ("syndrome_compound",  # "syndrome" with a "-": the disease inside the syndrome's name is historical
     "A boy with keratitis-ichthyosis-deafness syndrome and dry skin.",
     [("ichthyosis", [21, 31], False, False, True, False)],
     "A boy with keratitis, ichthyosis and deafness since birth.",
     [("ichthyosis", [22, 32], False, False, False, False)]),
    ("overlap",  # the second of an overlap's two names is its ground
     "Dermatomyositis and scleroderma overlap in a woman of 50 with tight fingers.",
     [("dermatomyositis", [0, 15], False, False, False, False), ("scleroderma", [20, 31], False, False, False, True)],
     "Dermatomyositis and scleroderma in a woman of 50 with tight fingers.",
     [("dermatomyositis", [0, 15], False, False, False, False), ("scleroderma", [20, 31], False, False, False, False)]),
    ("rest_of",  # a field change over "the rest of" the lip is ground beside the lesion
     "Squamous cell carcinoma on the lower lip; actinic keratosis over the rest of the lip.",
     [("squamous-cell-carcinoma", [0, 23], False, False, False, False),
      ("actinic-keratosis", [42, 59], False, False, False, True)],
     "Squamous cell carcinoma on the lower lip; actinic keratosis over the upper lip.",
     [("squamous-cell-carcinoma", [0, 23], False, False, False, False),
      ("actinic-keratosis", [42, 59], False, False, False, False)]),
]


@pytest.mark.parametrize("name, opened, opened_rows, closed, closed_rows", CASES, ids=[c[0] for c in CASES])
def test_a_text_the_table_opens_and_one_it_does_not(tagger, name, opened, opened_rows, closed, closed_rows):
    run = next(p.run for p in core.RESULT_PASSES if p.name == name)
    assert run in _plan(tagger, opened)
    assert _rows(tagger, opened) == opened_rows
    assert run not in _plan(tagger, closed)
    assert _rows(tagger, closed) == closed_rows
