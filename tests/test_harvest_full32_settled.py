"""YouTube's shards no longer wait for the source's last fetch (harvest_work.HarvestFeed._release_settled).

Before: a source whose extraction keys depend on fetch outcomes (which videos came back `ok`) had its
shards cut only after its own last fetch task, so with YouTube as the long pole (ASR at Derm1M scale)
its whole extraction was the harvest's tail. Now, once the videos are listed with their ids (a channel
or playlist listing gives them), the videos below every video still being fetched are settled
(`YoutubeSource.settled_keys`), and each full shard inside them is extracted at once; the outputs are
byte for byte those of the serial order.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO
from derm1m_build.demo.forum import generate_forum
from derm1m_build.demo.server import DemoServer
from derm1m_build.demo.youtube import generate_youtube
from derm1m_build.sources.base import FetchLog
from derm1m_build.sources.youtube import YoutubeSource
from test_harvest_overlap30 import MapOnly, _files, _harvest
from youtube_helpers import VIDS, corpus_server

VIDEOS = VIDS + ("dmLecture04",)  # dmLecture04: no such video (its info.json is a 404): a failed fetch


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> tuple[Path, Path]:
    yt = tmp_path_factory.mktemp("yt")
    generate_youtube(yt, 7)
    forum = tmp_path_factory.mktemp("forum")
    generate_forum(forum, 7)
    return yt, forum


def _recipe(tmp: Path, yt_url: str, forum_url: str) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    info = ", ".join(f'"{yt_url}/youtube/{v}.info.json"' for v in VIDEOS)
    r = tmp / "recipe.toml"
    r.write_text(f"""
[build]
name = "full32"
allow_private_hosts = true
harvest_batch = 1
harvest_threads = 1
harvest_items_per_shard = 2

[harvest.youtube]
info_json = [{info}]
allow_hosts = ["127.0.0.1"]
max_attempts = 1
backoff_s = 0.01
retries = 0
socket_timeout = 10.0

[harvest.forum]
adapter_dirs = ["{REPO / 'stages' / 'adapters'}"]
rate = 1000.0
backoff = 0.01
[[harvest.forum.sites]]
name = "askderm"
adapter = "askderm"
start_urls = ["{forum_url}/forum/askderm/index.html"]
allow_hosts = ["127.0.0.1"]
""")
    return r


@pytest.fixture
def listed_ids(monkeypatch):
    """The videos listed with their ids, as a channel or playlist listing lists them (`id` in the ref);
    the recipe's info.json references alone name no id until each info is read."""
    real = YoutubeSource.discover

    def discover(self):
        return [dict(r, id=r["info_json"].rsplit("/", 1)[1].split(".")[0]) for r in real(self)]

    monkeypatch.setattr(YoutubeSource, "discover", discover)


def test_a_youtube_shard_is_extracted_before_the_sources_last_fetch(corpora, tmp_path, monkeypatch, listed_ids):
    yt, forum = corpora
    with corpus_server(yt) as ys, DemoServer(forum, routes=[]) as fs:
        s, order = _harvest(_recipe(tmp_path, ys.url, fs.url), tmp_path / "out", None, monkeypatch)
    # one worker (in this process), tasks of one item: once dmLecture02 is back, dmLecture01-02 lie below
    # every video still out (dmLecture03, dmLecture04): YouTube's first shard goes before its last fetches
    assert order == [("fetch", "forum", "askderm:thread:694ff099d7ab751533bd"), ("fetch", "youtube", "dmLecture01"),
                     ("fetch", "forum", "askderm:thread:c594c0587f7296d4ea65"), ("fetch", "youtube", "dmLecture02"),
                     ("extract", "youtube", "youtube-00000"),
                     ("fetch", "forum", "askderm:thread:31e9e9bd151f0c001c5a"), ("fetch", "youtube", "dmLecture03"),
                     ("fetch", "forum", "askderm:thread:80b50f5e97f795a860df"), ("fetch", "youtube", "dmLecture04"),
                     ("extract", "youtube", "youtube-00001"),
                     ("fetch", "forum", "askderm:thread:34d9a6fc511b9c988d9e"),
                     ("fetch", "forum", "askderm:thread:c7a94c21cfc3bce8e456"),
                     ("fetch", "forum", "askderm:thread:8624205402cc72688fd6"),
                     ("fetch", "forum", "askderm:thread:4526b51d0ea985495724"),
                     ("extract", "forum", "forum-00000"), ("extract", "forum", "forum-00001"),
                     ("extract", "forum", "forum-00002"), ("extract", "forum", "forum-00003")]
    assert (s.shards_run, s.shards_skipped) == (6, 0)


def test_outputs_are_byte_identical_to_the_serial_order(corpora, tmp_path, monkeypatch, listed_ids):
    from derm1m_build.executors.local import LocalExecutor

    yt, forum = corpora
    got, orders = {}, {}
    with corpus_server(yt) as ys, DemoServer(forum, routes=[]) as fs:
        for name in ("serial", "stream1", "stream2"):
            ex = {"serial": MapOnly(), "stream1": None, "stream2": LocalExecutor(2)}[name]
            try:
                _, orders[name] = _harvest(_recipe(tmp_path / name, ys.url, fs.url), tmp_path / name / "out", ex,
                                           monkeypatch if name != "stream2" else None)
            finally:
                if ex is not None:
                    ex.close()
            got[name] = _files(tmp_path / name / "out")
    assert [o[0] for o in orders["serial"]] == ["fetch"] * 12 + ["extract"] * 6
    yt_fetches = [i for i, o in enumerate(orders["stream1"]) if o[:2] == ("fetch", "youtube")]
    assert orders["stream1"].index(("extract", "youtube", "youtube-00000")) < yt_fetches[-1]
    assert got["stream1"] == got["serial"] and got["stream2"] == got["serial"]


def test_settled_keys_are_the_videos_below_every_busy_one(tmp_path):
    log = FetchLog.open(tmp_path / "_fetch.json", "cfg")
    for vid, status in (("a1", "ok"), ("b2", "failed"), ("c3", "ok"), ("d4", "partial"), ("f6", "ok")):
        log.record(vid, status, save=False)
    log.items["e5"] = {"status": "ok", "filtered": "licence"}
    src = YoutubeSource.__new__(YoutubeSource)  # the method reads the log alone
    assert src.settled_keys(log, set()) == ["a1", "c3", "d4", "f6"]
    assert src.settled_keys(log, {"d4", "zz"}) == ["a1", "c3"]
    assert src.settled_keys(log, {"e0"}) == ["a1", "c3", "d4"]
    assert src.settled_keys(log, {"a0"}) == []
    # a reference whose id is only read from its info could land anywhere
    assert src.settled_keys(log, {"zz", "info:0123456789ab"}) == []
    assert src.settled_keys(log, {"ref:000003"}) == []
