"""Speed round 46: the finds `_finish` and `normalise_text` make on every text, answered with fewer passes over it, and
three first looks of other modules' gates read on `_finish`'s gate words (`gw`) - each checked here against the code it
replaces, on new texts, and the gate words shown to follow their source lists (a word added there is in `gw`)."""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from derm1m_build.tagger import Tagger, labels_for
from derm1m_build.tagger import context as tagger_context
from derm1m_build.tagger import core as tagger_core
from derm1m_build.tagger import normalise as tagger_normalise
from derm1m_build.tagger import scope as tagger_scope
from derm1m_build.tagger.normalise import (ACCENTED, ASCII_TABLE, CLIPPED_DOT, FOLD, MID_BRACKET, MODIFIER, NON_ASCII,
                                           RESTART, SYNONYM_BRACKET, _blank, _blank_bracket, _blank_synonym,
                                           _clipped_dot, _clipped_dot_any_case, _undot, normalise_text)
from tagger_helpers import shared_tagger

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def onto():
    return shared_tagger()[1]


@pytest.fixture(scope="module")
def tagger():
    return shared_tagger()[0]


# words and marks the rewritten finds and gates read, names, and plain words; glued with spaces, punctuation or nothing
PIECES = ["seb", "Seb", "SEB", "derm", "kerat", "malig", "Malig", "xseb", ".", ". ", ", ", "-", "- ", "-, ", "(", ")",
          "[", "]", "(acute) ", "[napkin] ", "pso- psoriasis", "_", "__", "diagnosis_", "pigment_network", "seven_point",
          "partition_label", "skin_condition", "( )", "A (", "H", "Hx", "hx", "HX", "h/o", "H/O", "PMH", "PSH",
          "HISTORY", "history", "istory", " in 19", " in 20", "in", "ROS", "R.O.S.", "review of", "REVIEW OF",
          "system review", "systems review", "SYSTEMS REVIEW", "ystem", "V", "R", "or", " or ", "over", " over ",
          "favour", "support", "prefer", "but", " but ", "possible", "though", "-like ", "psoriasis-like", "virus",
          ":", ": ", "=", ">", "/", " - ", " -- ", "subtype", "variant", "\u00e9", "\u0130", "\u00b5", "\t", "\n",
          "eczema", "melanoma", "tinea", "nevus", "only", "just", "would", "than", "now", "isn", "friend", "likely",
          "suspected", "whether", "proven", "presumed", "consider", "reply", "grade", "features", "the", "a", "is",
          "was", "could", "can", "not", "no", "rash", "skin", "patient", "2019", "2003", "mm", "?", "'", '"']


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = [rng.choice(PIECES) for _ in range(rng.randrange(1, 14))]
        out.append("".join(p + rng.choice(("", " ", " ", " ", ". ", ", ")) for p in parts))
    return out


