"""Hostile metadata for the `datasets` source: every bad file is a recorded reason, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sources_util import harvest, png, source_from

HOSTILE = Path(__file__).parent / "data" / "hostile" / "datasets"


def _ham(tmp_path: Path, csv_name: str) -> tuple:
    d = tmp_path / "ham"
    d.mkdir()
    shutil.copy(HOSTILE / csv_name, d / "HAM10000_metadata.csv")
    (d / "ISIC_1.jpg").write_bytes(png(1))
    src = source_from(tmp_path, f'[harvest.datasets]\n[[harvest.datasets.imports]]\nkind = "ham10000"\npath = "{d}"\n',
                      "datasets")
    return harvest(src)


@pytest.mark.parametrize("name,reason", [
    ("ham_not_text.csv", "metadata_not_text"),
    ("ham_nul.csv", "metadata_not_text"),
    ("ham_missing_columns.csv", "metadata_columns_missing"),
    ("ham_extra_cells.csv", "metadata_bad_row"),
    ("ham_unterminated_quote.csv", "metadata_bad_csv"),
])
def test_bad_metadata_recorded(tmp_path, name, reason):
    kept, dropped, rep = _ham(tmp_path, name)
    assert (kept, dropped, rep.failed) == ([], [], {reason: 1})
    assert rep.fetched == 0


def test_huge_cell_is_bad_csv(tmp_path):
    d = tmp_path / "ham"
    d.mkdir()
    (d / "HAM10000_metadata.csv").write_bytes(b"lesion_id,image_id,dx,dx_type,age,sex,localization\n"
                                              b"HAM_1,ISIC_1,nv,histo,40,male," + b"x" * (10 * 1024 * 1024) + b"\n")
    src = source_from(tmp_path, f'[harvest.datasets]\n[[harvest.datasets.imports]]\nkind = "ham10000"\npath = "{d}"\n',
                      "datasets")
    kept, dropped, rep = harvest(src)
    assert (kept, dropped, rep.failed) == ([], [], {"metadata_bad_csv": 1})


def test_latin1_metadata_is_read(tmp_path):
    kept, dropped, rep = _ham(tmp_path, "ham_latin1.csv")
    assert [r["raw_text"] for r in kept] == ["Dermoscopic image of a melanocytic nevus on the dos épaules of a 40-year-old man."]


def test_unknown_and_empty_labels(tmp_path):
    kept, dropped, rep = _ham(tmp_path, "ham_unknown_label.csv")
    assert kept == []
    assert [(m["item_id"], m["age"], r) for m, r in dropped] == [("ISIC_1", "", "label_unmapped"), ("ISIC_2", "", "no_label")]


def test_path_traversal_in_image_names(tmp_path):
    d = tmp_path / "ddi"
    d.mkdir()
    shutil.copy(HOSTILE / "ddi_traversal.csv", d / "ddi_metadata.csv")
    (d / "000004.png").write_bytes(png(4))
    (d / "000005.png").write_bytes(png(5))
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "passwd").write_bytes(png(9))  # what ../ would reach
    src = source_from(tmp_path, f'[harvest.datasets]\n[[harvest.datasets.imports]]\nkind = "ddi"\npath = "{d}"\n',
                      "datasets")
    kept, dropped, rep = harvest(src)
    assert rep.failed == {"unsafe_path": 3}
    assert [r["meta"]["item_id"] for r in kept] == ["000004", "000005"]
    assert [r for _, r in dropped] == ["unsafe_path", "unsafe_path", "unsafe_path"]
    raw = tmp_path / "out" / "raw" / "datasets"
    written = sorted(p.relative_to(raw).as_posix() for p in raw.rglob("*") if p.is_file() and "provenance" not in p.name)
    assert written == ["_fetch.json", "ddi/images/000004.png", "ddi/images/000005.png", "ddi/metadata/0.csv"]
