"""Tagger changes of round 10, made after reading the errors of the tuning sets (gold and independent sets 1-7;
no held-out set was run). Development sentences written for each family of errors, none taken from any
evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger.fuzzy import sound_fold
from tagger_helpers import check, concepts, tg  # noqa: F401 (tg is a fixture)


def negated_concepts(res) -> set[str]:
    return {m.id for m in res.concepts if m.negated}


@pytest.mark.parametrize("text, want", [
    # a named site gives its distribution concept, one lesion's site included (sets 4-7's written convention); since
    # round 28 not for a trunk part (back, chest, flank, scapula) named as one lesion's site (ANNOTATION.md rule 2,
    # sets 10-17), while a site field still gives it
    ("Shave biopsy of a pigmented papule on the left flank.", {"pigmented", "papule"}),
    ("dx: nv; localization: back", {"truncal"}),
    ("Wart, plantar, under the second metatarsal head of the heel.", set()),  # round 32: one fold, palm, sole or heel is one lesion's site (ANNOTATION.md, settled later)
    # a toe alone is one site, no Acral pattern (round 43; sets 12-29 annotate none)
    ("My son keeps getting tinea between his toes after football.", set()),
    ("A painful boil in her groin for five days.", set()),  # round 32: one fold, palm, sole or heel is one lesion's site (ANNOTATION.md, settled later)
    # an eyelid alone is one site, no Periorificial pattern (round 43)
    ("Tiny white milia on the lower eyelid of a newborn.", {"white-hypopigmentation", "milium-concept"}),
    # (round 49: lichen planus's "lacy white streaks" in the mouth are the reticulate pattern, no White colour and no
    # dermoscopic Streaks: the tuning sets leave White out in 12 of 13 such texts)
    ("Lacy white streaks on the tongue and inside the cheeks, oral lichen planus.",
     {"reticulate", "mucosal-involvement"}),
    ("Seborrhoeic keratosis, irritated, right scapula", set()),
    # ... not "back" as an adverb, the back of a hand or the neck, a chest radiograph, a header-less CSV row's
    # site column, an excised lesion's old site, nor a site word inside a name
    ("The eczema came back after she stopped the cream.", set()),
    ("Acanthosis nigricans on the back of the neck and in the armpits.", set()),  # round 32: one fold, palm, sole or heel is one lesion's site (ANNOTATION.md, settled later)
    ("Sarcoidosis: erythema nodosum on the shins and a chest X-ray with hilar nodes.", set()),
    ("HAM_0001234,ISIC_0054321,nv,follow_up,45,male,back", set()),
    ("A melanoma was excised from her back in 2019; today a seborrheic keratosis on the cheek.", set()),
    ("Juvenile plantar dermatosis in an atopic boy.", set()),
    # a ring that is the lesion is annular; a ring around something, a target's rings, a ring off the skin are not
    ("A scaly ring on her wrist, clearing in the middle: tinea corporis.", {"scale", "annular"}),
    ("Halo naevus: a brown mole with a pale ring around it.", {"brown-hyperpigmentation", "white-hypopigmentation"}),
    ("Erythema multiforme, target lesions with three rings on the palms.", {"targetoid", "palmoplantar"}),
    ("The ring finger had a wart on it.", set()),
    # one side of the body is unilateral; a band of blisters there is dermatomal; one lesion on the left is neither
    ("A painful stripe of vesicles on one side of her forehead, shingles.",
     {"vesicle", "unilateral", "dermatomal"}),
    ("Port-wine stain on the right side of the face since birth.", {"unilateral"}),
    ("A seborrheic keratosis on the left flank.", set()),
    ("Figure 2. The right side of the plot shows red and blue curves.", set()),
    # the site's span does not carry another finding's negation or history
    ("No mucosal erosions, so pemphigus vulgaris is unlikely; the moles all over his back are unchanged.", {"truncal"}),
])
def test_round10_sites_give_distribution_concepts(tg, text, want):
    t, _ = tg
    assert concepts(t.tag(text)) == want, text


def test_round10_site_negated_with_its_own_trigger(tg):
    t, _ = tg
    res = t.tag("Bullous pemphigoid on the thighs; no mucosal erosions and no oral lesions.")
    assert "mucosal-involvement" in negated_concepts(res)


@pytest.mark.parametrize("text, want, label", [
    # a history after a site stays with its own finding ("a mole on my back" is not "last year's")
    ("There's a brown mole on my chest that got bigger than last summer.",
     {"melanocytic-nevus": "asserted"}, "melanocytic nevus"),
    # physicians' hedges in new wordings: the label, uncertain
    ("Reply (dermatologist): on the photo this looks most like a pompholyx rather than scabies.",
     {"dyshidrotic-eczema": "uncertain", "scabies": "negated"}, "dyshidrosiform eczema"),
    ("GP answer: that sounds more like a cold sore rather than impetigo to me.",
     {"herpes-labialis": "uncertain", "impetigo": "negated"}, "herpes labialis"),
    ("The pearly edge and the telangiectases raise the possibility of a basal cell carcinoma.",
     {"basal-cell-carcinoma": "uncertain"}, "basal cell carcinoma"),
    ("Looks to me like a dermatofibroma, it dimples when you pinch it.", {"dermatofibroma": "uncertain"},
     "dermatofibroma"),
    ("The ulcer on the shin may represent pyoderma gangrenosum in a patient with colitis.",
     {"pyoderma-gangrenosum": "uncertain"}, "pyoderma gangrenosum"),
    ("In my opinion this is a lichen planus, given the Wickham striae.", {"lichen-planus": "uncertain"},
     "lichen planus"),
    ("I'd lean towards a tinea incognito here after months of steroid cream.", {"tinea-incognito": "uncertain"},
     "tinea incognito"),
    # a group with a disease and what such patients usually do: a general statement
    ("Patients with dermatomyositis frequently report itch that disturbs their sleep.",
     {"dermatomyositis": "uncertain", "pruritus": "asserted"}, ""),
    ("Children with epidermolysis bullosa (EB) often develop contractures of the hands.",
     {"epidermolysis-bullosa": "uncertain"}, ""),
    # ... a study's own subjects are not
    ("We followed 60 patients with hidradenitis suppurativa who received adalimumab.",
     {"hidradenitis-suppurativa": "asserted"}, "hidradenitis suppurativa"),
    # lay names: barnacles on skin are seborrheic keratoses, on a hull they are not
    ("My granny has a few brown barnacles on her chest, the GP says they're harmless.",
     {"seborrheic-keratosis": "asserted"}, "seborrheic keratosis"),
    ("Scraping barnacles off the hull of the boat took all weekend.", {}, ""),
    ("My lips are chapped every winter.", {"cheilitis": "asserted"}, "cheilitis"),
    # thrush by where it is
    ("A raw red nappy rash with spots beyond the edge; the health visitor thinks it's thrush.",
     {"diaper-dermatitis": "asserted", "candidiasis": "uncertain"}, "diaper dermatitis"),
    ("A baby with white plaques on the tongue: thrush.", {"oral-candidiasis": "asserted"}, "oral candidiasis"),
    # catalogue order in new forms
    ("Zoster, herpes, ophthalmic division, left.", {"herpes-zoster-ophthalmicus": "asserted"},
     "herpes zoster ophthalmicus"),
    ("Carcinoma, basal cell, nodulo-ulcerative, nasal ala.", {"nodular-bcc": "asserted"},
     "nodular basal cell carcinoma"),
    # an ISIC 2020 row: the benign / malignant column is no qualifier of the diagnosis
    ("ISIC_1234567,IP_7654321,female,55,lower extremity,lichenoid keratosis,benign,0",
     {"lichenoid-keratosis": "asserted"}, "lichenoid keratosis"),
    # "a basal cell" alone is the carcinoma; a basal cell layer is not
    ("ok so is this a basal cell? no, look at the sharp border, it's a seborrheic keratosis",
     {"basal-cell-carcinoma": "negated", "seborrheic-keratosis": "asserted"}, "seborrheic keratosis"),
    ("Path report back: it was a basal cell, excised with clear margins.", {"basal-cell-carcinoma": "asserted"},
     "basal cell carcinoma"),
    ("Keratin 14 marks the basal cell layer of the epidermis.", {}, ""),
    # a report that finds no malignancy rules the malignant node out; "malignancy" alone is no finding
    ("Excision: dermatofibroma, no features of malignancy.", {"dermatofibroma": "asserted", "malignant": "negated"},
     "dermatofibroma"),
    ("No malignancy seen; this is a pilar cyst.", {"malignant": "negated", "pilar-cyst": "asserted"}, "pilar cyst"),
    ("Melanoma is the most feared malignancy of the skin.", {"melanoma": "asserted"}, "malignant melanoma"),
    ("The patch test was negative, so allergy to nickel is unlikely.", {"allergic-contact-dermatitis": "negated"}, ""),
    # "had a new ...": what the patient presents with now; the background before it is never the label
    ("A 70-year-old man with a ten-year history of rosacea had a new pearly papule on the nose, a basal cell "
     "carcinoma on biopsy.", {"rosacea": "asserted", "basal-cell-carcinoma": "asserted"}, "basal cell carcinoma"),
    # what a leaflet, handout or poster says is general; a mnemonic "of" a disease is no finding
    ("The clinic handout says impetigo spreads quickly in nurseries.", {"impetigo": "uncertain"}, ""),
    ("Patient leaflet: shingles is caused by the chickenpox virus waking up.",
     {"herpes-zoster": "uncertain"}, ""),
    ("Quiz time: the ABCDE of melanoma, who remembers the E?", {"melanoma": "uncertain"}, ""),
    ("Tracing the outer leaflet of the plasma membrane in psoriasis keratinocytes.", {"psoriasis": "asserted"},
     "psoriasis"),
    # a transcript's lower-case abbreviations, beside another finding
    ("rolled pearly edge and arborizing vessels on the nose, so thats a bcc", {"basal-cell-carcinoma": "asserted"},
     "basal cell carcinoma"),
    ("a crusted nodule on the lip of a smoker, an scc until proven otherwise",
     {"squamous-cell-carcinoma": "uncertain"}, "squamous cell carcinoma"),
    ("the bp was 140 over 90 and the rash was eczema", {"eczema": "asserted"}, "eczema"),
    # a patients' organisation named after a disease is no finding
    ("The Vitiligo Society runs a helpline on Tuesdays.", {}, ""),
    ("Skin grafts for burned skin of the forearm in children.", {"thermal-burn": "asserted"}, "thermal burn"),
    # speech spelt by ear
    ("and here is bulous pemfigoid in an old man, tense blisters on the thighs",
     {"bullous-pemphigoid": "asserted"}, "bullous pemphigoid"),
    ("a young man with secondary syfilis, the rash on his palms", {"secondary-syphilis": "asserted"},
     "secondary syphilis"),
    ("she has morfea on her thigh, an ivory plaque with a lilac border", {"morphea": "asserted"}, "morphea"),
])
def test_round10_statuses_and_labels(tg, text, want, label):
    check(tg, text, want, label)


def test_round10_sound_fold():
    assert sound_fold("pemfigoid") == sound_fold("pemphigoid")
    assert sound_fold("bulous") == sound_fold("bullous")
    assert sound_fold("syfilis") == sound_fold("syphilis")
    assert sound_fold("oedema") == sound_fold("edema")
    assert sound_fold("purples") != sound_fold("pulpless")  # a fold is no licence for other words


def test_round10_sound_is_not_a_licence(tg):
    """A word that only folds close to a name (not the same sound) is not read as one."""
    t, _ = tg
    assert t.tag("Revitalization in pulpless open apex teeth of rhesus monkeys.").concepts == []
