"""Round 55: a diagnosis written as its taxonomy path ("Benign:Cysts:Steatocystoma") is one diagnosis
(`derm1m_build.tagger.paths`).

- the most specific level the ontology knows is the finding; the levels above it (its groups) are not reported;
- a group level's words compose the ontology's branch (dignity x lineage), a parenthesised name is more specific, a
  "not X" qualifier negates X, a disjunction names its alternatives uncertain and the lesion keeps the level above;
- an unknown leaf falls back to the nearest level that names a node; a catalogue level's modifiers read before its
  head, a relation modifier ("Arising in ...") names a second finding;
- the gate: a field's label ("PMH:Melanoma"), a sentence and a spaced colon are no path.
The paths are written for these tests in the archive style, none taken from an evaluation set."""

from __future__ import annotations

import pytest

from derm1m_build.tagger import labels_for
from derm1m_build.tagger.paths import group_names, is_group, levels, path_may
from tagger_helpers import read, tg  # noqa: F401 (a fixture)

A, N, U = "asserted", "negated", "uncertain"


@pytest.mark.parametrize("text, conditions, concepts", [
    # a known leaf: its groups are not reported beside it
    ("Benign:Benign epidermal proliferations:Seborrheic keratosis", {"seborrheic-keratosis": A}, {}),
    ("Malignant:Malignant melanocytic proliferations (Melanoma):Melanoma in situ", {"melanoma-in-situ": A}, {}),
    # a catalogue level's modifier read before its head, or naming a kind itself
    ("Benign:Benign soft tissue proliferations - Vascular:Angioma, Cherry", {"cherry-angioma": A}, {}),
    ("Malignant:Malignant melanocytic proliferations (Melanoma):Melanoma Invasive:Melanoma Invasive, Nodular",
     {"nodular-melanoma": A}, {"nodule": A}),
    # a relation modifier names a second finding, the head keeps its node
    ("Malignant:Malignant melanocytic proliferations (Melanoma):Melanoma Invasive, Arising in a congenital nevus",
     {"melanoma": A, "congenital-nevus": A}, {}),
    # an unknown leaf: the nearest group the path names
    ("Benign:Benign soft tissue proliferations - Vascular:Sinusoidal thing", {"benign-vascular": A}, {}),
    ("Malignant:Malignant epidermal proliferations:Keratinocytic neoplasm, rare", {"malignant-non-melanocytic": A}, {}),
    ("Indeterminate:Indeterminate melanocytic proliferations:Unclassified lesion",
     {"atypical-melanocytic-proliferation": A}, {}),
    ("Malignant:Lymphocytic proliferations - T-Cell/NK", {"cutaneous-lymphoma": A}, {}),
    ("Malignant:Malignant adnexal epithelial proliferations - Sebaceous", {"sebaceous-carcinoma": A}, {}),
    ("Benign:Cysts:Ciliated thing", {"cysts": A}, {}),
    ("Benign:Mast cell proliferations", {"mastocytosis": A}, {}),
    ("Malignant:Malignant - Other", {"malignant": A}, {}),
    # the leaf read with its parent's words: an elliptic level, a parent's qualifier
    ("Benign:Cysts:Pilar cyst:Trichilemmal, Pilar", {"pilar-cyst": A}, {}),
    ("Benign:Benign adnexal epithelial proliferations - Eccrine:Mixed tumour", {"chondroid-syringoma": A}, {}),
    # a "not X" qualifier, a disjunction
    ("Benign:Flat melanotic pigmentations - not melanocytic nevus", {"pigmentary": A, "melanocytic-nevus": N}, {}),
    ("Benign:Inflammatory or infectious diseases", {"benign": A, "inflammatory": U, "infectious": U}, {}),
    ("Benign:Inflammatory or infectious diseases:Tinea corporis", {"tinea-corporis": A}, {}),
    # a one-word name written with a hyphen inside
    ("Malignant:Malignant epidermal proliferations:Baso-squamous carcinoma", {"basal-cell-carcinoma": A}, {}),
    # concepts: an adjective of colour, surface or form stays, a noun of the name and a subtype's histology do not
    ("Benign:Mast cell proliferations:Maculopapular mastocytoma", {"mastocytoma": A}, {"macule": A, "papule": A}),
    ("Benign:Benign soft tissue proliferations - Fibro-histiocytic:Scar:Scar, Keloid", {"keloid": A}, {}),
    ("Indeterminate:Indeterminate epidermal proliferations:Actinic keratosis, Atrophic", {"actinic-keratosis": A}, {}),
    # not a path: the tagger's own reading stands
    ("PMH:Melanoma", {"melanoma": A}, {}),
])
def test_round55_paths(tg, text, conditions, concepts):  # noqa: F811
    assert read(tg, text) == (conditions, concepts)


@pytest.mark.parametrize("text, label", [
    ("Benign:Benign melanocytic proliferations:Nevus:Nevus, Halo", "halo nevus"),
    ("Benign:Inflammatory or infectious diseases", "benign"),
    ("Malignant:Malignant melanocytic proliferations (Melanoma):Melanoma Invasive, Arising in a congenital nevus",
     "malignant melanoma"),
    ("Benign:Flat melanotic pigmentations - not melanocytic nevus", "pigmentary disorders"),
])
def test_round55_path_label_is_the_deepest_known_node(tg, text, label):  # noqa: F811
    assert labels_for(tg[0].tag(text), tg[1])["disease_label"] == label


@pytest.mark.parametrize("text, want", [
    ("Benign:Cysts", True),
    ("Benign:Benign melanocytic proliferations:Nevus:Nevus, Spitz", True),
    ("Plan: review in clinic", False),                      # a spaced colon: a field
    ("PLAN:Order a series of tests", False),                 # a root in capitals
    ("Drug causing malignant hyperthermia:(Asked twice)", False),  # a root of four words
    ("Past History:Melanoma in 2019. Now well", False),      # a sentence
    ("Seen at 10:30 for a rash", False),                     # a time
    ("see https://example.org:Melanoma", False),             # lower-case opening, a link
])
def test_path_gate(text, want):
    assert path_may(text) is want


def test_levels_and_groups():
    text = "Benign:Benign soft tissue proliferations - Adipocytic:Lipoma, Pleomorphic"
    assert [text[a:b] for a, b in levels(text)] == [
        "Benign", "Benign soft tissue proliferations - Adipocytic", "Lipoma, Pleomorphic"]
    assert [is_group(text[a:b]) for a, b in levels(text)] == [True, True, False]
    assert group_names("Benign soft tissue proliferations", ["Vascular"], "benign") == (
        ["benign vascular lesions", "benign non-melanocytic"], False)
    assert group_names("Lymphocytic proliferations", ["B-Cell"], "malignant") == (
        ["cutaneous B-Cell lymphoma", "cutaneous lymphoma", "malignant non-melanocytic"], False)
    assert group_names("Inflammatory or infectious diseases", [], "benign") == (
        ["inflammatory diseases", "inflammatory", "infectious diseases", "infectious"], True)
    assert group_names("Flat melanotic pigmentations", [], "benign") == (
        ["flat melanotic pigmentations", "pigmentation disorders"], False)
