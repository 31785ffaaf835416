"""Vocabulary of round 35: names research prose, forums and lecture transcripts use, and two false friends.

- Names: "stretchmarks" (one word, as forums write it) is striae; "infective / infectious dermatoses" the infectious
  group node; "cutaneous side effects" of a drug are drug reactions; "a lichenoid reaction to a drug" is a lichenoid
  drug eruption; "oral malignant melanoma" is a mucosal melanoma.
- Concept words: "rock-hard" is Induration, "sclerous" Sclerosis.
- Speech: "erythema multi form" is erythema multiforme (and no separate Erythema), "arbor rising vessels" arborizing
  vessels, "pity rye asis" pityriasis inside its names.
- False friends: shaving's "razor burn" is no thermal burn; "moleskin" (a fabric, a plaster) is no mole.
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

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


@pytest.mark.parametrize("text, want", [
    ("After two pregnancies she has pale stretchmarks across the abdomen.", {"striae": A}),
    ("Laser trial for a single stretchmark on the hip.", {"striae": A}),
    ("Topical photodynamic therapy is increasingly used for infective dermatoses.", {"infectious": A}),
    ("A review of infectious dermatoses seen in returning travellers.", {"infectious": A}),
    # (round 49: a general causal statement names a kind, uncertain; the name is what this case is about)
    ("Targeted therapies cause cutaneous side effects in most patients.", {"drug-reactions": U}),
    ("The biopsy showed a lichenoid reaction to a drug, most likely the new antihypertensive.",
     {"lichenoid-drug-eruption": A}),
    ("Survival of dogs with oral malignant melanoma after surgery alone.", {"mucosal-melanoma": A}),
])
def test_names(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("A rock-hard papule behind the ear of a teenager.", {"induration": A, "papule": A}),
    ("The lump felt rock hard under the finger.", {"induration": A, "nodule": A}),  # (round 51: a lump is a Nodule)
    ("A sclerous band across the forearm.", {"sclerosis": A}),
])
def test_concept_words(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


def test_spoken_multiforme_is_the_name_without_erythema(tg):  # noqa: F811
    text = "and here, erythema multi form, the classic targets on the hands"
    assert conditions(tg, text) == {"erythema-multiforme": A}
    assert "erythema" not in concepts(tg, text)


def test_spoken_arborizing_vessels(tg):  # noqa: F811
    assert concepts(tg, "look at the arbor rising vessels on this one") == {"arborizing-vessels": A}


@pytest.mark.parametrize("text, want", [
    ("so this is pity rye asis rosea, the herald patch came first", "pityriasis-rosea"),
    ("a case of pity-rye-asis rubra pilaris with islands of sparing", "pityriasis-rubra-pilaris"),
])
def test_spoken_pityriasis(tg, text, want):  # noqa: F811
    assert want in conditions(tg, text)


@pytest.mark.parametrize("text", [
    "Shaved his legs for the race and got razor burn all over the shins.",
    "Any tips for razor burns on the bikini line?",
    "Put a moleskin pad over the heel before the hike.",
    "She wore mole-skin trousers to the shoot.",
])
def test_false_friends(tg, text):  # noqa: F811
    assert conditions(tg, text) == {}


def test_false_friend_leaves_real_words(tg):  # noqa: F811
    # the guard covers only the fabric and the shaving phrase: a real burn and a real mole beside them still tag
    assert conditions(tg, "Moleskin on the blister, and a changing mole on the calf.") == {"melanocytic-nevus": A}
    assert "thermal-burn" in conditions(tg, "Razor burn is not the issue: he has a scald burn from the kettle.")
