"""A source on an actor pool joins the harvest's one stream (harvest_work.HarvestFeed as a RoutedFeed).

Before: YouTube with speech recognition fetches on an actor pool (`fetch_resources.actor`), so the harvest
had two resource groups and kept the old order: every fetch (group after group), then every extraction;
on Ray each fetch group was one `map` (an ActorPool of as many actors as CPUs, each loading the model).
Now the fetch tasks name their group, extraction runs as plain tasks, all from one feed: a YouTube shard
is extracted while the forum still fetches, the model is loaded once per actor (local: per pool
process), and the outputs are byte for byte those of the serial order.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import REPO
from derm1m_build import harvest_work as hw
from derm1m_build.demo.forum import generate_forum
from derm1m_build.demo.server import DemoServer
from test_harvest_overlap30 import MapOnly, _files
from youtube_helpers import corpus_server

pytestmark = pytest.mark.ml

VIDS = ("asrLecture1", "asrLecture2", "asrLecture3")


@pytest.fixture(scope="module")
def corpora(tmp_path_factory) -> tuple[Path, Path, Path]:
    """Three lectures with an audio track and no caption track (ASR transcribes them), a forum, and a
    tiny Whisper saved from a config (test_youtube_asr.build_tiny_whisper)."""
    from derm1m_build.demo.youtube import info_template
    from derm1m_build.video.synth import ShotSpec, write_lecture
    from test_youtube_asr import build_tiny_whisper

    yt = tmp_path_factory.mktemp("yt")
    for i, vid in enumerate(VIDS):
        write_lecture(yt / "youtube" / vid / "video.mp4", [ShotSpec("photo", i + 1, 1.5), ShotSpec("slide", i + 2, 1.5)],
                      size=(96, 72), audio=True)
        base = json.loads(json.dumps(info_template("dmLecture01", 3.0)).replace("dmLecture01", vid))
        info = {**base, "subtitles": {}, "automatic_captions": {}}
        (yt / "youtube" / vid / "info.template.json").write_text(json.dumps(info))
    forum = tmp_path_factory.mktemp("forum")
    generate_forum(forum, 7)
    return yt, forum, build_tiny_whisper(tmp_path_factory.mktemp("whisper"))


def _recipe(tmp: Path, yt_url: str, forum_url: str, model: Path, batch: int = 1, threads: int = 1) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    info = ", ".join(f'"{yt_url}/youtube/{v}.info.json"' for v in VIDS)
    r = tmp / "recipe.toml"
    r.write_text(f"""
[build]
name = "actor31"
allow_private_hosts = true
harvest_batch = {batch}
harvest_threads = {threads}
harvest_items_per_shard = 2

[harvest.youtube]
info_json = [{info}]
allow_hosts = ["127.0.0.1"]
max_attempts = 3
backoff_s = 0.01
retries = 0
socket_timeout = 10.0
[harvest.youtube.asr]
model = "{model}"
device = "cpu"

