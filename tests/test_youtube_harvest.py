"""End to end: the demo lectures served on 127.0.0.1, harvested by the real yt-dlp client."""

from __future__ import annotations

import json

import pytest
from youtube_helpers import VIDS, corpus_server, make_youtube

from derm1m_build.sources.base import Excluded
from derm1m_build.video import subtitles as subs
from derm1m_build.video.frames import detect_shots


@pytest.fixture(scope="module")
def harvested(demo_corpus, tmp_path_factory):
    out = tmp_path_factory.mktemp("yt")
    with corpus_server(demo_corpus) as srv:
        src = make_youtube(out, srv.url, context_s=1.0)
        report = src.fetch()
        rows = list(src.extract())
        log = list(srv.log)
        rerun = make_youtube(out, srv.url, context_s=1.0).fetch()
        rerun_log = srv.log[len(log):]
    return demo_corpus, out, src, report, rows, rerun, rerun_log


def test_every_video_fetched_with_its_track(harvested):
    corpus, out, src, report, rows, _, _ = harvested
    assert (report.fetched, report.failed) == (3, {})
    items = src.open_log().items
    assert {v: (items[v]["status"], items[v]["transcript"], items[v]["shots"]) for v in VIDS} == {
        "dmLecture01": ("ok", "manual", 4), "dmLecture02": ("ok", "auto", 4), "dmLecture03": ("ok", "auto", 4)}
    raw = out / "raw" / "youtube"
    assert sorted(p.name for p in (raw / "dmLecture03").iterdir() if not p.name.endswith(".provenance.json")) == [
        "frames", "info.json", "shots.json", "subs", "video.mp4"]
    assert (raw / "dmLecture03" / "subs" / "en-orig.json3").read_bytes() == \
        (corpus / "youtube/dmLecture03/dmLecture03.en.json3").read_bytes()
    assert (raw / "dmLecture01" / "video.mp4").read_bytes() == (corpus / "youtube/dmLecture01/video.mp4").read_bytes()
    info = json.loads((raw / "dmLecture01" / "info.json").read_text())
    assert (info["id"], info["license"], info["upload_date"]) == (
        "dmLecture01", "Creative Commons Attribution license (reuse allowed)", "20240115")
    assert not (raw / "_tmp").exists()


def test_rows_pair_each_shot_with_its_words(harvested):
    corpus, out, src, _, rows, _, _ = harvested
    assert all(not isinstance(r, Excluded) for r in rows) and len(rows) == 12
    for vid in VIDS:
        truth = json.loads((corpus / f"youtube/{vid}/truth.json").read_text())
        spoken = [subs.Segment(a, b, t) for a, b, t in truth["spoken"]]
        shots, _ = detect_shots(corpus / f"youtube/{vid}/video.mp4")
        mine = [r for r in rows if r["group_id"] == f"youtube:{vid}"]
        assert [(r["t_start"], r["t_end"]) for r in mine] == [(round(s.start, 3), round(s.end, 3)) for s in shots]
        for k, (r, s) in enumerate(zip(mine, shots)):
            # a shot's words are its own: the 1 s context never reaches into the previous or next shot
            lo = max(s.start - 1.0, shots[k - 1].end if k else float("-inf"))
            hi = min(s.end + 1.0, shots[k + 1].start if k + 1 < len(shots) else float("inf"))
            assert r["raw_text"] == " ".join(x.text for x in spoken if lo <= (x.start + x.end) / 2 < hi)
            assert (r["width"], r["height"], r["lang"], r["source"]) == (320, 240, "en", "youtube")
            assert json.loads(r["meta"])["video_id"] == vid
        said = [t for r in mine for t in r["raw_text"].split(" ") if t]
        assert said == " ".join(x.text for x in spoken).split()  # every word once, in order, in one shot
    lic = {r["group_id"]: r["license"] for r in rows}
    assert lic == {"youtube:dmLecture01": "CC-BY-3.0", "youtube:dmLecture02": "CC-BY-3.0",
                   "youtube:dmLecture03": "none"}
    assert len({r["sample_id"] for r in rows}) == 12


def test_rerun_fetches_nothing(harvested):
    *_, rerun, rerun_log = harvested
    assert (rerun.fetched, rerun.skipped, rerun.failed) == (0, 3, {})
    assert rerun_log == []


def test_delete_video_after_frames_and_direct_url(demo_corpus, tmp_path):
    with corpus_server(demo_corpus) as srv:
        src = make_youtube(tmp_path, srv.url, vids=["dmLecture02"], delete_video_after_frames=True,
                           urls=[f"{srv.url}/youtube/dmLecture01/video.mp4"])
        rep = src.fetch()
        rows = list(src.extract())
    raw = tmp_path / "raw" / "youtube"
    assert not list(raw.rglob("video.*")) and (raw / "dmLecture02" / "frames" / "0000.jpg").is_file()
    items = src.open_log().items
    # the direct .mp4 URL goes through yt-dlp's generic extractor: no captions -> partial, frames kept
    assert (items["video"]["status"], items["video"]["reason"]) == ("partial", "no_transcript")
    assert rep.fetched == 2 and rep.failed == {"no_transcript": 1}
    excluded = [r for r in rows if isinstance(r, Excluded)]
    assert [(e.reason, e.row["group_id"]) for e in excluded] == [("no_transcript", "youtube:video")] * 4
    assert sum(1 for r in rows if not isinstance(r, Excluded)) == 4


def test_demo_recipe_has_youtube(monkeypatch):
    from pathlib import Path

    from derm1m_build.recipe import load_recipe

    monkeypatch.setenv("DERM1M_DEMO_URL", "http://127.0.0.1:1")
    r = load_recipe(Path(__file__).resolve().parents[1] / "stages" / "demo.toml")
    assert [u.rsplit("/", 1)[-1] for u in r.harvest["youtube"].info_json] == [f"{v}.info.json" for v in VIDS]


def test_playlist_page_with_limit_and_date_filter(demo_corpus, tmp_path):
    """A page listing two videos is a playlist to yt-dlp; `max_videos` keeps the first. The upload-date
    filter skips dmLecture03 (2023) before anything is downloaded."""
    page = demo_corpus / "youtube" / "list.html"
    page.write_text('<html><head><title>Derm playlist</title></head><body>'
                    '<video src="dmLecture01/video.mp4"></video><video src="dmLecture02/video.mp4"></video></body></html>')
    try:
        with corpus_server(demo_corpus) as srv:
            src = make_youtube(tmp_path, srv.url, vids=["dmLecture03"], date_after="20240101",
                               urls=[f"{srv.url}/youtube/list.html"], max_videos=1)
            rep = src.fetch()
            asked = sorted({p for _, p in srv.log})
    finally:
        page.unlink()
    items = src.open_log().items
    assert {k: (v["status"], v.get("filtered", ""), v.get("reason", "")) for k, v in items.items()} == {
        "dmLecture03": ("ok", "date_before_range", ""), "list-1": ("partial", "", "no_transcript")}
    assert asked == ["/youtube/dmLecture01/video.mp4", "/youtube/dmLecture03.info.json", "/youtube/list.html"]
    assert (rep.fetched, rep.skipped) == (1, 1)
    assert [r.row["group_id"] for r in src.extract()] == ["youtube:list-1"] * 4
