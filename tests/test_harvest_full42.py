"""The harvest benchmark's kill -9 verdict (benchmarks/sources/bench_harvest_mix.py): written from the rerun's
build folder the moment it ends, judged "not yet" with the shards finished so far when a deadline stops it,
the requests asked twice over the killed run and its rerun, and timelines kept out of the progress snapshots."""

import argparse
import json
import os
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from benchmarks.sources import bench_harvest_mix as mix


def shard(sha: str, rows: int, excluded: int = 0) -> dict:
    return {"sha256": sha, "rows": rows, "excluded": excluded, "excluded_sha256": "e" + sha}


REF = {"rows_out": 7, "shards": {"forum-a": shard("1a", 3), "pubmed-b": shard("2b", 4, 1), "youtube-c": shard("3c", 0)}}


def build(tmp: Path, shards: dict, rows_out: int | None) -> Path:
    """A build folder as the harvest leaves it: `_done` records (with the fields a real one carries besides
    the compared ones) and, when `rows_out` is given, the stage manifest over them."""
    d = tmp / "out" / "work" / "harvest"
    (d / "_done").mkdir(parents=True)
    for k, s in shards.items():
        (d / "_done" / f"part-{k}.json").write_text(json.dumps(dict(s, input_sha256="x", recipe_digest="r", dropped={})))
    if rows_out is not None:
        (d / "_manifest.json").write_text(json.dumps({"stage": "harvest", "rows_out": rows_out, "rows_in": 9,
                                                      "shards": shards, "dropped": {}}))
    return tmp / "out"


def test_a_rerun_with_the_same_manifest_is_judged_true_with_what_was_compared(tmp_path):
    out = build(tmp_path, dict(REF["shards"]), 7)
    v = mix.judge_rerun(REF, out)
    assert v["kill9_rerun_same_manifest"] is True
    assert v["kill9_compares"] == mix.COMPARED
    assert v["kill9_reference"] == v["kill9_rerun"] == mix.manifest_summary(REF)
    assert (v["kill9_reference"]["rows_out"], v["kill9_reference"]["shards"]) == (7, 3)
    assert "kill9_diff" not in v and "kill9_not_judged" not in v


def test_a_rerun_with_one_other_shard_digest_is_judged_false_and_names_it(tmp_path):
    out = build(tmp_path, dict(REF["shards"], **{"pubmed-b": shard("ff", 4, 1)}), 7)
    v = mix.judge_rerun(REF, out)
    assert v["kill9_rerun_same_manifest"] is False
    assert v["kill9_diff"] == {"rows_out": [7, 7], "shards": ["pubmed-b"]}
    assert v["kill9_rerun"]["sha256"] != v["kill9_reference"]["sha256"]


def test_a_rerun_stopped_before_its_manifest_is_not_judged_and_keeps_its_finished_shards(tmp_path):
    out = build(tmp_path, {"forum-a": shard("1a", 3), "pubmed-b": shard("99", 4, 1), "pubmed-z": shard("5z", 2)}, None)
    v = mix.judge_rerun(REF, out)
    assert v["kill9_rerun_same_manifest"] is None
    assert v["kill9_not_judged"] == "the rerun wrote no harvest manifest (stopped before its end)"
    assert v["kill9_shards_done_so_far"] == {"equal": 1, "differ": ["pubmed-b"], "not_in_reference": ["pubmed-z"],
                                             "not_yet": 1}
    assert "kill9_rerun" not in v


def test_a_rerun_that_wrote_nothing_has_every_reference_shard_still_to_come(tmp_path):
    v = mix.judge_rerun(REF, tmp_path / "nothing")
    assert v["kill9_rerun_same_manifest"] is None
    assert v["kill9_shards_done_so_far"] == {"equal": 0, "differ": [], "not_in_reference": [], "not_yet": 3}


def test_the_manifest_summary_changes_with_any_shard_field_only():
    a = mix.manifest_summary(REF)
    assert a == mix.manifest_summary(json.loads(json.dumps(REF)))
    other = {"rows_out": 7, "shards": dict(REF["shards"], **{"youtube-c": shard("3c", 0, 1)})}
    assert mix.manifest_summary(other)["sha256"] != a["sha256"]
    assert len(a["sha256"]) == 64


def test_requests_asked_again_are_counted_per_host_and_endpoint_without_robots():
    srv = mix.Counted(lambda h: h, lambda path, body: (200, "text/plain", b"ok"), 0.0)
    try:
        def get(host, path):
            urllib.request.urlopen(f"http://{host}:{srv.port}{path}").read()

        get("127.0.0.1", "/oa?id=1")
        get("127.0.0.1", "/robots.txt")
        mid = time.time()
        for path in ("/oa?id=1", "/oa?id=2", "/oa?id=2", "/oa?id=2", "/pkg/1.tgz", "/robots.txt", "/robots.txt"):
            get("127.0.0.1", path)
        get("localhost", "/pkg/1.tgz")
        end = time.time()
        get("localhost", "/pkg/1.tgz")
        assert mix.repeats({"s": srv}, 0.0) == {"127.0.0.1": {"/oa": 3}, "localhost": {"/pkg/1.tgz": 1}}
        assert mix.repeats({"s": srv}, mid) == {"127.0.0.1": {"/oa": 2}, "localhost": {"/pkg/1.tgz": 1}}
        assert mix.repeats({"s": srv}, mid, end) == {"127.0.0.1": {"/oa": 2}}
    finally:
        srv.srv.shutdown()


