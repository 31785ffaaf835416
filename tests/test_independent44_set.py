"""The frozen forty-fourth independent evaluation set (benchmarks/tagger/independent44/) is well-formed and says
what its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only;
they never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import io
import re
import tarfile
from pathlib import Path

from frozen_set_checks import CaseTexts, CopiedUnitsContract, ExtractorRefusals, earlier_paths, real_rows, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent44"
SET = HERE / "independent44.jsonl"
EARLIER = earlier_paths(44)
SOURCE = "BSD fortune cookie files (Debian fortunes 1:1.99.1-7.3 /usr/share/games/fortunes)"
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 349, "distinct_conditions": 107, "distinct_labels": 76, "distinct_concepts": 56,
    "condition_mentions": 163, "negated": 29, "uncertain": 41, "empty_labels": 268, "real": 269,
    "styles": {"abbreviation": 3, "caption": 3, "casenote": 10, "falsefriend": 4, "figlegend": 12, "fortune": 273,
               "forum": 10, "group": 6, "hedged": 3, "inverted": 3, "lay": 3, "lecture": 10, "negation": 3,
               "scope": 3, "selfcorrection": 3},
}
CONTROL = b"Package: fortunes\nVersion: 1:1.99.1-7.3\nArchitecture: all\n"
DIR = "./usr/share/games/fortunes/"


def _tgz(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _deb(control: bytes | None, data: bytes | dict[str, bytes]) -> bytes:
    """A made-up Debian package: an `ar` archive of debian-binary, control.tar.gz (CONTROL as `./control`) and
    data.tar.gz (the files DATA, or DATA as it is when bytes)."""
    members = [("debian-binary", b"2.0\n")]
    if control is not None:
        members.append(("control.tar.gz", _tgz({"./control": control})))
    members.append(("data.tar.gz", data if isinstance(data, bytes) else _tgz(data)))
    out = b"!<arch>\n"
    for name, body in members:
        out += f"{name + '/':<16}{0:<12}{0:<6}{0:<6}{'100644':<8}{len(body):<10}`\n".encode() + body
        out += b"\n" if len(body) % 2 else b""
    return out


rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent44.extract")


class TestContract(CopiedUnitsContract, CaseTexts, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in44", 300, 8000
    BUILD = "benchmarks.tagger.independent44.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL = re.compile(re.escape(SOURCE) + r" (FORTUNE:[a-z-]+:[1-9][0-9]*)")
    REAL_SOURCES, REAL_COUNT, REAL_SHARE = (SOURCE,), 269, 0.35
    REAL_STYLES = frozenset({"fortune"})
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt"})
    UNKNOWN_KEY = ["FORTUNE:medicine:9999", "?viral-wart", "", ""]
    MALFORMED_KEY = ["FORTUNE:medicine:0", "", "", ""]
    ALTERED_KEY, ALTERED_ID = "FORTUNE:art:1", "in44-0001"
    # no earlier set's row names the fortune cookie files
    EARLIER_MARKERS = ("fortune", "games/fortunes")
    # 77 % of the texts have no label (bound 18-30 %): 260 of the 269 real cookies name no diagnosis of a person's
    # lesion (burnt-out programmers, cancer in rats, bites of food, bald jokes, proverbs about itches); no title,
    # abstract or metadata rows
    FAMILY_PROBLEMS = ["empty label share", "abstract", "metadata", "title"]
    # 32 legends, lectures and forum posts; 3 without a label; 4 forum posts negate a condition
    CASE_TEXTS = (32, 3, 4)
    EXTRACT = "benchmarks.tagger.independent44.extract"
    ABSENT = "absent.deb"
    REFUSED = {
        "hello_1.0_all.deb": _deb(b"Package: hello\nVersion: 1.0\n",
                                  {DIR + "cookie": b"Hello there, world of cookies.\n"}),
        "fortunes-nocookies.deb": _deb(CONTROL, {"./usr/share/doc/fortunes/copyright": b"BSD\n"}),
        "fortunes-nocontrol.deb": _deb(None, {DIR + "cookie": b"Hello there, world of cookies.\n"}),
        "fortunes-baddata.deb": _deb(CONTROL, b"not a tarball at all"),
        "fortunes-latin1.deb": _deb(CONTROL, {DIR + "cookie": "Caf\u00e9 au lait spots.\n".encode("latin-1")}),
        "broken.deb": b"not a Debian package",
    }


def test_the_real_part_is_the_extractors_selection_and_reads_as_the_readme_says(rows):
    real = real_rows(rows)
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real]
    assert (kinds.count("skin"), kinds.count("plain")) == (234, 35)
    by_key = {r["source"].rsplit(" ", 1)[1]: r for r in real}
    expect = {
        # a person's condition stated as fact is asserted and the label, joke or not
        "FORTUNE:medicine:60": (["viral-wart"], [], "viral-wart"),
        "FORTUNE:ethnic:39": (["thermal-burn"], [], "thermal-burn"),
        "FORTUNE:politics:508": (["animal-bite"], [], "animal-bite"),
        "FORTUNE:miscellaneous:73": (["ephelides"], ["generalized"], "ephelides"),
        # a man's bitten ear is a person's bite; the magistrate's bruised forehead beside it
        "FORTUNE:wisdom:347": (["bites-and-stings", "ecchymosis"], [], "bites-and-stings"),
        # a snake handler bitten "upon rare occasions": a habitual past bite, never the label
        "FORTUNE:people:41": (["animal-bite"], [], ""),
        # a simile and a general law name kinds, uncertain
        "FORTUNE:love:78": (["?measles"], [], ""),
        "FORTUNE:definitions:688": (["?thermal-burn"], [], ""),
        # skin peeling and blistering in the sun, no condition named
        "FORTUNE:people:13": ([], ["desquamation-concept", "bulla"], ""),
        # a rash of no kind, cancer in rats and burning out name nothing
        "FORTUNE:disclaimer:96": ([], [], ""),
        "FORTUNE:science:264": ([], [], ""),
        "FORTUNE:platitudes:267": ([], [], ""),
    }
    assert {k: (by_key[k]["conditions"], by_key[k]["concepts"], by_key[k]["disease_label"]) for k in expect} == expect
    assert sum(bool(r["conditions"]) for r in real) == 35
    assert sum(bool(r["concepts"]) for r in real) == 4
    assert sum(bool(r["disease_label"]) for r in real) == 9
    assert not any(c.startswith("!") for r in real for c in r["conditions"])


def test_the_written_case_notes_carry_status(rows):
    notes = [r for r in rows if r["style"] == "casenote"]
    assert len(notes) == 10 and all(r["disease_label"] for r in notes)
    assert sum(any(e.startswith("!") for e in r["conditions"] + r["concepts"]) for r in notes) == 5
    # the false friends name nothing; the written cookies state a person's condition
    assert [r["conditions"] for r in rows if r["style"] == "falsefriend"] == [[], [], [], []]
    assert {r["text"][:12]: r["disease_label"] for r in rows if r["source"].endswith("(written_b.txt)")
            and r["style"] == "fortune"} == {"My doctor sa": "psoriasis", "Q: What did ": "seborrheic-keratosis",
                                             "Grandpa swea": "herpes-labialis", "The lifeguar": "sunburn"}
    # each group node the issue names is one group row's label
    assert sorted(r["disease_label"] for r in rows if r["style"] == "group") == [
        "lupus-erythematosus", "photodermatoses", "purpura", "scleroderma", "vascular-malformations", "vasculitis"]


def test_the_extractor_reads_cookie_files_without_installing_anything_and_selects_by_its_rule(tmp_path):
    ex = extract()
    path = tmp_path / "fortunes_1%3a1.99.1-7.3_all.deb"
    path.write_bytes(_deb(CONTROL, {
        DIR + "beta": b"Warts and all.\n%\nMy  doctor\nsays it is  a rash.\n%\n%\n"
                      b"MY DOCTOR says it is a rash!\n%\nok\n",
        DIR + "alpha": b"The senate passed the farm bill today.\n%\nthe mosquito season starts early this year\n",
        DIR + "alpha.dat": b"\x00\x02\xff\xfe",
        DIR + "off/gamma": b"A wart in a subfolder is not read here.\n",
        "./usr/share/doc/fortunes/copyright": b"Ken Arnold burned the midnight oil.\n"}))
    pkg, digest, units = ex.read_deb(path, set())
    assert pkg == "fortunes-1:1.99.1-7.3" and re.fullmatch(r"[0-9a-f]{64}", digest)
    # files in name order; spaces folded; an empty cookie and a repeat in other case are no units; the .dat index,
    # a subfolder and files outside the folder are not read; keys count every cookie of the file
    assert list(units.items()) == [
        ("FORTUNE:alpha:1", "The senate passed the farm bill today."),
        ("FORTUNE:alpha:2", "the mosquito season starts early this year"),
        ("FORTUNE:beta:1", "Warts and all."), ("FORTUNE:beta:2", "My doctor says it is a rash."),
        ("FORTUNE:beta:5", "ok")]
    # a cookie under 4 words is no candidate
    assert [ex.kind(t) for t in units.values()] == ["plain", "skin", "", "skin", ""]
    assert ex.EVERY_PLAIN == 400
    assert list(ex.selected(units)) == ["FORTUNE:alpha:1", "FORTUNE:alpha:2", "FORTUNE:beta:2"]
    # a text an earlier set holds is skipped before counting
    assert list(ex.selected(units, {"my doctor says it is a rash"})) == ["FORTUNE:alpha:1", "FORTUNE:alpha:2"]


def test_the_copy_records_the_package_it_came_from():
    head = (HERE / "units.txt").read_text(encoding="utf-8").splitlines()[:2]
    assert head == ["# fortunes-1:1.99.1-7.3 (Debian package, ./usr/share/games/fortunes/), sha256 "
                    "41d0551dc0ff52f875a2ecef7c39da2f672ab468c37e170119f7e0245a9d63c5",
                    "# 14175 units; kept 269 by the rule in extract.py"]
