"""The figure benchmark also scores captioned compound figures against their annotated decision (`rows`): a caption
that names every panel should give right rows, one that names none should keep the figure whole."""
from __future__ import annotations

import json

from benchmarks.pmc.bench_figures import load_set, tally_annotated


def test_load_set_keeps_the_annotated_decision_and_none_where_there_is_none(tmp_path):
    (tmp_path / "a.png").write_bytes(b"")
    ann = tmp_path / "annotations.json"
    ann.write_text(json.dumps({"figures": [
        {"file": "a.png", "panels": 2, "caption": "Left: x. Right: y.", "rows": True},
        {"file": "a.png", "panels": 2, "caption": "Two plots.", "rows": False},
        {"file": "a.png", "panels": 2, "caption": "(a) and (b) of data.", "rows": None},
        {"file": "a.png", "panels": 3},
    ]}))
    assert [e["rows"] for e in load_set(ann)] == [True, False, None, None]


def test_each_kind_counts_only_its_right_outcome():
    t: dict = {}
    tally_annotated(t, True, True, "ok")        # named, right rows
    tally_annotated(t, True, True, "loose")     # named, rows but loose crops: not right
    tally_annotated(t, True, True, "wrong:1")   # named, a wrong crop
    tally_annotated(t, True, False, None)       # named, kept whole: a miss
    tally_annotated(t, False, False, None)      # names no panel, kept whole: right
    tally_annotated(t, False, True, "ok")       # names no panel yet rows came out: not counted as kept whole
    tally_annotated(t, None, False, None)       # unsure: in neither count
    assert t == {"named": 4, "named_ok": 1, "unnamed": 2, "unnamed_whole": 1}
