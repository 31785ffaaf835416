"""Network faults against the video client (yt-dlp and the info.json fetch), via the fault server:
429 + Retry-After, 5xx, resets, stalls, truncated downloads, wrong content types, hosts off the
allow-list. Every harvest finishes, retriable failures are retried, the rest are recorded with their
reason, and a rerun fetches only what failed."""

from __future__ import annotations

from pathlib import Path

import pytest
from youtube_helpers import VIDS, caption_path, corpus_server, make_youtube, video_path

from derm1m_build.sources.base import Excluded
from derm1m_build.testing.faultserver import Reply


def _video(corpus: Path, v: str, **kw) -> Reply:
    return Reply(200, (corpus / f"youtube/{v}/video.mp4").read_bytes(), content_type="video/mp4", **kw)


def _outcome(src) -> dict:
    return {k: (v["status"], v.get("reason", "")) for k, v in src.open_log().items.items()}


@pytest.mark.parametrize("fault,requests", [
    ("429", 2), ("5xx", 3), ("reset", 2),
])
def test_retriable_faults_are_retried(demo_corpus, tmp_path, fault, requests):
    v = "dmLecture02"
    replies = {"429": [Reply(429, "slow down", headers={"Retry-After": "0"})],
               "5xx": [Reply(503, "busy"), Reply(500, "oops")],
               "reset": [Reply(reset=True)]}[fault]
    with corpus_server(demo_corpus) as srv:
        srv.on(video_path(v), *replies, _video(demo_corpus, v))
        src = make_youtube(tmp_path, srv.url, vids=[v])
        rep = src.fetch()
        assert srv.requests_to(video_path(v)) == requests
    assert (rep.fetched, rep.failed) == (1, {})
    assert _outcome(src) == {v: ("ok", "")}


def test_info_json_429_honours_retry_after(demo_corpus, tmp_path):
    with corpus_server(demo_corpus) as srv:
        srv.on("/youtube/dmLecture01.info.json", Reply(429, "", headers={"Retry-After": "0"}),
               Reply(503, ""), Reply(200, (demo_corpus / "youtube/dmLecture01/info.template.json").read_text()
                                     .replace("__BASE__", srv.url), content_type="application/json"))
        src = make_youtube(tmp_path, srv.url, vids=["dmLecture01"])
        assert src.fetch().failed == {}
        assert srv.requests_to("/youtube/dmLecture01.info.json") == 3


def test_permanent_faults_are_recorded_and_the_rest_go_on(demo_corpus, tmp_path):
    with corpus_server(demo_corpus) as srv:
        srv.on(video_path("dmLecture01"), _video(demo_corpus, "dmLecture01", truncate=5000))  # every time
        srv.on(video_path("dmLecture02"), Reply(200, "<html>not a video</html>", content_type="text/html"))
        srv.on(caption_path("dmLecture03"), Reply(404, "gone"))
        src = make_youtube(tmp_path, srv.url, max_attempts=2)
        rep = src.fetch()
        assert srv.requests_to(video_path("dmLecture01")) == 2  # truncation is retried, then given up
        assert srv.requests_to(video_path("dmLecture02")) == 1  # a wrong body is not retried
        srv.script.clear()
        n = len(srv.log)
        again = make_youtube(tmp_path, srv.url, max_attempts=2).fetch()
        asked = {p.split("/")[2].split(".")[0] for _, p in srv.log[n:]}
    # the rerun asks again for the failed videos only; the partial one (a 404 caption) is kept as it is
    assert asked == {"dmLecture01", "dmLecture02"} and (again.fetched, again.skipped) == (2, 1)
    assert rep.fetched == 1 and rep.failed == {"truncated": 1, "bad_video": 1, "subtitles_http_404": 1}
    assert _outcome(src) == {"dmLecture01": ("ok", ""), "dmLecture02": ("ok", ""),
                             "dmLecture03": ("partial", "subtitles_http_404")}
    rows = list(src.extract())
    assert [(r.reason, r.row["group_id"]) for r in rows if isinstance(r, Excluded)] == \
        [("no_transcript", "youtube:dmLecture03")] * 4
    assert len([r for r in rows if not isinstance(r, Excluded)]) == 8


