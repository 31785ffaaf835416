"""Speed round 53: the result passes that rarely change anything asked behind exact gates (`tagger.gates`, and the
named-groups pass's look at nodes with children). For each gate, a text it lets through (the pass then changes the
result) and one it stops (the pass, run anyway, changes nothing), with the tagger's exact output."""

from __future__ import annotations

import pytest

from derm1m_build.tagger import core, gates
from derm1m_build.tagger.cache import copy_result
from tagger_helpers import tg  # noqa: F401 (tg is a fixture)


def _rows(res) -> list[tuple]:
    return [(m.id, m.negated, m.uncertain, m.historical, m.ground) for m in res.conditions]


# (gate, text, the gate's answer, the tagger's rows: id, negated, uncertain, historical, ground)
CASES = [
    ("reply", "Q: Pretty sure it's ringworm. A (dermatologist): this is granuloma annulare.", True,
     [("tinea-corporis", True, False, False, False), ("granuloma-annulare", False, False, False, False)]),
    ("reply", "I diagnosed myself with eczema. A dermatologist replied that the rash is lichen simplex chronicus.", True,
     [("eczema", True, False, False, False), ("lichen-simplex-chronicus", False, False, False, False)]),
    # "A (" inside a word ("RNA (") and no reply word: no reply
    ("reply", "Circular RNA (circRNA) in psoriasis: eczema studies", False,
     [("psoriasis", False, False, False, False), ("eczema", False, False, False, False)]),
    ("instruction", "Count cellulitis as current when the note says it is being treated.", True,
     [("cellulitis", False, True, False, False)]),
    ("instruction", "Record the psoriasis plaques on the body chart.", False, [("psoriasis", False, False, False, False)]),
    ("kind", "Type 1 reactions are an important complication of leprosy.", True, [("leprosy", False, True, False, False)]),
    ("kind", "An important complication was leprosy.", False, [("leprosy", False, False, False, False)]),
    ("record", "GPs often label these as warts; dermoscopy shows seborrheic keratosis.", True,
     [("viral-wart", True, False, False, False), ("seborrheic-keratosis", False, False, False, False)]),
    ("record", "Everybody calls it ringworm and the slide shows granuloma annulare.", True,
     [("tinea-corporis", True, False, False, False), ("granuloma-annulare", False, False, False, False)]),
    ("record", "Photodermatitis after starting doxycycline for acne.", True,
     [("photodermatoses", False, False, False, False), ("acne-vulgaris", False, False, False, True)]),
    ("record", "Psoriasis and eczema are often seen together.", False,
     [("psoriasis", False, False, False, False), ("eczema", False, False, False, False)]),
    ("care", "Refer children with widespread eczema herpeticum the same day.", True,
     [("eczema-herpeticum", False, True, False, False)]),
    ("care", "Refer to dermatology for the eczema with plaques.", False, [("eczema", False, False, False, False)]),
    ("quantified", "Any full-thickness burn should be referred to a burn centre.", True,
     [("thermal-burn", False, True, False, False)]),
    ("quantified", "Treat the psoriasis of every patient.", False, [("psoriasis", False, False, False, False)]),
    ("enum", "HX_SCC: prior squamous cell carcinoma of the lip", True, []),
    ("enum", "Hx_scc: prior squamous cell carcinoma of the lip", False,
     [("squamous-cell-carcinoma", False, False, True, False)]),
]

# each gate's pass, by its name in `core` (where `_finish` and `_round44` call it)
PASSES = {"reply": "clinician_reply", "instruction": "reviewer_instruction", "kind": "kind_as_object",
          "record": "record_frames", "care": "care_instruction", "quantified": "quantified_kind", "enum": "enum_constants"}


