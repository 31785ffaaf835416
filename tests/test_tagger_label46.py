"""The `disease_label` choice, round 46 (tuning sets: gold and independent sets 1-33; the errors read on sets 30-33's
written parts). A clinician's first-person working diagnosis ("I think this is X and have asked for a biopsy", "I'm
thinking X until proven otherwise"), a teacher's "you think of X" and a clinician's "we biopsied for X" are a
physician's hedge, the label; a lay belief answered by a clinician's verdict ("I assumed X. The dermatologist says it's
Y") is set aside; two hedged names related only through a synonym ("?keratoacanthoma, ?SCC") are a differential; a
syndrome's diagnostic sign gives the label to the syndrome named beside it. Every sentence is new, written for these
tests, none taken from any evaluation set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

from derm1m_build.tagger.labels import SYNDROME_SIGNS, _one_alternative
from derm1m_build.tagger.views import CLINICIAN_VERDICT, LAY_BELIEF, TESTED_FOR

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # a first-person belief of a writer who orders a test: the clinician's hedge, the label
    ("Her fingers have thickened and the skin over both hands feels tight; I think this is dermatomyositis and have "
     "ordered a muscle biopsy.", {"dermatomyositis": U}, "dermatomyositis"),
    # "I'm thinking X until proven otherwise": a clinician's working diagnosis
    ("I'm thinking keratoacanthoma until proven otherwise, it doubled in size in a month.",
     {"keratoacanthoma": U}, "keratoacanthoma"),
    # a teacher's "you think of X" after the case described
    ("a child with honey-coloured crusts around the nose after a cold, you think of impetigo",
     {"impetigo": U}, "impetigo"),
    # a clinician's biopsy aimed at a diagnosis
    ("the plaque had not cleared with steroids, so we biopsied for mycosis fungoides",
     {"mycosis-fungoides": U}, "mycosis fungoides"),
])
def test_a_clinicians_working_diagnosis_is_the_label(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # guard: a belief with no clinician's act stays a guess, no label
    ("I think this is eczema but I'm not a doctor.", {"eczema": U}, ""),
    ("I'm thinking eczema, what does everyone else think?", {"eczema": U}, ""),
    # guard: a biopsy's negative result still denies the name
    ("the biopsy for mycosis fungoides was negative", {"mycosis-fungoides": N}, ""),
])
def test_a_guess_without_a_clinicians_act_stays_a_guess(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a lay assumption, then the dermatologist's verdict
    ("I assumed psoriasis. The dermatologist looked with a scope and says it's seborrhoeic dermatitis.",
     {"psoriasis": N, "seborrheic-dermatitis": A}, "seborrheic dermatitis"),
    # what friends told the poster, then a GP's verdict
    ("My friends told me this patch was ringworm, but nothing worked; a GP who said it's discoid eczema gave me a "
     "steroid.", {"tinea-corporis": N, "nummular-eczema": A}, "nummular eczema"),
])
def test_a_lay_belief_answered_by_a_clinicians_verdict_is_set_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_a_lay_belief_answered_by_a_relative_is_not_set_aside(tg):  # noqa: F811
    # guard: a sister is no clinician; the poster's own name stays
    check(tg, "I assumed psoriasis, my sister says it's eczema.", {"psoriasis": A, "eczema": U}, "psoriasis")


def test_the_frames_read_exactly_their_words():
    assert LAY_BELIEF.search("i assumed ") and LAY_BELIEF.search("everyone told me my itchy groin was ")
    assert LAY_BELIEF.search("we were sure it was ") and not LAY_BELIEF.search("the doctor assumed nothing and ")
    assert CLINICIAN_VERDICT.search("the doctor took a scraping and says it s ")
    assert CLINICIAN_VERDICT.search("a gp who said it s ") and not CLINICIAN_VERDICT.search("my sister says it s ")
    assert TESTED_FOR.search("so we biopsied for ") and not TESTED_FOR.search("we prescribed a cream for ")


@pytest.mark.parametrize("text,want,label", [
    # two hedged names, one tied to the other only by a synonym ("keratoacanthoma-type squamous cell carcinoma"):
    # a differential, no label
    ("Fast-growing keratotic nodule on the scalp: ?keratoacanthoma, ?SCC.",
     {"keratoacanthoma": U, "squamous-cell-carcinoma": U}, ""),
    # guard: a hedged name restated by its subtype's own name is one alternative: the subtype is the label
    ("possible BCC, probably nodular basal cell carcinoma",
     {"basal-cell-carcinoma": U, "nodular-bcc": U}, "nodular basal cell carcinoma"),
])
def test_hedged_names_related_only_by_a_synonym_are_a_differential(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_one_alternative_reads_the_tree_and_the_nodes_own_names(tg):  # noqa: F811
    _, onto = tg
    assert not _one_alternative(onto, "keratoacanthoma", "squamous-cell-carcinoma")
    assert _one_alternative(onto, "nodular-bcc", "basal-cell-carcinoma")
    assert not _one_alternative(onto, "basal-cell-carcinoma", "nodular-bcc")


@pytest.mark.parametrize("text,want,label", [
    # the syndrome named as the ground of its signs is the diagnosis
    ("Six café-au-lait macules on the trunk of a boy with neurofibromatosis.",
     {"cafe-au-lait-macule": A, "neurofibromatosis": A}, "neurofibromatosis"),
    ("Multiple soft neurofibromas on the back of a man with neurofibromatosis type 1.",
     {"neurofibroma": A, "neurofibromatosis": A}, "neurofibromatosis"),
    # guard: the sign alone is the label
    ("A single café-au-lait macule on the thigh, otherwise normal skin.", {"cafe-au-lait-macule": A},
     "café-au-lait macule"),
    # guard: a relative's syndrome is no candidate; the sign stays the label
    ("A café-au-lait macule on the arm; her brother has neurofibromatosis.",
     {"cafe-au-lait-macule": A, "neurofibromatosis": U}, "café-au-lait macule"),
    # guard: a port-wine stain keeps the label beside Sturge-Weber syndrome (not a listed sign)
    ("A port-wine stain over the left forehead in an infant with Sturge-Weber syndrome.",
     {"port-wine-stain": A, "sturge-weber": A}, "port-wine stain"),
])
def test_a_syndromes_sign_gives_the_label_to_the_syndrome(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_syndrome_signs_name_real_nodes(tg):  # noqa: F811
    _, onto = tg
    for sign, syndromes in SYNDROME_SIGNS.items():
        assert sign in onto.conditions and syndromes <= set(onto.conditions)
