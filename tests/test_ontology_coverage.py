"""Every label of the public datasets maps to exactly one ontology node, read label by label from the
real metadata files in ../shared/realdata, and the mapping files hold no label the data lacks."""

from __future__ import annotations

import csv
import re

import pytest

from derm1m_build.errors import UserError
from derm1m_build.ontology import load_ontology
from derm1m_build.ontology.mappings import available_datasets, dataset_label_map, dataset_unlabelled


def _column(path, col: str) -> set[str]:
    with open(path, newline="", encoding="utf-8") as f:
        return {r[col] for r in csv.DictReader(f) if r[col] != ""}


def _lines(path) -> set[str]:
    return {ln.strip() for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip()}


def _scin(path) -> set[str]:
    # "  Eczema: 1211" lines under the two "Distribution of conditions in ..." headings
    return {m.group(1) for m in re.finditer(r"^  (.+): \d+$", path.read_text(encoding="utf-8"), re.M)}


def _isic2019(path) -> set[str]:
    with open(path, newline="", encoding="utf-8") as f:
        return set(next(csv.reader(f))[1:])


LABELS = {
    "fitzpatrick17k": lambda r: _column(r / "dataset_metadata/fitzpatrick17k/fitzpatrick17k.csv", "label"),
    "ham10000": lambda r: _column(r / "dataset_metadata/ham10000/HAM10000_metadata.csv", "dx"),
    "pad_ufes_20": lambda r: _column(r / "dataset_metadata/pad_ufes_20/metadata_with_image_path.csv", "diagnostic"),
    "ddi": lambda r: _column(r / "dataset_metadata/ddi/ddi_metadata.csv", "disease"),
    "derm7pt": lambda r: _column(r / "dataset_metadata/derm7pt/meta.csv", "diagnosis"),
    "isic2019": lambda r: _isic2019(r / "dataset_metadata/isic/ISIC_2019_Training_GroundTruth_head.csv"),
    "isic2020": lambda r: _column(r / "dataset_metadata/isic/ISIC_2020_Training_GroundTruth.csv", "diagnosis"),
    "scin": lambda r: _scin(r / "dataset_metadata/scin/scin_condition_distribution_from_demo_notebook.txt"),
    "dermnet": lambda r: _lines(r / "vocab/dermnet_kaggle_23_classes.txt"),
}

EXPECTED_COUNTS = {"fitzpatrick17k": 114, "ham10000": 7, "pad_ufes_20": 6, "dermnet": 23, "isic2019": 9,
                   "derm7pt": 20, "isic2020": 9}


def test_every_dataset_has_a_mapping_file():
    assert available_datasets() == sorted(LABELS)


@pytest.mark.parametrize("dataset", sorted(LABELS))
def test_each_label_maps_to_exactly_one_node(dataset, realdata):
    labels = LABELS[dataset](realdata)
    if dataset in EXPECTED_COUNTS:
        assert len(labels) == EXPECTED_COUNTS[dataset]
    onto = load_ontology()
    mapping, unlabelled = dataset_label_map(dataset), dataset_unlabelled(dataset)
    for label in sorted(labels):
        in_map, in_none = label in mapping, label in unlabelled
        assert in_map != in_none, f"{dataset} label {label!r}: mapped={in_map}, unlabelled={in_none}"
        if in_map:
            assert mapping[label] in onto.conditions, f"{dataset} label {label!r} -> unknown node {mapping[label]!r}"
    # nothing in the files that the data does not have (a typo would otherwise hide a missing label)
    assert set(mapping) | set(unlabelled) == labels


def test_labels_that_name_no_condition_are_the_unknowns():
    got = {d: sorted(dataset_unlabelled(d)) for d in available_datasets() if dataset_unlabelled(d)}
    assert got == {"derm7pt": ["miscellaneous"], "isic2019": ["UNK"], "isic2020": ["unknown"]}


def test_selected_labels_map_where_a_dermatologist_expects():
    assert dataset_label_map("ham10000") == {
        "akiec": "actinic-keratosis", "bcc": "basal-cell-carcinoma", "bkl": "benign-keratosis",
        "df": "dermatofibroma", "mel": "melanoma", "nv": "melanocytic-nevus", "vasc": "benign-vascular"}
    fitz = dataset_label_map("fitzpatrick17k")
    assert fitz["acquired autoimmune bullous diseaseherpes gestationis"] == "pemphigoid-gestationis"
    assert fitz["porokeratosis actinic"] == fitz["disseminated actinic porokeratosis"] == "dsap"
    assert fitz["acne"] == fitz["acne vulgaris"] == "acne-vulgaris"
    assert dataset_label_map("derm7pt")["melanoma (in situ)"] == "melanoma-in-situ"
    assert dataset_label_map("ddi")["squamous-cell-carcinoma-in-situ"] == "bowens-disease"
    assert dataset_label_map("scin")["SCC/SCCIS"] == "squamous-cell-carcinoma"
    onto = load_ontology()
    # DermNet groups map to the branch that covers them
    assert onto.path(dataset_label_map("dermnet")["Warts Molluscum and other Viral Infections"]) == \
        ["inflammatory", "infectious", "viral infections"]


def test_unknown_dataset_is_one_clear_error():
    with pytest.raises(UserError, match=r"no ontology mapping for dataset 'nope'; known: ddi, derm7pt, dermnet"):
        dataset_label_map("nope")


def test_mapping_with_label_both_mapped_and_unlabelled_is_refused(tmp_path):
    (tmp_path / "mappings").mkdir()
    (tmp_path / "mappings" / "x.yaml").write_text("dataset: x\nlabels: {a: melanoma}\nunlabelled: [a]\n")
    with pytest.raises(UserError, match=r"\['a'\] are both mapped and unlabelled"):
        dataset_label_map("x", tmp_path)
