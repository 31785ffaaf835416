"""Vocabulary of round 40: the skin terms of an oncology adverse-event list (NCI CTCAE wording) and a few lay forms.

- Names: "skin / cutaneous ulceration" (ulcer; the key "skin ulcer" ended inside "ulceration" and hid it),
  "anaphylaxis" (hypersensitivity reaction; the rat assay "passive cutaneous anaphylaxis" stays unread), "bullous
  dermatitis" (bullous diseases; "bullous dermatitis herpetiformis" stays dermatitis herpetiformis), "dermatitis
  radiation" and "radiation recall dermatitis / reaction" (radiodermatitis), "lipohypertrophy" (lipodystrophy), "nail
  discolouration / infection / problems" (nail diseases; "fungal nail infection" stays onychomycosis), "nail loss"
  (onychomadesis), "hair thinning" (hair diseases); "acneiform" alone is no longer acne vulgaris ("Rash acneiform" is a
  drug's acne-like eruption).
- Concepts: "the crook of the elbow", "the creases of both elbows" (flexural), "bled after minor trauma" (friable),
  "palpable purple spots" (Purpura/Petechiae and Purple), "it cracks and weeps" (exudate; the bare "weep" is not
  read), "split at the corners" (fissure), "ruby papules" (red).
- False friends: an internal organ's mucositis ("pharyngeal mucositis"; the mouth's stays Mucosal involvement), "swine
  erysipelas" (the pigs' disease), "eosinophil chemotactic factor of anaphylaxis" (a mediator), "scrape and biopsy" (a
  mycology sample; "a scrape on his elbow" stays an abrasion, "skin scraping for scabies" keeps its scabies), "crusty
  old" (the idiom; a crusty lesion stays Crust).
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger import labels_for
from tagger_helpers import tg  # noqa: F401 (a fixture)

A, N, U = "asserted", "negated", "uncertain"


def _status(m) -> str:
    return N if m.negated else U if m.uncertain else A


def conditions(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: _status(m) for m in t.tag(text).conditions}


def concepts(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: _status(m) for m in t.tag(text).concepts}


def label(tg, text: str) -> str:  # noqa: F811
    t, onto = tg
    return labels_for(t.tag(text), onto)["disease_label"]


@pytest.mark.parametrize("text, want", [
    ("Skin ulceration over the left heel in a diabetic man.", {"skin-ulcer": A}),
    ("Cutaneous ulceration at the injection site.", {"skin-ulcer": A}),
    ("Anaphylaxis within minutes of the first dose of co-amoxiclav.", {"hypersensitivity-reaction": A}),
    ("Passive cutaneous anaphylaxis was measured in the rat ear.", {}),
    ("Mast cells release the eosinophil chemotactic factor of anaphylaxis after allergen challenge.", {}),
    ("Bullous dermatitis, grade 2, on the forearms.", {"bullous": A}),
    ("Bullous dermatitis herpetiformis in a man with coeliac disease.", {"dermatitis-herpetiformis": A}),
    ("Dermatitis radiation, grade 1, left chest wall.", {"radiodermatitis": A}),
    ("Radiation recall dermatitis in the old field after docetaxel.", {"radiodermatitis": A}),
    ("Lipohypertrophy at the abdominal insulin sites.", {"lipodystrophy": A}),
    ("Nail discolouration of both thumbs after chemotherapy.", {"nail-diseases": A}),
    ("Nail infection, grade 2.", {"nail-diseases": A}),
    ("Fungal nail infection of the big toe.", {"onychomycosis": A}),
    ("Nail loss of the great toe after a marathon.", {"onychomadesis": A}),
    ("Review of systems: denies nail problems.", {"nail-diseases": N}),
    ("Hair thinning since the spring, worse at the crown.", {"hair-diseases": A}),
    ("Rash acneiform, grade 1, on the face and upper chest.", {}),
    ("Acne on the forehead and chin since puberty.", {"acne-vulgaris": A}),
    # false friends and their neighbours
    ("The vet confirmed swine erysipelas in the herd.", {}),
    ("Erysipelas of the left leg in a pig farmer.", {"erysipelas": A}),
    ("Scrape and biopsy the annular plaque on her forearm.", {}),
    ("A scrape on his elbow from the playground.", {"abrasion": A}),
    ("Skin scraping for scabies from the finger webs.", {"scabies": A}),
])
def test_conditions(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("Skin ulceration over the left heel in a diabetic man.", {"ulcer": A}),
    ("Bullous dermatitis, grade 2, on the forearms.", {"bulla": A}),
    ("Itchy weeping skin in the crook of her elbow.", {"exudate": A, "flexural": A}),
    ("The papule bled after minor trauma.", {"papule": A, "friable": A}),
    ("Palpable purple spots on the calves.", {"purple": A, "purpura-petechiae": A}),
    ("The patch behind her knee cracks and weeps at night.", {"patch": A, "fissure": A, "exudate": A}),
    ("Itchy rash in the creases of both elbows since the winter.", {"flexural": A}),
    ("His lips are dry and split at the corners after the acitretin.", {"fissure": A}),
    ("Cherry angiomas: a scatter of ruby papules over the abdomen.", {"red": A, "papule": A, "truncal": A}),
    # the bare verb "weep" is a person's ("she began to weep when she saw the rash"): no Exudate
    ("She began to weep when she saw the rash.", {}),
    # false friends and their neighbours
    ("Pharyngeal mucositis, grade 3.", {}),
    ("Oral mucositis, grade 3, after the second cycle.", {"mucosal-involvement": A}),
    ("He is a crusty old professor with a crusty lesion on his nose.", {"crust": A}),
    ("The lesion photos are in the drawer beside the crusty old teapot.", {}),
])
def test_concepts(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("Dermatitis radiation, grade 1, left chest wall.", "radiodermatitis"),
    ("Bullous dermatitis, grade 2, on the forearms.", "bullous diseases"),
    ("Skin ulceration over the left heel in a diabetic man.", "ulcer"),
    ("Nail loss of the great toe after a marathon.", "onychomadesis"),
    ("Rash acneiform, grade 1, on the face and upper chest.", ""),
    ("The vet confirmed swine erysipelas in the herd.", ""),
])
def test_labels(tg, text, want):  # noqa: F811
    assert label(tg, text) == want
