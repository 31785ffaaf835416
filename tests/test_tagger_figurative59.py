"""Tagger rules of round 59 (tuning sets: gold and independent sets 1-45): a condition in a simile, a metaphor or a
general law is a kind (`figurative`); a condition's word as a person's name, a food, a crop, a nest or a unit names
nothing (`namesakes`); a factive question's and "better without"'s complement is stated (`presupposed`). Every sentence
is new, written for these tests, none taken from any evaluation set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from derm1m_build.tagger.gates import namesake_may
from derm1m_build.tagger.namesakes import _attribution_start
from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # a law's heading: every name a kind
    ("Pratt's Second Law: A mosquito will find the one ankle you forgot to spray, and leave hives.",
     {"urticaria": U}, ""),
    ("The Law of Picnics: (1) Wasps arrive with the jam. (2) Someone gets a sunburn.", {"sunburn": U}, ""),
    # a simile after a copula, "like the", "in the sense that"
    ("Gossip is like the chickenpox: everyone catches it once.", {"varicella": U}, ""),
    ("Nothing spreads across an office like the scabies.", {"scabies": U}, ""),
    ("Ambition is good for a man only in the sense that a hat is good for dandruff.", {"seborrheic-dermatitis": U}, ""),
    # a metaphor with an abstract subject
    ("Jealousy is emotional hives.", {"urticaria": U}, ""),
    # generic subjects: "he who", a bare plural with a modal or a habit, "one" as a subject, "every", "where it itches"
    ("He who naps at noon in July gets a sunburn.", {"sunburn": U}, ""),
    ("Boys will always get warts from the frogs in that pond.", {"viral-wart": U}, ""),
    ("Where one can, one scratches where it itches.", {"pruritus": U}, ""),
    ("The beach cafe gives a free lolly with every sunburn.", {"sunburn": U}, ""),
    ("A cheap sofa invariably gives the buyer a rash and bruises.", {"ecchymosis": U}, ""),
    # guards: a person's own simile, a lesion's likeness, the lecture's "this one is", a narrative "men who were",
    # what people call a lesion (a correction reads it), a writer's own clause after "anyone who"
    ("My eczema is rough like sandpaper on both hands.", {"eczema": A}, "eczema"),
    ("This one is a seborrheic keratosis, stuck on like a barnacle.", {"seborrheic-keratosis": A},
     "seborrheic keratosis"),
    ("Two men who were farmers had leprosy in the old village.", {"leprosy": A}, "leprosy"),
    ("People always call this ringworm but it is granuloma annulare.",
     {"tinea-corporis": N, "granuloma-annulare": A}, "granuloma annulare"),
    ("Our little one has cradle cap again.", {"infantile-seborrheic-dermatitis": A}, "infantile seborrheic dermatitis"),
    ("Relapse was rarer in those who chose cryotherapy for plantar warts.", {"plantar-wart": A}, "plantar wart"),
])
def test_round59_figurative(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    # a capitalised name inside a sentence, a possessive name opening a text, a quotation's attribution
    ("The stand-up set was written by Harold Burns in the sixties.", {}, ""),
    ("Mole's Marmalade Method: stir the peel twice.", {}, ""),
    ("Never trust a man who owns two umbrellas. -- Agnes Mole", {}, ""),
    # a kitchen's boil, a fruit's bruise, a crop's corn, an animal's nest, a chemist's mole
    ("Bring the stock to a boil, then add the lentils.", {}, ""),
    ("Sort out the bruises on the peaches before the market.", {}, ""),
    ("Rows of corn grew behind the barn all summer.", {}, ""),
    ("The loft was full of wasp hives and dust.", {}, ""),
    ("By the recipe, 2 moles per litre of the salt are needed.", {}, ""),
    # guards: a sentence-initial name, a title in title case, a person's boil, a corn on a toe, a person's hives, a
    # dash inside a heading
    ("Burns on both palms after the barbecue.", {"thermal-burn": A}, "thermal burn"),
    ("A painful boil on his neck came up last week.", {"furuncle": A}, "furuncle"),
    ("She has a hard corn on her little toe.", {"corn": A}, "corn"),
    ("He came out in hives after the peanuts.", {"urticaria": A}, "urticaria"),
    # a named scale and a title in title case keep their names
    ("Itch was scored on the Leeds Pruritus Rating Scale at each visit.", {"pruritus": A}, ""),
    ("Recurrence After Excision of Facial Melanoma in Older Adults", {"melanoma": A}, "malignant melanoma"),
    ("Seen in clinic -- Psoriasis, inverse: glazed red plaques in both groins.", {"inverse-psoriasis": A},
     "inverse psoriasis"),
])
def test_round59_namesakes(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


@pytest.mark.parametrize("text,want,label", [
    ("Does your teacher know you have head lice?", {"pediculosis-capitis": A}, "pediculosis capitis"),
    ("Three things I'd be better off without: debt, dandruff, and December.", {"seborrheic-dermatitis": A},
     "seborrheic dermatitis"),
    # guards: "know if" asks about the name; a plain denial stays
    ("Do you know if it is head lice?", {"pediculosis-capitis": U}, ""),
    ("The child is much better, without head lice now.", {"pediculosis-capitis": N}, ""),
])
def test_round59_presupposed(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_attribution_start():
    # (from the stop before the dash)
    assert _attribution_start("Keep calm. -- Ada Burns") == 9
    assert _attribution_start('She said "no." -- Ada Burns, "Letters"') == 12
    # a dash inside a sentence or a field is no attribution
    assert _attribution_start("Teaching archive -- Psoriasis, inverse") == len("Teaching archive -- Psoriasis, inverse")
    assert _attribution_start('field "Histotype" -- Melanoma') == len('field "Histotype" -- Melanoma')


def test_namesake_gate():
    assert namesake_may("said Robert Burns once", {"said", "robert", "burns", "once"}) is True
    assert namesake_may("a fresh blister on the arm, itchy", {"a", "fresh", "on", "the", "arm", "itchy"}) is False
    assert namesake_may("Keep calm. -- Ada Lovelace", {"keep", "calm", "ada", "lovelace"}) is True
    assert namesake_may("stock at a boil", {"stock", "at", "a", "boil"}) is True
