"""The frozen twenty-fifth independent evaluation set (benchmarks/tagger/independent25/) is well-formed and says what
its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only; they
never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import re
import struct
import zlib
from pathlib import Path

from frozen_set_checks import CopiedUnitsContract, earlier_paths, real_rows, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent25"
SET = HERE / "independent25.jsonl"
EARLIER = earlier_paths(25)
WEB_SOURCE = "World English Bible verse (Debian sword-text-web 426.0-1, SWORD module engWEB2015eb)"
REAL = re.compile(re.escape(WEB_SOURCE) + r" (WEB:(?:OT|NT)\.[0-9]{5})")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 316, "distinct_conditions": 153, "distinct_labels": 115, "distinct_concepts": 69,
    "condition_mentions": 309, "negated": 41, "uncertain": 106, "empty_labels": 145, "real": 130,
    "styles": {"abbreviation": 10, "caption": 12, "falsefriend": 6, "forum": 14, "general": 5, "group": 12,
               "hedged": 8, "helpline": 4, "histopath": 12, "inverted": 10, "lay": 10, "lecture": 10, "mole": 5,
               "negation": 10, "nonderm": 3, "referral": 12, "scope": 10, "selfcorrection": 6, "speech": 6,
               "studytitle": 6, "subtype": 6, "symptom": 3, "trial": 6, "verse": 130},
}

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent25.extract")


def real_key(row: dict) -> str:
    return REAL.fullmatch(row["source"]).group(1)


class TestContract(CopiedUnitsContract):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in25", 300, 8000
    BUILD = "benchmarks.tagger.independent25.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL, REAL_SOURCES, REAL_COUNT, REAL_SHARE = REAL, (WEB_SOURCE,), 130, 0.33
    REAL_STYLES = frozenset({"verse"})
    # none of the earlier sets' rows may name this set's source
    EARLIER_MARKERS = ("bible", "sword-text", "engweb", "ebible", "leviticus")
    # the real part is 41 % (130 of 316) and is verses, so there are no abstract, metadata or title rows; 79 of the
    # 130 verses name nothing and most name no diagnosis, which lifts the empty-label share to 46 %, and the
    # conditional law of Leviticus 13 and the hedged written texts lift negated or uncertain mentions to 48 %
    FAMILY_PROBLEMS = ["negated or uncertain share", "empty label share", "abstract", "metadata", "title"]
    UNKNOWN_KEY = ["WEB:OT.99999", "leprosy", "", "leprosy"]
    MALFORMED_KEY = ["WEB:3162", "", "", ""]
    ALTERED_KEY = "WEB:OT.00076"
    ALTERED_ID = "in25-0002"


def test_the_real_part_is_skin_verses_and_a_sample_of_plain_ones(rows):
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real_rows(rows)]
    assert (kinds.count("skin"), kinds.count("plain")) == (122, 8)
    keys = {real_key(r) for r in real_rows(rows)}
    assert {"WEB:OT.03162", "WEB:OT.04204", "WEB:NT.02560", "WEB:OT.21920"} <= keys


def test_the_real_part_names_nothing_in_79_verses_and_labels_leprosy_only_in_narrative(rows):
    real = real_rows(rows)
    empty = [real_key(r) for r in real if not r["conditions"] and not r["concepts"]]
    assert len(empty) == 79
    # boiling meat, a rash vow, a bruised reed, mildew in a garment: false friends that name nothing
    assert {"WEB:OT.21920", "WEB:OT.04809", "WEB:OT.19229", "WEB:OT.03211"} <= set(empty)
    assert sum(not r["disease_label"] for r in real) == 112
    # the law's conditional verdicts ("if ... it is leprosy") are uncertain; a named person's leprosy is the label
    by_key = {real_key(r): r for r in real}
    assert by_key["WEB:OT.03168"]["conditions"] == ["?leprosy"] and by_key["WEB:OT.03168"]["disease_label"] == ""
    assert by_key["WEB:OT.04204"]["disease_label"] == "leprosy"
    assert sum(r["disease_label"] == "leprosy" for r in real) == 13


def _module(verses: list[bytes]) -> tuple[bytes, bytes, bytes]:
    """A two-block zText testament holding `verses` (one empty entry first, as a heading would be)."""
    half = (len(verses) + 1) // 2
    bzs, bzv, bzz = b"", struct.pack("<IIH", 0, 0, 0), b""
    for block, part in enumerate((verses[:half], verses[half:])):
        raw, offset = b"", 0
        for v in part:
            bzv += struct.pack("<IIH", block, offset, len(v))
            raw += v
            offset += len(v)
        packed = zlib.compress(raw)
        bzs += struct.pack("<III", len(bzz), len(packed), len(raw))
        bzz += packed
    return bzs, bzv, bzz


def test_the_extractor_reads_a_ztext_module_and_selects_by_its_rule(tmp_path):
    ex = extract()
    verses = [b'<w lemma="strong:H1">He</w> had a <w>boil</w> on his <note type="x">Or, ulcer</note>skin today.',
              "Boil the meat in the pot &amp; eat it.".encode(), b"Too short.",
              "A bright spot, reddish\u2011white, came up on the arm.".encode(),
              b"The cattle were sold at the market on the second day.",
              b"His sores were bandaged with oil and wine by the road."]
    for name, data in zip(("bzs", "bzv", "bzz"), _module(verses)):
        (tmp_path / f"ot.{name}").write_bytes(data)
    for name, data in zip(("bzs", "bzv", "bzz"), _module([b"Nothing of that kind is in this verse at all."])):
        (tmp_path / f"nt.{name}").write_bytes(data)
    digest, units = ex.read_module(tmp_path)
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert units == {"WEB:OT.00001": "He had a boil on his skin today.", "WEB:OT.00002": "Boil the meat in the pot & eat it.",
                     "WEB:OT.00003": "Too short.", "WEB:OT.00004": "A bright spot, reddish\u2011white, came up on the arm.",
                     "WEB:OT.00005": "The cattle were sold at the market on the second day.",
                     "WEB:OT.00006": "His sores were bandaged with oil and wine by the road.",
                     "WEB:NT.00001": "Nothing of that kind is in this verse at all."}
    assert [ex.kind(t) for t in units.values()] == ["skin", "skin", "", "skin", "plain", "skin", "plain"]
    # skin verses in order: OT 1, 2, 4, 6 -> every second from the first: OT 1 and 4; plain: every 5,000th from
    # the first -> OT 5 only
    assert ex.selected(units) == {"WEB:OT.00001": "He had a boil on his skin today.",
                                  "WEB:OT.00004": "A bright spot, reddish\u2011white, came up on the arm.",
                                  "WEB:OT.00005": "The cattle were sold at the market on the second day."}
