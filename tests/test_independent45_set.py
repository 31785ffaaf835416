"""The frozen forty-fifth independent evaluation set (benchmarks/tagger/independent45/) is well-formed and says
what its README says. These tests read the set file, its copied source units, the ontology and the earlier sets only;
they never run a tagger (the set is held out: it is scored once, by the coordinator, after a tuning round)."""
from __future__ import annotations

import importlib
import io
import json
import re
import tarfile
from pathlib import Path

from frozen_set_checks import CaseTexts, CopiedUnitsContract, ExtractorRefusals, earlier_paths, real_rows, set_fixtures

ROOT = Path(__file__).resolve().parents[1]
HERE = ROOT / "benchmarks/tagger/independent45"
SET = HERE / "independent45.jsonl"
EARLIER = earlier_paths(45)
SOURCE = ("Cataclysm: Dark Days Ahead game text (Debian cataclysm-dda-data 0.F-3-9 "
          "usr/share/games/cataclysm-dda/json)")
# The figures README.md states ("Counts"); a change to the set must change both.
README_FIGURES = {
    "texts": 330, "distinct_conditions": 125, "distinct_labels": 75, "distinct_concepts": 73,
    "condition_mentions": 220, "negated": 45, "uncertain": 55, "empty_labels": 227, "real": 247,
    "styles": {"abbreviation": 3, "caption": 3, "casenote": 10, "differential": 2, "falsefriend": 4, "figlegend": 13,
               "forum": 10, "gametext": 251, "group": 6, "hedged": 3, "inverted": 3, "lay": 3, "lecture": 10,
               "negation": 3, "scope": 3, "selfcorrection": 3},
}
GAME = "./usr/share/games/cataclysm-dda/"
CONTROL = b"Package: cataclysm-dda-data\nVersion: 0.F-3-9\nArchitecture: all\n"

rows, earlier, onto = set_fixtures(SET, EARLIER)


def extract():
    return importlib.import_module("benchmarks.tagger.independent45.extract")


