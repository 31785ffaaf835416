"""Speed round 49: a regex's required literals, read from the pattern's own parse (`fastmatch.required_literals`), as a
gate before patterns most texts cannot match (`fastmatch.may`), checked against the code it replaces on new texts;
and a pattern changed later (a word added) is in its gate at once."""

from __future__ import annotations

import random
import re

import pytest

from derm1m_build.tagger import core, fastmatch, findings, forms, normalise, scope, speakers
from derm1m_build.tagger.fastmatch import may, may_match, required_literals
from tagger_helpers import tg  # noqa: F401 (tg is a fixture)


@pytest.mark.parametrize("pattern, expected", [
    (r"(?<![a-z])(?:had|has)[ |]+new(?![a-z])", {"new"}),  # the longest run wins over the alternation before it
    (r"(?:presented|presents) with", {"presented with", "presents with"}),
    (r"foo|ba[rz]", {"foo", "bar", "baz"}),
    (r"\d+ mm", {" mm"}),
    (r"x?y", {"y"}),  # an optional item holds nothing required
    (r"(?:abc)+d", {"abc"}),  # a repeat's body is required; the "d" after it is a shorter run
    (r"A\s*\(who\)\s*:", {"(who)"}),
    (r"[:=]\s*no", {"no"}),
    (r"\s+", None),  # no literal at all
    (r"a*|b", None),  # a branch that needs nothing
    (r"(?i:abc)", None),  # a group's own flags are not read
])
def test_required_literals(pattern, expected):
    got = required_literals(re.compile(pattern))
    assert (None if got is None else set(got)) == expected


def test_required_literals_ignorecase():
    assert set(required_literals(re.compile(r"Replied|ANSWERED", re.IGNORECASE))) == {"replied", "answered"}
    gate = may_match(re.compile(r"Replied|ANSWERED", re.IGNORECASE))
    assert gate("She REPLIED at once") and gate("answered.") and not gate("no answer here")
    assert gate("caf\u00e9 r\u00e9plied")  # a non-ASCII text: the pattern itself decides
    assert may_match(re.compile(r"\s+"))("anything") is True


# new texts, written for this file: the seven gated patterns' cues, their near misses, other cases
TEXTS = [
    "", "She presented with a new rash on the trunk.", "He has a new mole on the back", "now presents with plaques",
    "Past medical history: psoriasis, hypertension.", "PMH: eczema; PSH: appendicectomy", "h/o melanoma excised 2015",
    "Hx of BCC on the nose", "the pustules are absent today", "no sign of cancer; tumour absent", "such as psoriasis",
    "Psoriasis is one of the most common skin diseases", "Little is known about lichen planus pigmentosus",
    "eczema (chronic) on the hands", "acne (juvenile) vulgaris", "rosacea (acquired)", "Bar Grill Ltd. sponsors a run",
    "Caf\u00e9 Society talks on eczema \u2013 Foundation day", "psoriasis in caf\u00e9 workers", "Hill Farm dermatitis",
    "developed vitiligo after a burn", "PRESENTED WITH HIVES", "history of melanoma in her father",
    "MEDICAL HISTORY: atopic eczema", "the lesion was removed in 2019", "Dermatitis, atopic (chronic), flexural",
    "I'm not a doctor but it looks like eczema", "IANAD, maybe psoriasis", "removed in 2012, a BCC", "excised in 1999",
    "patients were eligible if they had psoriasis", "adverse reactions include urticaria", "the lesion shown is a wart",
    "my mum said it was ringworm", "a band of vesicles on one side: shingles", "Diagnosis: ____ (eczema?)",
    "nonpruritic plaques on the shins", "a non pruritic rash", "anicteric and nonitchy", "apruritic eczema",
]
WORDS = ("presented presents developed develops today now has had new history of past medical surgical PMH PSH Hx hx "
         "h/o absent such as common known little unclear psoriasis eczema melanoma acne rosacea tinea vitiligo basal "
         "cell carcinoma the a with on in and no not (chronic) (acute) (juvenile) ( ) Inc Ltd Bar Society caf\u00e9 "
         "not a doctor IANAD removed excised in 2012 1999 eligible adverse include reported shown shows lesion said "
         "felt band stripe ____ "
         "nonpruritic non pruritic anicteric \u2013 - : ; , .").split()


def _texts(k: int = 600) -> list[str]:
    rng = random.Random(49)
    out = list(TEXTS)
    for _ in range(k):
        out.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 14))))
    return out


GATED = [scope.PRESENT_NOW, scope.HISTORY_SECTION, scope.HX_ITEM, findings.ABSENT_WORD, speakers.GENERIC_SENTENCE,
         speakers.SUCH_AS, normalise.MODIFIER, core.BUSINESS_ANY, scope.NOT_A_DOCTOR, scope.HISTORY_OF, scope.PAST_YEAR,
         scope.REMOVED_YEAR, scope.CRITERIA_AFTER, scope.ADVERSE_LIST, speakers.PICTURED, speakers.NOT_PHYSICIAN_SAID,
         speakers.NOT_A_DOCTOR, findings.BAND_OF, forms.BLANK]


