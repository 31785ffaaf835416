"""Integrity checks every frozen tagger evaluation set must pass (sets 4 onwards): one copy, so a rule added to
what a well-formed set is reaches every set. Each check returns the problems it found; a test asserts `== []`, so
a failure names the rows. They read the set and the ontology only and never run a tagger."""
from __future__ import annotations

import functools
import importlib
import io
import json
import tarfile
from collections import Counter
import re
from pathlib import Path

import pytest

from benchmarks.tagger.overlap import Earlier

KEYS = {"id", "style", "source", "text", "conditions", "concepts", "disease_label"}
NODE_ENTRY = re.compile(r"[!?]?[a-z0-9-]+")


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def schema_problems(rows: list[dict], prefix: str, min_rows: int) -> list:
    """Every row has exactly the set's fields with the right types, and ids run PREFIX-0001, PREFIX-0002, ..."""
    out: list = [] if len(rows) >= min_rows else [("rows", len(rows), "fewer than", min_rows)]
    for r in rows:
        if set(r) != KEYS:
            out.append((r.get("id"), "fields", sorted(set(r) ^ KEYS)))
        elif not (isinstance(r["conditions"], list) and isinstance(r["concepts"], list)
                  and isinstance(r["text"], str) and r["text"].strip() and isinstance(r["disease_label"], str)):
            out.append((r["id"], "types"))
    ids = [r.get("id") for r in rows]
    if ids != [f"{prefix}-{k:04d}" for k in range(1, len(rows) + 1)]:
        out.append(("ids", "not sequential from", f"{prefix}-0001"))
    return out


def node_problems(rows: list[dict], onto) -> list:
    """Every condition and concept is an ontology node, optionally marked ! (negated) or ? (uncertain), listed once."""
    out = []
    for r in rows:
        for kind, nodes in (("conditions", onto.conditions), ("concepts", onto.concepts)):
            bad_form = [e for e in r[kind] if not NODE_ENTRY.fullmatch(e)]
            bare = [e.lstrip("!?") for e in r[kind]]
            unknown = [b for b in bare if b not in nodes]
            if bad_form or unknown or len(set(bare)) != len(bare):
                out.append((r["id"], kind, bad_form, unknown))
    return out


def label_problems(rows: list[dict], onto) -> list:
    """A `disease_label` is empty, or a condition node the text asserts or hedges (never a negated one)."""
    out = []
    for r in rows:
        lab = r["disease_label"]
        allowed = {e.lstrip("?") for e in r["conditions"] if not e.startswith("!")}
        if lab and (lab not in onto.conditions or lab not in allowed):
            out.append((r["id"], lab, r["conditions"]))
    return out


# --- checks of a set against its README, its sources and the earlier sets (sets 7 onwards) ---------------------

FAMILY_STYLES = {"selfcorrection", "scope", "falsefriend", "forum", "hedged", "lay", "abbreviation", "inverted",
                 "group", "negation", "lecture", "caption", "title", "abstract", "metadata"}
GROUP_NODES = {"scleroderma", "lupus-erythematosus", "photodermatoses", "vasculitis", "purpura",
               "vascular-malformations"}


def any_rows(path: Path) -> list[dict]:
    """A set's rows as dicts; set 1's metadata_rows.jsonl stores [style, source, text, ...] lists: its text only."""
    return [obj if isinstance(obj, dict) else {"text": obj[2]} for obj in read_rows(path)]


@functools.lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Lower case, punctuation and runs of space folded: a re-spaced, re-cased copy is still a copy. Kept per text:
    every later set's module folds the same earlier texts."""
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def copy_problems(rows: list[dict], earlier: list[dict]) -> list:
    """Texts of this set found in an earlier set, exactly or after `norm`."""
    exact = {r["text"].strip() for r in earlier}
    folded = {norm(t) for t in exact}
    return [r["id"] for r in rows if r["text"].strip() in exact or norm(r["text"]) in folded]


def close_written_problems(rows: list[dict], earlier: list[dict], limit: float = 0.5) -> list:
    """Written texts whose word set overlaps an earlier text's by `limit` (Jaccard) or more (`overlap.Earlier`:
    the earlier texts indexed by word once, the index computed exactly)."""
    near = Earlier((r["text"] for r in earlier), limit)
    return [r["id"] for r in rows if r["source"].startswith("written") and near.close(r["text"])]


