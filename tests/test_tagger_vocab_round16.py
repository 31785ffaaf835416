"""Vocabulary of round 16 (tuning sets: gold and independent sets 1-11). Families, not strings: EXACT synonyms of
the Human Phenotype Ontology and the Disease Ontology for nodes the ontology maps (kept only where the tagger read
no concept in them and did not already tag the node); a Latin noun-adjective name in English order; a subtype
adjective written "<adjective> type <head>" or after its head in a two-word label; speech-recogniser forms. The
sentences are new, none taken from any evaluation set; each family has its false friends beside it."""

from __future__ import annotations

import pytest

from derm1m_build.tagger.normalise import english_order, name_variants, spelling_forms, subtype_orders
from tagger_helpers import check, concepts, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, want, label", [
    # HPO layperson and UK-spelling synonyms, Disease Ontology EXACT synonyms
    ("Her son shows early greying at fourteen.", {"canities": A}, "canities"),
    ("Flexural prurigo Besnier since infancy, worse each winter.", {"atopic-dermatitis": A}, "atopic dermatitis"),
    ("He reports a lack of sweating on the trunk when he runs.", {"hypohidrosis": A}, "hypohidrosis"),
    ("Biopsy: inflammation of fat tissue, septal pattern.", {"panniculitis": A}, "panniculitis"),
    ("Photosensitive skin rashes on the backs of both hands every spring.", {"photodermatoses": A},
     "photodermatoses"),
    ("Giant urticaria of the lips after ibuprofen.", {"angioedema": A}, "angioedema"),
    ("Achromasia of skin and hair from birth.", {"albinism": A}, "oculocutaneous albinism"),
    ("A plicated tongue is a normal variant.", {"fissured-tongue": A}, "fissured tongue"),
    ("Monilial vulvovaginitis after a course of antibiotics.", {"vulvovaginal-candidiasis": A},
     "vulvovaginal candidiasis"),
    ("Tufted hemangioma on the shoulder of an infant.", {"tufted-angioma": A}, "tufted angioma"),
    # not added: a synonym that another lesion shares ("keratin cyst" is milia too), or one that would swallow the
    # concepts the words state ("purplish striae" keep the purple colour)
    ("They are milia, tiny keratin cysts around the eyes.", {"milia": A}, "milia"),
    ("Purplish striae on the flanks of a man on steroids.", {"striae": A}, "striae"),
])
def test_ontology_synonyms(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # WordNet 3.0 lemmas of synsets that hold a node's name (the same concept guard; organisms, plants and people
    # in those synsets left out)
    ("Eczema marginatum in the groin of a runner.", {"tinea-cruris": A}, "tinea cruris"),
    ("A Delhi boil on the forearm after travel.", {"cutaneous-leishmaniasis": A}, "cutaneous leishmaniasis"),
    ("Rum nose in an elderly drinker.", {"rhinophyma": A}, "rhinophyma"),
    ("Three-day measles in an unvaccinated child.", {"rubella": A}, "rubella"),
    ("Werlhof disease with petechiae on the shins.", {"thrombocytopenic-purpura": A}, "thrombocytopenic purpura"),
    ("A cheloid on the earlobe after piercing.", {"keloid": A}, "keloid"),
])
def test_wordnet_synonyms(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_a_synonym_keeps_the_concepts_in_its_words(tg):  # noqa: F811
    t, _ = tg
    assert concepts(t.tag("Purplish striae on the flanks of a man on steroids.")) >= {"purple"}
    assert concepts(t.tag("A firm lump under the skin of the forearm.")) == {"nodule"}
    assert concepts(t.tag("Tache noire at the bite site, then fever.")) == {"eschar"}


@pytest.mark.parametrize("text, want, label", [
    ("Total alopecia of the scalp within six months.", {"alopecia-totalis": A}, "alopecia totalis"),
    ("Universal alopecia, eyebrows and lashes included.", {"alopecia-universalis": A}, "alopecia universalis"),
    ("An annular granuloma on the dorsum of the hand.", {"granuloma-annulare": A}, "granuloma annulare"),
    ("Suppurative hidradenitis of both axillae.", {"hidradenitis-suppurativa": A}, "hidradenitis suppurativa"),
    ("Gangrenous pyoderma at the ileostomy.", {"pyoderma-gangrenosum": A}, "pyoderma gangrenosum"),
    ("Reticular livedo over the thighs in the cold.", {"livedo-reticularis": A}, "livedo reticularis"),
    # everyday descriptions that are no English order of a name
    ("Toxic erythema from chemotherapy on the palms.", {}, ""),
    ("An infectious erythema on the cheek, probably cellulitis.", {"cellulitis": U}, "cellulitis"),
])
def test_latin_names_in_english_order(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Nodular type malignant melanoma; Breslow 3.1 mm", {"nodular-melanoma": A}, "nodular melanoma"),
    ("Histology: superficial type basal cell carcinoma, margins clear.", {"superficial-bcc": A},
     "superficial basal cell carcinoma"),
    # no head-first order: a predicative adjective, a list without commas in a transcript
    ("Patients with melanoma metastatic to the bowel were reviewed.", {"melanoma": A}, "malignant melanoma"),
    ("My skin burned after the new cream, no blisters.", {}, ""),
    ("the differential includes psoriasis seborrheic dermatitis and tinea capitis",
     {"psoriasis": U, "seborrheic-dermatitis": U, "tinea-capitis": U}, ""),
])
def test_subtype_word_orders(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("and this one is a basel cell carcinomer nodular type on the cheek", {"nodular-bcc": A},
     "nodular basal cell carcinoma"),
    # round 44: "herpes zoster in the ophthalmic division" is a name of herpes zoster ophthalmicus, and the spoken
    # "zosta" is read as it
    ("so herpes zosta in the ophthalmic division here", {"herpes-zoster-ophthalmicus": A}, "herpes zoster ophthalmicus"),
    ("we flew to Basel for the cell biology meeting", {}, ""),
    ("Dermatofibrosarcoma of the trunk, re-excised with wide margins.", {"dfsp": A},
     "dermatofibrosarcoma protuberans"),
])
def test_speech_forms_and_short_names(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_word_form_functions():
    assert english_order("alopecia universalis") == "universal alopecia"
    assert english_order("dermatitis herpetiformis") == "herpetiform dermatitis"
    assert english_order("tinea pedis") is None  # a genitive is no adjective
    assert english_order("erythema toxicum") is None  # an everyday description
    assert english_order("pityriasis rubra pilaris") is None  # two-word names only
    assert subtype_orders("nodular melanoma") == ["nodular type melanoma"]
    assert subtype_orders("superficial basal cell carcinoma") == ["superficial type basal cell carcinoma"]
    assert subtype_orders("metastatic melanoma") == ["metastatic type melanoma"]
    assert subtype_orders("burned skin") == ["burned type skin"]
    assert subtype_orders("tinea pedis") == []
    assert "basel" in spelling_forms("basal") and "zosta" in spelling_forms("zoster")
    forms = name_variants("alopecia universalis")
    assert forms["alopecia universalis"] == 0 and forms["universal alopecia"] == 3


@pytest.mark.parametrize("text, want, label", [
    # another organ's lesion under a skin lesion's name
    ("Nasopharyngeal squamous cell carcinoma treated with chemoradiation.", {}, ""),
    ("An incidental hepatic haemangioma on the abdominal ultrasound.", {}, ""),
    ("Cutaneous neurofibromas on the trunk; a spinal neurofibroma on MRI as well.", {"neurofibroma": A},
     "neurofibroma"),
    # a histological pattern is no eczema; "sporotrichoid" is a pattern of spread, not sporotrichosis
    ("Skin biopsy: granulomatous dermatitis; stains for organisms negative.", {}, ""),
    ("Mycobacterium marinum infection with sporotrichoid spread up the forearm.",
     {"atypical-mycobacterial-infection": A}, "atypical mycobacterial infection"),
    # laboratory tests and a sore throat
    ("Lupus anticoagulant positive; no rash.", {}, ""),
    ("She has a cold sore throat and a blocked nose.", {}, ""),
    ("A cold sore on the upper lip again.", {"herpes-labialis": A}, "herpes labialis"),
])
def test_false_friend_classes(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_organ_lesions_leave_concepts_alone(tg):  # noqa: F811
    t, _ = tg
    assert concepts(t.tag("A pulmonary nodule on the chest CT, no skin findings.")) == set()
    assert "nodule" in concepts(t.tag("A firm skin nodule on the shin."))


def test_subtype_orders_only_for_qualified_names():
    from derm1m_build.ontology import load_ontology
    from derm1m_build.tagger.lexicon import build_lexicon

    lex = build_lexicon(load_ontology())
    assert lex["nodular type malignant melanoma"].targets[0].rank == 3
    assert lex["congenital type nevus"].targets[0].nid == "congenital-nevus"
    assert "melanoma nodular" not in lex and "psoriasis seborrheic" not in lex
    # "burned skin" is a name whose head names no condition: no "burned type skin" key
    assert "burned type skin" not in lex
