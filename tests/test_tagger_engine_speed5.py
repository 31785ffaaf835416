"""The fifth speed pass changes how the tagger runs, not what it answers: `tag_many`'s windows (word-level pass
of a window first, the unknown-word filter once over the window's words) give `tag`'s results; automata
built in walk order hold the same matches; a typo's shortlist is the one of the full-width sums; asking for
huge pages changes no answer and is done once per process."""

from __future__ import annotations

import json
import os
import sys
import random
from pathlib import Path

import ahocorasick
import numpy as np
import pytest

from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import Tagger, automata, memory
from derm1m_build.tagger import core as tagger_core

GOLD = Path(__file__).parent / "data" / "tagger_gold.jsonl"


@pytest.fixture(scope="module")
def tagger():
    return Tagger(load_ontology())


def _texts(n: int, seed: int = 3) -> list[str]:
    """Gold-set texts, joined two or three at a time, some lower-cased and run together, some with a typo,
    with repeats, empty texts and None among them."""
    rng = random.Random(seed)
    gold = [json.loads(line)["text"] for line in GOLD.open(encoding="utf-8")]
    out: list = []
    for _ in range(n):
        t = " ".join(rng.choice(gold) for _ in range(rng.choice((1, 2, 3))))
        if rng.random() < 0.2:
            t = " ".join(t.lower().replace(",", " ").replace(".", " ").split())
        if rng.random() < 0.1:
            ws = t.split(" ")
            k = rng.randrange(len(ws))
            if len(ws[k]) >= 6:
                ws[k] = ws[k][:2] + ws[k][3:]
            t = " ".join(ws)
        out.append(t)
    out += out[:50] + ["", None, "   ", "Ringworm?"]
    rng.shuffle(out)
    return out


def _view(res) -> str:
    d = res.as_json()
    d["flags"] = [[m.historical, m.hedged, m.weak] for m in res.conditions]
    return json.dumps(d, sort_keys=True)


@pytest.mark.parametrize("window", [1, 7, 64])
def test_tag_many_windows_give_tag_results(tagger, monkeypatch, window):
    texts = _texts(1200)
    monkeypatch.setattr(tagger_core, "PHASE_WINDOW", window)
    tagger.__dict__.pop("results_cache", None)
    got = tagger.tag_many(texts)
    assert len(got) == len(texts)
    assert [_view(r) for r in got] == [_view(tagger.tag(t or "")) for t in texts]
    # every result is its own object (a caller editing one changes no other)
    assert len({id(r) for r in got}) == len(got)


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
