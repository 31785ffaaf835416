"""A negation trigger that runs into a finding's name keeps its head (merge of rounds 36-37). Round 36's rules read
"never broke out with" as one negation trigger (so "with" ends no scope before "acne"), and round 36's vocabulary made
patients' "broke out" itself acne; the longer trigger then overlapped the name and was dropped as part of it, taking
the "never" with it. Every sentence is new, none taken from any evaluation set; the guards keep what needs no change."""

from __future__ import annotations

import pytest

from tagger_helpers import check, tg  # noqa: F401 (tg is a fixture)

A, N = "asserted", "negated"


@pytest.mark.parametrize("text,want,label", [
    ("Since switching creams I have not broken out with acne at all.", {"acne-vulgaris": N}, ""),
    ("Three months in and she never breaks out with pimples now.", {"acne-vulgaris": N}, ""),
    # guards: no negation before the name, a name of its own inside a longer trigger, another finding after "in"
    ("I broke out with acne the week I started it.", {"acne-vulgaris": A}, "acne vulgaris"),
    ("Culture grew a gram negative folliculitis on the chin.", {"gram-negative-folliculitis": A},
     "gram-negative folliculitis"),
    ("He never broke out in hives again after stopping it.", {"urticaria": N}, ""),
])
def test_a_trigger_running_into_a_name_keeps_its_head(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)