@pytest.mark.parametrize("pattern", GATED, ids=lambda p: p.pattern[:30])
def test_gate_closed_only_where_the_pattern_matches_nowhere(pattern):
    texts = _texts() + [t.lower() for t in _texts(100)] + [t.upper() for t in _texts(100)]
    opened = 0
    for t in texts:
        if not may(pattern, t):
            assert pattern.search(t) is None, t
        else:
            opened += 1
    assert opened  # (the gate opens on some)


def test_tagger_with_the_gates_as_without(tg, monkeypatch):  # noqa: F811 (tg is a fixture)
    """Every gated call site tags the new texts as it did with no gate (each module's `may` always true)."""
    tagger, _ = tg
    texts = _texts(300)
    with_gates = [tagger.tag(t).as_json() for t in texts]
    for mod in (core, scope, findings, speakers, normalise, forms):
        monkeypatch.setattr(mod, "may", lambda p, s: True)
    without = [tagger.tag(t).as_json() for t in texts]
    assert with_gates == without
    assert sum(bool(r["conditions"]) for r in with_gates) > 50


def test_a_word_added_to_a_pattern_is_in_its_gate(monkeypatch):
    """A rules round that adds a cue to a gated pattern needs no gate edit: the gate is read from the pattern object,
    on its first use (a rebound pattern gets its own)."""
    text = "She attended with an itchy plaque"
    assert not may(scope.PRESENT_NOW, text)
    wider = re.compile(scope.PRESENT_NOW.pattern.replace("(?:presented|", "(?:presented|attended|"), scope.PRESENT_NOW.flags)
    monkeypatch.setattr(scope, "PRESENT_NOW", wider)
    assert may(scope.PRESENT_NOW, text) and scope.PRESENT_NOW.search(text) is not None
    assert "attended" in required_literals(wider) and fastmatch._GATES[id(wider)][0] is wider


def test_start_chars_read_from_the_pattern():
    from derm1m_build.tagger import context

    assert fastmatch.start_chars(context.ANY_ANSWER_NO) == ((0, ":="), (1, "-\u2013\u2014"))
    assert fastmatch.start_chars(re.compile(r"(?<![a-z])(?:;x|\.y)")) == ((0, ";"), (0, "."))
    assert fastmatch.start_chars(re.compile(r"a+b")) is None  # a repeat first
    assert fastmatch.start_chars(re.compile(r"abc", re.IGNORECASE)) is None  # letters fold


ANSWERS = ["bullous: no", "itch = absent", "Bullae - none.", "ulcer \u2013 negative;", "x:yes", "a: No.", "b:0", "a -no)",
           "  - absent", "pain:none, itch: yes", "dx: psoriasis; biopsy \u2014 negative", "score=0.5", "A -- no",
           "tender:  NO", "erythema -absent)", ":no", "-none", "", "no colon here"]


def test_found_as_the_search_it_replaces():
    """`found` against `ANY_ANSWER_NO.search` (the annotator's answer gate) on new texts and their case and spacing
    variants; and a pattern of one class and a pattern with none."""
    from derm1m_build.tagger import context

    rng = random.Random(4949)
    parts = ["itch", ":", "=", "-", " - ", "\u2013", " ", "no", "NONE", "absent", "negative", "0", ".", ";", ",", ")",
             "yes", "false", "lesion"]
    texts = ANSWERS + ["".join(rng.choice(parts) for _ in range(rng.randint(1, 9))) for _ in range(3000)]
    for p in (context.ANY_ANSWER_NO, re.compile(r"[;.]\s*yes"), re.compile(r"\s+no\b")):
        hits = 0
        for t in texts:
            want = p.search(t) is not None
            assert fastmatch.found(p, t) == want, (p.pattern, t)
            hits += want
        assert 0 < hits < len(texts)


def test_ddi_slug_gate_as_the_finditer_it_precedes(tg, monkeypatch):  # noqa: F811 (tg is a fixture)
    """`_ddi_slug` with its slug gate against the pass with none, on new texts holding slugs, near slugs and none; and a
    slug added to the tagger's table is in the gate (built from the table itself)."""
    tagger, _ = tg
    slugs = sorted(tagger._ddi_slugs)
    rng = random.Random(4901)
    texts = [f"DDI image {rng.randrange(999)}.png disease: {rng.choice(slugs)}" for _ in range(40)]
    texts += [f"disease {rng.choice(slugs).replace('-', ' ')} on the cheek-and-nose" for _ in range(40)]
    texts += [f"{rng.choice(slugs)[:-2]}-xx disease, well-defined" for _ in range(40)]
    got = [tagger._ddi_slug(t, []) for t in texts]
    for t in texts:
        hits = tagger._prepare(t)[5]
        with_gate = tagger._ddi_slug(t, list(hits))
        monkeypatch.setattr(tagger, "_ddi_slug_gate", (tagger._ddi_slugs, len(tagger._ddi_slugs), lambda s: True))
        without = tagger._ddi_slug(t, list(hits))
        monkeypatch.delattr(tagger, "_ddi_slug_gate")
        assert with_gate == without, t
    assert sum(bool(g) for g in got) >= 40
    bigger = dict(tagger._ddi_slugs, **{"sunburn-of-the-ear": "sunburn"})
    monkeypatch.setattr(tagger, "_ddi_slugs", bigger)
    assert tagger._ddi_slug("photo.png disease: sunburn-of-the-ear", []) != []
