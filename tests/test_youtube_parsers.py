"""Caption parsers and info.json readers against the real files in ../shared/realdata/youtube and the
demo's generated captions (whose spoken lines are known exactly)."""

from __future__ import annotations

import json

import pytest

from derm1m_build.errors import ItemError
from derm1m_build.video import subtitles as subs
from derm1m_build.video.ytinfo import choose_track, error_reason, normalise_license, video_meta


def _rt(segs):
    return [(round(s.start, 3), round(s.end, 3), s.text) for s in segs]


def test_real_legacy_autocaption_vtt(realdata):
    segs = subs.parse_file(realdata / "youtube/subtitles/youtube_dl_legacy_autocaption.en.vtt")
    # style block skipped, class spans and word-timing tags removed, the rolling repeat merged
    assert _rt(segs) == [(286.07, 286.47, "yeah"), (286.47, 304.08, "what"),
                         (304.08, 305.4, "this will happen is I'm telling")]


def test_real_json3_asr_excerpt(realdata):
    segs = subs.parse_file(realdata / "youtube/subtitles/asr_excerpt_ragas_agents.en.json3")
    # the window event (no segs) and the aAppend line breaks carry no words
    assert _rt(segs) == [(0.04, 1.68, "today we're going to be talking about"),
                         (1.68, 5.12, "metric driven agent development and"),
                         (5.12, 7.279, "specifically we're going to be focusing"),
                         (7.279, 13.16, "on ragas for evaluating our agents in")]


@pytest.mark.parametrize("vid,fmt", [("dmLecture01", "vtt"), ("dmLecture02", "vtt"), ("dmLecture03", "json3")])
def test_demo_captions_give_back_the_spoken_lines(vid, fmt):
    from derm1m_build.demo.youtube import CAPTION_WRITERS, VIDEOS, _plan

    _, spoken = _plan(vid)
    data = CAPTION_WRITERS[(VIDEOS[vid]["kind"], fmt)](spoken).encode()
    segs = subs.parse(data, fmt)
    assert [s.text for s in segs] == [t for _, _, t in spoken]
    assert [round(s.start, 2) for s in segs] == [round(a, 2) for a, _, _ in spoken]
    raw = subs.PARSERS[fmt](data)
    if VIDEOS[vid]["kind"] == "auto" and fmt == "vtt":
        assert len(raw) == 3 * len(spoken) - 1  # every line shown 3 times but the first (rolling window)


def test_srv3():
    data = (b'<?xml version="1.0" encoding="utf-8" ?><timedtext format="3"><body>'
            b'<p t="0" d="1500"><s>psoriasis</s><s t="500"> plaques</s></p>'
            b'<p t="1500" d="1000">on the &amp; elbow</p><p t="2500" d="100">\n</p>'
            b'<p t="2600" d="900">[Music]</p><p t="3000" d="2000">on the &amp; elbow</p></body></timedtext>')
    assert _rt(subs.parse(data, "srv3")) == [(0.0, 1.5, "psoriasis plaques"), (1.5, 5.0, "on the & elbow")]


def test_text_between_uses_overlap():
    segs = [subs.Segment(0, 2, "a"), subs.Segment(2, 4, "b"), subs.Segment(4, 6, "c")]
    assert subs.text_between(segs, 2, 4) == "b"
    assert subs.text_between(segs, 2 - 1, 4 + 1) == "a b c"


def test_info_json_shapes(realdata):
    d = realdata / "youtube/info_json"
    legacy = video_meta(json.loads((d / "youtube-dl_legacy_KdsN9YhkDrY.info.json").read_text()))
    assert {k: legacy[k] for k in ("id", "channel", "upload_date", "duration", "url", "license")} == {
        "id": "KdsN9YhkDrY", "channel": "RelaxingWorld", "upload_date": "20160625", "duration": 8.0,
        "url": "https://www.youtube.com/watch?v=KdsN9YhkDrY", "license": "unknown"}
    twitch = video_meta(json.loads((d / "youtube-dl_legacy_twitch_42850523.info.json").read_text()))
    assert (twitch["id"], twitch["channel"], twitch["duration"]) == ("42850523", "stereotype_", 32.0)
    for name in ("ytdlp_channel_tab_UCcRSMoQqXc_JrBZRHDFGbqA.info.json",
                 "ytdlp_playlist_PLoopXDarluPBnuxs4PTC55Sc_2ShAXC0i.info.json"):
        with pytest.raises(ItemError) as e:
            video_meta(json.loads((d / name).read_text()))
        assert e.value.reason == "not_a_video"
    with pytest.raises(ItemError) as e:  # the innertube player response is not an info.json
        video_meta(json.loads((realdata / "youtube/innertube/innertube_player_GJLlxj_dtq8_captions_trimmed.json").read_text()))
    assert e.value.reason == "bad_info_json"


@pytest.mark.parametrize("stated,ours", [
    ("Creative Commons Attribution license (reuse allowed)", "CC-BY-3.0"),
    ("Standard YouTube License", "none"),
    ("CC BY-NC-SA 4.0", "CC-BY-NC-SA-4.0"),
    ("Creative Commons Attribution 4.0 International", "CC-BY-4.0"),
    ("Public Domain", "public-domain"),
    (None, "unknown"), ("", "unknown"), ("some other words", "unknown"), (42, "unknown"),
])
def test_license(stated, ours):
    assert normalise_license(stated) == ours


def test_track_choice_order():
    t = lambda *exts: [{"ext": e, "url": f"http://x/{e}"} for e in exts]  # noqa: E731
    info = {"subtitles": {"de": t("vtt"), "en": t("srv3", "vtt")}, "automatic_captions": {"en-orig": t("json3")}}
    args = (["en"], ["en-orig", "en"], True)
    assert choose_track(info, *args) == {"lang": "en", "ext": "vtt", "url": "http://x/vtt", "kind": "manual"}
    del info["subtitles"]["en"]
    assert choose_track(info, *args) == {"lang": "en-orig", "ext": "json3", "url": "http://x/json3", "kind": "auto"}
    info["automatic_captions"] = {}
    assert choose_track(info, *args)["lang"] == "de"  # other language, kept with its code
    assert choose_track(info, ["en"], ["en"], False) is None  # -> speech recognition
    assert choose_track({"subtitles": {"en": t("ttml")}}, *args) is None


@pytest.mark.parametrize("msg,reason", [
    ("ERROR: [youtube] abc: Sign in to confirm your age. This video may be inappropriate for some users.", "age_restricted"),
    ("ERROR: [youtube] abc: Video unavailable. This video has been removed by the uploader", "unavailable"),
    ("ERROR: [youtube] abc: Private video. Sign in if you've been granted access", "private"),
    ("ERROR: [youtube] abc: Sign in to confirm you're not a bot", "bot_check"),
    ("ERROR: unable to download video data: HTTP Error 429: Too Many Requests", "http_429"),
    ("ERROR: Unable to download video subtitles for 'en': HTTP Error 503: Service Unavailable", "http_503"),
    ("ERROR: The read operation timed out", "timeout"),
    ("ERROR: content too short (expected 1000 bytes and served 10)", "truncated"),
    ("ERROR: something new", "download_error"),
])
def test_error_reasons(msg, reason):
    assert error_reason(msg) == reason
