"""`derm1m-build audit sample`: a stratified, reproducible sample of a build, written as an audit pack.

Rows are ordered within each stratum by sha256(seed, sample_id), so the same build, `--n` and `--seed`
always give the same items, and adding rows to one source never reshuffles another. The `--n` items are
spread evenly over the strata (a stratum smaller than its share gives the rest to the others), because a
precision per source needs items from every source, not only the largest. Excluded rows (what filters
removed, with their reason) can be added as their own strata, so a reviewer can judge the drops too.
"""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path
from typing import Any, Iterable

from derm1m_build.errors import UserError
from derm1m_build.schema import STAGES
from derm1m_build.store import StageStore, atomic_write_bytes, atomic_write_text

ITEM_COLUMNS = ("sample_id", "source", "source_type", "source_url", "license", "raw_text", "caption",
                "disease_label", "hierarchical_disease_label", "skin_concept", "body_location", "modality",
                "split", "filename", "image_sha256", "image_ext")
THUMB_SIDE = 384


def audit_dir(build: Path, name: str) -> Path:
    if not name or any(c in name for c in "/\\\0") or name.startswith("."):
        raise UserError(f"audit name {name!r}: use letters, digits, '-' or '_'")
    return Path(build) / "audit" / name


def _rank(seed: int, sample_id: str) -> str:
    return hashlib.sha256(f"{seed}\0{sample_id}".encode()).hexdigest()


def allocate(sizes: dict[str, int], n: int) -> dict[str, int]:
    """Spread n over strata as evenly as their sizes allow; what a small stratum cannot take goes to the
    others; leftover single items go to the first strata by name."""
    out = {k: 0 for k in sizes}
    left = n
    while left > 0:
        open_ = sorted(k for k in sizes if out[k] < sizes[k])
        if not open_:
            break
        share, extra = divmod(left, len(open_))
        for i, k in enumerate(open_):
            take = min(share + (1 if i < extra else 0), sizes[k] - out[k])
            out[k] += take
            left -= take
    return out


def _kept_rows(build: Path) -> list[dict[str, Any]]:
    store = StageStore(build / "work", "split")
    if not store.manifest():
        raise UserError(f"{build}: the split stage has not finished; run `derm1m-build run` first")
    rows = []
    for _, t in store.iter_tables([c for c in ITEM_COLUMNS]):
        rows.extend(t.to_pylist())
    return rows


def _excluded_rows(build: Path) -> list[dict[str, Any]]:
    rows = []
    for stage in STAGES:
        store = StageStore(build / "work", stage)
        for _, t in store.iter_excluded():
            cols = [c for c in (*ITEM_COLUMNS, "reason", "detail", "stage") if c in t.column_names]
            rows.extend(t.select(cols).to_pylist())
    return rows


def _thumb(build: Path, row: dict[str, Any]) -> bytes | None:
    from PIL import Image

    path = None
    if row.get("filename"):
        path = build / "dataset" / row["filename"]
    elif row.get("image_sha256") and row.get("image_ext"):
        sha = row["image_sha256"]
        path = build / "images" / sha[:2] / f"{sha}.{row['image_ext']}"
    if path is None or not path.is_file():
        return None
    with Image.open(path) as im:
        im = im.convert("RGB")
        im.thumbnail((THUMB_SIDE, THUMB_SIDE))
        buf = io.BytesIO()
        im.save(buf, "JPEG", quality=85)
    return buf.getvalue()


def _pick(rows: Iterable[dict[str, Any]], key, n_total: int, seed: int) -> list[dict[str, Any]]:
    strata: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        strata.setdefault(key(r), []).append(r)
    for k in strata:
        strata[k].sort(key=lambda r: _rank(seed, r["sample_id"]))
    take = allocate({k: len(v) for k, v in strata.items()}, n_total)
    return [r for k in sorted(strata) for r in strata[k][:take[k]]]


def sample(build: Path, name: str, n: int, by: str = "source", include_excluded: int = 0,
           seed: int = 0) -> Path:
    """Write BUILD/audit/NAME/items.jsonl and thumbs/; returns the folder."""
    build = Path(build)
    if by not in ("source", "source_type", "modality", "split", "disease_label"):
        raise UserError(f"--by {by!r}: choose source, source_type, modality, split or disease_label")
    folder = audit_dir(build, name)
    if (folder / "items.jsonl").exists():
        raise UserError(f"audit pack {folder} exists; choose another --name (its answers stay with it)")
    kept = _pick(_kept_rows(build), lambda r: str(r.get(by) or "unknown"), n, seed)
    items = [{**{c: r.get(c) for c in ITEM_COLUMNS}, "stratum": f"{by}:{r.get(by) or 'unknown'}", "kept": True}
             for r in kept]
    if include_excluded:
        ex = _pick(_excluded_rows(build), lambda r: f"{r.get('stage')}:{r.get('reason')}", include_excluded, seed)
        items += [{**{c: r.get(c) for c in ITEM_COLUMNS}, "stratum": f"excluded:{r['stage']}:{r['reason']}",
                   "kept": False, "reason": r.get("reason"), "detail": r.get("detail") or ""} for r in ex]
    if not items:
        raise UserError(f"{build}: no rows to sample")
    for it in items:
        data = _thumb(build, it)
        it["thumb"] = f"thumbs/{it['sample_id']}.jpg" if data else None
        if data:
            atomic_write_bytes(folder / it["thumb"], data)
    atomic_write_text(folder / "items.jsonl",
                      "".join(json.dumps(it, sort_keys=True, ensure_ascii=False) + "\n" for it in items))
    atomic_write_text(folder / "pack.json", json.dumps({"n": n, "by": by, "include_excluded": include_excluded,
                                                        "seed": seed, "items": len(items)}, sort_keys=True) + "\n")
    return folder


def load_items(folder: Path) -> list[dict[str, Any]]:
    p = Path(folder) / "items.jsonl"
    if not p.exists():
        raise UserError(f"{folder}: no audit pack here (items.jsonl); run `derm1m-build audit sample` first")
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
