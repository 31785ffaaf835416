"""The `datasets` source on the real public-dataset metadata CSVs (with generated images)."""

from __future__ import annotations

import shutil

import pytest

from derm1m_build.errors import UserError
from derm1m_build.sources.dataset_labels import condition_name
from derm1m_build.sources.datasets import IMPORTERS, TERMS, caption, parse_csv
from sources_util import harvest, jpeg, png, source_from


def _imports(*blocks: str) -> str:
    return "[harvest.datasets]\n" + "".join(f"[[harvest.datasets.imports]]\n{b}\n" for b in blocks)


def test_ham10000_native_layout(tmp_path, realdata):
    d = tmp_path / "HAM10000"
    d.mkdir()
    shutil.copy(realdata / "dataset_metadata/ham10000/HAM10000_metadata.csv", d)
    for i, stem in enumerate(["ISIC_0027419", "ISIC_0025030", "ISIC_0026769", "ISIC_0025661"]):
        part = d / f"HAM10000_images_part_{1 + i % 2}"
        part.mkdir(exist_ok=True)
        (part / f"{stem}.jpg").write_bytes(jpeg(i))
    src = source_from(tmp_path, _imports(f'kind = "ham10000"\npath = "{d}"\nlimit = 5'), "datasets")
    kept, dropped, rep = harvest(src)
    assert rep.fetched == 4 and rep.failed == {"image_missing": 1}
    by_id = {r["meta"]["item_id"]: r for r in kept}
    assert sorted(by_id) == ["ISIC_0025030", "ISIC_0025661", "ISIC_0026769", "ISIC_0027419"]
    r = by_id["ISIC_0027419"]
    assert r["raw_text"] == "Dermoscopic image of a benign keratosis on the scalp of an 80-year-old man."
    assert r["group_id"] == by_id["ISIC_0025030"]["group_id"] == "datasets:ham10000:HAM_0000118"  # same lesion
    assert r["license"] == "CC-BY-NC-4.0" and r["meta"]["redistributable"] is True
    assert r["meta"]["label"] == "bkl" and r["meta"]["condition"] == "benign keratosis"
    assert r["source_type"] == "public" and r["width"] == 64
    assert [(m["item_id"], reason) for m, reason in dropped] == [("ISIC_0031633", "image_missing")]


def test_derm7pt_two_images_per_case_mixed_case_paths(tmp_path, realdata):
    d = tmp_path / "release_v0"
    (d / "meta").mkdir(parents=True)
    shutil.copy(realdata / "dataset_metadata/derm7pt/meta.csv", d / "meta")
    (d / "images" / "nel").mkdir(parents=True)
    # the CSV says NEL/NEL025.JPG and NEL/Nel026.jpg; the disk has other cases
    (d / "images/nel/nel025.jpg").write_bytes(jpeg(1))
    (d / "images/nel/NEL026.JPG").write_bytes(jpeg(2))
    src = source_from(tmp_path, _imports(f'kind = "derm7pt"\npath = "{d}"\nlimit = 2'), "datasets")
    kept, dropped, _ = harvest(src)
    assert [(r["meta"]["item_id"], r["raw_text"], r["group_id"]) for r in kept] == [
        ("1-clinic", "Clinical image of a basal cell carcinoma on the abdomen of a woman.", "datasets:derm7pt:derm7pt-1"),
        ("1-derm", "Dermoscopic image of a basal cell carcinoma on the abdomen of a woman.", "datasets:derm7pt:derm7pt-1"),
    ]
    assert TERMS["derm7pt"].redistributable is False
    assert all(r["meta"]["redistributable"] is False for r in kept)


def test_pad_ufes_prefix_mismatch_and_fitzpatrick(tmp_path, realdata):
    d = tmp_path / "pad"
    (d / "images/imgs_part_1").mkdir(parents=True)
    (d / "images/imgs_part_3").mkdir(parents=True)
    shutil.copy(realdata / "dataset_metadata/pad_ufes_20/metadata_with_image_path.csv", d)
    (d / "images/imgs_part_3/PAT_1516_1765_530.png").write_bytes(png(1))
    (d / "images/imgs_part_1/PAT_46_881_939.png").write_bytes(png(2))
    src = source_from(tmp_path, _imports(f'kind = "pad_ufes_20"\npath = "{d}"\nmetadata = ["metadata_with_image_path.csv"]\nlimit = 2'),
                      "datasets")
    kept, dropped, _ = harvest(src)
    assert [(r["raw_text"], r["group_id"], r["license"]) for r in kept] == [
        ("Clinical image of a melanocytic nevus on the arm of an 8-year-old patient.", "datasets:pad_ufes_20:pad-1765",
         "CC-BY-4.0"),
        ("Clinical image of a basal cell carcinoma on the neck of a 55-year-old woman, Fitzpatrick skin type 3.",
         "datasets:pad_ufes_20:pad-881", "CC-BY-4.0"),
    ]
    assert dropped == []


def test_isic2020_patient_groups_and_unknown_diagnosis(tmp_path, realdata):
    d = tmp_path / "isic2020"
    (d / "train").mkdir(parents=True)
    shutil.copy(realdata / "dataset_metadata/isic/ISIC_2020_Training_GroundTruth.csv", d)
    for i, n in enumerate(["ISIC_2637011", "ISIC_0015719"]):
        (d / "train" / f"{n}.jpg").write_bytes(jpeg(i))
    src = source_from(tmp_path, _imports(f'kind = "isic2020"\npath = "{d}"\nlimit = 2'), "datasets")
    kept, _, _ = harvest(src)
    assert [(r["raw_text"], r["group_id"], r["meta"]["condition"]) for r in kept] == [
        ("Dermoscopic image of a benign skin lesion on the upper extremity of a 45-year-old woman.",
         "datasets:isic2020:IP_3075186", "benign skin lesion"),
        ("Dermoscopic image of a benign skin lesion on the head or neck of a 45-year-old man.",
         "datasets:isic2020:IP_7279968", "benign skin lesion"),
    ]


