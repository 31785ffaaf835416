"""Vocabulary of round 20 (tuning sets: gold and independent sets 1-13). Families: a group named by its catalogue or
clinic title ("autoimmune blistering disorder" is the bullous diseases node, which ANNOTATION.md rule 1 lets any level
take); lay and catalogue names of one node ("halo mole", ICD-9-CM's "Ocular pemphigus" = mucous membrane pemphigoid
with ocular involvement, "Urticaria due to cold and heat" = cold urticaria, "amelanotic acral melanoma"); the round's
decisions on lay words ("sweat rash" is intertrigo, as NHS and sets 10 and 13 read it; "childhood eczema" states
eczema, not the infantile node: sets 4, 5, 12); the eczema herpeticum abbreviation "EH" beside atopic dermatitis;
a transcript's dropped silent "p" heard as English ("sorryasis", "sorryatic") and spoken split ("derma fibroma");
and lichen planus's "lacy white striae", which are a reticulate pattern, not stretch marks. The sentences are new,
none taken from any evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger.normalise import spelling_forms
from tagger_helpers import check, concepts, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, want, label", [
    # group titles
    ("Referred with a suspected autoimmune blistering disorder of the flexures.", {"bullous": U}, "bullous diseases"),
    ("Autoimmune bullous disorders: the clinic list for Tuesday", {"bullous": A}, "bullous diseases"),
    # lay and catalogue names of one node
    ("Teenager with a halo mole on his shoulder blade, the white ring appeared over the summer",
     {"halo-nevus": A}, "halo nevus"),
    ("Ocular pemphigus, both eyes, on dapsone", {"mucous-membrane-pemphigoid": A}, "mucous membrane pemphigoid"),
    ("Urticaria due to cold and heat", {"cold-urticaria": A}, "cold urticaria"),
    ("Her wheals come up after swimming in the lake: urticaria from cold, ice cube test positive",
     {"cold-urticaria": A}, "cold urticaria"),
    ("Excision of the big toe nodule showed an amelanotic acral melanoma, Breslow 2.1 mm",
     {"amelanotic-melanoma": A}, "amelanotic melanoma"),
    # decisions on lay words
    ("My husband gets a sweat rash in his groin every summer when he cycles", {"intertrigo": A}, "intertrigo"),
    ("Grandson had childhood eczema, flares again in the winter", {"eczema": A}, "eczema"),
    ("Baby eczema on both cheeks since six weeks old", {"infantile-atopic-dermatitis": A},
     "infantile atopic dermatitis"),
    # the abbreviation beside its context
    ("Punched-out erosions spreading over the cheeks: EH, admitted for IV aciclovir", {"eczema-herpeticum": A},
     "eczema herpeticum"),
    ("EH prevalence rose with age in the hypertension cohort", {}, ""),
    # transcripts
    ("so on the scalp this is sorryasis, the scale goes right up to the hairline", {"psoriasis": A}, "psoriasis"),
    ("classic plaque sorryasis on the knees, silvery scale", {"psoriasis-vulgaris": A}, "psoriasis vulgaris"),
    ("and this firm brown bump on the shin is a derma fibroma", {"dermatofibroma": A}, "dermatofibroma"),
    # stretch marks stay stretch marks
    ("White striae on the flanks after her growth spurt", {"striae": A}, "striae"),
])
def test_round20_vocabulary(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_eh_beside_atopic_dermatitis_is_read(tg):  # noqa: F811
    # which of the two is the label is the label rules' choice (set 11 says eczema herpeticum; today: AD)
    res = tg[0].tag("Known AD, now EH around the mouth, started aciclovir")
    assert {m.id for m in res.conditions if not m.negated} == {"atopic-dermatitis", "eczema-herpeticum"}


def test_lacy_white_striae_are_a_pattern_not_stretch_marks(tg):  # noqa: F811
    text = "Oral LP: lacy white striae over both buccal mucosae, no erosions"
    res = tg[0].tag(text)
    assert "striae" not in {m.id for m in res.conditions}
    assert "reticulate" in concepts(res)


def test_silent_p_forms():
    assert "sorryasis" in spelling_forms("psoriasis")
    assert "sorryatic" in spelling_forms("psoriatic")
    assert "sorryasis" not in spelling_forms("pityriasis")


@pytest.mark.parametrize("text", [
    "Immunofluorescence pending for a suspected autoimmune blistering disease of the scalp",
    "Blistering skin disease, autoimmune, confirmed on biopsy",
])
def test_blistering_in_a_group_name_is_its_bulla(tg, text):  # noqa: F811
    assert "bulla" in concepts(tg[0].tag(text))

