"""The `edu` source: teaching material (PDF books, lecture slide decks) read with pypdfium2.

One row per embedded image. In a book page the text is the figure's label and caption ("Figure 3.1
Chronic plaque psoriasis ..."), found below or above the image (closest label line, then the lines
that continue it); in a slide the text is the slide's title and bullets. `group_id` = the document, so
one deck never straddles splits. A page with images but no text layer (a scan) is recorded as
`scanned_page`; a corrupt or encrypted PDF as `pdf_corrupt` / `pdf_encrypted`; icons and logos below
`min_image_side` pixels as `image_too_small`.

Documents come from local paths (files or folders of *.pdf) and/or URLs fetched through the shared
HTTP client (allow-listed hosts only); both are copied into the raw cache first.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Literal

from pydantic import Field

from derm1m_build.errors import ItemError, UserError
from derm1m_build.images import MAX_PIXELS
from derm1m_build.net import HttpClient
from derm1m_build.recipe import Section
from derm1m_build.safefs import is_candidate, read_inside
from derm1m_build.sources.base import Excluded, FetchReport, Source

LABEL = re.compile(r"^(?:fig(?:ure)?s?\.?|plate|image|abb\.?|abbildung)\s*\d+(?:[.\-–]\d+)*[a-z]?\b[.:]?", re.I)
BULLET = re.compile(r"^[\s•●◦▪▫‣∙·\-–—*>o]+(?=\S)")


class EduConfig(Section):
    paths: list[str] = Field(default_factory=list, description="PDF files or folders (searched for *.pdf), relative to the recipe")
    urls: list[str] = Field(default_factory=list, description="PDF URLs")
    allow_hosts: list[str] = Field(default_factory=list, description="hosts `urls` may be fetched from")
    kind: Literal["auto", "book", "slides"] = Field("auto", description="auto: landscape pages are slides")
    license: str = "unknown"
    min_image_side: int = Field(96, ge=8, description="smaller images (icons, logos) are excluded")
    max_pages: int = Field(2000, ge=1)
    max_images_per_page: int = Field(24, ge=1)
    caption_gap: float = Field(72.0, gt=0, description="farthest a caption may sit from its image, in points")
    max_bytes: int = Field(300 * 1024 * 1024, ge=1024)
    rate: float = Field(1.0, gt=0)
    timeout: float = Field(60.0, gt=0)
    max_retries: int = Field(3, ge=0)
    backoff: float = Field(1.0, ge=0)


@dataclass
class Line:
    text: str
    left: float
    bottom: float
    right: float
    top: float

    @property
    def height(self) -> float:
        return self.top - self.bottom


def doc_key(ident: str) -> str:
    return hashlib.sha256(ident.encode("utf-8")).hexdigest()[:16]


def text_lines(textpage: Any) -> list[Line]:
    """Text runs merged into lines (pdfium splits a line at ligatures and font changes), top to bottom."""
    runs = []
    for i in range(textpage.count_rects()):
        l, b, r, t = textpage.get_rect(i)
        runs.append((l, b, r, t))
    runs.sort(key=lambda x: (-round(x[3]), x[0]))
    lines: list[list[float]] = []
    for l, b, r, t in runs:
        for ln in lines:
            overlap = min(t, ln[3]) - max(b, ln[1])
            if overlap > 0.5 * min(t - b, ln[3] - ln[1]):
                ln[0], ln[1], ln[2], ln[3] = min(l, ln[0]), min(b, ln[1]), max(r, ln[2]), max(t, ln[3])
                break
        else:
            lines.append([l, b, r, t])
    out = []
    for l, b, r, t in lines:
        text = re.sub(r"\s+", " ", textpage.get_text_bounded(l - 0.5, b - 0.5, r + 0.5, t + 0.5)).strip()
        if text:
            out.append(Line(text, l, b, r, t))
    out.sort(key=lambda x: (-x.top, x.left))
    return out


def _continue(lines: list[Line], start: int, step: int, limit: int = 8) -> list[Line]:
    """The block of lines that continue lines[start] in reading direction (small gaps, no new label)."""
    block = [lines[start]]
    i = start + step
    while 0 <= i < len(lines) and len(block) < limit:
        prev, cur = block[-1], lines[i]
        gap = (prev.bottom - cur.top) if step > 0 else (cur.bottom - prev.top)
        if gap > 1.2 * max(prev.height, cur.height) or LABEL.match(cur.text):
            break
        block.append(cur)
        i += step
    return block if step > 0 else block[::-1]


def figure_caption(lines: list[Line], box: tuple[float, float, float, float], max_gap: float) -> tuple[str, str]:
    """(caption, how) for an image box (l, b, r, t): the nearest figure label below or above, with the
    lines that continue it; else the text block right below the image; else ("", "none")."""
    l, b, r, t = box
    best: tuple[float, int] | None = None
    for i, ln in enumerate(lines):
        if ln.right < l - max_gap or ln.left > r + max_gap:
            continue
        dist = (b - ln.top) if ln.top <= b + 2 else (ln.bottom - t) if ln.bottom >= t - 2 else None
        if dist is None or dist > max_gap or not LABEL.match(ln.text):
            continue
        if best is None or dist < best[0]:
            best = (dist, i)
    if best is not None:
        block = _continue(lines, best[1], +1)
        return " ".join(x.text for x in block), "label"
    below = [(b - ln.top, i) for i, ln in enumerate(lines)
             if ln.top <= b + 2 and b - ln.top <= max_gap / 3 and not (ln.right < l or ln.left > r)]
    if below:
        block = _continue(lines, min(below)[1], +1, limit=4)
        return " ".join(x.text for x in block), "nearby"
    return "", "none"


def slide_text(lines: list[Line], boxes: list[tuple[float, float, float, float]]) -> tuple[str, str]:
    """(title, bullets) of a slide: the top line(s) in the largest type are the title; the rest,
    outside the images, are bullets."""
    def inside(ln: Line) -> bool:
        return any(bl - 2 <= ln.left and ln.right <= br + 2 and bb - 2 <= ln.bottom and ln.top <= bt + 2
                   for bl, bb, br, bt in boxes)

    text = [ln for ln in lines if not inside(ln)]
    if not text:
        return "", ""
    big = max(ln.height for ln in text)
    title_lines = []
    for ln in text:
        if ln.height >= 0.85 * big and (not title_lines or title_lines[-1].bottom - ln.top < big):
            title_lines.append(ln)
        elif title_lines:
            break
    title = " ".join(x.text for x in title_lines)
    bullets = [BULLET.sub("", ln.text).strip() for ln in text if ln not in title_lines]
    return title, "; ".join(b for b in bullets if b)


class EduSource(Source):
    name = "edu"
    source_type = "edu"

    def _local_docs(self) -> list[tuple[str, Path, Path]]:
        """(name, file, folder it is read from): a file must resolve inside that folder."""
        out = []
        for p in self.config.paths:
            path = self.recipe.resolve(p) if self.recipe else Path(p)
            if path.is_dir():
                for f in sorted(path.rglob("*")):
                    if f.suffix.lower() == ".pdf" and is_candidate(f):  # links/FIFOs listed, refused on read
                        out.append((f"{Path(p).name}/{f.relative_to(path).as_posix()}", f, path))
            elif os.path.lexists(path) and not path.is_dir():
                out.append((path.name, path, path.parent))
            else:
                raise UserError(f"[harvest.edu] paths: {path} not found; point it at PDF files or a folder of them")
        return out

    def fetch(self, refresh: bool = False) -> FetchReport:
        """Local documents are looked at on every run (re-read when their size or time changed, their
        content sha256 logged), so an edited, removed or added PDF is seen; URLs are fetched once (again
        with --refresh). Documents no longer named, and their copies, are dropped."""
        from derm1m_build.hashing import sha256_bytes
        from derm1m_build.purge import purged_units

        log, report = self.open_log(), FetchReport()
        log.complete = False
        purged = purged_units(self.ctx, self.recipe, self.name)  # copies a takedown removed (list unchanged)
        seen: set[str] = set()
        for ident, path, root in self._local_docs():
            key = doc_key(ident)
            seen.add(key)
            rel, prev = f"docs/{key}.pdf", log.items.get(key, {})
            try:
                st = os.lstat(path)
                sig = [st.st_size, st.st_mtime_ns]
                if (not refresh and prev.get("status") == "ok" and prev.get("sig") == sig
                        and (self.raw.has(rel) or key in purged)):
                    report.skipped += 1
                    continue
                data = read_inside(path, root, self.config.max_bytes)  # no links out, no special files
            except (ItemError, OSError) as e:
                reason = e.reason if isinstance(e, ItemError) else "unreadable_file"
                log.record(key, "failed", reason, save=False, name=ident)
                report.fail(reason)
                continue
            sha = sha256_bytes(data)
            if not (self.raw.has(rel) and self.raw.provenance(rel).get("sha256") == sha):
                self.raw.put(rel, data, url=self.local_url(path), content_type="application/pdf",
                             license_stated=self.config.license,
                             retrieved=prev.get("retrieved") if prev.get("sha256") == sha else None)
                report.fetched += 1
            else:
                report.skipped += 1
            log.record(key, "ok", save=False, name=ident, sha256=sha, sig=sig,
                       retrieved=self.raw.provenance(rel)["retrieved"])
        if self.config.urls:
            if not self.config.allow_hosts:
                raise UserError("[harvest.edu] urls need allow_hosts (the hosts they may be fetched from)")
            c = self.config
            client = HttpClient(allow_hosts=[h.lower() for h in c.allow_hosts], allow_private=self.allow_private,
                                rate=c.rate, timeout=c.timeout, max_retries=c.max_retries, backoff=c.backoff,
                                max_bytes=c.max_bytes)
            from derm1m_build.robots import RobotsCache

            robots = RobotsCache(client)
            for url in c.urls:
                from derm1m_build.sources.forum import url_key

                key = doc_key(url_key(url))
                seen.add(key)
                if log.is_ok(key) and not refresh and (self.raw.has(f"docs/{key}.pdf") or key in purged):
                    report.skipped += 1
                    continue
                try:
                    client.check_url(url)
                    if not robots.allowed(url):
                        raise ItemError("robots_disallowed", url)
                    r = client.get(url, expect_types=("application/pdf", "application/x-pdf", "application/octet-stream"))
                    self.raw.put(f"docs/{key}.pdf", r.content, url=r.url, content_type=r.content_type,
                                 license_stated=c.license)
                    prov = self.raw.provenance(f"docs/{key}.pdf")
                    log.record(key, "ok", save=False, name=url.rsplit("/", 1)[-1], url=url, sha256=prov["sha256"],
                               retrieved=prov["retrieved"])
                    report.fetched += 1
                except ItemError as e:
                    log.record(key, "failed", e.reason, save=False, name=url.rsplit("/", 1)[-1], url=url)
                    report.fail(e.reason)
        for gone in sorted(set(log.items) - seen):  # documents no longer named, and their copies
            del log.items[gone]
            self.raw.path(f"docs/{gone}.pdf").unlink(missing_ok=True)
            self.raw.provenance_path(f"docs/{gone}.pdf").unlink(missing_ok=True)
        log.finish()
        return report

    # extraction, unit by unit: a unit is one document
    def extract_keys(self, log) -> list[str]:
        return sorted(log.items)

    def units_per_shard(self) -> int:
        """A document costs ~60x a forum thread to extract (pages, text layer, images: ~190 ms for the
        demo's 3-page atlas, a book far more), so its shards hold an eighth as many units: a shard
        stays a small, balanced task for the workers (harvest_work.longest_first)."""
        return max(1, super().units_per_shard() // 8)

    def unit_digests(self, keys: list[str], log) -> dict[str, str]:
        """A document's fetch-log entry: its content sha256 (from its copy's provenance when an older log
        lacks it) and where it came from."""
        from derm1m_build.hashing import digest_obj

        out = {}
        for k in keys:
            entry = self.unit_entry(log.items.get(k))
            if "sha256" not in entry and self.raw.has(f"docs/{k}.pdf"):
                prov = self.raw.provenance(f"docs/{k}.pdf")
                entry["body"] = [prov.get("sha256"), prov.get("retrieved"), prov.get("url")]
            out[k] = digest_obj(entry)
        return out

    def extract_units(self, keys: list[str], log) -> Iterator[dict[str, Any] | Excluded]:
        for key in keys:
            yield from self._document(key, log.items.get(key, {}))

    def purge_units(self, removed: list[dict[str, Any]], others: list[dict[str, Any]]) -> tuple[set[str], list[str]]:
        """Documents every shipped image of which was removed, and their copies."""
        docs = {self.row_meta(r).get("doc_key") for r in removed} - {self.row_meta(r).get("doc_key") for r in others}
        docs.discard(None)
        return docs, [f"docs/{k}.pdf" for k in sorted(docs)]

    def _document(self, key: str, entry: dict) -> Iterator[dict[str, Any] | Excluded]:
        import pypdfium2 as pdfium

        name = entry.get("name", key)
        base_meta = {"document": name, "doc_key": key}
        group = f"edu:{key}"
        rel = f"docs/{key}.pdf"
        url = entry.get("url", "")

        def excluded(reason: str, detail: str = "", sub: str | int = 0, **meta: Any) -> Excluded:
            return Excluded(self.base_row(key, sub, group_id=group, license=self.config.license, source_url=url,
                                          raw_text="", meta={**base_meta, **meta}), reason, detail)

        if entry.get("status") != "ok" or not self.raw.has(rel):
            yield excluded(entry.get("reason", "not_fetched"), url)
            return
        url = url or self.raw.provenance(rel)["url"]
        if url.startswith("file:"):  # a local document: its name in the folder, never this machine's path
            url = name
        retrieved = self.raw.provenance(rel)["retrieved"][:10]
        data = self.raw.get(rel)
        if not data.lstrip()[:5].startswith(b"%PDF"):
            yield excluded("pdf_corrupt", "no %PDF header")
            return
        try:
            doc = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as e:
            yield excluded("pdf_encrypted" if "password" in str(e).lower() else "pdf_corrupt", str(e)[:200])
            return
        try:
            n_pages = len(doc)
            for pno in range(min(n_pages, self.config.max_pages)):
                try:
                    page = doc[pno]
                except pdfium.PdfiumError as e:
                    yield excluded("pdf_page_corrupt", str(e)[:200], f"p{pno}", page=pno + 1)
                    continue
                yield from self._page(page, pno, key, group, url, retrieved, base_meta, excluded)
                page.close()
        finally:
            doc.close()

    def _page(self, page: Any, pno: int, key: str, group: str, url: str, retrieved: str, base_meta: dict,
              excluded: Any) -> Iterator[dict[str, Any] | Excluded]:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c

        w, h = page.get_size()
        kind = self.config.kind if self.config.kind != "auto" else ("slides" if w > 1.2 * h else "book")
        tp = page.get_textpage()
        try:
            has_text = tp.count_chars() > 0
            lines = text_lines(tp) if has_text else []
        finally:
            tp.close()
        objs = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4))
        if not objs:
            return
        if not has_text:
            yield excluded("scanned_page", f"page {pno + 1}: images but no text layer", f"p{pno}", page=pno + 1)
            return
        boxes = [tuple(o.get_bounds()) for o in objs[: self.config.max_images_per_page]]
        if kind == "slides":
            title, bullets = slide_text(lines, boxes)
        for i, (obj, box) in enumerate(zip(objs, boxes)):
            sub = f"p{pno}-i{i}"
            meta = {**base_meta, "page": pno + 1, "kind": kind, "image": i,
                    "bbox": [round(v, 1) for v in box]}
            if kind == "slides":
                text, how = (f"{title}: {bullets}" if title and bullets else title or bullets), "slide"
                meta.update(title=title)
            else:
                text, how = figure_caption(lines, box, self.config.caption_gap)
                m = LABEL.match(text)
                if m:
                    meta["label"] = m.group().rstrip(".:").strip()
            meta["caption_source"] = how
            try:
                pw, ph = obj.get_px_size()
                if min(pw, ph) < self.config.min_image_side:
                    yield excluded("image_too_small", f"{pw}x{ph}", sub, **meta)
                    continue
                if pw * ph > MAX_PIXELS:  # checked before pdfium allocates the bitmap
                    yield excluded("image_too_large", f"{pw}x{ph}", sub, **meta)
                    continue
                pil = obj.get_bitmap(render=False).to_pil()
                info = self.images.put_image(pil.convert("RGB") if pil.mode not in ("RGB", "L") else pil, "PNG")
            except (pdfium.PdfiumError, ItemError, OSError, ValueError) as e:
                reason = e.reason if isinstance(e, ItemError) else "image_corrupt"
                yield excluded(reason, str(e)[:200], sub, **meta)
                continue
            if not text:
                yield excluded("no_caption", f"page {pno + 1} image {i}", sub, **meta)
                continue
            yield self.base_row(key, sub, group_id=group, license=self.config.license, source_url=url,
                                raw_text=text, lang="en", meta=meta, retrieved=retrieved,
                                image_sha256=info.sha256, image_ext=info.ext, width=info.width, height=info.height)
