"""Vocabulary of round 27: the forms article titles use (set 17's causes, fixed as classes).

- Old and plural names of known conditions: "trichophytosis", "trichophytia inguinalis", "Kaposi's angioreticulosis",
  "Zinsser-Cole-Engman syndrome", "port-wine hemangiomas", "hemangiomas of infancy", "giant pilose nevus",
  "cutis marmorata teleangiectatica", "compositae dermatitis", "progressive scleroderma", "immunoglobulin A
  vasculitis", "the gonococcal arthritis-dermatitis syndrome"; "burns" as a noun phrase only where the phrase
  cannot be the verb ("severe burns", "treatment of burns"); "-induced itching".
- Another organ's vascular tumour or lupus is no skin condition ("choroidal hemangioma", "intracranial cavernous
  angioma", "haemangioma of the optic disc", "cerebral lupus erythematosus"); the skin's own stay.
- "mucositis" states mucosal involvement.
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


@pytest.mark.parametrize("text, want", [
    ("Trichophytia inguinalis in two wrestlers.", {"tinea-cruris": A}),
    ("Trichophytosis in calf handlers on three dairy farms.", {"dermatophytosis": A}),
    ("Kaposi's angioreticulosis of both shins in an elderly man.", {"kaposi-sarcoma": A}),
    ("Zinsser-Cole-Engman syndrome in two brothers of one family.", {"dyskeratosis-congenita": A}),
    ("Pulsed dye laser for port-wine hemangiomas of the cheek.", {"port-wine-stain": A}),
    ("Propranolol for hemangiomas of infancy: a cohort.", {"infantile-hemangioma": A}),
    ("Staged excision of a giant pilose naevus in a toddler.", {"giant-congenital-nevus": A}),
    ("A girl with cutis marmorata teleangiectatica and limb asymmetry.", {"cmtc": A}),
    ("Compositae dermatitis in florists handling chrysanthemums.", {"allergic-contact-dermatitis": A}),
    ("Nailfold changes in progressive scleroderma.", {"systemic-sclerosis": A}),
    ("Renal outcome of immunoglobulin A vasculitis in adults.", {"iga-vasculitis": A}),
    ("The gonococcal arthritis-dermatitis syndrome in a young sailor.", {"disseminated-gonococcal-infection": A}),
    ("Skin grafting after severe burns of the hands.", {"thermal-burn": A}),
    ("Silicone sheets in the treatment of burns.", {"thermal-burn": A}),
    ("Opioid-induced itching after caesarean section.", {"pruritus": A}),
])
def test_title_forms_name_their_condition(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text", [
    "Choroidal hemangioma treated with photodynamic therapy.",
    "Seizures from an intracranial cavernous angioma.",
    "Intraneural haemangioma of the ulnar nerve at the elbow? No: intraneural hemangiomas are rare.",
    "Capillary hemangioma of the optic disc in a boy.",
    "Cerebral lupus erythematosus presenting with psychosis.",
    "It burns when the shower runs hot.",
])
def test_other_organs_and_verbs_name_no_skin_condition(tg, text):  # noqa: F811
    assert conditions(tg, text) == {}


@pytest.mark.parametrize("text, want", [
    ("Discoid lupus erythematosus on the cheek of a smoker.", {"dle": A}),
    ("A solitary basalioma of the nose.", {"basal-cell-carcinoma": A}),
    ("Hepatic haemangioma in an adult and a strawberry haemangioma on her arm.", {"infantile-hemangioma": A}),
])
def test_skin_names_stay(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


def test_a_clipped_title_still_reads_basal_cell_carcinoma(tg):  # noqa: F811
    assert conditions(tg, "Basl cell ca skn face") == {"basal-cell-carcinoma": A}


def test_mucositis_is_mucosal_involvement(tg):  # noqa: F811
    assert concepts(tg, "Painful mucositis and target lesions after a new anticonvulsant.").get(
        "mucosal-involvement") == A


@pytest.mark.parametrize("text", [
    "Streptomyces scabies isolates from potato fields in the delta.",
    "Zoster immune globulin given to a neonate after maternal exposure.",
    "Varicella-zoster immune globulin for a susceptible pregnant nurse.",
])
def test_pathogens_and_products_name_no_condition(tg, text):  # noqa: F811
    assert conditions(tg, text) == {}


def test_the_diseases_themselves_stay(tg):  # noqa: F811
    assert conditions(tg, "Crusted scabies in a care home resident.") == {"crusted-scabies": A}
    assert conditions(tg, "Varicella in an unvaccinated child of four.") == {"varicella": A}


def test_a_central_pit_is_umbilication(tg):  # noqa: F811
    assert concepts(tg, "Soft yellowish papules with a central pit on the forehead.").get("umbilicated") == A
