"""Vocabulary of round 37: dictionary forms of skin diseases, hair loss in patients' words, spoken and bracketed forms.

- Older and plural dictionary names: "carbunculosis", "angiogranuloma", "adenolipoma", "lipomatosis", "fibroxanthoma"
  (the atypical one keeps its own node), "haemolymphangioma", "oleogranuloma" / "paraffinoma", "phlebangioma",
  "pseudoxanthoma" (elasticum), "syphiloderm" / "syphilide" / "syphiloma", "xanthoerythrodermia (perstans)",
  "pyodermatosis", "pediculosis" (lice with no site named), "erythrokeratodermia", "petechiation"; the nail words
  "onychopathy", "onychatrophy", "onychomalacia", "anonychia", "onychophyma", "onychotillomania" (nail diseases).
- A wen on the scalp is a pilar cyst; a wen elsewhere stays the epidermoid (sebaceous) cyst.
- Spoken and bracketed forms: "acanthosis nigg-ricans", "exogenous och-ro-nosis"; "hypertrophic (verrucous) lichen planus" and "discoid
  (nummular) eczema", a bracket that restates the word before it.
- Lesion words: "verrucose" (warty), "vesicopustules" (vesicle).
- Lesion words: "lace-pattern" (reticulate).
- False friends: "Canis lupus" is the wolf; a conjunctival lymphangioma is the eye's.
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger import labels_for
from derm1m_build.tagger.normalise import normalise_text
from tagger_helpers import tg  # noqa: F401 (a fixture)

A, N, U = "asserted", "negated", "uncertain"


def _status(m) -> str:
    return N if m.negated else U if m.uncertain else A


def conditions(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: _status(m) for m in t.tag(text).conditions}


def concepts(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: (N if m.negated else A) for m in t.tag(text).concepts}


def label(tg, text: str) -> str:  # noqa: F811
    t, onto = tg
    return labels_for(t.tag(text), onto)["disease_label"]


@pytest.mark.parametrize("text, want", [
    ("Recurrent carbunculosis of the neck in a diabetic farmer.", {"carbuncle": A}),
    ("The old term angiogranuloma was used for this bleeding lip lesion.", {"pyogenic-granuloma": A}),
    ("An adenolipoma was shelled out from the thigh.", {"lipoma": A}),
    ("Multiple lipomatosis of the forearms, soft and painless.", {"lipoma": A}),
    ("Biopsy: fibroxanthoma of the calf, benign.", {"dermatofibroma": A}),
    ("Biopsy: atypical fibroxanthoma of the bald scalp.", {"atypical-fibroxanthoma": A}),
    ("A haemolymphangioma of the tongue since childhood.", {"lymphangioma": A}),
    ("Oleogranuloma after oil injections into the penis.", {"foreign-body-granuloma": A}),
    ("Paraffinoma of the cheek decades after a cosmetic injection.", {"foreign-body-granuloma": A}),
    ("A phlebangioma on the lower lip.", {"angioma": A}),
    ("Yellow cobblestone papules of the neck: pseudoxanthoma, confirmed on biopsy.", {"pseudoxanthoma-elasticum": A}),
    ("Copper-coloured syphilides on the palms.", {"syphilis": A}),
    ("A syphiloderm covered his trunk.", {"syphilis": A}),
    ("Gummatous syphiloma of the forehead.", {"syphilis": A}),
    ("Old texts call it xanthoerythrodermia perstans.", {"parapsoriasis": A}),
    ("Pyodermatoses of the scalp in three children at the camp.", {"bacterial": A}),
    ("Pediculosis in the whole family after the sleepover.", {"parasitic": A}),
    ("Pediculosis capitis in the whole family after the sleepover.", {"pediculosis-capitis": A}),
    ("A red scaly erythrokeratodermia that shifts from day to day.", {"genetic": A}),
    ("Petechiation over the shins after the long run.", {"petechiae": A}),
])
def test_dictionary_names(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text", [
    "Onychopathy of both thumbs.",
    "Congenital anonychia of the little toes.",
    "Onychomalacia after years of acrylics.",
    "Onychatrophy of every fingernail.",
    "A thick onychophyma on the great toe.",
    "Onychotillomania: he picks at his nails all day.",
])
def test_nail_words(tg, text):  # noqa: F811
    assert conditions(tg, text) == {"nail-diseases": A}
    assert label(tg, text) == "nail diseases"


@pytest.mark.parametrize("text, want", [
    ("Grandad has a wen on his scalp the size of a marble.", {"pilar-cyst": A}),
    ("Two scalp wens shelled out under local.", {"pilar-cyst": A}),
    ("A wen behind the ear, smelly when squeezed.", {"epidermoid-cyst": A}),
])
def test_wen(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, want, lab", [
    ("velvety dark neck folds, that's acanthosis nigg-ricans, check her sugar", {"acanthosis-nigricans": A},
     "acanthosis nigricans"),
    ("Hypertrophic (verrucous) lichen planus over both ankles.", {"hypertrophic-lichen-planus": A},
     "hypertrophic lichen planus"),
    ("Verrucous lichen planus of the shin.", {"hypertrophic-lichen-planus": A}, "hypertrophic lichen planus"),
    ("and this grey-blue facial pigment is an exogenous och-ro-nosis from skin lighteners", {"exogenous-ochronosis": A},
     "exogenous ochronosis"),
    ("Discoid (nummular) eczema on the legs of a plumber.", {"nummular-eczema": A}, "nummular eczema"),
    ("Nummular (discoid) dermatitis on both forearms.", {"nummular-eczema": A}, "nummular eczema"),
])
def test_spoken_and_bracketed_forms(tg, text, want, lab):  # noqa: F811
    assert conditions(tg, text) == want
    assert label(tg, text) == lab


def test_synonym_bracket_keeps_offsets():
    text = "Hypertrophic (verrucous) lichen planus"
    norm = normalise_text(text)
    assert len(norm) == len(text)
    assert norm == "hypertrophic             lichen planus"
    # any other bracket stays a break
    assert normalise_text("melanoma (nodular) back") == "melanoma |nodular| back"


@pytest.mark.parametrize("text, want", [
    ("Verrucose plaques on the dorsal feet.", {"warty-papillomatous": A, "plaque": A}),
    ("Vesicopustules on the palms.", {"vesicle": A, "palmoplantar": A}),
])
def test_lesion_words(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


def test_lace_pattern_is_reticulate(tg):  # noqa: F811
    assert concepts(tg, "After the red cheeks came a lace-pattern rash on her thighs.") == {"red": A, "reticulate": A}


@pytest.mark.parametrize("text", [
    "Conjunctival lymphangioma of the left eye.",
    "Canis lupus is the grey wolf of the northern forests.",
    "Its genome was compared with Canis lupus familiaris.",
])
def test_false_friends(tg, text):  # noqa: F811
    assert conditions(tg, text) == {}