[harvest.forum]
adapter_dirs = ["{REPO / 'stages' / 'adapters'}"]
rate = 1000.0
backoff = 0.01
[[harvest.forum.sites]]
name = "askderm"
adapter = "askderm"
start_urls = ["{forum_url}/forum/askderm/index.html"]
allow_hosts = ["127.0.0.1"]
""", encoding="utf-8")
    return r


def _harvest(recipe: Path, out: Path, executor=None, monkeypatch=None) -> tuple[object, list[tuple]]:
    from derm1m_build.pipeline import run_harvest
    from derm1m_build.recipe import load_recipe

    order: list[tuple] = []
    real = hw.run_harvest_task

    def recording(task):
        key = task.shard or (task.items[0].key if task.items else "")
        # a video's work item is named by a digest of its info.json URL (the server's port): "video" here
        order.append((task.phase, task.source, "video" if key.startswith("info:") else key))
        return real(task)

    if monkeypatch is not None:
        monkeypatch.setattr(hw, "run_harvest_task", recording)
    try:
        s = run_harvest(load_recipe(recipe), out, executor=executor)
    finally:
        if monkeypatch is not None:
            monkeypatch.setattr(hw, "run_harvest_task", real)
    return s, order


def _servers(corpora):
    yt, forum, _ = corpora
    return corpus_server(yt), DemoServer(forum, routes=[])


@pytest.fixture(scope="module")
def served(corpora):
    """The corpora's two servers, started once for the tests that compare a run with the serial order: a
    harvest's files name the servers' ports, so runs compared with one another use the same servers."""
    ys, fs = _servers(corpora)
    with ys, fs:
        yield ys, fs


@pytest.fixture(scope="module")
def serial(corpora, served, tmp_path_factory) -> dict[str, bytes]:
    """The files (`_files`) of a harvest in the serial order (every fetch, then every extraction) from
    `served`, made once (read-only)."""
    ys, fs = served
    tmp = tmp_path_factory.mktemp("serial")
    _, order = _harvest(_recipe(tmp, ys.url, fs.url, corpora[2]), tmp / "out", MapOnly(), pytest.MonkeyPatch())
    kinds = [o[0] for o in order]
    assert kinds == ["fetch"] * kinds.count("fetch") + ["extract"] * kinds.count("extract")  # the serial order
    return _files(tmp / "out")


def test_an_asr_shard_is_extracted_before_the_forums_last_fetch_with_one_model_load(corpora, tmp_path, monkeypatch):
    ys, fs = _servers(corpora)
    loads = hw.WORKER_STATS["model_loads"]
    with ys, fs:
        s, order = _harvest(_recipe(tmp_path, ys.url, fs.url, corpora[2]), tmp_path / "out", None, monkeypatch)
    # one worker (this process): the fetch tasks of both groups interleaved; YouTube's shards as soon as its
    # own fetch tasks are back, between the forum's fetch tasks; the forum's once its fetch ends
    assert order == [("fetch", "forum", "askderm:thread:694ff099d7ab751533bd"), ("fetch", "youtube", "video"),
                     ("fetch", "forum", "askderm:thread:c594c0587f7296d4ea65"), ("fetch", "youtube", "video"),
                     ("fetch", "forum", "askderm:thread:31e9e9bd151f0c001c5a"), ("fetch", "youtube", "video"),
                     ("extract", "youtube", "youtube-00000"), ("extract", "youtube", "youtube-00001"),
                     ("fetch", "forum", "askderm:thread:80b50f5e97f795a860df"),
                     ("fetch", "forum", "askderm:thread:34d9a6fc511b9c988d9e"),
                     ("fetch", "forum", "askderm:thread:c7a94c21cfc3bce8e456"),
                     ("fetch", "forum", "askderm:thread:8624205402cc72688fd6"),
                     ("fetch", "forum", "askderm:thread:4526b51d0ea985495724"),
                     ("extract", "forum", "forum-00000"), ("extract", "forum", "forum-00001"),
                     ("extract", "forum", "forum-00002"), ("extract", "forum", "forum-00003")]
    assert hw.WORKER_STATS["model_loads"] - loads == 1  # three videos transcribed, one model load
    log = json.loads((tmp_path / "out/raw/youtube/_fetch.json").read_text())["items"]
    assert sorted((k, e["status"], e["transcript"]) for k, e in log.items()) == [(v, "ok", "asr") for v in VIDS]
    assert s.shards_run == len(json.loads((tmp_path / "out/work/harvest/_manifest.json").read_text())["shards"])


def test_videos_on_threads_share_one_model_load(corpora, tmp_path):
    """One fetch task of three videos on three threads: one model, used by one thread at a time (before:
    concurrent calls into the shared ASR pipeline failed two of the three videos, `internal_error`)."""
    ys, fs = _servers(corpora)
    loads = hw.WORKER_STATS["model_loads"]
    with ys, fs:
        _harvest(_recipe(tmp_path, ys.url, fs.url, corpora[2], batch=3, threads=3), tmp_path / "out")
    log = json.loads((tmp_path / "out/raw/youtube/_fetch.json").read_text())["items"]
    assert sorted((k, e["status"], e["transcript"]) for k, e in log.items()) == [(v, "ok", "asr") for v in VIDS]
    assert hw.WORKER_STATS["model_loads"] - loads == 1


def test_outputs_are_byte_identical_to_the_serial_order_locally(corpora, served, serial, tmp_path, monkeypatch):
    from derm1m_build.executors.local import LocalExecutor

    ys, fs = served
    got, orders = {"serial": serial}, {}
    for name in ("stream1", "stream2"):
        ex = {"stream1": None, "stream2": LocalExecutor(2)}[name]
        try:
            _, orders[name] = _harvest(_recipe(tmp_path / name, ys.url, fs.url, corpora[2]), tmp_path / name / "out",
                                       ex, monkeypatch if name != "stream2" else None)
        finally:
            if ex is not None:
                ex.close()
        got[name] = _files(tmp_path / name / "out")
    first_extract = min(i for i, o in enumerate(orders["stream1"]) if o[0] == "extract")
    last_fetch = max(i for i, o in enumerate(orders["stream1"]) if o[0] == "fetch")
    assert first_extract < last_fetch and orders["stream1"][first_extract][1] == "youtube"
    assert got["stream1"] == got["serial"] and got["stream2"] == got["serial"]
    m = json.loads(got["serial"]["_manifest.json"])
    assert sorted(k for k in m["shards"] if k.startswith("youtube")) == ["youtube-00000", "youtube-00001"]
    for k in m["shards"]:  # every record names the harvest's input digest (none left `pending`)
        assert json.loads(got["stream2"][f"_done/part-{k}.json"])["input_sha256"] == m["input_digest"]


def test_a_run_killed_after_an_early_asr_shard_reruns_to_the_serial_outputs(corpora, served, serial, tmp_path,
                                                                             monkeypatch):
    ys, fs = served
    r = _recipe(tmp_path / "killed", ys.url, fs.url, corpora[2])

    def killed(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(hw.HarvestFeed, "extracted", killed)
    with pytest.raises(KeyboardInterrupt):
        _harvest(r, tmp_path / "killed/out")
    monkeypatch.undo()
    d = tmp_path / "killed/out/work/harvest"
    assert not (d / "_manifest.json").exists()
    assert {p.name: json.loads(p.read_text())["input_sha256"] for p in (d / "_done").glob("*.json")} == {
        "part-youtube-00000.json": hw.PENDING_INPUT}
    n = len(ys.log)
    _harvest(r, tmp_path / "killed/out")
    refetched = [p for _, p in ys.log[n:] if p.endswith(".mp4")]
    assert refetched == []  # resume: the videos logged before the kill are not fetched again
    assert _files(tmp_path / "killed/out", False) == {k: v for k, v in serial.items() if not k.startswith("_items/")}


# ------------------------------------------------------------------------------------------------ Ray

class ToyFeed:
    """A RoutedFeed of `n` tasks of a model group ("asr") and `n` plain ones, alternating."""

    def __init__(self, n: int, model, plain) -> None:
        self.model, self.plain = model, plain
        self.groups = (model, plain)
        self.todo = [(k, i) for i in range(n) for k in ("asr", "plain")]

    def take(self, room=None):
        for i, t in enumerate(self.todo):
            if room is None or self.group_of(t) in room:
                return self.todo.pop(i)
        return None

    def group_of(self, t):
        return self.model if t[0] == "asr" else self.plain

    def wants(self, group) -> bool:
        return any(self.group_of(t) == group for t in self.todo)


@pytest.mark.ray
@pytest.mark.parametrize("workers", [1, 2])
def test_ray_stream_runs_a_model_group_on_one_actor_beside_plain_tasks(workers):
    """With 1 CPU the actor holds it until the feed wants no more model tasks; then it is released and
    the plain tasks run (no deadlock). With 2, one actor and one CPU for plain tasks."""
    pytest.importorskip("ray")
    from derm1m_build.executors.ray_executor import RayExecutor
    from derm1m_build.stage import Resources

    def where(task):  # local: Ray ships it by value (the tests folder is not importable in its workers)
        import os

        return task, os.getpid()

    model, plain = Resources(cpus=1, memory_mb=256, actor=True), Resources(cpus=1, memory_mb=128)
    ex = RayExecutor(workers=workers)
    try:
        got = list(ex.stream(where, ToyFeed(4, model, plain), plain))
        stats = ex.actor_stats
    finally:
        ex.close()
    assert sorted(t for t, _ in got) == sorted((k, i) for i in range(4) for k in ("asr", "plain"))
    assert len({pid for (k, _), pid in got if k == "asr"}) == 1
    assert [s["tasks"] for s in stats] == [4] and stats[0]["pid"] == next(p for (k, _), p in got if k == "asr")


@pytest.mark.ray
def test_on_ray_the_asr_actor_is_reused_and_outputs_equal_the_serial_order(corpora, served, serial, tmp_path):
    pytest.importorskip("ray")
    from derm1m_build.executors.ray_executor import RayExecutor

    ys, fs = served
    ex = RayExecutor(workers=2)
    try:
        _harvest(_recipe(tmp_path / "ray", ys.url, fs.url, corpora[2]), tmp_path / "ray/out", ex)
        stats = ex.actor_stats
    finally:
        ex.close()
    # one actor (2 CPUs: one left to plain tasks) ran the three videos' fetch tasks with one model load
    assert [(s["tasks"], s["model_loads"]) for s in stats] == [(3, 1)]
    assert _files(tmp_path / "ray/out") == serial
