"""The filter on real photographs (../shared/realdata/photos) and real negatives (package sample images,
real figures, rendered slides), with the default thresholds: no override anywhere in this file."""

from __future__ import annotations

import io
import json

import cv2
import numpy as np
import pytest
from PIL import Image

from conftest import cli
from derm1m_build.filtering import faces
from derm1m_build.filtering.decode import load_upright
from derm1m_build.filtering.heuristic import classify, measure
from derm1m_build.filtering.quality import QualityConfig, check


@pytest.fixture
def R(realdata):
    from derm1m_build.testing import realimages

    return realimages


def _judge(data: bytes):
    rgb = np.asarray(load_upright(data, max_side=256))
    m = measure(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    with Image.open(io.BytesIO(data)) as im:
        w, h = im.size
    return check(w, h, m, QualityConfig()) or classify(m)


def _photos(R, folder):
    return [it for it in R.items() if it.id.startswith(f"photos:{folder}/") and "#" not in it.id]


def test_every_real_lesion_photo_is_sharp_and_heavy_blur_is_not(R):
    """Smooth skin is not blur; a heavy Gaussian blur is (both on all 173 real photos)."""
    photos = _photos(R, "clinical") + _photos(R, "dermoscopy")
    assert len(photos) == 173
    blurred_sharp = []
    for it in photos:
        data = it.make()
        rgb = np.asarray(load_upright(data, max_side=256))
        m = measure(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
        if check(rgb.shape[1], rgb.shape[0], m, QualityConfig()) is not None:
            blurred_sharp.append(it.id)
        if it.id.endswith("0.jpg"):  # a tenth of them, under a heavy blur (sigma 2 % of the short side)
            with Image.open(io.BytesIO(data)) as im:
                from PIL import ImageFilter

                b = np.asarray(im.convert("RGB").filter(ImageFilter.GaussianBlur(0.02 * min(im.size))))
            small = cv2.resize(b, (256, 256 * b.shape[0] // b.shape[1]), interpolation=cv2.INTER_AREA)
            mb = measure(cv2.cvtColor(small, cv2.COLOR_RGB2BGR))
            assert check(b.shape[1], b.shape[0], mb, QualityConfig())[0] == "blurred", it.id
    assert blurred_sharp == []


def test_rulers_pen_marks_and_labels_are_not_text_overlay(R):
    """Clinical photos carry rulers, pen circles and printed numbers near the edge: none is an overlay."""
    reasons = {it.id: _judge(it.make()) for it in _photos(R, "clinical")}
    assert [k for k, v in reasons.items() if v[1] == "text_overlay"] == []
    # a caption printed across the middle of a real skin photo still is one
    it = _photos(R, "clinical")[0]
    rgb = np.asarray(load_upright(it.make(), max_side=384)).copy()
    for i in range(4):
        cv2.putText(rgb, "the patient presented with", (10, 120 + i * 40), cv2.FONT_HERSHEY_SIMPLEX, 0.8, (255, 255, 255), 2)
    m = measure(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    assert classify(m) == (False, "text_overlay", "other")


def test_skin_coloured_slides_and_non_skin_photos_dropped(R):
    its = R.items()
    slides = [it for it in its if it.kind == "skin_slide"]
    slides += [it for it in its if it.kind in ("slide", "chart", "diagram")][::2]
    assert len(slides) == 22
    got = {it.id: _judge(it.make())[:2] for it in slides}
    # the one chart on a black background is dropped earlier, by the quality checks
    assert got == {it.id: (False, "too_dark" if it.id == "render:chart-05" else "slide_or_diagram") for it in slides}
    pkg = {it.id: it for it in its}
    for name in ("skimage:retina.jpg", "skimage:logo.png", "skimage:astronaut.png", "skimage:coffee.png",
                 "skimage:motorcycle_left.png", "sklearn:flower.jpg", "skimage:camera.png"):
        if name in pkg:
            assert _judge(pkg[name].make())[0] is False, name


def _find(data: bytes):
    """The stage's path: pre-screen on the 256-px decode, detection on a 320-px decode."""
    return faces.find(np.asarray(load_upright(data, max_side=256)),
                      lambda: np.asarray(load_upright(data, max_side=faces.FACE_SIDE)))


def test_face_model_never_fires_on_real_lesion_photos(R):
    photos = _photos(R, "clinical") + _photos(R, "dermoscopy")
    assert [it.id for it in photos if _find(it.make())] == []
    # and not merely because of the pre-screen: the detection alone finds nothing either
    assert [it.id for it in photos[::5] if faces.detect(np.asarray(load_upright(it.make(), max_side=320)))] == []


def test_real_portraits_found_upright_and_sideways(R):
    """Portraits stored sideways with an EXIF Orientation tag (as phones store them) are found once turned."""
    its = [it for it in R.items() if it.kind == "portrait" and not it.id.startswith("skimage:camera")]
    assert len(its) >= 6
    for it in its:
        data = it.make()
        assert len(_find(data)) == 1, it.id
        if "#exif" in it.id:  # the raw (unturned) pixels are sideways
            with Image.open(io.BytesIO(data)) as raw:
                assert raw.getexif()[0x0112] in (3, 6, 8)
    it = next(i for i in its if i.id.endswith("grace_hopper.jpg"))
    rgb = np.asarray(load_upright(it.make()))
    out = faces.blur_boxes(rgb, faces.detect(rgb))
    assert faces.detect(out) == []


def test_eval_filter_json_lists_every_image(R, tmp_path):
    its = [it for it in R.selected("heldout") if it.kind in ("clinical", "dermoscopy", "skin_slide", "portrait", "blurred")][::4]
    paths = R.materialise(tmp_path / "lab", its)
    p = cli("eval-filter", tmp_path / "lab", "--json", check=True)
    res = json.loads(p.stdout)
    assert res["layout"] == "modality" and res["n"] == len(its)
    assert sorted(im["file"] for im in res["images"]) == sorted(paths)
    for im in res["images"]:
        it = paths[im["file"]]
        assert set(im) == {"file", "truth", "keep", "reason", "modality", "face"}
        assert im["truth"] == it.truth
        assert im["keep"] == (im["reason"] == ""), im
        if it.kind == "blurred":
            assert (im["keep"], im["reason"]) == (False, "blurred")
        if it.kind == "skin_slide":
            assert (im["keep"], im["reason"]) == (False, "slide_or_diagram")
        if it.kind == "portrait":
            assert not im["keep"] or im["face"] == "blurred", im
        if it.truth != "other":
            assert im["face"] == "none", im
    assert res["binary"]["confusion"]["keep"]["keep"] + res["binary"]["confusion"]["keep"]["drop"] == \
        sum(it.truth != "other" for it in its)
    p = cli("eval-filter", tmp_path / "lab", check=True)
    assert "true \\ pred" in p.stdout and "heuristic on" in p.stdout


def test_public_dataset_modality_is_the_datasets_own(R, tmp_path, realdata):
    """HAM10000 says its images are dermoscopic: the filter records that, with the pixels' verdict beside it."""
    import csv
    import glob
    import shutil

    import pyarrow as pa
    import pyarrow.parquet as pq

    from derm1m_build.executors.local import LocalExecutor
    from derm1m_build.pipeline import run_harvest, run_stage
    from derm1m_build.recipe import load_recipe

    d = tmp_path / "HAM10000"
    (d / "HAM10000_images_part_1").mkdir(parents=True)
    with open(realdata / "dataset_metadata/ham10000/HAM10000_metadata.csv", newline="") as f:
        rows = list(csv.DictReader(f))[:4]
    with open(d / "HAM10000_metadata.csv", "w", newline="") as f:
        w = csv.DictWriter(f, list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    photos = _photos(R, "dermoscopy")[:4]
    for r, it in zip(rows, photos):
        (d / "HAM10000_images_part_1" / f"{r['image_id']}.jpg").write_bytes(it.make())
    recipe = tmp_path / "r.toml"
    recipe.write_text(f'[build]\nname = "ham"\n[harvest.datasets]\n[[harvest.datasets.imports]]\nkind = "ham10000"\n'
                      f'path = "{d}"\n', encoding="utf-8")
    rec = load_recipe(recipe)
    run_harvest(rec, tmp_path / "out")
    run_stage("filter", rec, tmp_path / "out", LocalExecutor(1))
    kept = pa.concat_tables([pq.read_table(p) for p in sorted(glob.glob(str(tmp_path / "out/work/filter/part-*.parquet")))]).to_pylist()
    assert len(kept) == 4
    assert [r["modality"] for r in kept] == ["dermoscopic"] * 4
    assert all(json.loads(r["scores"])["image_modality"] in ("clinical", "dermoscopic") for r in kept)
    assert all(r["face"] == "none" for r in kept)


@pytest.mark.slow
def test_train_filter_resnet_on_real_images_then_eval_filter(R, tmp_path):
    """The classifier back-end end to end on real images: train-filter (small ResNet from a config, flipped
    copies) on a few tuning images, eval-filter on a few held-out ones, every image listed."""
    pick = lambda part: [it for k in ("clinical", "dermoscopy", "object", "skin_slide")  # noqa: E731
                         for it in R.selected(part, {k})[:3]]
    R.materialise(tmp_path / "tune", pick("tune"))
    paths = R.materialise(tmp_path / "held", pick("heldout"))
    p = cli("train-filter", tmp_path / "tune", "--out", tmp_path / "m", "--arch", "resnet", "--flip", "--epochs", "2",
            "--batch-size", "6", "--image-size", "32", "--device", "cpu", check=True)
    assert "trained on 12 images (clinical, dermoscopic, other), 4 steps" in p.stdout
    log = json.loads((tmp_path / "m" / "train_filter.json").read_text())
    assert log["base"] == "resnet-from-config-32px" and log["flip"] is True
    p = cli("eval-filter", tmp_path / "held", "--backend", "classifier", "--model", tmp_path / "m", "--json", check=True)
    res = json.loads(p.stdout)
    assert res["backend"] == "classifier" and res["n"] == 12
    assert sorted(im["file"] for im in res["images"]) == sorted(paths)
    assert all(im["modality"] in ("clinical", "dermoscopic", "other") for im in res["images"])
