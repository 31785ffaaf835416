"""The PMC OA web service (`oa.fcgi`): which package holds an article, under which licence.

Reply forms (see ../shared/realdata/oa_fcgi): `<OA><records><record id license citation retracted>
<link format="tgz|pdf" href="ftp://...">` (note `returned-count` counts links, not records), and
`<OA><error code="idIsNotOpenAccess">` with no records. Hrefs are `ftp://` paths; NCBI serves the same
tree over HTTPS, and the legacy `oa_package/` tree is being retired in favour of the AWS bucket
`pmc-oa-opendata`, so `package_url` rewrites the prefix to whatever mirror the recipe names.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from derm1m_build.errors import ItemError
from derm1m_build.pmc import licence as lic
from derm1m_build.pmc.safexml import parse_bytes

NCBI_OA = "https://www.ncbi.nlm.nih.gov/pmc/utils/oa/oa.fcgi"
FTP_PREFIX = "ftp://ftp.ncbi.nlm.nih.gov/pub/pmc/"
HTTPS_PREFIX = "https://ftp.ncbi.nlm.nih.gov/pub/pmc/"


@dataclass
class OARecord:
    pmcid: str
    licence: str
    licence_raw: str
    citation: str = ""
    retracted: bool = False
    links: dict[str, str] = field(default_factory=dict)  # format -> href


def parse_oa(data: bytes) -> OARecord:
    """The one record of an `oa.fcgi?id=` reply, or ItemError(code) for the error form."""
    root = parse_bytes(data, "oa")
    if root.tag != "OA":
        raise ItemError("oa_malformed", f"root <{root.tag}>")
    err = root.find("error")
    if err is not None:
        code = err.get("code") or "error"
        raise ItemError(f"oa_{code}", (err.text or "").strip())
    rec = root.find("records/record")
    if rec is None:
        raise ItemError("oa_no_record")
    links = {}
    for link in rec.iter("link"):
        fmt, href = link.get("format") or "", link.get("href") or ""
        if fmt and href and fmt not in links:
            links[fmt] = href
    raw = rec.get("license") or ""
    return OARecord(pmcid=rec.get("id") or "", licence=lic.from_oa_service(raw), licence_raw=raw,
                    citation=rec.get("citation") or "", retracted=(rec.get("retracted") == "yes"), links=links)


def package_url(href: str, mirror: str = HTTPS_PREFIX) -> str:
    """The package href over HTTPS (or the recipe's mirror): `ftp://ftp.ncbi.nlm.nih.gov/pub/pmc/x` -> mirror + x."""
    if href.startswith(FTP_PREFIX):
        return mirror.rstrip("/") + "/" + href[len(FTP_PREFIX):]
    if href.startswith("ftp://"):
        raise ItemError("oa_unsupported_href", href)
    return href
