"""The seventh speed pass changes how the tagger runs, not what it answers: a window's unknown words are asked
whether they are promising typos once per distinct word, a text's list of unknown words is only made when one
of them is promising, long substring lists are one automaton walk (`fastmatch.any_in`), and the correction
markers' yes/no regex has its alternatives grouped by first letter (`fastmatch.first_letter_groups`)."""

from __future__ import annotations

import re

import pytest

from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import Tagger
from derm1m_build.tagger import core as tagger_core
from derm1m_build.tagger.fastmatch import any_in, first_letter_groups, top_level_alternatives
from derm1m_build.tagger.normalise import normalise_text

from tagger_engine_checks import gold_mix, gold_texts, windows_give_tag_results


@pytest.fixture(scope="module")
def tagger():
    return Tagger(load_ontology())


def _normalised() -> list[str]:
    """Gold-set texts and mixes of them (some lower-cased and run together), normalised as the rules read them,
    with sentences written to hold the correction markers."""
    texts = gold_texts() + [t for t in gold_mix(400, seed=17) if t]
    texts += ["Is this a melanoma? No, wait, it's a seborrheic keratosis.", "psoriasis sorry actually eczema",
              "a lipoma, ah no, it has a punctum", "the pathologist changed it to lentigo maligna",
              "nobut it s fine", "2but it s a wart", "this is psoriasis, or rather, sebopsoriasis"]
    return [normalise_text(t) for t in texts]


@pytest.mark.parametrize("words", [tagger_core.CORRECTION_WORDS, tagger_core.PRESENT_WORDS, ("a",), ()])
def test_any_in_answers_as_any(words):
    test = any_in(words)
    for n in _normalised():
        assert test(n) == any(w in n for w in words), n


def test_long_word_lists_walk_an_automaton():
    """The correction words are many enough for one walk; the five presentation words stay `in` tests."""
    # the tests are `functools.partial`s of module functions since round 41 (so a tagger pickles)
    assert any_in(tagger_core.CORRECTION_WORDS).func.__name__ == "_walk_finds"
    assert any_in(tagger_core.PRESENT_WORDS).func.__name__ == "_in_any"


def test_grouped_correction_regex_matches_where_the_original_does():
    grouped = first_letter_groups(tagger_core.CORRECTION)
    assert grouped is not tagger_core.CORRECTION  # grouped, not given back as it was
    hits = 0
    for n in _normalised():
        a, b = tagger_core.CORRECTION.search(n), grouped.search(n)
        assert (a is None) == (b is None), n
        if a is not None:
            hits += 1
            assert a.start() == b.start(), n
            assert [m.start() for m in tagger_core.CORRECTION.finditer(n)] == [m.start() for m in grouped.finditer(n)]
    assert hits >= 5


def test_grouping_keeps_other_alternatives_and_refuses_other_shapes():
    p = re.compile(r"(?<![a-z])(?:ab|(?:x|y)z|ac|[|]q|b\|)(?![a-z])")
    g = first_letter_groups(p)
    assert g.pattern == r"(?<![a-z])(?:a(?:b|c)|b(?:\|)|(?:x|y)z|[|]q)(?![a-z])"
    for s in ("ab", "xz", "zac", "|q", "b|", "abc", "yz ac"):
        assert (p.search(s) is None) == (g.search(s) is None), s
    for other in (r"(?<![a-z])(?:a)|(?:b)(?![a-z])", r"(?<![a-z])(?:(a)|b)(?![a-z])", r"(?:ab|ac)(?![a-z])"):
        assert first_letter_groups(re.compile(other)).pattern == other


def test_top_level_alternatives_read_classes_and_escapes():
    assert top_level_alternatives(r"a[]|]b|c\|d|[^]|]e|(f|g)h") == [r"a[]|]b", r"c\|d", r"[^]|]e", r"(f|g)h"]
    assert top_level_alternatives("a)|(b") is None
    assert top_level_alternatives("(a|b") is None


def test_windows_with_typos_give_tag_results(tagger, monkeypatch):
    """Texts with dropped letters (the fuzzy pass's work): windows of several sizes answer each as `tag`."""
    texts = gold_mix(500, seed=23, typo_rate=0.5)
    for window in (4096, 7):
        windows_give_tag_results(tagger, monkeypatch, texts, window)


def test_promising_words_are_read_per_window(tagger, monkeypatch):
    """Each distinct unknown word of a window is asked once whether it is promising, however many texts hold it."""
    asked: list[str] = []
    real = tagger.fuzzy.promising

    def spy(word):
        asked.append(word)
        return real(word)

    monkeypatch.setattr(tagger.fuzzy, "promising", spy)
    text = "Erythematous plaqes on the elbow, typical of psoriassis."
    ready = tagger._prepare_window([text, text.lower(), text + " Seen today."])
    assert asked and len(asked) == len(set(asked))
    assert [r[5] for r in ready] == [tagger._prepare(t)[5] for t in (text, text.lower(), text + " Seen today.")]
