"""Copy the real units of the forty-second independent evaluation set from the Ding German-English dictionary: the
English side of each entry (`rash; skin rash; exanthem | rashes; skin rashes; exanthems`, `It looks suspiciously like
measles.`), as Debian's package `trans-de-en` 1.9-6 ships the dictionary (`/usr/share/trans/de-en`, Frank Richter,
TU Chemnitz, GPL-2+): the terms, variants and example sentences a dictionary's editors wrote for English readers.

The source is the package as Debian serves it, unpacked, never installed:

    mkdir -p /tmp/ding && cd /tmp/ding && apt-get download trans-de-en=1.9-6 && dpkg-deb -x trans-de-en_1.9-6_all.deb x
    python -m benchmarks.tagger.independent42.extract /tmp/ding/x/usr/share/trans/de-en

Read is only that one file, and of it only the text after the first `::` of each line that is no `#` comment (the
English side: its `|`-separated parts and `;`-separated variants kept as they are, white space folded). A unit is
keyed `DING:<n>` (the file's n-th line, from 1); a line without `::` is no unit, and an English side is kept at its
first occurrence (compared after `normalise`).

A **candidate** has two letters in a row and 4 to 250 words (`set_build.is_candidate`). A **skin** candidate holds a
word of `SKIN`; any other is **plain**. Kept: every `EVERY_SKIN`-th skin candidate and every `EVERY_PLAIN`-th plain
candidate (each from the first, in the file's order); a text the gold set or an earlier set holds is skipped before
counting.
"""
from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

from benchmarks.tagger import set_build

HERE = Path(__file__).parent
HEADER = re.compile(r"# Version :: (.+)\n# Copyright \(c\) :: Frank Richter")
EVERY_SKIN = 3
EVERY_PLAIN = 3000
SKIN = re.compile(
    r"\b(skin|rash\w*|eczema|acne|psoriasis|warts?|melanoma|moles?|itch\w*|pimples?|sunburn\w*|blisters?|freckles?|"
    r"herpes|lupus|scabies|hives|leprosy|chicken ?pox|measles|zits?|blackheads?|sores?|bruis\w*|scars?|boils?|"
    r"dandruff|bald\w*|burns?|bites?|lice|ringworm|shingles|dermat\w*|ulcers?|lesions?|urticaria|tinea|impetigo|"
    r"carcinoma|n[a]?evus|keratos[ie]s|alopecia|vitiligo|rosacea|cellulitis|pemphig\w*|eruptions?|pustules?|"
    r"papules?|birthmarks?|verruca|chilblains?|callus\w*|corns?)\b", re.I)


def normalise(text: str) -> str:
    return set_build.normalise(text)


def read_entries(source: str, seen: set[str]) -> dict[str, str]:
    """The file's text -> {DING:<line>: English side} for each non-comment line with `::`, in order; a side whose
    `normalise`d form is in SEEN is skipped (each new one is added)."""
    out: dict[str, str] = {}
    for n, line in enumerate(source.split("\n"), 1):
        if line.startswith("#") or "::" not in line:
            continue
        text = re.sub(r"\s+", " ", line.split("::", 1)[1]).strip()
        if not text or normalise(text) in seen:
            continue
        seen.add(normalise(text))
        out[f"DING:{n}"] = text
    return out


def kind(text: str) -> str:
    """"skin" for a candidate holding a word of `SKIN`, "plain" for any other candidate, else ""."""
    if not set_build.is_candidate(text):
        return ""
    return "skin" if SKIN.search(text) else "plain"


def selected(units: dict[str, str], taken: set[str] = frozenset()) -> dict[str, str]:
    """Every EVERY_SKIN-th skin and every EVERY_PLAIN-th plain candidate (from the first, in file order); a text the
    gold set or an earlier set already holds (compared after `normalise`) is skipped before counting."""
    free = [k for k, t in units.items() if normalise(t) not in taken and kind(t)]
    keep = set([k for k in free if kind(units[k]) == "skin"][::EVERY_SKIN])
    keep |= set([k for k in free if kind(units[k]) == "plain"][::EVERY_PLAIN])
    return {k: t for k, t in units.items() if k in keep}


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-41 (read to skip them, never shown)."""
    return set_build.normalised_texts(42, root)


def read_file(path: Path, seen: set[str]) -> tuple[str, str, dict[str, str]]:
    """-> (the dictionary's name and version, sha256 of the file, units). A ValueError names a file without the
    Ding header (another dictionary, another file)."""
    data = path.read_bytes()
    text = data.decode("utf-8")
    head = HEADER.match(text)
    if not head:
        raise ValueError(f"not the Ding de-en dictionary: {path.name}")
    return f"ding-de-en {head.group(1).strip()}", hashlib.sha256(data).hexdigest(), read_entries(text, seen)


def main(argv: list[str]) -> int:
    """Read the file ARGV names, keep the selected units (the earlier sets' texts skipped) and write them with the
    file's version and hash to units.txt; 2 and one line on stderr for a missing or unreadable file. (The shared
    `set_build.extract_main` heads its copy as a PyPI sdist's; this source is a Debian package's file.)"""
    usage = "usage: python -m benchmarks.tagger.independent42.extract .../usr/share/trans/de-en"
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print(usage, file=sys.stderr)
        return 2
    try:
        name, digest, units = read_file(Path(argv[0]), set())
    except (ValueError, OSError, UnicodeDecodeError) as e:
        print(f"cannot read {argv[0]}: {' '.join(str(e).split())}", file=sys.stderr)
        return 2
    keep = selected(units, taken_texts(HERE.parents[2]))
    lines = [f"# {name} (Debian trans-de-en 1.9-6, /usr/share/trans/de-en), sha256 {digest}",
             f"# {len(units)} units; kept {len(keep)} by the rule in extract.py"]
    lines += [f"{k}\t{t}" for k, t in keep.items()]
    (HERE / "units.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"kept {len(keep)} of {len(units)} units: {sum(kind(t) == 'skin' for t in keep.values())} skin")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
