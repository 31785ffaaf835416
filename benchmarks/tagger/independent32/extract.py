"""Copy the real units of the thirty-second independent evaluation set from the component fixtures that the npm
package `nhsuk-frontend` 10.6.1 ships (`dist/nhsuk/components/<component>/fixtures.json`: the example content of the
NHS.UK design system's components, taken from NHS website pages: chickenpox advice, blister first aid, a table of
skin symptoms beside impetigo, an image of stretch marks, and the forms, buttons and messages of NHS services).

The source is the package tarball as the npm registry serves it, never installed:

    curl -s https://registry.npmjs.org/nhsuk-frontend/10.6.1 | python -c "import json,sys; print(json.load(sys.stdin)['dist']['tarball'])"
    curl -s -O https://registry.npmjs.org/nhsuk-frontend/-/nhsuk-frontend-10.6.1.tgz
    python -m benchmarks.tagger.independent32.extract /tmp/nhsuk-frontend-10.6.1.tgz

Read are only the files `package/dist/nhsuk/components/<name>/fixtures.json`, never the package's code, styles or
rendered HTML. Each file holds {"component": NAME, "fixtures": [{"context": {...}, "callBlock": "...", "html": ...}]};
read are, in file order, each fixture's `context` (walked in document order, keys in the file's order, skipping the
keys of `SKIP`: attributes, classes, links, ids, form values and other markup settings) and its `callBlock` (the
content a component wraps); `html` (the rendered copy of the same content) is never read. Every string is split into
pieces at block tags (`<li>`, `<p>`, `<br>`, headings, cells), its markup removed (its text kept), entities decoded,
runs of white space folded, and split after sentence ends (a full stop, question or exclamation mark followed by
space and a capital). A piece is kept at its first occurrence (compared after `normalise`), components in name order.

A **candidate** has a letter, at most 300 characters and is no bare number, date, code or address; a **skin**
candidate holds a word of `SKIN`; a **plain** candidate is any other of at least `PLAIN_WORDS` words holding a common
English word (`ENGLISH`: the fixtures also hold Latin filler text and Welsh translations). Kept: every skin candidate
and every `EVERY_PLAIN`-th plain candidate (from the first, so with 1 every one); a text the gold set or an earlier set holds is skipped before counting. Units are
keyed `NHSUK:<component>:<n>.<k>`, n the fixture's place in its file (from 1), k the piece's place in that fixture.
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
PACKAGE = "nhsuk-frontend"
READ = re.compile(r"package/dist/nhsuk/components/([a-z0-9-]+)/fixtures\.json")
SKIN = re.compile(r"\b(skin|rash\w*|itch\w*|prurit\w*|urticaria|hives|eczema|dermat\w*|psoria\w*|melanoma\w*|moles?|"
                  r"cutaneous|wounds?|ulcer\w*|blister\w*|erythem\w*|acne|warts?|lesions?|scabies|spots?|impetigo|"
                  r"chickenpox|shingles|cold sores?|measles|sunburn\w*|burns?|bites?|stings?|scars?|stretch marks?|"
                  r"bruis\w*|lumps?|swollen|swelling|sores?)\b", re.I)
EVERY_PLAIN = 1
# a plain candidate is English prose: it holds a common English word (the fixtures also hold Latin filler text and
# Welsh translations, which no English tagger reads)
ENGLISH = re.compile(r"\b(the|you|your|to|of|and|is|are|for|with|if|or|not|have|has|be|this|that|we|it|on|can|do|"
                     r"will|my|what|how|by|when|there)\b", re.I)
PLAIN_WORDS = 4
SKIP = {"attributes", "classes", "href", "id", "idPrefix", "name", "value", "for", "src", "srcset", "sizes", "type",
        "autocomplete", "spellcheck", "inputmode", "pattern", "width", "icon", "visuallyHiddenText", "html_attrs",
        "containerClasses", "formGroup", "prefix", "suffix", "rows", "maxlength", "threshold", "action", "method",
        "lang", "role", "variant", "level", "size", "headingLevel"}
# a table's cells ("rows") are content: read them although "rows" is also a textarea's height
CONTENT_LISTS = {"rows"}
BLOCK = re.compile(r"</?(li|p|br|h[1-6]|td|th|dd|dt|div|tr|ul|ol)\b[^>]*>", re.I)
NOT_PROSE = re.compile(r"[\d\s/:.,()+-]*|https?://\S+|\S+@\S+|[A-Z0-9]{1,4}( [A-Z0-9]{1,4})*")


def normalise(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def _plain_pieces(text: str) -> list[str]:
    out = []
    for block in BLOCK.sub("\n", text).split("\n"):
        flat = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", block))).strip()
        flat = re.sub(r" ([.,;:!?])", r"\1", flat)
        out += [p.strip() for p in re.split(r"(?<=[.!?])\s+(?=[A-Z])", flat) if p.strip()]
    return out


def _walk(obj, key: str = ""):
    """-> every content string of a fixture, in document order."""
    if isinstance(obj, dict):
        for k, value in obj.items():
            if k in SKIP and not (k in CONTENT_LISTS and isinstance(value, list)):
                continue
            yield from _walk(value, k)
    elif isinstance(obj, list):
        for value in obj:
            yield from _walk(value, key)
    elif isinstance(obj, str):
        yield from _plain_pieces(obj)


def read_package(files: dict[str, bytes], seen: set[str]) -> dict[str, str]:
    """{component name: fixtures.json bytes} -> {KEY: unit}; a file that is not JSON of the fixtures form is skipped;
    a text whose `normalise`d form is in `seen` is skipped (each new one is added)."""
    out: dict[str, str] = {}
    for name in sorted(files):
        try:
            obj = json.loads(files[name].decode("utf-8"))
            fixtures = obj["fixtures"]
        except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError):
            continue
        for n, fx in enumerate(fixtures if isinstance(fixtures, list) else [], 1):
            if not isinstance(fx, dict):
                continue
            k = 0
            for text in [*_walk(fx.get("context", {})), *_walk(fx.get("callBlock", ""))]:
                k += 1
                if normalise(text) and normalise(text) not in seen:
                    seen.add(normalise(text))
                    out[f"NHSUK:{name}:{n}.{k}"] = text
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
    """The normalised texts of the gold set and sets 1-31 (read to skip them, never shown)."""
    return set_build.normalised_texts(32, root)


def read_tarball(path: Path, seen: set[str]) -> tuple[str, str, dict[str, str]]:
    """-> (package name-version, sha256 of the tarball, units)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with tarfile.open(path) as tar:
        members = [m for m in tar.getmembers() if m.isfile()]
        manifest = next((m for m in members if m.name == "package/package.json"), None)
        meta = json.loads(tar.extractfile(manifest).read().decode("utf-8")) if manifest else {}
        if not isinstance(meta, dict) or meta.get("name") != PACKAGE:
            raise ValueError(f"not the nhsuk-frontend package: {path.name}")
        files = {}
        for m in members:
            hit = READ.fullmatch(m.name)
            if hit:
                files[hit.group(1)] = tar.extractfile(m).read()
    return f"{PACKAGE}-{meta.get('version', '')}", digest, read_package(files, seen)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python -m benchmarks.tagger.independent32.extract NHSUK_FRONTEND.tgz", file=sys.stderr)
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
