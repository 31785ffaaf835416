"""Engine shortcuts give the answers of the code they replace: the frequent-word set, the compiled word tests,
the business-name gate and the catalogue-order pass that reads only its head segments."""

from __future__ import annotations

import pytest

from derm1m_build.tagger import Tagger
from derm1m_build.tagger.core import BUSINESS_ANY, CORRECTION_WORDS, PRESENT_WORDS, any_in
from tagger_helpers import small_ontology


@pytest.fixture(scope="module")
def tagger():
    return Tagger(small_ontology())


def test_unknown_words_are_those_outside_the_whole_word_list(tagger):
    fz = tagger.fuzzy
    assert fz.hot <= fz.known and len(fz.hot) > 10_000
    words = {"the", "of", "psoriasis", "soriasis", "melanomia", "xq", "12", "exzema", "dermatology", "b12",
             "carcinomia", "skin", "naevus", "qzxwvyjkpb"}
    want = [w for w in words - fz.known if len(w) >= 3 and w.isalpha()]
    assert sorted(fz.unknown_words(words)) == sorted(want) == fz.unknown(words)
    assert set(want) == {"soriasis", "melanomia", "exzema", "carcinomia", "qzxwvyjkpb"}


@pytest.mark.parametrize("words", [PRESENT_WORDS, CORRECTION_WORDS, ("a'b", 'q"x'), ()])
def test_compiled_word_tests_answer_as_any(words):
    test = any_in(words)
    for s in ("", "he presented with", "no wait it is", "in fact", "today", "nothing here", "a'b", 'q"x',
              "but", "no this is it", "review"):
        assert test(s) == any(w in s for w in words), (words, s)


@pytest.mark.parametrize("text,expected", [
    ("Psoriasis Labs Inc. announced its quarterly results.", []),  # a business: dropped
    ("psoriasis labs were normal", ["psoriasis"]),  # lower case: no business, the gate skips the regex
    ("Psoriasis on the elbows, Acme Bar staff", ["psoriasis"]),  # a capital, but no business after it
    ("Melanoma Studios and psoriasis", ["psoriasis"]),  # the business regex runs where a name has a capital
])
def test_business_gate(tagger, text, expected):
    assert bool(BUSINESS_ANY.search(text)) == ("Inc" in text or "Bar" in text or "Studios" in text)
    assert [m.id for m in tagger.tag(text).conditions] == expected


@pytest.mark.parametrize("text,expected", [
    ("Carcinoma, basal cell", ["bcc"]),
    ("Dermatitis, contact, allergic; seen in 2019, and then (again) Dermatitis, contact", ["acd", "contact-dermatitis"]),
    ("one, two, three (four) nevus, five", ["nevus"]),
])
def test_catalogue_order_reads_every_head_segment(tagger, text, expected):
    assert sorted({m.id for m in tagger.tag(text).conditions}) == sorted(expected)


def _head_segments_by_split(tagger, text):
    """The catalogue-order pass's head segments as it found them before (a regex split at every delimiter)."""
    from itertools import accumulate

    from derm1m_build.tagger.core import SEGMENTS

    parts = SEGMENTS.split(text)
    starts = list(accumulate(map(len, parts), initial=0))
    out = []
    for k in range(1, len(parts), 2):
        if parts[k] in ",(":
            last = parts[k - 1].rsplit(None, 1)
            w = last[-1] if last else ""
            if last and (w.lower() in tagger._head_words or w in tagger.abbrevs or w[:-1] in tagger.abbrevs):
                out.append((starts[k - 1], starts[k], parts[k]))
    return out


def test_head_segments_are_those_of_the_split():
    import random

    t = Tagger(small_ontology(), fuzzy=False)
    pieces = ["nevus", "Nevus", "carcinoma", "BCC", "BCCs", "dermatitis", "contact", "x.nevus", "a;BCC", "[1]nevus",
              "é", "nevus\u00a0", "\u2028", "\x1c", "  ", " ", "\n", "(", ")", ",", ".", ";", ":", "!", "?", "[", "]",
              "basal cell", "dysplastic", "in situ", "type"]
    rnd = random.Random(11)
    texts = ["Carcinoma, basal cell", "x.Nevus, dysplastic", "ref.[2] nevus (in situ)", "nevus\n, x", ", (nevus,"]
    texts += ["".join(rnd.choice(pieces) + rnd.choice(["", " "]) for _ in range(rnd.randrange(1, 12))) for _ in range(3000)]
    for text in texts:
        assert t._head_segments(text) == _head_segments_by_split(t, text), text


def test_one_separator_is_the_regex_substitution():
    import random

    from derm1m_build.tagger.core import CORRECTED_GAP, one_separator

    rnd = random.Random(3)
    for _ in range(5000):
        c = "".join(rnd.choice(["a", "bc", " ", "|", "  ", "||", " | "]) for _ in range(rnd.randrange(0, 15)))
        assert one_separator(c) == CORRECTED_GAP.sub("|", c.strip(" |")), c


@pytest.mark.parametrize("text", [
    "BCC on the back", "BCC\u00ae on the back", "BCC\x01 on the back", "xBCC and BCCs", "an AN lesion", "an lesion",
    "Dx: AD, ACD; SK", "AD1990", "caf\u00e9 BCC", "BCC\u00e9", "ad acd sk", "Skin: AD", "ACD\tSK\nBCC",
])
def test_abbreviation_prechecks_keep_every_candidate(text):
    from derm1m_build.tagger.normalise import collapse_spaces, normalise_text

    t = Tagger(small_ontology(), fuzzy=False)
    n = normalise_text(text)
    words = set((" " + collapse_spaces(n)[0].replace("|", " ")).split())
    found, size = [], len(text)  # every candidate the automaton gives, on word boundaries
    for end, (length, abbr) in t.abbr_automaton.iter(text):
        s, e = end - length + 1, end + 1
        if not ((s and text[s - 1].isalnum()) or (e < size and text[e].isalnum())):
            found.append((s, e, t.abbrevs[abbr]))
    assert t._abbreviation_candidates(text, [], n, words) == t._abbreviation_candidates(text, []) == found
