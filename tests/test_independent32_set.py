"""The frozen thirty-second independent evaluation set (benchmarks/tagger/independent32/) is well-formed and says
what its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only;
they never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import json
import re
from pathlib import Path

from frozen_set_checks import (CaseTexts, CopiedUnitsContract, ExtractorRefusals, earlier_paths, real_rows,
                               set_fixtures, write_tar)

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent32"
SET = HERE / "independent32.jsonl"
EARLIER = earlier_paths(32)
PKG_SOURCE = ("NHS.UK design-system component fixtures (npm nhsuk-frontend 10.6.1 "
              "dist/nhsuk/components/*/fixtures.json)")
REAL = re.compile(re.escape(PKG_SOURCE) + r" (NHSUK:([a-z0-9-]+):[0-9]+\.[0-9]+)")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 309, "distinct_conditions": 98, "distinct_labels": 70, "distinct_concepts": 69,
    "condition_mentions": 152, "negated": 18, "uncertain": 53, "empty_labels": 233, "real": 212,
    "styles": {"abbreviation": 3, "adverse": 2, "caption": 2, "differential": 2, "eligibility": 2,
               "falsefriend": 3, "familyhistory": 1, "figlegend": 13, "forum": 12, "general": 1, "group": 7,
               "hedged": 3, "histopath": 2, "inverted": 3, "lay": 3, "lecture": 11, "mole": 2, "negation": 3,
               "nhspage": 212, "nonderm": 2, "referral": 2, "resolved": 2, "scope": 3, "selfcorrection": 2,
               "sitecaption": 2, "speech": 2, "studytitle": 2, "subtype": 2, "symptom": 2, "trial": 1},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent32.extract")


class TestContract(CopiedUnitsContract, CaseTexts, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in32", 300, 8000
    BUILD = "benchmarks.tagger.independent32.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE = REAL, (PKG_SOURCE,), 212, 0.33
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt"})
    REAL_STYLES = frozenset({"nhspage"})
    # none of the earlier sets' rows may name this set's package
    EARLIER_MARKERS = ("nhsuk-frontend", "nhsuk:", "nhs.uk design")
    # the real part is 69 % (212 of 309): NHS web-page content and service forms, of which 209 texts have no label,
    # which lifts the empty-label share to 75 %; patient information names conditions mostly as a reader's possible
    # ones and the written traps hedge by design, so 71 of 152 mentions (47 %) are negated or uncertain; the real
    # part has one style (`nhspage`), so there are no title, abstract or dataset metadata rows
    FAMILY_PROBLEMS = ["negated or uncertain share", "empty label share", "abstract", "metadata", "title"]
    UNKNOWN_KEY = ["NHSUK:tables:999.1", "urticaria", "", "urticaria"]
    MALFORMED_KEY = ["ACTR:Crossref_query.json:title.1", "", "", ""]
    ALTERED_ID = "in32-0001"
    # case legends, photo lectures and forum posts; those without a label; forum posts that negate
    # two legends name morphology only; a forum reply that only doubts, a question for ideas and a reply between
    # two possibilities have no label
    CASE_TEXTS = (36, 5, 4)
    EXTRACT = "benchmarks.tagger.independent32.extract"
    ABSENT = "absent.tgz"
    REFUSED = {"left-pad-1.0.tgz": ({"package/package.json": b'{"name": "left-pad", "version": "1.0.0"}'},),
               "broken.tgz": b"not a tarball"}


def test_the_real_part_is_every_skin_candidate_and_every_plain_one(rows):
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real_rows(rows)]
    assert (kinds.count("skin"), kinds.count("plain")) == (35, 177)


def test_the_real_part_names_something_in_26_texts_and_labels_3(rows):
    real = real_rows(rows)
    assert sum(bool(r["conditions"] or r["concepts"]) for r in real) == 26
    assert sum(bool(r["conditions"]) for r in real) == 16
    assert sum(any(c[0] in "!?" for c in r["conditions"]) for r in real) == 11
    assert sorted(r["disease_label"] for r in real if r["disease_label"]) == [
        "eczema", "herpes-labialis", "herpes-zoster"]
    by_text = {r["text"]: r for r in real}
    assert (by_text["Shingles, chickenpox"]["conditions"], by_text["Shingles, chickenpox"]["disease_label"]) == (
        ["herpes-zoster", "varicella"], "herpes-zoster")
    # advice to a reader names the condition as a possibility; "haven't had" negates it
    assert by_text["you're an adult and have chickenpox"]["conditions"] == ["?varicella"]
    assert by_text["you're pregnant and haven't had chickenpox before and you've been near someone with it"][
        "conditions"] == ["!varicella"]
    itchy = by_text["Itchy, dry, cracked, sore"]
    assert (itchy["conditions"], itchy["concepts"], itchy["disease_label"]) == (
        ["pruritus"], ["xerosis", "fissure"], "")
    # spots of blood in sputum, a reader's skin under the belly button and an NHS form name nothing
    for text in ("you're coughing up more than just a few spots or streaks of blood – this could be a sign of "
                 "serious bleeding in your lungs",
                 "Close-up of a person's tummy showing a number of creases in the skin under their belly button.",
                 "Do you know your NHS number?"):
        assert (by_text[text]["conditions"], by_text[text]["concepts"], by_text[text]["disease_label"]) == (
            [], [], "")


def _fixtures(component: str, fixtures: list) -> bytes:
    return json.dumps({"name": component.title(), "component": component, "fixtures": fixtures}).encode()


def test_the_extractor_reads_fixture_content_and_selects_by_its_rule(tmp_path):
    ex = extract()
    card = [
        {"name": "default", "context": {"heading": {"text": "See a GP:"}, "href": "https://www.nhs.uk/rash",
                                        "classes": "nhsuk-card--care"},
         "callBlock": "<ul>\n<li>the rash is spreading &amp; itchy</li><li>you feel unwell</li></ul>"
                      "<p>Most rashes settle. Keep the skin cool and dry.</p>",
         "html": "<div>the rash is spreading &amp; itchy, rendered copy never read</div>"},
        {"name": "repeat", "context": {"text": "The rash is spreading & itchy"}},
    ]
    table = [{"name": "default", "context": {
        "caption": {"text": "Ways to contact us about your appointment"},
        "rows": [[{"text": "Blisters on the feet"}, {"text": "Lorem ipsum dolor sit amet consectetur"}]]}}]
    files = {
        "package/package.json": json.dumps({"name": "nhsuk-frontend", "version": "9.9.9"}).encode(),
        "package/dist/nhsuk/components/card/fixtures.json": _fixtures("card", card),
        "package/dist/nhsuk/components/tables/fixtures.json": _fixtures("tables", table),
        "package/dist/nhsuk/components/tabs/fixtures.json": b"{not json",
        "package/dist/nhsuk/components/card/macro-options.json": b'{"text": "Eczema on the hands of a nurse"}',
        "package/src/nhsuk/components/card/fixtures.json": _fixtures("card", [{"context": {"text": "Acne"}}]),
    }
    path = tmp_path / "nhsuk-frontend-9.9.9.tgz"
    write_tar(path, files)
    pkg, digest, units = ex.read_tarball(path, set())
    assert pkg == "nhsuk-frontend-9.9.9" and re.fullmatch(r"[0-9a-f]{64}", digest)
    assert units == {
        "NHSUK:card:1.1": "See a GP:",
        "NHSUK:card:1.2": "the rash is spreading & itchy",
        "NHSUK:card:1.3": "you feel unwell",
        "NHSUK:card:1.4": "Most rashes settle.",
        "NHSUK:card:1.5": "Keep the skin cool and dry.",
        "NHSUK:tables:1.1": "Ways to contact us about your appointment",
        "NHSUK:tables:1.2": "Blisters on the feet",
        "NHSUK:tables:1.3": "Lorem ipsum dolor sit amet consectetur"}
    # the rendered html, a repeat, a broken file, other files and the src copy are not read; Latin filler is no
    # plain candidate, nor is a line of fewer than four words
    assert [ex.kind(t) for t in units.values()] == ["", "skin", "", "skin", "skin", "plain", "skin", ""]
    assert set(ex.selected(units)) == {"NHSUK:card:1.2", "NHSUK:card:1.4", "NHSUK:card:1.5", "NHSUK:tables:1.1",
                                       "NHSUK:tables:1.2"}
    # a text an earlier set holds is skipped before counting
    assert "NHSUK:tables:1.1" not in ex.selected(units, {"ways to contact us about your appointment"})
