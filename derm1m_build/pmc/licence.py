"""Licence normalisation for PMC articles: every encoding JATS and the OA service use, to one id.

PMC states a licence as a Creative Commons URL (`xlink:href` or `<ali:license_ref>`), a
`license-type` attribute, prose in `<license-p>`, a short OA-service string (`CC BY-NC`) or nothing at
all. `normalise` maps each to one of the ids in `schema.LICENSES` style (`CC-BY-4.0`, `CC-BY-NC-3.0`,
`public-domain`, `none`, `unknown`; `CC-BY-NC` when no version is
stated) so that recipe gating and captions.csv see one vocabulary.
"""

from __future__ import annotations

import re
from functools import lru_cache

_CC_URL = re.compile(r"creativecommons\.org/(licenses|publicdomain)/([a-z\-]+)(?:/(\d(?:\.\d)?))?", re.I)
_CC_TEXT = re.compile(r"\bCC[\s\-]?(BY(?:[\s\-](?:NC|SA|ND))*|0)(?:[\s\-]?(\d\.\d))?\b", re.I)
_PROSE = [
    (re.compile(r"attribution[\s\-]+non[\s\-]?commercial[\s\-]+share[\s\-]?alike", re.I), "by-nc-sa"),
    (re.compile(r"attribution[\s\-]+non[\s\-]?commercial[\s\-]+no[\s\-]?deriv", re.I), "by-nc-nd"),
    (re.compile(r"attribution[\s\-]+non[\s\-]?commercial", re.I), "by-nc"),
    (re.compile(r"attribution[\s\-]+share[\s\-]?alike", re.I), "by-sa"),
    (re.compile(r"attribution[\s\-]+no[\s\-]?deriv", re.I), "by-nd"),
    (re.compile(r"creative\s+commons\s+attribution", re.I), "by"),
]
_PUBLIC_DOMAIN = re.compile(r"public[\s\-]domain|publicdomain|not\s+subject\s+to\s+copyright|\bCC0\b", re.I)
_VERSION = re.compile(r"\b(\d\.\d)\b")

# Licences that allow commercial reuse; CC ids that are Creative Commons.
COMMERCIAL = {"public-domain"}
ORDER = ("by", "by-sa", "by-nd", "by-nc", "by-nc-sa", "by-nc-nd")


def _cc(kind: str, version: str | None) -> str:
    kind = kind.lower().replace(" ", "-")
    if kind in ("zero", "0", "cc0"):
        return "CC0-1.0"
    parts = [p for p in kind.split("-") if p]
    order = [p for p in ("by", "nc", "sa", "nd") if p in parts]
    if not order or order[0] != "by":
        return "unknown"
    # No version stated (`CC BY-NC`, "Creative Commons Attribution License"): say so rather than guess one.
    return "CC-" + "-".join(p.upper() for p in order) + (f"-{version}" if version else "")


@lru_cache(maxsize=4096)  # a few dozen licence URLs and statements cover most of PMC
def from_url(url: str) -> str | None:
    m = _CC_URL.search(url or "")
    if not m:
        return None
    if m.group(1).lower() == "publicdomain":
        return "CC0-1.0" if m.group(2).lower() == "zero" else "public-domain"
    return _cc(m.group(2), m.group(3))


@lru_cache(maxsize=4096)
def from_text(text: str) -> str | None:
    """Short forms (`CC BY-NC`, `CC0`) and prose (`Creative Commons Attribution 4.0 License`)."""
    text = " ".join((text or "").split())
    low = text.lower()
    if not text or not any(k in low for k in ("creativecommons", "cc", "attribution", "public", "copyright")):
        return None  # cheap test first: most prose names no licence at all
    url = from_url(text)
    if url:
        return url
    m = _CC_TEXT.search(text)
    if m:
        kind = m.group(1).replace(" ", "-")
        return "CC0-1.0" if kind == "0" else _cc(kind, m.group(2))
    for rx, kind in _PROSE:
        m = rx.search(text)
        if m:
            v = _VERSION.search(text, m.end(), m.end() + 40)
            return _cc(kind, v.group(1) if v else None)
    if _PUBLIC_DOMAIN.search(text):
        return "public-domain"
    return None


def normalise(url: str = "", license_type: str = "", prose: str = "") -> str:
    """Best id from a JATS `<license>`: URL first, then prose, then the license-type attribute."""
    for got in (from_url(url), from_text(prose)):
        if got:
            return got
    lt = (license_type or "").strip().lower()
    if lt in ("public-domain", "publicdomain"):
        return "public-domain"
    if lt:
        got = from_text(lt)
        if got:
            return got
        return "unknown"  # e.g. "open-access" with no URL or prose: open, but which terms is not said
    return "unknown"


def from_oa_service(value: str) -> str:
    """The OA web service's `license` attribute (`CC BY`, `CC BY-NC`, `none`, `CC0`)."""
    v = (value or "").strip()
    if not v:
        return "unknown"
    if v.lower() == "none":
        return "none"
    got = from_text(v)
    return got or "unknown"


def allows_commercial(lic: str) -> bool:
    return lic in ("CC0-1.0", "public-domain") or (lic.startswith("CC-BY") and "-NC" not in lic)


def is_cc(lic: str) -> bool:
    return lic.startswith("CC-") or lic == "CC0-1.0"


def allowed(lic: str, policy: str) -> bool:
    """Recipe gating: `any` keeps everything, `cc` only Creative Commons/CC0, `commercial` only commercial reuse."""
    if policy == "any":
        return True
    if policy == "cc":
        return is_cc(lic)
    if policy == "commercial":
        return allows_commercial(lic)
    if policy == "open":
        return lic not in ("none", "unknown")
    raise ValueError(policy)
