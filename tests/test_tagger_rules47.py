"""Tagger rules of round 47 (tuning sets: gold and independent sets 1-34). A name glossed at once in brackets by
itself or its kin ("suspected basal cell carcinoma (BCC)", "no herpes zoster (shingles)") is one naming: the gloss takes
the status of the name it glosses, where it used to be read alone as asserted and override a hedge or a negation; a
modal's "indeed" ("could indeed be X") hedges as "could well be" does. Every sentence is new, written for these tests,
none taken from any evaluation set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # a hedged name and its bracketed abbreviation: one hedged naming, still a physician's label
    ("Referral for suspected squamous cell carcinoma (SCC) on the dorsum of the left hand.",
     {"squamous-cell-carcinoma": U}, "squamous cell carcinoma"),
    ("Working note: possible actinic keratosis (AK) at the right temple, review in clinic.",
     {"actinic-keratosis": U}, "actinic keratosis"),
    # a negated name and its gloss: nothing asserted, no label
    ("Excision margins clear; no basal cell carcinoma (BCC) remains in the re-excision specimen.",
     {"basal-cell-carcinoma": N}, ""),
    ("Swab and scraping negative for herpes zoster (shingles) along the T6 dermatome.", {"herpes-zoster": N}, ""),
    # the gloss the other way round: the abbreviation first, the full name in brackets
    ("Clinically BCC (basal cell carcinoma) was not suspected on the shin; the plaque is Bowen's disease.",
     {"basal-cell-carcinoma": N, "bowens-disease": A}, "Bowen's disease"),
    # two names, each with its own gloss: the negated one's gloss no longer asserts it
    ("Histology: basal cell carcinoma (BCC), no melanoma (MM) seen.",
     {"basal-cell-carcinoma": A, "melanoma": N}, "basal cell carcinoma"),
])
def test_a_bracketed_gloss_takes_its_names_status(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a gloss by a neighbour in the name's group restates it: one hedged name, the label (no differential of two)
    ("Firm ivory band down the forearm of a nine-year-old, probably linear scleroderma (morphoea); biopsy booked.",
     {"linear-scleroderma": U}, "linear scleroderma"),
    # guard: an asserted name and its gloss stay asserted, the label
    ("Shave biopsy confirmed basal cell carcinoma (BCC) of the nasal ala.", {"basal-cell-carcinoma": A},
     "basal cell carcinoma"),
    # guard: a bracket that says more than the name is no gloss ("eczema ruled out" stays negated, psoriasis asserted)
    ("Psoriasis (eczema ruled out) on both elbows and the natal cleft.", {"psoriasis": A, "eczema": N}, "psoriasis"),
])
def test_guards_for_the_bracketed_gloss(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("The burning along one side of her back could indeed be the early stage of herpes zoster.",
     {"herpes-zoster": U}, "herpes zoster"),
    ("Yes, a ring with a scaly edge may indeed be tinea corporis; a scraping would settle it.",
     {"tinea-corporis": U}, "tinea corporis"),
])
def test_a_modal_indeed_is_a_hedge(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("hmm, it doesn't blanch at all, so scrap cherry angioma, this wet red knob is a pyogenic granuloma",
     {"cherry-angioma": N, "pyogenic-granuloma": A}, "pyogenic granuloma"),
    ("Scrap that psoriasis label from this morning; the greasy scale says seborrheic dermatitis.",
     {"psoriasis": N, "seborrheic-dermatitis": A}, "seborrheic dermatitis"),
    # guard: the noun "scrap" retracts nothing
    ("A scrap of skin from the edge of the psoriasis plaque went to the lab.", {"psoriasis": A}, "psoriasis"),
])
def test_a_spoken_scrap_discards_the_name(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # what everybody calls the case shown, answered later in the sentence by what it is
    ("everybody calls this one eczema, and fair enough it's scaly, but the edge is raised and there's central "
     "clearing, so it's tinea corporis", {"eczema": N, "tinea-corporis": A}, "tinea corporis"),
    ("everyone calls these warts, but look closely: the central dimple says molluscum contagiosum.",
     {"viral-wart": N, "molluscum-contagiosum": A}, "molluscum contagiosum"),
    # what everybody calls it, with no answer: a lay name, no label
    ("Everybody calls this one a cold sore.", {"herpes-labialis": U}, ""),
])
def test_what_everybody_calls_the_case_is_a_lay_name(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # "no consensus" denies an agreement, not the disease: the name and its gloss stay as the sentence states them
    ("Guidelines reach no consensus on treatment for alopecia areata (AA) in children.",
     {"alopecia-areata": A}, "alopecia areata"),
    ("There is no consensus about the best laser for port-wine stain in infants.", {"port-wine-stain": A},
     "port-wine stain"),
])
def test_no_consensus_denies_no_disease(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # guard: a gloss by the name's group or a deeper node stays a node of its own, with the name's status
    ("Diagnosis: lentigo maligna (melanoma in situ), margins clear by 3 mm.",
     {"lentigo-maligna": A, "melanoma-in-situ": A}, "lentigo maligna"),
    ("Possibly a desmoplastic melanoma (melanoma) of the scalp; re-excision advised.",
     {"desmoplastic-melanoma": U, "melanoma": U}, "desmoplastic melanoma"),
])
def test_guards_a_group_gloss_stays(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