def source_problems(rows: list[dict], real_sources: tuple[str, ...]) -> list:
    """A written row names its file (and is no title, abstract or metadata row); a real row names its real source."""
    out = []
    for r in rows:
        if r["source"].startswith("written"):
            if not re.fullmatch(r"written for this set \(written_[a-d]\.txt\)", r["source"]) \
                    or r["style"] in ("title", "abstract", "metadata"):
                out.append(r["id"])
        elif not r["source"].startswith(real_sources):
            out.append(r["id"])
    return out


def readme_problems(summary: dict, figures: dict, readme: str) -> list:
    """The builder's summary equals the figures the test states, and the README states them; the README says when
    the set was frozen."""
    out: list = [] if summary == figures else [("summary", summary)]
    out += [key for key in ("texts", "distinct_conditions", "negated", "uncertain", "empty_labels", "real")
            if f"{figures[key]} " not in readme]
    out += [style for style, n in figures["styles"].items() if f"| {style} | {n} |" not in readme]
    if "frozen before evaluation" not in readme:
        out.append("no freeze statement")
    if not re.search(r"committed at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC", readme):
        out.append("freeze time missing")
    return out


def family_problems(rows: list[dict]) -> list:
    """The set covers the issue's families: 25-45 % of mentions negated or uncertain, 18-30 % empty labels, >= 35 %
    real texts, every group node as a label and every style."""
    conds = [c for r in rows for c in r["conditions"]]
    out = []
    if not 0.25 <= sum(c[0] in "!?" for c in conds) / len(conds) <= 0.45:
        out.append("negated or uncertain share")
    if not 0.18 <= sum(not r["disease_label"] for r in rows) / len(rows) <= 0.3:
        out.append("empty label share")
    if sum(not r["source"].startswith("written") for r in rows) < 0.35 * len(rows):
        out.append("real share")
    out += sorted(GROUP_NODES - {r["disease_label"] for r in rows})
    out += sorted(FAMILY_STYLES - {r["style"] for r in rows})
    return out


class SetContract:
    """What every frozen tagger set must hold, whatever its sources: a test module subclasses this as
    `TestContract` with its own `PREFIX`, `MIN_ROWS` and `MIN_EARLIER`, and provides the `rows`, `earlier` and
    `onto` fixtures; the set's own checks (sources, README figures, builder) stay in the module."""

    PREFIX: str = ""
    MIN_ROWS: int = 0
    MIN_EARLIER: int = 0

    def test_the_file_loads_with_the_schema_and_unique_sequential_ids(self, rows):
        assert schema_problems(rows, self.PREFIX, self.MIN_ROWS) == []
        assert len({r["id"] for r in rows}) == len(rows)

    def test_every_condition_and_concept_is_an_ontology_node_listed_once(self, rows, onto):
        assert node_problems(rows, onto) == []

    def test_every_disease_label_is_an_ontology_condition_asserted_or_uncertain_in_the_text_or_empty(self, rows, onto):
        assert all(r["disease_label"] in onto.conditions for r in rows if r["disease_label"])
        assert label_problems(rows, onto) == []

    def test_no_text_is_repeated_here(self, rows):
        assert [t for t, n in Counter(norm(r["text"]) for r in rows).items() if n > 1] == []

    def test_no_text_is_shared_with_the_gold_set_or_an_earlier_set_exactly_or_normalised(self, rows, earlier):
        assert len(earlier) > self.MIN_EARLIER
        assert copy_problems(rows, earlier) == []

    def test_no_written_text_is_close_to_an_earlier_text_by_word_overlap(self, rows, earlier):
        assert close_written_problems(rows, earlier) == []


