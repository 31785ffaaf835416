"""The split stage: leak-free, group-aware, stable splits.

The unit is the connected component of every tie between rows: same group_id (video, article, thread,
document), same near-duplicate cluster, same patient or lesion id given by a source in `meta`
(`tie_meta_keys`). A component's split is a function of its id alone -- the smallest source/group_id in it,
hashed with the recipe's salt -- so adding a source later never moves rows that it does not tie to.

Stratification by top-level condition branch, two ways (`stratify` in the recipe):
- `hash` (default): the split is a hash of the component id alone, so every branch is split in the
  recipe's ratios up to sampling noise and adding a source never moves an existing row;
- `balanced`: within each branch, components in hash order go to the split furthest below its share
  (counted in rows), so every branch matches the ratios to within one component -- exact, deterministic
  from the same input, but adding rows of a branch can move later components of that branch.
A component's branch is the branch most of its rows carry (ties: first by name; no condition:
`unlabelled`); the counts per branch and split are in the report and the datasheet.

At the end of `fit` the leakage check (derm1m_build/dataset/leakage.py, also run by `verify`) looks at
every tie again and fails the build naming the group that spans two splits.

`fit` sees every row of the build at once (a component can span every shard), so it works on Arrow
columns and NumPy arrays, never on a Python dict per row: the ties become edges of a sparse graph
(SciPy's connected components), the smallest group per component an Arrow `min` aggregation, and
the result a `SplitAssignment` (sorted ids + one byte per row) that every `apply` worker unpickles.
A million rows cost tens of megabytes here, not gigabytes. `components` below is the same rule
written row by row: the tests hold the two to the same answers.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pydantic import Field, model_validator

from derm1m_build import schema
from derm1m_build.dataset.leakage import (DEFAULT_TIE_META_KEYS, encoded_ties, find_leaks, leaking_rows,
                                          nonempty, tie_keys)
from derm1m_build.errors import UserError
from derm1m_build.filtering.dedup import UnionFind
from derm1m_build.hashing import stable_unit
from derm1m_build.recipe import Section
from derm1m_build.stage import Resources, Stage, StageResult
from derm1m_build.store import write_json

UNLABELLED = "unlabelled"


class SplitConfig(Section):
    train: float = Field(0.8, ge=0, le=1)
    val: float = Field(0.1, ge=0, le=1)
    test: float = Field(0.1, ge=0, le=1)
    salt: str = "derm1m-build"
    stratify: Literal["hash", "balanced"] = Field("hash", description="hash: stable when sources are added; "
                                                  "balanced: exact per-branch ratios")
    tie_meta_keys: tuple[str, ...] = Field(DEFAULT_TIE_META_KEYS,
                                           description="keys of `meta` whose values tie rows (patient, lesion)")

    @model_validator(mode="after")
    def _sum(self) -> "SplitConfig":
        if abs(self.train + self.val + self.test - 1.0) > 1e-6:
            raise ValueError("train + val + test must be 1")
        return self


def row_branch(conditions: Any) -> str:
    """Top-level condition branch of a row: the first path element of its asserted conditions."""
    try:
        matches = json.loads(conditions or "[]")
    except (TypeError, ValueError):
        return UNLABELLED
    branches = sorted({m["path"][0] for m in matches
                       if m.get("path") and not m.get("negated") and not m.get("uncertain")})
    return branches[0] if branches else UNLABELLED


def components(rows: list[dict[str, Any]], meta_keys: tuple[str, ...]) -> dict[str, str]:
    """sample_id -> component id (the smallest `source/group_id` among the component's rows)."""
    uf = UnionFind()
    for r in rows:
        for k in tie_keys(r, meta_keys) or [f"s:{r['sample_id']}"]:
            uf.union(f"s:{r['sample_id']}", k)
    smallest: dict[str, str] = {}
    for r in rows:
        root = uf.find(f"s:{r['sample_id']}")
        gid = f"{r.get('source', '')}/{r['group_id']}" if r.get("group_id") else f"sample/{r['sample_id']}"
        if root not in smallest or gid < smallest[root]:
            smallest[root] = gid
    return {r["sample_id"]: smallest[uf.find(f"s:{r['sample_id']}")] for r in rows}


def component_ids(table: pa.Table, meta_keys: tuple[str, ...],
                  ties: tuple[np.ndarray, np.ndarray, int] | None = None) -> pa.Array:
    """Each row's component id (as `components`), for a table: rows and tie keys are the nodes of one
    sparse graph, each tie an edge between its row and its key. `ties`: `encoded_ties(table, meta_keys)`
    when the caller has them already."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = table.num_rows
    if n == 0:
        return pa.array([], pa.string())
    rows, key_idx, n_keys = ties if ties is not None else encoded_ties(table, meta_keys)
    size = n + n_keys
    graph = coo_matrix((np.ones(len(rows), np.int8), (rows, key_idx + n)), shape=(size, size))
    _, labels = connected_components(graph, directed=False)
    group = table["group_id"].cast(pa.string())
    has_group = pa.array(nonempty(group))
    gid = pc.if_else(has_group,
                     pc.binary_join_element_wise(pc.fill_null(table["source"].cast(pa.string()), ""),
                                                 pc.fill_null(group, ""), "/"),
                     pc.binary_join_element_wise(pa.scalar("sample"), table["sample_id"].cast(pa.string()), "/"))
    per_row = pa.table({"lab": labels[:n], "gid": gid})
    smallest = per_row.group_by("lab").aggregate([("gid", "min")])
    by_label = np.empty(labels[:n].max() + 1, object)
    lab_col = np.asarray(smallest["lab"])
    by_label[lab_col] = np.asarray(smallest["gid_min"].to_pylist(), object)
    return pa.array(by_label[labels[:n]], pa.string())


SPLIT_CODES = {"train": 0, "val": 1, "test": 2}


def fixed_width_ids(ids: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """Sample ids as a NumPy fixed-width bytes array. Ids of one length (the 20-hex-digit ids every
    source makes) are read straight from Arrow's buffer, no Python string per row."""
    arr = ids.cast(pa.binary())
    if isinstance(arr, pa.ChunkedArray):
        arr = arr.combine_chunks()
    if len(arr) == 0:
        return np.empty(0, "S1")
    lengths = pc.binary_length(arr)
    width = pc.max(lengths).as_py()
    if arr.null_count == 0 and width and pc.min(lengths).as_py() == width:
        offsets = np.frombuffer(arr.buffers()[1], np.int32, len(arr) + 1, arr.offset * 4)
        data = np.frombuffer(arr.buffers()[2], np.uint8)[offsets[0]:offsets[-1]]
        return data.view(f"S{width}").copy()
    return np.array(arr.to_pylist(), dtype=bytes)


class SplitAssignment(Mapping):
    """sample_id -> split, held as sorted ids and one code byte per row.

    The state `fit` hands to every `apply` worker: a dict of a million strings would cost each worker
    hundreds of megabytes and seconds to unpickle; these two arrays cost ~21 bytes a row. Compares
    equal to the dict it stands for."""

    def __init__(self, sample_ids: np.ndarray, codes: np.ndarray):
        order = np.argsort(sample_ids, kind="stable")
        self.ids = np.ascontiguousarray(sample_ids[order])
        self.codes = np.ascontiguousarray(codes[order].astype(np.uint8))

    @classmethod
    def from_splits(cls, sample_ids: list[str], splits: list[str]) -> "SplitAssignment":
        ids = np.array([s.encode("utf-8") for s in sample_ids], dtype=bytes) if sample_ids else np.empty(0, "S1")
        return cls(ids, np.array([SPLIT_CODES[s] for s in splits], np.uint8))

    def codes_for(self, sample_ids: pa.Array | pa.ChunkedArray) -> np.ndarray:
        """Split codes for many ids at once; KeyError names the first id the fit never saw."""
        want = fixed_width_ids(sample_ids)
        pos = np.searchsorted(self.ids, want)
        pos_c = np.minimum(pos, max(len(self.ids) - 1, 0))
        found = (pos < len(self.ids)) & (self.ids[pos_c] == want) if len(self.ids) else np.zeros(len(want), bool)
        if not found.all():
            raise KeyError(want[~found][0].decode("utf-8"))
        return self.codes[pos_c]

    def __getitem__(self, sample_id: str) -> str:
        return SPLIT_NAMES[int(self.codes_for(pa.array([sample_id]))[0])]

    def __iter__(self) -> Iterator[str]:
        return (b.decode("utf-8") for b in self.ids)

    def __len__(self) -> int:
        return len(self.ids)


def assign(component_id: str, cfg: SplitConfig) -> str:
    u = stable_unit(component_id, cfg.salt)
    return "train" if u < cfg.train else ("val" if u < cfg.train + cfg.val else "test")


SPLIT_NAMES = ("train", "val", "test")


def assign_balanced(sizes: dict[str, int], stratum: dict[str, str], cfg: SplitConfig) -> dict[str, str]:
    """component id -> split: per branch, components in hash order go to the split with the largest
    deficit against its target share of the rows seen so far (ties: train, val, test)."""
    ratio = {"train": cfg.train, "val": cfg.val, "test": cfg.test}
    out: dict[str, str] = {}
    for b in sorted(set(stratum.values())):
        counts = dict.fromkeys(SPLIT_NAMES, 0)
        total = 0
        for cid in sorted((c for c, s in stratum.items() if s == b), key=lambda c: (stable_unit(c, cfg.salt), c)):
            total += sizes[cid]
            best = max(SPLIT_NAMES, key=lambda s: (ratio[s] * total - counts[s], -SPLIT_NAMES.index(s)))
            counts[best] += sizes[cid]
            out[cid] = best
    return out


def strata(rows: list[dict[str, Any]], comp: dict[str, str]) -> dict[str, str]:
    """component id -> its branch (majority of its rows' branches, ties by name)."""
    return majority_branches((comp[r["sample_id"]], row_branch(r.get("conditions"))) for r in rows)


def majority_branches(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """(component id, row branch) pairs -> component id -> the branch most of its rows carry (ties: by name)."""
    votes: dict[str, Counter] = {}
    for cid, branch in pairs:
        votes.setdefault(cid, Counter())[branch] += 1
    return {c: min(v.items(), key=lambda kv: (-kv[1], kv[0]))[0] for c, v in votes.items()}


class SplitStage(Stage):
    name = "split"
    resources = Resources(cpus=1)
    fit_columns = ("sample_id", "source", "group_id", "dup_cluster", "meta", "conditions")

    def __init__(self, config: Any, ctx: Any, recipe: Any = None):
        super().__init__(config, ctx, recipe)
        if config.stratify != "balanced":  # rows' conditions only matter for balanced strata
            self.fit_columns = tuple(c for c in self.fit_columns if c != "conditions")

    def process_batch(self, rows: pa.Table) -> StageResult:
        return StageResult(schema.conform(rows, self.out_schema), self.excluded_from([]), {})

    def _dropped_copies(self, table: pa.Table) -> pa.Table | None:
        """Rows the filter dropped as `duplicate` whose group still has rows here: each ties its group to
        its representative's duplicate cluster (same image = same split group), e.g. an ISIC 2019 copy of
        a HAM10000 image keeps the ISIC lesion's other images in the HAM lesion's split."""
        import glob

        import pyarrow.parquet as pq

        files = sorted(glob.glob(str(self.ctx.work / "filter" / "_excluded" / "part-*.parquet")))
        cols = [c for c in table.column_names]
        parts = []
        for f in files:
            t = pq.read_table(f)
            if not {"reason", "group_id", "dup_cluster"} <= set(t.column_names):
                continue
            t = t.filter(pc.equal(t["reason"], "duplicate"))
            if t.num_rows:
                parts.append(t.select([c for c in cols if c in t.column_names]))
        if not parts:
            return None
        dup = pa.concat_tables(parts, promote_options="default")
        key = lambda t: pc.binary_join_element_wise(pc.fill_null(t["source"].cast(pa.string()), ""),  # noqa: E731
                                                    pc.fill_null(t["group_id"].cast(pa.string()), ""), "/")
        dup = dup.filter(pc.is_in(key(dup), key(table)))
        dup = dup.filter(pc.invert(pc.is_in(dup["sample_id"], table["sample_id"])))
        if not dup.num_rows:
            return None
        dup = dup.take(pc.sort_indices(dup, [("sample_id", "ascending")]))
        return pa.table({c: (dup[c] if c in dup.column_names else pa.nulls(dup.num_rows)).cast(table.schema.field(c).type)
                         for c in cols})

    def fit(self, table: pa.Table) -> SplitAssignment:
        c = self.config
        meta_keys = tuple(c.tie_meta_keys)
        n_rows = table.num_rows
        ghosts = self._dropped_copies(table) if n_rows else None
        if ghosts is not None:  # ties only: they are not in the output
            table = pa.concat_tables([table, ghosts])
        ties = encoded_ties(table, meta_keys)  # once, for the components and the leakage check
        comp = component_ids(table, meta_keys, ties)
        if isinstance(comp, pa.ChunkedArray):
            comp = comp.combine_chunks()
        enc = pc.dictionary_encode(comp)
        comp_names = enc.dictionary.to_pylist()
        if c.stratify == "balanced":
            branches = _branches(table["conditions"])
            sizes = Counter(dict(zip(comp_names, np.bincount(np.asarray(enc.indices), minlength=len(comp_names)).tolist())))
            stratum = majority_branches((comp_names[ci], b) for ci, b in zip(np.asarray(enc.indices).tolist(), branches))
            by_comp = assign_balanced(sizes, stratum, c)
            comp_codes = np.array([SPLIT_CODES[by_comp[cid]] for cid in comp_names], np.uint8)
        else:
            comp_codes = np.array([SPLIT_CODES[assign(cid, c)] for cid in comp_names], np.uint8)
        codes = comp_codes[np.asarray(enc.indices)] if len(comp_names) else np.empty(0, np.uint8)
        leaks = self._leaks(table, codes, meta_keys, ties)
        if leaks:
            raise UserError(f"split: {leaks[0]}" + (f" (and {len(leaks) - 1} more)" if len(leaks) > 1 else ""))
        # `verify` reads which meta keys tied rows, to check the same ties on the finished dataset; the
        # datasheet says how the splits were stratified.
        write_json(self.ctx.work / self.name / "_ties.json",
                   {"tie_meta_keys": list(c.tie_meta_keys), "stratify": c.stratify})
        return SplitAssignment(fixed_width_ids(table["sample_id"][:n_rows]), codes[:n_rows])

    @staticmethod
    def _leaks(table: pa.Table, codes: np.ndarray, meta_keys: tuple[str, ...], ties) -> list[str]:
        """The leakage check on arrays; only the rows of leaking ties (none, in a sound build) become dicts."""
        bad = leaking_rows(table, codes, meta_keys, ties)
        if not len(bad):
            return []
        sub = [{**r, "split": SPLIT_NAMES[codes[i]]} for i, r in zip(bad, table.take(pa.array(bad)).to_pylist())]
        return find_leaks(sorted(sub, key=lambda r: r["sample_id"]), meta_keys)

    def apply(self, rows: pa.Table, state: SplitAssignment) -> StageResult:
        codes = state.codes_for(rows["sample_id"])
        split = pa.array(np.array(SPLIT_NAMES, object)[codes] if len(codes) else [], pa.string())
        sha = rows["image_sha256"].cast(pa.string())
        filename = pc.binary_join_element_wise(
            pa.scalar("images"), pc.utf8_slice_codeunits(sha, 0, 2),
            pc.binary_join_element_wise(sha, rows["image_ext"].cast(pa.string()), "."), "/")
        out = rows.drop_columns([c for c in ("split", "filename") if c in rows.column_names])
        out = out.append_column("split", split).append_column("filename", filename)
        return StageResult(schema.conform(out, self.out_schema), self.excluded_from([]), {})


def _branches(conditions: pa.ChunkedArray) -> list[str]:
    """`row_branch` of every row; identical condition lists are parsed once."""
    cache: dict[Any, str] = {}
    out = []
    for text in conditions.to_pylist():
        b = cache.get(text)
        if b is None:
            b = cache[text] = row_branch(text)
        out.append(b)
    return out
