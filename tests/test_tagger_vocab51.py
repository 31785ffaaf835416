"""Vocabulary of round 51: the tuning sets' concept and condition misses by cause, the largest general forms read.

- ANNOTATION.md's settled readings the newer sets (19-36) follow: "firm" said of a lesion is Induration; "a lump" on the
  skin is a Nodule (sets 10-18 left the singular out; sets 19-36 read it in 21 of 25 texts). Each common word needs a
  lesion's word near (`concepts.yaml`); a law firm, a breast lump are false friends.
- a colour compounded with "black" states both colours ("blue-black"); dermoscopy's "blue-grey nests" are the
  structure; "tight, shiny skin" (Sclerosis), "cracked, dry" (Xerosis and Fissure), a "raised patch" (Plaque).
- the mouth's and the lips' lesions: "oral ulcers", "erosions of the lips", "crusting of the lips" (Mucosal
  involvement and their lesion).
- the telangiectases condition's own names ("thread veins", "telangiectases") state the Telangiectasia concept too.
- lay phrases: ringworm placed on a site (tinea capitis, cruris ...), sweating through shirts or dripping
  (hyperhidrosis), a snake's or a dog's bite, a black eye (ecchymosis).
- the fuzzy pass leaves a known word's derived form alone ("Hamartomatous" is no haematoma).
The sentences are new, none taken from any evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger.fuzzy import derived_base
from tagger_helpers import tg  # noqa: F401 (a fixture)

A, N, U = "asserted", "negated", "uncertain"


def read(tg, text: str) -> tuple[dict[str, str], dict[str, str]]:  # noqa: F811
    t, _ = tg
    r = t.tag(text)
    return ({m.id: N if m.negated else U if m.uncertain else A for m in r.conditions},
            {m.id: N if m.negated else A for m in r.concepts})


@pytest.mark.parametrize("text, conditions, concepts", [
    # a firm lesion, a lump on the skin
    ("A firm pink papule on the shin that dimples when pinched from the sides.", {},
     {"induration": A, "pink": A, "papule": A}),
    ("On palpation the nodule over her elbow is firm and mobile.", {}, {"nodule": A, "induration": A}),
    ("Her son has a painful red lump on the back of his neck that is discharging pus.", {}, {"red": A, "nodule": A}),
    ("There is a tender lump on the forearm, growing for six weeks.", {}, {"nodule": A}),
    # (guards: the everyday senses)
    ("She works for a law firm and has no rash.", {}, {}),
    ("The surgeons stood firm about the date of the operation.", {}, {}),
    ("She noticed a breast lump last week and was referred to the breast clinic.", {}, {}),
    # colours, dermoscopic nests, comma forms, a raised patch
    ("Dark blue-black papule on the lip of an elderly man: a venous lake.", {"venous-lake": A},
     {"black": A, "blue": A, "papule": A}),
    ("Dermoscopy shows arborising vessels and large blue-grey nests.", {},
     {"arborizing-vessels": A, "blue-grey-ovoid-nests": A}),
    ("A blue-grey patch over the sacrum of a newborn, a Mongolian spot.", {"mongolian-spot": A},
     {"gray": A, "patch": A}),
    ("Tight, shiny skin of the fingers in a woman with Raynaud's.", {"raynaud-phenomenon": A}, {"sclerosis": A}),
    ("Cracked, dry heels in an older man every winter.", {}, {"fissure": A, "xerosis": A}),
    ("A raised patch on the scalp that itches.", {"pruritus": A}, {"plaque": A}),
    # the mouth's and the lips' lesions
    ("Fever, oral ulcers, arthralgia and a malar rash in a young woman.", {"acle": A},
     {"mucosal-involvement": A, "ulcer": A}),
    ("Target lesions on the palms and haemorrhagic crusting of the lips after a cold sore.", {"herpes-labialis": A},
     {"targetoid": A, "palmoplantar": A, "crust": A, "mucosal-involvement": A}),
    ("Painful erosions on her lips and flaccid blisters on the trunk.", {},
     {"erosion": A, "mucosal-involvement": A, "bulla": A, "truncal": A}),
    # a condition that is the finding
    ("Fine thread veins over both cheeks of a cyclist.", {"telangiectases": A}, {"telangiectasia": A}),
    ("Telangiectases on the nose of a woman with rosacea.", {"rosacea": A}, {"telangiectasia": A}),
    # lay phrases
    ("Ringworm on my daughter's scalp, caught from the new kitten.", {"tinea-capitis": A}, {}),
    ("The GP thinks it's ringworm in her groin after the gym.", {"tinea-cruris": U}, {}),
    ("I sweat through my shirts every day even in winter.", {"hyperhidrosis": A}, {}),
    ("Sweat drips off his hands onto the exam paper.", {"hyperhidrosis": A}, {}),
    ("A snake bite on the ankle during a hike.", {"animal-bite": A}, {}),
    ("He was bitten by a dog while delivering post.", {"animal-bite": A}, {}),
    ("A black eye after a fall at the rugby match.", {"ecchymosis": A}, {}),
    # the fuzzy pass: a known word's derived form is no typo (guards: the name word itself reads as before)
    ("Hamartomatous polyps of the small intestine in a man with pigmented lips.", {}, {"pigmented": A}),
    ("So this is a hamartoma of the skin.", {}, {}),
])
def test_vocab51(tg, text, conditions, concepts):  # noqa: F811
    assert read(tg, text) == (conditions, concepts)


def test_derived_base():
    assert derived_base("hamartomatous") == ("hamartoma",)
    assert derived_base("keratotic") == ("keratosis",)
    assert derived_base("melanoma") == ()
