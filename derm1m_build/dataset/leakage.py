"""Ties between rows and the leakage check shared by the split stage and `verify`.

Two rows are tied when they share a group (video, article, thread, document), a near-duplicate
cluster, or a patient/lesion id that a source put in `meta`. The split stage keeps every tie inside one
split; this module checks that, tie by tie, so a failure names the exact group that leaks. Checking each
tie key is enough: a connected component spans two splits only if one of its ties does.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

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
