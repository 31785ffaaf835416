"""Each export loads in the tool people use, the way that tool's documentation loads it: webdataset's
`.decode("pil").to_tuple("jpg", "txt")`, mlcroissant's `Dataset(...).records(...)`, and Hugging Face
`datasets` (streaming, with the features a Hub viewer reads from the card). The build mixes PNG and JPEG
images, rows whose image may not be redistributed, and licences written without a version."""

from __future__ import annotations

import csv
import json
import re
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
from PIL import Image

from conftest import REPO, cli, local_recipe
from derm1m_build.licences import allows, canonical, licence_class

LICENCES = ["CC-BY", "cc by-nc 4.0", "CC0-1.0", "CC-BY-NC-SA", "all rights reserved", "CC-BY-4.0"]


@pytest.fixture(scope="module")
def mixed_build(tmp_path_factory, demo_corpus) -> Path:
    tmp = tmp_path_factory.mktemp("mixed")
    local = tmp / "corpus" / "local"
    shutil.copytree(demo_corpus / "local", local)
    meta = local / "metadata.csv"
    with open(meta, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for i, r in enumerate(rows):
        if i % 4 == 1:  # stored as PNG (a palette one now and then)
            src = local / r["image"]
            dst = src.with_suffix(".png")
            with Image.open(src) as im:
                (im.convert("P") if i % 8 == 1 else im).save(dst)
            src.unlink()
            r["image"] = str(Path(r["image"]).with_suffix(".png"))
        r["license"] = LICENCES[i % len(LICENCES)]
        r["redistributable"] = "false" if i % 7 == 3 else ""
    with open(meta, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    recipe = local_recipe(tmp, tmp / "corpus", name="mixed", shard_size=64)
    cli("run", "--recipe", recipe, "--out", tmp / "out", check=True)
    return tmp / "out"


@pytest.fixture(scope="module")
def exported(mixed_build, tmp_path_factory):
    """`exported(format, *flags)`: the folder `derm1m-build export` writes for those arguments, made once per
    module (read-only for tests: several tests read the same export; copy it before changing it)."""
    made: dict[tuple[str, ...], Path] = {}

    def get(fmt: str, *flags: str) -> Path:
        key = (fmt, *flags)
        if key not in made:
            out = tmp_path_factory.mktemp(fmt) / "out"
            cli("export", mixed_build, "--format", fmt, *flags, "--out", out, check=True)
            made[key] = out
        return made[key]

    return get


def captions(build: Path) -> list[dict]:
    with open(build / "dataset" / "captions.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def not_redistributable(build: Path) -> set[str]:
    import pyarrow.parquet as pq

    out = set()
    for p in sorted((build / "work" / "split").glob("part-*.parquet")):
        for r in pq.read_table(p, columns=["sample_id", "meta"]).to_pylist():
            if json.loads(r["meta"]).get("redistributable") == "false":
                out.add(r["sample_id"])
    return out


def readme_snippet(title: str) -> str:
    """The python block under README's `Loading an export` item that starts with `title`."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    m = re.search(re.escape(title) + r".*?```python\n(.*?)```", text, re.S)
    assert m, f"README has no snippet for {title}"
    return textwrap.dedent(m.group(1))


# -- licences -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("value,cid,cls", [
    ("CC-BY", "CC-BY", "commercial"), ("CC-BY-4.0", "CC-BY-4.0", "commercial"), ("CC BY 3.0", "CC-BY-3.0", "commercial"),
    ("CC-BY-SA", "CC-BY-SA", "commercial"), ("CC-BY-ND-4.0", "CC-BY-ND-4.0", "commercial"),
    ("CC0-1.0", "CC0-1.0", "commercial"), ("cc0", "CC0-1.0", "commercial"), ("public-domain", "public-domain", "commercial"),
    ("https://creativecommons.org/licenses/by/4.0/", "CC-BY-4.0", "commercial"),
    ("Creative Commons Attribution 4.0 International", "CC-BY-4.0", "commercial"),
    ("CC-BY-NC", "CC-BY-NC", "noncommercial"), ("cc by-nc 4.0", "CC-BY-NC-4.0", "noncommercial"),
    ("CC-BY-NC-SA", "CC-BY-NC-SA", "noncommercial"), ("CC-BY-NC-ND-4.0", "CC-BY-NC-ND-4.0", "noncommercial"),
    ("CC-BY-NC-3.0", "CC-BY-NC-3.0", "noncommercial"),
    ("none", "none", "excluded"), ("unknown", "unknown", "excluded"), ("", "unknown", "excluded"),
    ("all rights reserved", "none", "excluded"), ("Standard YouTube License", "none", "excluded"),
    ("GPL-3.0", "unknown", "excluded"), ("proprietary", "unknown", "excluded"),
])
def test_licence_table(value, cid, cls):
    assert canonical(value) == cid
    assert licence_class(value) == cls
    assert allows(value, "commercial") == (cls == "commercial")
    assert allows(value, "noncommercial") == (cls != "excluded")
    assert allows(value, "all")


def test_every_licence_the_sources_emit_has_a_class():
    """The ids in schema.LICENSES and those the PMC, YouTube and dataset normalisers produce."""
    from derm1m_build.pmc.licence import from_oa_service
    from derm1m_build.schema import LICENSES
    from derm1m_build.sources.datasets import TERMS
    from derm1m_build.video.ytinfo import normalise_license

    emitted = set(LICENSES) | {t.license for t in TERMS.values()}
    emitted |= {from_oa_service(v) for v in ("CC BY", "CC BY-NC", "CC BY-NC-SA", "CC BY-ND", "CC0", "none", "")}
    emitted |= {normalise_license(v) for v in ("Creative Commons Attribution license (reuse allowed)",
                                                "Standard YouTube License", None)}
    classes = {lic: licence_class(lic) for lic in emitted}
    assert classes["CC-BY-NC"] == "noncommercial" and classes["CC-BY"] == "commercial"
    assert {lic for lic, c in classes.items() if c == "excluded"} == {"none", "unknown"}


def test_unversioned_cc_by_row_is_in_both_exports_and_counted_commercial(mixed_build, exported):
    rows = captions(mixed_build)
    assert "CC-BY" in {r["license"] for r in rows}
    for cls in ("commercial", "noncommercial"):
        out = exported("croissant", "--license", cls)
        with open(out / "captions.csv", encoding="utf-8", newline="") as f:
            got = {r["sample_id"] for r in csv.DictReader(f)}
        want = {r["sample_id"] for r in rows if allows(r["license"], cls)}
        assert got == want
        assert {r["sample_id"] for r in rows if r["license"] == "CC-BY"} <= got
    sheet = (mixed_build / "dataset" / "DATASHEET.md").read_text(encoding="utf-8")
    excluded = sum(1 for r in rows if licence_class(r["license"]) == "excluded")
    nc = sum(1 for r in rows if licence_class(r["license"]) == "noncommercial")
    assert f"{excluded} pairs have an unknown or restrictive licence" in sheet
    assert f"and {nc} a non-commercial one" in sheet


# -- WebDataset -----------------------------------------------------------------------------------------

def test_webdataset_standard_pipeline_reads_every_sample(mixed_build, tmp_path):
    import webdataset as wds

    rows = captions(mixed_build)
    assert any(r["filename"].endswith(".png") for r in rows)
    bad = not_redistributable(mixed_build)
    assert bad
    out = tmp_path / "wds"
    p = cli("export", mixed_build, "--format", "webdataset", "--images-only", "--out", out, "--shard-size", "32",
            check=True)
    want = [r for s in ("train", "val", "test") for r in rows if r["split"] == s and r["sample_id"] not in bad]
    assert p.stdout == (f"webdataset (all): {len(want)} rows, {len(rows) - len(want)} row(s) without a "
                        f"redistributable image left out -> {out}\n")
    urls = [str(p) for s in ("train", "val", "test") for p in sorted(out.glob(f"{s}/*.tar"))]
    got = []
    for img, txt in wds.WebDataset(urls, shardshuffle=False).decode("pil").to_tuple("jpg", "txt"):
        assert img.mode == "RGB" and img.size[0] > 0
        got.append(txt)
    assert got == [r["truncated_caption"] for r in want]
    # a PNG stored in the dataset arrives as a JPEG member that says what it was
    png = [r for r in want if r["filename"].endswith(".png")]
    assert png
    metas = [json.loads(s["json"]) for s in wds.WebDataset(urls, shardshuffle=False)]
    by_id = {m["sample_id"]: m for m in metas}
    assert all(by_id[r["sample_id"]]["image_converted_from"] == "png" for r in png)
    assert not any("image_converted_from" in by_id[r["sample_id"]] for r in want if r not in png)


def test_webdataset_without_flag_keeps_textonly_rows(mixed_build, tmp_path):
    import webdataset as wds

    out = tmp_path / "wds"
    cli("export", mixed_build, "--format", "webdataset", "--out", out, check=True)
    samples = list(wds.WebDataset(sorted(str(p) for p in out.glob("*/*.tar")), shardshuffle=False))
    assert len(samples) == len(captions(mixed_build))
    assert {s["__key__"] for s in samples if "jpg" not in s} == \
        {json.loads(s["json"])["key"] for s in samples if json.loads(s["json"])["status"] == "not_redistributable"}
    assert not any(k.endswith("png") for s in samples for k in s)


def test_webdataset_export_is_byte_identical_on_rerun(mixed_build, exported, tmp_path):
    a, b = exported("webdataset", "--images-only"), tmp_path / "b"
    cli("export", mixed_build, "--format", "webdataset", "--images-only", "--out", b, check=True)
    fa = sorted(p.relative_to(a) for p in a.rglob("*.tar"))
    assert fa and fa == sorted(p.relative_to(b) for p in b.rglob("*.tar"))
    assert all((a / f).read_bytes() == (b / f).read_bytes() for f in fa)


def test_readme_webdataset_snippet_runs(mixed_build, exported, tmp_path, monkeypatch):
    shutil.copytree(exported("webdataset", "--images-only"), tmp_path / "export" / "webdataset-all")
    monkeypatch.chdir(tmp_path)
    ns: dict = {}
    exec(readme_snippet("- WebDataset ("), ns)
    assert ns["image"].mode == "RGB" and ns["text"] in {r["truncated_caption"] for r in captions(mixed_build)}


# -- Croissant ------------------------------------------------------------------------------------------

def test_croissant_validates_and_loads_pairs_with_images(mixed_build, exported):
    import mlcroissant as mlc

    out = exported("croissant", "--license", "noncommercial")
    ds = mlc.Dataset(jsonld=str(out / "croissant.json"))  # raises ValidationError on any error
    rows = [r for r in captions(mixed_build) if allows(r["license"], "noncommercial")]
    bad = not_redistributable(mixed_build)
    got = list(ds.records("pairs"))
    assert [g["pairs/sample_id"].decode() for g in got] == [r["sample_id"] for r in rows]
    for g, r in zip(got, rows):
        assert g["pairs/caption"].decode() == r["caption"]
        assert g["pairs/license"].decode() == r["license"]
        if r["sample_id"] in bad:
            assert g["pairs/image"] is None and not g["pairs/filename"]  # an empty CSV cell reads as None
        else:
            with Image.open(mixed_build / "dataset" / r["filename"]) as want:
                assert g["pairs/image"].size == want.size
    doc = json.loads((out / "croissant.json").read_text(encoding="utf-8"))
    assert doc["rai:hasSyntheticData"] is False
    assert "Skin tone (Fitzpatrick type) is stated by the source for" in doc["rai:dataBiases"]
    assert "Health information" in doc["rai:personalSensitiveInformation"]
    assert sorted(doc["license"]) == sorted({r["license"] for r in rows})


def test_readme_croissant_snippet_runs(mixed_build, tmp_path, monkeypatch):
    out = tmp_path / "export" / "croissant-all"
    cli("export", mixed_build, "--format", "croissant", "--out", out, check=True)
    monkeypatch.chdir(tmp_path)
    ns: dict = {}
    exec(readme_snippet("- Croissant (`--format croissant`)"), ns)
    assert ns["record"]["pairs/sample_id"].decode() in {r["sample_id"] for r in captions(mixed_build)}


# -- Hugging Face ---------------------------------------------------------------------------------------

def test_parquet_card_and_features_load_streaming(mixed_build, exported):
    import datasets

    out = exported("parquet")
    text = (out / "README.md").read_text(encoding="utf-8")
    front = yaml.safe_load(text.split("---\n")[1])
    assert front["license"] == "other" and front["license_name"] == "mixed-per-row"
    assert front["task_categories"] == ["image-to-text", "zero-shot-image-classification"]
    assert front["size_categories"] == ["n<1K"]
    rows = captions(mixed_build)
    counts = {s: sum(1 for r in rows if r["split"] == s) for s in ("train", "val", "test")}
    assert {s["name"]: s["num_examples"] for s in front["dataset_info"]["splits"]} == \
        {s: n for s, n in counts.items() if n}
    card_features = datasets.Features._from_yaml_list(front["dataset_info"]["features"])
    d = datasets.load_dataset(str(out), streaming=True)
    for split, n in counts.items():
        if not n:
            continue
        feats = d[split].features
        assert feats == card_features  # what the Hub viewer compares
        assert isinstance(feats["image"], datasets.Image)
        assert feats["split"] == datasets.ClassLabel(names=["train", "val", "test"])
        got = list(d[split])
        assert [g["sample_id"] for g in got] == [r["sample_id"] for r in rows if r["split"] == split]
        assert all(feats["split"].int2str(g["split"]) == split for g in got)
        bad = not_redistributable(mixed_build)
        assert all((g["image"] is None) == (g["sample_id"] in bad) for g in got)


def test_readme_parquet_snippet_runs(mixed_build, exported, tmp_path, monkeypatch):
    shutil.copytree(exported("parquet"), tmp_path / "export" / "parquet-all")
    monkeypatch.chdir(tmp_path)
    ns: dict = {}
    exec(readme_snippet("- Hugging Face `datasets` ("), ns)
    assert ns["example"]["sample_id"] in {r["sample_id"] for r in captions(mixed_build)}
