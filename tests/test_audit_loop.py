"""The expert audit loop end to end: sample the demo build, review items in a real browser (Debian's
Chromium driven by Selenium), a second reviewer through the HTTP API, score with Wilson intervals and
kappa, export corrections, rebuild with them, and check that exactly the corrected rows changed."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from browser_util import make_driver, needs_browser
from conftest import REPO, cli, copy_build, local_recipe
from derm1m_build.audit.pack import allocate
from derm1m_build.audit.score import cohen_kappa, wilson



# -- pieces ---------------------------------------------------------------------------------------------

def test_wilson_interval_matches_published_values():
    # Newcombe (1998), table I: 81/263 -> 0.2553 to 0.3662; 15/148 -> 0.0624 to 0.1605
    lo, hi = wilson(81, 263)
    assert (round(lo, 4), round(hi, 4)) == (0.2553, 0.3662)
    lo, hi = wilson(15, 148)
    assert (round(lo, 4), round(hi, 4)) == (0.0624, 0.1605)
    assert wilson(0, 0) == (0.0, 1.0)
    lo, hi = wilson(10, 10)
    assert round(lo, 4) == 0.7225 and round(hi, 6) == 1.0


def test_cohen_kappa():
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15
    assert round(cohen_kappa(pairs), 4) == 0.4  # po 0.7, pe 0.5
    assert cohen_kappa([("yes", "yes")] * 3) is None  # chance agreement 1: undefined
    assert cohen_kappa([]) is None


def test_allocation_spreads_over_strata():
    assert allocate({"youtube": 100, "forum": 3, "pubmed": 50}, 20) == {"youtube": 8, "forum": 3, "pubmed": 9}
    assert allocate({"a": 1, "b": 1}, 5) == {"a": 1, "b": 1}
    assert allocate({"a": 10, "b": 10, "c": 10}, 4) == {"a": 2, "b": 1, "c": 1}


def test_sample_is_reproducible_and_stratified(demo_build, tmp_path):
    b = copy_build(demo_build, tmp_path / "b")
    cli("audit", "sample", b, "--n", "10", "--seed", "5", "--name", "one", check=True)
    cli("audit", "sample", b, "--n", "10", "--seed", "5", "--name", "two", check=True)
    one = (b / "audit" / "one" / "items.jsonl").read_bytes()
    assert one == (b / "audit" / "two" / "items.jsonl").read_bytes()
    items = [json.loads(x) for x in one.decode().splitlines()]
    assert len(items) == 10 and all(it["kept"] and it["stratum"] == "source:local" for it in items)
    assert all((b / "audit" / "one" / it["thumb"]).is_file() for it in items)
    p = cli("audit", "sample", b, "--n", "10", "--seed", "5", "--name", "one")
    assert p.returncode == 2 and p.stderr.strip().startswith("error: audit pack") and "Traceback" not in p.stderr
    cli("audit", "sample", b, "--n", "10", "--seed", "6", "--name", "three", check=True)
    assert (b / "audit" / "three" / "items.jsonl").read_bytes() != one


def test_label_studio_and_argilla_round_trip(demo_build, tmp_path):
    b = copy_build(demo_build, tmp_path / "b")
    cli("audit", "sample", b, "--n", "4", "--name", "x", check=True)
    items = [json.loads(x) for x in (b / "audit" / "x" / "items.jsonl").read_text().splitlines()]
    cli("audit", "export", b, "--audit", "x", "--format", "label-studio", "--out", tmp_path / "ls", check=True)
    tasks = json.loads((tmp_path / "ls" / "tasks.json").read_text())
    assert [t["data"]["sample_id"] for t in tasks] == [it["sample_id"] for it in items]
    assert tasks[0]["data"]["image"].startswith("data:image/jpeg;base64,")
    assert '<Choices name="label" toName="image"' in (tmp_path / "ls" / "label_config.xml").read_text()
    # what Label Studio's JSON export looks like once an annotator has answered
    tasks[0]["annotations"] = [{"completed_by": "carol@example.org", "result": [
        {"from_name": "label", "to_name": "image", "type": "choices", "value": {"choices": ["no"]}},
        {"from_name": "correct_label", "to_name": "image", "type": "textarea", "value": {"text": ["psoriasis"]}},
        {"from_name": "image", "to_name": "image", "type": "choices", "value": {"choices": ["yes"]}}]}]
    (tmp_path / "ls_export.json").write_text(json.dumps(tasks))
    p = cli("audit", "import", b, "--audit", "x", "--format", "label-studio", tmp_path / "ls_export.json", check=True)
    assert p.stdout == "label-studio: 2 answers stored\n"
    cli("audit", "export", b, "--audit", "x", "--format", "argilla", "--out", tmp_path / "ar", check=True)
    records = json.loads((tmp_path / "ar" / "records.json").read_text())
    assert [r["id"] for r in records] == [it["sample_id"] for it in items]
    records[1]["responses"] = {"image": [{"value": "no", "user_id": "dan"}], "flag": [{"value": "remove", "user_id": "dan"}]}
    (tmp_path / "ar_export.json").write_text(json.dumps(records))
    p = cli("audit", "import", b, "--audit", "x", "--format", "argilla", tmp_path / "ar_export.json", check=True)
    assert p.stdout == "argilla: 2 answers stored\n"
    got = {f.stem: [json.loads(x) for x in f.read_text().splitlines()]
           for f in sorted((b / "audit" / "x" / "answers").glob("*.jsonl"))}
    assert sorted(got) == ["carol", "dan"]
    assert {(a["field"], a["value"], a.get("correct")) for a in got["carol"]} == \
        {("image", "yes", None), ("label", "no", "psoriasis")}
    assert {(a["item"], a["field"], a["value"]) for a in got["dan"]} == \
        {(items[1]["sample_id"], "image", "no"), (items[1]["sample_id"], "flag", "remove")}


# -- the whole loop, in a browser -----------------------------------------------------------------------

def _serve(build: Path, audit: str):
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "derm1m_build", "review", str(build), "--audit", audit,
                             "--port", "0"], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    line = proc.stdout.readline()
    assert line.startswith("review page: http://127.0.0.1:"), line + proc.stderr.read()
    return proc, line.split()[2]


@needs_browser
def test_review_in_browser_score_correct_and_rebuild(demo_build, demo_corpus, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support.ui import WebDriverWait

    b = copy_build(demo_build, tmp_path / "b")
    cli("audit", "sample", b, "--n", "6", "--seed", "1", "--name", "a1", check=True)
    items = [json.loads(x) for x in (b / "audit" / "a1" / "items.jsonl").read_text().splitlines()]
    first, second = items[0], items[1]
    # a label to correct to: any condition other than the current one
    new_label = "psoriasis" if first["disease_label"] != "psoriasis" else "melanoma"

    proc, url = _serve(b, "a1")
    drv = make_driver(tmp_path / "profile", "1300,900")
    answers = b / "audit" / "a1" / "answers" / "alice.jsonl"

    def saved(n: int):
        WebDriverWait(drv, 20).until(lambda d: answers.exists() and len(answers.read_text().splitlines()) >= n)

    try:
        drv.get(url)
        drv.find_element(By.ID, "reviewer").send_keys("alice", Keys.ENTER)
        WebDriverWait(drv, 20).until(lambda d: d.find_element(By.ID, "caption").text == first["caption"])
        assert drv.find_element(By.ID, "label").text == (first["disease_label"] or "(none)")
        body = drv.find_element(By.TAG_NAME, "body")
        body.send_keys("y")  # image: a skin image
        saved(1)
        body.send_keys("y")  # caption faithful
        saved(2)
        body.send_keys("n")  # label wrong -> the ontology search opens
        saved(3)
        search = drv.find_element(By.ID, "search")
        WebDriverWait(drv, 10).until(lambda d: search == d.switch_to.active_element)
        search.send_keys(new_label)
        WebDriverWait(drv, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#results li"))
        assert drv.find_elements(By.CSS_SELECTOR, "#results li")[0].text.startswith(new_label + " (")
        search.send_keys(Keys.ENTER)
        saved(4)
        body.send_keys("s")  # concepts: skip
        saved(5)
        body.send_keys("j")  # next item
        WebDriverWait(drv, 10).until(lambda d: d.find_element(By.ID, "caption").text == second["caption"])
        body.send_keys("n")  # not a skin image
        saved(6)
        body.send_keys("r")  # flag for removal
        saved(7)
        WebDriverWait(drv, 10).until(lambda d: d.find_element(By.ID, "flag").text == "remove")
        drv.save_screenshot(str(tmp_path / "review.png"))
    finally:
        drv.quit()
    # a second reviewer through the API; then the server is killed: nothing said is lost
    for item, field, value in [(first["sample_id"], "image", "yes"), (first["sample_id"], "caption", "no"),
                               (second["sample_id"], "image", "no")]:
        r = requests.post(url + "api/answer", json={"reviewer": "bob", "item": item, "field": field, "value": value},
                          timeout=10)
        assert r.status_code == 200, r.text
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    got = [json.loads(x) for x in answers.read_text().splitlines()]
    assert [(a["item"], a["field"], a["value"], a.get("correct")) for a in got] == [
        (first["sample_id"], "image", "yes", None), (first["sample_id"], "caption", "yes", None),
        (first["sample_id"], "label", "no", None), (first["sample_id"], "label", "no", new_label),
        (first["sample_id"], "concepts", "skip", None), (second["sample_id"], "image", "no", None),
        (second["sample_id"], "flag", "remove", None)]

    p = cli("audit", "score", b, "--audit", "a1", check=True)
    sc = json.loads((b / "audit" / "a1" / "score.json").read_text())
    cells = {(c["stratum"], c["field"]): c for c in sc["precision"]}
    assert (cells[("local", "image")]["right"], cells[("local", "image")]["answered"]) == (2, 4)
    assert cells[("local", "image")]["ci95"] == [round(x, 4) for x in wilson(2, 4)]
    assert (cells[("local", "label")]["right"], cells[("local", "label")]["answered"]) == (0, 1)
    kappa = {k["field"]: k for k in sc["kappa"]}
    assert kappa["image"]["items"] == 2 and kappa["image"]["agreement"] == 1.0
    assert kappa["caption"]["agreement"] == 0.0
    sheet = (b / "dataset" / "DATASHEET.md").read_text()
    assert "## Expert audit" in sheet and "| local | image | 2 / 4 | 50.0 % |" in sheet
    assert "Expert audit" in (b / "dataset" / "report.html").read_text()
    assert cli("verify", b).returncode == 0

    corr = tmp_path / "corrections.csv"
    p = cli("audit", "corrections", b, "--audit", "a1", "--out", corr, check=True)
    assert p.stdout == f"corrections: 2 from a1, 2 in {corr}\n"
    rows = list(csv.DictReader(corr.open()))
    assert sorted((r["key"], r["field"], r["value"], r["reviewer"]) for r in rows) == sorted([
        (first["sample_id"], "disease_label", new_label, "alice"), (second["sample_id"], "flag", "remove", "alice")])

    # rebuild with the corrections: the corrected row changes, the removed row is gone, nothing else moves
    before = {r["sample_id"]: r for r in csv.DictReader((b / "dataset" / "captions.csv").open())}
    recipe = local_recipe(tmp_path, demo_corpus, extra=f'\n[tag]\ncorrections = "{corr}"\n')
    cli("run", "--recipe", recipe, "--out", b, check=True)
    after = {r["sample_id"]: r for r in csv.DictReader((b / "dataset" / "captions.csv").open())}
    assert set(before) - set(after) == {second["sample_id"]}
    assert after[first["sample_id"]]["disease_label"] == new_label
    assert after[first["sample_id"]]["hierarchical_disease_label"].endswith(new_label)
    for sid, r in after.items():
        if sid != first["sample_id"]:
            assert r == before[sid]
    tag_m = json.loads((b / "work" / "tag" / "_manifest.json").read_text())
    assert tag_m["dropped"] == {}  # the flag goes to the writer's removal list: nothing upstream moves
    assert json.loads((b / "dataset" / "manifest.json").read_text())["takedown"]["removed_rows"] == 1
    assert cli("verify", b).returncode == 0
