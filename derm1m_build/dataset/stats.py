"""What the report and the datasheet show, computed once from a finished build.

Reads `dataset/captions.csv` (the product) and joins the columns the CSV leaves out (meta,
conditions, concepts, retrieved) from `work/split`; drops per stage come from `work/*/_manifest.json`.
Every count is sorted, so the figures and the datasheet come out the same for the same build.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from derm1m_build.dataset.leakage import parse_meta
from derm1m_build.errors import UserError
from derm1m_build.schema import STAGES
from derm1m_build.store import StageStore, read_json

SKIN_TONE_KEYS = ("fitzpatrick", "fitzpatrick_type", "fitzpatrick_skin_type", "fitzpatrick_scale", "fst",
                  "skin_type")
FITZPATRICK = ("I", "II", "III", "IV", "V", "VI")
_ROMAN = {r: r for r in FITZPATRICK} | {str(i + 1): r for i, r in enumerate(FITZPATRICK)}


def fitzpatrick(meta: dict[str, Any]) -> str | None:
    """Fitzpatrick type I-VI from a row's meta (`fitzpatrick: 3`, `"FST III"`, `"type 4"`), else None."""
    for k in SKIN_TONE_KEYS:
        v = meta.get(k)
        if v in (None, ""):
            continue
        m = re.search(r"\b(VI|IV|V|III|II|I|[1-6])\b", str(v).upper().replace("FST", " ").replace("TYPE", " "))
        if m:
            return _ROMAN[m.group(1)]
    return None


def asserted(matches_json: str | None) -> list[dict]:
    import json

    try:
        ms = json.loads(matches_json or "[]")
    except ValueError:
        return []
    return [m for m in ms if not m.get("negated") and not m.get("uncertain")]


@dataclass
class BuildStats:
    build: Path
    total: int
    images: int
    manifests: dict[str, dict]
    sources: Counter = field(default_factory=Counter)
    source_types: Counter = field(default_factory=Counter)
    licenses: Counter = field(default_factory=Counter)
    modalities: Counter = field(default_factory=Counter)
    splits: Counter = field(default_factory=Counter)
    conditions: Counter = field(default_factory=Counter)
    concepts: Counter = field(default_factory=Counter)
    node_pairs: Counter = field(default_factory=Counter)  # condition id -> pairs at or below it
    skin_tone: Counter = field(default_factory=Counter)
    branch_splits: dict[str, Counter] = field(default_factory=dict)
    caption_words: list[int] = field(default_factory=list)
    retrieved: dict[str, tuple[str, str]] = field(default_factory=dict)  # source -> (first, last)
    backends: Counter | None = None  # caption_backend -> rows (when captions.csv has the column)
    shipped: Any = None  # dataset.shipped.Shipped, when load_stats was given the ontology's nodes
    unlabelled: int = 0
    not_redistributable: int = 0

    @property
    def dropped(self) -> dict[str, dict[str, int]]:
        return {s: dict(sorted(m.get("dropped", {}).items())) for s, m in self.manifests.items()}


def csv_header(cap: Path) -> list[str]:
    import csv

    with open(cap, newline="", encoding="utf-8") as f:
        return next(csv.reader(f), [])


CSV_BLOCK = 1 << 24  # bytes of captions.csv parsed at a time (16 MB: ~20k rows)


def csv_batches(cap: Path, columns: list[str], block_size: int | None = None):
    """captions.csv's `columns` as a stream of Arrow record batches of strings ("" stays "", as pandas'
    keep_default_na=False kept it): a million-row file is never held whole, only a block at a time."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    reader = pacsv.open_csv(cap, read_options=pacsv.ReadOptions(block_size=block_size or CSV_BLOCK),
                            convert_options=pacsv.ConvertOptions(include_columns=columns,
                                                                 column_types={c: pa.string() for c in columns},
                                                                 strings_can_be_null=False,
                                                                 quoted_strings_can_be_null=False))
    for batch in reader:
        yield batch


def _filled(col):
    """Nulls as "" (a column without nulls is not copied)."""
    import pyarrow.compute as pc

    return col if col.null_count == 0 else pc.fill_null(col, "")


def word_counts(col):
    """Words per string of an Arrow string array, as `\\S+` matches (runs of bytes other than ASCII
    space, tab, newline, carriage return and form feed, as RE2 counts them), read straight from the
    array's UTF-8 buffer with NumPy: 5x less CPU than the regex kernel on a million captions."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    if col.type == pa.large_string() or col.null_count:
        return pc.count_substring_regex(_filled(col), r"\S+").to_numpy(zero_copy_only=False).astype(np.int64)
    n = len(col)
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    off = np.frombuffer(col.buffers()[1], dtype=np.int32)[col.offset:col.offset + n + 1]
    rel = (off - off[0]).astype(np.int64)
    if rel[-1] == 0:
        return np.zeros(n, dtype=np.int64)
    data = np.frombuffer(col.buffers()[2], dtype=np.uint8)[off[0]:off[-1]]
    space = (data == 32) | ((data >= 9) & (data <= 13) & (data != 11))
    start = ~space
    start[1:] &= space[:-1]  # a word starts after a space ...
    firsts = rel[:-1][rel[:-1] < rel[1:]]
    start[firsts] = ~space[firsts]  # ... or at a string's first byte
    cum = np.concatenate([[0], np.cumsum(start, dtype=np.int64)])
    return cum[rel[1:]] - cum[rel[:-1]]


