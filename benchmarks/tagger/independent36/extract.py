"""Copy the real units of the thirty-sixth independent evaluation set from the MedMCQA questions that the PyPI
package `evals` 3.0.1.post1 (OpenAI's evaluation framework) bundles in its registry
(`evals/registry/data/medmcqa/samples.jsonl`: 300 questions of India's AIIMS / NEET-PG medical entrance exams, each a
chat prompt whose user turn is "Subject: <subject>", the question, and its four options).

The source is the sdist as PyPI serves it, never installed:

    pip download --no-deps --no-binary :all: evals==3.0.1.post1 -d /tmp   # /tmp/evals-3.0.1.post1.tar.gz
    python -m benchmarks.tagger.independent36.extract /tmp/evals-3.0.1.post1.tar.gz

Read is only the file `READ` names, never the package's code, the options or the answers (`ideal`). A unit is a
question's stem: the user turn's text after its "Subject: ..." line and before its first option line ("a) ..."), runs
of white space folded. A question is kept at its first occurrence (compared after `normalise`).

A **candidate** has two letters in a row, 4 to 250 words and at most 1,600 characters; a **skin** candidate holds a
word of `SKIN` (skin findings and conditions, and the words of other organs and signs that share them: ulcer, plaque,
lesion, burn, hair, nails, pallor, jaundice); any other is **plain**. Kept: every skin candidate and every
`EVERY_PLAIN`-th plain candidate (from the first, in file order); a text the gold set or an earlier set holds is
skipped before counting. Units are keyed `MEDMCQA:<line>`: the question's line in the file, from 1.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from benchmarks.tagger import set_build
from benchmarks.tagger.set_build import normalise

HERE = Path(__file__).parent
PACKAGE = "evals"
READ = "evals-3.0.1.post1/evals/registry/data/medmcqa/samples.jsonl"
SKIN = re.compile(r"\b(skin|rash\w*|itch\w*|prurit\w*|urticaria\w*|hives|eczema\w*|dermat\w*|psoria\w*|melanoma\w*|"
                  r"moles?|cutaneous|mucocutaneous|blister\w*|erythem\w*|redness|acne|warts?|lesions?|scabies|"
                  r"shingles|zoster|cellulitis|sunburn\w*|vitiligo|rosacea|impetigo|ringworm|tinea|keratos\w*|"
                  r"n[a]?evus|naevi|nevi|pimples?|boils?|abscess\w*|wheals?|alopecia|papul\w*|macul\w*|vesic\w*|"
                  r"pustul\w*|plaques?|ulcer\w*|lepro\w*|pemphig\w*|lupus|purpur\w*|petechi\w*|bull(a|ae|ous)|"
                  r"pigment\w*|burns?|bites?|scalp|nails?|pallor|jaundice|cyanosis|hair|leishmani\w*|syphili\w*|"
                  r"herpe\w*|measles|chicken ?pox|varicella|fung\w*|candid\w*|scar\w*|keloid\w*)\b", re.I)
EVERY_PLAIN = 1
OPTION = re.compile(r"\n\s*a\)\s")


def stem(prompt: str) -> str:
    """A user turn -> the question stem: after its "Subject: ..." line, before its first option line."""
    body = prompt.split("\n", 1)[1] if prompt.startswith("Subject:") and "\n" in prompt else prompt
    body = OPTION.split("\n" + body, 1)[0]
    return re.sub(r"\s+", " ", body).strip()


def read_rows(lines: list[str], seen: set[str]) -> dict[str, str]:
    """The file's lines -> {KEY: question stem}; a line that is not a JSON object, or has no user turn that is a
    string, is skipped; a text whose `normalise`d form is in `seen` is skipped (each new one is added)."""
    out: dict[str, str] = {}
    for n, line in enumerate(lines, 1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        turns = row.get("input") if isinstance(row, dict) else None
        users = [t.get("content") for t in turns if isinstance(t, dict) and t.get("role") == "user"] \
            if isinstance(turns, list) else []
        if not users or not isinstance(users[0], str):
            continue
        s = stem(users[0])
        if normalise(s) and normalise(s) not in seen:
            seen.add(normalise(s))
            out[f"MEDMCQA:{n}"] = s
    return out


# the shared selection reads this module's SKIN, EVERY_PLAIN, PACKAGE, READ and read_rows when it runs
candidate, kind, selected, read_sdist = set_build.skin_or_plain(globals())


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-35 (read to skip them, never shown)."""
    return set_build.normalised_texts(36, root)


def main(argv: list[str]) -> int:
    return set_build.extract_main(argv, usage="python -m benchmarks.tagger.independent36.extract "
                                  "EVALS.tar.gz",
                                  here=HERE, read_sdist=read_sdist, selected=selected, kind=kind,
                                  taken_texts=taken_texts)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
