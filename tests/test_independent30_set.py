"""The frozen thirtieth independent evaluation set (benchmarks/tagger/independent30/) is well-formed and says
what its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only;
they never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

from frozen_set_checks import CopiedUnitsContract, ExtractorRefusals, earlier_paths, real_rows, set_fixtures, write_tar

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent30"
SET = HERE / "independent30.jsonl"
EARLIER = earlier_paths(30)
PKG_SOURCE = "PLOS article text (PyPI sdist allofplos 1.0.0rc3 starter corpus; CC BY / CC0)"
REAL = re.compile(re.escape(PKG_SOURCE) + r" (PLOS:journal\.[a-z]+\.[0-9]+\.xml:(title|abstract|caption|body)\.[0-9]+)")
STYLE = {"title": "title", "abstract": "abstract", "caption": "figcaption", "body": "article"}
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 311, "distinct_conditions": 101, "distinct_labels": 74, "distinct_concepts": 54, "condition_mentions": 192, "negated": 9, "uncertain": 69, "empty_labels": 209, "real": 208,
    "styles": {"abbreviation": 2, "abstract": 11, "adverse": 2, "article": 169, "caption": 2, "differential": 1, "eligibility": 2, "falsefriend": 4, "familyhistory": 1, "figcaption": 26, "forum": 4, "general": 1, "group": 7, "hedged": 2, "histopath": 2, "inverted": 4, "lay": 3, "lecture": 3, "legend": 1, "mole": 2, "negation": 2, "nonderm": 2, "referral": 2, "research": 5, "resolved": 1, "scope": 2, "selfcorrection": 2, "sitecaption": 1, "speech": 2, "studytitle": 2, "subtype": 2, "symptom": 2, "teachcase": 34, "title": 2, "trial": 1},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent30.extract")


class TestContract(CopiedUnitsContract, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in30", 300, 8000
    BUILD = "benchmarks.tagger.independent30.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE = REAL, (PKG_SOURCE,), 208, 0.33
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt"})
    # none of the earlier sets' rows may name this set's package
    EARLIER_MARKERS = ("allofplos", "plos:journal", "starter corpus")
    # the real part is 67 % (208 of 311): research articles, most of which name no skin finding, so 184 of the 208
    # real texts have no label, which lifts the empty-label share to 67 %; there are no dataset metadata rows
    FAMILY_PROBLEMS = ["empty label share", "metadata"]
    UNKNOWN_KEY = ["PLOS:journal.pone.0000001.xml:body.1", "urticaria", "", "urticaria"]
    MALFORMED_KEY = ["OPENMED:src/open_medicine/mcp/differentials/data/rash.json.1", "", "", ""]
    ALTERED_ID = "in30-0001"
    EXTRACT = "benchmarks.tagger.independent30.extract"
    REFUSED = {"left-pad-1.0.tar.gz": ({"README.md": b"nothing"}, "left-pad-1.0")}

    def real_style(self, row: dict) -> str:
        return STYLE[REAL.fullmatch(row["source"]).group(2)]


def test_the_real_part_is_every_skin_unit_of_the_skin_article_and_a_share_of_the_others(rows):
    ex = extract()
    real = real_rows(rows)
    kinds = [ex.kind(r["text"]) for r in real]
    assert (kinds.count("skin"), kinds.count("plain")) == (130, 78)
    # the one article whose title holds a skin word (a leprosy trial) gives every one of its skin candidates
    leprosy = [r for r in real if "journal.pntd.0001041.xml:" in r["source"]]
    assert len(leprosy) == 51 and sum(ex.kind(r["text"]) == "skin" for r in leprosy) == 50
    assert ex.SKIN.search(leprosy[0]["text"]) and leprosy[0]["style"] == "title"
    assert {r["style"] for r in real} == {"title", "abstract", "figcaption", "article"}


def test_the_real_part_names_something_in_50_texts_and_labels_24(rows):
    real = real_rows(rows)
    assert sum(bool(r["conditions"] or r["concepts"]) for r in real) == 50
    assert sum(bool(r["disease_label"]) for r in real) == 24
    assert sum(any(c[0] in "!?" for c in r["conditions"]) for r in real) == 24
    by_text = {r["text"]: r for r in real}
    case = by_text["Two patients in the Rituximab group (both responders) had a slight to moderate worsening of "
                   "pre-existing psoriasis, which could be a direct side-effect from the intervention."]
    assert (case["conditions"], case["disease_label"]) == (["psoriasis"], "psoriasis")
    general = by_text["T1Rs predominantly affect borderline leprosy[4]."]
    assert (general["conditions"], general["disease_label"]) == (["?leprosy"], "")
    legend = by_text["Primary melanaoma samples (annotated in green) and benign nevi (in yellow) show higher "
                     "expression values."]
    assert (legend["conditions"], legend["concepts"], legend["disease_label"]) == (
        ["melanoma", "melanocytic-nevus"], [], "melanoma")
    # bee hives, a goat's skin, mouse ear lesions, peptic ulceration and a head and neck carcinoma name nothing
    for text in ("The famotidine was used to reduce the risk of peptic ulceration.",
                 "head and neck squamous cell carcinoma",
                 "Histological analysis of goat skin"):
        assert (by_text[text]["conditions"], by_text[text]["concepts"], by_text[text]["disease_label"]) == ([], [], "")


def test_at_least_thirty_written_texts_put_teaching_beside_a_case(rows):
    pairs = [r for r in rows if r["style"] == "teachcase"]
    assert len(pairs) == 34
    # the general part's condition is uncertain; where the case names no diagnosis there is no label
    assert sum(any(c.startswith("?") for c in r["conditions"]) for r in pairs) == 18
    assert sum(not r["disease_label"] for r in pairs) == 5


CC_BY = ('<permissions><license xlink:href="http://creativecommons.org/licenses/by/4.0/"><license-p>Open access '
         'article.</license-p></license></permissions>')


def _article(title: str, licence: str, body: str) -> bytes:
    return (f'<article><front><article-meta><title-group><article-title>{title}</article-title></title-group>'
            f'{licence}<abstract><p>Patients with eczema were seen. Rates fell &amp; rose.</p></abstract>'
            f'</article-meta></front><body>{body}</body>'
            f'<back><ref-list><ref><article-title>Scabies in the skin of many patients</article-title></ref>'
            f'</ref-list></back></article>').encode()


def test_the_extractor_reads_open_articles_by_part_and_selects_by_its_rule(tmp_path):
    ex = extract()
    files = {
        "allofplos/starter_corpus/journal.pone.0000002.xml": _article(
            "Wound healing in a cohort", CC_BY,
            "<sec><title>Results of the cohort</title><p>Two patients had <italic>new</italic> skin ulcers on the "
            "feet. The trial had no other problems at all!</p><fig><caption><p>Figure 1. Red plaques on the arm "
            "of a patient.</p></caption></fig></sec>"),
        "allofplos/starter_corpus/journal.pone.0000001.xml": _article(
            "Bees in the orchard", CC_BY, "<p>The hives were opened every week of the year. Fine.</p>"),
        "allofplos/starter_corpus/journal.pone.0000003.xml": _article(
            "Closed article on acne", "<permissions><license><license-p>All rights reserved."
            "</license-p></license></permissions>", "<p>Acne lesions of the face were counted daily.</p>"),
        "allofplos/article.py": b"# the patient has eczema and a rash on the hands\n",
    }
    path = tmp_path / "allofplos-9.9.tar.gz"
    write_tar(path, files, "allofplos-9.9")
    pkg, digest, units, skin_article = ex.read_sdist(path, set())
    assert pkg == "allofplos-9.9" and re.fullmatch(r"[0-9a-f]{64}", digest)
    one, two = "PLOS:journal.pone.0000001.xml", "PLOS:journal.pone.0000002.xml"
    assert units == {
        f"{one}:title.1": "Bees in the orchard",
        f"{one}:abstract.2": "Patients with eczema were seen.", f"{one}:abstract.3": "Rates fell & rose.",
        f"{one}:body.4": "The hives were opened every week of the year.", f"{one}:body.5": "Fine.",
        f"{two}:title.1": "Wound healing in a cohort",
        f"{two}:body.4": "Results of the cohort",
        f"{two}:body.5": "Two patients had new skin ulcers on the feet.",
        f"{two}:body.6": "The trial had no other problems at all!",
        f"{two}:caption.7": "Figure 1.", f"{two}:caption.8": "Red plaques on the arm of a patient."}
    # the closed article is not read, nor the reference list, the code, or a piece an earlier article gave
    assert skin_article == {k for k in units if k.startswith(two)}
    assert [ex.kind(t) for t in units.values()] == ["", "skin", "", "skin", "", "skin", "", "skin", "plain", "",
                                                    "plain"]
    # every skin candidate of a skin article, every fourth of the others, every 400th plain one (each from the first)
    assert set(ex.selected(units, skin_article)) == {f"{two}:title.1", f"{two}:body.5", f"{one}:abstract.2",
                                                     f"{two}:body.6"}
    # a text an earlier set holds is skipped before counting
    assert set(ex.selected(units, skin_article, {"patients with eczema were seen"})) == {
        f"{two}:title.1", f"{two}:body.5", f"{one}:body.4", f"{two}:body.6"}
