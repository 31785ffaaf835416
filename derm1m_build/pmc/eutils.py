"""NCBI E-utilities (esearch with history paging, efetch in batches) over our HTTP client.

`Bio.Entrez` hard-codes NCBI's URL inside each function and does its own HTTP, so it cannot be
pointed at a mirror or a test server, and its retries ignore Retry-After. We build the same requests
(same parameters: `db`, `term`, `usehistory`, `WebEnv`, `query_key`, `retstart`, `retmax`, plus
`tool`, `email`, `api_key`) against a configurable base URL, send them with `derm1m_build.net`
(allow-list, 3 or 10 requests/s, 429/5xx retried with backoff and Retry-After), and parse the replies
with `Bio.Entrez.read`, whose DTDs ship with Biopython (no network while parsing). JATS bodies from
efetch are returned as bytes for `pmc.jats` (Entrez's parser does not know the JATS DTD).

Error forms that come back with HTTP 200 are turned into `ItemError`s: an HTML page instead of XML
(`efetch_is_html`), an `<ERROR>` element (`eutils_error`); a search with no hits (`ErrorList/
PhraseNotFound`, "No items found.") is an empty result, not an error.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, Iterator

from Bio import Entrez
from Bio.Entrez.Parser import CorruptedXMLError, NotXMLError, ValidationError

from derm1m_build.errors import ItemError
from derm1m_build.net import HttpClient
from derm1m_build.pmc.safexml import looks_like_html

NCBI_EUTILS = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"


def entrez_read(data: bytes, what: str) -> Any:
    """`Bio.Entrez.read` on bytes, with its error forms mapped to ItemError reasons."""
    if looks_like_html(data):
        raise ItemError(f"{what}_is_html", data[:80].decode("utf-8", "replace").strip())
    try:
        return Entrez.read(io.BytesIO(data), validate=False)
    except NotXMLError as e:
        raise ItemError(f"{what}_not_xml", str(e)[:120]) from None
    except (CorruptedXMLError, ValidationError) as e:
        raise ItemError(f"{what}_malformed", str(e)[:120]) from None
    except RuntimeError as e:  # Entrez raises RuntimeError for an <ERROR> element
        raise ItemError("eutils_error", str(e)[:200]) from None
    except Exception as e:  # expat errors on truncated/garbage bodies
        raise ItemError(f"{what}_malformed", f"{type(e).__name__}: {str(e)[:100]}") from None


@dataclass
class SearchResult:
    count: int
    ids: list[str]
    webenv: str = ""
    query_key: str = ""
    translation: str = ""
    warnings: list[str] = field(default_factory=list)
    pages: list[bytes] = field(default_factory=list)  # raw esearch replies, for the raw cache


@dataclass
class Eutils:
    http: HttpClient
    base_url: str = NCBI_EUTILS
    tool: str = "derm1m-build"
    email: str = ""
    api_key: str = ""

    def _params(self, **kw: Any) -> dict[str, Any]:
        p = {k: v for k, v in kw.items() if v not in (None, "")}
        p["tool"] = self.tool
        if self.email:
            p["email"] = self.email
        if self.api_key:
            p["api_key"] = self.api_key
        return p

    def url(self, util: str) -> str:
        return f"{self.base_url.rstrip('/')}/{util}.fcgi"

    def esearch(self, db: str, term: str, page_size: int = 500, max_ids: int | None = None,
                **dates: Any) -> SearchResult:
        """All ids for `term` (up to max_ids), paging through the history server (WebEnv/query_key)."""
        first = self.http.get(self.url("esearch"), params=self._params(db=db, term=term, usehistory="y",
                                                                      retmax=page_size, retstart=0, **dates))
        rec = entrez_read(first.content, "esearch")
        res = SearchResult(count=int(rec.get("Count", 0) or 0), ids=list(rec.get("IdList", [])),
                           webenv=str(rec.get("WebEnv", "")), query_key=str(rec.get("QueryKey", "")),
                           translation=str(rec.get("QueryTranslation", "")), pages=[first.content])
        wl = rec.get("WarningList") or {}
        res.warnings = [str(m) for m in wl.get("OutputMessage", [])] if hasattr(wl, "get") else []
        want = res.count if max_ids is None else min(res.count, max_ids)
        while len(res.ids) < want and res.webenv:
            r = self.http.get(self.url("esearch"), params=self._params(
                db=db, term=term, usehistory="y", WebEnv=res.webenv, query_key=res.query_key,
                retmax=page_size, retstart=len(res.ids)))
            page = entrez_read(r.content, "esearch")
            ids = list(page.get("IdList", []))
            res.pages.append(r.content)
            if not ids:
                break
            res.ids.extend(ids)
        if max_ids is not None:
            res.ids = res.ids[:max_ids]
        return res

    def efetch(self, db: str, ids: list[str], **kw: Any) -> bytes:
        """The raw efetch body for `ids` (POST for long lists, as NCBI asks)."""
        params = self._params(db=db, id=",".join(ids), retmode="xml", **kw)
        if len(ids) >= 200:
            r = self.http.post(self.url("efetch"), data=params)
        else:
            r = self.http.get(self.url("efetch"), params=params)
        if looks_like_html(r.content):
            raise ItemError("efetch_is_html", r.content[:80].decode("utf-8", "replace").strip())
        return r.content

    def batches(self, ids: list[str], size: int) -> Iterator[list[str]]:
        for i in range(0, len(ids), size):
            yield ids[i:i + size]