def _old_normalise_text(text: str) -> str:
    """`normalise_text` as it was before round 46 (the code the ASCII fast path and the finds replace)."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower()[0] for c in text)
    if "(" in low:
        low = MODIFIER.sub(_blank, low)
        if "(verr" in low or "(hyper" in low or "(numm" in low or "(disc" in low:
            low = SYNONYM_BRACKET.sub(_blank_synonym, low)
    if "[" in low:
        low = MID_BRACKET.sub(_blank_bracket, low)
    if "- " in low or "-, " in low:
        low = RESTART.sub(_blank, low)
    if "seb. " in low or "derm. " in low or "kerat. " in low or "malig. " in low:
        low = CLIPPED_DOT.sub(_undot, low)
    if low.isascii():
        return low.encode("ascii").translate(ASCII_TABLE).decode("ascii")
    if ACCENTED.search(low):
        low = low.translate(FOLD)
    out = low.encode("utf-8", "surrogatepass").translate(ASCII_TABLE).decode("utf-8", "surrogatepass")
    for pattern, sep in NON_ASCII:
        out = pattern.sub(sep, out)
    return out


def test_clipped_dot_answers_as_the_four_finds():
    texts = _texts(20_000, 1) + ["seb. keratosis", "a derm. review", "xkerat. y", "malig.  melanoma", "seb.", "seb .",
                                 "malig. ", ". seb. "]
    hits = 0
    for t in texts:
        low = t.lower()
        want = "seb. " in low or "derm. " in low or "kerat. " in low or "malig. " in low
        assert _clipped_dot(low) == want, t
        hits += want
    assert hits > 500  # the generator reaches both answers


def test_clipped_dot_any_case_answers_as_on_the_lower_cased_text():
    texts = [t for t in _texts(20_000, 2) if t.isascii()] + ["SEB. keratosis", "Malig. melanoma", "DERM. x", "KERAT.  y"]
    hits = 0
    for t in texts:
        want = _clipped_dot(t.lower())
        assert _clipped_dot_any_case(t) == want, t
        hits += want
    assert hits > 500


def test_normalise_text_is_the_old_normalisation():
    texts = _texts(30_000, 3) + ["Seb. keratosis (acute) [napkin] dermatitis", "pso- psoriasis, necrobiosis lipo-, lipoidica",
                                 "\u0130nce SEB. k", "Caf\u00e9-au-lait macules\u2014trunk", "hypertrophic (verrucous) lichen planus"]
    ascii_fast = 0
    for t in texts:
        assert normalise_text(t) == _old_normalise_text(t), t
        ascii_fast += t.isascii() and "(" not in t and "[" not in t and not _clipped_dot_any_case(t)
    assert ascii_fast > 3_000  # the fast path is taken, and the others are too
    assert tagger_normalise.LOWER_ASCII_TABLE[ord("Q")] == ord("q") and tagger_normalise.LOWER_ASCII_TABLE[ord(",")] == ord("|")


def test_a_spaced_find_in_n_puts_the_word_among_the_words(tagger):
    # `_finish` asks "or" in words before " or " in n (and "over", "but", "in" so): the find implies the word
    seen = dict.fromkeys(("or", "over", "but", "in"), 0)
    for t in _texts(20_000, 4):
        p = tagger._prepare(t)
        if p is None:
            continue
        n, words = p[0], p[4]
        for w in seen:
            if f" {w} " in n:
                assert w in words, (t, w)
                seen[w] += 1
        if " in 19" in t or " in 20" in t:
            assert "in" in words, t
    assert min(seen.values()) > 200


def test_the_one_character_finds_come_before_finds_that_hold_them():
    # each `"c" in text and (...)` of `_finish` / `normalise_text` that gates finds holding c (and `under`, `"_" in
    # text`): every find after it on the same string holds c too, so the one-character find (C memchr) answers False
    # only where they all would (a find added there later without c would be skipped wrongly: this catches it)
    import ast
    import inspect

    checked = 0
    # (speed round 59: and the result passes, one function each in `core.RESULT_PASSES`)
    for fn in (tagger_core.Tagger._finish, tagger_normalise.normalise_text, *(p.run for p in tagger_core.RESULT_PASSES)):
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
        for node in ast.walk(tree):
            if not isinstance(node, ast.BoolOp) or not isinstance(node.op, ast.And):
                continue
            first = node.values[0]
            if isinstance(first, ast.Name) and first.id == "under":
                char, target = "_", "text"
            elif (isinstance(first, ast.Compare) and isinstance(first.ops[0], ast.In) and isinstance(first.left, ast.Constant)
                  and isinstance(first.left.value, str) and len(first.left.value) == 1
                  and isinstance(first.comparators[0], ast.Name)):
                char, target = first.left.value, first.comparators[0].id
            else:
                continue
            finds = [sub.left.value for rest in node.values[1:] for sub in ast.walk(rest)
                     if isinstance(sub, ast.Compare) and isinstance(sub.ops[0], ast.In)
                     and isinstance(sub.left, ast.Constant) and isinstance(sub.left.value, str)
                     and isinstance(sub.comparators[0], ast.Name) and sub.comparators[0].id == target]
            if not any(char in f for f in finds):
                continue  # two conditions side by side (`":" in text and "dx" in text`), not a find and its gate
            assert all(char in f for f in finds), (char, finds)
            checked += len(finds)
    assert checked >= 20


def test_scope24_wanted_on_the_gate_words_answers_as_on_all_words(tagger):
    opened = 0
    for t in _texts(20_000, 5):
        p = tagger._prepare(t)
        if p is None:
            continue
        words = p[4]
        gw = tagger._gate_words.intersection(words)
        for spans in (1, 2):
            want = tagger_scope._scope24_wanted(t, words, spans)
            assert tagger_scope._scope24_wanted(t, words, spans, gw) == want, t
            opened += want
    assert opened > 1_000


def test_annotate_on_the_gate_words_flags_as_on_all_words(tagger):
    ann = tagger.context
    rare = 0
    for t in _texts(6_000, 6):
        p = tagger._prepare(t)
        if p is None or not p[5]:
            continue
        n, c, words, hits = p[0], p[1], p[4], p[5]
        if p[2]:
            continue  # (squeezed texts: offsets differ from the original's; the gate reads the same words anyway)
        spans = sorted({(a, b) for a, b, _, _ in hits})
        trig = ann.triggers(c, p[3])
        gw = tagger._gate_words.intersection(words)
        assert ann.annotate(t, n, spans, trig, words, gw) == ann.annotate(t, n, spans, trig, words), t
        rare += not tagger_context.ROUND22_WORDS.isdisjoint(words)
    assert rare > 100  # (165 of these texts hold a round-22 word)


def test_the_late_gate_sets_are_the_modules_own_sets(tagger):
    # the sets themselves (never copies of their words): a word their modules add is read by `_finish`'s `gw`
    held = tagger_core.FINISH_GATE_SETS
    for s in (tagger_core.ROUND44_WORDS, tagger_scope.SCOPE24_ANY, tagger_context.ROUND22_WORDS):
        assert any(x is s for x in held)
        assert s <= tagger._gate_words


def test_a_word_added_to_a_source_list_reaches_the_gate_words(tmp_path):
    # a copy of the package with one new word in each source list (`scope.SCOPE24_WORDS` -> `SCOPE24_ANY`,
    # `context.MARK_WORDS` -> `ROUND22_WORDS`, `speakers.REPLY_WORDS` -> `core.ROUND44_WORDS`): the tagger built from it
    # has each in its gate words, and each gate opens for a text holding only that word
    pkg = tmp_path / "derm1m_build"
    shutil.copytree(REPO / "derm1m_build", pkg, ignore=shutil.ignore_patterns("__pycache__"))
    edits = {"tagger/scope.py": ("SCOPE24_WORDS = frozenset((", "SCOPE24_WORDS = frozenset((\"zzqfriend\", "),
             "tagger/context.py": ("MARK_WORDS = frozenset((", "MARK_WORDS = frozenset((\"zzqmark\", "),
             "tagger/speakers.py": ("REPLY_WORDS = frozenset((", "REPLY_WORDS = frozenset((\"zzqreply\", ")}
    for rel, (old, new) in edits.items():
        path = pkg / rel
        src = path.read_text(encoding="utf-8")
        assert src.count(old) == 1, rel
        path.write_text(src.replace(old, new), encoding="utf-8")
    code = textwrap.dedent(f"""
        from derm1m_build.ontology import load_ontology
        from derm1m_build.tagger import Tagger, context, core, scope
        t = Tagger(load_ontology({str(REPO / "ontology")!r}))
        for w in ("zzqfriend", "zzqmark", "zzqreply"):
            assert w in t._gate_words, w
        def gw(text):
            return t._gate_words.intersection(t._prepare(text)[4])
        assert scope._scope24_wanted("a zzqfriend here", t._prepare("a zzqfriend here")[4], 1, gw("a zzqfriend here"))
        assert not context.ROUND22_WORDS.isdisjoint(gw("a zzqmark here"))
        assert not core.ROUND44_WORDS.isdisjoint(gw("a zzqreply here"))
        print("ok")
    """)
    env = dict(os.environ, PYTHONPATH=str(tmp_path))
    got = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert got.returncode == 0 and got.stdout.strip() == "ok", got.stderr[-2000:]


# new texts through every rewritten gate (underscore fields, history and review-of-systems marks, spaced "or" / "over" /
# "but", "-like", brackets, catalogue colons and dashes, clipped dots, a broken-off word): conditions (id, span, negated,
# uncertain, historical, hedged, ground, concluded), concepts (id, span, negated) and the disease label, as main gave them
# before this round (the tree at this round's start, run on these texts)
CASES = [
    ('diagnosis_1: Benign; diagnosis_3: Nevus, dysplastic; lesion on the left shoulder',
     [["dysplastic-nevus", [34, 51], False, False, False, False, False, False], "dysplastic nevus"]),
    ('pigment_network: atypical, seven_point_score: 4, clinical diagnosis melanoma of the calf',
     [["melanoma", [68, 76], False, False, False, False, False, False], ["atypical-pigment-network", [17, 25], False], "malignant melanoma"]),
    ('partition_label: melanoma. The photo shows a benign compound nevus on the back.',
     [""]),
    ('skin_condition: eczema; the rash on both elbows itches',
     [["eczema", [16, 22], False, False, False, False, False, False], ["pruritus", [48, 54], False, False, False, False, False, False], "eczema"]),
    ('PMH: psoriasis since 2009. Now a new annular rash on the trunk, likely tinea corporis.',
     [["psoriasis", [5, 14], False, False, True, False, False, False], ["tinea-corporis", [71, 85], False, True, False, True, False, False], ["annular", [37, 44], False], ["truncal", [50, 62], False], "tinea corporis"]),
    ('h/o basal cell carcinoma excised in 2014, now a scaly nodule on the ear suspicious for SCC',
     [["basal-cell-carcinoma", [4, 24], False, False, True, False, False, False], ["squamous-cell-carcinoma", [87, 90], False, True, False, True, False, False], ["scale", [48, 53], False], ["nodule", [54, 60], False], "squamous cell carcinoma"]),
    ('Hx of melanoma removed in 2015; today a stuck-on seborrheic keratosis on the chest.',
     [["melanoma", [6, 14], False, False, True, False, False, False], ["seborrheic-keratosis", [49, 69], False, False, False, False, False, False], "seborrheic keratosis"]),
    ('ROS: no fever or joint pain. Exam: plaque psoriasis on both elbows.',
     [["psoriasis-vulgaris", [35, 51], False, False, False, False, False, False], ["plaque", [35, 51], False], "psoriasis vulgaris"]),
    ('R.O.S. negative. Flat violaceous papules of lichen planus on the wrists.',
     [["lichen-planus", [44, 57], False, False, False, False, False, False], ["purple", [22, 32], False], ["papule", [33, 40], False], "lichen planus"]),
    ('REVIEW OF SYSTEMS: no arthritis. Silvery plaques typical of psoriasis on the scalp.',
     [["scalp-psoriasis", [60, 82], False, False, False, False, False, False], ["plaque", [33, 48], False], ["scale", [33, 48], False], "scalp psoriasis"]),
    ('I favour tinea over psoriasis for this scaly annular plaque on the thigh.',
     [["dermatophytosis", [9, 14], False, True, False, True, False, False], ["psoriasis", [20, 29], True, False, False, False, False, False], ["scale", [39, 44], False], ["annular", [45, 52], False], ["plaque", [53, 59], False], "dermatophytosis"]),
    ('Could this itchy patch be eczema or psoriasis, or even tinea?',
     [["pruritus", [11, 16], False, True, False, False, False, False], ["eczema", [26, 32], False, True, False, False, False, False], ["psoriasis", [36, 45], False, True, False, False, False, False], ["dermatophytosis", [55, 60], False, True, False, False, False, False], ["patch", [17, 22], False], ""]),
    ('Psoriasis-like plaques on the knees in a mouse model; the biopsy favoured psoriasis.',
     [["psoriasis", [74, 83], False, False, False, False, False, False], ["plaque", [15, 22], False], "psoriasis"]),
    ('Melanoma (in situ) on the forearm, excised with 5 mm margins',
     [["melanoma-in-situ", [0, 17], False, False, False, False, False, False], "melanoma in situ"]),
    ('Tinea: pedis, between the toes of a runner',
     [["tinea-pedis", [0, 12], False, False, False, False, False, False], "tinea pedis"]),
    ('Seb. keratosis on the back of a 70-year-old man, stuck on and waxy',
     [["seborrheic-keratosis", [0, 14], False, False, False, False, False, False], "seborrheic keratosis"]),
    ('malig. melanoma of the left leg, Breslow 1.2 mm',
     [["melanoma", [0, 15], False, False, False, False, False, False], "malignant melanoma"]),
    ('pyoderma gangre- gangrenosum on the shin after minor trauma',
     [["pyoderma-gangrenosum", [0, 28], False, False, False, False, False, False], "pyoderma gangrenosum"]),
    ('The eruption was, though, probably a drug rash rather than measles.',
     [["drug-eruption", [37, 46], False, True, False, True, False, False], ["measles", [59, 66], True, False, False, False, False, False], "drug eruption"]),
    ('A (dermatologist): this looks like rosacea, not acne',
     [["rosacea", [35, 42], False, True, False, True, False, False], ["acne-vulgaris", [48, 52], True, False, False, False, False, False], "rosacea"]),
    ("is that a blue naevus hmm no the shape's all wrong it's a melanoma",
     [["blue-nevus", [10, 21], True, False, False, False, False, False], ["melanoma", [58, 66], False, False, False, False, False, False], "malignant melanoma"]),
    ('Vesicles on the lip could also be herpes simplex; impetigo is possible too.',
     [["herpes-simplex", [34, 48], False, True, False, False, False, False], ["impetigo", [50, 58], False, True, False, True, False, False], ["vesicle", [0, 8], False], "impetigo"]),
    ('Nevus, dysplastic - back; variant: junctional',
     [["dysplastic-nevus", [0, 17], False, False, False, False, False, False], "dysplastic nevus"]),
    ("the doctor's note says only eczema, but mum thinks it's psoriasis now",
     [["eczema", [28, 34], False, False, False, False, False, False], ["psoriasis", [56, 65], False, True, False, False, False, False], "eczema"]),
    ('History of atopic dermatitis; presents with impetigo on the face (honey crusts).',
     [["atopic-dermatitis", [11, 28], False, False, True, False, False, False], ["impetigo", [44, 52], False, False, False, False, False, False], ["crust", [66, 78], False], ["yellow", [66, 78], False], "impetigo"]),
    ('Pt w/ psoriasis, Dx: scabies; h/o eczema in 1998',
     [["psoriasis", [6, 15], False, False, False, False, True, False], ["scabies", [21, 28], False, False, False, False, False, False], ["eczema", [34, 40], False, False, True, False, False, False], "scabies"]),
    ('Urticaria > chronic > inducible > dermographism',
     [["dermographism", [34, 47], False, False, False, False, False, False], "dermographism"]),
    ('REVIEW OF SYSTEMS - skin: hives (urticaria) after penicillin; otherwise negative',
     [["urticaria", [26, 31], False, False, True, False, False, False], ""]),
    ('BCC, superficial subtype; margins clear (no residual BCC)',
     [["superficial-bcc", [0, 24], False, False, False, False, False, False], ["basal-cell-carcinoma", [53, 56], True, False, False, False, False, False], "superficial basal cell carcinoma"]),
    ('Could be a wart or a corn, or a callus over the heel; masquerading as plantar wart?',
     [["viral-wart", [11, 15], False, True, False, True, False, False], ["corn", [21, 25], False, True, False, True, False, False], ["callus", [32, 38], False, True, False, True, False, False], ["plantar-wart", [70, 82], True, False, False, False, False, False], ""])
]


@pytest.mark.parametrize("text,want", CASES)
def test_new_texts_tag_as_before(tagger, onto, text, want):
    r = tagger.tag_many([text])[0]
    got = ([[m.id, m.span, m.negated, m.uncertain, m.historical, m.hedged, m.ground, m.concluded] for m in r.conditions]
           + [[m.id, m.span, m.negated] for m in r.concepts] + [labels_for(r, onto)["disease_label"]])
    assert got == want
