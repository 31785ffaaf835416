"""Every label of Fitzpatrick17k, DDI, SCIN and Derm7pt, written as the dataset writes it, tags through
`derm1m-build tag-text` to a condition: the node its mapping file names (`ontology/mappings/`), or, for
the labels a mapping declares `unlabelled` (Derm7pt's "miscellaneous": a mixed bag), nothing asserted.
Read from the real metadata files in ../shared/realdata/dataset_metadata/."""

from __future__ import annotations

import csv
import json
import re

from conftest import cli
from derm1m_build.ontology.mappings import dataset_label_map


def _labels(realdata) -> dict[str, list[str]]:
    r = realdata / "dataset_metadata"
    with (r / "fitzpatrick17k/fitzpatrick17k.csv").open(encoding="utf-8") as f:
        fitz = sorted({row["label"] for row in csv.DictReader(f)})
    with (r / "ddi/ddi_metadata.csv").open(encoding="utf-8") as f:
        ddi = sorted({row["disease"] for row in csv.DictReader(f)})
    with (r / "derm7pt/meta.csv").open(encoding="utf-8") as f:
        d7 = sorted({row["diagnosis"] for row in csv.DictReader(f)})
    dist = (r / "scin/scin_condition_distribution_from_demo_notebook.txt").read_text(encoding="utf-8")
    scin = sorted({m.group(1).strip() for m in re.finditer(r"^\s+(.+?): \d+$", dist, re.M)})
    return {"fitzpatrick17k": fitz, "ddi": ddi, "derm7pt": d7, "scin": scin}


def test_every_dataset_label_tags_to_its_condition(tmp_path, realdata):
    labels = _labels(realdata)
    assert {k: len(v) for k, v in labels.items()} == {"fitzpatrick17k": 114, "ddi": 77, "derm7pt": 20, "scin": 51}
    items = [(ds, lab) for ds, labs in labels.items() for lab in labs]
    f = tmp_path / "labels.jsonl"
    f.write_text("".join(json.dumps({"id": i, "text": lab}) + "\n" for i, (_, lab) in enumerate(items)),
                 encoding="utf-8")
    out = [json.loads(x) for x in cli("tag-text", f, check=True).stdout.splitlines()]
    assert [o["id"] for o in out] == list(range(len(items)))
    wrong = []
    for (ds, lab), o in zip(items, out):
        mapped = dataset_label_map(ds)
        asserted = [c["id"] for c in o["conditions"] if not c["negated"] and not c["uncertain"]]
        if lab in mapped:
            if mapped[lab] not in asserted or not o["disease_label"]:
                wrong.append((ds, lab, mapped[lab], asserted, o["disease_label"]))
        elif asserted:
            wrong.append((ds, lab, None, asserted, o["disease_label"]))
    assert wrong == []
    unmapped = [(ds, lab) for ds, lab in items if lab not in dataset_label_map(ds)]
    assert unmapped == [("derm7pt", "miscellaneous")]  # declared unlabelled in derm7pt.yaml
