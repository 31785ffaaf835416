"""The `forum` source: dermatology Q&A forums, crawled politely and read through declared site adapters.

Fetch walks each site's thread list (following "next page" links), then each thread's pages, then the
photos in each question, all through the shared HTTP client (allow-listed hosts only, per-host rate
limit, retries that honour Retry-After, an honest User-Agent) and only where robots.txt allows. Every
page and image is kept in the raw cache; each outcome goes to the fetch log, so a rerun fetches only
what failed. Links to hosts not on the site's allow-list are never requested.

Extract reads the raw pages alone: one row per question photo, its text = the question plus the
physician's (or accepted) answer when there is one, scrubbed of e-mails, phones, URLs, @handles,
signatures and every poster's name; `group_id` = the thread; `lang` = the detected language
(non-English rows carry `meta.translate = true` for the caption stage). A page whose layout does not
match its adapter becomes an excluded row with reason `layout_mismatch`, never a crash.
"""

from __future__ import annotations

import dataclasses
import hashlib
import threading
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import urlsplit

from pydantic import Field

from derm1m_build.errors import ItemError, UserError
from derm1m_build.net import HttpClient
from derm1m_build.recipe import Section
from derm1m_build.robots import RobotsCache
from derm1m_build.sources.base import Excluded, FetchLog, FetchReport, Source, WorkItem, log_entry
from derm1m_build.sources.forum_adapters import (AdapterConfig, LayoutMismatch, Post, find_adapter, list_page,
                                                 parse_html, thread_page)
from derm1m_build.sources.langdetect import identifier
from derm1m_build.sources.privacy import scrub


class ForumSite(Section):
    name: str = Field(..., pattern=r"^[a-z0-9][a-z0-9_-]{0,40}$")
    adapter: str
    start_urls: list[str] = Field(..., min_length=1, description="thread-list pages to start from")
    allow_hosts: list[str] = Field(..., min_length=1, description="hosts (and their subdomains) that may be fetched")
    license: str = "unknown"


class ForumConfig(Section):
    sites: list[ForumSite] = Field(..., min_length=1)
    adapters: dict[str, AdapterConfig] = Field(default_factory=dict, description="inline adapters by name")
    adapter_dirs: list[str] = Field(["adapters"], description="folders of adapter TOML files, relative to the recipe")
    max_list_pages: int = Field(20, ge=1)
    max_thread_pages: int = Field(10, ge=1)
    max_threads: int = Field(1000, ge=1, description="per site")
    answer_images: bool = Field(False, description="also pair photos posted in answers")
    rate: float = Field(1.0, gt=0, description="requests per second per host")
    timeout: float = Field(20.0, gt=0)
    max_retries: int = Field(3, ge=0)
    backoff: float = Field(1.0, ge=0)
    max_backoff: float = Field(30.0, ge=0, description="cap on any wait, Retry-After included")
    max_page_bytes: int = Field(5 * 1024 * 1024, ge=1024)
    max_image_bytes: int = Field(20 * 1024 * 1024, ge=1024)
    min_lang_confidence: float = Field(0.8, ge=0, le=1, description="below this the language is 'und'")


def url_key(url: str) -> str:
    """Stable key of a URL: scheme and port left out, so a forum moved to https (or the demo server on
    another port) keeps its sample ids."""
    p = urlsplit(url)
    ident = f"{(p.hostname or '').lower()}{p.path or '/'}{'?' + p.query if p.query else ''}"
    return hashlib.sha256(ident.encode("utf-8")).hexdigest()[:20]


def detect_lang(text: str, min_conf: float) -> tuple[str, float]:
    """langid's guess and its probability; 'und' when the text is too short or the guess unsure."""
    if len(text.split()) < 3:
        return "und", 0.0
    lang, p = identifier().classify(text[:5000])
    p = round(float(p), 4)
    return (lang if p >= min_conf else "und"), p


