"""The `disease_label` choice, round 53 (tuning sets: gold and independent sets 1-38; the errors read on sets 35-38's
written parts, the rules checked on every tuning set). An infection beats the eczema it sits on or is ringed by; a
finding that is how a named disease shows gives way to it (a histological pattern, angioedema beside urticaria, a herpes
infection beside the disease it sets off, a morbilliform rash beside DRESS); lupus's signs (the malar rash,
photosensitivity, mouth ulcers) and Behcet disease's mouth ulcers give the label to the disease. Every sentence is new,
written for these tests, none taken from any evaluation set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

from derm1m_build.tagger.labels import FORM_OF, GIVES_WAY_TO, SYNDROME_SIGNS

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # the eczema round molluscum papules is their halo: the infection is the diagnosis
    ("Eczema has spread around the molluscum contagiosum papules in her armpit.",
     {"eczema": A, "molluscum-contagiosum": A}, "molluscum contagiosum"),
    # eczema herpeticum is herpes simplex over the eczema named before it
    ("Her atopic dermatitis has broken down into punched-out erosions, eczema herpeticum, and she is febrile.",
     {"atopic-dermatitis": A, "eczema-herpeticum": A}, "eczema herpeticum"),
    # guard: a queried eczema herpeticum beside an AD named as current leaves the AD the label (round 46)
    ("AD flare on both elbows, ?EH given a few punched-out erosions.",
     {"atopic-dermatitis": A, "eczema-herpeticum": U}, "atopic dermatitis"),
])
def test_an_infection_beats_the_eczema_it_sits_on(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # the biopsy's pattern gives way to the vasculitis it showed
    ("Punch biopsy: leukocytoclastic vasculitis with granular IgA in vessel walls, so IgA vasculitis.",
     {"leukocytoclastic-vasculitis": A, "iga-vasculitis": A}, "IgA vasculitis"),
    # guard: beside the group's own name the pattern stays the label
    ("Cutaneous vasculitis on the shins; the biopsy shows leukocytoclastic vasculitis.",
     {"vasculitis": A, "leukocytoclastic-vasculitis": A}, "leukocytoclastic vasculitis"),
    # a septal panniculitis gives way to a physician's hedged erythema nodosum
    ("Incisional sample from the calf: a septal panniculitis, vessels intact, appearances fitting erythema nodosum.",
     {"panniculitis": A, "erythema-nodosum": U}, "erythema nodosum"),
    # angioedema comes with the urticaria, which is the label
    ("Urticaria and angioedema after penicillin, both settling on antihistamines.",
     {"urticaria": A, "angioedema": A}, "urticaria"),
    # guard: angioedema alone keeps the label
    ("No wheals at all; the allergist says it is angioedema alone.", {"angioedema": A}, "angioedema"),
    # the virus a swab is sent for is the cause of the hedged eczema herpeticum
    ("Monomorphic punched-out erosions on the face, suggestive of eczema herpeticum; HSV PCR sent.",
     {"eczema-herpeticum": U, "herpes-simplex": A}, "eczema herpeticum"),
    # a cold sore sets off erythema multiforme
    ("Targetoid papules on both palms, probably erythema multiforme set off by the cold sore she had last week.",
     {"erythema-multiforme": U, "herpes-labialis": A}, "erythema multiforme"),
    # a morbilliform drug rash is DRESS's rash
    ("Three weeks into lamotrigine: fever, facial oedema, eosinophilia and a morbilliform eruption; DRESS diagnosed.",
     {"morbilliform-drug-eruption": A, "dress": A}, "drug reaction with eosinophilia and systemic symptoms"),
    # guard: beside a DRESS excluded the rash keeps the label
    ("Morbilliform drug eruption only; DRESS excluded as there is no eosinophilia.",
     {"morbilliform-drug-eruption": A, "dress": N}, "morbilliform drug eruption"),
])
def test_a_finding_gives_way_to_the_disease_it_shows(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # the malar rash and photosensitivity are the hedged lupus's signs (the rash is no second disease beside it:
    # corrections.py's sign reading; the label is the disease's either way)
    ("The malar rash and photosensitivity fit systemic lupus erythematosus; anti-dsDNA is positive.",
     {"photodermatoses": A, "sle": U}, "systemic lupus erythematosus"),
    # guard: the malar rash alone is the label
    ("A malar rash sparing the nasolabial folds.", {"acle": A}, "acute cutaneous lupus erythematosus"),
    # mouth ulcers beside lupus and beside Behcet disease
    ("Mouth ulcers and a photosensitive rash; she has lupus erythematosus, confirmed by serology.",
     {"lupus-erythematosus": A}, "lupus erythematosus"),
    ("Mouth ulcers, genital ulcers and pathergy, Behcet disease confirmed by the rheumatologist.",
     {"aphthous-ulcer": A, "behcet-disease": A}, "Behçet disease"),
])
def test_lupus_and_behcet_signs_give_the_label_to_the_disease(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_round53_tables_name_real_nodes(tg):  # noqa: F811
    _, onto = tg
    for finding, (diseases, groups) in GIVES_WAY_TO.items():
        assert finding in onto.conditions and (diseases | groups) <= set(onto.conditions), finding
    for form, grounds in FORM_OF.items():
        assert form in onto.conditions and grounds <= set(onto.conditions), form
    for sign, syndromes in SYNDROME_SIGNS.items():
        assert sign not in syndromes and syndromes <= set(onto.conditions), sign
