"""Build, add rows from another source, rebuild: no existing row moves to another split."""

from __future__ import annotations

import csv

from conftest import local_recipe
from derm1m_build import recipe as recipe_mod
from derm1m_build import registry
from derm1m_build.dataset.verify import verify
from derm1m_build.demo.corpus import generate_local
from derm1m_build.sources.local import LocalSource


class Local2Source(LocalSource):
    """A second folder source: the same reader under another source name."""

    name = "local2"


def _build(recipe_path, out):
    from derm1m_build.dataset.writer import write_dataset
    from derm1m_build.executors.local import LocalExecutor
    from derm1m_build.ontology import load_ontology
    from derm1m_build.pipeline import context_for, run_harvest, run_stage
    from derm1m_build.recipe import load_recipe

    r = load_recipe(recipe_path)
    run_harvest(r, out)
    ex = LocalExecutor(1)
    for s in ("filter", "caption", "tag", "split"):
        run_stage(s, r, out, ex)
    write_dataset(context_for(r, out), load_ontology())
    with open(out / "dataset" / "captions.csv", encoding="utf-8", newline="") as f:
        return {row["sample_id"]: (row["source"], row["group_id"], row["split"]) for row in csv.DictReader(f)}


def test_adding_a_source_moves_no_existing_row(tmp_path, demo_corpus, monkeypatch):
    monkeypatch.setitem(recipe_mod.SOURCE_CONFIGS, "local2", "derm1m_build.sources.local:LocalConfig")
    monkeypatch.setitem(registry.SOURCE_CLASSES, "local2", f"{__name__}:Local2Source")
    second = tmp_path / "second"
    generate_local(second, seed=8, n_photos=36, n_slides=0, n_charts=0, n_dups=0)
    out = tmp_path / "out"
    before = _build(local_recipe(tmp_path, demo_corpus, name="s", shard_size=64), out)
    after = _build(local_recipe(tmp_path, demo_corpus, name="s", shard_size=64,
                                extra=f'[harvest.local2]\npath = "{second / "local"}"\n'), out)
    added = {k: v for k, v in after.items() if k not in before}
    assert {v[0] for v in added.values()} == {"local2"} and len(added) >= 20
    assert {k: after[k] for k in before if k in after} == {k: before[k] for k in before if k in after}
    # rows of the first source may only disappear as duplicates of the new source's images, none here
    assert set(before) <= set(after)
    # the new source's groups reuse names like patient-000, but are its own: no leak, no forced split
    assert verify(out, decode_images=False) == []
    assert len({v[2] for v in added.values()}) > 1
