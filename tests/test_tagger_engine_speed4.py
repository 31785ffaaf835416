"""Engine shortcuts of the fourth speed pass give the answers of the code they skip: the fuzzy pass that stops
before its re-read when no correction can form a name, and the collector paused inside `tag_many`."""

from __future__ import annotations

import gc
import json
import random

import pytest

from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import Tagger

from tagger_engine_checks import GOLD, view as _view


@pytest.fixture(scope="module")
def tagger():
    return Tagger(load_ontology())


def _typo(rng: random.Random, w: str) -> str:
    i = rng.randrange(1, len(w) - 1)
    return w[:i] + w[i + 1:] if rng.random() < 0.5 else w[:i] + w[i + 1] + w[i] + w[i + 2:]


def _typo_texts(tagger, n: int, seed: int = 5) -> list[str]:
    """Real gold-set texts with a letter dropped or swapped in one or two long words, and names of the
    lexicon (multi-word ones, as the re-read's longer names) misspelt inside a sentence."""
    rng = random.Random(seed)
    gold = [json.loads(line)["text"] for line in GOLD.open(encoding="utf-8")]
    keys = sorted(k for k in tagger.lexicon if " " in k)
    name_words = sorted({w for k in keys for w in k.split() if len(w) >= 6 and w.isalpha()})
    out = []
    for _ in range(n):
        r = rng.random()
        if r < 0.3:  # a prefixed name word, far from it ("antipsoriasis", "repigmentation"), by its neighbours
            k = rng.choice(keys).split()
            i = rng.randrange(len(k))
            k[i] = rng.choice(("anti", "non", "re", "inter", "trans", "pseudo")) + rng.choice(name_words)
            out.append(" ".join(rng.choice(("the", "with", "no", "and")).split() + k + ["today"]))
            continue
        if r < 0.6:
            ws = rng.choice(gold).split(" ")
        else:
            name = rng.choice(keys).split()
            ws = rng.choice(("a", "the patient has", "biopsy showed", "no")).split() + name \
                + rng.choice(("on the arm.", ", likely", "| seen today", "")).split()
        for _ in range(rng.choice((1, 1, 2))):
            k = rng.randrange(len(ws))
            if len(ws[k]) >= 5:
                ws[k] = _typo(rng, ws[k])
        out.append(" ".join(ws))
    return out


def test_fuzzy_pass_stops_only_where_the_reread_finds_nothing(tagger, monkeypatch):
    texts = _typo_texts(tagger, 3000)
    fired, changed = [0], [0]
    gate = Tagger._corrections_find_nothing
    full_fuzzy = Tagger._fuzzy

    def counting_gate(self, repl, words):
        got = gate(self, repl, words)
        fired[0] += got
        return got

    monkeypatch.setattr(Tagger, "_corrections_find_nothing", counting_gate)
    fast = [_view(tagger.tag(t)) for t in texts]
    monkeypatch.setattr(Tagger, "_corrections_find_nothing", lambda self, repl, words: False)

    def counting_fuzzy(self, c, chosen, hits, unknown):
        out = full_fuzzy(self, c, chosen, hits, unknown)
        changed[0] += out is not hits
        return out

    monkeypatch.setattr(Tagger, "_fuzzy", counting_fuzzy)
    slow = [_view(tagger.tag(t)) for t in texts]
    assert [t for t, a, b in zip(texts, fast, slow) if a != b] == []
    assert fired[0] > 100 and changed[0] > 100  # both the shortcut and real corrections are exercised


@pytest.mark.parametrize("text,typo_found", [
    ("Demodex folliculorum mites on the face", False),  # corrected to a word no name holds beside "demodex"
    ("biopsy showed basal cell carcinomia", True),  # the longer name holds the corrected word: re-read
    ("itchy soriasis on both elbows", True),  # one edit: close enough to stand alone
])
def test_fuzzy_shortcut_cases(tagger, text, typo_found):
    res = tagger.tag(text)
    assert any(m.score < 100 for m in res.conditions) == typo_found


def test_tag_many_pauses_the_collector_and_restores_it(tagger):
    assert gc.isenabled()
    seen = []

    def texts():
        seen.append(gc.isenabled())
        yield "psoriasis on the elbows"
        seen.append(gc.isenabled())

    assert [m.id for m in tagger.tag_many(texts())[0].conditions] == ["psoriasis"]
    assert seen == [False, False] and gc.isenabled()

    def failing():
        yield "melanoma"
        raise RuntimeError("reader failed")

    with pytest.raises(RuntimeError):
        tagger.tag_many(failing())
    assert gc.isenabled()
    gc.disable()
    try:
        tagger.tag_many(["eczema"])
        assert not gc.isenabled()  # a caller's choice is left as it was
    finally:
        gc.enable()


def test_tagging_makes_no_reference_cycles(tagger):
    """What makes the pause safe: every object tagging builds is freed by its reference count."""
    texts = [json.loads(line)["text"] for line in GOLD.open(encoding="utf-8")] + _typo_texts(tagger, 300, seed=9)
    gc.collect()
    gc.disable()
    try:
        for r in tagger.tag_many(texts):
            r.as_json()
        assert gc.collect() == 0
    finally:
        gc.enable()