def _add_counts(c: Counter, col) -> None:
    """Add an Arrow column's (value, count) pairs to `c`, nulls as ""; one pass in C++, no object per row."""
    import pyarrow.compute as pc

    vc = pc.value_counts(_filled(col))
    for v, n in zip(vc.field("values").to_pylist(), vc.field("counts").to_pylist()):
        c[v] += n


def _or_unknown(c: Counter) -> Counter:
    out: Counter = Counter()
    for v, n in c.items():
        out[v or "unknown"] += n
    return out


# Parts of a tag match that differ from row to row but no statistic reads (where in the text, how sure
# the fuzzy matcher was): dropped before counting distinct cells, so a million rows tagged with a few
# thousand label sets parse a few thousand JSON cells, not a million. tag writes json.dumps(sort_keys=True):
# `"score"` and `"span"` never come first (`"id"` does), and inside a JSON string a quote is escaped, so
# `, "span": ` only matches a key. A cell the patterns miss is only counted as its own distinct value.
_VOLATILE = (r', "score": -?[0-9.eE+-]+', r', "span": \[-?\d+, -?\d+\]')
# fitzpatrick() and the redistributable flag read only these keys; a meta without any of them is
# `unknown` skin tone and redistributable without parsing it.
_META_KEYS = r'"(fitzpatrick|fst"|skin_type"|redistributable")'


def _canonical_matches(col):
    """The cells without their volatile parts; the regexes run on the distinct cells only."""
    import pyarrow as pa
    import pyarrow.compute as pc

    col = _filled(col)
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    enc = col.dictionary_encode()
    values = enc.dictionary
    for pat in _VOLATILE:
        values = pc.replace_substring_regex(values, pat, "")
    return values.take(enc.indices)


