"""The fifth speed pass changes how the tagger runs, not what it answers: `tag_many`'s windows (word-level pass
of a window first, the unknown-word filter once over the window's words) give `tag`'s results; automata
built in walk order hold the same matches; a typo's shortlist is the one of the full-width sums; asking for
huge pages changes no answer and is done once per process."""

from __future__ import annotations

import os
import sys
import random

import ahocorasick
import numpy as np
import pytest

from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import Tagger, automata, memory
from derm1m_build.tagger import core as tagger_core

from tagger_engine_checks import gold_mix, windows_give_tag_results


@pytest.fixture(scope="module")
def tagger():
    return Tagger(load_ontology())


def _texts(n: int, seed: int = 3) -> list:
    """Gold-set texts, joined one to three at a time, some lower-cased and run together, some with a typo,
    with repeats, empty texts and None among them."""
    return gold_mix(n, seed, typo_rate=0.1)


@pytest.mark.parametrize("window", [1, 7, 64])
def test_tag_many_windows_give_tag_results(tagger, monkeypatch, window):
    windows_give_tag_results(tagger, monkeypatch, _texts(1200), window)


def test_window_unknown_words_are_each_texts_own(tagger):
    """The unknown words a text gets from its window are those the per-text filter finds."""
    texts = [t for t in _texts(400, seed=9) if t and t.strip()]
    prepared = tagger._prepare_window(texts)
    fz = tagger.fuzzy
    for t, p in zip(texts, prepared):
        n, c, shifts, padded, words, hits = p
        assert words == set(padded.split())
        assert hits == tagger._exact_and_fuzzy(c, padded, words, sorted(fz.unknown_words(words)))
        assert hits == tagger._exact_and_fuzzy(c, padded, words)


def test_walk_order_automaton_same_matches(tagger):
    """The name and trigger automata built in walk order find what an automaton built in key order finds."""
    texts = [" " + " ".join(t.lower().replace(",", " ").replace(".", " ").split()) for t in _texts(600) if t]
    for automaton in (tagger.exact.automaton, tagger.context.automaton):
        plain = ahocorasick.Automaton()
        for k, v in sorted(automaton.items()):
            plain.add_word(k, v)
        plain.make_automaton()
        assert sorted(automaton.items()) == sorted(plain.items())
        for t in texts:
            assert list(automaton.iter_long(t)) == list(plain.iter_long(t))
            assert sorted(automaton.iter(t)) == sorted(plain.iter(t))


def test_walk_order_puts_frequent_first_letters_first():
    keys = [" zoster", " tinea", " acne", " 5 fu", " eczema"]
    order = [k for k, _ in sorted(((k, i) for i, k in enumerate(keys)), key=lambda kv: automata._walk_order(kv[0]))]
    assert order == [" tinea", " acne", " eczema", " zoster", " 5 fu"]
    a = automata.build((k, i) for i, k in enumerate(keys))
    assert dict(a.items()) == {k: i for i, k in enumerate(keys)}
    assert list(automata.build([]).items()) == []


def test_shortlist_byte_sums_match_full_width(tagger):
    """The shortlist (byte sums against byte thresholds) equals the one from int32 sums and float tests."""
    fz = tagger.fuzzy
    rng = random.Random(11)
    words = [w for w in fz.vocab if len(w) >= 6][:400]
    probes = []
    for w in words:
        i = rng.randrange(1, len(w) - 1)
        probes += [w[:i] + w[i + 1:], w[:i] + w[i + 1] + w[i] + w[i + 2:], w + "aa", "q" + w]
    for word in probes:
        for floor in (80.0, 83.0, 88.0):
            got = fz._shortlist(word, floor)
            cands, rows, need, _least = fz._counts[(len(word), floor)]
            counts = {}
            pick = []
            for ch in word:
                b = ord(ch) - 97 if "a" <= ch <= "z" else 26
                r = counts.get(b, 0)
                counts[b] = r + 1
                pick.append(b * 6 + min(r, 5))
            shared = rows[pick].sum(axis=0, dtype=np.int32)
            assert got == [cands[i] for i in np.flatnonzero(200.0 * shared >= need)]


def test_huge_pages_only_when_asked_and_once_per_process(tagger):
    """Off by default (it would mark the caller's whole process); asked for, it runs once per process."""
    state = dict(memory._STATE)
    try:
        memory._STATE.clear()
        os.environ.pop("DERM1M_TAGGER_HUGE_PAGES", None)
        assert memory.prefer_huge_pages() == 0
        assert "pid" not in memory._STATE
        os.environ["DERM1M_TAGGER_HUGE_PAGES"] = "1"
        memory.prefer_huge_pages()
        assert memory._STATE.get("pid") == (os.getpid() if sys.platform.startswith("linux") else None)
        assert memory.prefer_huge_pages() == 0  # done once in this process
    finally:
        os.environ.pop("DERM1M_TAGGER_HUGE_PAGES", None)
        memory._STATE.clear()
        memory._STATE.update(state)
