"""Vocabulary of round 39: clinical record and histology wording, dermoscopy's lagoons, and false friends of deposits,
counts, skin types and the verb "tears".

- Names: "anaphylactic reaction" (hypersensitivity reaction), "venous stasis ulcer" (venous leg ulcer, also inverted).
- Concepts: "red lagoons" (red-blue lacunae), "branching serpentine vessels" (arborizing), "exaggerated / accentuated
  skin markings" (lichenification), "thickened, tight skin" (sclerosis), "dark lesion" (pigmented), "herald patch"
  (patch), "net pattern" / "mottled net of" (reticulate), "perfectly homogeneous" / "homogeneous colour" (homogeneous
  pattern), "both elbows and both kneecaps" (extensor), the mucous membranes said involved (mucosal involvement;
  "spares the mucous membranes" names none), lumps on the knuckles (nodule).
- False friends: a crust or plaque of rust, limescale or algae; "seven days in a row"; histology's "reticular dermis"
  and "oedematous stroma"; "pale-skinned" / "fair-skinned" people; "the skin tears with minor knocks" (the verb);
  "round a little central pore" (the preposition).
- Guards: a key never ends inside a longer word ("round areas", "round annular plaques", "crusts of salty skin", "red
  and weeping" keep their findings); "skin tears on both forearms" stays a laceration; "three bites in a row" stays
  Linear.
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
    ("Anaphylactic reaction to peanuts in a boy of six.", {"hypersensitivity-reaction": A}),
    ("Venous stasis ulcer above the left ankle, dressed weekly by the practice nurse.", {"venous-leg-ulcer": A}),
    ("Ulcer, venous stasis, lateral malleolus, granulating base", {"venous-leg-ulcer": A}),
    # the verb of fragile skin is no laceration; the noun is one
    ("A frail lady whose skin tears easily.", {}),
    ("Two skin tears on the shin of a nursing-home resident after a fall.", {"laceration": A}),
    # deposits and counts
    ("The plumber chipped a crust of limescale and a plaque of rust off the old boiler.", {}),
])
def test_conditions(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("Dermoscopy of the nodule on the lip shows red lagoons; this is an angioma.",
     {"red-blue-lacunae": A, "nodule": A}),
    ("Dermoscopy: branching serpentine vessels over a translucent papule.",
     {"arborizing-vessels": A, "translucent": A, "papule": A}),
    ("Chronic scratching at the ankle has left thickened skin with exaggerated skin markings.", {"lichenification": A}),
    ("Systemic sclerosis: thickened, tight skin over the fingers and the backs of both hands.", {"sclerosis": A}),
    ("Referral: dark lesion on the left calf, enlarging over the summer.", {"pigmented": A}),
    ("The teenager first noticed a herald patch on his chest.", {"patch": A}),
    ("Her thighs show a violet net pattern that fades when warmed.", {"reticulate": A, "purple": A}),
    ("Dermoscopy: the lesion is a perfectly homogeneous steel-blue.", {"homogeneous-pattern": A, "blue": A}),
    ("Thick silvery scale over both elbows and both kneecaps.", {"scale": A, "extensor": A}),
    ("Erosions involving the mucous membranes of a child with a drug rash.", {"erosion": A, "mucosal-involvement": A}),
    # a sparing is no involvement: round 56 reads it as the concept negated (14 of the 16 tuning texts that say a mouth
    # or mucosa is spared annotate Mucosal involvement negated)
    ("The rash spares the mucous membranes and the eyes.", {"mucosal-involvement": N}),
    ("Hard lumps on the knuckles of a cook.", {"nodule": A}),
    # false friends
    ("Biopsy: mucin between collagen bundles of the reticular dermis.", {}),
    ("A lobular capillary proliferation in an edematous stroma.", {}),
    ("Melanoma is more common in fair-skinned people and in pale-skinned outdoor workers.", {}),
    ("The boat's keel had a thick crust of barnacles and algae.", {}),
    ("Take the tablets for ten days in a row, then stop.", {}),
    ("the sebaceous hyperplasia shows creamy yellow lobules round a little central pore", {"yellow": A}),
    # guards: a key never ends inside a longer word
    ("Round areas of hair loss on the scalp.", {"round": A}),
    ("Round annular plaques on the trunk.", {"round": A, "annular": A, "plaque": A, "truncal": A}),
    ("Crusts of salty skin around the lips.", {"crust": A}),
    ("The plaque is red and weeping.", {"plaque": A, "red": A, "exudate": A}),
    ("Three bites in a row on my ankle.", {"linear": A}),
])
def test_concepts(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("Anaphylactic reaction to peanuts in a boy of six.", "hypersensitivity reaction"),
    ("Ulcer, venous stasis, lateral malleolus, granulating base", "venous leg ulcer"),
    ("Purpura on the forearms of an old man whose skin tears with the slightest knock.", "purpura"),
])
def test_labels(tg, text, want):  # noqa: F811
    assert label(tg, text) == want
