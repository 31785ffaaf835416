"""Vocabulary of round 43: research prose's false friends, neuropathic ulcers, and lay and distribution forms.

- False friends of research prose (ANNOTATION.md rule 3: laboratory words, animals, other organs): a beekeeper's hives
  ("bee hives", "experimental hives", "inspected every hive"); sky names ("the Lupus constellation", "the Crab
  Nebula"); a tumour cell line ("melanoma cell line", "SCC cell lines"); head and neck squamous cell carcinoma (HNSCC,
  the upper aerodigestive tract's mucosal cancer); a study's instruments and plots ("Disease Severity Scale",
  "validated scale to measure", "cluster analysis", "gene clusters", "shown in yellow", "red crosses"); the brain's "glial
  nodules"; "widespread use"; malaria's transmission "via infected mosquito bites".
- Names: a "neuropathic ulcer" is a skin ulcer of any neuropathy (leprosy, diabetes, spina bifida), no longer the
  diabetic foot ulcer; "infected ulcer(s)" is a skin ulcer; "dermatophyte fungal infection" is dermatophytosis;
  methotrexate's "accelerated nodulosis" is rheumatoid nodules; a Latin species epithet ("symmetricus") is no symmetry.
- Concepts: "greasy scale" (Scale); "tight and thickened" (Sclerosis); "smooth and hairless" (Smooth surface); "looks
  lighter than before" (White(Hypopigmentation)); "neck and armpits", "armpits and groin" (Flexural: two flexures);
  "eyebrows and nasolabial folds" (Seborrheic distribution: two seborrhoeic sites); "hands get so dry" (Xerosis);
  "scratch until they bleed" (Excoriation); a guideline's "red flags" (no Red).
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
    # research prose's false friends
    ("The beekeeper checked the bee hives for mites before winter.", {}),
    ("Ten experimental hives were fed sugar syrup through the spring.", {}),
    ("She inspected every hive in the apiary on Sunday.", {}),
    ("We saw the Lupus constellation through the telescope.", {}),
    ("Through the telescope: the Lupus constellation and the Crab Nebula, its hair-like filaments glowing.", {}),
    ("The A2058 melanoma cell line was grown in RPMI medium.", {}),
    ("Squamous cell carcinoma cell lines were irradiated in culture.", {}),
    ("Tumour samples came from patients with head and neck squamous cell carcinoma.", {}),
    ("Transmission occurs via infected mosquito bites at dusk.", {}),
    # names
    ("Two patients developed infected neuropathic ulcers on the soles.", {"skin-ulcer": A}),
    ("A neuropathic ulcer over the first metatarsal head.", {"skin-ulcer": A}),
    # a definition sentence: both names found, read as named in general (round 43's rules)
    ("Tinea cruris is a dermatophyte fungal infection of the groin.", {"tinea-cruris": U, "dermatophytosis": U}),
    ("Accelerated nodulosis on the fingers after two years of methotrexate.", {"rheumatoid-nodule": A}),
    ("methotrexate-induced nodulosis of the hands", {"rheumatoid-nodule": A}),
    # guards: a person's hives, a patient's melanoma and skin SCC, a lay infected bite, a diabetic foot ulcer
    ("I break out in hives after eating shellfish.", {"urticaria": A}),
    ("Each hive fades within a day, but new ones keep coming.", {"urticaria": A}),
    ("Excision confirmed a melanoma on the calf.", {"melanoma": A}),
    ("A cutaneous squamous cell carcinoma on the scalp of a farmer.", {"squamous-cell-carcinoma": A}),
    ("My infected mosquito bite on the ankle is swollen.", {"mosquito-bite": A}),
    ("A diabetic foot ulcer over the heel.", {"diabetic-foot-ulcer": A}),
    ("No relief from the hives at all this week.", {"urticaria": A}),
    # guard: no legend marker is the start of a skin word ("brown bar" would hide "brown barnacles")
    ("Dad calls the brown barnacles on his back his age marks.", {"seborrheic-keratosis": A}),
])
def test_conditions(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("Glial nodules were seen throughout the cortex.", {}),
    ("Itchy plaques were scored on a validated scale to measure itch.", {}),
    ("The Disease Severity Scale was completed for each patient's plaques.", {}),
    ("A cluster analysis of the skin lesions in both groups.", {}),
    ("Two gene clusters were active in lesional skin.", {}),
    ("Lesion biopsies: outliers are marked by red crosses on the plot.", {}),
    ("The widespread use of sunscreen on the skin.", {}),
    ("greasy scale behind the ears", {"scale": A}),
    ("The skin over her fingers is tight and thickened.", {"sclerosis": A}),
    ("a smooth and hairless brown patch", {"smooth-surface": A, "brown-hyperpigmentation": A, "patch": A}),
    ("the skin on his cheek looks lighter than before", {"white-hypopigmentation": A}),
    ("Dark velvety skin in the neck and armpits.", {"flexural": A}),
    ("Red scaly patches on the eyebrows and nasolabial folds.",
     {"red": A, "scale": A, "patch": A, "seborrheic-distribution": A}),
    ("My hands get so dry in winter.", {"xerosis": A}),
    ("Red flags: fever and a spreading rash.", {}),
    ("Conus symmetricus (Sowerby), figured on plate 4.", {}),
    ("Red flag signs in a child with a purple rash.", {"purple": A}),
    ("Every night my ankles itch and I scratch until they bleed.", {"excoriation": A}),
    # guards: a widespread rash, a red cluster of lesions, the Ulcer concept of a neuropathic ulcer
    ("Two patients developed infected neuropathic ulcers on the soles.", {"ulcer": A, "palmoplantar": A}),
    ("a widespread itchy rash", {"generalized": A}),
    ("red lesions in a red cluster", {"red": A, "grouped": A}),
])
def test_concepts(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("Bees were counted at the hive entrance every morning.", ""),
    ("Infected neuropathic ulcers on both feet.", "ulcer"),
    ("My infected mosquito bite on the ankle is swollen.", "mosquito bite"),
])
def test_label(tg, text, want):  # noqa: F811
    assert label(tg, text) == want
