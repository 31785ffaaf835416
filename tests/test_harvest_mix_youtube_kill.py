"""kill -9 between a worker storing a video in raw/ and the driver merging its fetch-log entry: the rerun
fetches that video again and logs it, so the harvest's rows equal an uninterrupted run's.

Before: the rerun saw raw/<id>/info.json and shots.json, took the video as "reached through another
reference and already fetched", returned no log entry, and extraction never saw the video (found by
benchmarks/sources/bench_harvest_mix.py: 590 rows instead of 626 after kill -9 and rerun)."""

from __future__ import annotations

import json

from youtube_helpers import VIDS, corpus_server, make_youtube, video_path


def _rows(src) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in src.extract() if isinstance(r, dict))


def test_video_stored_but_not_logged_is_fetched_again(demo_corpus, tmp_path):
    out = tmp_path / "out"
    with corpus_server(demo_corpus) as srv:
        src = make_youtube(out, srv.url)
        assert src.fetch().fetched == 3
        want = _rows(src)
        log = src.open_log()
        # what a kill leaves: raw/ complete, the fetch log without the batch's entries
        for v in VIDS[:2]:
            log.items.pop(v)
        log.complete = False
        log.save()
        n = len(srv.log)
        again = make_youtube(out, srv.url)
        report = again.fetch()
        fetched_paths = [p for _, p in srv.log[n:]]
    assert (report.fetched, report.skipped) == (2, 1)
    assert sorted(p for p in fetched_paths if p.endswith(".mp4")) == sorted(video_path(v) for v in VIDS[:2])
    assert sorted(v for v, e in again.open_log().items.items() if e and e.get("status") == "ok") == sorted(VIDS)
    assert _rows(again) == want and len(want) > 0