class ForumSource(Source):
    name = "forum"
    source_type = "forum"
    worker_warmup = ("derm1m_build.sources.langdetect:identifier",)  # every thread's text is classified

    def __init__(self, config: ForumConfig, ctx: Any, recipe: Any = None):
        super().__init__(config, ctx, recipe)
        names = [s.name for s in config.sites]
        if len(set(names)) != len(names):
            raise UserError("[harvest.forum]: two sites share a name; give each site a distinct `name`")
        dirs = [self.recipe.resolve(d) if self.recipe else Path(d) for d in config.adapter_dirs]
        self.adapters = {s.name: find_adapter(s.adapter, dirs, config.adapters) for s in config.sites}
        self._client_cache: dict[str, tuple[HttpClient, HttpClient, RobotsCache]] = {}
        self._clients_lock = threading.Lock()

    # ------------------------------------------------------------------ fetch
    def _clients(self, site: ForumSite) -> tuple[HttpClient, HttpClient, RobotsCache]:
        c = self.config
        pages = HttpClient(allow_hosts=[h.lower() for h in site.allow_hosts], allow_private=self.allow_private,
                           rate=c.rate, timeout=c.timeout, max_retries=c.max_retries, backoff=c.backoff,
                           max_backoff=c.max_backoff, max_bytes=c.max_page_bytes)
        images = dataclasses.replace(pages, max_bytes=c.max_image_bytes)  # shares the rate limiter and session
        return pages, images, RobotsCache(pages)

    @staticmethod
    def _get(client: HttpClient, robots: RobotsCache, url: str, expect: tuple[str, ...]) -> Any:
        client.check_url(url)  # allow-list and address guard before anything, robots.txt included
        if not robots.allowed(url):
            raise ItemError("robots_disallowed", url)
        delay = robots.crawl_delay(url)
        if delay:  # robots.txt Crawl-delay slows us further, never speeds us up
            client.rate = min(client.rate, 1.0 / delay)
        return client.get(url, expect_types=expect)

    def fetch(self, refresh: bool = False) -> FetchReport:
        return self.fetch_serially(refresh)

    def discover_work(self, log: FetchLog, refresh: bool) -> tuple[list[WorkItem], FetchReport]:
        """Driver: walk each site's list pages (few requests); every listed thread is one item."""
        report = FetchReport()
        if log.complete and not refresh:
            report.skipped = len(log.items)
            return [], report
        self._client_cache.clear()  # a new fetch run asks robots.txt again
        items: list[WorkItem] = []
        for site in self.config.sites:
            for turl in self._list_threads(site, log, report, refresh):
                key = f"{site.name}:thread:{url_key(turl)}"
                items.append(WorkItem(self.name, key, (site.name, turl, log.items.get(key))))
        return items, report

    def _list_threads(self, site: ForumSite, log: FetchLog, report: FetchReport, refresh: bool) -> list[str]:
        adapter = self.adapters[site.name]
        pages_c, _, robots = self._site_clients(site)
        threads: list[str] = []
        for start in site.start_urls:
            url, seen = start, set()
            while url and url not in seen and len(seen) < self.config.max_list_pages:
                seen.add(url)
                key = f"{site.name}:list:{url_key(url)}"
                rel = f"{site.name}/lists/{url_key(url)}.html"
                if log.is_ok(key) and not refresh and self.raw.has(rel):  # resumed run: reuse the cached list
                    body, prov = self.raw.get(rel), self.raw.provenance(rel)
                    page_url, ctype = prov["url"], prov.get("content_type")
                else:
                    try:
                        r = self._get(pages_c, robots, url, ("text/html", "application/xhtml"))
                    except ItemError as e:
                        log.record(key, "failed", e.reason, url=url)
                        report.fail(e.reason)
                        break
                    self.raw.put(rel, r.content, url=r.url, content_type=r.headers.get("content-type"))
                    log.record(key, "ok", url=url)
                    body, page_url, ctype = r.content, r.url, r.headers.get("content-type")
                try:
                    links, url = list_page(adapter, parse_html(body, ctype), page_url)
                except LayoutMismatch:
                    links, url = [], ""
                threads.extend(links)
        return list(dict.fromkeys(threads))[: self.config.max_threads]

    def _site_clients(self, site: ForumSite) -> tuple[HttpClient, HttpClient, RobotsCache]:
        """One set of clients per site and worker (robots.txt asked once per worker, not per thread)."""
        with self._clients_lock:
            if site.name not in self._client_cache:
                self._client_cache[site.name] = self._clients(site)
            return self._client_cache[site.name]

    def fetch_item(self, item: WorkItem, refresh: bool) -> tuple[dict[str, dict[str, Any] | None], FetchReport]:
        """Worker: one thread's pages (unless fetched before), then its images not yet in raw/."""
        site_name, turl, prev = item.payload
        site = next(s for s in self.config.sites if s.name == site_name)
        adapter = self.adapters[site.name]
        pages_c, images_c, robots = self._site_clients(site)
        report = FetchReport()
        entries: dict[str, dict[str, Any] | None] = {}
        tid = url_key(turl)
        key = item.key
        if not (prev and prev.get("status") == "ok"):  # ok threads are never fetched again
            url, n, seen = turl, 0, set()
            try:
                while url and url not in seen and n < self.config.max_thread_pages:
                    seen.add(url)
                    try:
                        r = self._get(pages_c, robots, url, ("text/html", "application/xhtml"))
                    except ItemError:
                        if n == 0:
                            raise
                        break  # later pages are a bonus: keep what we have
                    self.raw.put(f"{site.name}/threads/{tid}/{n}.html", r.content, url=r.url,
                                 content_type=r.headers.get("content-type"), license_stated=site.license)
                    n += 1
                    try:
                        url = thread_page(adapter, parse_html(r.content), r.url, first=(n == 1)).next_url
                    except LayoutMismatch:
                        url = ""
                prev = entries[key] = log_entry("ok", url=turl, pages=n)
                report.fetched += 1
            except ItemError as e:
                entries[key] = log_entry("failed", e.reason, url=turl)
                report.fail(e.reason)
                return entries, report
        else:
            report.skipped += 1
        for img in self._image_urls(site, tid, prev.get("pages", 0)):
            rel = f"{site.name}/images/{url_key(img)}"
            ikey = f"{site.name}:image:{url_key(img)}"
            if self.raw.has(rel):  # fetched before (the sidecar is written last)
                # logged again: a harvest killed after a worker stored the image but before the driver
                # merged its batch has the file and no entry, and extraction needs the entry
                entries[ikey] = log_entry("ok", url=img)
                continue
            try:
                r = self._get(images_c, robots, img, ("image/",))
                self.raw.put(rel, r.content, url=r.url, content_type=r.content_type, license_stated=site.license)
                entries[ikey] = log_entry("ok", url=img)
            except ItemError as e:
                entries[ikey] = log_entry("failed", e.reason, url=img)
                report.fail(e.reason)
        return entries, report

    # ------------------------------------------------------------------ extract
    def _posts(self, site: ForumSite, tid: str, n_pages: int) -> tuple[str, list[Post]]:
        adapter = self.adapters[site.name]
        title, posts = "", []
        for i in range(n_pages):
            rel = f"{site.name}/threads/{tid}/{i}.html"
            if not self.raw.has(rel):
                break
            prov = self.raw.provenance(rel)
            page = thread_page(adapter, parse_html(self.raw.get(rel), prov.get("content_type")), prov["url"],
                               first=(i == 0))
            title = title or page.title
            posts.extend(page.posts)
        return title, posts

    def _image_urls(self, site: ForumSite, tid: str, n_pages: int) -> list[str]:
        try:
            _, posts = self._posts(site, tid, n_pages)
        except LayoutMismatch:
            return []
        return self._pairable(posts)

    def _pairable(self, posts: list[Post]) -> list[str]:
        use = [p for p in posts if p.role == "question" or self.config.answer_images]
        return list(dict.fromkeys(u for p in use for u in p.images))

    def extract_keys(self, log: FetchLog) -> list[str]:
        keys = []
        for site in self.config.sites:
            prefix = f"{site.name}:thread:"
            keys += sorted(k for k in log.items if k.startswith(prefix))
        return keys

    def extract_units(self, keys: list[str], log: FetchLog) -> Iterator[dict[str, Any] | Excluded]:
        sites = {s.name: s for s in self.config.sites}
        for key in keys:
            site_name, _, tid = key.split(":", 2)
            yield from self._thread_rows(sites[site_name], tid, log)

    def _thread_rows(self, site: ForumSite, tid: str, log: FetchLog) -> Iterator[dict[str, Any] | Excluded]:
        entry = log.items[f"{site.name}:thread:{tid}"]
        group = f"forum:{site.name}:{tid}"
        base = self.base_row(f"{site.name}:{tid}", group_id=group, license=site.license,
                             source_url=entry.get("url", ""), raw_text="",
                             meta={"site": site.name, "adapter": site.adapter, "thread": tid})
        if entry.get("status") != "ok":
            yield Excluded(base, entry.get("reason", "not_fetched"), entry.get("url", ""))
            return
        try:
            title, posts = self._posts(site, tid, entry.get("pages", 0))
        except LayoutMismatch as e:
            yield Excluded(base, e.reason, str(e)[:200])
            return
        question = posts[0]
        names = [p.author for p in posts if p.author]
        answer = next((p for p in posts[1:] if p.physician), None)
        q_text = scrub("\n".join(t for t in (title, question.text) if t), names)
        a_text = scrub(answer.text, names) if answer else ""
        text = q_text + (f"\nDoctor's answer: {a_text}" if a_text else "")
        lang, conf = detect_lang(text, self.config.min_lang_confidence)
        images = self._pairable(posts)
        meta = {"site": site.name, "adapter": site.adapter, "thread": tid, "posted": question.date,
                "answer": "physician" if a_text else "none", "answers": len(posts) - 1,
                "lang_confidence": conf, "translate": lang != "en",
                **({"truncated": True} if question.truncated or (answer and answer.truncated) else {})}
        if not images:
            yield Excluded(self.base_row(f"{site.name}:{tid}", group_id=group, license=site.license,
                                         source_url=entry["url"], raw_text=text, lang=lang, meta=meta),
                           "no_images", "")
            return
        for i, img in enumerate(images):
            row = self.base_row(f"{site.name}:{tid}", i, group_id=group, license=site.license,
                                source_url=entry["url"], raw_text=text, lang=lang,
                                meta={**meta, "image": i, "image_key": url_key(img)})
            ient = log.items.get(f"{site.name}:image:{url_key(img)}", {})
            rel = f"{site.name}/images/{url_key(img)}"
            if ient.get("status") != "ok" or not self.raw.has(rel):
                yield Excluded(row, ient.get("reason", "not_fetched"), img[:200])
                continue
            try:
                info = self.images.put(self.raw.get(rel))
            except ItemError as e:
                yield Excluded(row, e.reason, e.detail)
                continue
            row.update(image_sha256=info.sha256, image_ext=info.ext, width=info.width, height=info.height,
                       retrieved=self.raw.provenance(rel)["retrieved"][:10])
            yield row