def _txz(files: dict[str, bytes]) -> bytes:
    """An xz-compressed tarball holding FILES (name -> bytes), as a Debian package's members are."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:xz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _deb(control: bytes | None, data: dict[str, bytes] | None) -> bytes:
    """A made-up Debian package (an `ar` archive) with the given control file and data files; None leaves the
    member out."""
    members = {"debian-binary": b"2.0\n"}
    if control is not None:
        members["control.tar.xz"] = _txz({"./control": control})
    if data is not None:
        members["data.tar.xz"] = _txz(data)
    out = b"!<arch>\n"
    for name, blob in members.items():
        out += f"{name:<16}{0:<12}{0:<6}{0:<6}{'100644':<8}{len(blob):<10}`\n".encode() + blob
        out += b"\n" if len(blob) % 2 else b""
    return out


class TestContract(CopiedUnitsContract, CaseTexts, ExtractorRefusals):
    PREFIX, MIN_ROWS, MIN_EARLIER = "in45", 300, 8000
    BUILD = "benchmarks.tagger.independent45.build"
    HERE, README_FIGURES, EARLIER = HERE, README_FIGURES, EARLIER
    REAL = re.compile(re.escape(SOURCE) + r" (CDDA:json/[A-Za-z0-9_./-]+\.json:[1-9][0-9]*)")
    REAL_SOURCES, REAL_COUNT, REAL_SHARE = (SOURCE,), 247, 0.35
    REAL_STYLES = frozenset({"gametext"})
    WRITTEN_FILES = frozenset({"written_a.txt", "written_b.txt"})
    UNKNOWN_KEY = ["CDDA:json/effects.json:999999", "bites-and-stings", "", ""]
    MALFORMED_KEY = ["CDDA:mods/Magiclysm/effects.json:0", "", "", ""]
    ALTERED_KEY, ALTERED_ID = "CDDA:json/effects.json:527", "in45-0011"
    # no earlier set's row names the game or its package
    EARLIER_MARKERS = ("cataclysm", "cdda")
    # 45.5 % of the mentions are negated or uncertain (bound 25-45 %) and 69 % of the texts have no label (bound
    # 18-30 %): 218 of the 247 real strings name no diagnosis of a person's lesion (burning fuel, doors and houses,
    # monsters' and animals' skins, combat moves, boiling water); no title, abstract or metadata rows
    FAMILY_PROBLEMS = ["negated or uncertain share", "empty label share", "abstract", "metadata", "title"]
    # 33 legends, lectures and forum posts; 1 without a label; 6 forum posts negate a condition
    CASE_TEXTS = (33, 1, 6)
    EXTRACT = "benchmarks.tagger.independent45.extract"
    ABSENT = "absent.deb"
    REFUSED = {
        "broken.deb": b"not a package",
        "fortunes_1.0_all.deb": _deb(b"Package: fortunes\nVersion: 1.0\n", {"./usr/share/games/fortunes/a": b"x"}),
        "no-data.deb": _deb(CONTROL, None),
        "no-json.deb": _deb(CONTROL, {GAME + "mods/Magiclysm/effects.json": b"[]"}),
        "bad-json.deb": _deb(CONTROL, {GAME + "json/effects.json": b"{not json"}),
    }


def test_the_real_part_is_the_extractors_selection_and_reads_as_the_readme_says(rows):
    real = real_rows(rows)
    ex = extract()
    kinds = [ex.kind(r["text"]) for r in real]
    assert (kinds.count("skin"), kinds.count("plain")) == (230, 17)
    by_key = {r["source"].rsplit(" ", 1)[1]: r for r in real}
    expect = {
        # the player's and the survivors' stated bites and stings are asserted and the label; a healed one is history
        "CDDA:json/effects.json:527": (["bites-and-stings"], [], "bites-and-stings"),
        "CDDA:json/effects.json:529": (["bites-and-stings"], [], ""),
        "CDDA:json/npcs/Backgrounds/evacuee_2.json:17": (["bites-and-stings"], [], "bites-and-stings"),
        # frostbite and a heat blister are the label; an itch never is
        "CDDA:json/effects.json:763": (["frostbite"], [], "frostbite"),
        "CDDA:json/effects.json:772": (["thermal-burn"], ["bulla"], "thermal-burn"),
        "CDDA:json/snippets/schizophrenia.json:91": (["pruritus"], ["generalized"], ""),
        # a survivor's "no cuts or bruises" denies both; acid rain that burnt the skin is a chemical burn
        "CDDA:json/npcs/Backgrounds/no_past_3.json:14": (["!laceration", "!ecchymosis"], [], ""),
        "CDDA:json/npcs/Backgrounds/out_of_town_2.json:3": (["chemical-burn"], [], "chemical-burn"),
        # a creature's bite in general and a caustic's hazard are uncertain; a rash with no kind names no node
        "CDDA:json/monsters/obsolete.json:162": (["?spider-bite"], [], ""),
        "CDDA:json/items/chemicals_and_resources.json:68": (["?chemical-burn"], [], ""),
        "CDDA:json/speech.json:839": ([], [], ""),
        # an animal's scars, a rifle named SCAR and burning fuel name nothing
        "CDDA:json/monsters/zed-animal.json:146": ([], [], ""),
        "CDDA:json/items/magazine/308.json:114": ([], [], ""),
        "CDDA:json/vehicleparts/combustion.json:13": ([], [], ""),
    }
    assert {k: (by_key[k]["conditions"], by_key[k]["concepts"], by_key[k]["disease_label"]) for k in expect} == expect
    assert sum(bool(r["conditions"]) for r in real) == 63
    assert sum(bool(r["concepts"]) for r in real) == 10
    assert sum(bool(r["disease_label"]) for r in real) == 29
    assert sum(c.startswith("!") for r in real for c in r["conditions"]) == 3


def test_the_written_case_notes_carry_status(rows):
    notes = [r for r in rows if r["style"] == "casenote"]
    assert len(notes) == 10 and all(r["disease_label"] for r in notes)
    assert sum(any(e.startswith("!") for e in r["conditions"] + r["concepts"]) for r in notes) == 10
    # the false friends name nothing; the written game lines keep the real part's readings
    assert [r["conditions"] for r in rows if r["style"] == "falsefriend"] == [[], [], [], []]
    assert {r["text"][:12]: r["disease_label"] for r in rows if r["source"].endswith("(written_b.txt)")
            and r["style"] == "gametext"} == {"Your sunburn": "sunburn", "The survivor": "cutaneous-scar",
                                              "You have a m": "toxicodendron-dermatitis", "Your frostbi": ""}


def test_the_extractor_reads_the_games_json_strings_from_the_package_and_selects_by_its_rule(tmp_path):
    ex = extract()
    path = tmp_path / "cataclysm-dda-data_0.F-3-9_all.deb"
    path.write_bytes(_deb(CONTROL, {
        GAME + "json/effects.json": json.dumps([
            {"id": "bite", "name": ["Bitten"], "desc": ["You have a  nasty bite wound.", "Recovered from a bite."]},
            {"id": "x", "desc": "YOU HAVE A NASTY BITE WOUND", "msg": "A standard wooden door in the wall."}]).encode(),
        GAME + "json/a/speech.json": json.dumps({"text": "\"I got this weird rash a few days ago.\"",
                                                  "n": 3, "more": ["", "The acid rain burns!"]}).encode(),
        GAME + "mods/Magiclysm/effects.json": json.dumps(["Your skin feels extremely itchy today!"]).encode(),
        GAME + "help/texts.json": json.dumps(["Boil water before you drink it."]).encode()}))
    pkg, digest, units = ex.read_deb(path, set())
    assert pkg == "cataclysm-dda-data-0.F-3-9" and re.fullmatch(r"[0-9a-f]{64}", digest)
    # files in path order, strings in the file's order (numbers and keys are no strings), spaces folded, a repeat in
    # other case and an empty string skipped, the mods and help files unread; keys count every string of the file
    assert list(units.items()) == [
        ("CDDA:json/a/speech.json:1", "\"I got this weird rash a few days ago.\""),
        ("CDDA:json/a/speech.json:3", "The acid rain burns!"),
        ("CDDA:json/effects.json:1", "bite"), ("CDDA:json/effects.json:2", "Bitten"),
        ("CDDA:json/effects.json:3", "You have a nasty bite wound."),
        ("CDDA:json/effects.json:4", "Recovered from a bite."), ("CDDA:json/effects.json:5", "x"),
        ("CDDA:json/effects.json:7", "A standard wooden door in the wall.")]
    assert [ex.kind(t) for t in units.values()] == ["skin", "skin", "", "", "skin", "skin", "", "plain"]
    assert ex.EVERY_PLAIN == 1500
    assert list(ex.selected(units)) == ["CDDA:json/a/speech.json:1", "CDDA:json/a/speech.json:3",
                                        "CDDA:json/effects.json:3", "CDDA:json/effects.json:4",
                                        "CDDA:json/effects.json:7"]
    # a text an earlier set holds is skipped before counting
    assert list(ex.selected(units, {"recovered from a bite"})) == [
        "CDDA:json/a/speech.json:1", "CDDA:json/a/speech.json:3", "CDDA:json/effects.json:3",
        "CDDA:json/effects.json:7"]


def test_the_copy_records_the_package_it_came_from():
    head = (HERE / "units.txt").read_text(encoding="utf-8").splitlines()[:2]
    assert head == ["# cataclysm-dda-data-0.F-3-9 (Debian package), sha256 "
                    "cd0c097169fe364fdb6bcdab77663d24920a063387ce2fbf1b5d3be01c141105",
                    "# 86776 units; kept 247 by the rule in extract.py"]
