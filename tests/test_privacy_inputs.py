"""Issue 18 item 3 (and the long-name / long-field parts of item 7): input folders written by others.

Before: an image entry linked to /proc/self/environ copied the process environment into raw/; links to
/etc/passwd and to pictures outside the folder were followed; a dataset metadata file linked to
/proc/self/environ was copied before being rejected; a 249-character file name stopped the build.
Now each is an excluded row with its reason and nothing of it reaches raw/."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from derm1m_build.errors import ItemError
from derm1m_build.safefs import read_inside
from privacy_helpers import PHOTOS, photo
from sources_util import harvest, png, source_from

REAL = "padufes20_PAT_1020_111_593.jpg"


@pytest.fixture(autouse=True)
def _photos():
    if not PHOTOS.exists():
        pytest.skip("../shared/realdata/photos is not beside this checkout")


def _hostile_folder(d: Path, outside: Path, ext: str = ".jpg") -> dict[str, str]:
    """A folder with one real photo and every kind of entry that must be refused: name -> expected reason."""
    d.mkdir(parents=True, exist_ok=True)
    shutil.copy(photo(REAL), d / f"ok{ext}")
    os.symlink(d / f"ok{ext}", d / f"inside_link{ext}")  # a link within the folder is fine
    os.symlink("/proc/self/environ", d / f"environ{ext}")
    os.symlink("/etc/passwd", d / f"passwd{ext}")
    outside.mkdir(parents=True, exist_ok=True)
    shutil.copy(photo("isic2017_ISIC_0000001.jpg"), outside / "elsewhere.jpg")
    os.symlink(outside / "elsewhere.jpg", d / f"outside{ext}")
    os.symlink("../" + outside.name + "/elsewhere.jpg", d / f"relative_out{ext}")
    os.mkfifo(d / f"fifo{ext}")
    return {"environ": "link_outside_folder", "passwd": "link_outside_folder", "outside": "link_outside_folder",
            "relative_out": "link_outside_folder", "fifo": "special_file"}


def _raw_bytes(out: Path) -> list[bytes]:
    return [p.read_bytes() for p in (out / "raw").rglob("*") if p.is_file()]


def test_read_inside_refuses_links_out_special_files_and_oversize(tmp_path):
    d = tmp_path / "in"
    refused = _hostile_folder(d, tmp_path / "other")
    for name, reason in refused.items():
        with pytest.raises(ItemError) as e:
            read_inside(d / f"{name}.jpg", d)
        assert e.value.reason == reason, name
    assert read_inside(d / "inside_link.jpg", d) == photo(REAL).read_bytes()
    with pytest.raises(ItemError) as e:
        read_inside(d / "ok.jpg", d, max_bytes=1000)
    assert e.value.reason == "file_too_large"
    os.mkdir(d / "sub")
    os.symlink(tmp_path / "other", d / "sub" / "linked_dir")  # a folder link leading out
    with pytest.raises(ItemError) as e:
        read_inside(d / "sub" / "linked_dir" / "elsewhere.jpg", d)
    assert e.value.reason == "link_outside_folder"


def test_local_source_refuses_links_and_special_files(tmp_path):
    d = tmp_path / "local"
    refused = _hostile_folder(d, tmp_path / "other")
    lines = ["item_id,image,text"] + [f"{n},{n}.jpg,Plaque on the arm {n}" for n in ["ok", "inside_link", *refused]]
    (d / "metadata.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    src = source_from(tmp_path / "r", f'[harvest.local]\npath = "{d}"\n', "local")
    kept, dropped, rep = harvest(src)
    assert sorted(r["meta"]["item_id"] for r in kept) == ["inside_link", "ok"]
    assert sorted((m["item_id"], reason) for m, reason in dropped) == sorted(refused.items())
    assert rep.failed == {"link_outside_folder": 4, "special_file": 1}
    environ = Path("/proc/self/environ").read_bytes()[:40]
    passwd = Path("/etc/passwd").read_bytes()[:40]
    for data in _raw_bytes(tmp_path / "r" / "out"):
        assert environ not in data and passwd not in data


def test_local_metadata_linked_out_is_a_one_line_error(tmp_path):
    from conftest import cli, write_recipe

    d = tmp_path / "local"
    d.mkdir()
    os.symlink("/proc/self/environ", d / "metadata.csv")
    recipe = write_recipe(tmp_path / "r.toml", f'[build]\nname = "t"\n[harvest.local]\npath = "{d}"\n')
    p = cli("harvest", "--recipe", recipe, "--out", tmp_path / "out")
    assert p.returncode != 0 and "Traceback" not in p.stderr
    assert "link_outside_folder" in p.stderr + p.stdout
    assert not any((tmp_path / "out").rglob("metadata.csv"))


def test_dataset_images_and_metadata_links_are_refused(tmp_path):
    d = tmp_path / "ham"
    refused = _hostile_folder(d, tmp_path / "other")
    names = ["ok", "inside_link", *refused]
    rows = [f"HAM_{i},{n},nv,histo,40,male,back" for i, n in enumerate(names)]
    (d / "HAM10000_metadata.csv").write_text("lesion_id,image_id,dx,dx_type,age,sex,localization\n"
                                             + "\n".join(rows) + "\n", encoding="utf-8")
    body = f'[harvest.datasets]\n[[harvest.datasets.imports]]\nkind = "ham10000"\npath = "{d}"\n'
    kept, dropped, rep = harvest(source_from(tmp_path / "r", body, "datasets"))
    assert sorted(r["meta"]["item_id"] for r in kept) == ["inside_link", "ok"]
    assert sorted((m["item_id"], reason) for m, reason in dropped) == sorted(refused.items())
    # the metadata file itself linked to the process environment: refused before any copy
    d2 = tmp_path / "ham2"
    d2.mkdir()
    (d2 / "ISIC_1.jpg").write_bytes(png(1))
    os.symlink("/proc/self/environ", d2 / "HAM10000_metadata.csv")
    body = f'[harvest.datasets]\n[[harvest.datasets.imports]]\nkind = "ham10000"\npath = "{d2}"\n'
    kept, dropped, rep = harvest(source_from(tmp_path / "r2", body, "datasets"))
    assert kept == [] and rep.failed == {"link_outside_folder": 1}
    assert [(m["import"], reason) for m, reason in dropped] == [("ham10000", "link_outside_folder")]
    assert not any((tmp_path / "r2" / "out" / "raw").rglob("*.csv"))
    environ = Path("/proc/self/environ").read_bytes()[:40]
    for data in _raw_bytes(tmp_path / "r2" / "out"):
        assert environ not in data


def test_edu_document_links_are_refused(tmp_path):
    d = tmp_path / "docs"
    refused = _hostile_folder(d, tmp_path / "other", ext=".pdf")
    body = f'[harvest.edu]\npaths = ["{d}"]\nlicense = "CC-BY-4.0"\n'
    kept, dropped, rep = harvest(source_from(tmp_path / "r", body, "edu"))
    got = {m["document"].rsplit("/", 1)[-1][:-4]: reason for m, reason in dropped}
    for name, reason in refused.items():
        assert got[name] == reason
    assert got["ok"] == "pdf_corrupt" and got["inside_link"] == "pdf_corrupt"  # read (a JPEG, not a PDF)
    assert rep.failed == {"link_outside_folder": 4, "special_file": 1}


def test_249_character_file_name_is_harvested(tmp_path):
    """Before: `File name too long` once the raw cache added its suffixes; now the raw copy gets a
    shortened name (prefix + digest) and the row is kept."""
    d = tmp_path / "local"
    d.mkdir()
    long = "a" * 245 + ".jpg"
    assert len(long) == 249
    shutil.copy(photo(REAL), d / long)
    (d / "metadata.csv").write_text(f"item_id,image,text\nx,{long},Plaque on the arm\n", encoding="utf-8")
    src = source_from(tmp_path / "r", f'[harvest.local]\npath = "{d}"\n', "local")
    kept, dropped, rep = harvest(src)
    assert [r["meta"]["image"] for r in kept] == [long] and dropped == []
    names = [p.name for p in (tmp_path / "r" / "out" / "raw").rglob("*.jpg")]
    assert len(names) == 1 and len(names[0].encode()) <= 180 and names[0].endswith(".jpg")
