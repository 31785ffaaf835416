"""Issue 18 item 6: burned-in text. Before: names, dates and record numbers printed on clinical photos were
never looked for. Now `[filter.ocr]` (off by default) reads text where the filter's text measure says it is
likely, blurs identifiers on clinical photos (`ocr_redacted`), and keeps other text as caption context.
Real photos (PAD-UFES-20) with a name, a date and an MRN drawn on them; the OCR model is the real one."""

from __future__ import annotations

import json
import shutil

import cv2
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from conftest import cli
from derm1m_build import ocr
from derm1m_build.filtering.burned_text import sensitive
from privacy_helpers import keep_all_recipe, PHOTOS, photo

pytestmark = pytest.mark.skipif(not ocr.available(), reason="rapidocr_onnxruntime is not installed")

PLANTED = ("Jane Plantedoe", "12/03/2021", "MRN 99887766")


@pytest.mark.parametrize("text,kind", [
    ("Jane Plantedoe", "name"), ("Patient: J. Smith", "name"), ("Smith, John", "name"), ("Dr. House", "name"),
    ("12/03/2021", "date"), ("2021-03-12", "date"), ("3 Mar 2021", "date"), ("March 3, 2021", "date"),
    ("MRN 99887766", "record"), ("ID 4471", "record"), ("No. 123", "record"), ("DOB 1961", "record"),
    ("Psoriasis Vulgaris", None), ("Plaque psoriasis", None), ("Atopic Dermatitis", None), ("Figure 2", None),
    ("Week 12", None), ("Hidradenitis Suppurativa", None),
])
def test_identifying_lines_are_recognised(text, kind):
    assert sensitive(text) == kind


def _draw(name: str, lines: list[tuple[str, str]]) -> bytes:
    """A real photo with text drawn where a camera or a hospital system prints it."""
    img = cv2.imread(str(photo(name)))
    h, w = img.shape[:2]
    s = w / 600
    spots = {"top": (int(10 * s), int(40 * s)), "bottom-left": (int(10 * s), h - int(20 * s)),
             "bottom-right": (w - int(260 * s), h - int(20 * s))}
    for text, where in lines:
        cv2.putText(img, text, spots[where], cv2.FONT_HERSHEY_SIMPLEX, 0.9 * s, (255, 255, 255), max(1, int(2 * s)))
    return cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 95])[1].tobytes()


def test_prompt_shows_image_text_only_when_there_is_some():
    from derm1m_build.captioning.prompts import load_prompts
    from derm1m_build.ontology.loader import load_ontology

    p = load_prompts(None, load_ontology())
    row = {"raw_text": "A plaque", "source_type": "youtube", "lang": "en"}
    assert "image_text" not in json.loads(p.user_message(row))
    assert json.loads(p.user_message({**row, "ocr_text": "Psoriasis | Koebner"}))["image_text"] == "Psoriasis | Koebner"


def test_ocr_blurs_identifiers_on_clinical_photos(tmp_path):
    if not PHOTOS.exists():
        pytest.skip("../shared/realdata/photos is not beside this checkout")
    src = tmp_path / "src"
    src.mkdir()
    a, b, clean = "padufes20_PAT_1020_111_593.jpg", "padufes20_PAT_1130_501_181.jpg", "padufes20_PAT_1249_862_658.jpg"
    (src / "a.jpg").write_bytes(_draw(a, [(PLANTED[0], "top"), (PLANTED[1], "bottom-left"),
                                          (PLANTED[2], "bottom-right")]))
    (src / "b.jpg").write_bytes(_draw(b, [("Psoriasis vulgaris", "top"), (PLANTED[1], "bottom-left")]))
    shutil.copy(photo(clean), src / "c.jpg")
    (src / "metadata.csv").write_text("item_id,image,text\na,a.jpg,Plaque on the arm\nb,b.jpg,Plaque on the leg\n"
                                      "c,c.jpg,Plaque on the back\n", encoding="utf-8")
    recipe = keep_all_recipe(tmp_path / "r.toml", "ocr", src, """[filter.ocr]
enabled = true
[caption]
min_words = 1
""")
    out = tmp_path / "out"
    cli("run", "--recipe", recipe, "--out", out, check=True)
    rows = {}
    for part in sorted((out / "work" / "filter").rglob("part-*.parquet")):
        if "_excluded" in part.parts:
            continue
        for r in pq.read_table(part).to_pylist():
            rows[json.loads(r["meta"])["item_id"]] = r
    assert set(rows) == {"a", "b", "c"}
    mods = {k: r["modality"] for k, r in rows.items()}
    assert mods["a"] in ("clinical", "dermoscopic") and mods["b"] in ("clinical", "dermoscopic"), mods
    assert rows["a"]["ocr_redacted"] == "date,name,record"
    assert rows["b"]["ocr_redacted"] == "date" and "Psoriasis" in rows["b"]["ocr_text"]
    assert rows["c"]["ocr_redacted"] == "" and "ocr_lines" not in json.loads(rows["c"]["scores"])  # no text: no OCR
    # the stored images no longer show the identifiers, even to the OCR model; the rest of the photo stays
    df = pd.read_csv(out / "dataset" / "captions.csv")
    assert len(df) == 3
    for k in ("a", "b"):
        stored = out / "images" / rows[k]["image_sha256"][:2] / f"{rows[k]['image_sha256']}.{rows[k]['image_ext']}"
        assert (out / "dataset" / "images" / stored.relative_to(out / "images")).exists()
        rgb = cv2.cvtColor(cv2.imread(str(stored)), cv2.COLOR_BGR2RGB)
        read = " ".join(t.text for t in ocr.read_text(rgb, 0.3))
        for planted in PLANTED:
            assert planted not in read and planted.split()[-1] not in read, (k, read)
        orig = cv2.cvtColor(cv2.imdecode(np.frombuffer((src / f"{k}.jpg").read_bytes(), np.uint8), 1), cv2.COLOR_BGR2RGB)
        h = rgb.shape[0]
        centre = (slice(h // 3, 2 * h // 3), slice(None))
        assert float(np.abs(rgb[centre].astype(int) - orig[centre].astype(int)).mean()) < 3.0
    assert "Psoriasis" in " ".join(t.text for t in ocr.read_text(
        cv2.cvtColor(cv2.imread(str(out / "images" / rows["b"]["image_sha256"][:2] /
                                    f"{rows['b']['image_sha256']}.{rows['b']['image_ext']}")), cv2.COLOR_BGR2RGB)))
