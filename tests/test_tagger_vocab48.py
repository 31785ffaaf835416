"""Vocabulary of round 48: the common conditions' lay names, plurals, adjectives and spellings, measured.

`benchmarks/tagger/lay_forms.py`'s COMMON check (60 conditions met most often x lay name, plural, adjective, British /
American spelling, abbreviation) found these unread, now names:
- "eczematised / eczematized" skin (eczema), "contact rash" and "contact dermatitides" (contact dermatitis), an
  "irritated seborrhoeic wart" (irritated seborrheic keratosis), a "malignant / cancerous mole" (melanoma, no naevus),
  "acneic skin" (acne), "dermatophytic infection" (dermatophytosis), "skin fungus" (the fungal group), "pruritic"
  (pruritus, as "itchy"), "scabietic" (scabies), "impetiginised" (impetigo), "sun rash" (photodermatoses), a
  "funny-looking mole" (dysplastic naevus), a "Christmas tree rash" (pityriasis rosea), "sun fungus" (tinea
  versicolor).
- False friends: a scenic "beauty spot in the hills" (no mole), the Sun's "sunspot activity" (no solar lentigo),
  "scald the milk" (no burn), research "pruritic stimuli" (no pruritus), the garden's mole that tunnels or is trapped,
  a horse's "sweet itch".
- Names from the tuning sets' errors: the bare "Lyme", an "irritant reaction" (irritant contact dermatitis), a
  "contact reaction", an atopic flare or atopic skin (atopic dermatitis); the places "Lyme Regis" and "Old Lyme" and an
  "atopic skin test" are false friends.
The sentences are new, none taken from any evaluation set. Guards (named so) pass before and after this round."""

from __future__ import annotations

import pytest

from benchmarks.tagger.lay_forms import COMMON, GUARDS, common_coverage, guards_clean
from tagger_helpers import tg  # noqa: F401 (a fixture)

A, N, U = "asserted", "negated", "uncertain"


def conditions(tg, text: str) -> dict[str, str]:  # noqa: F811
    t, _ = tg
    return {m.id: N if m.negated else U if m.uncertain else A for m in t.tag(text).conditions}


@pytest.mark.parametrize("text, want", [
    # names the common conditions' forms lacked
    ("Eczematised skin around the ileostomy bag after the new adhesive.", {"eczema": A}),
    ("Contact rash under the new watch strap, sharply limited to it.", {"contact-dermatitis": A}),
    ("An irritated seborrhoeic wart on the back that catches on the bra strap.", {"irritated-seborrheic-keratosis": A}),
    ("The cancerous mole on his calf was excised with wide margins.", {"melanoma": A}),
    ("Acneic skin on the chin and jawline of a woman of thirty.", {"acne-vulgaris": A}),
    ("Dermatophytic infection of both groins, spreading edge.", {"dermatophytosis": A}),
    ("A pruritic rash on both forearms for two weeks.", {"pruritus": A}),
    ("Scabietic nodules on the scrotum of a five-year-old.", {"scabies": A}),
    ("Secondarily impetiginised eczema behind both knees.", {"impetigo": A, "eczema": A}),
    ("She gets a sun rash on her forearms every April.", {"photodermatoses": A}),
    ("That funny-looking mole on my shoulder has changed shape.", {"dysplastic-nevus": A}),
    ("A Christmas tree rash across the back of a teenager.", {"pityriasis-rosea": A}),
    ("Sun fungus on the shoulders, pale and finely scaly after the holiday.", {"tinea-versicolor": A}),
    # names the tuning sets' errors showed missing (round 48's table)
    ("Could it be Lyme? A red ring on my calf after the hike.", {"lyme-disease": U}),
    ("An irritant reaction to the new hand gel on both palms.", {"irritant-contact-dermatitis": A}),
    ("The GP now says it is a contact reaction to the sticking plaster.", {"contact-dermatitis": A}),
    ("An atopic flare in both elbow creases after the cold snap.", {"atopic-dermatitis": A}),
    ("Dry atopic skin in both elbow creases of a toddler.", {"atopic-dermatitis": A}),
    # (guards: the places, the joint, atopy alone)
    ("We spent the weekend fossil hunting at Lyme Regis.", {}),
    ("Lyme arthritis of the right knee in a child.", {}),
    ("An atopic family: the father has asthma and the son hay fever.", {}),
    ("Atopic skin tests to grass pollen and house dust mite in 40 volunteers.", {}),
    # (guards: the mole's other readings stay)
    ("A non-cancerous mole on her forearm, unchanged for years.", {"melanocytic-nevus": A}),
    ("The mole dug tunnels under the lawn all summer.", {}),
    # false friends: the lay names' everyday senses
    ("The lake is a famous beauty spot in the hills above the town.", {}),
    ("Sunspot activity peaks every eleven years, with more sun spots on the solar disc.", {}),
    ("Scald the milk before adding the yeast.", {}),
    ("Pruritic stimuli were applied to the volar forearm of healthy volunteers.", {}),
    ("The mole tunnelled under the lawn and left brown heaps of soil.", {}),
    ("Set a mole trap beside the brown heaps on the lawn.", {}),
    ("The farrier says the pony has sweet itch from the midges again.", {}),
    # (guards: the skin's readings of the same words stay)
    ("A beauty spot above her lip, unchanged since childhood.", {"melanocytic-nevus": A}),
    ("Sun spots on the backs of both hands after years of gardening.", {"solar-lentigo": A}),
    ("A scald on the forearm from the kettle, blistered.", {"thermal-burn": A}),
    ("Non-pruritic papules on both shins.", {"pruritus": N}),
    ("A brown mole on the back that has grown this year.", {"melanocytic-nevus": A}),
])
def test_conditions(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


# the COMMON forms still unread after this round, each with why (a more general node is read, or none is right)
UNREAD = {
    "childhood eczema",  # eczema (the sets annotate it both ways)
    "fungal skin infection", "skin fungus",  # the fungal group: candida is a skin fungus too
    "leucoderma", "leukoderma",  # hypopigmentation: any white skin, not vitiligo alone
    "LE",  # also "lower extremity" in a clinical note
    "hardening of the skin",  # morphoea, scleroderma or lipodermatosclerosis
    "CTCL",  # cutaneous lymphoma: mycosis fungoides is one of them
    "photosensitive rash",  # a sign of lupus or of a drug beside the named disease in the tuning sets' texts
    "purpuric spots", "purpuric lesions",  # the Purpura / petechiae concept (a lesion's look), as "purpuric papules"
}


def test_common_forms_read(tg):  # noqa: F811
    """The 60 common conditions' forms (written for the check, none from a set) are read, but for UNREAD."""
    t, onto = tg
    assert len(COMMON) == 60
    read, total, misses = common_coverage(t, onto)
    unread = {m.split(": ", 1)[1].rsplit(" -> ", 1)[0] for m in misses}
    assert unread == UNREAD
    assert (read, total) == (total - len(UNREAD), 227)


def test_everyday_senses_read_nothing(tg):  # noqa: F811
    """The lay forms' everyday senses (the check's GUARDS, written for it) read no condition."""
    t, _ = tg
    assert guards_clean(t) == (len(GUARDS), [])
