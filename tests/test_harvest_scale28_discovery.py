"""PubMed discovery is cheap (the search alone, in the driver); the JATS come with the work items.

Before: the driver fetched every article's JATS (efetch batches of `batch_size`, serial) during discovery,
so discovery grew with the harvest (200 batches at 10,000 articles). Now an executor task is one efetch
batch: its worker fetches the batch's JATS in one request, then the articles' OA records and packages.
Requests per article, file names and the fetch log are what they were.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from derm1m_build import harvest_work as hw
from derm1m_build.pipeline import context_for
from derm1m_build.pmc.demo import fault_default, generate_pubmed
from derm1m_build.recipe import load_recipe
from derm1m_build.registry import make_source
from derm1m_build.testing.faultserver import FaultServer
from pmc_support import rows, write_recipe


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("pmc")
    generate_pubmed(root, 7)
    return root


def _efetches(srv: FaultServer) -> int:
    return sum(urlsplit(p).path.endswith("/efetch.fcgi") for _, p in srv.log)


def _recipe(tmp: Path, url: str) -> Path:
    r = write_recipe(tmp, url, licences="open", batch_size=4)
    r.write_text(r.read_text().replace("[build]\n", "[build]\nharvest_batch = 2\nharvest_threads = 2\n"))
    return r


def _source(recipe: Path, out: Path):
    rec = load_recipe(recipe)
    return make_source("pubmed", rec.harvest["pubmed"], context_for(rec, out), rec)


def test_discovery_makes_no_efetch_and_items_carry_their_batch(corpus, tmp_path):
    with FaultServer(default=fault_default(corpus)) as srv:
        src = _source(_recipe(tmp_path, srv.url), tmp_path / "out")
        items, report = src.discover_work(src.open_log(), False)
        assert _efetches(srv) == 0  # the driver only searched
        assert [urlsplit(p).path for _, p in srv.log] == ["/pmc/eutils/esearch.fcgi"]
    assert [it.key for it in items] == [f"PMC900000{i}" for i in range(1, 7)]
    assert (report.fetched, report.skipped, report.failed) == (0, 0, {})
    batches = src.fetch_batches(items, 2)  # harvest_batch 2, efetch batch 4: tasks follow the efetch batches
    assert [[it.key for it in b] for b in batches] == [["PMC9000001", "PMC9000002", "PMC9000003", "PMC9000004"],
                                                        ["PMC9000005", "PMC9000006"]]
    assert not (tmp_path / "out/raw/pubmed/jats").exists()


def test_harvest_asks_one_efetch_per_batch_and_the_log_names_the_same_files(corpus, tmp_path):
    with FaultServer(default=fault_default(corpus)) as srv:
        r = _recipe(tmp_path, srv.url)
        from pmc_support import harvest

        s = harvest(r, tmp_path / "out")
        assert _efetches(srv) == 2  # 6 articles, batches of 4: as many efetches as before the change
    assert s.rows_out == 9
    log = json.loads((tmp_path / "out/raw/pubmed/_fetch.json").read_text())
    assert log["complete"] is True
    jats = {k: v.get("jats") for k, v in log["items"].items() if k != "_search"}
    from derm1m_build.hashing import digest_obj

    b1 = f"jats/batch-{digest_obj([f'PMC900000{i}' for i in range(1, 5)])[:16]}.xml"
    b2 = f"jats/batch-{digest_obj(['PMC9000005', 'PMC9000006'])[:16]}.xml"
    assert jats == {"PMC9000001": b1, "PMC9000002": b1, "PMC9000003": b1, "PMC9000004": b1,
                    "PMC9000005": b2, "PMC9000006": b2}
    assert sorted(p.name for p in (tmp_path / "out/raw/pubmed/jats").glob("*.xml")) == sorted(
        [b1.split("/")[1], b2.split("/")[1]])


def test_a_batch_fetched_by_a_killed_run_is_read_not_fetched_again(corpus, tmp_path):
    """A worker stored the batch's JATS, then the run was killed before the driver merged its entries:
    the rerun's task reads the stored file (no second efetch) and the result equals an uninterrupted run."""
    from pmc_support import harvest

    with FaultServer(default=fault_default(corpus)) as srv:
        (tmp_path / "a").mkdir()
        r = _recipe(tmp_path / "a", srv.url)
        src = _source(r, tmp_path / "a/out")
        items, _ = src.discover_work(src.open_log(), False)
        first = src.fetch_batches(items, 2)[0]
        todo, settled, rep = src.prepare_batch(first, False)  # the JATS stored; no entry merged: "killed"
        assert (len(todo), settled, rep.failed) == (4, {}, {}) and _efetches(srv) == 1
        harvest(r, tmp_path / "a/out")
        assert _efetches(srv) == 2  # only the second batch's
        (tmp_path / "b").mkdir()
        rb = _recipe(tmp_path / "b", srv.url)
        harvest(rb, tmp_path / "b/out")
    la, lb = (json.loads((tmp_path / f"{d}/out/raw/pubmed/_fetch.json").read_text())["items"] for d in "ab")
    assert la == lb
    ka, kb = rows(tmp_path / "a/out"), rows(tmp_path / "b/out")
    assert [x["sample_id"] for x in ka[0]] == [x["sample_id"] for x in kb[0]] and len(ka[0]) == 9


def test_a_failed_efetch_fails_its_batch_only(corpus, tmp_path):
    from derm1m_build.testing.faultserver import Reply

    with FaultServer(default=fault_default(corpus)) as srv:
        srv.on("/pmc/eutils/efetch.fcgi", Reply(500, b"down"))
        src = _source(_recipe(tmp_path, srv.url), tmp_path / "out")
        items, _ = src.discover_work(src.open_log(), False)
        todo, settled, rep = src.prepare_batch(src.fetch_batches(items, 2)[1], False)
    assert todo == [] and sorted(settled) == ["PMC9000005", "PMC9000006"]
    assert {v["status"] for v in settled.values()} == {"failed"} and sum(rep.failed.values()) == 2


def test_worker_task_merges_settled_and_fetched_entries(corpus, tmp_path):
    with FaultServer(default=fault_default(corpus)) as srv:
        r = _recipe(tmp_path, srv.url)
        src = _source(r, tmp_path / "out")
        items, _ = src.discover_work(src.open_log(), False)
        task = hw.HarvestTask(str((tmp_path / "out").resolve()), str(r.resolve()), "pubmed", "fetch",
                              items=tuple(src.fetch_batches(items, 2)[1]), threads=2, run="t")
        got = hw.run_harvest_task(task)
    assert sorted(got["entries"]) == ["PMC9000005", "PMC9000006"]
    assert {k: v["status"] for k, v in got["entries"].items()} == {"PMC9000005": "ok", "PMC9000006": "ok"}
    assert got["report"]["fetched"] == 2
