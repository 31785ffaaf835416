"""The code the tagger sets' builders share (benchmarks/tagger/set_build.py): the extractors' command and sdist
reader on small made-up archives, and the readers on small files (each set's own test rebuilds its frozen file
byte for byte through the rest)."""
from __future__ import annotations

import io
import re
import tarfile
from pathlib import Path

import pytest

from benchmarks.tagger import set_build


def _sdist(path: Path, files: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


def test_the_sdist_reader_returns_the_member_and_names_another_package_or_a_missing_member(tmp_path):
    path = tmp_path / "pkg-1.2.tar.gz"
    _sdist(path, {"pkg-1.2/PKG-INFO": b"Name: pkg\nVersion: 1.2\n", "pkg-1.2/data/rows.jsonl": b"one\ntwo\n"})
    name, digest, text = set_build.sdist_member(path, "pkg", "pkg-1.2/data/rows.jsonl")
    assert (name, text) == ("pkg-1.2", "one\ntwo\n") and re.fullmatch(r"[0-9a-f]{64}", digest)
    with pytest.raises(ValueError, match="^not the other sdist: pkg-1.2.tar.gz$"):
        set_build.sdist_member(path, "other", "pkg-1.2/data/rows.jsonl")
    with pytest.raises(ValueError, match="^no pkg-1.2/data/absent.jsonl in pkg-1.2.tar.gz$"):
        set_build.sdist_member(path, "pkg", "pkg-1.2/data/absent.jsonl")


def test_the_extract_command_writes_the_kept_units_with_the_sdist_named_or_refuses_in_one_line(tmp_path, capsys):
    here = tmp_path / "a" / "b" / "set"
    here.mkdir(parents=True)
    sdist = tmp_path / "pkg.tar.gz"
    sdist.write_bytes(b"read by the stub")
    calls = []

    def read_sdist(path, seen):
        return "pkg-1.2", "ab" * 32, {"K:1": "an itchy rash", "K:2": "a bicycle", "K:3": "a mole"}

    def selected(units, taken):
        calls.append(taken)
        return {k: t for k, t in units.items() if k != "K:2"}
    kw = dict(usage="python -m x PKG.tar.gz", here=here, read_sdist=read_sdist, selected=selected,
              kind=lambda t: "skin" if "rash" in t else "plain", taken_texts=lambda root: {str(root)})
    assert set_build.extract_main([str(sdist)], **kw) == 0
    assert calls == [{str(tmp_path)}]  # the repository: three folders above the set's
    assert (here / "units.txt").read_text(encoding="utf-8") == (
        f"# pkg-1.2 (PyPI sdist), sha256 {'ab' * 32}\n# 3 units; kept 2 by the rule in extract.py\n"
        "K:1\tan itchy rash\nK:3\ta mole\n")
    assert capsys.readouterr().out == "kept 2 of 3 units: 1 skin\n"
    assert set_build.extract_main([str(tmp_path / "absent.tar.gz")], **kw) == 2
    assert capsys.readouterr().err == "usage: python -m x PKG.tar.gz\n"

    def broken(path, seen):
        raise tarfile.ReadError("not a gzip file\nat all")
    assert set_build.extract_main([str(sdist)], **(kw | {"read_sdist": broken})) == 2
    assert capsys.readouterr().err == f"cannot read {sdist}: not a gzip file at all\n"


def test_the_readers_skip_comments_and_blank_lines_and_refuse_a_bad_copied_unit(tmp_path):
    (tmp_path / "w.txt").write_text("# style || text\n\nlay || An itchy rash || eczema, ?scabies || || eczema\n",
                                    encoding="utf-8")
    assert list(set_build.read_lines(tmp_path / "w.txt")) == [["lay", "An itchy rash", "eczema, ?scabies", "",
                                                               "eczema"]]
    assert set_build.split_cell(" eczema, ,?scabies ") == ["eczema", "?scabies"]
    key = re.compile(r"K:[0-9]+")
    (tmp_path / "units.txt").write_text("# the copy\nK:1\tone text\nK:2\tanother\n", encoding="utf-8")
    assert set_build.read_units(tmp_path / "units.txt", key) == {"K:1": "one text", "K:2": "another"}
    (tmp_path / "units.txt").write_text("K:1\tone text\nK:1\tagain\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="bad copied unit"):
        set_build.read_units(tmp_path / "units.txt", key)


def test_the_skin_or_plain_selection_keeps_skin_units_and_every_nth_plain_one_reading_the_module_names():
    ns = {"SKIN": re.compile(r"\brash\b"), "EVERY_PLAIN": 2, "PACKAGE": "p", "READ": "p-1/r.jsonl"}
    candidate, kind, selected, _ = set_build.skin_or_plain(ns)
    ns["kind"] = kind
    units = {"K:1": "An itchy rash on both arms today.", "K:2": "Write a poem about the sea please.",
             "K:3": "Sort this list of numbers quickly.", "K:4": "Explain the tides to a child now.",
             "K:5": "ok", "K:6": "A new rash after the antibiotic course.", "K:7": "Plan a trip to the lakes soon."}
    assert [candidate(t) for t in units.values()] == [True, True, True, True, False, True, True]
    assert [kind(t) for t in units.values()] == ["skin", "plain", "plain", "plain", "", "skin", "plain"]
    # a taken text is skipped before the plain ones are counted: K:2 goes, so K:3 and K:7 are the 1st and 3rd plain
    taken = {set_build.normalise(units["K:2"])}
    assert list(selected(units, taken)) == ["K:1", "K:3", "K:6", "K:7"]
    assert list(selected(units)) == ["K:1", "K:2", "K:4", "K:6"]
    ns["SKIN"] = re.compile(r"\bsea\b")   # read when it runs: the module's word list decides
    assert kind(units["K:2"]) == "skin" and kind(units["K:1"]) == "plain"
