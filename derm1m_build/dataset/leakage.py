"""Ties between rows and the leakage check shared by the split stage and `verify`.

Two rows are tied when they share a group (video, article, thread, document), a near-duplicate
cluster, or a patient/lesion id that a source put in `meta`. The split stage keeps every tie inside one
split; this module checks that, tie by tie, so a failure names the exact group that leaks. Checking each
tie key is enough: a connected component spans two splits only if one of its ties does.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

# meta keys whose values tie rows together (patient and lesion ids from public datasets, forums, ...)
DEFAULT_TIE_META_KEYS: tuple[str, ...] = ("patient_id", "lesion_id")

KIND_NAMES = {"g": "group", "d": "duplicate cluster", "m": "meta"}


def parse_meta(meta: Any) -> dict[str, Any]:
    if isinstance(meta, dict):
        return meta
    if not meta:
        return {}
    try:
        out = json.loads(meta)
    except (TypeError, ValueError):
        return {}
    return out if isinstance(out, dict) else {}


def tie_keys(row: dict[str, Any], meta_keys: Iterable[str] = DEFAULT_TIE_META_KEYS) -> list[str]:
    """Every tie of one row as a namespaced key: `g:<source>:<group_id>`, `d:<dup_cluster>`,
    `m:<source>:<key>=<value>`. Groups and meta ids are namespaced by source (two datasets may both number
    their patients from 1); duplicate clusters are not: the same image in two sources is one unit.
    """
    keys = []
    if row.get("group_id"):
        keys.append(f"g:{row.get('source', '')}:{row['group_id']}")
    if row.get("dup_cluster"):
        keys.append(f"d:{row['dup_cluster']}")
    meta = parse_meta(row.get("meta"))
    for k in meta_keys:
        v = meta.get(k)
        if v not in (None, ""):
            keys.append(f"m:{row.get('source', '')}:{k}={v}")
    return keys


def describe(key: str) -> tuple[str, str]:
    """(what, source) of a tie key: ("group youtube-003", "youtube"), ("patient_id=17", "isic"), ..."""
    kind, _, rest = key.partition(":")
    if kind in ("g", "m"):
        src, _, what = rest.partition(":")
        return (f"group {what}" if kind == "g" else what), src
    return f"{KIND_NAMES.get(kind, kind)} {rest}", ""


def find_leaks(rows: Iterable[dict[str, Any]], meta_keys: Iterable[str] = DEFAULT_TIE_META_KEYS,
               split_key: str = "split") -> list[str]:
    """One problem line per tie whose rows lie in more than one split, e.g.
    `leak: group youtube-003 is in both train and test (source youtube; rows 3e1f..., 9a0c...)`."""
    meta_keys = tuple(meta_keys)
    seen: dict[str, dict[str, str]] = {}  # tie -> split -> first sample_id
    for r in rows:
        for k in tie_keys(r, meta_keys):
            seen.setdefault(k, {}).setdefault(r[split_key], r.get("sample_id", ""))
    problems = []
    for k in sorted(seen):
        splits = seen[k]
        if len(splits) > 1:
            names = sorted(splits, key=_split_order)
            what, src = describe(k)
            problems.append(f"leak: {what} is in both {' and '.join(names)} "
                            f"({f'source {src}; ' if src else ''}rows {', '.join(splits[s] for s in names)})")
    return problems


def _split_order(s: str) -> tuple[int, str]:
    order = {"train": 0, "val": 1, "test": 2}
    return (order.get(s, 9), s)


# --------------------------------------------------------------------------------------------
# the same ties for a whole table at once (the split stage's fit and `verify` over a million rows)

def nonempty(col: pa.ChunkedArray) -> np.ndarray:
    col = col.cast(pa.string())
    return np.asarray(pc.fill_null(pc.not_equal(col, ""), False))


def tie_edges(table: pa.Table, meta_keys: tuple[str, ...]) -> tuple[np.ndarray, pa.Array]:
    """(row index, tie key) for every tie of every row -- `tie_keys` for a whole table at once.

    Only rows whose `meta` text mentions one of the keys are parsed as JSON: most rows carry no
    patient or lesion id, and a million `json.loads` would cost more than the rest of the fit."""
    n = table.num_rows
    source = pc.fill_null(table["source"].cast(pa.string()), "")
    rows_parts: list[np.ndarray] = []
    key_parts: list[pa.Array] = []
    for prefix, col, parts in (("g", "group_id", (source,)), ("d", "dup_cluster", ())):
        if col not in table.column_names:
            continue
        values = table[col].cast(pa.string())
        idx = np.flatnonzero(nonempty(values))
        if len(idx):
            take = pa.array(idx)
            keys = pc.binary_join_element_wise(pa.scalar(prefix), *[p.take(take) for p in parts],
                                               values.take(take), ":")
            rows_parts.append(idx)
            key_parts.append(keys.combine_chunks() if isinstance(keys, pa.ChunkedArray) else keys)
    if meta_keys and "meta" in table.column_names:
        meta = pc.fill_null(table["meta"].cast(pa.string()), "")
        hit = np.zeros(n, bool)
        for k in meta_keys:
            hit |= np.asarray(pc.match_substring(meta, f'"{k}"'))
        idx = np.flatnonzero(hit)
        m_rows, m_keys = [], []
        for i, text, src in zip(idx, meta.take(pa.array(idx)).to_pylist(), source.take(pa.array(idx)).to_pylist()):
            m = parse_meta(text)
            for k in meta_keys:
                v = m.get(k)
                if v not in (None, ""):
                    m_rows.append(i)
                    m_keys.append(f"m:{src}:{k}={v}")
        if m_rows:
            rows_parts.append(np.asarray(m_rows, np.int64))
            key_parts.append(pa.array(m_keys, pa.string()))
    if not rows_parts:
        return np.empty(0, np.int64), pa.array([], pa.string())
    return np.concatenate(rows_parts).astype(np.int64), pa.concat_arrays(key_parts)


def encoded_ties(table: pa.Table, meta_keys: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, int]:
    """`tie_edges` with each key as a number: (row index, key index, number of distinct keys)."""
    rows, keys = tie_edges(table, meta_keys)
    enc = pc.dictionary_encode(keys)
    return rows, np.asarray(enc.indices, np.int64), len(enc.dictionary)


def leaking_rows(table: pa.Table, codes: np.ndarray, meta_keys: tuple[str, ...],
                 ties: tuple[np.ndarray, np.ndarray, int] | None = None) -> np.ndarray:
    """Sorted indices of the rows whose ties span more than one split (`codes`: one small int per row).

    A tie leaks when its rows' smallest and largest split codes differ: two `ufunc.at` passes over the
    tie edges, no Python object per row. `find_leaks` on just these rows gives the messages. `ties`:
    `encoded_ties(table, meta_keys)` when the caller has them already."""
    rows, key_idx, k = ties if ties is not None else encoded_ties(table, meta_keys)
    if not len(rows):
        return np.empty(0, np.int64)
    codes = np.asarray(codes, np.int64)
    lo, hi = np.full(k, np.iinfo(np.int64).max), np.full(k, np.iinfo(np.int64).min)
    np.minimum.at(lo, key_idx, codes[rows])
    np.maximum.at(hi, key_idx, codes[rows])
    return np.unique(rows[(lo != hi)[key_idx]])
