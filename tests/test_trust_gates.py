"""Issue 19, items 3 (changed source folder) and 6 (silent degradation): quality gates, caption_backend in
captions.csv, LLM rows that failed are retried without --force, the datasheet counts back-ends, and the
full-scale recipe's local LLM endpoint is allowed."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from caption_helpers import shared_grounding_tagger  # noqa: F401 (a fixture)

from conftest import REPO, cli, local_recipe
from derm1m_build.testing.openai_server import OpenAIServer


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory, demo_corpus) -> Path:
    """The first 12 rows of the demo's local corpus."""
    root = tmp_path_factory.mktemp("small")
    shutil.copytree(demo_corpus / "local", root / "local")
    meta = root / "local" / "metadata.csv"
    with open(meta, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    with open(meta, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows[:12])
    return root


@pytest.fixture(scope="module")
def small_built(tmp_path_factory, small_corpus) -> Path:
    """A folder holding a copy of `small_corpus` (c/local), a recipe naming it by a relative path (same.toml,
    build.name "same") and that recipe's finished build (out), built once: copied whole, the copy's build
    is up to date with the copy's recipe (read-only: use `_copy_built`)."""
    root = tmp_path_factory.mktemp("built")
    shutil.copytree(small_corpus / "local", root / "c" / "local")
    recipe = local_recipe(root, Path("c"), name="same")
    cli("run", "--recipe", recipe, "--out", root / "out", check=True)
    return root


def _copy_built(small_built: Path, dst: Path) -> tuple[Path, Path, Path]:
    """(corpus, recipe, out) of a fresh copy of `small_built` under dst."""
    shutil.copytree(small_built, dst, symlinks=True)
    return dst / "c", dst / "same.toml", dst / "out"


def _llm_recipe(tmp_path, corpus, url, name="t"):
    return local_recipe(tmp_path, corpus, name=name, extra=f"""
[caption]
backend = "openai"
[caption.openai]
base_url = "{url}"
model = "m"
api_key_env = "DERM1M_TEST_LLM_KEY"
max_retries = 0
""")


def _captions(out: Path) -> list[dict]:
    with open(out / "dataset" / "captions.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# item 6: with a wrong API key every caption became rules-fallback:http_401, exit 0; a rerun with the
# right key said "up to date"; captions.csv had no caption_backend; the datasheet named the LLM

def test_wrong_key_fails_the_gate_and_the_right_key_retries_without_force(small_corpus, tmp_path):
    out = tmp_path / "out"
    with OpenAIServer(api_key="right-key") as srv:
        recipe = _llm_recipe(tmp_path, small_corpus, srv.base_url)
        p = cli("run", "--recipe", recipe, "--out", out, env={"DERM1M_TEST_LLM_KEY": "wrong-key"})
        assert p.returncode == 5
        last = p.stderr.splitlines()[-1]
        assert last.startswith("error: caption: ") and "LLM captions (100%) fell back to rules (http_401 x" in last
        assert "above build.gates.max_llm_fallback = 0.05" in last
        assert not (out / "dataset").exists()  # nothing shipped
        asked = srv.requests()
        p = cli("run", "--recipe", recipe, "--out", out, env={"DERM1M_TEST_LLM_KEY": "right-key"})
        assert p.returncode == 0, p.stderr
        assert "[caption] rows in" in p.stderr  # not "up to date": the failed rows were asked again
        assert srv.requests() > asked
    rows = _captions(out)
    assert rows and {r["caption_backend"] for r in rows} == {"openai:m"}
    sheet = (out / "dataset" / "DATASHEET.md").read_text()
    assert f"| openai:m | {len(rows)} | 100.0% |" in sheet
    m = json.loads((out / "work" / "caption" / "_manifest.json").read_text())
    assert not any("retry" in s for s in m["shards"].values())
    assert cli("verify", out, "--no-decode").returncode == 0


def test_the_gate_can_be_set_in_the_recipe(small_corpus, tmp_path):
    with OpenAIServer(api_key="right-key") as srv:
        recipe = _llm_recipe(tmp_path, small_corpus, srv.base_url)
        text = recipe.read_text().replace("allow_private_hosts = true",
                                          "allow_private_hosts = true\ngates = { max_llm_fallback = 1.0 }")
        recipe.write_text(text)
        p = cli("run", "--recipe", recipe, "--out", tmp_path / "out", env={"DERM1M_TEST_LLM_KEY": "wrong"})
    assert p.returncode == 0, p.stderr
    rows = _captions(tmp_path / "out")
    assert {r["caption_backend"] for r in rows} == {"rules-fallback:http_401"}
    sheet = (tmp_path / "out" / "dataset" / "DATASHEET.md").read_text()
    assert f"| rules-fallback:http\\_401 | {len(rows)} | 100.0% |" in sheet  # markdown-escaped


# item 3 (last part) and 6: a second recipe with the same build.name and another folder silently
# replaced a 10-row dataset with 0 rows, exit 0

def test_same_name_other_folder_is_stale_and_an_empty_dataset_never_replaces_a_built_one(small_built, tmp_path):
    _, _, out = _copy_built(small_built, tmp_path / "built")
    before = (out / "dataset" / "captions.csv").read_bytes()
    other = tmp_path / "other"
    (other / "local").mkdir(parents=True)
    (other / "local" / "metadata.csv").write_text("item_id,image,text\n")
    recipe2 = local_recipe(tmp_path / "other", other, name="same")
    st = json.loads(cli("status", out, "--recipe", recipe2, "--json", check=True).stdout)
    assert {r["stage"]: r["state"] for r in st}["harvest"] == "stale"
    p = cli("run", "--recipe", recipe2, "--out", out)
    assert p.returncode == 5
    assert p.stderr.splitlines()[-1] == ("error: dataset: 0 rows, fewer than build.gates.min_rows = 1; see "
                                         "`derm1m-build status` for where the rows went (every dropped row keeps "
                                         "its reason)")
    assert (out / "dataset" / "captions.csv").read_bytes() == before


def test_harvest_failure_gate(small_corpus, tmp_path):
    corpus = tmp_path / "c"
    shutil.copytree(small_corpus / "local", corpus / "local")
    with open(corpus / "local" / "metadata.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for r in rows[:4]:  # 4 of 12 images gone: 33% of the items fail
        (corpus / "local" / r["image"]).unlink()
    p = cli("run", "--recipe", local_recipe(tmp_path, corpus), "--out", tmp_path / "out")
    assert p.returncode == 5
    assert p.stderr.splitlines()[-1] == (
        "error: harvest: 4 of 12 local items failed (33%: image_missing x4), above "
        "build.gates.max_harvest_failure = 0.2; fix the cause and run again (a rerun fetches only what failed)")


def test_the_full_scale_recipe_reaches_its_local_llm(monkeypatch, tmp_path, shared_grounding_tagger):
    """stages/derm1m.toml points the LLM at localhost: it must be allowed, not silently fall back."""
    from derm1m_build import schema
    from derm1m_build.recipe import load_recipe
    from derm1m_build.stage import BuildContext
    from derm1m_build.stages.caption import CaptionStage

    with OpenAIServer() as srv:
        monkeypatch.setenv("DERM1M_LLM_URL", srv.base_url.replace("127.0.0.1", "localhost"))
        recipe = load_recipe(REPO / "stages" / "derm1m.toml")
        cfg = recipe.section("caption")
        assert cfg.openai.allow_private and cfg.openai.base_url.startswith("http://localhost:")
        st = CaptionStage(cfg, BuildContext(out=tmp_path, recipe_path=recipe.path), recipe)
        st.setup()
        t = schema.rows_to_table([{"sample_id": "a", "raw_text": "Silvery plaques of psoriasis on the elbow.",
                                   "lang": "en", "source_type": "youtube"}], schema.schema_for("filter"))
        kept = st.process_batch(t).kept.to_pylist()
    assert kept[0]["caption_backend"] == "openai:Qwen/Qwen2.5-72B-Instruct"


# item 3: after deleting a row and its image from a local CSV, or blurring an image in place, `run` said
# "up to date" and the old row and the unblurred image still shipped; --refresh did not re-extract

def test_edited_and_removed_local_inputs_are_seen(small_built, tmp_path):
    from PIL import Image, ImageDraw

    from derm1m_build.hashing import sha256_file

    corpus, recipe, out = _copy_built(small_built, tmp_path / "built")
    before = {r["sample_id"]: r for r in _captions(out)}
    meta = corpus / "local" / "metadata.csv"
    with open(meta, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    from derm1m_build.hashing import sample_id

    shipped = [r for r in rows if sample_id("local", r["item_id"], 0) in before]
    gone, blurred, lost = shipped[0], shipped[1], shipped[2]
    # 1. a row and its image deleted
    (corpus / "local" / gone["image"]).unlink()
    with open(meta, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(r for r in rows if r is not gone)
    # 2. an image edited in place (a region masked, as when blurring a face)
    img_path = corpus / "local" / blurred["image"]
    old_sha = sha256_file(img_path)
    with Image.open(img_path) as im:
        im = im.convert("RGB")
        ImageDraw.Draw(im).rectangle((0, 0, im.width // 4, im.height // 4), fill=(128, 128, 128))
        im.save(img_path, quality=92)
    new_sha = sha256_file(img_path)
    # 3. an image removed, its row kept
    (corpus / "local" / lost["image"]).unlink()
    p = cli("run", "--recipe", recipe, "--out", out, env={}, check=False)
    assert p.returncode == 0, p.stderr
    assert "[harvest] up to date" not in p.stderr
    after = {r["sample_id"]: r for r in _captions(out)}
    sid = lambda r: sample_id("local", r["item_id"], 0)  # noqa: E731
    assert sid(gone) not in after and sid(lost) not in after
    assert set(after) == set(before) - {sid(gone), sid(lost)}
    assert after[sid(blurred)]["filename"] == f"images/{new_sha[:2]}/{new_sha}.jpg"
    files = {p.name for p in (out / "dataset" / "images").rglob("*") if p.is_file()}
    assert not any(old_sha in f for f in files)  # the unblurred image no longer ships
    assert not (out / "raw" / "local" / "files" / gone["image"]).exists()
    assert not (out / "raw" / "local" / "files" / lost["image"]).exists()
    # nothing changed: up to date; --refresh extracts again (and changes nothing)
    p = cli("run", "--recipe", recipe, "--out", out, check=True)
    assert "[harvest] up to date" in p.stderr and "[dataset] up to date" in p.stderr
    p = cli("harvest", "--recipe", recipe, "--out", out, "--refresh", check=True)
    assert "[harvest] rows in 11" in p.stderr
    p = cli("run", "--recipe", recipe, "--out", out, check=True)
    assert "[filter] up to date" in p.stderr
