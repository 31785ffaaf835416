"""Tagger rules of round 58 (tuning sets: gold and independent sets 1-43): a bite, a sting or a burn told as an event
(`events`), a disease named as a public topic (`topics`), and the idioms and animal owners that name no patient's
condition (`everyday`). Every sentence is new, written for these tests, none taken from any evaluation set; the guards
(named so) keep what needs no change."""

from __future__ import annotations

import pytest

from derm1m_build.tagger.events import event_spans
from derm1m_build.tagger.normalise import normalise_text
from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # an animal biting or stinging a person or a body part; the biter's kind gives the node
    ("Stray dog bites jogger in the park", {"animal-bite": A}, "animal bite"),
    ("A ferret bit off the tip of the keeper's finger.", {"animal-bite": A}, "animal bite"),
    ("Hiker stung by a hornet near the summit", {"bee-sting": A}, "bee sting"),
    ("Wasps stung the twins on their arms at the picnic.", {"bee-sting": A}, "bee sting"),
    ("A tarantula bit my nephew at the pet shop.", {"spider-bite": A}, "spider bite"),
    ("Angry goose bites tourist outside the palace", {"animal-bite": A}, "animal bite"),
    ("Woman bitten by escaped python at motel", {"animal-bite": A}, "animal bite"),
    # a person biting another person; stung by what does not sting: the group
    ("The boy bit his classmate during the break.", {"bites-and-stings": A}, "bites and stings"),
    ("Cyclist stung by a seagull, witnesses claim", {"bites-and-stings": A}, "bites and stings"),
    # burned before a body part
    ("He burned his left palm on the kettle.", {"thermal-burn": A}, "thermal burn"),
    ("Campfire marshmallows and a burnt fingertip", {"thermal-burn": A}, "thermal burn"),
    ("She slipped on the ice and bruised her elbow.", {"ecchymosis": A}, "ecchymosis"),
    # an intention or a modal: no event yet; a denial: negated; a denied intention: nothing either way
    ("The parrot keeps threatening to bite the vet", {"animal-bite": U}, ""),
    ("The dog never bit anyone.", {"animal-bite": N}, ""),
    ("Ants don't even want to bite people, a biologist says", {}, ""),
    # guards: one's own body, nothing bitten, no person or body, a noun, an idiom, a vector, a lexicon name
    ("Try not to bite your nails before the interview", {}, ""),
    ("Our cat bites when it is bored", {}, ""),
    ("The puppy bit the new sofa and two cushions", {}, ""),
    ("She took a bite of the apple and winced", {}, ""),
    ("Bitten by the acting bug at nine, she never looked back", {}, ""),
    ("An infected mosquito bites a person and the parasite enters the blood.", {}, ""),
    ("We burned the leaves in the garden.", {}, ""),
    ("A bruised pear and a bruised ego", {}, ""),
    ("Mosquito bites on both ankles after the camping trip", {"mosquito-bite": A}, "mosquito bite"),
    # a disease named as a public topic: uncertain, never the label, a denial over the action no denial of it
    ("Chickenpox parties are a bad idea, nurses say", {"varicella": U}, ""),
    ("Don't skip your rubella vaccinations this spring", {"rubella": U}, ""),
    ("School runs scabies awareness week", {"scabies": U}, ""),
    ("The long fight against leprosy in the region", {"leprosy": U}, ""),
    ("Minister asked about scabies in care homes", {"scabies": U}, ""),
    ("Here is what happens when you catch impetigo", {"impetigo": U}, ""),
    ("Redheads may be more likely to develop melanoma", {"melanoma": U}, ""),
    # guards: an outbreak's cases, the person's own, a record of what was asked
    ("A scabies outbreak spreads through the nursing home", {"scabies": A}, "scabies"),
    # (not "her psoriasis cream": a product named for a disease names nothing, round 43; things.py)
    ("She asked about her psoriasis flare again", {"psoriasis": A}, "psoriasis"),
    ("Today he asks about the wart on his thumb", {"viral-wart": A}, "viral wart"),
    # idioms and an animal's own condition name nothing; guards: the itch and the bruise of a person
    ("Fans itching to see the new season", {}, ""),
    ("Cyclists feel the burn on the final climb", {}, ""),
    ("After a bruising campaign the mayor resigned", {}, ""),
    ("My neighbour's dog's ear keeps itching", {}, ""),
    ("Itching to the point of bleeding on both shins", {"pruritus": A}, ""),
    ("Symptoms range from mild itching to painful erosions", {"pruritus": A}, ""),
    ("Bruising on her shins after the fall", {"ecchymosis": A}, "ecchymosis"),
])
def test_round58_rules(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,spans", [
    ("Otter bites swimmer", [("bites swimmer", "animal-bite", False)]),
    ("the pony tried to bite my hand", [("bite my hand", "animal-bite", True)]),
    ("stung by jellyfish off the pier", [("stung by jellyfish", "jellyfish-sting", False)]),
    ("scalded forearm from the kettle", [("scalded forearm", "thermal-burn", False)]),
    ("he bit her", [("bit her", "bites-and-stings", False)]),
    ("he bit her lip", []),
    ("the snake bites back", []),
    ("burned cds and burned calories", []),
    ("staph scalded skin", []),
])
def test_event_spans(text, spans):
    n = normalise_text(text)
    got = [(n[a:b], nid, unsure) for a, b, nid, _, unsure in event_spans(n, lambda nid: True)]
    assert got == spans


def test_event_keeps_colour_only_look(tg):  # noqa: F811
    # the biter's colour describes no lesion: the colour-only look drops it before the event is added
    from tagger_helpers import read

    assert read(tg, "Do brown spiders bite people?") == ({"spider-bite": U}, {})