class BuilderContract(SetContract):
    """`SetContract` plus the checks every set rebuilt by its own `build.py` shares (sets 10 on): the group nodes
    the issue names are labels, the README states the builder's counts, the builder rebuilds the frozen file byte for
    byte and refuses a text of an earlier set. A module sets `BUILD` (the builder's module path), `HERE`,
    `GROUP_NODES`, `README_FIGURES` and `EARLIER` besides `SetContract`'s attributes."""

    BUILD: str = ""
    HERE: Path = Path()
    GROUP_NODES: frozenset = frozenset()
    README_FIGURES: dict = {}
    EARLIER: tuple = ()

    def build(self):
        return importlib.import_module(self.BUILD)

    def test_every_group_node_the_issue_names_is_a_label(self, rows):
        assert set(self.GROUP_NODES) - {r["disease_label"] for r in rows} == set()

    def test_the_counts_and_the_freeze_are_the_ones_the_readme_states(self, rows):
        readme = (self.HERE / "README.md").read_text(encoding="utf-8")
        assert readme_problems(self.build().summary(rows), self.README_FIGURES, readme) == []

    def test_the_builder_reproduces_the_frozen_file_exactly(self, rows):
        assert self.build().rows() == rows

    def test_the_builder_refuses_a_text_of_an_earlier_set(self, monkeypatch):
        build = self.build()
        earlier = any_rows(self.EARLIER[-1])[0]["text"]
        original = build._lines

        def with_copy(name):
            yield from original(name)
            if name == build.WRITTEN[-1]:
                yield ["nonderm", "  " + earlier.upper() + " ", "", "", ""]
        monkeypatch.setattr(build, "_lines", with_copy)
        with pytest.raises(AssertionError):
            build.rows()


# --- what the set modules share besides the checks: their fixtures, and the contracts of later builders ----------

ROOT = Path(__file__).resolve().parents[1]
_READ: dict[Path, list[dict]] = {}


def earlier_paths(number: int) -> tuple[Path, ...]:
    """The sets set NUMBER must not repeat: the gold set, set 1 (its rows and its metadata rows) and sets 2 to
    NUMBER - 1, in that order (a refusal check takes the last)."""
    return (ROOT / "tests/data/tagger_gold.jsonl", ROOT / "benchmarks/tagger/independent/independent.jsonl",
            ROOT / "benchmarks/tagger/independent/metadata_rows.jsonl",
            *(ROOT / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, number)))


def earlier_rows(paths) -> list[dict]:
    """`any_rows` of every path, each file parsed once a session: every later module reads the same earlier sets,
    and only reads them (a test that alters rows works on its own `rows`)."""
    for path in paths:
        if path not in _READ:
            _READ[path] = any_rows(path)
    return [r for path in paths for r in _READ[path]]


def set_fixtures(set_path: Path, earlier: tuple[Path, ...] = ()):
    """A module's `rows` (its set, read afresh), `earlier` (the earlier sets' rows) and `onto` fixtures, module
    scoped: `rows, earlier, onto = set_fixtures(SET, EARLIER)`."""
    @pytest.fixture(scope="module", name="rows")
    def rows_fixture() -> list[dict]:
        return read_rows(set_path)

    @pytest.fixture(scope="module", name="earlier")
    def earlier_fixture() -> list[dict]:
        return earlier_rows(earlier)

    @pytest.fixture(scope="module", name="onto")
    def onto_fixture():
        from derm1m_build.ontology import load_ontology
        return load_ontology()
    return rows_fixture, earlier_fixture, onto_fixture


def real_rows(rows: list[dict]) -> list[dict]:
    return [r for r in rows if not r["source"].startswith("written")]


def written_files(rows: list[dict]) -> set[str]:
    """The files the written rows name (`written for this set (written_a.txt)`)."""
    return {re.search(r"\((written_[a-d]\.txt)\)", r["source"]).group(1)
            for r in rows if r["source"].startswith("written")}


def earlier_import_problems(text: str, number: int) -> list[str]:
    """Import lines of a builder that name set 1 (`independent`) or a set numbered below NUMBER."""
    return [line for line in text.splitlines() if "import" in line
            and any(k == "" or int(k) < number for k in re.findall(r"independent([0-9]*)\b", line))]


def earlier_marker_problems(paths, markers: tuple[str, ...]) -> list:
    """Sources of the earlier sets' rows that name one of MARKERS (case folded): a new set's source must be one no
    earlier set drew on. No markers is itself a problem (a contract that forgot them checks nothing)."""
    folded = [m.lower() for m in markers]
    if not folded:
        return ["no markers"]
    return [r.get("source") for r in earlier_rows(paths) if any(m in r.get("source", "").lower() for m in folded)]


class OwnBuilderContract(BuilderContract):
    """`BuilderContract` plus: the builder imports nothing from an earlier set (sets 10 on). `BUILDER_FILES` are
    the set folder's files read for imports; the set's number comes from `PREFIX` (`in26` -> 26). The group nodes
    default to the ones the issue names."""

    GROUP_NODES: frozenset = frozenset(GROUP_NODES)
    BUILDER_FILES: tuple = ("build.py",)

    def test_the_builder_imports_nothing_from_an_earlier_set(self):
        number = int(self.PREFIX[2:])
        for name in self.BUILDER_FILES:
            assert earlier_import_problems((self.HERE / name).read_text(encoding="utf-8"), number) == []


