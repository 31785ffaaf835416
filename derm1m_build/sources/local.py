"""The `local` source: a folder of images plus a metadata CSV.

For material a researcher already has on disk (a hospital export, a teaching collection). The CSV has
one row per image: `item_id, image, text` and optionally `source_type, group_id, license, source_url,
lang`; any other column (patient_id, lesion_id, fitzpatrick, redistributable, ...) goes into `meta`.
Fetch copies the CSV and every image it names into the raw cache with provenance, so the build never
reads the original folder again.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Any, Iterator

from derm1m_build.errors import ItemError, UserError
from derm1m_build.hashing import sha256_bytes
from derm1m_build.rawcache import safe_relpath
from derm1m_build.recipe import Section
from derm1m_build.safefs import MAX_METADATA_BYTES, read_inside
from derm1m_build.sources.base import Excluded, FetchReport, Source

REQUIRED = ("item_id", "image", "text")
# Columns with a place in the row; any other column (patient_id, lesion_id, fitzpatrick,
# redistributable, ...) is kept in `meta`, where the split, report and exports look for it.
KNOWN = {*REQUIRED, "source_type", "group_id", "license", "source_url", "lang"}


MAX_FIELD = 16 * 1024 * 1024  # one CSV cell, read; longer text is then excluded with a reason
MAX_TEXT_CHARS = 100_000  # a caption longer than this is not an image caption (excluded: text_too_long)


class LocalConfig(Section):
    path: str
    metadata: str = "metadata.csv"
    source_type: str = "local"
    license: str = "unknown"


class LocalSource(Source):
    name = "local"
    source_type = "local"

    @property
    def folder(self) -> Path:
        return self.recipe.resolve(self.config.path) if self.recipe else Path(self.config.path)

    def _read_csv(self, data: bytes) -> list[dict[str, str]]:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise UserError(f"{self.config.metadata}: not UTF-8 text") from None
        old = csv.field_size_limit(MAX_FIELD)  # the default (128 kB) would stop the build on one long caption
        try:
            rows = list(csv.DictReader(io.StringIO(text)))
        except csv.Error as e:
            raise UserError(f"{self.config.metadata}: not a valid CSV ({e})") from None
        finally:
            csv.field_size_limit(old)
        missing = [c for c in REQUIRED if rows and c not in rows[0]]
        if missing:
            raise UserError(f"{self.config.metadata}: missing column(s) {missing}; need {list(REQUIRED)}")
        return rows

    def fetch(self, refresh: bool = False) -> FetchReport:
        """Mirror the folder into raw/: every run reads the CSV and looks at every image it names, so an
        edited CSV, an image changed in place, a removed image or a removed row is seen. An image is
        re-read only when its size or modification time changed; the log records each image's content
        sha256, which is what extraction depends on (`raw_digest`). Copies of images that are no longer
        named, or no longer there, are removed from raw/ (they are the tool's own copies)."""
        log, report = self.open_log(), FetchReport()
        log.complete = False
        meta_path = self.folder / self.config.metadata
        if not os.path.lexists(meta_path):
            raise UserError(f"local source: {meta_path} not found (set [harvest.local] path)")
        try:
            data = read_inside(meta_path, self.folder, MAX_METADATA_BYTES)
        except ItemError as e:
            raise UserError(f"local source: {meta_path} refused ({e.reason}: {e.detail})") from None
        from derm1m_build.purge import purged_units

        purged = purged_units(self.ctx, self.recipe, self.name)  # copies a takedown removed (list unchanged)
        if not self.raw.has("metadata.csv") or self.raw.provenance("metadata.csv").get("sha256") != sha256_bytes(data):
            self.raw.put("metadata.csv", data, url=self.local_url(meta_path), content_type="text/csv")
        seen: set[str] = set()
        for row in self._read_csv(data):
            item = row["item_id"]
            seen.add(item)
            try:
                rel = safe_relpath(row["image"])
                src = self.folder / rel
                if not os.path.lexists(src):
                    raise ItemError("image_missing", str(rel))
                st = os.lstat(src)
                sig = [st.st_size, st.st_mtime_ns]
                prev = log.items.get(item, {})
                if (not refresh and prev.get("status") == "ok" and prev.get("sig") == sig
                        and prev.get("image") == str(rel)
                        and (self.raw.has(f"files/{rel}") or item in purged)):
                    report.skipped += 1  # a copy purged by a takedown is not fetched again
                    continue
                body = read_inside(src, self.folder)  # no links out of the folder, no special files
                sha = sha256_bytes(body)
                if not (self.raw.has(f"files/{rel}") and self.raw.provenance(f"files/{rel}").get("sha256") == sha):
                    self.raw.put(f"files/{rel}", body, url=self.local_url(src),
                                 license_stated=row.get("license") or None,  # same bytes: first copied then
                                 retrieved=prev.get("retrieved") if prev.get("sha256") == sha else None)
                    report.fetched += 1
                else:
                    report.skipped += 1
                log.record(item, "ok", save=False, image=str(rel), sha256=sha, sig=sig,
                           retrieved=self.raw.provenance(f"files/{rel}")["retrieved"])
            except ItemError as e:
                log.record(item, "failed", e.reason, save=False)
                report.fail(e.reason)
        for gone in sorted(set(log.items) - seen):  # rows removed from the CSV
            del log.items[gone]
        self._drop_unnamed_copies({v["image"] for v in log.items.values() if v.get("status") == "ok"})
        log.finish()
        return report

    def _drop_unnamed_copies(self, wanted: set[str]) -> None:
        from derm1m_build.rawcache import PROVENANCE_SUFFIX

        files = self.raw.root / "files"
        if not files.is_dir():
            return
        # compare on-disk names: the raw cache shortens over-long file names
        keep = {self.raw.path(f"files/{w}").relative_to(files).as_posix() for w in wanted}
        for p in sorted(files.rglob("*" + PROVENANCE_SUFFIX)):
            rel = p.relative_to(files).as_posix()[: -len(PROVENANCE_SUFFIX)]
            if rel not in keep:
                (files / rel).unlink(missing_ok=True)
                p.unlink(missing_ok=True)

    # extraction, unit by unit: a unit is one item_id of the CSV (harvest_work.content_chunks)
    def _rows_by_item(self) -> dict[str, list[dict[str, str]]]:
        """The raw copy of the CSV, by item_id (rows in file order), parsed once per content."""
        if not self.raw.has("metadata.csv"):
            return {}
        sha = self.raw.provenance("metadata.csv").get("sha256")
        cached = getattr(self, "_by_item", None)
        if cached is None or cached[0] != sha:
            by: dict[str, list[dict[str, str]]] = {}
            for row in self._read_csv(self.raw.get("metadata.csv")):
                by.setdefault(row["item_id"], []).append(row)
            cached = (sha, by)
            self._by_item = cached
        return cached[1]

    def extract_keys(self, log) -> list[str]:
        return sorted(self._rows_by_item())

    def unit_digests(self, keys: list[str], log) -> dict[str, str]:
        """An item's CSV rows and its fetch-log entry (image name, content sha256, time of copy)."""
        from derm1m_build.hashing import digest_obj

        by = self._rows_by_item()
        return {k: digest_obj({"rows": by.get(k, []), "log": self.unit_entry(log.items.get(k))}) for k in keys}

    def purge_units(self, removed: list[dict[str, Any]], others: list[dict[str, Any]]) -> tuple[set[str], list[str]]:
        """Items whose rows were all removed, and their image copies (unless an item that stays names
        the same image)."""
        items = {self.row_meta(r).get("item_id") for r in removed} - {None}
        items -= {self.row_meta(r).get("item_id") for r in others}
        log = self.open_log().items
        keep = {v.get("image") for k, v in log.items() if k not in items and v.get("status") == "ok"}
        files = sorted({f"files/{log[i]['image']}" for i in items
                        if log.get(i, {}).get("image") and log[i]["image"] not in keep})
        return items, files

    def units_per_shard(self) -> int:
        return self.recipe.build.shard_size if self.recipe is not None else 256

    def extract_units(self, keys: list[str], log) -> Iterator[dict[str, Any] | Excluded]:
        by = self._rows_by_item()
        items = log.items
        for k in keys:
            for row in by.get(k, []):
                yield self._extract_row(row, items)

    def _extract_row(self, row: dict[str, str], log: dict) -> dict[str, Any] | Excluded:
        item = row["item_id"]
        base = self.base_row(
            item,
            source_type=row.get("source_type") or self.config.source_type,
            group_id=row.get("group_id") or f"local:{item}",
            license=row.get("license") or self.config.license,
            source_url=row.get("source_url") or "",
            raw_text=row.get("text") or "",
            lang=row.get("lang") or "en",
            meta={**{k: v for k, v in sorted(row.items()) if k and k not in KNOWN and v not in (None, "")},
                  "item_id": item, "image": row["image"]},
        )
        if len(row.get("text") or "") > MAX_TEXT_CHARS:
            base["raw_text"] = (row.get("text") or "")[:1000]
            return Excluded(base, "text_too_long", f"{len(row['text'])} characters")
        try:
            rel = f"files/{safe_relpath(row['image'])}"
            if not self.raw.has(rel):
                entry = log.get(item, {})
                raise ItemError("taken_down" if entry.get("purged") else entry.get("reason") or "not_fetched",
                                row["image"])
            info = self.images.put(self.raw.get(rel))
            base["retrieved"] = self.raw.provenance(rel)["retrieved"][:10]
        except ItemError as e:
            return Excluded(base, e.reason, e.detail)
        base.update(image_sha256=info.sha256, image_ext=info.ext, width=info.width, height=info.height)
        return base
