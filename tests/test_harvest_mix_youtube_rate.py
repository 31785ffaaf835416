"""Per-host rate limits hold for YouTube too: every request yt-dlp sends (info.json, media, captions) waits
for the build's shared limiter slot of its host, so the rate holds across all harvest workers and threads.

Before: the source's client had no rate and yt-dlp's own `sleep_interval_requests` is per instance, so
a 2-worker x 8-thread harvest sent videos at whatever speed the server allowed (found by
benchmarks/sources/bench_harvest_mix.py).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from youtube_helpers import VIDS, caption_path, corpus_server, make_youtube, video_path

from derm1m_build import hostmap, ratelimit


def _recorded_waits(monkeypatch) -> list[tuple[str, float, float]]:
    calls: list[tuple[str, float, float]] = []
    real = ratelimit.wait

    def wait(host: str, rate: float) -> float:
        go = real(host, rate)
        calls.append((host, rate, go))
        return go

    monkeypatch.setattr(ratelimit, "wait", wait)
    return calls


def test_every_youtube_request_waits_for_the_shared_host_slot(demo_corpus, tmp_path, monkeypatch):
    calls = _recorded_waits(monkeypatch)
    ratelimit.activate(tmp_path / "rl")
    try:
        with corpus_server(demo_corpus) as srv:
            report = make_youtube(tmp_path / "out", srv.url, rate=20.0).fetch()
            log = [urlsplit(p).path for _, p in srv.log]
    finally:
        ratelimit.activate(None)
    assert (report.fetched, report.failed) == (3, {})
    assert sorted(log) == sorted([f"/youtube/{v}.info.json" for v in VIDS] + [video_path(v) for v in VIDS]
                                 + [caption_path(v) for v in VIDS])
    # one wait per request the server saw, all on the one host's slot, at the recipe's rate
    assert [(h, r) for h, r, _ in calls] == [("127.0.0.1", 20.0)] * len(log)
    gos = [g for _, _, g in calls]
    # slots 1/rate apart; a caller woken late is let go at least 1/(2 rate) after the one before
    # (`ratelimit.wait`: a late wake does not push every later slot back), so over the run 1/rate each
    assert min(b - a for a, b in zip(gos, gos[1:])) >= 0.025 - 1e-6
    assert gos[-1] - gos[0] >= (len(gos) - 1) * 0.05 - 0.02
    assert (tmp_path / "rl" / "127.0.0.1.slot").is_file()


def test_mapped_host_is_limited_under_its_logical_name(demo_corpus, tmp_path, monkeypatch):
    """yt-dlp connects to the mapped address; the slot is the logical host's, shared with info.json."""
    calls = _recorded_waits(monkeypatch)
    ratelimit.activate(tmp_path / "rl")
    try:
        with corpus_server(demo_corpus, host="videos.mix.invalid") as srv:
            monkeypatch.setenv(hostmap.ENV, f"videos.mix.invalid={urlsplit(srv.url).netloc}")
            report = make_youtube(tmp_path / "out", "http://videos.mix.invalid", vids=VIDS[:2], rate=50.0,
                                  allow_hosts=["videos.mix.invalid"]).fetch()
            n = len(srv.log)
    finally:
        ratelimit.activate(None)
    assert (report.fetched, report.failed, n) == (2, {}, 6)
    assert [h for h, _, _ in calls] == ["videos.mix.invalid"] * 6


def test_no_rate_keeps_yt_dlp_unthrottled(demo_corpus, tmp_path, monkeypatch):
    calls = _recorded_waits(monkeypatch)
    ratelimit.activate(tmp_path / "rl")
    try:
        with corpus_server(demo_corpus) as srv:
            report = make_youtube(tmp_path / "out", srv.url, vids=VIDS[:1]).fetch()
    finally:
        ratelimit.activate(None)
    assert (report.fetched, calls) == (1, [])
