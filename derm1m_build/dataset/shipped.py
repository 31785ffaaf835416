"""What the dataset ships, as a reader of captions.csv sees it: label counts and a gallery of pairs.

The report's other counts come from the text (every asserted mention); a build whose `disease_label`
column is wrong would still look right there. These come from the columns a model trains on:
`disease_label` per pair, the ontology branch it sits in, and a deterministic sample of image-caption
pairs per source and per top label for a person to look at. captions.csv is read with Arrow, a few
columns at a time, so a million-row dataset costs one column scan, not a Python object per row.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

GALLERY_COLUMNS = ("sample_id", "filename", "truncated_caption", "disease_label", "skin_concept", "source",
                   "license", "modality", "split", "source_url")
SPLIT_NAMES = ("train", "val", "test")


@dataclass
class Shipped:
    labels: Counter = field(default_factory=Counter)              # disease_label -> pairs
    label_nodes: Counter = field(default_factory=Counter)         # node name -> pairs labelled at or below it
    label_branch_splits: dict[str, Counter] = field(default_factory=dict)  # branch -> split -> pairs
    unlabelled: int = 0
    by_source: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    by_label: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def read_columns(captions: Path, columns: tuple[str, ...]) -> pa.Table:
    opts = pacsv.ConvertOptions(include_columns=list(columns),
                                column_types={c: pa.string() for c in columns}, strings_can_be_null=False)
    return pacsv.read_csv(captions, read_options=pacsv.ReadOptions(block_size=1 << 24), convert_options=opts)


def ancestry(nodes: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Condition name -> its path of names from the top branch down to itself (the root left out)."""
    by_id = {n["id"]: n for n in nodes}
    out = {}
    for n in nodes:
        path, cur, seen = [], n, set()
        while cur and cur["id"] != "root" and cur["id"] not in seen:
            seen.add(cur["id"])
            path.append(cur["name"])
            cur = by_id.get(cur.get("parent"))
        out[n["name"]] = path[::-1]
    return out


def _pick(t: pa.Table, mask: pa.Array, k: int) -> list[dict[str, Any]]:
    """The k rows under `mask` with the smallest sample_id (a hash: an even, stable spread), with images."""
    sub = t.filter(pc.and_(mask, pc.not_equal(t["filename"], "")))
    if sub.num_rows == 0:
        return []
    idx = pc.sort_indices(sub["sample_id"])[:k]
    return sub.take(idx).to_pylist()


def load_shipped(captions: Path, nodes: list[dict[str, Any]], per_group: int = 4, top_labels: int = 8) -> Shipped:
    t = read_columns(Path(captions), GALLERY_COLUMNS)
    sh = Shipped()
    labels = t["disease_label"]
    counts = pc.value_counts(labels).to_pylist()
    sh.labels = Counter({c["values"]: c["counts"] for c in counts if c["values"]})
    sh.unlabelled = sum(c["counts"] for c in counts if not c["values"])
    paths = ancestry(nodes)
    for label, n in sh.labels.items():
        for name in paths.get(label, [label]):
            sh.label_nodes[name] += n
    pairs = pc.value_counts(pc.binary_join_element_wise(labels, t["split"], "\x00")).to_pylist()
    for c in pairs:
        label, split = c["values"].split("\x00", 1)
        branch = paths.get(label, ["unlabelled"])[0] if label else "unlabelled"
        sh.label_branch_splits.setdefault(branch, Counter())[split] += c["counts"]
    for source in sorted(pc.unique(t["source"]).to_pylist()):
        sh.by_source[source] = _pick(t, pc.equal(t["source"], source), per_group)
    for label, _ in sorted(sh.labels.items(), key=lambda kv: (-kv[1], kv[0]))[:top_labels]:
        sh.by_label[label] = _pick(t, pc.equal(labels, label), per_group)
    return sh


def split_warnings(branch_splits: dict[str, Counter], min_rows: int = 5) -> list[str]:
    """A line per condition branch with at least `min_rows` pairs that one split lacks entirely."""
    out = []
    for branch, c in sorted(branch_splits.items()):
        if branch == "unlabelled" or sum(c.values()) < min_rows:
            continue
        missing = [s for s in SPLIT_NAMES if not c.get(s)]
        if missing:
            out.append(f"{branch}: {sum(c.values())} pairs, none in {' or '.join(missing)}")
    return out
