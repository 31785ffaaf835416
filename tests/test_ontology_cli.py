"""`derm1m-build ontology stats | show | lookup`, run as a user would."""

from __future__ import annotations

import json

from conftest import cli

from derm1m_build.ontology import load_ontology
from derm1m_build.ontology.report import stats


def test_stats_json_is_the_report_and_text_names_every_branch():
    p = cli("ontology", "stats", "--json", check=True)
    s = json.loads(p.stdout)
    assert s == stats(load_ontology())
    # four category levels; level 5 holds only subtypes of a level-4 diagnosis (melanoma in situ under melanoma)
    assert s["max_level"] == 5 and s["per_level"]["5"] <= s["subtypes"] and s["leaves"] >= 390 and s["concepts"] >= 130
    assert sum(b["nodes"] for b in s["per_branch"].values()) == s["conditions"]
    assert sum(s["per_level"].values()) == s["conditions"]
    assert s["per_level"]["1"] == len(s["per_branch"])
    text = cli("ontology", "stats", check=True).stdout.splitlines()
    assert text[0] == (f"conditions {s['conditions']} ({s['leaves']} leaves), levels 1-5: "
                       + ", ".join(f"L{k}={v}" for k, v in s["per_level"].items())
                       + f" ({s['subtypes']} subtypes of a diagnosis)")
    assert f"  inflammatory: {s['per_branch']['inflammatory']['nodes']} nodes, " \
           f"{s['per_branch']['inflammatory']['leaves']} leaves" in text


def test_show_by_synonym_prints_path_and_synonyms():
    p = cli("ontology", "show", "jock itch", check=True)
    lines = p.stdout.splitlines()
    assert lines[0].split() == ["id", "tinea-cruris"]
    assert "path      inflammatory > infectious > fungal infections > tinea cruris" in lines
    assert any(ln.startswith("synonyms") and "jock itch; ringworm of the groin" in ln for ln in lines)


def test_show_shared_abbreviation_lists_both_nodes_and_unknown_name_suggests():
    both = json.loads(cli("ontology", "show", "PG", "--json", check=True).stdout)
    assert [d["id"] for d in both] == ["pyoderma-gangrenosum", "pyogenic-granuloma"]
    assert both[1]["path"] == ["proliferations", "benign", "benign vascular lesions", "pyogenic granuloma"]
    bad = cli("ontology", "show", "psoriasiss")
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: no ontology node is called 'psoriasiss'; did you mean: psoriasis")
    assert "Traceback" not in bad.stderr


def test_lookup_finds_terms_in_a_phrase_and_flags_context():
    p = cli("ontology", "lookup", "Razor bumps on the neck; an old mole and a BCC", "--json", check=True)
    got = [(m["matched"], m["id"], m["needs_context"]) for m in json.loads(p.stdout)["matches"]]
    assert got == [("razor bumps", "pseudofolliculitis-barbae", False), ("neck", "neck", False),
                   ("mole", "melanocytic-nevus", True), ("BCC", "basal-cell-carcinoma", True)]
    whole = json.loads(cli("ontology", "lookup", "Athlete’s-foot", "--json", check=True).stdout)
    assert [m["id"] for m in whole["matches"]] == ["tinea-pedis"]


def test_lookup_with_no_match_exits_1():
    p = cli("ontology", "lookup", "quarterly revenue")
    assert p.returncode == 1
    assert p.stdout.startswith("no node named in 'quarterly revenue'")
