"""The tag stage takes its tagger from the user cache folder (`derm1m_build.tagger.stored`), as the PubMed
pre-filter does: one file per key, the key covering the stage's fuzzy options, the ontology folder's bytes and
the library versions; the most recently used files kept. (Loading, a broken file and an unwritable folder:
tests/test_harvest_start41.py; a real tagger back from the file tags the same there too.)"""

from __future__ import annotations

import os
import pickle
import shutil

import pytest

from derm1m_build.ontology import load_ontology
from derm1m_build.ontology.loader import default_ontology_dir
from derm1m_build.stage import BuildContext
from derm1m_build.stages.tag import TagConfig, TagStage
from derm1m_build.tagger import stored


class _Built:
    """Stands in for `Tagger`: records what it was built with."""
    made: list = []

    def __init__(self, ontology, fuzzy=True, fuzzy_threshold=None):
        type(self).made.append((len(ontology.conditions), fuzzy, fuzzy_threshold))
        self.options = (fuzzy, fuzzy_threshold)
        self.ontology = ontology


@pytest.fixture
def cache(tmp_path, monkeypatch):
    import derm1m_build.tagger as tagger_pkg

    monkeypatch.setenv("DERM1M_CACHE", str(tmp_path))
    monkeypatch.setattr(tagger_pkg, "Tagger", _Built)
    _Built.made = []
    return tmp_path / "derm1m-build"


def test_the_key_follows_the_options_the_ontology_files_and_the_libraries(tmp_path, monkeypatch):
    onto = load_ontology()
    k = stored.cache_key(onto)
    assert k == stored.cache_key(onto, True, None) and len({k, stored.cache_key(onto, False),
                                                             stored.cache_key(onto, True, 85.0)}) == 3
    copy = tmp_path / "onto"
    shutil.copytree(default_ontology_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert stored.cache_key(load_ontology(copy)) == k  # the same bytes in another folder: the same tagger
    mapping = sorted((copy / "mappings").glob("*.yaml"))[0]
    mapping.write_text(mapping.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    edited = load_ontology(copy)
    assert edited.digest() == onto.digest() and stored.cache_key(edited) != k  # a mapping file is no node
    versions = stored._versions()
    assert versions["pyahocorasick"] != "?" and versions["wordfreq"] != "?" and "python" in versions
    monkeypatch.setattr(stored, "_versions", lambda: {**versions, "wordfreq": "0.0"})
    assert stored.cache_key(onto) != k


def test_the_tag_stage_builds_once_per_options_then_loads(cache, tmp_path):
    def setup(**config):
        stage = TagStage(TagConfig(**config), BuildContext(out=tmp_path / "out", recipe_path=None))
        stage.setup()
        assert stage.tagger.ontology is stage.ontology  # loaded or built, it holds the stage's ontology
        return stage.tagger

    first = setup()
    assert _Built.made == [(len(load_ontology().conditions), True, None)]
    again = setup()
    assert len(_Built.made) == 1 and again is not first and again.options == (True, None)
    assert setup(fuzzy=False).options == (False, None) and setup(fuzzy_threshold=85.0).options == (True, 85.0)
    assert len(_Built.made) == 3 and setup(fuzzy=False).options == (False, None) and len(_Built.made) == 3
    onto = load_ontology()
    assert sorted(p.name for p in cache.iterdir()) == sorted(
        stored.path_for(stored.cache_key(onto, *o)).name for o in ((True, None), (False, None), (True, 85.0)))


def test_the_most_recently_used_files_are_kept(cache, monkeypatch):
    keys = [f"{i:016x}" + "0" * 48 for i in range(stored.KEEP + 2)]
    for i, k in enumerate(keys):
        assert stored.save(stored.path_for(k), k, {"tagger": i})
        os.utime(stored.path_for(k), (1000 + i, 1000 + i))  # written one after the other
    assert sorted(cache.iterdir()) == sorted(stored.path_for(k) for k in keys[-stored.KEEP:])
    assert stored.load(stored.path_for(keys[-stored.KEEP]), keys[-stored.KEEP]) == {"tagger": 2}  # used: now newest
    new = "f" * 64
    stored.save(stored.path_for(new), new, {"tagger": "new"})
    assert sorted(cache.iterdir()) == sorted(stored.path_for(k) for k in [keys[2], *keys[-stored.KEEP + 2:], new])


def test_a_read_only_cache_file_still_loads(cache, monkeypatch):
    k = "a" * 64
    stored.save(stored.path_for(k), k, {"tagger": 1})

    def refused(*a, **kw):
        raise PermissionError("read-only file system")

    monkeypatch.setattr(os, "utime", refused)
    assert stored.load(stored.path_for(k), k) == {"tagger": 1}
    with stored.path_for(k).open("rb") as f:
        assert pickle.load(f) == k
