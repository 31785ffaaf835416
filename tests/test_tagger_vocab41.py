"""Vocabulary of round 41: lay forms of shape and distribution words, two names, and the bowel's fistula.

- Concepts: "raindrop-like / -shaped / -sized" (Guttate), "a dent / pit in the middle", "a dent on top" (Umbilicated,
  beside the existing "dimple in the middle"), "along one nerve root", "following a nerve root" (Dermatomal), "round
  the / her / his mouth", "round the eyes", "round his nose and mouth" (Periorificial: "round" as the preposition; the
  bare "round the" stays a false friend of the Round shape), "photo-aggravated" (Photodistributed).
- Names: "severe acne" is acne vulgaris graded severe, no longer nodulocystic acne (a grade is no subtype; "cystic
  acne" stays nodulocystic, ANNOTATION.md round 41); "fungal rash" is the group fungal infections; "itchy welts /
  bumps" is itching (the lesion words join pruritus's context words, as "itchy rash" already was).
- False friend: "fistula" alone is the bowel's, the bladder's or a dialysis vessel's; it is hidradenitis's draining
  tract (Sinus tract) only beside that disease's words ("draining", "groin", "pus", "nodules"...), as "tunnel" and
  "tract" already were.
- The Ulcer concept's context words: a limb's or a pressure site's word ("shin", "heel", "sacrum", "toe") or its edge's
  and shape's ("purple-edged", "punched-out", "undermined") beside "ulcer" state a skin ulcer; the colon's does not.
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
    ("Severe acne across his forehead and cheeks for two years.", {"acne-vulgaris": A}),
    ("Her acne is severe.", {"acne-vulgaris": A}),
    # guard: the morphological subtype keeps its node
    ("Cystic acne along the jawline.", {"nodulocystic-acne": A}),
    ("The fungal rash under her breasts has spread to the belly.", {"fungal": A}),
    ("Fungal skin rash in the nappy area, treated with clotrimazole.", {"fungal": A}),
    # guard: welts already stood beside itching
    ("I keep getting itchy welts whenever I sweat.", {"pruritus": A}),
    ("I get itchy bumps after every hot bath.", {"pruritus": A}),
    # guard: hidradenitis's own name beside its fistulae
    ("Draining fistulae in both armpits of a woman with hidradenitis.", {"hidradenitis-suppurativa": A}),
])
def test_conditions(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("Scattered raindrop-like pink papules over the back.",
     {"scattered": A, "guttate-shape": A, "pink": A, "papule": A}),
    ("Dozens of small scaly plaques, raindrop-shaped, on the trunk.",
     {"scale": A, "plaque": A, "guttate-shape": A, "truncal": A}),
    ("A pearly bump with a dent in the centre on her neck.", {"pearly": A, "umbilicated": A}),
    ("Several shiny papules, each with a pit in the middle.", {"papule": A, "umbilicated": A}),
    ("Painful blisters in a strip along one nerve root on his chest.", {"bulla": A, "dermatomal": A}),
    ("Vesicles following a nerve root on the left flank.", {"vesicle": A, "dermatomal": A}),
    ("Yellow crusts round her mouth.", {"yellow": A, "crust": A, "periorificial": A}),
    ("Tiny red papules round the eyes and nose.", {"red": A, "papule": A, "periorificial": A}),
    ("Dry scaly skin round his nose and mouth.", {"scale": A, "periorificial": A}),
    ("Photo-aggravated plaques on the forearms and face.", {"photodistributed": A, "plaque": A}),
    ("Nodules and fistulas in the groin that leak pus.", {"nodule": A, "sinus-tract": A}),
    ("Draining fistulae in both armpits of a woman with hidradenitis.", {"sinus-tract": A}),
    # round 41: the Ulcer concept beside a limb's or a pressure site's word, or its edge's and shape's
    # (round 42: "purple-edged" states its Purple too, as set 28 annotates it)
    ("A purple-edged ulcer over the left shin, enlarging for a week.", {"purple": A, "ulcer": A}),
    ("A punched-out ulcer, two centimetres across, in a diabetic man.", {"ulcer": A}),
    ("An ulcer in the sigmoid colon at endoscopy.", {}),
    # the bowel's, the bladder's and a dialysis vessel's fistula: no skin finding
    ("Fistula repair was planned after the colectomy.", {}),
    ("The dialysis fistula in his forearm is working well.", {}),
    ("A colovesical fistula was found on the CT scan.", {}),
])
def test_concepts(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("Severe acne on the chest and back of a nineteen-year-old.", "acne vulgaris"),
    ("The fungal rash under her breasts has spread to the belly.", "fungal infections"),
    ("Fistula repair was planned after the colectomy.", ""),
])
def test_labels(tg, text, want):  # noqa: F811
    assert label(tg, text) == want
