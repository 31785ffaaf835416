"""Copy the real units of the thirtieth independent evaluation set from the PLOS starter corpus that the PyPI
source archive of `allofplos` 1.0.0rc3 ships (package MIT; each article CC BY or CC0, its own licence element).

The source is the source archive as the registry serves it, never installed:

    pip download --no-deps --no-binary :all: -d /tmp allofplos==1.0.0rc3
    python -m benchmarks.tagger.independent30.extract /tmp/allofplos-1.0.0rc3.tar.gz

Read are the 122 article XML files under `allofplos/starter_corpus/` (JATS), never the package's code. An article is
read only when its `<license>` says Creative Commons Attribution or public domain / CC0 (121 of the 122 do; one WHO
article, whose licence asks that it not be reproduced, is skipped). From each article
the text of every `<article-title>`, `<title>` and `<p>` outside the reference list (`<ref-list>`) and the licence is
taken, tags removed (their text kept), XML entities decoded, split after sentence ends (a full stop, question or
exclamation mark followed by space and a capital); a **unit** is such a piece with runs of white space folded, kept
at its first occurrence (compared after `normalise`), articles in file-name order. A **candidate** has at least five
words, a run of two lower-case words and at most 300 characters; a **skin** candidate holds a word of `SKIN`. An
article whose title holds a word of `SKIN` is a **skin article**. Kept: every skin candidate of a skin article, every
fourth skin candidate of the other articles and every 400th plain candidate (each from the first). Units are keyed
`PLOS:<article file name>:<part>.<n>`, the part being where the piece stands: `title` (the article title),
`abstract`, `caption` (a figure's or table's caption) or `body`; n counts the article's pieces.
"""
from __future__ import annotations

import hashlib
import html
import re
import sys
import tarfile
from pathlib import Path

from benchmarks.tagger import set_build

HERE = Path(__file__).parent
PACKAGE = "allofplos"
READ = re.compile(r"allofplos/starter_corpus/(journal\.[a-z]+\.[0-9]+\.xml)")
SKIN = re.compile(r"\b(skin|rash\w*|itch\w*|prurit\w*|urticaria|hives|eczema|dermat\w*|psoria\w*|melanoma\w*|moles?|"
                  r"nevi|nevus|naev\w*|cutaneous|wounds?|ulcer\w*|blister\w*|erythem\w*|acne|warts?|lesions?|"
                  r"leprosy|leprae|leishmania\w*|scabies|buruli|lupus|alopecia|vitiligo|papul\w*|nodul\w*|pustul\w*|"
                  r"scars?|scarring|bruis\w*|purpur\w*|petechia\w*|cellulitis|abscess\w*|impetigo|zoster|shingles|"
                  r"jaundice|exanthem\w*|sores?|swelling|oedema|edema|neuritis|carcinoma)\b", re.I)
EVERY_SKIN_OTHER = 4
EVERY_PLAIN = 400
PROSE = re.compile(r"[a-z]{2,} [a-z]{2,}")
OPEN_LICENCE = re.compile(r"creative\s+commons\s+attribution|creativecommons\.org/licenses/by/|"
                          r"public\s+domain|creativecommons\.org/publicdomain/zero", re.I)
BLOCK = re.compile(r"<(article-title|title|p)(?:\s[^>]*)?>(.*?)</\1>", re.S)


