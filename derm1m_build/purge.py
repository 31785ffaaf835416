"""A takedown reaches the build's caches: the removed rows' files leave `raw/` and `images/` too.

The writer drops the rows a `takedown.RemovalList` names (dataset, exports, report); `purge_caches`,
called by the writer, then deletes the files those rows came from: their images in the content-addressed
store (`images/`: the harvested image and the filtered one, unless a row that stays shows the same
bytes) and their copies in the raw cache, as far as a source can tell which raw files hold only
removed rows (`Source.purge_units`: the `local` source's image copies, a dataset's image copies, a
teaching PDF whose every shipped image was removed). Work shards are not rewritten, so no other row
moves and every other byte of the build stays as it was.

What was purged is remembered in `work/_takedown.json` (the list's digest, the shard keys and source
units involved) so that a rerun with the same list does not fetch the purged copies again
(`purged_units`), and a changed list (a request withdrawn) brings them back: `restore_if_changed`
forgets the finished records of the shards involved, in every stage, so they are fetched and computed
again (images included), and the writer purges what the new list still names. The dataset manifest
records how many files were purged, never which.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from derm1m_build import schema
from derm1m_build.store import StageStore, read_json, write_json

RECORD = "_takedown.json"


def _record_path(ctx: Any) -> Path:
    return Path(ctx.work) / RECORD


def _read(ctx: Any) -> dict | None:
    try:
        return read_json(_record_path(ctx))
    except (OSError, ValueError):
        return None


def current_digest(recipe: Any) -> str:
    from derm1m_build.takedown import removal_for

    r = removal_for(recipe)
    return r.digest() if r else ""


def purged_units(ctx: Any, recipe: Any, source: str) -> set[str]:
    """Units of `source` whose raw copies a takedown purged, while the list is still the same."""
    rec = _read(ctx)
    if not rec or rec.get("list_digest") != current_digest(recipe):
        return set()
    return set(rec.get("units", {}).get(source, []))


def restore_if_changed(ctx: Any, recipe: Any) -> bool:
    """The list changed since the last purge: forget the finished records of the shards it touched, in
    every stage, so that they are fetched and computed again. True when something was forgotten."""
    rec = _read(ctx)
    if not rec or rec.get("list_digest") == current_digest(recipe):
        return False
    for name in schema.STAGES:
        store = StageStore(ctx.work, name)
        store.invalidate()  # the stage is not done until those shards are computed again
        for key in rec.get("shards", []):
            store.done(key).unlink(missing_ok=True)
            store.done(key, "map").unlink(missing_ok=True)
    _record_path(ctx).unlink(missing_ok=True)
    return True


def _img(sha: str | None, ext: str | None) -> str | None:
    return f"images/{sha[:2]}/{sha}.{ext}" if sha and ext else None


def purge_caches(ctx: Any, removal: Any, removed: dict[str, set[str]], kept_files: set[str],
                 removed_files: set[str]) -> dict[str, int]:
    """Delete the raw copies and stored images of the removed rows. `removed`: shard key -> sample ids
    the writer removed there; `kept_files` / `removed_files`: dataset filenames of the rows kept / removed.
    Returns how many cache files belong to the removed rows (all gone afterwards): a count that does not
    depend on what an earlier run already deleted."""
    from derm1m_build.recipe import load_recipe
    from derm1m_build.registry import make_source

    harvest = StageStore(ctx.work, "harvest")
    ids = set().union(*removed.values()) if removed else set()
    gone_rows: list[dict] = []
    still: set[str] = set(kept_files)
    cols = ["sample_id", "source", "meta", "image_sha256", "image_ext"]
    for key, t in harvest.iter_tables(cols):
        mask = pc.is_in(t["sample_id"], pa.array(sorted(ids), pa.string())) if ids else None
        for r in (t.filter(mask).to_pylist() if mask is not None else []):
            r["_shard"] = key
            gone_rows.append(r)
        other = t.filter(pc.invert(mask)) if mask is not None else t
        still.update(x for x in map(_img, other["image_sha256"].to_pylist(), other["image_ext"].to_pylist()) if x)
    images = ({x for x in (_img(r["image_sha256"], r["image_ext"]) for r in gone_rows) if x} | set(removed_files))
    images -= still
    for rel in sorted(images):
        (Path(ctx.out) / rel).unlink(missing_ok=True)
    units: dict[str, list[str]] = {}
    raw_files: set[str] = set()
    recipe = load_recipe(ctx.recipe_path) if ctx.recipe_path else None
    by_source: dict[str, list[dict]] = {}
    for r in gone_rows:
        by_source.setdefault(r["source"], []).append(r)
    others: dict[str, list[dict]] = {n: [] for n in by_source}
    if by_source:
        for _, t in harvest.iter_tables(["sample_id", "source", "meta"]):
            t = t.filter(pc.and_(pc.is_in(t["source"], pa.array(sorted(by_source), pa.string())),
                                 pc.invert(pc.is_in(t["sample_id"], pa.array(sorted(ids), pa.string())))))
            for r in t.to_pylist():
                others[r["source"]].append(r)
    for name, rows in sorted(by_source.items()):
        if recipe is None or name not in recipe.harvest:
            continue
        src = make_source(name, recipe.harvest[name], ctx, recipe)
        us, files = src.purge_units(rows, others[name])
        if us:
            units[name] = sorted(us)
        for rel in files:
            raw_files.add(f"{name}/{rel}")
            src.raw.path(rel).unlink(missing_ok=True)
            src.raw.provenance_path(rel).unlink(missing_ok=True)
    shards = sorted({r["_shard"] for r in gone_rows} | {k for k, v in removed.items() if v})
    if removal and (gone_rows or _record_path(ctx).exists()):
        write_json(_record_path(ctx), {"list_digest": removal.digest(), "shards": shards, "units": units})
    return {"raw_files": len(raw_files), "images": len(images)}


__all__ = ["purge_caches", "purged_units", "restore_if_changed", "current_digest"]
