"""Vocabulary of round 36: the words patients use in reviews and forums, and the false friends beside them.

- Acne in patients' words: "pimples" / "a pimple" and "breakouts" / "I break out" are acne vulgaris; "cystic pimples"
  nodulocystic acne (with its Cyst: "cystic" in a name states the cysts). A pimple is a generic word for the lesion:
  a diagnosis named beside it wins the label.
- "break out in" something names that thing, not acne ("broke out in hives"); a war or a fire that breaks out, a
  meeting's "breakout room" and "breakout bleeding" (the pill's breakthrough bleeding) name nothing.
- Itch said with its company ("burning and itching", "the itch unbearable") is pruritus; the eye's itch is no skin's.
- Lay names: "heat hives" (cholinergic urticaria), "dry lips" (cheilitis, with Xerosis), "increased facial hair"
  (hypertrichosis), "psoriasis on the scalp / on my head" (scalp psoriasis), "psoriasis pitting" of the nails,
  "white heads" (Comedo), "blistered" skin (Bulla), a person who "had shingles".
- False friends: roofs' shingles, moles in a lawn, a commemorative plaque, blistered paint.
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
    return {m.id: (N if m.negated else A) for m in t.tag(text).concepts}


def label(tg, text: str) -> str:  # noqa: F811
    t, onto = tg
    return labels_for(t.tag(text), onto)["disease_label"]


@pytest.mark.parametrize("text, want", [
    ("Since starting the mini pill my chin is covered in pimples.", {"acne-vulgaris": A}),
    ("Got a huge pimple on my forehead the night before the wedding.", {"acne-vulgaris": A}),
    ("Two months on the cream and the breakouts along my jaw have calmed down.", {"acne-vulgaris": A}),
    ("I still break out around my mouth every month.", {"acne-vulgaris": A}),
    ("My skin broke out badly on the new moisturiser.", {"acne-vulgaris": A}),
    ("She has been breaking out on her forehead since the new helmet.", {"acne-vulgaris": A}),
])
def test_acne_in_patients_words(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("Since starting the mini pill my chin is covered in pimples.", "acne vulgaris"),
    ("Three painful cystic pimples came up on my jawline this week.", "nodulocystic acne"),
])
def test_acne_words_label(tg, text, want):  # noqa: F811
    assert label(tg, text) == want


def test_cystic_pimples_are_nodulocystic_acne_with_cysts(tg):  # noqa: F811
    text = "Three painful cystic pimples came up on my jawline this week."
    assert conditions(tg, text) == {"nodulocystic-acne": A}
    assert concepts(tg, text) == {"cyst-concept": A}


def test_cystic_in_a_name_states_the_cyst(tg):  # noqa: F811
    assert concepts(tg, "Diagnosis: cystic acne of the back.")["cyst-concept"] == A


def test_a_named_diagnosis_beats_the_pimple_for_the_label(tg):  # noqa: F811
    text = "What I took for a pimple on my cheek was a basal cell carcinoma on the biopsy."
    assert label(tg, text) == "basal cell carcinoma"


@pytest.mark.parametrize("text", [
    "No new breakouts since the second month.",
    "I never break out on this brand.",
])
def test_no_breakouts_is_negated(tg, text):  # noqa: F811
    assert conditions(tg, text) == {"acne-vulgaris": N}


@pytest.mark.parametrize("text, want", [
    ("Within an hour of the tablet I broke out in hives across my back.", {"urticaria": A}),
    ("The night before the exam he broke out in a cold sweat.", {}),
    ("A fire broke out in the clinic kitchen on Friday.", {}),
    ("War broke out the year she was born.", {}),
    ("The team met in the breakout room after the talk.", {}),
    ("Third month on the pill and still some breakout bleeding between periods.", {}),
])
def test_break_out_false_friends(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("The burning and itching after the gel were awful.", {"pruritus": A}),
    ("By the third day the itching stopped and the swelling went down.", {"pruritus": A}),
    ("Honestly the worst itching I have ever had.", {"pruritus": A}),
    ("No itching or burning with this one.", {"pruritus": N}),
])
def test_itch_with_its_company(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


def test_the_eyes_itch_is_no_skin_itch(tg):  # noqa: F811
    assert conditions(tg, "Hay fever season again: burning, itchy eyes every morning.") == {}


@pytest.mark.parametrize("text, want", [
    ("Every hot bath brings out heat hives on my neck.", "cholinergic-urticaria"),
    ("The isotretinoin gave me dry lips for the whole course.", "cheilitis"),
    ("Since the new treatment she has noticed increased facial hair.", "hypertrichosis"),
    ("The shampoo finally settled the psoriasis on my scalp.", "scalp-psoriasis"),
    ("Only the psoriasis on his head is left now.", "scalp-psoriasis"),
    ("The doctor says my thumbnails show psoriasis pitting.", "nail-psoriasis"),
    ("My uncle had shingles for six weeks last spring.", "herpes-zoster"),
])
def test_lay_names(tg, text, want):  # noqa: F811
    assert want in conditions(tg, text)


def test_dry_lips_state_xerosis(tg):  # noqa: F811
    assert concepts(tg, "Week three on the capsules: dry lips and nothing else.") == {"xerosis": A}


@pytest.mark.parametrize("text, want", [
    ("Mostly white heads on my nose, a few on the chin.", "comedo"),
    ("After a day in the sun my shoulders were blistered.", "bulla"),
])
def test_concept_words(tg, text, want):  # noqa: F811
    assert want in concepts(tg, text)


@pytest.mark.parametrize("text", [
    # each beside a skin word, which lets a common word's lesion reading through without the guard
    "My skin is fine, but the storm lifted the asphalt shingles off the shed.",
    "Skin clinic done, we spent Sunday trying to get rid of the moles in the garden.",
    "At the new skin clinic's opening a commemorative plaque was unveiled by the mayor.",
    "The blistered paint on the gate needs sanding.",
])
def test_false_friends(tg, text):  # noqa: F811
    assert conditions(tg, text) == {}
    assert "bulla" not in concepts(tg, text) and "plaque" not in concepts(tg, text)


def test_false_friend_leaves_the_real_words(tg):  # noqa: F811
    # the roof's shingles and the lawn's moles are guarded; a patient's shingles and a changing mole beside them tag
    text = "While fixing the cedar shingles he noticed his own shingles rash, and a changing mole on the calf."
    assert {"herpes-zoster", "melanocytic-nevus"} <= set(conditions(tg, text))


@pytest.mark.parametrize("text, gone", [
    ("Back on the contraceptive patch, and the rash on my arm has faded.", "patch"),
    ("He wears a fentanyl patch on the upper arm, next to the eczema.", "patch"),
    ("A patch of damp behind the wardrobe, and her eczema flared the same week.", "patch"),
    ("The migraine was an 8 on the pain scale; the rash on her arm was mild.", "scale"),
    ("Long history of cluster headaches; today a rash on the forearm.", "grouped"),
    ("Heat map of skin lesion samples; rows were clustered by correlation.", "grouped"),
])
def test_concept_false_friends(tg, text, gone):  # noqa: F811
    assert gone not in concepts(tg, text)


def test_concept_false_friend_leaves_the_lesion(tg):  # noqa: F811
    # the drug's patch is guarded; a patch of eczema beside it stays a Patch
    assert "patch" in concepts(tg, "Under the nicotine patch site there is a red scaly patch of eczema.")
