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
    rows: list[dict[str, Any]]
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
    unlabelled: int = 0
    not_redistributable: int = 0

    @property
    def dropped(self) -> dict[str, dict[str, int]]:
        return {s: dict(sorted(m.get("dropped", {}).items())) for s, m in self.manifests.items()}


def load_stats(build: Path) -> BuildStats:
    import pandas as pd

    from derm1m_build.stages.split import row_branch

    build = Path(build)
    cap = build / "dataset" / "captions.csv"
    if not cap.exists():
        raise UserError(f"{cap} not found; run `derm1m-build run` (or `split`) for {build} first")
    df = pd.read_csv(cap, dtype=str, keep_default_na=False)
    extra: dict[str, dict] = {}
    store = StageStore(build / "work", "split")
    if store.manifest():
        for _, t in store.iter_tables(["sample_id", "meta", "conditions", "concepts", "retrieved"]):
            for r in t.to_pylist():
                extra[r["sample_id"]] = r
    rows = [{**extra.get(r["sample_id"], {}), **r} for r in df.to_dict("records")]
    manifests = {}
    for s in STAGES:
        m = StageStore(build / "work", s).manifest()
        if m:
            manifests[s] = m
    st = BuildStats(build=build, rows=rows, manifests=manifests)
    dates: dict[str, list[str]] = {}
    for r in rows:
        st.sources[r["source"]] += 1
        st.source_types[r["source_type"] or "unknown"] += 1
        st.licenses[r["license"] or "unknown"] += 1
        st.modalities[r["modality"] or "unknown"] += 1
        st.splits[r["split"]] += 1
        conds = asserted(r.get("conditions"))
        for name in sorted({m["name"] for m in conds}):
            st.conditions[name] += 1
        for nid in sorted({nid for m in conds for nid in _ancestors(m)}):
            st.node_pairs[nid] += 1
        if not conds:
            st.unlabelled += 1
        for name in sorted({m["name"] for m in asserted(r.get("concepts"))}):
            st.concepts[name] += 1
        meta = parse_meta(r.get("meta"))
        st.skin_tone[fitzpatrick(meta) or "unknown"] += 1
        if str(meta.get("redistributable", "")).lower() in ("false", "0", "no"):
            st.not_redistributable += 1
        st.branch_splits.setdefault(row_branch(r.get("conditions")), Counter())[r["split"]] += 1
        st.caption_words.append(len((r.get("caption") or "").split()))
        if r.get("retrieved"):
            dates.setdefault(r["source"], []).append(r["retrieved"][:10])
    st.retrieved = {s: (min(d), max(d)) for s, d in sorted(dates.items())}
    return st


def _ancestors(match: dict) -> list[str]:
    """The match's node and its ancestors, as names along its path (the tree is drawn by name)."""
    return list(match.get("path") or [match.get("name")])


def build_recipe_name(build: Path) -> str:
    try:
        return read_json(Path(build) / "build.json").get("recipe", "")
    except (OSError, ValueError):
        return ""
