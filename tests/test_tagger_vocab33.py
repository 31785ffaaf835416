"""Vocabulary of round 33: false friends that need a guard, and names real catalogues, lay speech and speech
transcripts write that the lexicon lacked.

- "warts and all" is an idiom; an animal's acne or eczema ("feline acne", "canine eczema") is the vet's diagnosis, no
  human disease; "rounds of" a treatment are courses, no round lesion; the throat's, the tonsils' or the eardrum's
  redness is another organ (ANNOTATION.md rule 3).
- "melanoma of unknown primary" (a tumour catalogue's node) is a melanoma metastasis; "hot tub rash" is hot tub
  folliculitis; "rhino nose" is rhinophyma; "calcinosis on the fingertips" and "digital calcinosis" are calcinosis
  cutis; "HFS" abbreviates hand-foot syndrome; "PsO" is psoriasis (not only its plaque form).
- "pillar is" is "pilaris" as a transcript splits it ("keratosis pillar is").
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger import labels_for
from tagger_helpers import tg  # noqa: F401 (a fixture)

A, N, U = "asserted", "negated", "uncertain"


def _status(m) -> str:
    return N if m.negated else U if m.uncertain else A


def conditions(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: _status(m) for m in t.tag(text).conditions}


def concepts(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: (N if m.negated else A) for m in t.tag(text).concepts}


def label(tg, text: str) -> str:  # noqa: F811
    t, onto = tg
    return labels_for(t.tag(text), onto)["disease_label"]


@pytest.mark.parametrize("text", [
    "The memoir tells the story of the village surgery, warts and all.",
    "Feline acne on the tomcat's chin cleared with chlorhexidine wipes from the vet.",
    "The spaniel's canine eczema flared after the move to the farm.",
])
def test_idiom_and_animal_diseases_name_no_condition(tg, text):  # noqa: F811
    assert conditions(tg, text) == {}
    assert label(tg, text) == ""


def test_a_human_acne_beside_the_pet_still_counts(tg):  # noqa: F811
    # the guard covers the animal's phrase only: the owner's own acne is named as before
    assert conditions(tg, "Feline acne on the cat, and acne vulgaris on the owner's back.") == {"acne-vulgaris": A}


def test_rounds_of_treatment_are_no_round_lesion(tg):  # noqa: F811
    text = "Three rounds of ivermectin later the scabies has cleared."
    assert conditions(tg, text) == {"scabies": A}
    assert concepts(tg, text) == {}
    # a round patch is still round
    assert concepts(tg, "one round scaly patch on the shin") == {"round": A, "scale": A, "patch": A}


@pytest.mark.parametrize("text", [
    "Erythema of the pharynx with enlarged tonsils; rapid strep test sent.",
    "Throat redness for two days with a low fever.",
    "Tympanic erythema on the left, the right ear is clear.",
])
def test_another_organs_redness_is_no_erythema(tg, text):  # noqa: F811
    assert concepts(tg, text) == {}


def test_skin_erythema_stays(tg):  # noqa: F811
    assert concepts(tg, "Erythema of the cheeks with fine scale.") == {"erythema": A, "scale": A}


@pytest.mark.parametrize("text, want, lab", [
    ("Cutaneous nodule, left flank: melanoma of unknown primary", {"melanoma-metastasis": A}, "melanoma metastasis"),
    ("After the spa weekend both kids came out in hot tub rash on their tummies",
     {"hot-tub-folliculitis": A}, "hot tub folliculitis"),
    ("Rhino nose in a 70-year-old with long-standing rosacea; laser resurfacing discussed",
     {"rhinophyma": A, "rosacea": A}, "rhinophyma"),
    ("Systemic sclerosis clinic: digital calcinosis now discharging chalky material",
     {"systemic-sclerosis": A, "calcinosis-cutis": A}, "systemic sclerosis"),
])
def test_catalogue_and_lay_names(tg, text, want, lab):  # noqa: F811
    assert conditions(tg, text) == want
    assert label(tg, text) == lab


def test_hfs_abbreviates_hand_foot_syndrome(tg):  # noqa: F811
    text = "Grade 1 HFS with peeling palms on day 10 of capecitabine."
    assert conditions(tg, text) == {"hand-foot-syndrome": A}


def test_pso_is_psoriasis(tg):  # noqa: F811
    text = "Dermatology clinic: PsO on adalimumab, PASI 2."
    assert conditions(tg, text) == {"psoriasis": A}
    assert label(tg, text) == "psoriasis"


def test_pillar_is_heard_for_pilaris(tg):  # noqa: F811
    text = "so here keratosis pillar is on the thighs of a teenager, rough follicular bumps"
    assert conditions(tg, text) == {"keratosis-pilaris": A}
    # "pillar" alone names nothing
    assert conditions(tg, "the lesion sits beside the pillar is what she said") == {}
