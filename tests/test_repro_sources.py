"""What a harvest records does not depend on the server's port, the checkout's folder or the clock."""

from __future__ import annotations

import json
from pathlib import Path

from derm1m_build import hostmap
from derm1m_build.demo.server import DemoServer
from derm1m_build.net import HttpClient


def test_host_map_parsing_and_mapping(monkeypatch):
    assert hostmap.host_map("demo.derm1m.invalid=127.0.0.1:4000, bad, x=/y") == {"demo.derm1m.invalid": "127.0.0.1:4000"}
    monkeypatch.delenv(hostmap.ENV, raising=False)
    assert hostmap.physical("http://demo.derm1m.invalid/a?b=1") == "http://demo.derm1m.invalid/a?b=1"
    monkeypatch.setenv(hostmap.ENV, "demo.derm1m.invalid=127.0.0.1:4000")
    assert hostmap.physical("http://demo.derm1m.invalid/a?b=1") == "http://127.0.0.1:4000/a?b=1"
    assert hostmap.physical("http://other.example/a") == "http://other.example/a"
    assert hostmap.logical("http://127.0.0.1:4000/x") == "http://demo.derm1m.invalid/x"
    assert hostmap.physical_obj({"formats": [{"url": "http://demo.derm1m.invalid/v.mp4", "ext": "mp4"}]}) == \
        {"formats": [{"url": "http://127.0.0.1:4000/v.mp4", "ext": "mp4"}]}


def test_client_reaches_a_logical_host_and_records_it(tmp_path, monkeypatch, demo_corpus):
    with DemoServer(demo_corpus) as srv:
        monkeypatch.setenv(hostmap.ENV, f"demo.derm1m.invalid={srv.url.split('://')[1]}")
        c = HttpClient(allow_hosts=["demo.derm1m.invalid"], allow_private=True, rate=0, max_retries=0)
        r = c.get("http://demo.derm1m.invalid/youtube/dmLecture01.info.json")
        assert r.url == "http://demo.derm1m.invalid/youtube/dmLecture01.info.json"
        # the server built its links from the logical Host it was sent: no port anywhere
        assert "http://demo.derm1m.invalid/youtube/dmLecture01/video.mp4" in r.text
        assert srv.url.rsplit(":", 1)[1] not in r.text
        # the private-address rule still applies to where the logical name points
        strict = HttpClient(allow_hosts=["demo.derm1m.invalid"], allow_private=False, rate=0, max_retries=0)
        import pytest

        from derm1m_build.errors import ItemError

        with pytest.raises(ItemError) as e:
            strict.get("http://demo.derm1m.invalid/youtube/dmLecture01.info.json")
        assert e.value.reason == "private_address"


def test_retrieved_comes_from_source_date_epoch(monkeypatch):
    from derm1m_build.rawcache import now_utc

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")
    assert now_utc() == "2025-01-01T00:00:00Z"
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert now_utc().startswith("20") and now_utc() != "2025-01-01T00:00:00Z"


def test_local_files_are_recorded_relative_to_the_recipe(tmp_path, demo_corpus):
    from conftest import cli, local_recipe

    for where in ("one", "two/deeper"):
        base = tmp_path / where
        base.mkdir(parents=True)
        (base / "corpus").symlink_to(demo_corpus, target_is_directory=True)
        recipe = local_recipe(base, base / "corpus")
        recipe.write_text(recipe.read_text().replace(str(base / "corpus"), "corpus"))
        cli("harvest", "--recipe", recipe, "--out", base / "out", check=True, env={"SOURCE_DATE_EPOCH": "1735689600"})
    provs = [json.loads((tmp_path / w / "out/raw/local/metadata.csv.provenance.json").read_text())
             for w in ("one", "two/deeper")]
    assert provs[0]["url"] == provs[1]["url"] == "file:corpus/local/metadata.csv"
    assert provs[0] == provs[1]
    manifests = [json.loads((tmp_path / w / "out/work/harvest/_manifest.json").read_text())
                 for w in ("one", "two/deeper")]
    assert manifests[0] == manifests[1]


def test_saved_info_json_has_no_clock_value():
    from derm1m_build.sources.youtube import _sanitize

    out = _sanitize({"id": "dmLecture01", "epoch": 1796295435, "title": "t"})
    assert "epoch" not in out and (out["id"], out["title"]) == ("dmLecture01", "t")
