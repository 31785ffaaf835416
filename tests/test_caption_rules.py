"""The rules back-end: cleaning speech and posts, and metadata read from the cleaned text."""

import pytest

from derm1m_build.captioning.rules import RulesCaptioner, clean, collapse_repeats
from derm1m_build.ontology import load_ontology
from derm1m_build.schema import NO_AGE, NO_BODY_LOCATION, NO_GENDER, NO_SYMPTOMS


@pytest.fixture(scope="module")
def rc():
    return RulesCaptioner.from_ontology(load_ontology())


LECTURE = ("um so welcome back everyone, so here you can see uh well-demarcated erythematous plaques with silvery "
           "scale on the knee, and and this is really the classic picture of psoriasis, you know, so in a 63 year "
           "old woman you would think of psoriasis first. don't forget to subscribe.")


def test_lecture_speech_is_cleaned(rc):
    assert rc.clean(LECTURE) == (
        "Here you can see well-demarcated erythematous plaques with silvery scale on the knee. This is really the "
        "classic picture of psoriasis, in a 63 year old woman you would think of psoriasis first.")


def test_rolling_caption_repeats_stutters_and_artefacts(rc):
    text = ("[Music] >> so here you can see so here you can see the the plaques on her elbows this is psoriasis in "
            "a woman in her 40s and she denies any itch and here we see it again on the knees of the same patient")
    assert rc.clean(text) == ("Here you can see the plaques on her elbows. This is psoriasis in a woman in her 40s "
                              "and she denies any itch. Here we see it again on the knees of the same patient.")
    assert collapse_repeats("no no no. the the the red, red rash") == "no. the red rash"
    assert collapse_repeats("the lesion on the lesion") == "the lesion on the lesion"


def test_chatter_only_sentences_go_and_clinical_sentences_stay(rc):
    text = ("Hi everyone, welcome to my channel. Today is a sunny day in the studio. "
            "This rash on the forearm is itchy. Thanks for watching, hit the bell!")
    assert rc.clean(text) == "This rash on the forearm is itchy."


def test_casing_and_figure_heads(rc):
    assert rc.clean("THIS RASH ON MY BACK IS ITCHY. HELP!!") == "This rash on my back is itchy."
    assert rc.clean("Figure 3. Clinical photograph of vitiligo on the hands") == \
        "Clinical photograph of vitiligo on the hands."
    assert rc.clean("i think i have acne on my chin") == "I think I have acne on my chin."
    assert rc.clean("Figure 1.1 Psoriasis on the elbow: silvery plaques.") == "Psoriasis on the elbow: silvery plaques."
    assert rc.clean("Fig. 2b: melanoma on the back") == "Melanoma on the back."


def test_welcome_back_is_not_a_body_site(rc):
    text = "um so welcome back everyone, this is a plaque of psoriasis on the elbow"
    cleaned = rc.clean(text)
    assert rc.metadata(cleaned).body_location == "arm"
    assert rc.body_location("so let's go back to the slide and come back later") == NO_BODY_LOCATION
    assert rc.body_location("on the other hand, the rash is on her back") == "back"
    assert rc.body_location("a nodule on the back of the hand") == "hand"
    assert rc.body_location("lesions on the face and upper back") == "face, back"
    assert rc.body_location("the sole reason for the rash") == NO_BODY_LOCATION
    assert rc.body_location("Typical sites: chest, back; patients are old") == "trunk, back"


def test_symptoms_with_negation(rc):
    assert rc.symptom_list("No itching, but it is painful and burning.") == "pain, burning"
    assert rc.symptom_list("She denies pain. Pruritic papules.") == "itching"
    assert rc.symptom_list("Asymptomatic papules.") == NO_SYMPTOMS


@pytest.mark.parametrize("text,age", [
    ("a 45-year-old man", "45"), ("a 45 year old man", "45"), ("aged 70", "70"), ("a 33 yo woman", "33"),
    ("a 6-month-old infant", "6 months"), ("a woman in her 60s", "60s"), ("an elderly patient", "elderly"),
    ("a 3-year history of plaques", NO_AGE), ("a 200-year-old tree", NO_AGE),
])
def test_age(rc, text, age):
    assert rc.age(text) == age


@pytest.mark.parametrize("text,gender", [
    ("a 45-year-old man", "male"), ("she has plaques", "female"), ("a 30F with acne", "female"),
    ("a 45 yo M with papules", "male"), ("a boy whose mother has eczema", "male"),
    ("a man and a woman", NO_GENDER), ("a 5 m wide field", NO_GENDER), ("the patient", NO_GENDER),
])
def test_gender(rc, text, gender):
    assert rc.gender(text) == gender


def test_sub_captions_of_multi_panel_figure(rc):
    text = "Figure 2. (A) Erythematous plaques on the knee. (B) nail pitting in the same patient"
    assert rc.sub_captions(text) == [{"panel": "A", "caption": "Erythematous plaques on the knee."},
                                     {"panel": "B", "caption": "Nail pitting in the same patient."}]
    assert rc.sub_captions("A single plaque (A) on the knee.") == []


def test_placeholders_when_nothing_is_said(rc):
    assert rc.metadata("A rash.").as_dict() == {"body_location": NO_BODY_LOCATION, "symptoms": NO_SYMPTOMS,
                                                "age": NO_AGE, "gender": NO_GENDER}


@pytest.mark.parametrize("text,expected", [
    ("so um this is a melanoma, Breslow 1.2 mm, on the back", "This is a melanoma, Breslow 1.2 mm, on the back."),
    ("a 5 mm papule on the nose, um, with telangiectasia", "A 5 mm papule on the nose, with telangiectasia."),
    ("mm okay so this is psoriasis", "This is psoriasis."),
    ("this is a basal cell carcinoma on the nose. It measures 8 mm across. Thanks for watching!",
     "This is a basal cell carcinoma on the nose. It measures 8 mm across."),
    ("Nodular melanoma. Breslow thickness 2.1 mm, Clark level IV.",
     "Nodular melanoma. Breslow thickness 2.1 mm, Clark level IV."),
    ("Keratoacanthoma on the forearm. Diameter 14 mm. Scale bar 50 um.",
     "Keratoacanthoma on the forearm. Diameter 14 mm. Scale bar 50 um."),
])
def test_units_and_measurements_are_clinical_content(text, expected):
    assert clean(text) == expected