def test_isic2019_onehot_ddi_slugs_fitzpatrick17k(tmp_path, realdata):
    i19 = tmp_path / "i19"
    i19.mkdir()
    shutil.copy(realdata / "dataset_metadata/isic/ISIC_2019_Training_GroundTruth_head.csv",
                i19 / "ISIC_2019_Training_GroundTruth.csv")
    (i19 / "ISIC_0000000.jpg").write_bytes(jpeg(0))
    ddi = tmp_path / "ddi"
    ddi.mkdir()
    shutil.copy(realdata / "dataset_metadata/ddi/ddi_metadata.csv", ddi)
    (ddi / "000001.png").write_bytes(png(0))
    f17 = tmp_path / "f17"
    f17.mkdir()
    shutil.copy(realdata / "dataset_metadata/fitzpatrick17k/fitzpatrick17k.csv", f17)
    (f17 / "5e82a45bc5d78bd24ae9202d194423f8.jpg").write_bytes(jpeg(3))
    body = _imports(f'kind = "isic2019"\npath = "{i19}"\nlimit = 1', f'kind = "ddi"\npath = "{ddi}"\nlimit = 1',
                    f'kind = "fitzpatrick17k"\npath = "{f17}"\nlimit = 1')
    kept, dropped, _ = harvest(source_from(tmp_path, body, "datasets"))
    assert [(r["meta"]["dataset"], r["raw_text"], r["meta"]["redistributable"]) for r in kept] == [
        ("isic2019", "Dermoscopic image of a melanocytic nevus.", True),
        ("ddi", "Clinical image of a melanoma in situ, Fitzpatrick skin type V-VI.", False),
        ("fitzpatrick17k", "Clinical image of drug induced pigmentary changes, Fitzpatrick skin type 3.", False),
    ]
    assert dropped == []
    from derm1m_build.dataset.export import redistributable  # what exports use to leave image files out

    assert [redistributable(r["meta"]) for r in kept] == [True, False, False]


@pytest.mark.parametrize("kind,rel,extra", [
    ("ham10000", "ham10000/HAM10000_metadata.csv", []),
    ("fitzpatrick17k", "fitzpatrick17k/fitzpatrick17k.csv", []),
    ("ddi", "ddi/ddi_metadata.csv", []),
    ("pad_ufes_20", "pad_ufes_20/metadata_with_image_path.csv", []),
    ("derm7pt", "derm7pt/meta.csv", []),
    ("isic2019", "isic/ISIC_2019_Training_GroundTruth_head.csv", ["isic/ISIC_2019_Test_Metadata.csv"]),
    ("isic2020", "isic/ISIC_2020_Training_GroundTruth.csv", []),
])
def test_every_real_label_maps_to_a_condition(realdata, kind, rel, extra):
    imp = IMPORTERS[kind]
    paths = [rel, *extra]
    tables = [parse_csv((realdata / "dataset_metadata" / p).read_bytes(), imp.required[i], p) for i, p in enumerate(paths)]
    recs = imp.read(tables)
    unmapped = sorted({r.label for r in recs if r.label and condition_name(kind, r.label) is None})
    assert unmapped == []
    assert all(r.group for r in recs)


def test_scin_python_literal_labels(tmp_path, realdata):
    cols = (realdata / "dataset_metadata/scin/scin_merged_columns.txt").read_text().split()
    d = tmp_path / "scin"
    (d / "dataset/images").mkdir(parents=True)
    row = {c: "" for c in cols}
    row.update(case_id="-1000600354148496558", age_group="AGE_30_TO_39", sex_at_birth="FEMALE",
               fitzpatrick_skin_type="FST4", body_parts_arm="YES", image_1_path="dataset/images/-123.png",
               weighted_skin_condition_label="{'Eczema': 0.5, 'Allergic Contact Dermatitis': 0.5}",
               dermatologist_skin_condition_on_label_name="['Eczema', 'Allergic Contact Dermatitis']")
    import csv
    with open(d / "dataset" / "scin_cases.csv", "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        w.writerow(row)
    (d / "dataset/images/-123.png").write_bytes(png(5))
    kept, dropped, _ = harvest(source_from(tmp_path, _imports(f'kind = "scin"\npath = "{d}"'), "datasets"))
    assert [(r["raw_text"], r["group_id"], r["meta"]["label"]) for r in kept] == [
        ("Clinical image of allergic contact dermatitis on the arm of a woman aged 30 to 39, Fitzpatrick skin type 4.",
         "datasets:scin:scin--1000600354148496558", "Allergic Contact Dermatitis")]


def test_caption_without_metadata():
    from derm1m_build.sources.datasets import Record

    assert caption(Record("x", "x", "", "g"), "") == "Clinical image of a skin lesion."
    assert caption(Record("x", "x", "", "g", "dermoscopic", "11", "female", "Back"), "melanoma") == \
        "Dermoscopic image of a melanoma on the back of an 11-year-old woman."


def test_missing_folder_and_metadata_are_one_line_errors(tmp_path):
    with pytest.raises(UserError, match="folder .* not found"):
        source_from(tmp_path, _imports(f'kind = "ham10000"\npath = "{tmp_path}/nope"'), "datasets").fetch()
    (tmp_path / "empty").mkdir()
    with pytest.raises(UserError, match="metadata file HAM10000_metadata.csv not found"):
        source_from(tmp_path, _imports(f'kind = "ham10000"\npath = "{tmp_path}/empty"'), "datasets").fetch()
