"""`validate_ontology` and `derm1m-build ontology validate`: the real files pass; each kind of mistake
in a small ontology is reported as its own exact line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import REPO, cli

from derm1m_build.errors import UserError
from derm1m_build.ontology import load_ontology
from derm1m_build.ontology.validate import common_words, validate_ontology

ONTO = REPO / "ontology"

GOOD = """\
- {id: root, name: Skin condition ontology, parent: null}
- {id: inflammatory, name: inflammatory, parent: root}
- {id: infectious, name: infectious, parent: inflammatory}
- {id: fungal, name: fungal infections, parent: infectious}
- {id: tinea-pedis, name: tinea pedis, parent: fungal, synonyms: [athlete's foot]}
- {id: proliferations, name: proliferations, parent: root}
- {id: nevus, name: melanocytic nevus, parent: proliferations, synonyms: [mole], context: [skin, lesion], context_terms: [mole]}
"""
CONCEPTS = "- {id: papule, name: Papule, category: primary, synonyms: [papules, papular]}\n"
MAPPING = "dataset: toy\nlabels: {nv: nevus, tinea: tinea-pedis}\nunlabelled: [unknown]\n"


def make(tmp: Path, conditions: str = GOOD, concepts: str = CONCEPTS, mapping: str = MAPPING,
         extra: dict[str, str] | None = None) -> Path:
    d = tmp / "onto"
    (d / "conditions").mkdir(parents=True)
    (d / "mappings").mkdir()
    shutil.copy(ONTO / "schema.json", d / "schema.json")
    shutil.copy(ONTO / "common_words.txt", d / "common_words.txt")
    (d / "conditions" / "a.yaml").write_text(conditions)
    (d / "concepts.yaml").write_text(concepts)
    (d / "mappings" / "toy.yaml").write_text(mapping)
    for name, text in (extra or {}).items():
        (d / name).write_text(text)
    return d


def test_the_repository_ontology_is_valid():
    assert validate_ontology(ONTO) == []


def test_a_small_valid_ontology_passes(tmp_path):
    assert validate_ontology(make(tmp_path)) == []


@pytest.mark.parametrize("conditions, problem", [
    (GOOD + "- {id: fungal, name: fungi, parent: infectious}\n",
     "condition fungal: duplicate id"),
    (GOOD + "- {id: kerion, name: kerion, parent: mycoses}\n",
     "condition kerion: parent 'mycoses' is not a condition id"),
    (GOOD.replace("parent: inflammatory}", "parent: fungal}"),
     "condition infectious: parent cycle infectious -> fungal -> infectious"),
    (GOOD + "- {id: deep, name: deep tinea pedis, parent: tinea-pedis}\n",
     "condition deep: leaf at level 5; at most 4 levels below the root"),
    (GOOD + "- {id: tinea-foot, name: foot ringworm, parent: fungal, synonyms: [athlete's foot]}\n",
     ["condition tinea-pedis: term \"athlete's foot\" is also on tinea-foot; list it in `ambiguous` on each "
      "or keep it on one node",
      "condition tinea-foot: term \"athlete's foot\" is also on tinea-pedis; list it in `ambiguous` on each "
      "or keep it on one node"]),
    (GOOD + "- {id: tinea-2, name: tinea pedis, parent: fungal}\n",
     ["condition tinea-2: name 'tinea pedis' is also the name of tinea-pedis (ontology.json is keyed by name)",
      "condition tinea-pedis: term 'tinea pedis' is also on tinea-2; list it in `ambiguous` on each "
      "or keep it on one node",
      "condition tinea-2: term 'tinea pedis' is also on tinea-pedis; list it in `ambiguous` on each "
      "or keep it on one node"]),
    (GOOD + "- {id: wart, name: verruca, parent: proliferations, synonyms: [bump]}\n",
     "condition wart: 'bump' is a common English word; add `context` words (and list it in `context_terms`)"),
    (GOOD.replace("context_terms: [mole]", "context_terms: [naevus]"),
     ["condition nevus: context_terms 'naevus' is not its name or a synonym",
      "condition nevus: 'mole' is a common English word; list it in `context_terms`"]),
    (GOOD + "- {id: other, name: other, parent: null}\n",
     "conditions: exactly one node, 'root', may have no parent (found ['root', 'other'])"),
    (GOOD.replace("synonyms: [athlete's foot]", "synonyms: [athlete's foot, Athlete’s-foot]"),
     "condition tinea-pedis: synonym 'Athlete’s-foot' repeats \"athlete's foot\""),
    (GOOD + "- {id: Bad_Id, name: bad, parent: root}\n",
     "conditions/a.yaml: Bad_Id/id: 'Bad_Id' does not match '^[a-z0-9]+(-[a-z0-9]+)*$'"),
    (GOOD + "- {id: x, name: x, parent: root, context: [skin, on]}\n",  # YAML reads a bare `on` as true
     "conditions/a.yaml: x/context/1: True is not of type 'string'"),
    (GOOD + "- {id: x, name: x, parent: root, synonym: [y]}\n",
     "conditions/a.yaml: x: Additional properties are not allowed ('synonym' was unexpected)"),
    # subtypes: one level below a diagnosis, as leaves, never under a branch
    (GOOD + "- {id: moccasin, name: moccasin tinea pedis, parent: tinea-pedis, subtype: true}\n"
            "- {id: deep, name: deep moccasin tinea pedis, parent: moccasin}\n",
     ["condition deep: leaf at level 6; at most 4 levels below the root",
      "condition moccasin: a subtype has children (deep); a subtype is a leaf under the diagnosis it is a form of"]),
    (GOOD + "- {id: moccasin, name: moccasin tinea pedis, parent: tinea-pedis, subtype: true}\n"
            "- {id: deep, name: deep moccasin tinea pedis, parent: moccasin, subtype: true}\n",
     ["condition deep: leaf at level 6; at most 4 levels below the root (a subtype: one more)",
      "condition moccasin: a subtype has children (deep); a subtype is a leaf under the diagnosis it is a form of"]),
    (GOOD + "- {id: mycoses, name: mycoses, parent: infectious, subtype: true}\n",
     "condition mycoses: subtype at level 3; a subtype sits under a diagnosis (level 3 or 4), not under a branch"),
    (GOOD + "- {id: moccasin, name: moccasin tinea pedis, parent: tinea-pedis, subtype: yes-please}\n",
     "conditions/a.yaml: moccasin/subtype: 'yes-please' is not of type 'boolean'"),
])
def test_each_mistake_is_reported(tmp_path, conditions, problem):
    assert validate_ontology(make(tmp_path, conditions)) == (problem if isinstance(problem, list) else [problem])


def test_a_subtype_may_sit_one_level_below_a_level_4_diagnosis(tmp_path):
    d = make(tmp_path, GOOD + "- {id: moccasin, name: moccasin tinea pedis, parent: tinea-pedis, subtype: true}\n")
    assert validate_ontology(d) == []
    onto = load_ontology(d)
    assert (onto.conditions["moccasin"].level, onto.conditions["moccasin"].subtype) == (5, True)
    assert onto.conditions["tinea-pedis"].subtype is False
    assert onto.path("moccasin") == ["inflammatory", "infectious", "fungal infections", "tinea pedis", "moccasin tinea pedis"]


def test_shared_term_marked_ambiguous_on_both_nodes_passes_and_stale_marks_fail(tmp_path):
    both = GOOD + "- {id: tinea-foot, name: foot ringworm, parent: fungal, synonyms: [athlete's foot], " \
                  "ambiguous: [athlete's foot]}\n"
    both = both.replace("synonyms: [athlete's foot]}", "synonyms: [athlete's foot], ambiguous: [athlete's foot]}", 1)
    assert validate_ontology(make(tmp_path / "a", both)) == []
    stale = GOOD.replace("synonyms: [athlete's foot]}", "synonyms: [athlete's foot], ambiguous: [athlete's foot]}")
    assert validate_ontology(make(tmp_path / "b", stale)) == [
        "condition tinea-pedis: ambiguous \"athlete's foot\" is not shared with any other condition; drop the mark"]


def test_shared_abbreviation_is_compared_exactly(tmp_path):
    c = GOOD + "- {id: pg1, name: pyogenic granuloma, parent: proliferations, abbreviations: [PG]}\n" \
               "- {id: pg2, name: pyoderma gangrenosum, parent: inflammatory, abbreviations: [PG]}\n"
    assert validate_ontology(make(tmp_path, c)) == [
        "condition pg1: term 'PG' is also on pg2; list it in `ambiguous` on each or keep it on one node",
        "condition pg2: term 'PG' is also on pg1; list it in `ambiguous` on each or keep it on one node"]


def test_concept_common_word_needs_context(tmp_path):
    concepts = CONCEPTS + "- {id: scale, name: Scale, category: secondary, synonyms: [scaly]}\n"
    assert validate_ontology(make(tmp_path, concepts=concepts)) == [
        "concept scale: 'Scale' is a common English word; add `context` words (and list it in `context_terms`)"]


def test_mapping_problems(tmp_path):
    bad = "dataset: toy\nlabels: {nv: nevus, mel: melanoma}\nunlabelled: [nv]\n"
    assert validate_ontology(make(tmp_path / "a", mapping=bad)) == [
        "mappings/toy.yaml: label 'mel' maps to 'melanoma', which is not a condition id",
        "mappings/toy.yaml: label 'nv' is both mapped and unlabelled"]
    renamed = MAPPING.replace("dataset: toy", "dataset: other")
    assert validate_ontology(make(tmp_path / "b", mapping=renamed)) == [
        "mappings/toy.yaml: dataset 'other' does not match the file name 'toy'"]


def test_duplicate_yaml_key_is_an_error_not_a_silent_overwrite(tmp_path):
    dup = "dataset: toy\nlabels:\n  nv: nevus\n  nv: tinea-pedis\n"
    problems = validate_ontology(make(tmp_path, mapping=dup))
    assert len(problems) == 1 and problems[0].startswith("ontology file ") and "duplicate key 'nv'" in problems[0]


def test_common_word_list_is_read_from_the_folder():
    words = common_words(ONTO)
    assert {"mole", "patch", "scale", "plaque", "spot", "bump", "rash"} <= words
    assert "melanoma" not in words


def test_loader_refuses_what_validate_reports(tmp_path):
    with pytest.raises(UserError, match=r"ontology: cycle through"):
        load_ontology(make(tmp_path, GOOD.replace("parent: inflammatory}", "parent: fungal}")))


def test_cli_validate_ok_and_failing(tmp_path):
    ok = cli("ontology", "validate")
    assert ok.returncode == 0, ok.stderr
    n = len(load_ontology().conditions) - 1
    assert ok.stdout.strip() == f"OK {ONTO}: {n} conditions, {len(load_ontology().concepts)} concepts, " \
                                f"{len(load_ontology().body_sites)} body sites"
    d = make(tmp_path, GOOD + "- {id: deep, name: deep tinea pedis, parent: tinea-pedis}\n")
    bad = cli("ontology", "validate", "--dir", d)
    assert bad.returncode == 1
    assert bad.stdout.splitlines() == ["FAIL condition deep: leaf at level 5; at most 4 levels below the root",
                                       "1 problem(s)"]
    missing = cli("ontology", "validate", "--dir", tmp_path / "nowhere")
    assert missing.returncode == 2 and missing.stderr.strip() == f"error: ontology folder not found: {tmp_path / 'nowhere'}"


def test_schema_is_a_valid_draft_2020_12_schema_and_checks_every_file():
    import json

    import jsonschema
    import yaml

    schema = json.loads((ONTO / "schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    nodes = jsonschema.Draft202012Validator({**schema, "$ref": "#/$defs/node_file"})
    maps = jsonschema.Draft202012Validator({**schema, "$ref": "#/$defs/mapping_file"})
    files = sorted((ONTO / "conditions").glob("*.yaml")) + [ONTO / "concepts.yaml", ONTO / "body_sites.yaml"]
    assert len(files) >= 12
    for f in files:
        assert list(nodes.iter_errors(yaml.safe_load(f.read_text()))) == [], f
    for f in sorted((ONTO / "mappings").glob("*.yaml")):
        assert list(maps.iter_errors(yaml.safe_load(f.read_text()))) == [], f
    # and it does reject: a SNOMED code YAML read as a number, a mapping to a non-id
    bad = [{"id": "x", "name": "x", "parent": "root", "codes": {"SNOMEDCT": 12345678}}]
    assert [e.message for e in nodes.iter_errors(bad)] == ["12345678 is not of type 'string'"]
    assert [e.message for e in maps.iter_errors({"dataset": "d", "labels": {"a": "Not An Id"}})] == [
        "'Not An Id' does not match '^[a-z0-9]+(-[a-z0-9]+)*$'"]
