"""`derm1m-build tag-text` and the tag stage, through their real entry points."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import REPO, cli
from derm1m_build import schema
from derm1m_build.stage import BuildContext
from derm1m_build.stages.tag import TagConfig, TagStage


def test_tag_text_stdin_exact_output():
    lines = [{"id": 1, "text": "Psoriatic plaques, no melanoma."}, {"id": "b", "text": "patch test"}]
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONHASHSEED="0")
    p = subprocess.run([sys.executable, "-m", "derm1m_build", "tag-text", "-"],
                       input="\n".join(map(json.dumps, lines)), capture_output=True, text=True, env=env, cwd=REPO,
                       timeout=120)
    assert p.returncode == 0, p.stderr
    out = [json.loads(x) for x in p.stdout.splitlines()]
    assert out == [
        {"id": 1,
         "conditions": [
             {"id": "psoriasis", "name": "psoriasis", "path": ["inflammatory", "non-infectious", "psoriasis"],
              "span": [0, 9], "negated": False, "uncertain": False, "score": 100.0},
             {"id": "melanoma", "name": "malignant melanoma",
              "path": ["proliferations", "malignant", "malignant melanocytic", "malignant melanoma"],
              "span": [22, 30], "negated": True, "uncertain": False, "score": 100.0}],
         "concepts": [{"id": "plaque", "name": "Plaque", "span": [10, 17], "negated": False}]},
        {"id": "b", "conditions": [], "concepts": []},
    ]


def test_tag_text_file_and_errors(tmp_path):
    f = tmp_path / "in.jsonl"
    f.write_text('{"id": "x", "text": "painful shingles"}\n\n{"id": "y", "text": ""}\n', encoding="utf-8")
    p = cli("tag-text", f, check=True)
    assert [json.loads(x)["conditions"][0]["id"] if json.loads(x)["conditions"] else None
            for x in p.stdout.splitlines()] == ["herpes-zoster", None]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "ok"}\nnot json\n', encoding="utf-8")
    p = cli("tag-text", bad)
    assert p.returncode != 0 and "Traceback" not in p.stderr
    assert "line 2 is not JSON" in p.stderr
    bad.write_text('{"text": "no id"}\n', encoding="utf-8")
    p = cli("tag-text", bad)
    assert p.returncode != 0 and 'line 1 needs an "id" and a string "text"' in p.stderr
    p = cli("tag-text", tmp_path / "missing.jsonl")
    assert p.returncode != 0 and "no such file" in p.stderr


def test_tag_stage_sets_label_columns(tmp_path):
    stage = TagStage(TagConfig(), BuildContext(out=tmp_path, recipe_path=None))
    stage.setup()
    rows = [
        {"sample_id": "a", "caption": "Erythematous scaly plaques; biopsy showed psoriasis. No melanoma.",
         "raw_text": "ignored"},
        {"sample_id": "b", "caption": "", "raw_text": "grouped vesicles in a dermatome: shingles"},
        {"sample_id": "c", "caption": None, "raw_text": None},
    ]
    table = schema.rows_to_table(rows, schema.schema_for("caption"))
    res = stage.process_batch(table)
    assert res.excluded.num_rows == 0
    out = res.kept.to_pylist()
    assert [(r["sample_id"], r["disease_label"], r["hierarchical_disease_label"], r["skin_concept"])
            for r in out] == [
        ("a", "psoriasis", "inflammatory, non-infectious, psoriasis", "Erythema, Scale, Plaque"),
        ("b", "herpes zoster", "inflammatory, infectious, viral infections, herpes zoster", "Grouped, Vesicle, Dermatomal"),
        ("c", "", "", ""),
    ]
    assert out[0]["ontology_caption"] == "This is a skin photo diagnosed as inflammatory, non-infectious, psoriasis."
    assert out[2]["concept_caption"] == "No visual concepts"
    assert [c["id"] for c in json.loads(out[0]["conditions"])] == ["psoriasis", "melanoma"]
    assert json.loads(out[0]["conditions"])[1]["negated"] is True
