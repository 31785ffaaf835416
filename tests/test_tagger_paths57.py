"""Round 57: the path reader's general readings for a taxonomy's names (`derm1m_build.tagger.paths`), and the
vocabulary a path needs.

- a malignant qualifier never resolves to a benign namesake ("Malignant dermatofibroma" is the malignant category);
- a likeness ("X like", "X-like", "Xoid") names X uncertain beside the head, never as the lesion; an association
  ("originating from", "arising in") asserts the second finding beside it, inside a level as after a comma;
- a sub-qualifier after a comma refines the head only where the name it forms is a kind of the head's own reading
  ("Seborrheic keratosis, Lichenoid" is no lichenoid keratosis); a hyphenated prefix is read joined ("Extra-mammary");
- "Other <kinds>" names their group; words before the name found name its child where the tree has one ("Lymphatic
  vascular malformation"); an indeterminate proliferation of no lineage is the level-1 group.
The paths are written for these tests in the archive's style (none copied from an evaluation set)."""

from __future__ import annotations

import pytest

from derm1m_build.tagger import labels_for
from derm1m_build.tagger.paths import group_names
from tagger_helpers import read, tg  # noqa: F401 (a fixture)

A, N, U = "asserted", "negated", "uncertain"
MEL = "Malignant:Malignant melanocytic proliferations (Melanoma)"


@pytest.mark.parametrize("text, conditions, label", [
    # a malignant qualifier never resolves to a benign namesake
    ("Malignant:Malignant soft tissue proliferations - Fibro-histiocytic:Malignant dermatofibroma",
     {"malignant-non-melanocytic": A}, "malignant non-melanocytic"),
    # likenesses: uncertain, the head keeps the label
    (f"{MEL}:Melanoma Invasive:Melanoma Invasive, Blue nevus like", {"melanoma": A, "blue-nevus": U},
     "malignant melanoma"),
    (f"{MEL}:Melanoma in situ:Melanoma in situ, Spitzoid", {"melanoma-in-situ": A, "spitz-nevus": U},
     "melanoma in situ"),
    # associations: asserted beside the head, after a comma or inside the level
    (f"{MEL}:Melanoma Invasive:Melanoma Invasive, originating from congenital nevus",
     {"melanoma": A, "congenital-nevus": A}, "malignant melanoma"),
    (f"{MEL}:Melanoma arising in a blue nevus", {"melanoma": A, "blue-nevus": A}, "malignant melanoma"),
    # ... the level's own name no node: the group above is the lesion, or gives way to the finding under it
    ("Indeterminate:Indeterminate melanocytic proliferations:Atypical nodule in congenital melanocytic nevus",
     {"atypical-melanocytic-proliferation": A, "congenital-nevus": A}, "atypical melanocytic proliferation"),
    ("Benign:Benign melanocytic proliferations:Halo reaction in congenital nevus", {"congenital-nevus": A},
     "congenital nevus"),
    ("Malignant:Malignant adnexal epithelial proliferations - Apocrine or Eccrine:Carcinoma arising in association "
     "with cylindroma or spiradenoma", {"malignant-non-melanocytic": A, "cylindroma": U, "spiradenoma": U},
     "malignant non-melanocytic"),
    # "in situ" is no relation
    ("Malignant:Malignant epidermal proliferations:Squamous cell carcinoma in situ, Bowens disease",
     {"bowens-disease": A}, "Bowen's disease"),
    # a sub-qualifier refines only where the tree has that kind; a hyphenated prefix read joined
    ("Benign:Benign epidermal proliferations:Seborrheic keratosis:Seborrheic keratosis, Lichenoid",
     {"seborrheic-keratosis": A}, "seborrheic keratosis"),
    ("Malignant:Malignant adnexal epithelial proliferations - Apocrine:Paget disease, Extra-mammary",
     {"extramammary-paget": A}, "extramammary Paget disease"),
    # "Other" kinds, a leading qualifier with the head noun, an indeterminate proliferation of no lineage
    ("Benign:Benign soft tissue proliferations - Vascular:Other angioma", {"benign-vascular": A},
     "benign vascular lesions"),
    ("Benign:Benign soft tissue proliferations - Vascular:Lymphatic vascular malformation", {"lymphangioma": A},
     "lymphangioma"),
    ("Indeterminate:Indeterminate epidermal proliferations:Unusual thing", {"proliferations": A}, "proliferations"),
    # vocabulary a path needs: a bare angiofibroma is no fibrous papule, infiltrating BCC no morphoeic BCC
    ("Benign:Benign soft tissue proliferations - Fibro-histiocytic:Angiofibroma, Genital",
     {"benign-non-melanocytic": A}, "benign non-melanocytic"),
    ("Benign:Benign soft tissue proliferations - Fibro-histiocytic:Angiofibroma, Facial", {"fibrous-papule": A},
     "fibrous papule"),
    ("Malignant:Malignant adnexal epithelial proliferations - Follicular:Basal cell carcinoma, Infiltrating",
     {"basal-cell-carcinoma": A}, "basal cell carcinoma"),
    ("Benign:Hemorrhagic lesions:Subungual haemorrhage", {"subungual-hematoma": A}, "subungual hematoma"),
    ("Benign:Benign soft tissue proliferations - Fibro-histiocytic:Reticulohistiocytosis", {"reticulohistiocytoma": A},
     "reticulohistiocytoma"),
])
def test_round57_paths(tg, text, conditions, label):  # noqa: F811
    assert read(tg, text)[0] == conditions
    assert labels_for(tg[0].tag(text), tg[1])["disease_label"] == label


def test_round57_indeterminate_group_names():
    assert group_names("Indeterminate epidermal proliferations", [], "indeterminate") == (["proliferations"], False)
    assert group_names("Indeterminate melanocytic proliferations", [], "indeterminate") == (
        ["atypical melanocytic proliferation", "proliferations"], False)
