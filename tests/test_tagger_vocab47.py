"""Vocabulary of round 47: a health chat's lay names and false friends, a Wood's lamp's glow, spoken misspellings.

- Names: a "sting site", "a bite or sting", "insect stings" (bites and stings); "postpartum shedding" (telogen
  effluvium); the spoken "basil cell" (basal cell carcinoma, "nodular basil cell" the nodular subtype); "impetaygo"
  (impetigo said with its long "i"); "plaque psoriasis of the scalp" (scalp psoriasis, the plaque kept); "serious
  dermatological reactions" (drug reactions, a drug label's wording).
- Pruritus: a bare "itching" beside a symptom word ("tingling", "throbbing", "persistent", "symptoms", "pain") is the
  skin's itch; "itching to get back" is eagerness (no itch).
- False friends: the nerve's "hypersensitivity to touch" (no allergic reaction); skin that "burns easily" / "always burns,
  never tans" (the skin's sun sensitivity: no burn); a lesion that "glowed yellow-green" under a Wood's lamp (the
  fluorescence, no colour of the skin).
- Concepts: "an irregular edge" (Irregular border), "bound-down" skin (Sclerosis), "on a narrow stalk" (Pedunculated),
  "knees and elbows" (Extensor), "little vessels" (Telangiectasia), "redder" (Red).
The sentences are new, none taken from any evaluation set. Guards (named so) pass before and after this round."""

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
    # bites and stings in a chat's words
    ("The sting site on his ankle is hot and swollen this morning.", {"bites-and-stings": A}),
    ("Insect stings on both forearms after clearing the shed.", {"bites-and-stings": A}),
    ("She came back from the garden with a bite or sting on her neck.", {"bites-and-stings": A}),
    # (a guard: the named insect's sting keeps its own node)
    ("A wasp sting on the thumb, swollen to the wrist.", {"bee-sting": A}),
    # postpartum shedding
    ("Her postpartum shedding is worse at the temples.", {"telogen-effluvium": A}),
    ("Postnatal hair loss at the temples since her second baby.", {"telogen-effluvium": A}),
    # spoken misspellings
    ("and the next one is a basil cell on the lower eyelid, rolled edge", {"basal-cell-carcinoma": A}),
    # (a guard: the fuzzy pass read the longer subtype name before this round; the new key keeps it)
    ("a nodular basil cell on the ala of the nose", {"nodular-bcc": A}),
    ("the toddler's got impetaygo round the nostrils", {"impetigo": A}),
    # plaque psoriasis named for the scalp
    ("Plaque psoriasis of the scalp, thick and silvery behind the ears.", {"scalp-psoriasis": A}),
    ("Chronic plaque psoriasis of the scalp for twenty years.", {"scalp-psoriasis": A}),
    # (a guard: plaque psoriasis at another site stays psoriasis vulgaris)
    ("Chronic plaque psoriasis of the knees.", {"psoriasis-vulgaris": A}),
    # a drug label's wording
    ("Serious dermatological reactions have followed the first dose in a few patients.", {"drug-reactions": A}),
    # false friends: the nerve's hypersensitivity
    ("Burning pain and hypersensitivity to touch along the ribs, no rash yet.", {}),
    # (a guard: a clipped "hypersensitivity angiitis" is still read by the fuzzy pass)
    ("Hypersensit angiitis of the legs", {"leukocytoclastic-vasculitis": A}),
    # (a guard: an allergic reaction stays one)
    ("An allergic reaction to the plaster, red and itchy under it.", {"hypersensitivity-reaction": A, "pruritus": A}),
    # false friends: burning easily in the sun
    ("My skin burns easily in summer, so I wear a hat on the boat.", {}),
    ("Type I skin that always burns, never tans.", {}),
    # a bare "itching" beside a symptom word is the skin's itch; "itching to" go is eagerness
    ("Tingling, then itching along the scar each evening.", {"pruritus": A}),
    ("The bite has some throbbing and itching today.", {"pruritus": A}),
    ("I'm itching to get back on the bike once the knee pain settles.", {}),
    # (a guard: "itching to the point of bleeding" is the itch)
    ("Itching to the point of bleeding on both shins.", {"pruritus": A}),
    # (guards: a burn and a sunburn stay)
    ("A burn on the palm from the kettle, blistered.", {"thermal-burn": A}),
    ("Bad sunburn on the shoulders after the beach.", {"sunburn": A}),
])
def test_conditions(tg, text, want):  # noqa: F811
    assert conditions(tg, text) == want


@pytest.mark.parametrize("text, want", [
    # a Wood's lamp's glow is no colour of the skin
    ("Under the Wood's lamp the scaly macules glowed yellow-green.", {"scale": A, "macule": A}),
    ("Under the lamp the pale patches on the trunk glowed yellow.", {"white-hypopigmentation": A, "patch": A,
                                                                      "truncal": A}),
    # (a guard: yellow crusts stay yellow)
    ("Honey-yellow crusts on the chin of a child.", {"yellow": A, "crust": A}),
    # an irregular edge
    ("A new pigmented lesion on the back with an irregular edge.", {"pigmented": A, "irregular-border": A}),
    ("Brown macules with irregular edges on the shins.", {"brown-hyperpigmentation": A, "macule": A,
                                                          "irregular-border": A}),
    # bound-down skin
    ("Shiny, bound-down skin over the knuckles.", {"sclerosis": A}),
    # on a narrow stalk
    ("A red papule on a narrow stalk on the lip.", {"red": A, "papule": A, "pedunculated": A}),
    ("A soft papule on a thin stalk in the armpit.", {"papule": A, "pedunculated": A}),
    # knees and elbows, little vessels, going redder
    ("Pink scaly plaques on the knees and elbows.", {"pink": A, "scale": A, "plaque": A, "extensor": A}),
    ("a pearly papule with little vessels running over it", {"pearly": A, "papule": A, "telangiectasia": A}),
    ("The patch on her cheek turns redder in the heat.", {"patch": A, "red": A}),
])
def test_concepts(tg, text, want):  # noqa: F811
    assert concepts(tg, text) == want


@pytest.mark.parametrize("text, want", [
    ("The sting site on his ankle is hot and swollen this morning.", "bites and stings"),
    ("and the next one is a basil cell on the lower eyelid, rolled edge", "basal cell carcinoma"),
    ("Plaque psoriasis of the scalp, thick and silvery behind the ears.", "scalp psoriasis"),
    ("Burning pain and hypersensitivity to touch along the ribs, no rash yet.", ""),
    ("My skin burns easily in summer, so I wear a hat on the boat.", ""),
])
def test_label(tg, text, want):  # noqa: F811
    assert label(tg, text) == want


@pytest.mark.parametrize("text, want", [
    # (a guard: the plaque was read before this round from "plaque psoriasis"; the scalp psoriasis key keeps it)
    ("Plaque psoriasis of the scalp, thick and silvery behind the ears.", {"plaque": A}),
])
def test_names_keep_their_lesion(tg, text, want):  # noqa: F811
    assert {k: v for k, v in concepts(tg, text).items() if k == "plaque"} == want
