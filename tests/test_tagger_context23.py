"""Tagger changes of round 23, the context / label side (tuning sets: gold and independent sets 1-15; families sorted
from the rule errors of set 15, a tuning set since its one held-out run). A disease catalogue's entry, "NAME:
DEFINITION": the label is the subject (the condition opening the name, else the class the definition puts it in, or a
subtype of either named later), never a feature the definition lists; a first naming set aside by "at first we called
it", a spoken "wait, no, those are ..."; a name that "turned out to be" another diagnosis. Every sentence is new, none
taken from any evaluation set; the guards keep the readings the tuning sets agree on."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, want, label", [
    # the subject has no node and the definition names no class: no feature becomes the label (the inherited
    # palmoplantar keratoderma of an autosomal disorder is the hereditary node: vocabulary round 23)
    ("Naegeli syndrome 2: An autosomal dominant disorder characterized by reticulate hyperpigmentation, hypohidrosis "
     "and palmoplantar keratoderma.", {"hypohidrosis": A, "palmoplantar-keratoderma-hereditary": A}, ""),
    # a condition opening a syndrome's compound name is no head of the entry
    ("Keratoderma-leukonychia-deafness syndrome: An autosomal recessive disorder characterized by palmoplantar "
     "keratoderma, sparse hair and white nails.", {"palmoplantar-keratoderma-hereditary": A, "leukonychia": A}, ""),
    # the class is a syndrome's compound name holding a condition: no class
    ("Erythema-ichthyosis-deafness syndrome 3: A form of erythema-ichthyosis-deafness syndrome, a disorder characterized "
     "by generalized ichthyosis and nail dystrophy.", {"ichthyosis": A, "nail-dystrophy": A}, ""),
    # a subtype of the class, named in a later sentence of the definition, is the most specific label
    ("Psoriasis 22: A form of psoriasis, a chronic inflammatory disease of the skin. Generalized pustular psoriasis is a "
     "severe subtype characterized by sterile pustules.", {"psoriasis": A, "pustular-psoriasis": A}, "pustular psoriasis"),
    # the class the definition gives ("A form of leukonychia") beats the name's group and the later feature
    ("Nail disorder, familial, 4: A form of leukonychia, a nail disorder characterized by white discoloration of the "
     "nail plates. Affected individuals also show koilonychia.",
     {"nail-diseases": A, "leukonychia": A, "koilonychia": A}, "leukonychia"),
    # guards: the name's head stays the label; a hyphen compound without "syndrome" keeps its head; the class is kept
    ("Porokeratosis, linear, 3: A form of porokeratosis, a keratinization disorder characterized by annular plaques "
     "with a raised border.", {"porokeratosis": A}, "porokeratosis"),
    ("Vitiligo-related autoimmune disorder 3: A disorder characterized by depigmented patches and thyroiditis.",
     {"vitiligo": A}, "vitiligo"),
    ("Ectodermal dysplasia, hidrotic, 7: A form of ectodermal dysplasia characterized by nail dystrophy and sparse "
     "scalp hair.", {"ectodermal-dysplasia": A, "nail-dystrophy": A}, "ectodermal dysplasia"),
    ("Pachyonychia congenita 9: An autosomal dominant disorder characterized by hypertrophic nail dystrophy, painful "
     "palmoplantar keratoderma and leukokeratosis.",
     {"pachyonychia-congenita": A, "nail-dystrophy": A, "palmoplantar-keratoderma-hereditary": A, "oral-leukoplakia": A}, "pachyonychia congenita"),
    # guards: a clinic heading and a diagnosis field are no catalogue entry (no definition's wording after the colon)
    ("Follow-up: psoriasis on the elbows is better; atopic dermatitis on the hands is worse.",
     {"psoriasis": A, "atopic-dermatitis": A}, "psoriasis"),
    ("Diagnosis: A basal cell carcinoma of the nose with seborrheic keratoses on the cheek.",
     {"basal-cell-carcinoma": A, "seborrheic-keratosis": A}, "basal cell carcinoma"),
])
def test_a_catalogue_entry_is_labelled_by_its_subject(tg, text, want, label):  # noqa: F811
    """"NAME: DEFINITION": the features a definition lists are asserted, never the entry's label."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("At first I called it pityriasis rosea; the serology came back positive, so it is secondary syphilis.",
     {"pityriasis-rosea": N, "secondary-syphilis": A}, "secondary syphilis"),
    ("Initially we all thought it was urticaria; the wheals lasted four days and left brown staining, so we took a "
     "biopsy.", {"urticaria": N}, ""),
    # a spoken retraction answered by a description, no second name
    ("that's a pyogenic granuloma, wait, no, those are two separate bright red papules with a collarette",
     {"pyogenic-granuloma": N}, ""),
    ("okay this one is molluscum, no wait, these are umbilicated papules on a transplant patient, think cryptococcus",
     {"molluscum-contagiosum": N}, ""),
    # what others habitually call it, then the answer after "but"
    ("what the residents always say here is lichen planus, because it is purple, but look at the scale, it's a "
     "psoriasis", {"lichen-planus": N, "psoriasis": A}, "psoriasis"),
    # a name that turned out to be another diagnosis
    ("Our 'eczema' that two creams failed to clear turned out to be tinea corporis.",
     {"eczema": N, "tinea-corporis": A}, "tinea corporis"),
    ("Her 'cold sore' which kept coming back in the same place proved to be a fixed drug eruption.",
     {"herpes-labialis": N, "fixed-drug-eruption": A}, "fixed drug eruption"),
    # guards: a patient's background disease is no subject; a verdict that refines the name keeps it; "at first glance"
    ("A woman with psoriasis whose new rash turned out to be a drug eruption.",
     {"psoriasis": A, "drug-eruption": A}, "drug eruption"),
    ("The eczema turned out to be nummular eczema.", {"eczema": A, "nummular-eczema": A}, "nummular eczema"),
    ("At first glance it is a seborrheic keratosis.", {"seborrheic-keratosis": A}, "seborrheic keratosis"),
])
def test_a_first_naming_replaced(tg, text, want, label):  # noqa: F811
    """"At first we called it X", "X, wait, no, those are ...", "the 'X' ... turned out to be Y": X is set aside."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    # an exclusion still to come, a test the name is worth, two names that cannot be told apart
    ("Lichen planus on the wrists; oral lichen planus not yet ruled out, the mouth was not examined.",
     {"lichen-planus": A, "oral-lichen-planus": U}, "lichen planus"),
    ("Nodular BCC or amelanotic melanoma, cannot tell which without a biopsy.",
     {"nodular-bcc": U, "amelanotic-melanoma": U}, ""),
    # a differential announced before a colon, its list after it
    ("Differential diagnosis for the annular plaque: tinea corporis, granuloma annulare. Scraping sent.",
     {"tinea-corporis": U, "granuloma-annulare": U}, ""),
    # a legend's description, then the diagnosis after its closing colon
    ("Grouped vesicles over atopic eczema on the neck: eczema herpeticum.",
     {"atopic-dermatitis": A, "eczema-herpeticum": A}, "eczema herpeticum"),
    # guards: "I can't tell you" after a stated diagnosis; a heading's colon before a single name
    ("It's psoriasis; I can't tell you how long it will last.", {"psoriasis": A}, "psoriasis"),
    ("Psoriasis: a chronic disease.", {"psoriasis": A}, "psoriasis"),
])
def test_hedges_and_lists_round23(tg, text, want, label):  # noqa: F811
    """"not yet excluded", "can't tell", "differential for ...: A, B", "...: X." as the conclusion."""
    check(tg, text, want, label)
