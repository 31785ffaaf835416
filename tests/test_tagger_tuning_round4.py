"""Tagger changes made after reading the second independent set's errors (reported on, then demoted to a
tuning set; the held-out set is now the third). Development sentences written for each family of errors,
none taken from any evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger import labels_for

from tagger_helpers import concepts, status, tg  # noqa: F401 (tg is a fixture)


@pytest.mark.parametrize("text, want, label", [
    # a dataset's diagnosis code, read through its mapping file (HAM10000 dx, PAD-UFES-20 diagnostic)
    ("image_id: ISIC_0000001, dx: mel, dx_type: histo, age: 50, sex: female, localization: face",
     {"melanoma": "asserted"}, "malignant melanoma"),
    ("image_id: ISIC_0000002, dx: bkl, dx_type: consensus, age: 80, sex: male, localization: chest",
     {"benign-keratosis": "asserted"}, "benign keratosis"),
    ("img_id: PAT_1_2_3.png, diagnostic: SEK, region: FACE, itch: False, grew: False",
     {"seborrheic-keratosis": "asserted", "pruritus": "negated"}, "seborrheic keratosis"),
    # a code that is no code of that field's dataset is left to the other passes
    ("final dx: psoriasis, plaque type", {"psoriasis-vulgaris": "asserted"}, "psoriasis vulgaris"),
    # self-correction and a question answered later
    ("is that a milium no this is actually molluscum contagiosum, look at the central dimple",
     {"milia": "negated", "molluscum-contagiosum": "asserted"}, "molluscum contagiosum"),
    ("we first thought lichen planus but on dermoscopy it's clearly a psoriasis plaque",
     {"lichen-planus": "negated", "psoriasis": "asserted"}, "psoriasis"),
    ("residents often call this cellulitis but it's not an infection at all it's stasis dermatitis",
     {"cellulitis": "negated", "stasis-dermatitis": "asserted"}, "stasis dermatitis"),
    ("could it be a lipoma or an epidermoid cyst well there is a punctum so it's an epidermoid cyst",
     {"lipoma": "negated", "epidermoid-cyst": "asserted"}, "epidermoid cyst"),
    # teaching rules and differentials are not this patient's finding
    ("whenever you see a herald patch followed by smaller ovals think pityriasis rosea",
     {"pityriasis-rosea": "uncertain"}, ""),
    ("The differential diagnosis includes sporotrichosis (especially in gardeners), nocardiosis, "
     "atypical mycobacterial infection and leishmaniasis.",
     {"sporotrichosis": "uncertain", "nocardiosis": "uncertain", "atypical-mycobacterial-infection": "uncertain",
      "cutaneous-leishmaniasis": "uncertain"}, ""),
    ("Secondary syphilis should be included in the differential diagnosis of a palmar rash.",
     {"secondary-syphilis": "uncertain"}, ""),
    ("Irritant contact dermatitis was not observed in any of the volunteers.",
     {"irritant-contact-dermatitis": "negated"}, ""),
    # a bracketed gloss between the finding and its post-trigger
    ("Irritant contact dermatitis (skin irritation) was not observed in the patch-tested volunteers.",
     {"irritant-contact-dermatitis": "negated"}, ""),
    # a physician's "favour a diagnosis of" is a hedge ("diagnosis of" no longer ends its scope)
    ("On balance I favour a diagnosis of lichen planopilaris.", {"lichen-planopilaris": "uncertain"},
     "lichen planopilaris"),
    # the course of a disease is no past history
    ("The natural history of molluscum contagiosum in children.", {"molluscum-contagiosum": "asserted"},
     "molluscum contagiosum"),
    # coordination: "basal cell and squamous cell carcinomas"
    ("Mohs surgery for basal cell and squamous cell carcinomas of the nose.",
     {"basal-cell-carcinoma": "asserted", "squamous-cell-carcinoma": "asserted"}, "basal cell carcinoma"),
])
def test_scope_and_fields(tg, text, want, label):
    t, onto = tg
    res = t.tag(text)
    assert status(res) == want
    assert labels_for(res, onto)["disease_label"] == label


@pytest.mark.parametrize("text", [
    # businesses, eye tumours, organisms, laboratory viruses, phototesting and other organs
    "Hives Records signed two new bands this spring.",
    "Psoriasis Labs Inc. announced its quarterly results.",
    "Proton beam therapy for choroidal melanoma preserved vision in most eyes.",
    "Blastomyces dermatitidis conidia were counted under the microscope.",
    "Varicella zoster virus glycoprotein E was purified from transfected cells.",
    "The minimal erythema dose was lowered after psoralen intake.",
    "Risk of pharyngocutaneous fistula after salvage laryngectomy.",
])
def test_not_findings(tg, text):
    t, onto = tg
    res = t.tag(text)
    assert [m.id for m in res.conditions] == []
    assert labels_for(res, onto)["disease_label"] == ""


@pytest.mark.parametrize("text, cond, conc", [
    # a morphology adjective anywhere in the name; catalogue order keeps it too
    ("Prurigo nodularis on the shins of an elderly man.", "prurigo-nodularis", {"nodule"}),
    ("disease: basal-cell-carcinoma-nodular", "nodular-bcc", {"nodule"}),
    # the words of a dataset's diagnosis field name the diagnosis, not a concept of the same words
    ("DDI_file: 000001.png, skin_tone: 12, malignant: FALSE, disease: scar", "cutaneous-scar", set()),
    # synonyms real sources use
    ("Vulvar melanoma: a review of 20 cases.", "mucosal-melanoma", set()),
    ("Desmoplastic malignant melanoma of the scalp.", "desmoplastic-melanoma", set()),
    ("Multiple cutaneous osteomas on the face.", "osteoma-cutis", set()),
    ("Cutaneous necrotizing venulitis after a new drug.", "leukocytoclastic-vasculitis", set()),
    ("Botulinum toxin for axillary odour.", "bromhidrosis", set()),
    ("Perianal condylomas in an adult.", "condyloma-acuminatum", set()),
    ("Screening for keratinocyte skin cancer in transplant recipients.", "malignant-non-melanocytic", set()),
])
def test_names_and_concepts(tg, text, cond, conc):
    t, _ = tg
    res = t.tag(text)
    assert [m.id for m in res.conditions if not m.negated] == [cond]
    assert concepts(res) == conc


def test_fluorescence_colour_and_tunnels(tg):
    t, _ = tg
    res = t.tag("Scaly hypopigmented macules with a yellow fluorescence under Wood's lamp; tinea versicolor.")
    assert "yellow" not in concepts(res)
    res = t.tag("Hurley III hidradenitis suppurativa with draining tunnels in the groin.")
    assert "sinus-tract" in concepts(res)
    res = t.tag("A red papule on the finger that bleeds a lot after minor trauma: pyogenic granuloma.")
    assert "friable" in concepts(res)


def test_uv_is_ultraviolet(tg):
    t, _ = tg
    res = t.tag("UV-protective clothing and sunscreen reduce skin cancer risk.")
    assert "urticarial-vasculitis" not in {m.id for m in res.conditions}
