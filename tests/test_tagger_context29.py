"""Tagger changes of round 29, the context side (tuning sets: gold and independent sets 1-18). Each family is a
mechanism the clinical-prose set showed: a finding that "does not suggest" or no longer worries anyone is negated; a
name someone typed, keyed or that a card was reported as, answered by "I meant", "the real answer is" or "histology
shows", is set aside; a first answer turned down with "but no," is set aside; an alternative named only to say how it
would differ ("a hypertrophic scar would stay within the wound") is set aside. Every sentence is new, none taken from
any evaluation set; the guards keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, status, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    ("The scraping showed no hyphae, so a dermatophyte infection is not suggested; this is pityriasis alba.",
     {"dermatophytosis": N, "pityriasis-alba": A}, "pityriasis alba"),
    ("Biopsy showed spongiosis only, so lichen planus was not favoured; nummular eczema fits.",
     {"lichen-planus": N, "nummular-eczema": A}, "nummular eczema"),
    ("The dermoscopy was reassuring, so we stopped worrying about melanoma; it is a seborrheic keratosis.",
     {"melanoma": N, "seborrheic-keratosis": A}, "seborrheic keratosis"),
    ("After the negative patch tests she is no longer worried about allergic contact dermatitis.",
     {"allergic-contact-dermatitis": N}, ""),
])
def test_a_finding_not_suggested_or_no_longer_feared_is_negated(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("The card was reported as a dermatofibroma; histology shows a dermatofibrosarcoma protuberans.",
     {"dermatofibroma": N, "dfsp": A}, "dermatofibrosarcoma protuberans"),
    ("Slide 4 was labelled as psoriasis; the correct diagnosis is pityriasis rubra pilaris.",
     {"psoriasis": N, "pityriasis-rubra-pilaris": A}, "pityriasis rubra pilaris"),
    ("okay I typed rosacea on that slide, the right answer is perioral dermatitis, note the sparing at the lip",
     {"rosacea": N, "perioral-dermatitis": A}, "perioral dermatitis"),
    ("I said tinea versicolor earlier, I mean vitiligo, look how white these patches are",
     {"tinea-versicolor": N, "vitiligo": A}, "vitiligo"),
])
def test_a_name_typed_or_reported_earlier_and_answered_is_set_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("the quick answer is a dermatofibroma, isn't it? but no, a pink dome with branching vessels and blue grey ovoid "
     "nests on the shoulder, so nodular basal cell carcinoma",
     {"dermatofibroma": N, "nodular-bcc": A}, "nodular basal cell carcinoma"),
    ("the quick answer is a basal cell, isn't it? but no, a firm pink dome that dimples when you pinch it from the "
     "sides, so a dermatofibroma", {"basal-cell-carcinoma": N, "dermatofibroma": A}, "dermatofibroma"),
    # (a first answer taken back without a question: kept as before)
    ("my instinct says keratoacanthoma, but no, the base is flat and scaly, so this is Bowen's disease",
     {"keratoacanthoma": N, "bowens-disease": A}, "Bowen's disease"),
])
def test_a_first_answer_turned_down_with_but_no_is_set_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("This looks like a lipoma; an epidermoid cyst would have a central punctum.",
     {"lipoma": U, "epidermoid-cyst": N}, "lipoma"),
    ("It is a dermatofibroma, whereas a melanoma would show an atypical network.",
     {"dermatofibroma": A, "melanoma": N}, "dermatofibroma"),
])
def test_an_alternative_named_to_say_how_it_would_differ_is_set_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want", [
    # a hedge stays open, a plan is no alternative, one name alone stays, "but no" inside a clause is a negation
    ("This is a basal cell carcinoma; a biopsy would be needed before surgery.", {"basal-cell-carcinoma": A}),
    ("A melanoma would need wider margins.", {"melanoma": A}),
    ("Psoriasis of the elbows but no nail psoriasis.", {"psoriasis": A, "nail-psoriasis": N}),
    ("She has acne but no rosacea.", {"acne-vulgaris": A, "rosacea": N}),
    ("The lesion was reported as a nodular BCC; histology shows a basal cell carcinoma, nodular type.",
     {"nodular-bcc": A}),
])
def test_guards(tg, text, want):  # noqa: F811
    t, _ = tg
    assert status(t.tag(text)) == want, text


@pytest.mark.parametrize("text,want,label", [
    # a report's history section, to the next heading; a list after "history of"; a lesion removed in a past year
    ("PAST MEDICAL HISTORY: Hypertension, psoriasis and gout. CHIEF COMPLAINT: A new pearly nodule on the nose, "
     "likely basal cell carcinoma.", {"psoriasis": A, "basal-cell-carcinoma": U}, "basal cell carcinoma"),
    ("PAST SURGICAL HISTORY: Wide excision of a melanoma from the back.", {"melanoma": A}, ""),
    ("The patient is a 58-year-old man with a history of hypertension, vitiligo and gout who presents with a "
     "burrowing rash, likely scabies.", {"vitiligo": A, "scabies": U}, "scabies"),
    ("A squamous cell carcinoma was excised from his ear in 2019; the lesion on his cheek now looks like an actinic "
     "keratosis.", {"squamous-cell-carcinoma": A, "actinic-keratosis": U}, "actinic keratosis"),
])
def test_history_sections_and_lists_are_background(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # the complaint's own duration, the present illness, a diagnosis dated but present now: unchanged
    ("She has a two-week history of a violaceous rash on the wrists, lichen planus.", {"lichen-planus": A},
     "lichen planus"),
    ("HISTORY OF PRESENT ILLNESS: A 40-year-old with a painful cellulitis of the left leg.", {"cellulitis": A},
     "cellulitis"),
    ("Diagnosed with psoriasis in 2019, she now has plaques on both elbows.", {"psoriasis": A}, "psoriasis"),
])
def test_history_guards(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # an examiner's "appears to have" is a hedge (the label stays); an exam's question or a course's notes name
    # diseases in general (no label)
    ("The child appears to have molluscum contagiosum on both thighs.", {"molluscum-contagiosum": U},
     "molluscum contagiosum"),
    ("Exam question 2: describe the features of pemphigus vulgaris.", {"pemphigus-vulgaris": U}, ""),
    ("Course notes, week 2: acne, rosacea and perioral dermatitis.",
     {"acne-vulgaris": U, "rosacea": U, "perioral-dermatitis": U}, ""),
])
def test_hedged_exam_and_course_notes(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_a_history_section_ends_at_the_next_heading(tg):  # noqa: F811
    check(tg, "Past medical history: psoriasis. Impression: a new scaly annular plaque, tinea corporis.",
          {"psoriasis": A, "tinea-corporis": A}, "tinea corporis")


def test_a_two_letter_heading_ends_a_history_section(tg):  # noqa: F811
    check(tg, "PSH: excision of a lipoma. Dx: seborrhoeic keratosis on the temple.",
          {"lipoma": A, "seborrheic-keratosis": A}, "seborrheic keratosis")


@pytest.mark.parametrize("text,want,label", [
    # an exam named in passing is no heading
    ("Palmar hyperhidrosis since school, it smudges his exam papers.", {"hyperhidrosis": A}, "hyperhidrosis"),
    ("and in the exam they showed this one, the answer is impetigo, honey crusts round the mouth",
     {"impetigo": A}, "impetigo"),
])
def test_an_exam_in_passing_is_no_heading(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a plan for what may happen names no present finding
    ("Adrenaline auto-injector supplied in the event of angioedema after the next dose.", {"angioedema": U}, ""),
    ("Prednisolone was prescribed in the event of another flare of urticaria.", {"urticaria": U}, ""),
])
def test_in_the_event_of_is_a_possibility(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
