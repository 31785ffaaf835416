"""Hostile inputs for the YouTube source's formats (tests/data/hostile/youtube/, written by
tests/data/hostile/make_youtube_hostile.py): each gives a recorded reason or clean segments, never a
traceback; through the source they become failed/partial items; through `inspect`, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from youtube_helpers import caption_path, corpus_server, make_youtube, video_path

from derm1m_build.errors import ItemError
from derm1m_build.testing.faultserver import Reply
from derm1m_build.video import subtitles as subs
from derm1m_build.video.frames import detect_shots
from derm1m_build.video.ytinfo import choose_track, load_info, video_meta
from conftest import cli

HOSTILE = Path(__file__).resolve().parent / "data" / "hostile" / "youtube"

# file -> ("reason", ...) or ("ok", what comes out)
EXPECTED = {
    "info_absolute_path_id.info.json": "bad_info_json",
    "info_deep_nesting.info.json": "bad_info_json",
    "info_no_id.info.json": "bad_info_json",
    "info_not_utf8.info.json": "bad_info_json",
    "info_path_traversal_id.info.json": "bad_info_json",
    "info_playlist_entries.info.json": "not_a_video",
    "info_top_level_list.info.json": "bad_info_json",
    "info_truncated.info.json": "bad_info_json",
    "info_wrong_types.info.json": ("ok", {"id": "wrongTypes1", "duration": None, "license": "unknown",
                                          "age_limit": 0, "track": None}),
    "json3_deep_nesting.json3": "bad_subtitles",
    "json3_events_not_list.json3": "bad_subtitles",
    "json3_not_json.json3": "bad_subtitles",
    "json3_top_level_list.json3": "bad_subtitles",
    "json3_truncated.json3": "bad_subtitles",
    "json3_wrong_types.json3": ("ok", [(1.0, 1.5, "kept")]),
    "mp4_audio_only.mp4": "no_video_track",
    "mp4_corrupt_frames.mp4": "bad_video",
    "mp4_corrupt_index.mp4": "no_video_track",
    "mp4_html_body.mp4": "bad_video",
    "mp4_random_bytes.mp4": "bad_video",
    "mp4_truncated_head.mp4": "bad_video",
    "mp4_zero_bytes.mp4": "bad_video",
    "srv3_bad_attributes.srv3": ("ok", [(0.2, 0.5, "kept")]),
    "srv3_billion_laughs.srv3": "bad_subtitles",
    "srv3_malformed.srv3": "bad_subtitles",
    "srv3_xxe.srv3": "bad_subtitles",
    "vtt_broken_timestamps.vtt": ("ok", [(3.0, 4.0, "kept line")]),
    "vtt_control_chars.vtt": ("ok", [(1.0, 2.0, "nul and [31m escape")]),
    "vtt_crlf_bom.vtt": ("ok", [(1.0, 2.0, "windows line")]),
    "vtt_end_before_start.vtt": ("ok", []),
    "vtt_huge_hours.vtt": ("ok", [(359996400.0, 359996401.0, "late")]),
    "vtt_latin1.vtt": "bad_subtitles",
    "vtt_no_header.vtt": "bad_subtitles",
    "vtt_only_header.vtt": ("ok", []),
    "vtt_random_bytes.vtt": "bad_subtitles",
    "vtt_unclosed_tags_and_script.vtt": ("ok", [(1.0, 2.0, "alert(1)psoriasis plaque")]),
    "vtt_zero_bytes.vtt": "bad_subtitles",
}


def _result(p: Path):
    try:
        if p.name.endswith(".info.json"):
            info = load_info(p.read_bytes())
            m = video_meta(info)
            return ("ok", {"id": m["id"], "duration": m["duration"], "license": m["license"],
                           "age_limit": m["age_limit"], "track": choose_track(info, ["en"], ["en"], True)})
        if p.suffix == ".mp4":
            shots, _ = detect_shots(p, keep_frames=False)
            return ("ok", len(shots))
        return ("ok", [(round(s.start, 3), round(s.end, 3), s.text) for s in subs.parse_file(p)])
    except ItemError as e:
        return e.reason


def test_corpus_is_complete():
    assert sorted(p.name for p in HOSTILE.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file(name):
    assert _result(HOSTILE / name) == EXPECTED[name]


def test_ten_megabyte_caption_is_refused(tmp_path):
    p = tmp_path / "huge.vtt"
    p.write_bytes(b"WEBVTT\n\n" + b"00:00:01.000 --> 00:00:02.000\n" + b"a" * (10 * 1024 * 1024) + b"\n")
    with pytest.raises(ItemError) as e:
        subs.parse_file(p)
    assert e.value.reason == "bad_subtitles"


@pytest.mark.parametrize("cmd,name", [("subtitles", "srv3_xxe.srv3"), ("subtitles", "json3_deep_nesting.json3"),
                                      ("video", "mp4_truncated_head.mp4")])
def test_inspect_gives_one_line(cmd, name):
    p = cli("inspect", cmd, HOSTILE / name)
    assert p.returncode == 2 and p.stdout == ""
    assert p.stderr.count("\n") == 1 and p.stderr.startswith(f"error: {HOSTILE / name}: {EXPECTED[name]}")


def test_hostile_files_through_the_source(demo_corpus, tmp_path):
    with corpus_server(demo_corpus) as srv:
        srv.on(video_path("dmLecture01"), Reply(200, (HOSTILE / "mp4_corrupt_frames.mp4").read_bytes(),
                                                content_type="video/mp4"))
        srv.on(caption_path("dmLecture02"), Reply(200, (HOSTILE / "vtt_latin1.vtt").read_bytes(), content_type="text/vtt"))
        srv.on("/youtube/dmLecture03.info.json",
               Reply(200, (HOSTILE / "info_path_traversal_id.info.json").read_bytes(), content_type="application/json"))
        src = make_youtube(tmp_path, srv.url)
        rep = src.fetch()
        rows = list(src.extract())
    items = src.open_log().items
    assert {k: (v["status"], v.get("reason")) for k, v in items.items() if not k.startswith("info:")} == {
        "dmLecture01": ("failed", "bad_video"), "dmLecture02": ("partial", "bad_subtitles")}
    assert [v["reason"] for k, v in items.items() if k.startswith("info:")] == ["bad_info_json"]
    assert rep.failed == {"bad_video": 1, "bad_subtitles": 1, "bad_info_json": 1}
    assert {r.reason for r in rows} == {"no_transcript"} and len(rows) == 4
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert all(tmp_path in p.parents for p in written)
    assert json.loads((tmp_path / "raw/youtube/dmLecture02/info.json").read_text())["id"] == "dmLecture02"
