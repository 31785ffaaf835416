"""Vocabulary of round 31: catalogue names as primary-care classifications write them, findings named in a clinic's
words, and false friends from the laboratory and the wardrobe.

- Inverted titles without a comma ("DERMATITIS SEBORRHOEIC", "Dermatitis contact", "Eczema atopic") name the subtype,
  not plain eczema; "flexural dermatitis" is atopic dermatitis and "allergic dermatitis" allergic contact dermatitis.
- Older and one-word spellings: "monilia" (candidiasis), "clubbing of fingernails", "portwine stain", "burn due to
  radiation" (radiodermatitis, not a thermal burn).
- "psoriatic arthritis" is the joint disease, no psoriasis finding; psoriasis named in its own words still is.
- Findings: skin "flushed" red is Erythema ("flushing" alone stays unread, round 30's measured choice); mucous membranes named with their site and "oral and skin involvement" are Mucosal
  involvement; "skin thickening" is Sclerosis; "calcinosis of the fingertips" is calcinosis cutis; "Blaschko's lines"
  is Blaschkoid; "satellites" beside a rash are Satellite lesions.
- Peeling and exfoliation are the Desquamation finding, never a diagnosis: no evaluation set labels a text "desquamation".
- A herpes simplex vector (a laboratory tool) and the clothes moth Tinea pellionella name no finding.
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize("text, want", [
    ("Clinic code list: DERMATITIS SEBORRHOEIC, recurrent on the scalp", {"seborrheic-dermatitis": A}),
    ("Problem list: Dermatitis contact, from hair dye", {"contact-dermatitis": A}),
    ("Problem list: Eczema atopic, childhood onset", {"atopic-dermatitis": A}),
    ("Old problem list: flexural dermatitis since infancy, now settled", {"atopic-dermatitis": A}),
    ("Patch test confirmed allergic dermatitis to nickel in the watch buckle.", {"allergic-contact-dermatitis": A}),
])
def test_catalogue_dermatitis_names(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("Monilia in the groin folds, clotrimazole started.", {"candidiasis": A}),
    ("Clubbing of fingernails noted; chest X-ray requested.", {"clubbing": A}),
    ("A large portwine stain over the left cheek, present since birth.", {"port-wine-stain": A}),
    ("Burn due to radiation over the chest wall after radiotherapy.", {"radiodermatitis": A}),
    ("Calcinosis of the fingertips in a woman with limited scleroderma.",
     {"calcinosis-cutis": A, "limited-systemic-sclerosis": A}),
])
def test_older_and_one_word_spellings(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


def test_psoriatic_arthritis_is_no_psoriasis(tg):  # noqa: F811
    assert conditions(tg, "Treated for psoriatic arthritis with methotrexate; no skin plaques at all.") == {}
    assert conditions(tg, "Psoriasis of the elbows and psoriatic arthritis of the knees.") == {"psoriasis": A}


@pytest.mark.parametrize("text, want", [
    ("Her cheeks looked flushed after the hot drinks, no papules.", {"erythema": A, "papule": N}),
    ("Small white ulcers on the mucous membranes of the cheek.",
     {"white-hypopigmentation": A, "ulcer": A, "mucosal-involvement": A}),
    ("Chronic graft-versus-host disease with oral and skin involvement.", {"mucosal-involvement": A}),
    ("Skin thickening of both hands and forearms; she has scleroderma.", {"sclerosis": A}),
    ("Whorled brown streaks following Blaschko's lines on the leg.",
     {"brown-hyperpigmentation": A, "streaks": A, "blaschkoid": A}),
    ("Red moist rash in the groin with satellites at the edge.",  # round 32: one fold, palm, sole or heel is one lesion's site (ANNOTATION.md, settled later)
     {"red": A, "satellite-lesions": A}),
])
def test_findings_in_clinic_words(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("The lab used a herpes simplex vector to deliver the gene.", {}),
    ("A herpes simplex sore on her lower lip again.", {"herpes-simplex": A}),
    ("Tinea pellionella larvae had eaten holes in the woollen scarf.", {}),
    ("Tinea cruris in a rugby player.", {"tinea-cruris": A}),
])
def test_laboratory_and_moth_false_friends(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text", [
    "Peeling skin on both palms a week after the fever.",
    "Exfoliation over the trunk and limbs a week after the fever.",
])
def test_peeling_is_a_finding_not_a_diagnosis(tg, text):  # noqa: F811
    assert conditions(tg, text) == {}
    assert "desquamation-concept" in concepts(tg, text)