def _gate(name, text, conds):
    return {"reply": lambda: gates.reply_may(text), "instruction": lambda: gates.instruction_may(text),
            "kind": lambda: gates.kind_object_may(text, conds), "record": lambda: gates.record_frames_may(text, conds),
            "care": lambda: gates.care_may(text, conds), "quantified": lambda: gates.quantified_may(text, conds),
            "enum": lambda: gates.enum_may(text)}[name]()


@pytest.mark.parametrize("name,text,opens,rows", CASES)
def test_gate_each_side(tg, monkeypatch, name, text, opens, rows):  # noqa: F811
    """The tagger's exact output. Where the gate lets the text through, the pass is what changes it (with the pass
    made a no-op the output differs); where it stops it, the gate says no on the output and the pass, run on that
    output anyway, changes nothing (what the gate claims)."""
    tagger, _ = tg
    res = tagger.tag(text)
    assert _rows(res) == rows
    if opens:
        monkeypatch.setattr(core, PASSES[name], lambda *args, **kwargs: None)
        assert _rows(tagger.tag(text)) != rows
        return
    assert _gate(name, text, res.conditions) is False
    again = copy_result(res)
    run = getattr(core, PASSES[name])
    if name == "reply":
        run(text, again, tagger.tag, lambda nid: core._path_ids(tagger.ontology, nid), tagger._kin)
    else:
        run(text, again)
    assert _rows(again) == rows


class _Cond:
    def __init__(self, start, negated):
        self.span, self.negated = [start, start + 6], negated


def test_gates_on_the_pattern_pieces():
    """Each gate's edge: the reply's colon-free verb form, an "a (" after a stop, a non-ASCII text left to the pattern;
    the instruction's passive; the quantifier and the kind's words before a name; an underscore between capitals."""
    assert gates.reply_may("The GP replied that it was eczema")
    assert not gates.reply_may("Reply from the GP about the eczema")  # (no colon: only "replied" etc. can start one)
    assert gates.reply_may("Is it eczema?A (GP): psoriasis")
    assert not gates.reply_may("Is it eczema? RNA (GP): psoriasis")
    assert gates.reply_may("\u00c9czema? a (GP): psoriasis")  # (not ASCII: the pieces' regex decides)
    assert gates.instruction_may("It should not be coded as eczema")
    assert not gates.instruction_may("It should not be called eczema")
    assert gates.enum_may("A_1: x") and not gates.enum_may("a_b: x") and not gates.enum_may("A_: x")
    # the words a mislabel or a drug's indication ends with before a name not negated, two such names
    conds = [_Cond(0, False), _Cond(31, False)]
    assert gates.record_frames_may("Psoriasis is often misread as  eczema", conds)
    assert gates.record_frames_may("Psoriasis, often misread as a \"eczema", conds)
    assert gates.record_frames_may("Psoriasis treated with MTX for the eczema", [_Cond(0, False), _Cond(35, False)])
    assert not gates.record_frames_may("Psoriasis is often seen beside eczema", conds)
    assert not gates.record_frames_may("Psoriasis is often misread as  eczema", [_Cond(0, False), _Cond(31, True)])
    assert gates.record_frames_may("Psoriasis was entered in error; eczema", [_Cond(0, False)])


def test_named_groups_need_a_node_with_children(tg):  # noqa: F811
    """`_drop_named_groups` looks at paths only where a firm name is a node with children: the subtype line's group
    (melanoma) is dropped; two leaves on one line are both kept."""
    tagger, _ = tg
    onto = tagger.ontology
    assert onto.children_of.get("melanoma") and not onto.children_of.get("seborrheic-keratosis")
    assert _rows(tagger.tag("Melanoma; subtype: lentigo maligna melanoma")) == [
        ("lentigo-maligna-melanoma", False, False, False, False)]
    assert _rows(tagger.tag("Psoriasis; subtype: seborrheic keratosis")) == [
        ("psoriasis", False, False, False, False), ("seborrheic-keratosis", False, False, False, False)]


