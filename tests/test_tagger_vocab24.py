"""Vocabulary of round 24: the concept side (sets 10-15's missed and spurious concepts, by cause), and one class word.

- Lay and inflected forms of a concept, where the sets agree: "wartlike", "blebs", "spider veins", "ruddy" /
  "reddened", "yellowness", "unpigmented skin", "incrusted", "pock marks", "tiny blisters" (Vesicle, not Bulla), "tight and
  shiny" / "hardened skin" (Sclerosis), "darkening" of the skin (Brown, only beside a colour's context word), "skin
  and mucous membranes" / "mucosal epithelia" (Mucosal involvement), "regular / delicate / peripheral network" (Pigment
  network; not a bare "network": "Bayesian network", "lightweight network" in the real abstracts).
- A concept implied by a condition's name: "ulcer" in a name is the Ulcer ("venous leg ulcer"), not in "rodent ulcer"
  or "aphthous ulcers"; a morphology word the name denies implies nothing ("non-bullous impetigo").
- "pigmentation" alone is no Pigmented concept (the sets annotate it so in 1 of 89 texts).
- Catalogue names of purpura ("post-transfusion purpura", "vascular purpura", "allergic purpura") are conditions, not
  the Purpura concept ("palpable purpura" still is).
- "dermatitis" as the class of a defined or catalogued disease ("dermatitis resulting from ...", "a form of dermatitis
  characterized by ...") is no eczema of its own; "dermatitis" said of a patient still is.
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger.lexicon import _implied_concept
from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


def concepts(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: (N if m.negated else A) for m in t.tag(text).concepts}


@pytest.mark.parametrize("text, want", [
    # lay and inflected forms
    ("Numerous wartlike papules over the knuckles of a plumber.", {"warty-papillomatous": A, "papule": A}),
    ("Tense blebs appeared on the shins of an elderly man.", {"bulla": A}),
    ("Spider veins across both cheeks, worse in winter.", {"telangiectasia": A}),
    ("A ruddy complexion over the nose and cheeks for years.", {"erythema": A}),
    ("Vesicles on a base of reddened skin around the waistband.", {"vesicle": A, "erythema": A}),
    # (round 28: "diffuse" is no Generalized: sets 1-17 annotate it so in 3 of 48 texts)
    ("A diffuse yellowness of the palms and soles in a toddler fed carrot puree.", {"yellow": A, "palmoplantar": A}),
    ("Sharply bordered patches of unpigmented skin on both hands.", {"depigmentation": A, "patch": A,
                                                                     "well-demarcated": A}),  # round 26: "sharply bordered"
    ("Every summer the sides of her fingers break out in tiny blisters.", {"vesicle": A}),
    ("The skin of both hands is tight and shiny and the fingertips are pitted.", {"sclerosis": A}),
    ("A band of hardened skin runs down the left thigh of this girl.", {"sclerosis": A}),
    ("Gradual darkening of the skin in both armpits of an obese teenager.", {"brown-hyperpigmentation": A}),  # round 32: one fold, palm, sole or heel is one lesion's site (ANNOTATION.md, settled later)
    ("Painful erosions of the skin and mucous membranes after a new antibiotic.", {"erosion": A,
                                                                                  "mucosal-involvement": A}),
    ("Dermatoscopy of the naevus on her shoulder: a regular network fading at the edge.", {"pigment-network": A}),
    ("Dermoscopy of the thigh papule: a delicate peripheral network and a paler centre.", {"pigment-network": A,
                                                                                        "papule": A}),
    # guards: the same words elsewhere
    ("A network meta-analysis of biologic treatments for moderate to severe psoriasis.", {}),
    ("A lightweight network architecture classifies dermoscopy images of melanoma.", {}),
    ("Unpigmented melanocytes were cultured from the biopsies for ten days.", {}),
    ("The sky was darkening over the hospital car park by four o'clock.", {}),
    ("He wore a tight shirt to the wedding and felt fine.", {}),
    ("Scabbies again in the nursing home, burrows in the finger webs of three residents.", {"burrow": A}),
    # "pigmentation" is no Pigmented concept (1 of 89 texts annotate it so); "pigmented lesion" still is
    ("Mottled pigmentation over both forearms after years of gardening.", {}),
    ("A pigmented lesion on the shin, 6 mm, with an irregular border.", {"pigmented": A, "irregular-border": A}),
    # a condition's name: "ulcer" is the lesion's form; "rodent ulcer" and "aphthous ulcers" are not
    ("Venous leg ulcer above the left medial malleolus, sloughy base.", {"ulcer": A}),
    ("Pressure ulcer over the sacrum of a bed-bound man.", {"ulcer": A}),
    ("My uncle has a rodent ulcer on the side of his nose.", {}),
    ("Recurrent aphthous ulcers on the inner lip since childhood.", {}),
    # a morphology word the name denies implies nothing
    ("Non-bullous impetigo on the chin of a nursery child.", {}),
    ("Bullous impetigo on the buttocks of a newborn.", {"bulla": A}),
    # catalogue purpura names are conditions; "palpable purpura" is the lesion
    ("Post-transfusion purpura one week after a platelet transfusion.", {}),
    ("Palpable purpura over both shins of a child with abdominal pain.", {"purpura-petechiae": A}),
])
def test_round24_concepts(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want, text


@pytest.mark.parametrize("text, want, label", [
    # "dermatitis" as the class of a named disease is no eczema of its own ...
    ("Dermatitis resulting from contact with the sap of a giant hogweed.", {}, ""),
    ("A chronic form of dermatitis characterized by intense itch of the lower legs.", {"pruritus": A}, ""),
    ("Dermatitis due to other radiation, unspecified.", {}, ""),
    # ... said of a patient it is still eczema
    ("He has dermatitis on both hands from washing at the car wash.", {"eczema": A}, "eczema"),
    # the catalogue purpura names
    ("Post-transfusion purpura one week after a platelet transfusion.", {"purpura": A}, "purpura"),
    ("Allergic purpura in a boy after a sore throat.", {"iga-vasculitis": A}, "IgA vasculitis"),
    # "scabbies" (the disease misspelled) is no scabby crust
    ("Scabbies again in the nursing home, burrows in the finger webs of three residents.", {"scabies": A},
     "scabies"),
])
def test_round24_conditions(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_implied_concept_reads_the_name_word_and_its_denial():
    assert _implied_concept("nodular melanoma") == "nodule"
    assert _implied_concept("venous leg ulcer") == "ulcer"
    assert _implied_concept("non bullous impetigo") is None
    assert _implied_concept("ichthyosis without blistering") is None
    assert _implied_concept("rodent ulcer") is None and _implied_concept("aphthous ulcers") is None
    assert _implied_concept("psoriasis") is None
