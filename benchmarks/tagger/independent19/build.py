"""Build the nineteenth independent evaluation set (see README.md: frozen before evaluation).

Real texts come verbatim from a source no earlier set used, never from the tagger: fields of ICPC-2 rubrics (the
International Classification of Primary Care, English edition) as the Debian package gnumed-server 22.19-1 ships
them in its schema script `v15-ref-icpc2-data.sql` (titles, inclusion and exclusion lists, inclusion criteria,
"consider" fields, notes), copied by `extract_icpc.py` into `icpc_units.txt`. Written texts are in `written_*.txt`.
The builder checks that every real text is its unit in the copy, that no text is in the gold set or an earlier
independent set (exactly, or after normalisation), that no written text comes too close to an earlier one, and that
every id is an ontology node; it writes `independent19.jsonl` only when every check passes. It never runs a tagger
and imports nothing from an earlier set.
"""
from __future__ import annotations

import re
from pathlib import Path

from benchmarks.tagger import set_build
# the names this set's test and extract.py reach on this module
from benchmarks.tagger.set_build import jaccard, normalise, split_cell as _split, summary, write  # noqa: F401

HERE = Path(__file__).parent
OTHER_SETS = set_build.earlier_sets(19)
WRITTEN = ("written_a.txt", "written_b.txt")
ICPC_SOURCE = "ICPC-2 rubric (Debian gnumed-server 22.19-1, /var/lib/gnumed/server/sql/v15-ref-icpc2-data.sql)"
ICPC_KEY = re.compile(r"[A-Z][0-9]{2}:(description|crit|incl|excl|cons|note)")
JACCARD_LIMIT = 0.5


def icpc_units() -> dict[str, str]:
    """CODE:field -> the rubric field, read from the verbatim copy in icpc_units.txt."""
    return set_build.read_units(HERE / "icpc_units.txt", ICPC_KEY)


def rows() -> list[dict]:
    taken = taken_texts()
    out = []
    found = icpc_units()
    for key, conds, concs, label in _lines("real_icpc.txt"):
        assert ICPC_KEY.fullmatch(key) and key in found, ("unit not in the copied ICPC-2 units", key)
        out.append(("icpc", f"{ICPC_SOURCE} rubric field {key}", found[key], _split(conds), _split(concs), label))
    return set_build.finish(globals(), out, taken)


# the shared builder's readers of this module's files: a test that replaces `_lines` here changes what `rows()`
# builds
_lines, taken_texts = set_build.readers(globals())

if __name__ == "__main__":
    write(rows(), HERE / "independent19.jsonl")
