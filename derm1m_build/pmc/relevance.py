"""The keyword pre-filter: does a text name a dermatology condition or concept from the ontology?

Called before any figure image is downloaded (PMC-OA kept ~3 % of figures; most bandwidth would go
to figures we never use). One function, so switching to the tagger's `has_derm_term` is one line.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _tagger():
    from derm1m_build.ontology import load_ontology
    from derm1m_build.tagger import Tagger

    return Tagger(load_ontology())


def has_derm_term(text: str) -> bool:
    if not text or not text.strip():
        return False
    r = _tagger().tag(text)
    return bool(r.conditions or r.concepts)
