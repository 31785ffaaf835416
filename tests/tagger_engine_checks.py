"""Checks shared by the tagger's engine-speed tests (`test_tagger_engine_speed*.py`): a speed pass changes how
the tagger runs, never what it answers, so each pass's tests compare its fast path with `Tagger.tag` through one
view of a result, on one mix of gold-set texts."""

from __future__ import annotations

import json
import random
from pathlib import Path

from derm1m_build.tagger import core as tagger_core

GOLD = Path(__file__).parent / "data" / "tagger_gold.jsonl"


def gold_texts() -> list[str]:
    return [json.loads(line)["text"] for line in GOLD.open(encoding="utf-8")]


def gold_mix(n: int, seed: int, typo_rate: float = 0.0, repeats: int = 50) -> list:
    """Gold-set texts joined one to three at a time, some lower-cased and run together, a share (`typo_rate`)
    with one letter dropped from a long word, then `repeats` of them again, empty texts and None, shuffled."""
    rng = random.Random(seed)
    gold = gold_texts()
    out: list = []
    for _ in range(n):
        t = " ".join(rng.choice(gold) for _ in range(rng.choice((1, 2, 3))))
        if rng.random() < 0.2:
            t = " ".join(t.lower().replace(",", " ").replace(".", " ").split())
        if typo_rate and rng.random() < typo_rate:
            ws = t.split(" ")
            k = rng.randrange(len(ws))
            if len(ws[k]) >= 6:
                ws[k] = ws[k][:2] + ws[k][3:]
            t = " ".join(ws)
        out.append(t)
    out += out[:repeats] + ["", None, "   ", "Ringworm?"]
    rng.shuffle(out)
    return out


def view(res) -> str:
    """A result as one comparable string: its JSON and each condition's history / hedge / weak flags."""
    d = res.as_json()
    d["flags"] = [[m.historical, m.hedged, m.weak] for m in res.conditions]
    return json.dumps(d, sort_keys=True)


def windows_give_tag_results(tagger, monkeypatch, texts: list, window: int, chars: int | None = None) -> None:
    """`tag_many` with phase windows of `window` texts (and `chars` characters) answers each text as `tag`
    does, every result its own object (a caller editing one changes no other)."""
    monkeypatch.setattr(tagger_core, "PHASE_WINDOW", window)
    if chars is not None:
        monkeypatch.setattr(tagger_core, "PHASE_CHARS", chars)
    tagger.__dict__.pop("results_cache", None)
    got = tagger.tag_many(texts)
    assert len(got) == len(texts)
    assert [view(r) for r in got] == [view(tagger.tag(t or "")) for t in texts]
    assert len({id(r) for r in got}) == len(got)
