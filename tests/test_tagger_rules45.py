"""Tagger rules of round 45 (tuning sets: gold and independent sets 1-32). A lecturer answers another's earlier name
for the lesion ("what he thought was X ... what you're seeing is Y", "the registrar called this X ..., so this is Y"),
and the set-aside name said again afterwards goes with it; a clinician's reply that only doubts the poster's name
leaves it a question; the doubt before "it's" ("not sure it's X") keeps its scope over the name; a leaflet's lower-case
item addressed to the reader ("you're an adult and have X") names the reader's possible condition. Every sentence is
new, written for these tests, none taken from any evaluation set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

from derm1m_build.tagger.guides import READER_ITEM

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # another's mistaken belief in a relative clause, answered by the lecturer
    ("she had been putting antifungal on what she thought was ringworm for months, and what you're seeing is "
     "granuloma annulare", {"tinea-corporis": N, "granuloma-annulare": A}, "granuloma annulare"),
    # a colleague's name for the lesion answered by the speaker
    ("the registrar called this impetigo but the blisters are tense and the patient is eighty, so this is bullous "
     "pemphigoid", {"impetigo": N, "bullous-pemphigoid": A}, "bullous pemphigoid"),
    # the set-aside name said again after the answer is the kind being discussed, not a second finding
    ("the referring doctor called it cellulitis, so this is lipodermatosclerosis, cellulitis is rarely on both legs",
     {"cellulitis": N, "lipodermatosclerosis": A}, "lipodermatosclerosis"),
])
def test_an_earlier_name_answered_by_the_speaker_is_set_aside(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # guard: a third person's plain thought answered by "turned out to be" stays a guess (the gold set's reading)
    ("the GP thought it was cellulitis but it turned out to be erysipelas",
     {"cellulitis": U, "erysipelas": A}, "erysipelas"),
    # guard: no earlier name, "so this is" alone asserts what it names
    ("red scaly plaques on both elbows, so this is psoriasis", {"psoriasis": A}, "psoriasis"),
])
def test_guards_for_earlier_names(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a clinician's reply that only doubts the poster's name: a question again, no label
    ("My daughter's spots are chickenpox, I'm certain. Reply (GP): I'm not sure that's right, chickenpox usually "
     "starts on the trunk and these are only on her hands.", {"varicella": U}, ""),
    ("Pretty sure this is scabies. A (dermatologist): I doubt it, scabies rarely spares the hands like this; please "
     "come in.", {"scabies": U}, ""),
    # the heading form without an article answers too
    # (round 56: "eczema on my eyelids" is the site's subtype, eyelid dermatitis, as set 32 reads "psoriasis on my scalp")
    ("Self-diagnosed with eczema on my eyelids. Dermatologist replied: this is allergic contact dermatitis from "
     "the nail varnish.", {"eyelid-dermatitis": N, "allergic-contact-dermatitis": A}, "allergic contact dermatitis"),
])
def test_a_doubting_or_headed_clinician_reply(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # guard: a reply that agrees keeps the poster's name asserted
    ("Pretty sure my son has impetigo, honey crusts by his nose. Reply (GP): yes, that's impetigo.",
     {"impetigo": A}, "impetigo"),
    # guard: a clinician's doubt about something else, then another diagnosis, sets the poster's name aside
    ("I think this is eczema. Reply (dermatologist): I'm not sure that's right, this is tinea corporis.",
     {"eczema": N, "tinea-corporis": A}, "tinea corporis"),
])
def test_guards_for_replies(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # the doubt before "it's" / "it is" reaches the name
    ("we are not sure it's psoriasis yet", {"psoriasis": U}, ""),
    ("unsure if it is scabies, the burrows are hard to see", {"scabies": U}, ""),
    ("honestly not certain it's ringworm", {"tinea-corporis": U}, ""),
    # guard: the doubt about something else, then a plain statement, stays asserted
    ("I'm not sure it's anything serious, it is psoriasis", {"psoriasis": A}, "psoriasis"),
])
def test_the_doubt_before_its(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a leaflet's lower-case item after "Call 111 if:" names the reader's possible condition
    ("you're a teenager and have impetigo", {"impetigo": U}, ""),
    ("you are breastfeeding and have scabies", {"scabies": U}, ""),
    # a denied one stays denied
    ("you've never had measles and you're pregnant", {"measles": N}, ""),
    # guards: a capitalised sentence to one patient, a teaching imperative, a line with a sentence end inside
    ("You have psoriasis on both elbows", {"psoriasis": A}, "psoriasis"),
    ("you have a classic plaque here. it's psoriasis", {"psoriasis": A}, "psoriasis"),
])
def test_a_leaflet_item_addressed_to_the_reader(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_reader_item_pattern():
    assert READER_ITEM.match("you're an adult") is not None
    assert READER_ITEM.match("you\u2019ve been near") is not None
    assert READER_ITEM.match("you have to think of scabies") is None
    assert READER_ITEM.match("you've got to think of scabies") is None
    assert READER_ITEM.match("young adults with acne") is None
    assert READER_ITEM.match("you can see the plaque") is None


@pytest.mark.parametrize("text,want,label", [
    # a physician's "looks like a classic X" is a hedge (the label), as "looks like X" is
    ("GP here: the silvery plaques on his knees look like classic psoriasis", {"psoriasis": U}, "psoriasis"),
    ("the ring with a scaly edge looks like a classic tinea corporis", {"tinea-corporis": U}, "tinea corporis"),
    # guard: "classic X" alone states it
    ("classic lichen planus on the wrists", {"lichen-planus": A}, "lichen planus"),
])
def test_looks_like_a_classic(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a sign stated in the negative describes the lesion: it denies no name after it
    ("red dots on the calves that do not blanch with pressure: purpura", {"purpura": A}, "purpura"),
    ("tiny red spots on her ankles which don't fade under a glass tumbler: purpura after the viral illness",
     {"purpura": A}, "purpura"),
    # guard: a plain denial still negates
    ("no purpura on the legs and no vasculitis", {"purpura": N, "vasculitis": N}, ""),
])
def test_a_sign_stated_in_the_negative(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # names given as examples of a class are its members, not a finding
    ("Other conditions like scabies can look the same", {"scabies": U}, ""),
    ("skin conditions such as psoriasis flare in winter", {"psoriasis": U}, ""),
    # guard: the condition stated outright
    ("this rash is psoriasis", {"psoriasis": A}, "psoriasis"),
])
def test_examples_of_a_class(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # round 44's "become(s) more common" general statement reaches the pass through the speed gate as well
    ("Solar lentigines become more common with age.", {"solar-lentigo": U}, ""),
    ("Seborrheic keratoses become more common after fifty.", {"seborrheic-keratosis": U}, ""),
    # guard: a lesion that became sore is this patient's
    ("her seborrheic keratosis became inflamed", {"seborrheic-keratosis": A}, "seborrheic keratosis"),
])
def test_become_more_common_is_general(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
