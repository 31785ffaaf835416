"""A built tagger kept, pickled, in the user cache folder: later processes load it instead of building it.

Building the tagger (ontology, lexicon, automata, the English word list) costs ~2.5-3 CPU-s; loading its pickle
~0.9-1.1. Every `derm1m-build run` process built one in its tag stage, and the harvest's forkserver one for the
PubMed pre-filter (which every fetch process waited for). Both take it from here.

The file holds its key first: what the built tagger depends on, so that anything else builds it anew:
- the code: every module of the tagger and the ontology loader (`codedigest`, file bytes);
- the ontology: its content (`Ontology.digest`) and the bytes of every file of its folder (the dataset
  mapping files the tagger reads are not in the digest, nor the order of the nodes in their files);
- the options the stage passes (`fuzzy`, `fuzzy_threshold`);
- the interpreter and the libraries whose objects or data are inside the pickle (the automaton's format,
  wordfreq's word list, rapidfuzz, numpy, PyYAML).
A file whose key differs, that is cut short or that does not load is built again and replaced. One file per
key (its name holds the key's first digits), so a build on another ontology does not evict the shipped one's;
the `KEEP` most recently used are kept, older ones removed (each is ~30 MB). A cache folder that cannot be
written still gives a tagger: built, not kept. Written by this user's own processes only, like the code.
"""

from __future__ import annotations

from pathlib import Path

from derm1m_build.keyed_files import library_versions, load_keyed, save_keyed
from derm1m_build.keyed_files import prune as prune_keyed
from derm1m_build.usercache import cache_dir

PREFIX, SUFFIX = "tagger-", ".pickle"
KEEP = 4  # most recently used files kept: the shipped ontology's, and a few others' (tests, edited ontologies)
_CODE = ("derm1m_build.tagger", "derm1m_build.ontology")
_LIBRARIES = ("pyahocorasick", "rapidfuzz", "wordfreq", "numpy", "PyYAML")


def _versions() -> dict[str, str]:
    return library_versions(_LIBRARIES)


def folder_digest(folder: Path | None) -> str:
    """sha256 over the relative names and bytes of every file under `folder` ("" when there is none)."""
    from derm1m_build.hashing import digest_obj, sha256_bytes

    if folder is None or not Path(folder).is_dir():
        return ""
    root = Path(folder)
    return digest_obj({p.relative_to(root).as_posix(): sha256_bytes(p.read_bytes())
                       for p in sorted(root.rglob("*")) if p.is_file() and "__pycache__" not in p.parts})


def cache_key(ontology, fuzzy: bool = True, fuzzy_threshold: float | None = None) -> str:
    """What the pickled tagger depends on (module docstring)."""
    from derm1m_build.codedigest import code_digest
    from derm1m_build.hashing import digest_obj
    from derm1m_build.ontology.loader import default_ontology_dir

    folder = ontology.source_dir or default_ontology_dir()  # the tagger reads mappings from the default one then
    return digest_obj({"code": code_digest(_CODE), "ontology": ontology.digest(), "files": folder_digest(folder),
                       "fuzzy": bool(fuzzy), "fuzzy_threshold": fuzzy_threshold, **_versions()})


def path_for(key: str) -> Path:
    return cache_dir() / f"{PREFIX}{key[:16]}{SUFFIX}"


def load(path: Path, key: str):
    """The tagger stored at `path` under `key`, or None (missing, another key, cut short, not loadable)."""
    return load_keyed(path, key)


def save(path: Path, key: str, tagger) -> bool:
    """Write the key and the tagger to `path`, whole or not at all; False where the folder cannot be written."""
    return save_keyed(path, key, tagger, f"{PREFIX}*{SUFFIX}", KEEP)


def prune(folder: Path, keep: int = KEEP) -> list[Path]:
    """Remove all but the `keep` most recently used tagger files of `folder`; returns those removed."""
    return prune_keyed(folder, f"{PREFIX}*{SUFFIX}", keep)


def stored_tagger(ontology, fuzzy: bool = True, fuzzy_threshold: float | None = None):
    """A `Tagger(ontology, fuzzy=..., fuzzy_threshold=...)`: loaded from the user cache folder where one with
    the same key is there, else built and kept there."""
    from derm1m_build.tagger import Tagger
    from derm1m_build.tagger.memory import prefer_huge_pages

    key = cache_key(ontology, fuzzy, fuzzy_threshold)
    path = path_for(key)
    tagger = load(path, key)
    if tagger is None:
        tagger = Tagger(ontology, fuzzy=fuzzy, fuzzy_threshold=fuzzy_threshold)
        save(path, key, tagger)
    else:
        # the caller's ontology, as a built tagger holds it: the same content (the key), and the folder it
        # was loaded from here, not the one of the process that wrote the file (it may be gone since)
        tagger.ontology = ontology
        prefer_huge_pages()  # as a built tagger asks (speed only; off unless switched on)
    return tagger