def test_presented_needs_two_spans(tg, monkeypatch):  # noqa: F811
    """`_presented` (a name before "presented with ..." is background when another follows) is asked only where two
    spans are named: the one-name note never reaches it and keeps its name asserted; the two-name note does, and its
    earlier name becomes background."""
    tagger, _ = tg
    seen = []
    real = tagger._presented

    def spy(n, hits, flags):
        seen.append(n)
        return real(n, hits, flags)

    monkeypatch.setattr(tagger, "_presented", spy)
    assert _rows(tagger.tag("Psoriasis, presented today for review.")) == [("psoriasis", False, False, False, False)]
    assert seen == []
    assert _rows(tagger.tag("Known psoriasis, presented today with cellulitis of the leg.")) == [
        ("psoriasis", False, False, True, True), ("cellulitis", False, False, False, False)]
    assert len(seen) == 1


@pytest.mark.parametrize("text,rows,coded", [
    # a name inside a cell line's code ("SK" of SK-MEL-28) is dropped: the code pattern is read
    ("SK-MEL-28 cells and a BCC on the nose", [("basal-cell-carcinoma", False, False, False, False)], True),
    # no name in capitals, digits and hyphens: no code pattern, the names stay
    ("Lupus cells in a cell-line of well-known psoriasis", [("lupus-erythematosus", False, False, False, False),
                                                            ("psoriasis", False, False, False, False)], False),
    # the vector's bite is dropped in a text about malaria; with no bite named, nothing to drop
    ("Mosquito bites transmit malaria parasites.", [], False),
    ("Lupus and malaria parasites.", [("lupus-erythematosus", False, False, False, False)], False),
])
def test_research_names_gates(tg, monkeypatch, text, rows, coded):  # noqa: F811
    """`research_names` reads the cell-line code pattern only where a name is written in a code's characters
    (`gates.line_code_may`), and the whole-text looks for a case only where a vector's bite is named; the output is
    the tagger's exact one, and where the pass drops a name, the pass is what drops it."""
    tagger, _ = tg
    res = tagger.tag(text)
    assert _rows(res) == rows
    assert gates.line_code_may(text, res.conditions) is coded
    monkeypatch.setattr(core, "research_names", lambda *args, **kwargs: None)
    assert (_rows(tagger.tag(text)) != rows) is (text.startswith(("SK-", "Mosquito")))


def _corpus_texts() -> list[str]:
    """Texts nobody wrote for the gates: the gold set and the newest tuning sets (forum threads, requests, metadata)."""
    import json
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    files = [root / "tests/data/tagger_gold.jsonl",
             *(root / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in (36, 37, 38))]
    return [json.loads(line)["text"] for f in files for line in f.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def test_the_pattern_gates_say_no_only_where_their_pattern_finds_nothing():
    """The gates that stand for a whole pattern (`reply_may` for the reply pattern, `instruction_may` for the coding
    instruction, `enum_may` for an enum constant) checked against the patterns themselves on texts of several kinds:
    a rule added to a pattern without its gate fails here on the first text that rule reads, not only in the identity
    benchmark."""
    from derm1m_build.tagger.guides import ENUM_CONSTANT, INSTRUCTION
    from derm1m_build.tagger.speakers import CLINICIAN_REPLY

    texts = _corpus_texts()
    assert len(texts) > 1000
    said_yes = {"reply": 0, "instruction": 0, "enum": 0}
    for t in texts:
        for name, gate, pattern in (("reply", gates.reply_may, CLINICIAN_REPLY),
                                    ("instruction", gates.instruction_may, INSTRUCTION),
                                    ("enum", gates.enum_may, ENUM_CONSTANT)):
            if gate(t):
                said_yes[name] += 1
            else:
                assert pattern.search(t) is None, (name, t)
    # each gate lets some texts through and stops most: it is asked, and it saves work
    assert all(0 < n < len(texts) // 2 for n in said_yes.values()), said_yes
