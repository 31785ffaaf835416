"""Issue 18, the audit: `derm1m-build audit-privacy DIR` finds planted metadata, secrets and this machine's
identifiers in what a build ships, and finds nothing in a clean build (the end-to-end clean case runs in
tests/test_privacy_images.py::test_built_dataset_and_webdataset_export_hold_no_planted_metadata)."""

from __future__ import annotations

import io
import json
import os
import socket
import tarfile

import pytest

from conftest import cli
from derm1m_build.images import normalise
from derm1m_build.privacy_audit import audit, image_metadata
from privacy_helpers import PHOTOS, PLANTED, photo, plant_jpeg, plant_png

SECRET = "tok-auditplanted-3141592"


@pytest.fixture(autouse=True)
def _photos():
    if not PHOTOS.exists():
        pytest.skip("../shared/realdata/photos is not beside this checkout")


def test_image_metadata_is_seen_and_clean_images_pass():
    from PIL import Image

    jpg = plant_jpeg(photo("isic2017_ISIC_0000002.jpg").read_bytes())
    assert set(image_metadata(jpg)) == {"APP1 EXIF", "APP1 XMP", "APP13 IPTC", "COM", "bytes after EOI"}
    png = plant_png(Image.open(photo("isic2017_ISIC_0000002.jpg")).convert("RGB"))
    assert set(image_metadata(png)) == {"tEXt", "iTXt", "zTXt", "eXIf", "tIME"}
    assert image_metadata(normalise(jpg)[0]) == [] and image_metadata(normalise(png)[0]) == []


def test_audit_finds_what_was_planted_in_a_build(tmp_path, monkeypatch):
    b = tmp_path / "build"
    (b / "dataset" / "images" / "ab").mkdir(parents=True)
    (b / "work" / "caption").mkdir(parents=True)
    (b / "export" / "webdataset-all").mkdir(parents=True)
    (b / "raw").mkdir()
    planted = plant_jpeg(photo("padufes20_PAT_1020_111_593.jpg").read_bytes())
    (b / "dataset" / "images" / "ab" / "x.jpg").write_bytes(planted)
    (b / "dataset" / "captions.csv").write_text(f"filename,caption\nx,seen on {socket.gethostname()}\n")
    (b / "dataset" / "DATASHEET.md").write_text(f"endpoint {os.path.expanduser('~')}/models/x\n")
    (b / "dataset" / "splits").mkdir()
    (b / "dataset" / "splits" / "train.csv").write_text("filename,source_url\nx,file:///srv/in/a.pdf\n")
    (b / "work" / "caption" / "_manifest.json").write_text(json.dumps({"endpoint": f"http://h/{SECRET}"}))
    with tarfile.open(b / "export" / "webdataset-all" / "s-000000.tar", "w") as tf:
        ti = tarfile.TarInfo("k.jpg")
        ti.size = len(planted)
        tf.addfile(ti, io.BytesIO(planted))
    (b / "raw" / "note.txt").write_text(SECRET)  # raw/ does not ship: only --all looks there
    monkeypatch.setenv("DERM1M_T_API_TOKEN", SECRET)
    findings, n = audit(b, [PLANTED["artist"]])
    kinds = {(f.path, f.kind) for f in findings}
    assert ("dataset/images/ab/x.jpg", "image_metadata") in kinds
    assert ("dataset/images/ab/x.jpg", "planted") in kinds
    assert ("export/webdataset-all/s-000000.tar:k.jpg", "image_metadata") in kinds
    assert ("dataset/captions.csv", "host_name") in kinds
    assert ("dataset/DATASHEET.md", "home_path") in kinds
    assert ("work/caption/_manifest.json", "secret") in kinds
    assert ("dataset/splits/train.csv", "local_path") in kinds
    assert not any(f.path.startswith("raw/") for f in findings) and n == 6
    assert any(f.path == "raw/note.txt" for f in audit(b, (), everything=True)[0])
    p = cli("audit-privacy", b, "--needle", PLANTED["artist"], env={"DERM1M_T_API_TOKEN": SECRET})
    assert p.returncode == 1 and "image_metadata\tdataset/images/ab/x.jpg\tAPP1 EXIF" in p.stdout
    assert SECRET not in p.stdout  # the finding names the variable's kind, never its value
