"""Batch tagging's result cache: repeated texts get the result `tag` gives, as objects of their own."""

from __future__ import annotations

import pytest

from derm1m_build.tagger import Tagger, labels_for
from derm1m_build.tagger.cache import ResultCache, copy_result
from tagger_helpers import small_ontology


@pytest.fixture()
def tagger():
    return Tagger(small_ontology())


def full(r):
    """Everything a result carries, label flags included (what the identity benchmark compares)."""
    d = r.as_json()
    d["flags"] = [[m.historical, m.hedged, m.weak, m.kind] for m in r.conditions + r.concepts]
    return d


TEXTS = ["Psoriasis plaques on the elbows", "no melanoma, BCC on the skin", "history of psoriasis",
         "", None, "red scaly plaque, most likely psoriasis"]


def test_repeated_texts_get_the_uncached_result(tagger):
    fresh = Tagger(small_ontology())
    batch = TEXTS * 3
    got = tagger.tag_many(batch) + tagger.tag_many(batch)  # the second batch is served from the cache
    assert tagger.results_cache.hits >= len(batch)
    assert [full(r) for r in got] == [full(fresh.tag(t or "")) for t in batch * 2]


def test_a_caller_editing_its_result_changes_nothing_for_the_next(tagger):
    text = "Psoriasis plaques on the elbows, no melanoma"
    first, second = tagger.tag_many([text, text])
    want = full(Tagger(small_ontology()).tag(text))
    for r in (first, second):  # the first (stored on second sight) and a copy from the store
        r.conditions[0].span[0] = 99
        r.conditions[0].path.append("edited")
        r.conditions[0].negated = True
        r.conditions.append(r.conditions[0])
        r.concepts.clear()
    third, fourth = tagger.tag_many([text, text])
    assert full(third) == full(fourth) == want
    assert third is not fourth and third.conditions[0] is not fourth.conditions[0]
    assert third.conditions[0].path is not fourth.conditions[0].path
    assert labels_for(third, tagger.ontology) == labels_for(Tagger(small_ontology()).tag(text), tagger.ontology)


def test_copy_result_shares_no_list_or_match(tagger):
    r = tagger.tag("Psoriasis plaques on the elbows, no melanoma")
    c = copy_result(r)
    assert full(c) == full(r)
    for a, b in zip(r.conditions + r.concepts, c.conditions + c.concepts):
        assert a is not b and a.span is not b.span and a.path is not b.path
    assert c.conditions is not r.conditions and c.concepts is not r.concepts


def test_only_texts_seen_twice_are_stored_and_memory_is_bounded(tagger):
    cache = ResultCache(size=3, seen=5, max_chars=40)
    r = tagger.tag("psoriasis")
    cache.put("psoriasis", r)
    assert cache.get("psoriasis") is None  # seen once: not stored
    cache.put("psoriasis", r)
    assert full(cache.get("psoriasis")) == full(r)
    cache.put("a much longer text about psoriasis than forty characters", r)
    cache.put("a much longer text about psoriasis than forty characters", r)
    assert cache.get("a much longer text about psoriasis than forty characters") is None
    for i in range(20):
        cache.put(f"text {i}", r)
        cache.put(f"text {i}", r)
        assert len(cache.store) <= 3 and len(cache.seen) <= 5
