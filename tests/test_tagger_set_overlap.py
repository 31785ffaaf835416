"""The frozen sets' word-overlap check (`benchmarks/tagger/overlap.py`) refuses exactly the texts the pair-by-pair
Jaccard walk refused, in the same order, and a builder still refuses a written text close to an earlier one."""
from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

import pytest

from benchmarks.tagger.overlap import Earlier, words
from frozen_set_checks import close_written_problems

ROOT = Path(__file__).resolve().parents[1]


def _walk(text: str, earlier: list[str], limit: float) -> list[str]:
    """The check as every builder wrote it before: both texts normalised for each pair."""
    def normalise(t: str) -> str:
        return re.sub(r"[\W_]+", " ", t.lower()).strip()

    def jaccard(a: str, b: str) -> float:
        x, y = set(normalise(a).split()), set(normalise(b).split())
        return len(x & y) / len(x | y) if x | y else 0.0
    return [t for t in earlier if jaccard(text, t) >= limit]


def _texts(n: int) -> list[str]:
    path = ROOT / f"benchmarks/tagger/independent{n}/independent{n}.jsonl"
    return [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_words_fold_case_punctuation_and_underscores_like_the_builders():
    assert words("Nevus,  DYSPLASTIC!") == words("nevus dysplastic") == {"nevus", "dysplastic"}
    assert words("snake_case (a)--b") == {"snake", "case", "a", "b"}
    assert words(" ,;! ") == frozenset()


@pytest.mark.parametrize("limit", [0.2, 0.35, 0.5])
def test_the_index_lists_the_same_earlier_texts_in_the_same_order_as_the_walk_on_real_set_texts(limit):
    earlier = _texts(20) + _texts(21) + ["", "!!!", "Psoriasis", "psoriasis psoriasis PSORIASIS"]
    near_copies = [t + " as well" for t in _texts(21) if len(words(t)) >= 6][:5]
    probes = _texts(22)[:120] + near_copies + ["psoriasis", "", "Plaque psoriasis of the elbows"]
    near = Earlier(earlier, limit)
    found = 0
    for text in probes:
        expected = _walk(text, earlier, limit)
        assert near.close(text) == expected, text
        found += bool(expected)
    assert found >= 3  # the comparison met texts that are close, not only texts that are not


def test_a_set_of_earlier_texts_keeps_the_order_its_iteration_gave():
    taken = {"red scaly plaques on the elbows", "scaly plaques on the elbows and knees", "a blister on the heel"}
    assert Earlier(taken, 0.5).close("Scaly plaques on the elbows.") == [t for t in taken if t != "a blister on the heel"]


def test_a_limit_of_zero_or_below_is_refused_because_texts_sharing_no_word_would_be_close():
    with pytest.raises(ValueError, match="above 0"):
        Earlier(["a text"], 0)


def test_the_contract_check_names_written_rows_only():
    earlier = [{"text": "Itchy red rash on both forearms after gardening"}]
    rows = [{"id": "x-1", "source": "written for this set (w.txt)", "text": "Itchy red rash on both forearms after hiking"},
            {"id": "x-2", "source": "pypi sdist pkg", "text": "Itchy red rash on both forearms after gardening today"},
            {"id": "x-3", "source": "written for this set (w.txt)", "text": "A mole that changed colour"}]
    assert close_written_problems(rows, earlier) == ["x-1"]


def test_a_builder_still_refuses_a_written_text_close_to_an_earlier_one(monkeypatch):
    build = importlib.import_module("benchmarks.tagger.independent32.build")
    earlier = next(t for t in _texts(31) if len(words(t)) >= 8)
    near_copy = earlier.rstrip(".") + " today."  # one word more: no copy, but a Jaccard index >= 0.5
    assert near_copy.strip() != earlier.strip() and words(near_copy) != words(earlier)
    original = build._lines

    def with_near_copy(name):
        yield from original(name)
        if name == build.WRITTEN[-1]:
            yield ["nonderm", near_copy, "", "", ""]
    monkeypatch.setattr(build, "_lines", with_near_copy)
    with pytest.raises(AssertionError, match="too close to an earlier text"):
        build.rows()
