"""PubMed resume decides from the fetch log, not from the articles' bodies.

Before: on a rerun (a killed harvest, or one with failures) the driver's discovery parsed the JATS batch
of every article already fetched (and its OA record) to check that it holds every figure the recipe
wants: cheap with few done, serial JATS parsing of the whole harvest near its end. Now an `ok` entry
carries the digest of the figure settings it was fetched under (`want`); under the same settings the
driver only checks that its files are still in raw/. Other settings (or an entry without `want`) are
checked against the JATS as before. `want` is not part of the build's input digest, so manifests are
what they were.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from derm1m_build.pipeline import context_for
from derm1m_build.pmc.demo import fault_default, generate_pubmed
from derm1m_build.recipe import load_recipe
from derm1m_build.registry import make_source
from derm1m_build.sources import pubmed as pm
from derm1m_build.testing.faultserver import FaultServer
from pmc_support import harvest, write_recipe

IDS = [f"PMC900000{i}" for i in range(1, 7)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pmc")
    generate_pubmed(root, 7)
    return root


def _recipe(tmp: Path, url: str, **over) -> Path:
    r = write_recipe(tmp, url, licences="open", batch_size=4, **over)
    r.write_text(r.read_text().replace("[build]\n", "[build]\nharvest_batch = 2\nharvest_threads = 2\n"))
    return r


def _source(recipe: Path, out: Path):
    rec = load_recipe(recipe)
    return make_source("pubmed", rec.harvest["pubmed"], context_for(rec, out), rec)


def _count_parses(monkeypatch) -> list[int]:
    calls: list[int] = []
    real = pm.parse_articles

    def counting(data: bytes):
        calls.append(len(data))
        return real(data)

    monkeypatch.setattr(pm, "parse_articles", counting)
    return calls


def _interrupt(out: Path, drop: str) -> None:
    """What a killed run leaves: the log not complete, one article's entry missing."""
    p = out / "raw/pubmed/_fetch.json"
    d = json.loads(p.read_text())
    d["complete"] = False
    del d["items"][drop]
    p.write_text(json.dumps(d))


def test_rerun_discovery_parses_no_jats_and_finds_the_same_items(corpus, tmp_path, monkeypatch):
    with FaultServer(default=fault_default(corpus)) as srv:
        r = _recipe(tmp_path, srv.url)
        harvest(r, tmp_path / "out")
        log = json.loads((tmp_path / "out/raw/pubmed/_fetch.json").read_text())["items"]
        want = _source(r, tmp_path / "out").want_digest()
        assert sorted(k for k, v in log.items() if v.get("want") == want) == sorted(
            k for k, v in log.items() if v["status"] == "ok" and k != "_search")
        _interrupt(tmp_path / "out", "PMC9000003")
        calls = _count_parses(monkeypatch)
        src = _source(r, tmp_path / "out")
        items, report = src.discover_work(src.open_log(), False)
    assert calls == []  # before: one parse per JATS batch of the done articles
    assert [it.key for it in items] == ["PMC9000003"]
    assert (report.fetched, report.skipped, report.failed) == (0, len(log) - 2, {})


def test_a_missing_figure_file_is_fetched_again_without_parsing(corpus, tmp_path, monkeypatch):
    with FaultServer(default=fault_default(corpus)) as srv:
        r = _recipe(tmp_path, srv.url)
        harvest(r, tmp_path / "out")
        log = json.loads((tmp_path / "out/raw/pubmed/_fetch.json").read_text())["items"]
        pmcid, entry = next((k, v) for k, v in sorted(log.items()) if v.get("files"))
        _interrupt(tmp_path / "out", "PMC9000006" if pmcid != "PMC9000006" else "PMC9000005")
        (tmp_path / "out/raw/pubmed" / next(iter(entry["files"].values()))).unlink()
        calls = _count_parses(monkeypatch)
        src = _source(r, tmp_path / "out")
        items, _ = src.discover_work(src.open_log(), False)
    assert calls == []
    assert sorted(it.key for it in items) == sorted([pmcid, "PMC9000006" if pmcid != "PMC9000006" else "PMC9000005"])


def test_other_figure_settings_still_check_the_jats(corpus, tmp_path, monkeypatch):
    """Switching the pre-filter off makes the non-dermatology article want its figures: the entries were
    fetched under other settings, so their JATS decide (as before the change)."""
    with FaultServer(default=fault_default(corpus)) as srv:
        harvest(_recipe(tmp_path, srv.url), tmp_path / "out")
        _interrupt(tmp_path / "out", "PMC9000001")
        calls = _count_parses(monkeypatch)
        src = _source(_recipe(tmp_path, srv.url, prefilter=False), tmp_path / "out")
        items, _ = src.discover_work(src.open_log(), False)
    assert len(calls) == 2  # the two JATS batches
    assert [it.key for it in items] == ["PMC9000001", "PMC9000004"]


def test_entries_without_want_are_checked_as_before_and_manifest_is_unchanged(corpus, tmp_path):
    """A log written before entries carried `want`: same items found; and the build's input digest
    leaves `want` out, so the harvest manifest equals one built from a log without it."""
    with FaultServer(default=fault_default(corpus)) as srv:
        r = _recipe(tmp_path, srv.url)
        harvest(r, tmp_path / "out")
        m1 = json.loads((tmp_path / "out/work/harvest/_manifest.json").read_text())
        p = tmp_path / "out/raw/pubmed/_fetch.json"
        d = json.loads(p.read_text())
        for v in d["items"].values():
            v.pop("want", None)
        p.write_text(json.dumps(d))
        harvest(r, tmp_path / "out")  # complete log, same digest: nothing fetched or extracted again
        m2 = json.loads((tmp_path / "out/work/harvest/_manifest.json").read_text())
        _interrupt(tmp_path / "out", "PMC9000002")
        src = _source(r, tmp_path / "out")
        items, report = src.discover_work(src.open_log(), False)
    assert m2 == m1
    assert [it.key for it in items] == ["PMC9000002"]
