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


def _first_k(t: pa.Table, group: str, k: int) -> pa.Table:
    """Per value of `group`, the k rows with the smallest sample_id (rows without an image left out), in
    sample_id order. One sort of the ids; the rank within each group comes from a stable NumPy sort of the
    group codes; only the chosen rows of the wide table are copied."""
    import numpy as np

    idx = np.flatnonzero(pc.not_equal(t["filename"], "").to_numpy(zero_copy_only=False))
    if len(idx) == 0:
        return t.slice(0, 0)
    idx = idx[pc.sort_indices(t["sample_id"].take(pa.array(idx))).to_numpy()]  # image rows by sample_id
    codes = t[group].combine_chunks().dictionary_encode().indices.to_numpy(zero_copy_only=False)[idx]
    order = np.argsort(codes, kind="stable")  # grouped, sample_id order kept within each group
    sc = codes[order]
    starts = np.flatnonzero(np.r_[True, sc[1:] != sc[:-1]])
    rank = np.arange(len(sc)) - np.repeat(starts, np.diff(np.r_[starts, len(sc)]))
    chosen = np.sort(order[rank < k])  # positions in `idx`, back in sample_id order
    return t.take(pa.array(idx[chosen]))


class ShippedCounter:
    """Label counts and gallery candidates, fed captions.csv one block (an Arrow table holding at least
    GALLERY_COLUMNS) at a time: per source and per label only the `per_group` rows with the smallest
    sample_id (a hash: an even, stable spread) are kept, so memory holds a few rows per group."""

    def __init__(self, nodes: list[dict[str, Any]], per_group: int = 4, top_labels: int = 8):
        self.nodes, self.per_group, self.top_labels = nodes, per_group, top_labels
        self.labels: Counter = Counter()
        self.pairs: Counter = Counter()
        self.by_source: list[pa.Table] = []
        self.by_label: list[pa.Table] = []
        self.sources: set[str] = set()

    def add(self, t: pa.Table) -> None:
        t = t.select(list(GALLERY_COLUMNS))
        for c in pc.value_counts(t["disease_label"]).to_pylist():
            self.labels[c["values"]] += c["counts"]
        for c in pc.value_counts(pc.binary_join_element_wise(t["disease_label"], t["split"], "\x00")).to_pylist():
            self.pairs[c["values"]] += c["counts"]
        self.sources.update(pc.unique(t["source"]).to_pylist())
        self.by_source.append(_first_k(t, "source", self.per_group))
        self.by_label.append(_first_k(t.filter(pc.not_equal(t["disease_label"], "")), "disease_label", self.per_group))

    def result(self) -> Shipped:
        sh = Shipped()
        sh.labels = Counter({v: n for v, n in self.labels.items() if v})
        sh.unlabelled = self.labels.get("", 0)
        paths = ancestry(self.nodes)
        for label, n in sh.labels.items():
            for name in paths.get(label, [label]):
                sh.label_nodes[name] += n
        for v, n in self.pairs.items():
            label, split = v.split("\x00", 1)
            branch = paths.get(label, ["unlabelled"])[0] if label else "unlabelled"
            sh.label_branch_splits.setdefault(branch, Counter())[split] += n
        empty = pa.schema([(c, pa.string()) for c in GALLERY_COLUMNS]).empty_table()
        src = _first_k(pa.concat_tables(self.by_source or [empty]), "source", self.per_group).to_pylist()
        lab = _first_k(pa.concat_tables(self.by_label or [empty]), "disease_label", self.per_group).to_pylist()
        sources: dict[str, list[dict[str, Any]]] = {}
        for r in src:
            sources.setdefault(r["source"], []).append(r)
        sh.by_source = {name: sources.get(name, []) for name in sorted(self.sources)}
        labelled: dict[str, list[dict[str, Any]]] = {}
        for r in lab:
            labelled.setdefault(r["disease_label"], []).append(r)
        for label, _ in sorted(sh.labels.items(), key=lambda kv: (-kv[1], kv[0]))[:self.top_labels]:
            sh.by_label[label] = labelled.get(label, [])
        return sh


def load_shipped(captions: Path, nodes: list[dict[str, Any]], per_group: int = 4, top_labels: int = 8) -> Shipped:
    """One streamed pass over captions.csv (a block at a time): label and label-split counts, and the
    gallery's pairs per source and per top label (`ShippedCounter`). The report gets the same from the
    statistics' own pass (`load_stats(..., shipped_nodes=...)`)."""
    from derm1m_build.dataset.stats import csv_batches, csv_header

    captions = Path(captions)
    missing = [c for c in GALLERY_COLUMNS if c not in csv_header(captions)]
    if missing:
        raise KeyError(missing[0])
    acc = ShippedCounter(nodes, per_group, top_labels)
    for batch in csv_batches(captions, list(GALLERY_COLUMNS)):
        acc.add(pa.Table.from_batches([batch]))
    return acc.result()


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
