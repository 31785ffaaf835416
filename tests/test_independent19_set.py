"""The frozen nineteenth independent evaluation set (benchmarks/tagger/independent19/) is well-formed and says what
its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only; they
never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import re
from pathlib import Path

from frozen_set_checks import CopiedUnitsContract, FewEmptyRealTexts, earlier_paths, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent19"
SET = HERE / "independent19.jsonl"
EARLIER = earlier_paths(19)
ICPC_SOURCE = "ICPC-2 rubric (Debian gnumed-server 22.19-1, /var/lib/gnumed/server/sql/v15-ref-icpc2-data.sql)"
ICPC_REAL = re.compile(re.escape(ICPC_SOURCE) + r" rubric field ([A-Z][0-9]{2}):(description|crit|incl|excl|cons|note)")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 345, "distinct_conditions": 228, "distinct_labels": 171, "distinct_concepts": 85,
    "condition_mentions": 460, "negated": 46, "uncertain": 79, "empty_labels": 92, "real": 155,
    "styles": {"abbreviation": 12, "caption": 15, "falsefriend": 11, "forum": 15, "group": 12, "hedged": 8,
               "histopath": 14, "icpc": 155, "inverted": 15, "lay": 11, "lecture": 15, "negation": 14, "nonderm": 4,
               "referral": 13, "scope": 12, "selfcorrection": 7, "studytitle": 7, "symptom": 5},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


class TestContract(CopiedUnitsContract, FewEmptyRealTexts):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in19", 300, 8000
    BUILD = "benchmarks.tagger.independent19.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE, REAL_FIRST = ICPC_REAL, (ICPC_SOURCE,), 155, 0.35, False
    REAL_STYLES = frozenset({"icpc"})
    # none of the earlier sets' rows may name this set's source
    EARLIER_MARKERS = ("ICPC", "icpc", "gnumed", "GNUmed", "WONCA")
    # there are no abstract, metadata or title styles: the real part is ICPC-2 rubric fields (style icpc) and the
    # written "X in patients with Y" titles are studytitle (README)
    FAMILY_PROBLEMS = ["abstract", "metadata", "title"]
    UNITS, UNITS_FILE, UNITS_REFUSAL = "icpc_units", "real_icpc.txt", "not in the copied ICPC-2 units"
    UNKNOWN_KEY = ["S25:incl", "vitiligo", "", "vitiligo"]
    MALFORMED_KEY = ["S70:criteria", "", "", ""]
    ALTERED_KEY = "S70:crit"
    ALTERED_TEXT = "grouped vescicular eruptions, unilateral distribution, over area of a single dermatome (altered)"
    EMPTY_REAL = 11

    def real_key(self, row: dict) -> str:
        return ":".join(ICPC_REAL.fullmatch(row["source"]).groups())


def test_the_extractor_reads_sql_values_with_quotes_and_nulls():
    ex = importlib.import_module("benchmarks.tagger.independent19.extract_icpc")
    line = ("INSERT INTO staging.icpc (COMPONENT, DESCRIPTION, SHORT, ICD_10, CRIT, INCL, EXCL, CONS, NOTE, icpc, CODE) "
            "VALUES (1,'SKIN COLOUR CHANGE',NULL,'R23',NULL,'''circles under eyes'', pallor',NULL,NULL,NULL,1,'S08');")
    assert ex.all_units(line) == {"S08:description": "SKIN COLOUR CHANGE",
                                  "S08:incl": "'circles under eyes', pallor"}
    assert ex.candidates(line) == ex.all_units(line)  # component S: every field is a candidate
