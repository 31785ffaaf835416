"""The `disease_label` choice, round 54 (tuning sets: gold and independent sets 1-38; the errors read on sets 34 and 35,
the rule checked on every tuning set): a generic scar named beside another condition is the mark a past wound or lesion
left, not the diagnosis (`labels.SEQUELS`), even beside a condition the choice otherwise treats as background (varicose
veins); beside only the sun-damaged skin it sits on, and alone, the scar keeps the label. Every sentence is new, written
for these tests, none taken from any evaluation set; the guards (named so) keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

from derm1m_build.tagger.labels import SEQUELS, SKIN_GROUND, SUN_SKIN

A = "asserted"


@pytest.mark.parametrize("text,want,label", [
    # the scar of an old wound beside the varicose veins the text is about
    ("A buzzing thrill beside the old stab-wound scar on his thigh, with dilated varicose veins below it.",
     {"cutaneous-scar": A, "varicose-veins": A}, "varicose veins"),
    # guard: beside the sun-damaged skin it sits on, the scar is the lesion (round 33's skin ground)
    ("Flat white scar on the forearm with sun-damaged skin all around it.",
     {"cutaneous-scar": A, "sun-damaged-skin": A}, "scar"),
    # guard: a named kind of scar refines the scar and keeps the label
    ("The scar on his chest has grown past the wound edges: a keloid.",
     {"cutaneous-scar": A, "keloid": A}, "keloid"),
])
def test_a_scar_is_the_residue_of_another_condition(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_the_tables():
    assert SEQUELS == frozenset({"cutaneous-scar"})
    assert SUN_SKIN == SKIN_GROUND - {"varicose-veins"} and "sun-damaged-skin" in SUN_SKIN