def load_stats(build: Path, shipped_nodes: list[dict] | None = None) -> BuildStats:
    """Counts over Arrow columns, streamed: captions.csv a block at a time and work/split a shard at a
    time (joined on sample_id shard by shard), value counts merged across blocks, JSON cells parsed once
    per distinct value. Memory holds a few id/split/source/filename columns, never whole rows.

    With `shipped_nodes` (the ontology's nodes) the same pass over captions.csv also gives what the
    dataset ships (`st.shipped`: label counts, the gallery) and rows per caption back-end, so the report
    reads the file once."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from derm1m_build.stages.split import row_branch

    build = Path(build)
    cap = build / "dataset" / "captions.csv"
    if not cap.exists():
        raise UserError(f"{cap} not found; run `derm1m-build run` (or `split`) for {build} first")
    header = csv_header(cap)
    counted = [c for c in ("source", "source_type", "license", "modality", "split") if c in header]
    cols = list(dict.fromkeys([c for c in ("sample_id", "filename", "caption") if c in header] + counted))
    shipped = None
    if shipped_nodes is not None:
        from derm1m_build.dataset.shipped import GALLERY_COLUMNS, ShippedCounter

        missing = [c for c in GALLERY_COLUMNS if c not in header]
        if missing:
            raise KeyError(missing[0])
        shipped = ShippedCounter(shipped_nodes)
        cols = list(dict.fromkeys(cols + list(GALLERY_COLUMNS)))
    backends: Counter | None = None
    if "caption_backend" in header:
        backends = Counter()
        cols.append("caption_backend")
    counts: dict[str, Counter] = {c: Counter() for c in ("source", "source_type", "license", "modality", "split")}
    words, ids, splits, sources, files = [], [], [], [], []
    total = 0
    for batch in csv_batches(cap, cols):
        n = batch.num_rows
        total += n
        col = {c: batch.column(i) for i, c in enumerate(batch.schema.names)}
        if shipped is not None:
            shipped.add(pa.Table.from_batches([batch]))
        if backends is not None:
            _add_counts(backends, col["caption_backend"])
        for c in counted:
            _add_counts(counts[c], col[c])
        words.append(word_counts(col["caption"]) if "caption" in col else np.zeros(n, dtype=np.int64))  # CSV order
        empty = pa.array([""] * n, pa.string())
        ids.append(col.get("sample_id", empty))
        splits.append(col.get("split", empty).dictionary_encode())
        sources.append(col.get("source", empty).dictionary_encode())
        files.append(col.get("filename", empty))
    for c in ("source", "source_type", "license", "modality", "split"):
        if c not in counted and total:
            counts[c][""] += total
    manifests = {}
    for s in STAGES:
        m = StageStore(build / "work", s).manifest()
        if m:
            manifests[s] = m
    images = pc.count_distinct(pa.chunked_array(files, pa.string())).as_py() if total else 0
    st = BuildStats(build=build, total=total, images=images, manifests=manifests)
    st.sources = counts["source"]
    st.source_types = _or_unknown(counts["source_type"])
    st.licenses = _or_unknown(counts["license"])
    st.modalities = _or_unknown(counts["modality"])
    st.splits = counts["split"]
    st.caption_words = np.concatenate(words).tolist() if words else []
    st.backends = Counter({(k or "unknown"): v for k, v in backends.items()}) if backends is not None else None
    st.shipped = shipped.result() if shipped is not None else None

    # the columns captions.csv leaves out, from work/split, for the rows captions.csv holds
    keys = pa.table({"sample_id": pa.chunked_array(ids, pa.string()),
                     "split": pa.chunked_array([s.cast(pa.string()) for s in splits], pa.string()),
                     "source": pa.chunked_array([s.cast(pa.string()) for s in sources], pa.string())})
    del ids, splits, sources, files
    pairs: Counter = Counter()      # (conditions, split) -> rows
    concepts: Counter = Counter()
    metas: Counter = Counter()
    matched: Counter = Counter()    # split -> rows found in work/split
    days: dict[str, tuple[str, str]] = {}
    store = StageStore(build / "work", "split")
    pos = 0  # next row of captions.csv
    if store.manifest() and total:
        for _, shard in store.iter_tables(["sample_id", "meta", "conditions", "concepts", "retrieved"]):
            for c in ("meta", "conditions", "concepts", "retrieved"):
                if c not in shard.column_names:
                    shard = shard.append_column(c, pa.array([""] * shard.num_rows, pa.string()))
            shard = pa.table({"sample_id": shard["sample_id"],
                              "conditions": _canonical_matches(shard["conditions"]),
                              "concepts": _canonical_matches(shard["concepts"]),
                              "meta": _filled(shard["meta"]),
                              "day": pc.utf8_slice_codeunits(_filled(shard["retrieved"]), 0, 10)})
            n = shard.num_rows
            here = keys.slice(pos, n)
            if here.num_rows == n and n and pc.all(pc.equal(here["sample_id"], shard["sample_id"])).as_py():
                # the writer keeps work/split's order: the shard's rows are the next rows of captions.csv
                j = pa.table({**{c: here[c] for c in ("split", "source")},
                              **{c: shard[c] for c in ("conditions", "concepts", "meta", "day")}})
                pos += n
            else:  # rows removed (takedown): join; the shard is the hash side, captions' keys are probed
                j = keys.join(shard, "sample_id", join_type="inner", use_threads=False)
                pos += j.num_rows  # the shard's rows that remain are the next rows of captions.csv
            if j.num_rows == 0:
                continue
            _add_counts(matched, j["split"])
            for r in j.group_by(["conditions", "split"]).aggregate([("split", "count")]).to_pylist():
                pairs[(r["conditions"], r["split"])] += r["split_count"]
            _add_counts(concepts, j["concepts"])
            meta = j["meta"]
            flagged = pc.match_substring_regex(meta, _META_KEYS)
            metas[""] += j.num_rows - pc.sum(pc.cast(flagged, pa.int64())).as_py()
            _add_counts(metas, meta.filter(flagged))
            dated = pa.table({"source": j["source"], "day": j["day"]}).filter(pc.not_equal(j["day"], ""))
            for r in dated.group_by("source").aggregate([("day", "min"), ("day", "max")]).to_pylist():
                lo, hi = days.get(r["source"], (r["day_min"], r["day_max"]))
                days[r["source"]] = (min(lo, r["day_min"]), max(hi, r["day_max"]))
    del keys
    for s, n in st.splits.items():  # rows of captions.csv that work/split does not hold: empty cells
        if n > matched.get(s, 0):
            pairs[("", s)] += n - matched.get(s, 0)
    unmatched = total - sum(matched.values())
    if unmatched:
        concepts[""] += unmatched
        metas[""] += unmatched
    for (c, s), n in sorted(pairs.items()):
        conds = asserted(c)
        for name in sorted({m["name"] for m in conds}):
            st.conditions[name] += n
        for nid in sorted({nid for m in conds for nid in _ancestors(m)}):
            st.node_pairs[nid] += n
        if not conds:
            st.unlabelled += n
        st.branch_splits.setdefault(row_branch(c), Counter())[s] += n
    for v, n in sorted(concepts.items()):
        for name in sorted({m["name"] for m in asserted(v)}):
            st.concepts[name] += n
    for v, n in sorted(metas.items()):
        meta = parse_meta(v)
        st.skin_tone[fitzpatrick(meta) or "unknown"] += n
        if str(meta.get("redistributable", "")).lower() in ("false", "0", "no"):
            st.not_redistributable += n
    st.retrieved = dict(sorted(days.items()))
    return st


def _ancestors(match: dict) -> list[str]:
    """The match's node and its ancestors, as names along its path (the tree is drawn by name)."""
    return list(match.get("path") or [match.get("name")])


def build_recipe_name(build: Path) -> str:
    try:
        return read_json(Path(build) / "build.json").get("recipe", "")
    except (OSError, ValueError):
        return ""
