"""A diagnosis's own forms sit under it (issue 17): melanoma in situ and the other melanoma subtypes under
malignant melanoma, the basal cell carcinoma subtypes under basal cell carcinoma, squamous cell carcinoma in
situ (Bowen's disease) and its variants under squamous cell carcinoma. The four category levels stay
Derm1M's; a subtype is the one level allowed below them. Checked through the loaded tree, the released
`ontology.json` forms, `labels_for` and `tag-text`, as a user sees them."""

from __future__ import annotations

import json

import pytest
from conftest import cli

from derm1m_build.ontology import load_ontology
from derm1m_build.tagger import labels_for
from tagger_helpers import shared_tagger

MELANOMA_FORMS = ["melanoma-in-situ", "lentigo-maligna", "lentigo-maligna-melanoma", "superficial-spreading-melanoma",
                  "nodular-melanoma", "acral-lentiginous-melanoma", "subungual-melanoma", "amelanotic-melanoma",
                  "desmoplastic-melanoma", "mucosal-melanoma", "melanoma-metastasis"]
BCC_FORMS = ["nodular-bcc", "superficial-bcc", "morpheaform-bcc", "pigmented-bcc"]
SCC_FORMS = ["bowens-disease", "verrucous-carcinoma", "erythroplasia-of-queyrat"]


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


@pytest.mark.parametrize("parent, forms", [("melanoma", MELANOMA_FORMS), ("basal-cell-carcinoma", BCC_FORMS),
                                           ("squamous-cell-carcinoma", SCC_FORMS)])
def test_each_form_sits_under_its_diagnosis_as_a_leaf_subtype(onto, parent, forms):
    assert sorted(onto.children(parent)) == sorted(forms)
    for nid in forms:
        n = onto.conditions[nid]
        assert (n.parent, n.level, n.subtype, onto.is_leaf(nid)) == (parent, 5, True, True)
    assert onto.conditions[parent].level == 4 and not onto.conditions[parent].subtype


def test_melanoma_in_situ_path_and_the_released_forms(onto):
    assert onto.path("melanoma-in-situ") == ["proliferations", "malignant", "malignant melanocytic",
                                             "malignant melanoma", "melanoma in situ"]
    tree = onto.derm1m_json()
    assert "melanoma in situ" in tree["malignant melanoma"] and "melanoma in situ" not in tree["malignant melanocytic"]
    assert tree["malignant melanocytic"] == ["malignant melanoma"]
    full = {n["id"]: n for n in onto.full_json()["conditions"]}
    assert (full["melanoma-in-situ"]["parent"], full["melanoma-in-situ"]["level"], full["melanoma-in-situ"]["subtype"]) \
        == ("melanoma", 5, True)
    assert "subtype" not in full["melanoma"]


@pytest.mark.parametrize("text, label, hier", [
    ("Histology: melanoma in situ, margins clear.", "melanoma in situ",
     "proliferations, malignant, malignant melanocytic, malignant melanoma, melanoma in situ"),
    ("Dermoscopy image, final diagnosis MIS on the cheek.", "melanoma in situ",
     "proliferations, malignant, malignant melanocytic, malignant melanoma, melanoma in situ"),
    ("Excision of a melanoma of the back: superficial spreading melanoma, Breslow 0.4 mm.",
     "superficial spreading melanoma",
     "proliferations, malignant, malignant melanocytic, malignant melanoma, superficial spreading melanoma"),
    ("Basal cell carcinoma of the nose, nodular type on histology: nodular basal cell carcinoma.",
     "nodular basal cell carcinoma",
     "proliferations, malignant, malignant non-melanocytic, basal cell carcinoma, nodular basal cell carcinoma"),
    ("Bowen's disease of the shin.", "Bowen's disease",
     "proliferations, malignant, malignant non-melanocytic, squamous cell carcinoma, Bowen's disease"),
    ("Invasive melanoma, Breslow 1.2 mm.", "malignant melanoma",
     "proliferations, malignant, malignant melanocytic, malignant melanoma"),
])
def test_labels_name_the_subtype_under_its_diagnosis(onto, text, label, hier):
    tagger, shipped = shared_tagger()
    got = labels_for(tagger.tag(text), shipped)
    assert (got["disease_label"], got["hierarchical_disease_label"]) == (label, hier)


def test_tag_text_prints_the_subtype_path(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text(json.dumps({"id": 1, "text": "Shave biopsy of the cheek, histo: MIS, margins clear."}) + "\n")
    row = json.loads(cli("tag-text", f, check=True).stdout)
    assert [c["id"] for c in row["conditions"]] == ["melanoma-in-situ"]
    assert row["conditions"][0]["path"] == ["proliferations", "malignant", "malignant melanocytic",
                                            "malignant melanoma", "melanoma in situ"]
    assert (row["disease_label"], row["hierarchical_disease_label"]) == (
        "melanoma in situ", "proliferations, malignant, malignant melanocytic, malignant melanoma, melanoma in situ")


def test_ontology_stats_and_validate_accept_the_subtype_level():
    assert cli("ontology", "validate").returncode == 0
    s = json.loads(cli("ontology", "stats", "--json", check=True).stdout)
    assert s["per_level"]["5"] == s["subtypes"] == len(MELANOMA_FORMS) + len(BCC_FORMS) + len(SCC_FORMS)