def test_stall_times_out(demo_corpus, tmp_path):
    with corpus_server(demo_corpus) as srv:
        srv.on(video_path("dmLecture01"), Reply(200, b"x", delay=2.5))
        src = make_youtube(tmp_path, srv.url, vids=["dmLecture01"], max_attempts=1, socket_timeout=0.5)
        rep = src.fetch()
    assert rep.failed == {"timeout": 1}
    assert _outcome(src) == {"dmLecture01": ("failed", "timeout")}


def test_wrong_content_type_and_hostile_info_json(demo_corpus, tmp_path):
    with corpus_server(demo_corpus) as srv:
        srv.on("/youtube/dmLecture01.info.json", Reply(200, "<html></html>", content_type="text/html"))
        srv.on("/youtube/dmLecture02.info.json", Reply(200, '{"id": "../../etc", "formats": []}',
                                                     content_type="application/json"))
        srv.on("/youtube/dmLecture03.info.json", Reply(200, b"\xff\xfe{", content_type="application/json"))
        src = make_youtube(tmp_path, srv.url)
        rep = src.fetch()
    assert rep.failed == {"wrong_content_type": 1, "bad_info_json": 2}
    assert sorted(v for v, _ in _outcome(src).values()) == ["failed"] * 3
    assert not list((tmp_path / "raw" / "youtube").glob("*/info.json"))


def test_hosts_off_the_allow_list_are_never_asked(demo_corpus, tmp_path):
    with corpus_server(demo_corpus, host="localhost") as srv:  # the info.json points its URLs at "localhost"
        src = make_youtube(tmp_path, srv.url, vids=["dmLecture01"])
        rep = src.fetch()
        assert srv.requests_to(video_path("dmLecture01")) == 0
        assert srv.requests_to(caption_path("dmLecture01")) == 0
    assert rep.failed == {"host_not_allowed": 1}


def test_rerun_retries_only_the_failed(demo_corpus, tmp_path):
    with corpus_server(demo_corpus) as srv:
        srv.on(video_path("dmLecture02"), Reply(500, "down"))
        first = make_youtube(tmp_path, srv.url, max_attempts=2).fetch()
        assert first.failed == {"http_500": 1} and first.fetched == 2
        srv.script.clear()
        n = len(srv.log)
        second = make_youtube(tmp_path, srv.url, max_attempts=2).fetch()
        again = sorted({p for _, p in srv.log[n:]})
    assert (second.fetched, second.skipped, second.failed) == (1, 2, {})
    assert again == ["/youtube/dmLecture02.info.json", caption_path("dmLecture02"), video_path("dmLecture02")]
    src = make_youtube(tmp_path, "http://127.0.0.1:1")
    assert _outcome(src) == {v: ("ok", "") for v in VIDS}
    assert len([r for r in src.extract() if not isinstance(r, Excluded)]) == 12


def test_no_audio_track_with_asr_is_partial(demo_corpus, tmp_path):
    # the demo videos have no audio track: speech recognition cannot run, and no model is even loaded
    with corpus_server(demo_corpus) as srv:
        srv.on(caption_path("dmLecture01"), Reply(404, ""))
        src = make_youtube(tmp_path, srv.url, vids=["dmLecture01"], asr={"model": str(tmp_path / "no-model")})
        rep = src.fetch()
    assert _outcome(src) == {"dmLecture01": ("partial", "no_audio_track")}
    assert rep.failed == {"no_audio_track": 1}


def test_an_unexpected_error_fails_one_video_only(demo_corpus, tmp_path, monkeypatch):
    import derm1m_build.sources.youtube as yt

    real = yt.detect_shots

    def flaky(path, cfg=None, keep_frames=True):
        if "dmLecture02" in str(path):  # the video sits in raw/youtube/_tmp/<id>/ while it is processed
            raise RuntimeError("decoder bug")
        return real(path, cfg, keep_frames)

    monkeypatch.setattr(yt, "detect_shots", flaky)
    with corpus_server(demo_corpus) as srv:
        src = make_youtube(tmp_path, srv.url)
        rep = src.fetch()
    assert rep.failed == {"internal_error": 1} and rep.fetched == 2
    assert _outcome(src)["dmLecture02"] == ("failed", "internal_error")
    assert src.open_log().items["dmLecture02"]["detail"] == "RuntimeError: decoder bug"
