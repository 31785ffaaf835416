"""Build the twelfth independent evaluation set (frozen before evaluation; see README.md).

Real texts come verbatim from one registry source no earlier set used, never from the tagger: the US ICD-10-CM
tabular list (April 1 2026) as shipped in the PyPI wheel simple_icd_10_cm 1.5.0. `icd10cm_2026_lines.txt` holds the
used codes' entries unchanged; a real text is a code's title, one of its inclusion terms, or one of its Includes /
Excludes1 / Excludes2 notes shown after the title the way the tabular list prints it ("<title>. Excludes1: <note>").
Written texts are in `written_*.txt`. The builder checks that every real text is found in its copied entry, that no
text is in the gold set or an earlier independent set (exactly, or after normalisation), that no written text comes
too close to an earlier one, and that every id is an ontology node; it writes `independent12.jsonl` only when every
check passes. It never runs a tagger and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, split_cell as _split, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(12)
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt")
CM_SOURCE = "ICD-10-CM 2026 (PyPI simple_icd_10_cm 1.5.0 wheel, simple_icd_10_cm/data/icd10c-tabular-April-1-2026.xml)"
NOTE_KINDS = {"inclusionTerm": "inclusion", "includes": "includes", "excludes1": "excludes1", "excludes2": "excludes2"}
SHOWN_AS = {"includes": "Includes", "excludes1": "Excludes1", "excludes2": "Excludes2"}
STYLE = {"desc": "catalogue", "inclusion": "inclusion", "includes": "includes", "excludes1": "excludes",
         "excludes2": "excludes"}
JACCARD_LIMIT = 0.5


def icd10cm_entries() -> dict[str, dict]:
    """code -> {"desc": title, "inclusion"/"includes"/"excludes1"/"excludes2": [notes]} read from the verbatim XML
    lines in icd10cm_2026_lines.txt (notes under other headings, e.g. "code first", are kept under "other")."""
    out: dict[str, dict] = {}
    entry: dict = {}
    kind = None
    for raw in (HERE / "icd10cm_2026_lines.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#"):
            continue
        s = raw.strip()
        if m := re.fullmatch(r"<name>(.*)</name>", s):
            entry = out.setdefault(m.group(1), {"desc": None, "inclusion": [], "includes": [], "excludes1": [],
                                                "excludes2": [], "other": []})
        elif (m := re.fullmatch(r"<desc>(.*)</desc>", s)) and entry["desc"] is None:
            entry["desc"] = m.group(1)
        elif m := re.fullmatch(r"<(\w+)>", s):
            kind = NOTE_KINDS.get(m.group(1), "other")
        elif re.fullmatch(r"</\w+>", s):
            kind = None
        elif (m := re.fullmatch(r"<note>(.*)</note>", s)) and kind:
            entry[kind].append(m.group(1))
    return out


def real_text(entry: dict, part: str, text: str) -> str:
    """The row's text as this set shows it: the title, an inclusion term alone, or "<title>. <Heading>: <note>"."""
    if part == "desc":
        assert entry["desc"] == text, ("not the ICD-10-CM title", text)
        return text
    assert text in entry[part], ("not an ICD-10-CM " + part + " note of the code", text)
    return text if part == "inclusion" else f"{entry['desc']}. {SHOWN_AS[part]}: {text}"


def rows() -> list[dict]:
    taken = taken_texts()
    out = []
    cm = icd10cm_entries()
    for code, part, text, conds, concs, label in _lines("real_icd10cm.txt"):
        shown = real_text(cm[code], part, text)
        out.append((STYLE[part], f"{CM_SOURCE} {code} {part}", shown, _split(conds), _split(concs), label))
    return set_build.finish(globals(), out, taken)


# the shared builder's readers of this module's files: a test that replaces `_lines` here changes what `rows()`
# builds
_lines, taken_texts = set_build.readers(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent12.jsonl")