def normalise(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def _plain(xml: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", xml))).strip()


def open_licence(xml: str) -> bool:
    m = re.search(r"<license\b.*?</license>", xml, re.S)
    return bool(m and OPEN_LICENCE.search(m.group(0)))


def _part(xml: str, at: int, tag: str, spans: dict[str, list[tuple[int, int]]]) -> str:
    """Where a block stands: the article's `title`, its `abstract`, a figure or table `caption`, else `body`."""
    for part in ("abstract", "caption"):
        if any(a <= at < b for a, b in spans[part]):
            return part
    return "title" if tag == "article-title" else "body"


def _pieces(xml: str):
    """-> (part, piece) for every sentence piece of the article's text, in document order."""
    xml = re.sub(r"<ref-list\b.*?</ref-list>|<license\b.*?</license>|<permissions\b.*?</permissions>", " ", xml,
                 flags=re.S)
    spans = {part: [m.span() for m in re.finditer(rf"<{part}\b.*?</{part}>", xml, re.S)]
             for part in ("abstract", "caption")}
    for m in BLOCK.finditer(xml):
        part = _part(xml, m.start(), m.group(1), spans)
        for piece in re.split(r"(?<=[.!?])\s+(?=[A-Z])", _plain(m.group(2))):
            if piece.strip():
                yield part, piece.strip()


def title(xml: str) -> str:
    m = re.search(r"<article-title(?:\s[^>]*)?>(.*?)</article-title>", xml, re.S)
    return _plain(m.group(1)) if m else ""


def read_package(files: dict[str, bytes], seen: set[str]) -> tuple[dict[str, str], set[str]]:
    """{article file name: bytes} -> ({KEY: unit}, keys of the units of skin articles); an article without an open
    licence is skipped; a text whose `normalise`d form is in `seen` is skipped (each new one is added)."""
    out: dict[str, str] = {}
    skin_article: set[str] = set()
    for name in sorted(files):
        xml = files[name].decode("utf-8", errors="replace")
        if not open_licence(xml):
            continue
        is_skin = bool(SKIN.search(title(xml)))
        n = 0
        for part, text in _pieces(xml):
            n += 1
            if normalise(text) not in seen:
                seen.add(normalise(text))
                out[f"PLOS:{name}:{part}.{n}"] = text
                if is_skin:
                    skin_article.add(f"PLOS:{name}:{part}.{n}")
    return out, skin_article


def candidate(text: str) -> bool:
    return len(text.split()) >= 5 and len(text) <= 300 and bool(PROSE.search(text))


def kind(text: str) -> str:
    if not candidate(text):
        return ""
    return "skin" if SKIN.search(text) else "plain"


def selected(units: dict[str, str], skin_article: set[str], taken: set[str] = frozenset()) -> dict[str, str]:
    """Every skin candidate of a skin article, every EVERY_SKIN_OTHER-th skin candidate of the others and every
    EVERY_PLAIN-th plain one (each from the first); a text the gold set or an earlier set already holds (compared
    after `normalise`) is skipped before counting."""
    free = [k for k, t in units.items() if normalise(t) not in taken and kind(t)]
    keep = {k for k in free if k in skin_article and kind(units[k]) == "skin"}
    keep |= set([k for k in free if k not in skin_article and kind(units[k]) == "skin"][::EVERY_SKIN_OTHER])
    keep |= set([k for k in free if kind(units[k]) == "plain"][::EVERY_PLAIN])
    return {k: t for k, t in units.items() if k in keep}


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-29 (read to skip them, never shown)."""
    return set_build.normalised_texts(30, root)


def read_sdist(path: Path, seen: set[str]) -> tuple[str, str, dict[str, str], set[str]]:
    """-> (package name-version, sha256 of the archive, units, keys of skin-article units)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with tarfile.open(path) as tar:
        members = [m for m in tar.getmembers() if m.isfile()]
        top = members[0].name.split("/")[0] if members else ""
        if top.rsplit("-", 1)[0] != PACKAGE:
            raise ValueError(f"not the allofplos sdist: {path.name}")
        files = {}
        for m in members:
            inner = m.name.split("/", 1)[1] if "/" in m.name else ""
            hit = READ.fullmatch(inner)
            if hit:
                files[hit.group(1)] = tar.extractfile(m).read()
    units, skin_article = read_package(files, seen)
    return top, digest, units, skin_article


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python -m benchmarks.tagger.independent30.extract ALLOFPLOS.tar.gz", file=sys.stderr)
        return 2
    try:
        pkg, digest, units, skin_article = read_sdist(Path(argv[0]), set())
    except (ValueError, tarfile.TarError, OSError) as e:
        print(f"cannot read {argv[0]}: {e}", file=sys.stderr)
        return 2
    keep = selected(units, skin_article, taken_texts(HERE.parents[2]))
    lines = [f"# {pkg} (PyPI sdist), sha256 {digest}", f"# {len(units)} units; kept {len(keep)} by the rule in extract.py"]
    lines += [f"{k}\t{t}" for k, t in keep.items()]
    (HERE / "units.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"kept {len(keep)} of {len(units)} units: {sum(kind(t) == 'skin' for t in keep.values())} skin, "
          f"{sum(k in skin_article for k in keep)} of skin articles")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