def test_the_killed_run_and_rerun_add_up_and_only_pubmed_article_repeats_fail_the_check():
    pmc, vid = mix.PMC_HOST, mix.VIDEO_HOST
    run = {pmc: 15219, vid: 6000, "127.0.0.1": 2043, "localhost": 2002}
    killed = {pmc: 4731, vid: 2950, "127.0.0.1": 1035, "localhost": 994}
    rerun = {pmc: 10488, vid: 3072, "127.0.0.1": 1010, "localhost": 1010}
    again = {vid: {"/youtube/v1/video.mp4": 22}, pmc: {"/pmc/eutils/esearch.fcgi": 2}}
    once = {pmc: {"/pmc/eutils/esearch.fcgi": 1}}
    got = mix.kill9_requests(run, killed, rerun, again, once)
    assert got["killed_plus_rerun"] == {pmc: 15219, vid: 6022, "127.0.0.1": 2045, "localhost": 2004}
    assert got["minus_one_run"] == {pmc: 0, vid: 22, "127.0.0.1": 2, "localhost": 2}
    assert got["one_run"] == run
    assert got["rerun_complete"] is True
    assert mix.kill9_requests(run, killed, {}, {}, {}, rerun_complete=False)["rerun_complete"] is False
    assert got["pubmed_no_article_fetched_twice"] is True  # the search is not an article; videos are not PubMed
    twice = dict(again, **{pmc: {"/pmc/eutils/esearch.fcgi": 2, "/pmc/oa/oa.fcgi": 1}})
    assert mix.kill9_requests(run, killed, rerun, twice, once)["pubmed_no_article_fetched_twice"] is False


def test_a_deadline_is_that_utc_time_on_the_same_day():
    now = 1796515200.0 + 15 * 3600 + 47 * 60 + 12  # 2026-12-06 15:47:12 UTC
    assert mix.deadline_utc("17:45", now) == 1796515200.0 + 17 * 3600 + 45 * 60
    assert mix.deadline_utc("00:00", now) == 1796515200.0


@pytest.mark.parametrize("bad", ["17", "25:00", "17:60", "x:10", "17:45:00"])
def test_a_bad_deadline_is_a_one_line_error(bad):
    with pytest.raises(SystemExit) as e:
        mix.deadline_utc(bad, 0.0)
    assert str(e.value) == f"--rerun-deadline-utc: {bad!r} is not HH:MM (UTC)"


def test_timelines_go_to_their_own_file_once_per_run(tmp_path):
    srv = mix.Counted(lambda h: h, lambda path, body: (200, "text/plain", b"ok"), 0.0)
    out = tmp_path / "r.json"
    try:
        since = time.time()
        for path in ("/b", "/a"):
            urllib.request.urlopen(f"http://127.0.0.1:{srv.port}{path}").read()
        assert mix.write_timeline(out, "2x8-0", {"s": srv}, since) == "r.json.timeline.jsonl"
        assert mix.write_timeline(out, "killed", {"s": srv}, time.time() + 60) == "r.json.timeline.jsonl"
        assert mix.write_timeline(None, "x", {"s": srv}, since) is None
    finally:
        srv.srv.shutdown()
    lines = [json.loads(x) for x in (tmp_path / "r.json.timeline.jsonl").read_text().splitlines()]
    assert [x["run"] for x in lines] == ["2x8-0", "killed"]
    # both requests, each once (two requests within one clock tick may be listed in either order)
    assert sorted((h, q) for _, h, q in lines[0]["timeline"]) == [("127.0.0.1", "/a"), ("127.0.0.1", "/b")]
    assert lines[1]["timeline"] == []
    assert not out.exists()


def test_a_harvest_past_its_deadline_is_stopped_with_all_its_processes(tmp_path):
    """A real `harvest` whose every request waits 60 s at the server: stopped at the deadline, its whole
    process group gone (no process left carrying this run's marker in its environment: the driver and the
    processes it started, which a kill of the driver alone would leave)."""
    srv = mix.Counted(lambda h: mix.PMC_HOST, lambda path, body: None, 60.0)
    marker = uuid.uuid4().hex
    try:
        a = argparse.Namespace(rate=25.0, articles=2, threads=2)
        ports = {"videos": srv.port, "pmc": srv.port, "forum": srv.port}
        recipe = mix.write_recipe(tmp_path, a, ports, ["v1"], 16, 8)
        env = dict(mix.env_for(ports), DERM1M_CACHE=str(tmp_path / "cache"), BENCH_MARK=marker)
        until = time.time() + 10.0  # its driver, forkserver and resource tracker are up after ~4 s at load 30
        got = mix.harvest(recipe, tmp_path / "out", 2, env, until=until)
        assert set(got) == {"wall_s", "stopped_at_deadline"} and got["stopped_at_deadline"] is True
        assert 9.0 <= got["wall_s"] < 40.0
        assert len(srv.log) >= 1  # it was harvesting (robots.txt asked, its answer 60 s away) when stopped
        left = []
        for p in Path("/proc").iterdir():
            if p.name.isdigit():
                try:
                    if marker.encode() in (p / "environ").read_bytes():
                        left.append(p.name)
                except OSError:
                    pass
        assert left == []
    finally:
        srv.srv.shutdown()


def test_a_failed_harvest_is_a_one_line_error_with_its_stderr(tmp_path):
    with pytest.raises(SystemExit) as e:
        mix.harvest(tmp_path / "missing.toml", tmp_path / "out", 1, dict(os.environ, PYTHONPATH=str(mix.REPO)),
                    until=time.time() + 120)
    assert str(e.value).startswith("harvest failed (")
    assert "missing.toml" in str(e.value)
