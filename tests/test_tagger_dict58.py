"""Tagger round 58 (tuning sets: gold and independent sets 1-43): a dictionary entry read as one (`dictentry`), a
condition's word in a compound that names a thing, a plant or an animal (`things`), lay names as vocabulary. Every
text is new, written for these tests in a dictionary's entry form or as prose, none taken from any evaluation set; the
guards (named so) keep what needs no change: a metadata row, a code list, a table row and a patient's own condition
beside a product."""

from __future__ import annotations

import pytest

from derm1m_build.tagger.dictentry import entry_head
from derm1m_build.tagger.gates import dictentry_may
from derm1m_build.tagger.lexicon import Target
from derm1m_build.tagger.things import thing_compounds
from tagger_helpers import check, read, tg  # noqa: F401 (tg is a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text,want,label", [
    # a headword's sub-entries are kinds the entry lists: uncertain, never the label
    ("impetigo | bullous impetigo | non-bullous impetigo", {"impetigo": A, "bullous-impetigo": U}, "impetigo"),
    # an example sentence is read as written but never gives the label
    ("to sting {stung; stung} | stinging | stung | I was stung by a wasp on the arm.", {"bee-sting": A}, ""),
    # a verb on a thing names an act, not an injury
    ("to scald sth.; to blanch sth. | scalding; blanching | scalded; blanched", {}, ""),
    # the headword's synonyms are one node, the most specific
    ("mole; naevus [med.]; nevus [Am.] | moles; naevi; nevi | hairy mole | the mole on her cheek",
     {"melanocytic-nevus": A}, "melanocytic nevus"),
    # a gloss naming a use is uncertain
    ("to scratch your scalp; to rake your scalp [coll.] (to relieve itching)", {"pruritus": U}, ""),
    # a taxon's entry names organisms: nothing
    ("itch mites; scab mites (zoological family) | itch mite", {}, ""),
    # compounds naming a product or an animal; guard: the condition named elsewhere stays
    ("She bought a wart remover and a lice comb at the pharmacy.", {}, ""),
    ("whale lice cling to grey whales", {}, ""),
    # guards: a drug named for a disease, a host word that is a verb, a corn beside a callosity
    ("Synthesis and testing of a novel anti-melanoma agent.", {"melanoma": A}, "malignant melanoma"),
    ("CORN/CALLOSITY", {"corn": A, "callus": A}, "corn"),
    ("Her dandruff came back, so she bought a dandruff shampoo.", {"seborrheic-dermatitis": A},
     "seborrheic dermatitis"),
    # guards: a metadata row, a code list, a capitalised table row are no entries
    ("img 12 | dx: impetigo | site: chin", {"impetigo": A}, "impetigo"),
    ("eczema S88; psoriasis S91; scabies S72", {"eczema": A, "psoriasis": A, "scabies": A}, "eczema"),
    # lay names
    ("Both twins brought hand, foot and mouth home from the childminder, with blisters on their palms.",
     {"hand-foot-mouth-disease": A}, "hand, foot and mouth disease"),
    ("Her aunt's hands are covered in liver marks after years of tennis.", {"solar-lentigo": A}, "solar lentigo"),
    ("an operation scar across the knee", {"cutaneous-scar": A}, "scar"),
])
def test_round58_readings(tg, text, want, label):  # noqa: F811
    check(tg, text, want, label)


def test_thing_headword_and_near_spelling(tg):  # noqa: F811
    # a headword that is a thing's compound names nothing with its synonyms; the concept goes with it
    assert read(tg, "blister pack; push-through pack (packaging) | blister packs") == ({}, {})


def test_gate_and_head():
    assert [dictentry_may(t) for t in ("a | b", "lice (zoological order)", "weed (botanical genus)", "boil [Br.]",
                                       "to bite {bit; bitten}", "to cut sth.", "a|b", "psoriasis [1]", "a; b",
                                       "He has eczema (atopic).")] == \
        [True, True, True, True, True, False, False, False, False, False]
    assert entry_head("to cut sth.; to slit sth.") is None  # "sth." alone marks no entry (the gate's word)
    assert entry_head("ulcer; ulcus | ulcers; ulcuses") == 12
    assert entry_head("Major burns | >20% adults | >10% children") is None  # a capitalised table row
    assert entry_head("record 5512 | psoriasis | admitted") is None  # a digit in the head
    assert entry_head("img 12 | dx: impetigo") is None  # a field's colon
    assert entry_head("a red rash | spreading over the arms") is None  # no word of the head after it
    assert entry_head("corn lice (zoological order)") == 28


def test_thing_compounds_hits():
    n = "a lice shampoo| tree scar and scabies"
    lice, scar, scabies = (Target("condition", x, 0) for x in ("pediculosis-capitis", "cutaneous-scar", "scabies"))
    hits = [(2, 6, lice, 100.0), (21, 25, scar, 100.0), (30, 37, scabies, 100.0)]
    assert thing_compounds(n, hits) == [(30, 37, scabies, 100.0)]
    # a host names no concept's kind ("ash leaf macules")
    macule = (9, 16, Target("concept", "macule", 0), 100.0)
    assert thing_compounds("the ash leaf macules", [macule]) == [macule]