class NoEarlierMarkers:
    """No earlier set's row names this set's source (`EARLIER_MARKERS`, case folded; `EARLIER` the earlier sets).
    Mixed into a set's contract."""

    EARLIER_MARKERS: tuple = ()

    def test_no_earlier_set_drew_on_this_source(self):
        assert earlier_marker_problems(self.EARLIER, self.EARLIER_MARKERS) == []


class FamilyExceptions:
    """The family shares miss the bounds exactly where the set's README says (`FAMILY_PROBLEMS`, in
    `family_problems`' order). Mixed into a set's contract."""

    FAMILY_PROBLEMS: list = []

    def test_the_family_shares_differ_from_the_bounds_exactly_where_the_readme_says(self, rows):
        assert family_problems(rows) == self.FAMILY_PROBLEMS


class RealSourceContract(OwnBuilderContract, NoEarlierMarkers):
    """`OwnBuilderContract` for a set whose real part is texts of one catalogue (sets 11-17): every row names its
    source (`REAL_SOURCES`) and the written files it names exist (exactly `WRITTEN_FILES`), the real part is
    `REAL_SHARE` of the rows or more and cites none of the sources earlier sets drew on (`EARLIER_SOURCES`), no
    earlier set names this source (`EARLIER_MARKERS`), and the family shares miss the bounds at most at
    `FAMILY_ALLOWED` (the real-only styles a catalogue lacks)."""

    REAL_SOURCES: tuple = ()
    REAL_SHARE: float = 0.0
    WRITTEN_FILES: frozenset = frozenset()
    EARLIER_SOURCES: tuple = ()
    FAMILY_ALLOWED: frozenset = frozenset()

    def test_every_row_names_a_source_that_exists_and_the_real_share_is_met(self, rows):
        assert source_problems(rows, self.REAL_SOURCES) == []
        written = written_files(rows)
        assert [name for name in sorted(written) if not (self.HERE / name).is_file()] == []
        assert written == set(self.WRITTEN_FILES)
        real = real_rows(rows)
        assert len(real) >= self.REAL_SHARE * len(rows)
        assert [r["id"] for r in real if any(s in r["source"] for s in self.EARLIER_SOURCES)] == []

    def test_the_shares_of_negated_or_uncertain_mentions_and_empty_labels_are_in_the_family_bounds(self, rows):
        assert self.FAMILY_ALLOWED and set(family_problems(rows)) <= set(self.FAMILY_ALLOWED)


