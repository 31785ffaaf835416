"""The keyword pre-filter: does a text name a dermatology condition or concept from the ontology?

Called before any figure image is downloaded (PMC-OA kept ~3 % of figures; most bandwidth would go
to figures we never use). One function, so switching to the tagger's `has_derm_term` is one line.

The tagger costs ~2.9 CPU-s to build (ontology + automata) and the harvest's forkserver builds it before it
forks any worker, so every fetch process waited for it (most of the 12 s between the PubMed search and the
first fetch request, bench_harvest_mix). It is therefore taken from the user cache folder, where a built
tagger is kept pickled (`derm1m_build.tagger.stored`, shared with the tag stage; its key covers the code, the
ontology and the library versions), and loaded in ~0.6-1 CPU-s by later processes.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _tagger():
    from derm1m_build.ontology import load_ontology
    from derm1m_build.tagger.stored import stored_tagger

    return stored_tagger(load_ontology())


def has_derm_term(text: str) -> bool:
    if not text or not text.strip():
        return False
    r = _tagger().tag(text)
    return bool(r.conditions or r.concepts)
