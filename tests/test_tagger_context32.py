"""Tagger changes of round 32, the rules side (tuning sets: gold and independent sets 1-19). A distribution concept
describes a pattern (ANNOTATION.md, "Decisions settled later"): one armpit, one groin, one palm, one sole, a heel or
a single plantar lesion is a site and gives none; two kinds of fold named together, both palms or both soles, or a
dataset's site field give the distribution. A named subtype after a slash, after "of the ... type" or after the
name's other words is read in catalogue order, as is a field's "=". A sign that is a catalogue list's own entry
stays a finding. Statuses a sentence's frame sets: a dismissal ("told it is just X") the text overrules, a study's
criteria (hypothetical), "unlikely for his X" (X stated), a referral writer's "I think" / "fairly sure" (a
physician's hedge: the label), "not cancer" beside a named finding (negated), a resolved condition (a history, not
a negation). Every sentence is new, none taken from any evaluation set; the guards keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, concepts, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,absent", [
    ("A solitary pedunculated skin tag in the left axilla, snipped off in clinic.", "flexural"),
    ("Erythrasma: a brown patch in the groin that glows coral red under the Wood lamp.", "flexural"),
    ("Known hidradenitis, Hurley II, axillae; started on a biologic.", "flexural"),
    ("Dermoscopy of a pigmented macule on the sole shows a parallel furrow pattern: acral naevus.", "palmoplantar"),
    ("Acral lentiginous melanoma on the left heel, Breslow 2.1 mm.", "palmoplantar"),
    ("The palmar lesion is a pyogenic granuloma that bleeds on contact.", "palmoplantar"),
    ("A wart on the right palm of a ten-year-old, frozen twice.", "palmoplantar"),
])
def test_one_lesions_site_gives_no_distribution(tg, text, absent):  # noqa: F811
    assert absent not in concepts(tg[0].tag(text)), text


@pytest.mark.parametrize("text,present", [
    # two kinds of fold named together are the pattern
    ("Inverse psoriasis with glazed red plaques in the armpits and the groin.", "flexural"),
    # a dataset's site field names the region
    ("diagnosis: lipoma; location: axilla", "flexural"),
    ("case 12 | site: palm | label: dyshidrotic eczema", "palmoplantar"),
    # both palms, both soles
    ("Targetoid lesions scattered over both palms a week after a cold sore: erythema multiforme.", "palmoplantar"),
    ("Sterile yellow pustules on the soles of a smoker, palmoplantar pustulosis.", "palmoplantar"),
])
def test_a_pattern_or_a_site_field_gives_the_distribution(tg, text, present):  # noqa: F811
    assert present in concepts(tg[0].tag(text)), text


@pytest.mark.parametrize("text,want,label", [
    # a subtype after a slash, among a record's other fields
    ("Psoriasis / guttate type / trunk and thighs", {"guttate-psoriasis": A}, "guttate psoriasis"),
    ("Basal cell carcinoma / nodular subtype / left cheek", {"nodular-bcc": A}, "nodular basal cell carcinoma"),
    # a field's "=" is a colon
    ("dx=Naevus, blue; site=scalp", {"blue-nevus": A}, "blue nevus"),
    ("BCC; variant = superficial; margins clear", {"superficial-bcc": A}, "superficial basal cell carcinoma"),
    # "of the ... type" and a subtype after the name's other words
    ("Curettage specimen: a seborrhoeic keratosis of the irritated type, no atypia.",
     {"irritated-seborrheic-keratosis": A}, "irritated seborrheic keratosis"),
    ("Melanoma with a vertical growth phase, nodular type, 4 mm thick.", {"nodular-melanoma": A}, "nodular melanoma"),
    # guard: a type that names no subtype changes nothing
    ("Psoriasis vulgaris in a man with blood type O.", {"psoriasis-vulgaris": A}, "psoriasis vulgaris"),
])
def test_a_named_subtype_is_read_in_catalogue_order(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a sign that is a list's own entry is a finding, the first-named the label
    ("bruising; eczema", {"ecchymosis": A, "eczema": A}, "ecchymosis"),
    ("purpura S21, psoriasis S91", {"purpura": A, "psoriasis": A}, "purpura"),
    # guard: a sign whose entry goes on to its site still describes the diagnosis beside it
    ("IgA vasculitis after a sore throat; palpable purpura over both shins.", {"iga-vasculitis": A},
     "IgA vasculitis"),
])
def test_a_sign_that_is_a_list_entry_stays(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a dismissal the text overrules
    ("Biopsy confirmed lichen planus; for a year she had been told it was only eczema.",
     {"lichen-planus": A, "eczema": N}, "lichen planus"),
    # guard: alone, the naming stays
    ("He was told it is just eczema and to moisturise.", {"eczema": A}, "eczema"),
    # a study's criteria are hypothetical, neither negated nor this patient's
    ("Inclusion criteria: adults with moderate to severe atopic dermatitis.", {"atopic-dermatitis": U}, ""),
    ("The registry excluded patients with lupus; this woman has dermatomyositis.",
     {"lupus-erythematosus": U, "dermatomyositis": A}, "dermatomyositis"),
    # what is unlikely is the cause; the patient's own diagnosis after "for her" stands
    ("Patch tests were negative, which makes an allergic cause improbable for her hand eczema.",
     {"hand-eczema": A}, "hand eczema"),
])
def test_a_frame_sets_the_status(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a referral writer's belief is a physician's hedge: the label
    ("Dear colleague, thank you for seeing this man with a scaly plaque on the shin. I think this is Bowen disease.",
     {"bowens-disease": U}, "Bowen's disease"),
    ("Advice and guidance: itchy violaceous papules on the wrists. I am fairly sure these are lichen planus.",
     {"lichen-planus": U, "pruritus": A}, "lichen planus"),
    # guard: a patient's "I think" in a forum post is a guess
    ("I think it is ringworm, any ideas what cream to buy?", {"tinea-corporis": U}, ""),
])
def test_a_referral_writers_belief_is_a_hedged_diagnosis(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("The derm froze it, a seborrhoeic keratosis and not cancer at all.",
     {"seborrheic-keratosis": A, "malignant": N}, "seborrheic keratosis"),
    # guard: cancer of another organ or of patients is no statement about the lesion
    ("No cancer patients were enrolled; the rash is pityriasis rosea.", {"pityriasis-rosea": A}, "pityriasis rosea"),
])
def test_not_cancer_beside_a_named_finding_is_negated(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_a_resolved_condition_is_history_not_negated(tg):  # noqa: F811
    t, onto = tg
    from derm1m_build.tagger import labels_for

    res = t.tag("Her impetigo has resolved with fusidic acid; the new lesion on the shin is a dermatofibroma.")
    got = {m.id: (m.negated, m.historical) for m in res.conditions}
    assert got == {"impetigo": (False, True), "dermatofibroma": (False, False)}
    assert labels_for(res, onto)["disease_label"] == "dermatofibroma"


def test_a_new_rash_after_now_makes_the_old_diagnosis_background(tg):  # noqa: F811
    """One armpit no longer gives a distribution concept, so the new rash after "now" is the only sign of a second
    finding: the diagnosis named before it is still background (history), and nothing is the label."""
    t, onto = tg
    from derm1m_build.tagger import labels_for

    res = t.tag("Had eczema as a teenager and now there is a strange new rash in my left armpit, what could it be?")
    assert [(m.id, m.historical) for m in res.conditions] == [("eczema", True)]
    assert labels_for(res, onto)["disease_label"] == ""
