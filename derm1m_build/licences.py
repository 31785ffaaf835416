"""Which licences allow which use: one table for exports, the datasheet and the report.

Sources emit licence ids in `schema.LICENSES` style (`CC-BY-4.0`, `CC-BY-NC-3.0`), but also ids without a
version (`CC-BY-NC` from PMC's OA service, `CC-BY` in a user's CSV) and free text from recipes and local
metadata (`cc by 4.0`, a creativecommons.org URL, "public domain"). `canonical` brings all of them to one
id with the PMC licence parser; `licence_class` sorts an id into the three classes an export offers:

- `commercial`: CC0, public domain, and every CC BY licence without NC (any or no version: every CC BY
  version allows commercial reuse; SA/ND add conditions on adaptations, not on use);
- `noncommercial`: CC BY-NC, -NC-SA, -NC-ND (any or no version);
- `excluded`: `none` (all rights reserved), `unknown`, and anything that is not a recognised open licence.
"""

from __future__ import annotations

from functools import lru_cache

from derm1m_build.pmc import licence as pmc_licence

CLASSES = ("commercial", "noncommercial", "excluded")
_FIXED = {"public-domain": "public-domain", "none": "none", "unknown": "unknown", "": "unknown",
          "cc0": "CC0-1.0", "cc0-1.0": "CC0-1.0"}


@lru_cache(maxsize=1024)
def canonical(value: str | None) -> str:
    """A licence id (`CC-BY-4.0`, `CC-BY-NC`, `public-domain`, `none`, `unknown`) for any value a source emits."""
    v = " ".join(str(value or "").split())
    low = v.lower()
    if low in _FIXED:
        return _FIXED[low]
    if low.startswith("cc-") and all(p in ("by", "nc", "sa", "nd") or p.replace(".", "").isdigit()
                                     for p in low.split("-")[1:]):
        return pmc_licence.from_text(v.replace("-", " ", 1)) or "unknown"
    if low in ("all rights reserved", "standard youtube license", "copyright"):
        return "none"
    return pmc_licence.from_text(v) or "unknown"


@lru_cache(maxsize=1024)
def licence_class(value: str | None) -> str:
    """`commercial`, `noncommercial` or `excluded` for a licence id or any value a source emits."""
    lic = canonical(value)
    if lic in ("CC0-1.0", "public-domain"):
        return "commercial"
    parts = lic.split("-")
    if parts[:2] == ["CC", "BY"]:
        return "noncommercial" if "NC" in parts else "commercial"
    return "excluded"


def allows(value: str | None, export_class: str) -> bool:
    """Whether a row under this licence goes into an export of `export_class` (commercial, noncommercial, all).
    A non-commercial export takes commercial licences too: they allow non-commercial use."""
    if export_class == "all":
        return True
    cls = licence_class(value)
    if export_class == "commercial":
        return cls == "commercial"
    if export_class == "noncommercial":
        return cls in ("commercial", "noncommercial")
    raise ValueError(export_class)
