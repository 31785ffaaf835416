"""Vocabulary of round 25: the forms WHO ICD-11 titles use (set 16's catalogue rows, by cause).

- A title's form, extent and site adjectives state their concept (ANNOTATION.md rule 2): "crusted" (Crust),
  "generalised" (Generalized), "comedonal", "sclerosing" (Sclerosis), "erosive", and a
  compound adjective each of its parts ("papulopustular": Papule and Pustule). A denied form still states none.
- Another organ is no skin finding (rule 3): the eye, the uterus, the mesentery, the cord, lymph nodes ("Kaposi
  sarcoma of the lymph nodes", "ocular myiasis", "conjunctival melanoma in situ"), and a skin disease's name before
  the organ disease it causes ("herpes simplex keratitis", "Lyme arthritis"). The skin's own sites still tag.
- ICD-11's names for familiar nodes ("postinflammatory hypermelanosis", "benign fibrohistiocytic tumour", "calcific
  arteriolopathy", "acropustulosis of Hallopeau", "neonatal toxic erythema", "spider telangiectasis", ...).
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger.lexicon import _implied_concept, _implied_concepts
from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


def concepts(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: (N if m.negated else A) for m in t.tag(text).concepts}


@pytest.mark.parametrize("text, want", [
    ("Crusted scabies in a nursing-home resident.", {"crust": A}),
    ("Generalised pustular psoriasis flaring after steroid withdrawal.", {"generalized": A, "pustule": A}),
    ("A teenager with comedonal acne on the forehead.", {"comedo": A}),
    ("Sclerosing basal cell carcinoma of the nasal ala, excised with margins.", {"sclerosis": A}),
    ("Papulopustular rosacea in a woman of 40.", {"papule": A, "pustule": A}),
    ("Erythematotelangiectatic rosacea of both cheeks.", {"erythema": A, "telangiectasia": A}),
    # a split between the sets: no concept from "guttate" (sets 5, 15)
    ("Guttate psoriasis two weeks after a sore throat.", {}),
    # a denied form states nothing, as in round 24
    ("Non-bullous impetigo on a toddler's chin.", {}),
])
def test_title_adjective_states_its_concept(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


def test_implied_concepts_unit():
    assert _implied_concepts("papulopustular rosacea") == ("papule", "pustule")
    assert _implied_concepts("generalised pustular psoriasis") == ("generalized", "pustule")
    assert _implied_concepts("non bullous impetigo") == ()
    assert _implied_concepts("rodent ulcer") == ()
    assert _implied_concept("crusted scabies") == "crust"
    assert _implied_concept("psoriasis vulgaris") is None


@pytest.mark.parametrize("text, want, label", [
    # another organ: nothing
    ("Kaposi sarcoma of the lymph nodes in an HIV patient.", {}, ""),
    ("Sarcoidosis of the eye with uveitis.", {}, ""),
    ("Conjunctival melanoma in situ of the left eye.", {}, ""),
    ("Ocular myiasis after a fly struck the eye.", {}, ""),
    ("Herpes simplex keratitis treated with aciclovir drops.", {}, ""),
    ("Lyme arthritis of the knee.", {}, ""),
    ("Visceral lipoma on CT.", {}, ""),
    # the skin's own sites still tag
    ("Kaposi sarcoma on the shin of an elderly man.", {"kaposi-sarcoma": A}, "Kaposi sarcoma"),
    ("Herpes simplex of the lip.", {"herpes-simplex": A}, "herpes simplex"),
    # ICD-11's names
    ("Postinflammatory hypomelanosis on the forearm after eczema cleared.",
     {"post-inflammatory-hypopigmentation": A, "eczema": A}, "post-inflammatory hypopigmentation"),
    ("A benign fibrohistiocytic tumour on the thigh.", {"dermatofibroma": A}, "dermatofibroma"),
    ("Calcific arteriolopathy on the abdomen of a dialysis patient.", {"calciphylaxis": A}, "calciphylaxis"),
    ("Acropustulosis of Hallopeau of the right thumb.", {"acrodermatitis-continua": A},
     "acrodermatitis continua of Hallopeau"),
    ("Neonatal toxic erythema on day two of life.", {"erythema-toxicum-neonatorum": A}, "erythema toxicum neonatorum"),
    ("Spider telangiectasis on the cheek of a pregnant woman.", {"spider-angioma": A}, "spider angioma"),
    ("Chronic mucocutaneous candidosis since infancy.", {"chronic-mucocutaneous-candidiasis": A},
     "chronic mucocutaneous candidiasis"),
    ("Actinic keratinocyte dysplasia of the scalp.", {"actinic-keratosis": A}, "actinic keratosis"),
    ("Benign melanocytic neoplasms of the skin.", {"benign-melanocytic": A}, "benign melanocytic"),
    ("Primary cutaneous CD30 positive anaplastic large cell lymphoma of the arm.", {"pcalcl": A},
     "primary cutaneous anaplastic large cell lymphoma"),
    ("Artefactual skin disorder in a student before exams.", {"factitial-dermatitis": A}, "factitial dermatitis"),
])
def test_icd11_names_and_organs(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
