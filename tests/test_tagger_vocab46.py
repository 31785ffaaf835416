"""Vocabulary of round 46: a patient record's other-organ words, and the lay, spoken and spelling forms of the conditions
most common in Derm1M's sources.

- False friends: hay fever's and allergic conjunctivitis's itch ("itchy nose", "itchy, watery eyes": no pruritus); the
  gut's redness at endoscopy by its place ("patchy erythema in the sigmoid colon": no Erythema, no Patch); "bruise-like"
  compares a patch with a bruise (no ecchymosis; the patch stays); the "itch mite" (the scabies mite's old name: no
  itch); peripheral vascular disease (an arterial disease, no skin condition).
- Names: "scabies burrows" (scabies and Burrow), "sebderm", "seb dermatitis", "seborrhoic dermatitis", "bacne", "chafed
  skin", "traumatised seborrhoeic keratosis", "nettlerash", "foot fungus", "jock rot", "ring worm", "athelete's foot",
  "basal / squamous cell skin cancer", "urticarial wheals" (urticaria and Wheal), "pityriasis rosae", "bazal cell carcinoma".
- Concepts: "horn of keratin" (Hyperkeratosis); "firm lump" (Nodule and Induration); "around the nose", "ringing the
  eyes" (Periorificial); "blistery" (Bulla); "hard and tight" (Sclerosis).
The sentences are new, none taken from any evaluation set. Guards (named so) pass before and after this round."""

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
    return {m.id: _status(m) for m in t.tag(text).concepts}


def label(tg, text: str) -> str:  # noqa: F811
    t, onto = tg
    return labels_for(t.tag(text), onto)["disease_label"]


@pytest.mark.parametrize("text, want", [
    # allergy symptoms of the nose, eyes and throat are no skin itch
    ("Allergies: pollen. Reaction: sneezing, itchy nose.", {}),
    ("Every May she gets itchy, watery eyes and a blocked nose.", {}),
    ("Itchy throat and itchy nose every spring.", {}),
    # (a guard: the skin's itch stays)
    ("Itchy skin on both shins since the new soap.", {"pruritus": A}),
    # the organism's old name
    ("The itch mite burrows into the skin of the wrist.", {}),
    # peripheral vascular disease names no skin condition; an arterial ulcer beside it is read
    ("Past history: peripheral vascular disease, ex-smoker.", {}),
    ("Peripheral vascular disease and a punched-out arterial ulcer over the lateral malleolus.",
     {"arterial-ulcer": A}),
    # names
    ("Scabies burrows in the web spaces of both hands.", {"scabies": A}),
    ("Flaky red skin in the eyebrows and beside the nose: sebderm.", {"seborrheic-dermatitis": A}),
    ("Greasy scale on the scalp, seb dermatitis flaring in winter.", {"seborrheic-dermatitis": A}),
    ("Seborrhoic dermatitis of the beard area.", {"seborrheic-dermatitis": A}),
    ("Bacne across his shoulders since he started lifting.", {"acne-vulgaris": A}),
    ("Chafed skin in the groin after the marathon.", {"intertrigo": A}),
    ("A traumatised seborrhoeic keratosis caught on the waistband.", {"irritated-seborrheic-keratosis": A}),
    ("Nettlerash after weeding the garden, gone by evening.", {"urticaria": A}),
    ("Foot fungus between the fourth and fifth toes.", {"tinea-pedis": A}),
    ("Jock rot after a week of hiking in the heat.", {"tinea-cruris": A}),
    ("our cat gave the kids ring worm on their arms", {"tinea-corporis": A}),
    ("Athelete's foot again after the swimming season.", {"tinea-pedis": A}),
    ("Basal cell skin cancers on the nose and the temple.", {"basal-cell-carcinoma": A}),
    ("A squamous cell skin cancer of the lower lip in a fisherman.", {"squamous-cell-carcinoma": A}),
    ("Urticarial wheals on the trunk that move within hours.", {"urticaria": A}),
    ("The rash on her back is pityriasis rosae, it will fade.", {"pityriasis-rosea": A}),
    ("a bazal cell carcinoma on the nose of a farmer", {"basal-cell-carcinoma": A}),
    # guards: the plain names
    ("Seborrheic dermatitis of the scalp.", {"seborrheic-dermatitis": A}),
    ("Tinea pedis between the toes.", {"tinea-pedis": A}),
    ("Hives on the chest after penicillin.", {"urticaria": A}),
])
def test_conditions(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, want", [
    # the gut's redness at endoscopy
    # (a guard: an endoscopy word already set the gut's redness aside before this round)
    ("Colonoscopy: patchy erythema in the sigmoid colon, biopsies taken.", {}),
    ("OGD: mild erythema of the gastric antrum, no ulcer.", {"ulcer": N}),
    ("FINDINGS: PATCHY AREA OF ERYTHEMA IN THE RECTUM.", {}),
    # (a guard: the skin's patchy redness stays)
    ("Patchy erythema over both cheeks.", {"patch": A, "erythema": A}),
    # bruise-like compares, the patch or plaque stays (guards: both were read before this round; the bruise is gone,
    # `test_bruise_and_burrow_conditions`)
    ("A bruise-like patch on the forehead of an elderly man that has grown.", {"patch": A}),
    # (a guard: the plaque and its colour were read before this round too)
    ("Violaceous bruise-like plaques on the thigh.", {"purple": A, "plaque": A}),
    # horn, firm lump, around the nose
    ("A horn of keratin on the rim of the ear.", {"hyperkeratosis": A}),
    ("Keratinous horns on the backs of both hands.", {"hyperkeratosis": A}),
    ("A firm lump on the back of the neck, slowly growing.", {"nodule": A, "induration": A}),
    ("Itchy flaky skin around the nose of a toddler.", {"scale": A, "periorificial": A}),
    ("Pale macules ringing the eyes.", {"white-hypopigmentation": A, "macule": A, "periorificial": A}),
    ("A blistery rash on the soles after the new trainers.", {"bulla": A, "palmoplantar": A}),
    ("The skin over the fingers is hard and tight.", {"sclerosis": A}),
    # (a guard: the longer Nodule label "firm lump under the skin" states no induration)
    ("Firm lump under the skin", {"nodule": A}),
])
def test_concepts(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("A bruise-like patch on the forehead of an elderly man that has grown.", {}),
    ("Violaceous bruise-like plaques on the thigh.", {}),
    # (a guard: a bruise is still a bruise)
    ("A big bruise on the shin after a fall.", {"ecchymosis": A}),
    ("Scabies burrows in the web spaces of both hands.", {"scabies": A}),
])
def test_bruise_and_burrow_conditions(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


# guards: a name's key that names a lesion too keeps the lesion
@pytest.mark.parametrize("text, want", [
    ("Scabies burrows in the web spaces of both hands.", {"burrow": A}),
    # (a guard: the Wheal stays when the key names urticaria too)
    ("Urticarial wheals on the trunk that move within hours.", {"wheal": A, "truncal": A}),
])
def test_names_keep_their_lesion(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("Peripheral vascular disease of both legs, on aspirin.", ""),
    # (a guard: no label came from the itch before either, a symptom is never the label)
    ("Reaction: itchy, watery eyes and sneezing.", ""),
    ("Flaky red skin in the eyebrows and beside the nose: sebderm.", "seborrheic dermatitis"),
    ("Basal cell skin cancers on the nose and the temple.", "basal cell carcinoma"),
])
def test_label(tg, text, want):  # noqa: F811
    assert label(tg, text) == want
