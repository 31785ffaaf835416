"""The sixth speed pass changes how the tagger runs, not what it answers: `tag_many`'s phase windows hold a whole
batch (up to `PHASE_WINDOW` texts, cut once they hold `PHASE_CHARS` characters), and the trigger automaton reads a
window's texts with name hits in one pass; every result is still `tag`'s."""

from __future__ import annotations


import pytest

from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import Tagger
from derm1m_build.tagger import core as tagger_core

from tagger_engine_checks import gold_mix, view as _view, windows_give_tag_results


@pytest.fixture(scope="module")
def tagger():
    return Tagger(load_ontology())


def _texts(n: int, seed: int = 5) -> list:
    """Gold-set texts joined one to three at a time, some lower-cased and run together, with repeats, empty
    texts and None among them."""
    return gold_mix(n, seed, repeats=40)


@pytest.mark.parametrize("window,chars", [(4096, 1_000_000), (4096, 700), (3, 1_000_000)])
def test_windows_give_tag_results(tagger, monkeypatch, window, chars):
    windows_give_tag_results(tagger, monkeypatch, _texts(700), window, chars)


def test_window_cut_by_count_and_characters(tagger, monkeypatch):
    """A window takes texts until it holds `PHASE_WINDOW` texts or `PHASE_CHARS` characters (at least one text,
    however long), and the windows cover the uncached texts in order."""
    texts = [t for t in _texts(300, seed=8) if t]
    texts = list(dict.fromkeys(texts))  # no repeats: every text is tagged, none comes from the cache
    seen: list[list[str]] = []
    real = tagger._prepare_window

    def spy(part):
        seen.append(list(part))
        return real(part)

    monkeypatch.setattr(tagger, "_prepare_window", spy)
    monkeypatch.setattr(tagger_core, "PHASE_WINDOW", 50)
    monkeypatch.setattr(tagger_core, "PHASE_CHARS", 2_000)
    tagger.__dict__.pop("results_cache", None)
    tagger.tag_many(texts + ["x" * 5_000])
    assert [t for w in seen for t in w] == texts + ["x" * 5_000]
    for w in seen[:-1]:
        assert len(w) == 50 or (sum(map(len, w)) >= 2_000 and sum(map(len, w[:-1])) < 2_000)
        assert len(w) <= 50
    assert seen[-1] == ["x" * 5_000] or seen[-1][-1] == "x" * 5_000
    assert len(seen) > 3


def test_window_triggers_are_each_texts_own(tagger):
    """The trigger hits read for a window are those `triggers` finds in each text with a name hit (None for the
    others), and `_finish` given them answers as when it reads them itself."""
    texts = [t for t in _texts(300, seed=11) if t and t.strip()]
    ready = tagger._prepare_window(texts)
    trig = tagger._window_triggers(ready)
    assert any(tr for tr in trig) and any(tr is None for tr in trig)
    for t, p, tr in zip(texts, ready, trig):
        n, c, shifts, padded, words, hits = p
        assert tr == (tagger.context.triggers(c, padded) if hits else None)
        assert _view(tagger._finish(t, p, tr)) == _view(tagger._finish(t, p)) == _view(tagger.tag(t))
