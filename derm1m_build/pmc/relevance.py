"""The keyword pre-filter: does a text name a dermatology condition or concept from the ontology?

Called before any figure image is downloaded (PMC-OA kept ~3 % of figures; most bandwidth would go
to figures we never use). One function, so switching to the tagger's `has_derm_term` is one line.

The tagger costs ~2.9 CPU-s to build (ontology + automata) and the harvest's forkserver builds it before it
forks any worker, so every fetch process waited for it (most of the 12 s between the PubMed search and the
first fetch request, bench_harvest_mix). A built tagger is therefore kept, pickled, in the user cache folder
(as the language identifier's arrays are) and loaded in ~0.6 CPU-s by later processes. The file holds its
key: the digest of the tagger's code (every module it imports), of the ontology's content, and the Python
and pyahocorasick versions (the automaton's pickle format); any difference, or a file that does not load,
builds the tagger again and replaces the file. Written by this user's own processes only, like the code.
"""

from __future__ import annotations

import os
import pickle
import sys
from functools import lru_cache
from pathlib import Path

from derm1m_build.usercache import cache_dir

CACHE_NAME = "pmc-prefilter-tagger.pickle"
_CODE = ("derm1m_build.tagger", "derm1m_build.ontology")


def cache_key(ontology) -> str:
    """What the pickled tagger depends on (module docstring)."""
    from importlib.metadata import version

    from derm1m_build.codedigest import code_digest
    from derm1m_build.hashing import digest_obj

    try:
        aho = version("pyahocorasick")
    except Exception:  # noqa: BLE001 - not installed as a distribution: the key still names the interpreter
        aho = "?"
    return digest_obj({"code": code_digest(_CODE), "ontology": ontology.digest(),
                       "python": sys.version, "pyahocorasick": aho})


def _load(path: Path, key: str):
    try:
        with path.open("rb") as f:
            if pickle.load(f) != key:
                return None
            return pickle.load(f)
    except Exception:  # noqa: BLE001 - missing, partial or stale: built again
        return None


def _save(path: Path, key: str, tagger) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(key, f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(tagger, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # whole or not at all, also with several processes writing
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # a read-only cache folder: the next process builds it again


@lru_cache(maxsize=1)
def _tagger():
    from derm1m_build.ontology import load_ontology
    from derm1m_build.tagger import Tagger

    ontology = load_ontology()
    path, key = cache_dir() / CACHE_NAME, cache_key(ontology)
    tagger = _load(path, key)
    if tagger is None:
        tagger = Tagger(ontology)
        _save(path, key, tagger)
    return tagger


def has_derm_term(text: str) -> bool:
    if not text or not text.strip():
        return False
    r = _tagger().tag(text)
    return bool(r.conditions or r.concepts)
