"""The `pubmed` source: figures and captions from PubMed Central open-access articles.

fetch (network -> raw/pubmed/):
  1. discovery: `esearch db=pmc` for the recipe's query (terms, MeSH, `open access[filter]`, dates),
     paged through the history server (WebEnv/query_key) -> `search/esearch-NNNN.xml`, `search/ids.json`;
     or the recipe's explicit `pmcids`;
  2. JATS: batched `efetch db=pmc` -> `jats/batch-<digest>.xml` (byte for byte), by the worker that
     fetches the batch's articles (discovery in the driver is the search alone);
  3. per article, with no network: licence gating and the keyword pre-filter decide which figures are
     wanted at all; only then the OA service (`oa.fcgi` -> `oa/<PMCID>.xml`) and the package
     (`.tar.gz`, read in memory, unsafe members refused), or the PMC Cloud Service objects on AWS
     (`pmc-oa-opendata`, the default since the legacy package tree was retired in 2026), or figure
     URLs -> `figures/<PMCID>/<file>`.
  Each article's outcome goes to the fetch log; a rerun fetches only articles that failed.
extract (raw/ only -> rows): one row per figure, or per panel when a compound figure's panels and
sub-captions agree; dropped figures carry a reason (`no_derm_term`, `licence_not_allowed`, ...).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import PurePosixPath
from typing import Any, Iterator, Literal
from urllib.parse import urlsplit

from pydantic import Field

from derm1m_build.errors import ItemError
from derm1m_build.hashing import digest_obj
from derm1m_build.net import HttpClient
from derm1m_build.pmc import licence as lic
from derm1m_build.pmc.eutils import NCBI_EUTILS, Eutils
from derm1m_build.pmc.jats import IMAGE_EXTS, Article, Figure, parse_articles, resolve_graphic
from derm1m_build.pmc.oa import HTTPS_PREFIX, NCBI_OA, OARecord, package_url, parse_oa
from derm1m_build.pmc.package import read_package
from derm1m_build.pmc.relevance import has_derm_term
from derm1m_build.rawcache import safe_relpath
from derm1m_build.recipe import Section
from derm1m_build.sources.base import Excluded, FetchLog, FetchReport, Source, WorkItem, log_entry

NCBI_HOSTS = ["eutils.ncbi.nlm.nih.gov", "www.ncbi.nlm.nih.gov", "ftp.ncbi.nlm.nih.gov", "pmc.ncbi.nlm.nih.gov",
              "pmc-oa-opendata.s3.amazonaws.com"]
_SECRET = re.compile(r"(api_key=)[^&\s]+")


def redact(s: str) -> str:
    return _SECRET.sub(r"\1***", s or "")


class PubmedConfig(Section):
    query: str = Field("dermatology", description="esearch term (PubMed syntax)")
    mesh: list[str] = Field(default_factory=list, description="MeSH headings OR'ed with the query")
    open_access: bool = Field(True, description='add "open access"[filter]')
    mindate: str | None = None
    maxdate: str | None = None
    datetype: str = "pdat"
    pmcids: list[str] = Field(default_factory=list, description="fetch exactly these (skips esearch)")
    max_articles: int | None = Field(1000, ge=1)
    page_size: int = Field(500, ge=1, le=10000)
    batch_size: int = Field(50, ge=1, le=500)
    eutils_url: str = NCBI_EUTILS
    oa_url: str = NCBI_OA
    package_mirror: str = Field(HTTPS_PREFIX, description="replaces ftp://ftp.ncbi.nlm.nih.gov/pub/pmc/ in OA hrefs")
    images: Literal["aws", "package", "figure_url"] = Field(
        "aws", description="aws: PMC Cloud Service objects <pmcid>.<version>/<file>; package: OA .tar.gz "
                           "(legacy tree, retired Aug 2026); figure_url: figure_url_template")
    aws_url: str = "https://pmc-oa-opendata.s3.amazonaws.com"
    aws_max_version: int = Field(3, ge=1, le=20, description="article versions tried in order (1, 2, ...); the first that has the file is used")
    figure_url_template: str = "https://www.ncbi.nlm.nih.gov/pmc/articles/{pmcid}/bin/{href}"
    email: str = Field("", description="NCBI asks for one; else $NCBI_EMAIL")
    tool: str = "derm1m-build"
    api_key_env: str = Field("NCBI_API_KEY", description="environment variable holding the API key (never the key)")
    licences: Literal["any", "open", "cc", "commercial"] = "any"
    prefilter: bool = Field(True, description="drop figures whose caption and article name no dermatology term")
    split_panels: bool = True
    allow_hosts: list[str] = Field(default_factory=list, description="extra hosts besides NCBI's and the URLs above")
    rate: float | None = Field(None, description="requests/s per host; default 3, or 10 with an API key")
    timeout: float = 30.0
    max_retries: int = 4
    backoff: float = 1.0


class PubmedSource(Source):
    name = "pubmed"
    source_type = "pubmed"

    @property
    def worker_warmup(self) -> tuple[str, ...]:  # type: ignore[override]
        """The pre-filter's tagger (ontology + automaton: ~2 CPU-s, 4-5 s under load) loaded once in the
        forkserver, not by every worker on its first article (measured by bench_harvest_mix: with 2
        workers the first article waited for it while the other worker cut video frames). The fetch
        processes fork from that forkserver too (the fetch pre-filters captions), so they wait for this
        load: from the user cache folder it is ~0.6 CPU-s instead of ~2.9 (`relevance`)."""
        return ("derm1m_build.pmc.relevance:_tagger",) if self.config.prefilter else ()

    def __init__(self, config: Any, ctx: Any, recipe: Any = None):
        super().__init__(config, ctx, recipe)
        self._http: HttpClient | None = None  # one client (session) per worker, shared by its threads
        self._jats_cache: dict[str, list[Article]] = {}

    # ------------------------------------------------------------------ clients

    @property
    def api_key(self) -> str:
        return os.environ.get(self.config.api_key_env, "") if self.config.api_key_env else ""

    def http(self) -> HttpClient:
        c = self.config
        hosts = set(NCBI_HOSTS) | set(c.allow_hosts)
        for u in (c.eutils_url, c.oa_url, c.package_mirror, c.aws_url, c.figure_url_template.split("{")[0]):
            h = urlsplit(u).hostname
            if h:
                hosts.add(h.lower())
        rate = c.rate if c.rate is not None else (10.0 if self.api_key else 3.0)
        return HttpClient(allow_hosts=sorted(hosts), allow_private=self.allow_private, rate=rate, timeout=c.timeout,
                          max_retries=c.max_retries, backoff=c.backoff, max_backoff=max(c.backoff * 8, 1.0))

    def eutils(self, http: HttpClient) -> Eutils:
        c = self.config
        return Eutils(http, base_url=c.eutils_url, tool=c.tool, email=c.email or os.environ.get("NCBI_EMAIL", ""),
                      api_key=self.api_key)

    def term(self) -> str:
        c = self.config
        parts = [f"({c.query})"] if c.query else []
        parts += [f'"{m}"[MeSH Terms]' for m in c.mesh]
        t = " OR ".join(parts)
        if c.open_access:
            t = f'({t}) AND "open access"[filter]' if t else '"open access"[filter]'
        return t

    # ------------------------------------------------------------------ fetch

    def fetch(self, refresh: bool = False) -> FetchReport:
        return self.fetch_serially(refresh)

    def discover_work(self, log: FetchLog, refresh: bool) -> tuple[list[WorkItem], FetchReport]:
        """Driver, cheap: the search (or the recipe's PMCIDs) only; each article still wanting its figures
        is one item. The JATS are fetched by the workers (`prepare_batch`), one efetch per `batch_size`
        articles as before: the search's ids are cut into those batches here, in order, and every item
        carries its batch, so a batch's file (`jats/batch-<digest of its ids>.xml`) is named the same
        whichever worker fetches it, and whether or not a killed run had fetched part of it."""
        report = FetchReport()
        if log.complete and not refresh:  # the rule of `begin_fetch`, on the driver's log
            report.skipped = len(log.items)
            return [], report
        log.complete = False
        http = self.http()
        eu = self.eutils(http)
        try:
            ids = self._discover(eu, log, refresh)
        except ItemError as e:
            log.record("_search", "failed", e.reason, detail=redact(e.detail))
            report.fail(e.reason)
            return [], report
        cache: dict[str, list[Article]] = {}
        items = []
        for batch in eu.batches(ids, self.config.batch_size):
            batch = tuple(batch)
            for pmcid in batch:
                if self._done(log, pmcid, cache):
                    report.skipped += 1
                    continue
                items.append(WorkItem(self.name, pmcid, {"entry": dict(log.items.get(pmcid, {})), "batch": batch}))
        return items, report

    def fetch_batches(self, items: list[WorkItem], size: int) -> list[list[WorkItem]]:
        """One task per efetch batch (its articles not yet done), so JATS cost 1 request per
        `batch_size` articles whatever `build.harvest_batch` says."""
        out: list[list[WorkItem]] = []
        for it in items:
            if out and out[-1][0].payload["batch"] is it.payload["batch"]:
                out[-1].append(it)
            else:
                out.append([it])
        return out

    keys_known_at_discovery = True  # the units are the search's ids (`search/ids.json`, written by discovery)

    def task_units(self, items: tuple[WorkItem, ...] | list[WorkItem]) -> list[str]:
        """Every article of the task's efetch batches: the batch's JATS file is written by this task and
        read by the extraction of each of its articles, the ones done before included."""
        return list(dict.fromkeys(p for it in items for p in it.payload["batch"]))

    def prepare_batch(self, items: tuple[WorkItem, ...] | list[WorkItem], refresh: bool
                      ) -> tuple[list[WorkItem], dict[str, dict[str, Any] | None], FetchReport]:
        """Worker: the JATS of the task's articles that have none, in one efetch of their batch (the
        batch's file kept by a killed run is read instead); an article the efetch lacks, or a failed
        efetch, is settled as failed. The rest go on to `fetch_item` with their JATS file."""
        report = FetchReport()
        settled: dict[str, dict[str, Any] | None] = {}
        todo: list[WorkItem] = []
        need = [it for it in items if not (it.payload["entry"].get("jats") and self.raw.has(it.payload["entry"]["jats"]))]
        rel, got = "", set()
        if need:
            batch = list(need[0].payload["batch"])
            rel = f"jats/batch-{digest_obj(batch)[:16]}.xml"
            try:
                got = {a.pmcid for a in self._jats_batch(rel, batch)}
            except ItemError as e:
                for it in need:
                    settled[it.key] = log_entry("failed", e.reason, detail=redact(e.detail))
                    report.fail(e.reason)
                need = []
        needed = {it.key for it in need}
        for it in items:
            if it.key in settled:
                continue
            if it.key not in needed:
                todo.append(WorkItem(it.source, it.key, dict(it.payload["entry"])))
            elif it.key in got:
                todo.append(WorkItem(it.source, it.key, {"status": "pending", "jats": rel}))
            else:
                settled[it.key] = log_entry("failed", "not_in_efetch")
                report.fail("not_in_efetch")
        return todo, settled, report

    def _jats_batch(self, rel: str, batch: list[str]) -> list[Article]:
        """The batch's articles: from its stored file, else one efetch (stored byte for byte)."""
        if self.raw.has(rel):
            try:
                arts = parse_articles(self.raw.get(rel))
                self._jats_cache = {rel: arts}
                return arts
            except ItemError:
                pass  # a damaged copy: fetched again
        if self._http is None:
            self._http = self.http()
        eu = self.eutils(self._http)
        body = eu.efetch("pmc", [p[3:] for p in batch])
        arts = parse_articles(body)
        self.raw.put(rel, body, url=redact(eu.url("efetch")), content_type="text/xml")
        self._jats_cache = {rel: arts}  # the task's threads read it; one batch held per worker
        return arts

    def fetch_item(self, item: WorkItem, refresh: bool) -> tuple[dict[str, dict[str, Any] | None], FetchReport]:
        """Worker: one article's OA record, package or figure files."""
        report = FetchReport()
        pmcid, entry = item.key, item.payload
        if self._http is None:
            self._http = self.http()
        try:
            extra = self._fetch_article(self._http, pmcid, entry, self._jats_cache)
            if extra.get("errors"):
                reason = sorted(extra["errors"].values())[0]
                report.fail(reason)
                return {pmcid: log_entry("partial", reason, jats=entry["jats"], **extra)}, report
            report.fetched += 1
            return {pmcid: log_entry("ok", jats=entry["jats"], want=self.want_digest(), **extra)}, report
        except ItemError as e:
            report.fail(e.reason)
            return {pmcid: log_entry("failed", e.reason, jats=entry["jats"], detail=redact(e.detail))}, report

    def finish_fetch(self, log: FetchLog, report: FetchReport) -> None:
        if not report.failed:
            log.finish()
        else:
            log.save()

    def want_digest(self) -> str:
        """The settings that decide which of an article's figures are fetched (licence policy, pre-filter,
        image route), as a short digest an `ok` log entry carries (`want`): under the same settings the
        entry's files are exactly what the article wants, so a rerun decides from the log alone."""
        c = self.config
        return digest_obj({"licences": c.licences, "prefilter": c.prefilter, "images": c.images})[:16]

    def _done(self, log: FetchLog, pmcid: str, cache: dict[str, list[Article]]) -> bool:
        """Fetched, and holding every figure the current recipe wants (a looser licence policy or a
        switched-off pre-filter makes a finished article want more).

        An entry fetched under the current figure settings (`want`) is decided from the log: its files
        still in raw/ (no JATS or OA record parsed in the driver). Any other entry (other settings, or
        written before entries carried `want`) is checked against its JATS as before."""
        item = log.items.get(pmcid, {})
        if item.get("status") != "ok" or not self._has_jats(log, pmcid):
            return False
        if item.get("want") == self.want_digest():
            return all(self.raw.has(rel) for rel in item.get("files", {}).values())
        try:
            art = self._article_from(item["jats"], pmcid, cache)
        except ItemError:
            return False
        rec = parse_oa(self.raw.get(item["oa"])) if item.get("oa") and self.raw.has(item["oa"]) else None
        licence = combined_licence(art, rec)
        ask_oa = rec is None and self.config.images == "package" and art.licence in ("none", "unknown")
        if rec is not None and rec.retracted:
            return True
        figs, _ = self.wanted(art, licence, gate=not ask_oa)
        files = item.get("files", {})
        return all(files.get(f.graphics[0]) and self.raw.has(files[f.graphics[0]]) for f in figs)

    def _has_jats(self, log: FetchLog, pmcid: str) -> bool:
        rel = log.items.get(pmcid, {}).get("jats")
        return bool(rel) and self.raw.has(rel)

    def _discover(self, eu: Eutils, log: FetchLog, refresh: bool) -> list[str]:
        c = self.config
        if c.pmcids:
            return [norm_pmcid(p) for p in c.pmcids]
        dates = {}
        if c.mindate or c.maxdate:
            dates = {"mindate": c.mindate or "1800/01/01", "maxdate": c.maxdate or "3000/12/31", "datetype": c.datetype}
        query = {"term": self.term(), "dates": dates, "max_articles": c.max_articles}
        if self.raw.has("search/ids.json") and not refresh:
            cached = json.loads(self.raw.get("search/ids.json"))
            if cached.get("query") == query:  # same search: reuse; a changed query searches again
                return cached["ids"]
        res = eu.esearch("pmc", self.term(), page_size=c.page_size, max_ids=c.max_articles, **dates)
        for i, page in enumerate(res.pages):
            self.raw.put(f"search/esearch-{i:04d}.xml", page, url=redact(eu.url("esearch")), content_type="text/xml")
        ids = [norm_pmcid(i) for i in res.ids]
        body = {"query": query, "count": res.count, "translation": res.translation, "warnings": res.warnings,
                "ids": ids}
        self.raw.put("search/ids.json", json.dumps(body, indent=1).encode(), url=redact(eu.url("esearch")),
                     content_type="application/json")
        log.record("_search", "ok", count=res.count, ids=len(ids))
        return ids

    def _article_from(self, rel: str, pmcid: str, cache: dict[str, list[Article]] | None = None) -> Article:
        arts = cache.get(rel) if cache is not None else None
        if arts is None:
            arts = parse_articles(self.raw.get(rel))
            if cache is not None:
                cache[rel] = arts
        for a in arts:
            if a.pmcid == pmcid:
                return a
        raise ItemError("not_in_efetch", pmcid)

    def wanted(self, art: Article, licence: str, gate: bool = True) -> tuple[list[Figure], dict[str, str]]:
        return figure_decisions(art, licence, self.config.licences, self.config.prefilter, gate)

    def _fetch_article(self, http: HttpClient, pmcid: str, item: dict[str, Any],
                       cache: dict[str, list[Article]] | None = None) -> dict[str, Any]:
        art = self._article_from(item["jats"], pmcid, cache)
        ask_oa = self.config.images == "package" and art.licence in ("none", "unknown")
        figs, _ = self.wanted(art, art.licence, gate=not ask_oa)
        if not figs:
            return {"files": {}}
        files: dict[str, str] = {}
        if self.config.images == "package":
            oa_rel = f"oa/{pmcid}.xml"
            if self.raw.has(oa_rel):
                rec = parse_oa(self.raw.get(oa_rel))
            else:
                r = http.get(self.config.oa_url, params={"id": pmcid})
                rec = parse_oa(r.content)  # raises oa_idIsNotOpenAccess etc.
                self.raw.put(oa_rel, r.content, url=r.url, content_type=r.content_type, license_stated=rec.licence_raw)
            licence = combined_licence(art, rec)
            figs, _ = self.wanted(art, licence)
            if not figs or rec.retracted:  # a retracted article's figures are never used
                return {"files": {}, "oa": oa_rel}
            href = rec.links.get("tgz")
            if not href:
                raise ItemError("oa_no_package", pmcid)
            url = package_url(href, self.config.package_mirror)
            r = http.get(url)
            want = {PurePosixPath(g).name for f in figs for g in f.graphics}
            want |= {w + ext for w in list(want) for ext in IMAGE_EXTS if not w.lower().endswith(IMAGE_EXTS)}
            pkg = read_package(r.content, want)
            refused = [f"{n} ({w})" for n, w in pkg.refused]
            for f in figs:
                g = f.graphics[0]
                member = resolve_graphic(g, pkg.files)
                if member is None:
                    raise ItemError("figure_not_in_package", g)
                rel = f"figures/{pmcid}/{safe_relpath(PurePosixPath(member).name)}"
                self.raw.put(rel, pkg.files[member], url=f"{url}#{member}", license_stated=rec.licence_raw)
                files[g] = rel
            return {"files": files, "oa": oa_rel, **({"refused_members": refused} if refused else {})}
        errors: dict[str, str] = {}
        for f in figs:
            g = f.graphics[0]
            base = PurePosixPath(g).name
            name = base if base.lower().endswith(IMAGE_EXTS) else base + ".jpg"
            try:
                rel = f"figures/{pmcid}/{safe_relpath(name)}"
                if not self.raw.has(rel):
                    r = self._get_figure(http, pmcid, name)
                    self.raw.put(rel, r.content, url=r.url, content_type=r.content_type)
                files[g] = rel
            except ItemError as e:  # one figure failing does not lose the others
                errors[g] = e.reason
        return {"files": files, **({"errors": errors} if errors else {})}

    def _get_figure(self, http: HttpClient, pmcid: str, name: str):
        """One figure file: from the PMC Cloud Service (`<aws_url>/<PMCID>.<version>/<file>`, versions
        1.. tried in order until one exists) or from `figure_url_template`."""
        if self.config.images == "figure_url":
            return http.get(self.config.figure_url_template.format(pmcid=pmcid, href=name), expect_types=("image/",))
        last: ItemError | None = None
        for v in range(1, self.config.aws_max_version + 1):
            try:
                return http.get(f"{self.config.aws_url.rstrip('/')}/{pmcid}.{v}/{name}", expect_types=("image/",))
            except ItemError as e:
                if e.reason not in ("http_404", "http_403"):
                    raise
                last = e
        raise ItemError("figure_not_found", f"{pmcid}/{name} in versions 1-{self.config.aws_max_version}") from last

    # ------------------------------------------------------------------ extract

    def extract(self) -> Iterator[dict[str, Any] | Excluded]:
        log = self.open_log()
        yield from self.extract_units(self._article_ids(), log)

    def extract_keys(self, log: FetchLog) -> list[str]:
        return self._article_ids()

    def extract_units(self, keys: list[str], log: FetchLog) -> Iterator[dict[str, Any] | Excluded]:
        cache: dict[str, list[Article]] = {}
        for pmcid in keys:
            item = log.items.get(pmcid, {})
            rel = item.get("jats")
            if not rel or not self.raw.has(rel):
                continue  # never got its JATS: nothing to show (the fetch log says why)
            try:
                art = self._article_from(rel, pmcid, cache)
            except ItemError:
                continue
            rec = None
            if item.get("oa") and self.raw.has(item["oa"]):
                try:
                    rec = parse_oa(self.raw.get(item["oa"]))
                except ItemError:
                    rec = None
            yield from self._rows(art, rec, item, self.raw.provenance(rel)["retrieved"][:10])

    def _article_ids(self) -> list[str]:
        """The articles this recipe's harvest holds: its pmcids, or its (last) search; sorted."""
        if self.config.pmcids:
            return sorted({norm_pmcid(p) for p in self.config.pmcids})
        if self.raw.has("search/ids.json"):
            return sorted(set(json.loads(self.raw.get("search/ids.json"))["ids"]))
        return []

    def _rows(self, art: Article, rec: OARecord | None, item: dict[str, Any], retrieved: str
              ) -> Iterator[dict[str, Any] | Excluded]:
        licence = combined_licence(art, rec)
        keep, why = self.wanted(art, licence)
        keep_ids = {f.fig_id for f in keep}
        files = item.get("files", {})
        for f in art.figures:
            meta = figure_meta(art, f, licence, rec)
            row = self.base_row(art.pmcid, f.fig_id, group_id=f"pmc:{art.pmcid}", license=licence,
                                source_url=f"https://pmc.ncbi.nlm.nih.gov/articles/{art.pmcid}/",
                                raw_text=f.caption, retrieved=retrieved, meta=meta)
            if rec is not None and rec.retracted:
                yield Excluded(row, "retracted", rec.citation)
                continue
            if f.fig_id not in keep_ids:
                yield Excluded(row, why.get(f.fig_id, "not_wanted"), licence if why.get(f.fig_id) == "licence_not_allowed" else "")
                continue
            frel = files.get(f.graphics[0])
            if not frel or not self.raw.has(frel):
                yield Excluded(row, "not_fetched", item.get("errors", {}).get(f.graphics[0]) or item.get("reason", ""))
                continue
            data = self.raw.get(frel)
            try:
                yield from self._figure_rows(art, f, row, meta, data)
            except ItemError as e:
                yield Excluded(row, e.reason, e.detail)

    def _figure_rows(self, art: Article, f: Figure, row: dict[str, Any], meta: dict[str, Any], data: bytes
                     ) -> Iterator[dict[str, Any]]:
        from derm1m_build.pmc.panels import crop, figure_panels, split_caption

        # validates the whole figure first (bombs, corrupt files); its decode is reused by the panel split
        # when the stored bytes are the fetched ones (`put_decoded`): one decode per figure, not two
        info, decoded = self.images.put_decoded(data)
        if self.config.split_panels:
            # the same path as `derm1m-build inspect figure`, on the stored figure (upright, EXIF orientation
            # applied), so panel boxes match the stored image; rows only when letters and panels agree
            stored = data if decoded is not None else self.images.read(info.sha256, info.ext)
            img, pairing, subs = figure_panels(stored, f.caption, decoded=decoded)
            meta_all = {**meta, "sub_captions": subs.as_list()}
            if pairing.panels:
                for letter, box, text in pairing.panels:
                    pinfo = self.images.put(encode_like(crop(img, box), info.ext))
                    pmeta = {**meta_all, "panel": letter, "panel_box": box.xyxy,
                             "figure_sha256": info.sha256}
                    yield {**self.base_row(art.pmcid, f"{f.fig_id}/{letter}", group_id=row["group_id"],
                                           license=row["license"], source_url=row["source_url"], raw_text=text,
                                           retrieved=row["retrieved"], meta=pmeta),
                           "image_sha256": pinfo.sha256, "image_ext": pinfo.ext, "width": pinfo.width,
                           "height": pinfo.height}
                return
            if pairing.note:
                meta_all["panel_note"] = pairing.note
            row = {**row, "meta": json.dumps(meta_all, sort_keys=True, ensure_ascii=False)}
        else:
            row = {**row, "meta": json.dumps({**meta, "sub_captions": split_caption(f.caption).as_list()},
                                             sort_keys=True, ensure_ascii=False)}
        yield {**row, "image_sha256": info.sha256, "image_ext": info.ext, "width": info.width, "height": info.height}


# ---------------------------------------------------------------------- helpers

def figure_decisions(art: Article, licence: str, policy: str = "any", prefilter: bool = True, gate: bool = True
                     ) -> tuple[list[Figure], dict[str, str]]:
    """Figures worth downloading, and why each other one is not (no network involved).

    Order of checks: a graphic at all; the keyword pre-filter (caption, else the article's title,
    abstract and keywords); the recipe's licence policy (`gate=False` defers it when the JATS states
    no licence and the OA service may)."""
    why: dict[str, str] = {}
    keep: list[Figure] = []
    article_derm = None
    for f in art.figures:
        if not f.graphics:
            why[f.fig_id] = "no_graphic"
            continue
        if prefilter and not has_derm_term(f.caption):
            if article_derm is None:
                article_derm = has_derm_term(art.context_text)
            if not article_derm:
                why[f.fig_id] = "no_derm_term"
                continue
        if gate and not lic.allowed(licence, policy):
            why[f.fig_id] = "licence_not_allowed"
            continue
        keep.append(f)
    return keep, why


def norm_pmcid(p: str | int) -> str:
    s = str(p).strip()
    return s if s.upper().startswith("PMC") else f"PMC{s}"


def combined_licence(art: Article, rec: OARecord | None) -> str:
    """The article's own licence; the OA service's when the JATS states none we can read."""
    if art.licence in ("unknown", "none") and rec is not None and rec.licence not in ("unknown",):
        if rec.licence != "none" or art.licence == "unknown":
            return rec.licence
    return art.licence


def figure_meta(art: Article, f: Figure, licence: str, rec: OARecord | None) -> dict[str, Any]:
    return {"pmcid": art.pmcid, "pmid": art.pmid, "doi": art.doi, "title": art.title, "journal": art.journal,
            "year": art.year, "article_type": art.article_type, "licence": licence,
            "licence_jats": art.licence, "licence_source": art.licence_source, "licence_url": art.licence_url,
            "licence_oa": rec.licence_raw if rec else None, "label": f.label, "fig_id": f.fig_id,
            "fig_number": f.number, "caption_title": f.title, "graphic": f.graphics[0] if f.graphics else ""}


def encode_like(bgr, ext: str) -> bytes:
    """A panel crop in the figure's own format (JPEG stays JPEG), deterministic bytes."""
    from derm1m_build.demo.images import to_jpeg, to_png

    return to_jpeg(bgr, quality=95) if ext == "jpg" else to_png(bgr)
