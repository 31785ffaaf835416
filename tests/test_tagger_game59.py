"""Tagger rules of round 59 (tuning sets: gold and independent sets 1-45): an injury told in a person's own words with
no biter named (`events._told_injuries`), what burns (`burning`: a thing's verb, a substance's hazard) and
precautions (`precautions`: a warning, a protection, a near miss). Every sentence is new, written for these tests,
none taken from any evaluation set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from derm1m_build.tagger.burning import thing_burns
from derm1m_build.tagger.events import event_spans
from derm1m_build.tagger.normalise import normalise_text
from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # a bite or a sting with no biter named, told of a person: the group, asserted and the label
    ("You've been stung again!", {"bites-and-stings": A}, "bites and stings"),
    ("My brother got bitten by something in the tent last night.", {"bites-and-stings": A}, "bites and stings"),
    ("The campers who had been stung were taken to the first-aid hut.", {"bites-and-stings": A}, "bites and stings"),
    ("He died of an infected bite weeks later.", {"bites-and-stings": A}, "bites and stings"),
    ("The bite on her calf has swollen overnight.", {"bites-and-stings": A}, "bites and stings"),
    # frostbitten, heat blisters, a current's burns, a chemical named beside a burn done to the skin, a burned person
    ("Your toes are frostbitten.", {"frostbite": A}, "frostbite"),
    ("His palms were blistering from the heat of the engine.", {"thermal-burn": A}, "thermal burn"),
    ("The technician suffered arc burns in the substation.", {"electrical-burn": A}, "electrical burn"),
    ("Acid splashed out and burned her forearm.", {"chemical-burn": A}, "chemical burn"),
    ("A badly burned firefighter was airlifted.", {"thermal-burn": A}, "thermal burn"),
    # a person's scars, alone
    ("She is proud of her scars.", {"cutaneous-scar": A}, "scar"),
    # a creature's weapon: uncertain, its kind's node
    ("A scorpion is known for its venomous sting.", {"bites-and-stings": U}, ""),
    # a warning, a protection, a near miss
    ("Careful not to burn yourself on the grill.", {"thermal-burn": U}, ""),
    ("Divers wear hoods for protection against jellyfish stings.", {"jellyfish-sting": U}, ""),
    ("I almost got stung by a wasp at lunch.", {"bee-sting": N}, ""),
    # a substance's hazard: uncertain, chemical where a chemical is named
    ("Drain cleaner is caustic and causes severe burns to the skin.", {"chemical-burn": U}, ""),
    ("Boiling oil can cause severe burns.", {"thermal-burn": U}, ""),
    # an inner organ's burns name nothing; a tendency is uncertain; "burn to death" falls on the one who dies
    ("The leaflet lists nausea, internal burns and headache among the side effects.", {}, ""),
    ("Pale skin like yours burns very easily in July.", {"thermal-burn": U}, ""),
    ("Keep the petrol away unless you want to burn to death.", {"thermal-burn": U}, ""),
    # guards: a thing that burns, a food's, a sound's or a move's bite, a figurative sting, an animal's, the noun kept
    ("The furnace burns wood and charcoal all winter, hot enough to boil water.", {}, ""),
    ("The old torch burns brightly over the fire pit.", {}, ""),
    ("The candle burns with a steady flame beside the hot stove.", {}, ""),
    ("He has severe burns to both hands.", {"thermal-burn": A}, "thermal burn"),
    ("We grabbed a bite to eat after the film.", {}, ""),
    ("Once bitten, twice shy.", {}, ""),
    ("The investors got stung with huge fees.", {}, ""),
    ("The Viper Bite is a fighting move in the game.", {}, ""),
    ("Ticks rarely cause problems for the goat, but its bites on the udder may swell.", {}, ""),
    ("The merger left a scar on the company.", {}, ""),
])
def test_round59_rules(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,spans", [
    ("you have been stung", [("stung", "bites-and-stings", False)]),
    ("the dog was stung by criticism", []),
    ("your fingers are frostbitten", [("frostbitten", "frostbite", False)]),
    ("frost bitten toes", [("frost bitten", "frostbite", False)]),
    ("try not to burn yourself", [("burn yourself", "thermal-burn", False)]),
    ("a paralyzing sting", [("sting", "bites-and-stings", True)]),
    ("an infected mosquito bites and infected bites spread the parasite", []),
])
def test_told_spans(text, spans):
    n = normalise_text(text)
    got = [(n[a:b], nid, unsure) for a, b, nid, _, unsure in event_spans(n, lambda nid: True)]
    assert got == spans


@pytest.mark.parametrize("text,word,want", [
    ("an integrated boiler burns coal", "burns", True),
    ("a resin which burns at high heat", "burns", True),
    ("it swells and burns like hell", "burns", True),
    ("Burns diesel from a tank", "Burns", True),
    ("cuts and burns like these", "burns", False),
    ("third degree burns at the scene", "burns", False),
    ("a coating that burns your skin", "burns", False),
    ("Burns with blisters need dressing", "Burns", False),
])
def test_thing_burns(text, word, want):
    a = text.index(word)
    assert thing_burns(text.lower(), a, a + len(word)) is want


@pytest.mark.parametrize("n,gw,named,want", [
    ("your toes are frostbitten", {"frostbitten"}, False, True),
    ("blisters on both feet", {"blisters"}, False, False),
    ("blistering from the heat", {"blistering"}, False, True),
    ("try not to burn yourself", {"burn"}, False, True),
    ("burns at 200 degrees", {"burns"}, False, False),
    ("arc burns on the hand", {"burns"}, False, True),
    ("scars on his arm", {"scars"}, False, True),
    ("scars on his arm from acne", {"scars"}, True, False),
])
def test_told_may(n, gw, named, want):
    from derm1m_build.tagger.gates import told_may
    from derm1m_build.tagger.lexicon import Target

    hits = [(22, 26, Target("condition", "acne-vulgaris", 0), 100.0)] if named else []
    assert told_may(n, gw, hits) is want
