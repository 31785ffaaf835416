"""Vocabulary of round 44: wound-care names, research prose's false friends, and concept forms.

- Names: the diabetic foot ulcer as wound-care titles write it ("foot ulcers in diabetic patients", "foot ulcers in
  people with diabetes", "a diabetic foot" with its ulcer; a "diabetic foot screening" or clinic is no finding);
  "pressure lesions" (pressure ulcer); "chronic leg / lower limb / skin wounds" (skin ulcer); "metastases of melanoma"
  (melanoma metastasis); "herpes zoster of the ophthalmic division", "shingles in the ophthalmic branch" (herpes zoster
  ophthalmicus).
- False friends (ANNOTATION.md rule 3: other organs, laboratory words, animals, people): "multiple sclerosis",
  "amyotrophic lateral sclerosis" (no Sclerosis; systemic sclerosis keeps it); a cell biologist's "extracellular /
  lipid vesicles" (no Vesicle); the wolf's subspecies "Canis lupus lupus"; "Black and Latinx patients", "Black or
  African American" (no Black); a "burns office" (no burn); "to mimic sunburn in vitro", "a sunburn model",
  "experimental burn wounds" in rats, "apoptosis in skin cancer cells" (no finding); "a scale for healing" (no Scale).
- Concepts: "sharply edged" (Well-demarcated); "firm on palpation" (Induration); "behind both knees" (Flexural); "a
  dimple right in the centre" (Umbilicated); "fine vessels" (Telangiectasia); "a smooth round bald patch" (Smooth
  surface and Round); "dry, cracked skin" (Xerosis and Fissure); "linear streaks" of blisters (Linear, no dermoscopic
  Streaks: sets 4, 5, 9, 18 and 31 annotate Linear alone there, Streaks only in dermoscopy).
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
    # wound-care names
    ("Offloading of foot ulcers in diabetic patients: a randomised trial", {"diabetic-foot-ulcer": A}),
    ("Healing rates of foot ulcers in people with diabetes treated in a wound clinic", {"diabetic-foot-ulcer": A}),
    ("Photograph of a diabetic foot with a deep plantar ulcer under the hallux.", {"diabetic-foot-ulcer": A}),
    ("Classification of heel pressure lesions in nursing-home residents", {"pressure-ulcer": A}),
    ("Dressings for chronic leg wounds: a systematic review", {"skin-ulcer": A}),
    ("Topical oxygen for chronic lower limb wounds", {"skin-ulcer": A}),
    ("Lymph node metastases of melanoma were excised from the groin.", {"melanoma-metastasis": A}),
    ("Herpes zoster of the ophthalmic division with vesicles on the nasal tip.", {"herpes-zoster-ophthalmicus": A}),
    ("Shingles in the ophthalmic branch: refer to the eye clinic today.", {"herpes-zoster-ophthalmicus": A}),
    # guards: a foot ulcer named alone, as a heading writes it (the diabetic forms above begin with its words: it is a
    # key of its own so that a text ending in it still reads it; a first draft lost it)
    ("Foot ulcer", {"skin-ulcer": A}),
    ("Healing of foot ulcers", {"skin-ulcer": A}),
    # false friends
    ("Pack structure of grey wolves (Canis lupus lupus) in the Carpathians", {}),
    ("The burns office kept the photographs of her healed skin graft on file.", {}),
    ("Keratinocytes were irradiated with UVB to mimic sunburn in vitro.", {}),
    ("A sunburn model in hairless mice", {}),
    ("Healing of experimental partial-thickness burn wounds in rats treated with honey", {}),
    ("Healing of experimental second-degree burns on the backs of rats", {}),
    ("Curcumin triggers apoptosis in skin cancer cells", {}),
    # guards: a diabetic foot screening (a check, no finding, as before the new "diabetic foot" name), a person's
    # burn, a burns team treating a scald, systemic sclerosis, a lupus named in full
    ("Annual diabetic foot screening by the practice nurse found no problems.", {}),
    ("She has a second-degree burn on the forearm from a kettle.", {"thermal-burn": A}),
    ("Burns to the face and hands after a gas explosion.", {"thermal-burn": A}),
    ("Our burns team reviewed the scald dressing on the child's forearm.", {"thermal-burn": A}),
    ("Systemic sclerosis with tight shiny skin of the fingers.", {"systemic-sclerosis": A}),
    ("Lupus erythematosus of the cheeks in a young woman.", {"lupus-erythematosus": A}),
])
def test_conditions(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, want", [
    # false friends
    ("Fatigue and resilience in adults living with multiple sclerosis", {}),
    ("Motor neurone loss in amyotrophic lateral sclerosis: a cohort study", {}),
    ("Extracellular vesicles released by keratinocytes carry microRNAs", {}),
    ("Lipid vesicles were loaded with the drug and imaged by electron microscopy", {}),
    ("Access to dermatology care for Black and Latinx patients with psoriasis", {}),
    ("Outcomes of Black or African American women with hidradenitis suppurativa", {}),
    ("Validation of a scale for healing venous leg ulcers", {"ulcer": A}),
    # concept forms
    ("Offloading of foot ulcers in diabetic patients: a randomised trial", {"ulcer": A}),
    ("The doctor saw sharply edged red plaques on both elbows: psoriasis.",
     {"well-demarcated": A, "red": A, "plaque": A}),
    ("A small nodule on the calf, firm on palpation, probably a dermatofibroma.", {"nodule": A, "induration": U}),
    ("Itchy eczema behind both knees since childhood.", {"flexural": A}),
    ("Molluscum contagiosum: pearly papules with a dimple right in the centre.",
     {"pearly": A, "papule": A, "umbilicated": A}),
    ("Close-up of the nose: fine vessels over a pearly papule.", {"telangiectasia": A, "pearly": A, "papule": A}),
    ("A smooth round bald patch on the crown: alopecia areata.", {"smooth-surface": A, "round": A, "patch": A}),
    ("Dry, cracked skin on the knuckles from hand washing.", {"xerosis": A, "fissure": A}),
    ("My lips are dry and cracked skin peels off them.", {"xerosis": A, "fissure": A, "desquamation-concept": A}),
    ("Linear streaks of blisters on the calf after strimming weeds.", {"linear": A, "bulla": A}),
    # guards: systemic sclerosis's hardening, a blister's vesicle, black dots in a wart, dermoscopy's streaks
    ("Dermoscopy: irregular streaks at the rim of the naevus.", {"streaks": A}),
    ("Systemic sclerosis with tight shiny skin of the fingers.", {"sclerosis": A}),
    ("A vesicle on the fingertip of a nurse: herpetic whitlow.", {"vesicle": A}),
    ("Several black dots in the wart after paring.", {"black": A}),
])
def test_concepts(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("Photograph of a diabetic foot with a deep plantar ulcer under the hallux.", "diabetic foot ulcer"),
    ("Lymph node metastases of melanoma were excised from the groin.", "melanoma metastasis"),
    ("Shingles in the ophthalmic branch: refer to the eye clinic today.", "herpes zoster ophthalmicus"),
    ("Pack structure of grey wolves (Canis lupus lupus) in the Carpathians", ""),
    ("A sunburn model in hairless mice", ""),
])
def test_label(tg, text, want):  # noqa: F811
    assert label(tg, text) == want
