"""Vocabulary of round 29: the concept side of running clinical prose, and a few clinical condition forms.

- "swelling", "swollen" and "edema" are no Induration (a firmness of the skin, not fluid); an "oedematous" plaque
  still is (a palpable lesion).
- "bumps" are papules (the plural only).
- A lone "No erythema." is about skin: Erythema is no colour-only word (the eye's redness stays unread).
- A race word before a person ("a 58-year-old white female") is no White.
- Clinical forms: "port wine mark", "a tear of the skin", "changes of chronic venostasis", "sclerodermatous",
  "irritated SK".
- "erythema marginatum" is no Erythema; "a bump" (one) is no papule; lay and dermoscopic forms ("a dip in the centre", "a squiggly
  line", "parallel furrows").
- False friends: a laboratory's melanoma antigen or antibody, a skin word naming a place, a keratosis's horn cysts.
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from tagger_helpers import tg  # noqa: F401 (a fixture)

A, N = "asserted", "negated"


def conditions(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: (N if m.negated else A) for m in t.tag(text).conditions}


def concepts(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: (N if m.negated else A) for m in t.tag(text).concepts}


@pytest.mark.parametrize("text", [
    "Lower limbs: mild pitting edema to the mid-shin bilaterally.",
    "Her left knee is swollen after the fall.",
    "No swelling of the ankles today.",
])
def test_swelling_and_edema_are_no_induration(tg, text):  # noqa: F811
    assert "induration" not in concepts(tg, text)


@pytest.mark.parametrize("text", ["An indurated plaque on the shin, firm to palpation.",
                                  "Tender oedematous plaques on the neck after a fever."])
def test_induration_still_read(tg, text):  # noqa: F811
    assert concepts(tg, text)["induration"] == A


@pytest.mark.parametrize("text, status", [
    ("He reports several itchy bumps on his forearm since the camping trip.", A),
    ("She denies any new bumps on the scalp.", N),
])
def test_bumps_are_papules(tg, text, status):  # noqa: F811
    assert concepts(tg, text).get("papule") == status


@pytest.mark.parametrize("text", ["No erythema.", "Skin: no erythema noted.", "Wound edges without erythema."])
def test_lone_erythema_is_read(tg, text):  # noqa: F811
    assert concepts(tg, text) == {"erythema": N}


@pytest.mark.parametrize("text", [
    "Conjunctival redness and a gritty feeling after the swim.",
    "Eye redness settled with lubricating drops.",
])
def test_eye_redness_is_no_erythema(tg, text):  # noqa: F811
    assert "erythema" not in concepts(tg, text)


@pytest.mark.parametrize("text", [
    "CHIEF COMPLAINT: a 58-year-old white female seen for follow-up of her knee replacement.",
    "The patient is a pleasant 44-year-old white man with hypertension.",
])
def test_race_word_is_no_white_colour(tg, text):  # noqa: F811
    assert "white-hypopigmentation" not in concepts(tg, text)


def test_white_lesion_still_read(tg):  # noqa: F811
    assert "white-hypopigmentation" in concepts(tg, "Porcelain white patches on both shins.")


@pytest.mark.parametrize("text, nid", [
    ("Our daughter was born with a port wine mark over her right cheek.", "port-wine-stain"),
    ("The elderly man has a tear of the skin on his forearm from the bed rail.", "laceration"),
    ("Both shins show changes of chronic venostasis with brown staining.", "stasis-dermatitis"),
    ("Sclerodermatous thickening of the fingers and forearms.", "scleroderma"),
    ("Left temple: irritated SK, for cryotherapy.", "irritated-seborrheic-keratosis"),
])
def test_clinical_forms(tg, text, nid):  # noqa: F811
    assert conditions(tg, text).get(nid) == A


@pytest.mark.parametrize("text", ["Erythema marginatum on the trunk of a child with carditis.",
                                  "Rheumatic fever: erythema marginatum rheumaticum"])
def test_erythema_marginatum_is_no_erythema(tg, text):  # noqa: F811
    assert "erythema" not in concepts(tg, text)


def test_one_bump_is_no_papule(tg):  # noqa: F811
    assert "papule" not in concepts(tg, "The bump on her knuckle came up after she knocked it on a door.")


@pytest.mark.parametrize("text, cid", [
    ("Small shiny bumps on his thigh, each with a dip in the centre.", "umbilicated"),
    ("A thin squiggly track on the sole that moved overnight after the beach holiday.", "serpiginous"),
    ("Dermoscopy of the instep mole: parallel furrows, symmetrical.", "parallel-furrow-pattern"),
])
def test_lay_and_dermoscopic_forms(tg, text, cid):  # noqa: F811
    assert concepts(tg, text).get(cid) == A


@pytest.mark.parametrize("text", [
    "Western blots used a mouse anti-melanoma antigen antibody from the core facility.",
    "Serum melanoma-associated antigen levels were measured in the healthy volunteers.",
    "Parking for the clinic is behind the shops on Eczema Lane.",
    "The walking group meets at the Lupus Ridge car park on Sundays.",
])
def test_laboratory_and_place_names_are_no_condition(tg, text):  # noqa: F811
    assert conditions(tg, text) == {}


def test_melanoma_drug_title_still_read(tg):  # noqa: F811
    assert conditions(tg, "Early results of a new anti-melanoma agent in mice.") == {"melanoma": A}


def test_horn_cysts_are_no_cyst(tg):  # noqa: F811
    assert "cyst-concept" not in concepts(tg, "Shave, back: seborrhoeic keratosis with horn cysts and acanthosis.")


def test_burn_as_a_verb_is_no_burn(tg):  # noqa: F811
    assert "thermal-burn" not in conditions(tg, "At night her soles burn and turn hot and red; she cools them on tiles.")
    assert conditions(tg, "Scald burns on the forearm from a kettle.") == {"thermal-burn": A}
