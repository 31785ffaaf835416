"""Build the fourteenth independent evaluation set (frozen before evaluation; see README.md).

Real texts come verbatim from one source no earlier set used, never from the tagger: GCIDE, the GNU Collaborative
International Dictionary of English (version 0.48.5, as the Debian package dict-gcide 0.48.5+nmu2 ships it; Webster's
1913 Revised Unabridged Dictionary with later supplements). `gcide_entries.txt` holds the used entries unchanged (byte
offset, length, raw entry; written by `extract.py`). A real text is one sense of an entry, copied with GCIDE's
cross-reference braces dropped and its line breaks joined (`clean`): either prefixed with the entry's headword as a
glossary row prints it ("Furuncle: A superficial, inflammatory tumor ...", style `gloss`) or alone (style
`definition`, used for run-in sub-entries such as "Prickly heat (Med.), ..." and numbered senses). No sense from
GCIDE's WordNet part is used (an earlier set drew on WordNet). Written texts are in `written_*.txt`. The builder checks
that every real text is a sense of its entry, that no text is in the gold set or an earlier independent set (exactly,
or after normalisation), that no written text comes too close to an earlier one, and that every id is an ontology
node; it writes `independent14.jsonl` only when every check passes. It never runs a tagger and imports nothing from an
earlier set.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, split_cell as _split, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(14)
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt", "written_d.txt")
GCIDE_SOURCE = "GCIDE 0.48.5 (Debian dict-gcide 0.48.5+nmu2, usr/share/dictd/gcide.dict.dz)"
FORMS = ("gloss", "definition")
JACCARD_LIMIT = 0.5
# a source note closing a sense: "[1913 Webster]", "[Webster 1913 Suppl.]", "[PJC]", "[WordNet 1.5]", ...
SOURCE_TAG = re.compile(r"\[[^\[\]]*(?:Webster|PJC|AS|WordNet)[^\[\]]*\]")


def clean(entry: str) -> str:
    """An entry as running text: GCIDE's cross-reference braces dropped, every run of white space one space."""
    return " ".join(entry.replace("{", "").replace("}", "").split())


def gcide_entries() -> dict[int, str]:
    """offset -> the entry's cleaned text, read from the verbatim copy in gcide_entries.txt."""
    out: dict[int, str] = {}
    for raw in (HERE / "gcide_entries.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#") or not raw.strip():
            continue
        off, length, entry = raw.split("\t")
        text = json.loads(entry)
        assert int(off) not in out and len(text.encode("utf-8")) == int(length), ("bad copied entry", off)
        out[int(off)] = clean(text)
    return out


def real_text(entry: str, head: str, form: str, sense: str) -> str:
    """The text a real row holds, after checking that `sense` is a sense of the entry outside GCIDE's WordNet part and
    that a gloss's headword is the entry's own."""
    at = entry.find(sense)
    assert sense and at >= 0, ("not a sense of the GCIDE entry", head, sense)
    tag = SOURCE_TAG.search(entry, at + len(sense))
    assert tag is None or "WordNet" not in tag.group(0), ("a WordNet sense", head, sense)
    assert form in FORMS, ("unknown form", form)
    if form == "definition":
        return sense
    assert entry.startswith(head + " \\"), ("not the entry's headword", head)
    return f"{head}: {sense}"


def rows() -> list[dict]:
    taken = taken_texts()
    out = []
    entries = gcide_entries()
    for off, head, form, sense, conds, concs, label in _lines("real_gcide.txt"):
        assert int(off) in entries, ("offset not in the copied GCIDE entries", off)
        text = real_text(entries[int(off)], head, form, sense)
        out.append((form, f"{GCIDE_SOURCE} entry {off} {form}", text, _split(conds), _split(concs), label))
    return set_build.finish(globals(), out, taken)


# the shared builder's readers of this module's files: a test that replaces `_lines` here changes what `rows()`
# builds
_lines, taken_texts = set_build.readers(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent14.jsonl")
