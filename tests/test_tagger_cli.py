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
         "concepts": [{"id": "plaque", "name": "Plaque", "span": [10, 17], "negated": False}],
         "disease_label": "psoriasis", "hierarchical_disease_label": "inflammatory, non-infectious, psoriasis"},
        {"id": "b", "conditions": [], "concepts": [], "disease_label": "", "hierarchical_disease_label": ""},
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


def test_tag_text_labels_match_the_tag_stage(tmp_path):
    texts = ["The mole on her back turned out to be a melanoma in situ", "Most likely tinea corporis, it itches a lot",
             "I'm scared it's melanoma", "Previous BCC excised; today a seborrheic keratosis on the temple"]
    f = tmp_path / "in.jsonl"
    f.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)), encoding="utf-8")
    out = [json.loads(x) for x in cli("tag-text", f, check=True).stdout.splitlines()]
    assert [o["disease_label"] for o in out] == ["melanoma in situ", "tinea corporis", "", "seborrheic keratosis"]
    stage = TagStage(TagConfig(), BuildContext(out=tmp_path / "b", recipe_path=None))
    stage.setup()
    rows = [{"sample_id": str(i), "caption": t} for i, t in enumerate(texts)]
    got = stage.process_batch(schema.rows_to_table(rows, schema.schema_for("caption"))).kept.to_pylist()
    assert [(r["disease_label"], r["hierarchical_disease_label"]) for r in got] == \
        [(o["disease_label"], o["hierarchical_disease_label"]) for o in out]


def test_tag_stage_takes_dataset_node_and_article_title(tmp_path):
    stage = TagStage(TagConfig(), BuildContext(out=tmp_path, recipe_path=None))
    stage.setup()
    rows = [
        # a dataset row: its node wins over what the generated sentence reads as
        {"sample_id": "d", "caption": "A clinical photo of psoriasis on the arm.",
         "meta": json.dumps({"dataset": "fitzpatrick17k", "label": "lupus subacute", "node_id": "scle"})},
        # a PubMed figure whose caption names no diagnosis: the article title gives it, flagged
        {"sample_id": "p", "caption": "Figure 2. Clinical photograph of the left forearm before treatment.",
         "meta": json.dumps({"pmcid": "PMC1", "title": "Sporotrichosis in a gardener: a case report"})},
        # a caption that names one keeps it; the title is not read
        {"sample_id": "q", "caption": "Figure 1. Nodular basal cell carcinoma of the nose.",
         "meta": json.dumps({"pmcid": "PMC2", "title": "Melanoma in 2020"})},
        # a title whose diagnosis the caption rules out gives nothing
        {"sample_id": "r", "caption": "Figure 3. Follow-up photograph: no melanoma.",
         "meta": json.dumps({"pmcid": "PMC3", "title": "Melanoma mimics"})},
    ]
    out = stage.process_batch(schema.rows_to_table(rows, schema.schema_for("caption"))).kept.to_pylist()
    assert [r["disease_label"] for r in out] == [
        "subacute cutaneous lupus erythematosus", "sporotrichosis", "nodular basal cell carcinoma", ""]
    assert [(c["id"], c.get("from")) for c in json.loads(out[0]["conditions"])] == \
        [("psoriasis", None), ("scle", "dataset")]
    p = json.loads(out[1]["conditions"])
    assert [(c["id"], c["from"], c["span"]) for c in p] == [("sporotrichosis", "article_title", [0, 0])]
    assert all("from" not in c for c in json.loads(out[2]["conditions"]))