class CopiedUnitsContract(OwnBuilderContract, NoEarlierMarkers, FamilyExceptions):
    """`OwnBuilderContract` for a set whose real part is units copied from one public source, most often a registry
    package (sets 19 on): every real row's source matches `REAL` (its first matched group is the unit's key), the
    real part counts `REAL_COUNT` rows and comes first (`REAL_FIRST`), each copied unit is used once and is the
    row's text, no earlier set names the source (`EARLIER_MARKERS`, case folded), the family shares miss the
    bounds exactly at `FAMILY_PROBLEMS`, and the builder refuses an unknown (`UNKNOWN_KEY`) or malformed
    (`MALFORMED_KEY`) line of `UNITS_FILE` and passes an altered unit (`ALTERED_KEY`, the first real row's when
    empty) into exactly one text (`ALTERED_ID`'s, now
    `ALTERED_TEXT`, where given). A module states its real styles by `REAL_STYLES` (the set of them) or by
    overriding `real_style` (one row's)."""

    REAL: re.Pattern = re.compile("")
    REAL_SOURCES: tuple = ()
    REAL_COUNT: int = 0
    REAL_SHARE: float = 0.0
    REAL_FIRST: bool = True
    REAL_STYLES: frozenset = frozenset()
    WRITTEN_FILES: frozenset = frozenset()
    UNITS: str = "units"
    UNITS_FILE: str = "real_units.txt"
    UNITS_REFUSAL: str = "not in the copied units"
    UNKNOWN_KEY: list = []
    MALFORMED_KEY: list = []
    ALTERED_KEY: str = ""
    ALTERED_ID: str = ""
    ALTERED_TEXT: str = ""

    def real_key(self, row: dict) -> str:
        return next(g for g in self.REAL.fullmatch(row["source"]).groups() if g)

    def real_style(self, row: dict):
        """The style a real row must have; None where the module states none row by row."""
        return None

    def test_every_row_names_a_source_that_exists_and_the_real_part_is_as_the_readme_says(self, rows):
        assert source_problems(rows, self.REAL_SOURCES) == []
        written = written_files(rows)
        assert [name for name in sorted(written) if not (self.HERE / name).is_file()] == []
        if self.WRITTEN_FILES:
            assert written == set(self.WRITTEN_FILES)
        real = real_rows(rows)
        assert len(rows) >= self.MIN_ROWS and len(real) == self.REAL_COUNT and len(real) >= self.REAL_SHARE * len(rows)
        assert all(self.REAL.fullmatch(r["source"]) for r in real)
        if self.REAL_STYLES:
            assert {r["style"] for r in real} == set(self.REAL_STYLES)
        if self.real_style(real[0]) is not None:
            assert [r["style"] for r in real] == [self.real_style(r) for r in real]
        if self.REAL_FIRST:
            assert [r["id"] for r in real] == [f"{self.PREFIX}-{k:04d}" for k in range(1, self.REAL_COUNT + 1)]

    def test_every_real_text_is_its_unit_in_the_copy_and_each_copied_unit_is_used_once(self, rows):
        units = getattr(self.build(), self.UNITS)()
        real = real_rows(rows)
        keys = [self.real_key(r) for r in real]
        assert len(keys) == self.REAL_COUNT and len(set(keys)) == len(keys)
        assert [r["text"] for r in real] == [units[k] for k in keys]
        assert sorted(keys) == sorted(units)

    def _refuses(self, monkeypatch, line: list) -> None:
        build = self.build()
        original = build._lines

        def with_line(name):
            yield from original(name)
            if name == self.UNITS_FILE:
                yield list(line)
        monkeypatch.setattr(build, "_lines", with_line)
        with pytest.raises(AssertionError, match=self.UNITS_REFUSAL):
            build.rows()

    def test_the_builder_refuses_a_key_it_has_no_copy_for(self, monkeypatch):
        assert self.UNKNOWN_KEY
        self._refuses(monkeypatch, self.UNKNOWN_KEY)

    def test_the_builder_refuses_a_malformed_key(self, monkeypatch):
        assert self.MALFORMED_KEY
        self._refuses(monkeypatch, self.MALFORMED_KEY)

    def test_an_altered_copied_unit_changes_exactly_one_built_text(self, monkeypatch, rows):
        build = self.build()
        original = getattr(build, self.UNITS)
        by_key = {self.real_key(r): r for r in real_rows(rows)}
        key = self.ALTERED_KEY or self.real_key(real_rows(rows)[0])

        def altered():
            out = original()
            out[key] += " (altered)"
            return out
        monkeypatch.setattr(build, self.UNITS, altered)
        changed = [(a["id"], c["text"]) for a, c in zip(rows, build.rows()) if a != c]
        assert changed == [(by_key[key]["id"], by_key[key]["text"] + " (altered)")]
        assert by_key[key]["id"] == (self.ALTERED_ID or by_key[key]["id"])
        assert changed[0][1] == (self.ALTERED_TEXT or changed[0][1])


