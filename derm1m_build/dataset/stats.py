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
    unlabelled: int = 0
    not_redistributable: int = 0

    @property
    def dropped(self) -> dict[str, dict[str, int]]:
        return {s: dict(sorted(m.get("dropped", {}).items())) for s, m in self.manifests.items()}


def _read_captions(cap: Path):
    """captions.csv as an Arrow table of strings ("" stays "", as pandas' keep_default_na=False kept it)."""
    import csv

    import pyarrow as pa
    import pyarrow.csv as pacsv

    with open(cap, newline="", encoding="utf-8") as f:
        header = next(csv.reader(f), [])
    return pacsv.read_csv(cap, read_options=pacsv.ReadOptions(block_size=1 << 26),
                          convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in header},
                                                               strings_can_be_null=False,
                                                               quoted_strings_can_be_null=False))


def _counts(col) -> list[tuple[Any, int]]:
    """(value, count) of an Arrow column, nulls as ""; one pass in C++, no Python object per row."""
    import pyarrow.compute as pc

    vc = pc.value_counts(pc.fill_null(col, ""))
    return list(zip(vc.field("values").to_pylist(), vc.field("counts").to_pylist()))


def _or_unknown(pairs) -> Counter:
    c: Counter = Counter()
    for v, n in pairs:
        c[v or "unknown"] += n
    return c


def load_stats(build: Path) -> BuildStats:
    """Counts over Arrow columns: value counts per column, JSON cells parsed once per distinct value."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from derm1m_build.stages.split import row_branch

    build = Path(build)
    cap = build / "dataset" / "captions.csv"
    if not cap.exists():
        raise UserError(f"{cap} not found; run `derm1m-build run` (or `split`) for {build} first")
    t = _read_captions(cap)
    words = (pc.count_substring_regex(t.column("caption"), r"\S+").to_pylist()  # CSV order (a join reorders)
             if "caption" in t.column_names else [0] * t.num_rows)
    store = StageStore(build / "work", "split")
    if store.manifest():
        want = [c for c in ("meta", "conditions", "concepts", "retrieved") if c not in t.column_names]
        if want:
            extra = [x for _, x in store.iter_tables(["sample_id", *want])]
            if extra:
                t = t.join(pa.concat_tables(extra), "sample_id", join_type="left outer")
    for c in ("meta", "conditions", "concepts", "retrieved", "caption", "filename"):
        if c not in t.column_names:
            t = t.append_column(c, pa.array([""] * t.num_rows, pa.string()))
    manifests = {}
    for s in STAGES:
        m = StageStore(build / "work", s).manifest()
        if m:
            manifests[s] = m
    images = pc.count_distinct(t.column("filename")).as_py() if t.num_rows else 0
    st = BuildStats(build=build, total=t.num_rows, images=images, manifests=manifests)
    st.sources = Counter(dict(_counts(t.column("source"))))
    st.source_types = _or_unknown(_counts(t.column("source_type")))
    st.licenses = _or_unknown(_counts(t.column("license")))
    st.modalities = _or_unknown(_counts(t.column("modality")))
    st.splits = Counter(dict(_counts(t.column("split"))))
    pairs = pa.table({"c": pc.fill_null(t.column("conditions"), ""), "s": pc.fill_null(t.column("split"), "")})
    for r in pairs.group_by(["c", "s"]).aggregate([("s", "count")]).to_pylist():  # distinct (conditions, split)
        conds = asserted(r["c"])
        n = r["s_count"]
        for name in sorted({m["name"] for m in conds}):
            st.conditions[name] += n
        for nid in sorted({nid for m in conds for nid in _ancestors(m)}):
            st.node_pairs[nid] += n
        if not conds:
            st.unlabelled += n
        st.branch_splits.setdefault(row_branch(r["c"]), Counter())[r["s"]] += n
    for v, n in _counts(t.column("concepts")):
        for name in sorted({m["name"] for m in asserted(v)}):
            st.concepts[name] += n
    for v, n in _counts(t.column("meta")):
        meta = parse_meta(v)
        st.skin_tone[fitzpatrick(meta) or "unknown"] += n
        if str(meta.get("redistributable", "")).lower() in ("false", "0", "no"):
            st.not_redistributable += n
    st.caption_words = words
    day = pc.utf8_slice_codeunits(pc.fill_null(t.column("retrieved"), ""), 0, 10)
    dated = pa.table({"source": t.column("source"), "day": day}).filter(pc.not_equal(day, ""))
    agg = dated.group_by("source").aggregate([("day", "min"), ("day", "max")]).to_pylist()
    st.retrieved = {r["source"]: (r["day_min"], r["day_max"]) for r in sorted(agg, key=lambda r: r["source"])}
    return st


def _ancestors(match: dict) -> list[str]:
    """The match's node and its ancestors, as names along its path (the tree is drawn by name)."""
    return list(match.get("path") or [match.get("name")])


def build_recipe_name(build: Path) -> str:
    try:
        return read_json(Path(build) / "build.json").get("recipe", "")
    except (OSError, ValueError):
        return ""
