"""Tagger changes of round 28, the context / label side (tuning sets: gold and independent sets 1-17). Each family is a
mechanism: a trunk part ("back", "chest", "flank", "scapula", "ribs") named as one lesion's site gives no Truncal
distribution (ANNOTATION.md rule 2), while a pattern over the trunk still does; a clause that denies the name right
after it ("... but it is not:") negates it; a clinician's answer in the perfect tense ("the consultant has now told
him it is ...") sets a lay guess aside; a notice's text ("Pharmacy flyer: ...", "Module syllabus: ...") names diseases
in general; a choice still to be made ("will decide between X and Y") leaves both open; what someone was exposed to is
not their finding. Every
sentence is new, none taken from any evaluation set; the guards keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, concepts, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text", [
    "Dermoscopy of a solitary naevus on the right scapula: globular pattern, symmetrical.",
    "The GP froze a single seborrhoeic keratosis on his chest last spring.",
    "Punch biopsy of the pink papule on the left flank confirmed a dermatofibroma.",
    "A tender red lump over her lower ribs turned out to be a furuncle.",
    "Shave, upper back: irritated seborrhoeic keratosis, no atypia.",
])
def test_one_lesion_on_a_trunk_part_is_no_distribution(tg, text):  # noqa: F811
    """One lesion's site on the trunk is where it is, not the Truncal pattern."""
    t, _ = tg
    assert "truncal" not in concepts(t.tag(text)), text


@pytest.mark.parametrize("text", [
    # both halves of the trunk, an eruption all over or across it, a dataset's site field, the trunk itself
    "Dozens of inflamed papules on his chest and back since starting the protein shakes: acne.",
    "Tiny itchy red papules all over the back after the sauna, miliaria.",
    "Fine scaly hypopigmented macules scattered across the upper back: pityriasis versicolor.",
    "dx: mel, dx_type: histo, age: 60, sex: male, localization: chest",
    "Hundreds of small pink papules on the trunk, pityriasis rosea.",
])
def test_a_pattern_over_the_trunk_stays_truncal(tg, text):  # noqa: F811
    """Guards: a pattern over the trunk, a site field, and the trunk itself keep Truncal."""
    t, _ = tg
    assert "truncal" in concepts(t.tag(text)), text


@pytest.mark.parametrize("text, want, label", [
    ("Everyone calls this psoriasis, and it is not: the scale is fine and greasy.", {"psoriasis": N}, ""),
    ("The locum called it impetigo, but it isn't; the crusts sit on punched-out erosions of eczema herpeticum.",
     {"impetigo": N, "eczema-herpeticum": A}, "eczema herpeticum"),
    # guard: a denial of something else that goes on ("but it is not itchy") leaves the name as it was
    ("Psoriasis on both knees but it is not itchy at all.", {"psoriasis": A, "pruritus": N}, "psoriasis"),
])
def test_denied_right_after_the_name(tg, text, want, label):  # noqa: F811
    """"but it is not" closing its clause right after a name negates that name."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("My aunt is sure the patch on my knee is psoriasis; the dermatologist has since said it is nummular eczema.",
     {"psoriasis": N, "nummular-eczema": A}, "nummular eczema"),
    ("My flatmate reckons the spots are scabies; the GP has now told me it is atopic dermatitis.",
     {"scabies": N, "atopic-dermatitis": A}, "atopic dermatitis"),
])
def test_clinician_answer_in_perfect_tense(tg, text, want, label):  # noqa: F811
    """A clinician's answer written "has now told", "has since said" sets the lay guess aside."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("Pharmacy flyer: cold sores are catching, so do not share towels if you have herpes labialis or impetigo.",
     {"herpes-labialis": U, "impetigo": U}, ""),
    ("Module syllabus, dermatology block: acne, rosacea and hidradenitis suppurativa.",
     {"acne-vulgaris": U, "rosacea": U, "hidradenitis-suppurativa": U}, ""),
    ("Surgery handout, page 2: psoriasis is not contagious and often affects the scalp.", {"psoriasis": U}, ""),
    ("Our ward poster: wash hands to stop scabies and impetigo spreading.", {"scabies": U, "impetigo": U}, ""),
    # guard: a meeting's poster is a case, not a notice
    ("Poster presentation: a teenager with guttate psoriasis two weeks after a sore throat.",
     {"guttate-psoriasis": A}, "guttate psoriasis"),
])
def test_notice_heading_makes_mentions_generic(tg, text, want, label):  # noqa: F811
    """What a poster, leaflet, handout or course outline names is a generic mention: uncertain, no label."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("A blistering photodermatosis; the provocation test will decide between polymorphic light eruption and solar "
     "urticaria.", {"photodermatoses": A, "polymorphic-light-eruption": U, "solar-urticaria": U}, "photodermatoses"),
    ("We could not choose between pityriasis rosea and guttate psoriasis from the photographs alone.",
     {"pityriasis-rosea": U, "guttate-psoriasis": U}, ""),
    # guard: a choice already made stays made
    ("We decided on guttate psoriasis after the throat swab grew streptococci.", {"guttate-psoriasis": A},
     "guttate psoriasis"),
])
def test_a_choice_still_to_be_made(tg, text, want, label):  # noqa: F811
    """"will decide between X and Y", "could not choose between": both alternatives open, neither the label."""
    check(tg, text, want, label)


@pytest.mark.parametrize("text, want, label", [
    ("My daughter was exposed to chickenpox at a birthday party on Saturday.", {"varicella": U}, ""),
    ("Code list entry: contact with or exposure to measles", {"measles": U}, ""),
    # guard: a rash the exposure caused is still the finding
    ("Blistering sunburn on both shoulders after exposure to strong sun at the beach.", {"sunburn": A}, "sunburn"),
])
def test_an_exposure_is_not_the_finding(tg, text, want, label):  # noqa: F811
    """"exposed to X", "contact with or exposure to X": X is what the person met, not what they have."""
    check(tg, text, want, label)