def write_tar(path: Path, files: dict[str, object], top: str = "") -> None:
    """A gzipped tarball at PATH holding FILES (name -> bytes, or an object written as JSON) under the folder TOP:
    the archive an extractor test feeds a set's extractor in place of the registry's."""
    with tarfile.open(path, "w:gz") as tar:
        for name, obj in files.items():
            data = obj if isinstance(obj, bytes) else json.dumps(obj).encode()
            info = tarfile.TarInfo(f"{top}/{name}" if top else name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


class FewEmptyRealTexts:
    """A set's real texts that name no finding (no condition, no concept) number `EMPTY_REAL`, at most 15 % of the
    real part (sets 18-23), and include `EMPTY_REAL_TEXTS`. Mixed into a set's contract."""

    EMPTY_REAL: int = 0
    EMPTY_REAL_TEXTS: tuple = ()

    def test_real_texts_that_name_no_finding_are_at_most_fifteen_percent_of_the_real_part(self, rows):
        real = real_rows(rows)
        empty = [r["text"] for r in real if not r["conditions"] and not r["concepts"]]
        assert len(empty) == self.EMPTY_REAL and len(empty) <= 0.15 * len(real)
        assert [t for t in self.EMPTY_REAL_TEXTS if t not in empty] == []


class CaseTexts:
    """Thirty or more written texts are case legends, photo lectures or forum posts (sets 31 on): `CASE_TEXTS` is
    how many, how many of them carry no label, and how many forum posts negate a condition. Mixed into a set's
    contract."""

    CASE_TEXTS: tuple = (0, 0, 0)

    def test_at_least_thirty_written_texts_are_case_legends_photo_lectures_or_forum_posts(self, rows):
        target = [r for r in rows if r["style"] in ("figlegend", "lecture", "forum")]
        forum = [r for r in rows if r["style"] == "forum"]
        assert len(target) >= 30
        assert (len(target), sum(not r["disease_label"] for r in target),
                sum(any(c.startswith("!") for c in r["conditions"]) for r in forum)) == tuple(self.CASE_TEXTS)


class ExtractorRefusals:
    """The set's extractor (`EXTRACT`, a module path) refuses a missing archive (`ABSENT`, a name) and each archive
    of `REFUSED` (name -> bytes written as they are, or (files, top) written by `write_tar`: another package, an
    empty or a broken one) with exit status 2 and one line on stderr. Mixed into a set's contract."""

    EXTRACT: str = ""
    ABSENT: str = "absent.tar.gz"
    REFUSED: dict = {}

    def test_the_extractor_refuses_a_missing_file_another_package_or_a_broken_archive_with_one_line(self, capsys,
                                                                                                       tmp_path):
        main = importlib.import_module(self.EXTRACT).main
        paths = [tmp_path / self.ABSENT]
        for name, spec in self.REFUSED.items():
            paths.append(tmp_path / name)
            if isinstance(spec, bytes):
                paths[-1].write_bytes(spec)
            else:
                write_tar(paths[-1], *spec)
        answers = []
        for path in paths:
            answers.append((main([str(path)]), capsys.readouterr().err.count("\n")))
        assert answers == [(2, 1)] * len(paths)


REALDATA = Path("/work/shared/realdata").is_dir() or (ROOT / "../shared/realdata").is_dir()
needs_realdata = pytest.mark.skipif(not REALDATA, reason="the real source files (../shared/realdata) are not in this "
                                                          "checkout")


class RealdataSetContract(SetContract):
    """`SetContract` for a set built from the shared real files and written text (sets 7-9): its builder (`BUILD`)
    folds a re-spaced, re-cased copy (`NORMALISED_PAIR`) to one form, every row names its source (`REAL_SOURCES`),
    the README states the builder's counts (`README_FIGURES`) and the freeze, the set covers every family, and,
    where the real files are here, the builder rebuilds the file and refuses a text of the last of `EARLIER`."""

    BUILD: str = ""
    HERE: Path = Path()
    EARLIER: tuple = ()
    REAL_SOURCES: tuple = ()
    README_FIGURES: dict = {}
    NORMALISED_PAIR: tuple = ("", "")

    def build(self):
        return importlib.import_module(self.BUILD)

    def test_the_normalised_overlap_check_catches_a_respaced_recased_copy(self):
        normalise = self.build().normalise
        assert normalise(self.NORMALISED_PAIR[0]) == normalise(self.NORMALISED_PAIR[1])
        assert normalise("BCC, pigmented") != normalise("BCC, nodular")

    def test_every_row_names_its_source_real_or_written(self, rows):
        assert source_problems(rows, self.REAL_SOURCES) == []

    def test_the_counts_and_the_freeze_are_the_ones_the_readme_states(self, rows):
        readme = (self.HERE / "README.md").read_text(encoding="utf-8")
        assert readme_problems(self.build().summary(rows), self.README_FIGURES, readme) == []

    def test_the_set_covers_the_issue_families(self, rows):
        assert family_problems(rows) == []

    @needs_realdata
    def test_the_builder_reproduces_the_frozen_file_exactly(self, rows):
        assert self.build().rows() == rows

    @needs_realdata
    def test_the_builder_refuses_a_text_of_an_earlier_set(self, monkeypatch):
        build = self.build()
        earlier = any_rows(self.EARLIER[-1])[0]["text"]
        original = build.metadata_rows.rows

        def with_copy(*args):
            return original(*args) + [("metadata", "copy", "  " + earlier.upper() + " ", [], [], "")]
        monkeypatch.setattr(build.metadata_rows, "rows", with_copy)
        with pytest.raises(AssertionError):
            build.rows()
