"""Write the YouTube source's hostile inputs into tests/data/hostile/youtube/ (deterministic).

Run from the repository root: `python tests/data/hostile/make_youtube_hostile.py`. The files are
committed; tests/test_youtube_hostile.py lists what each must give (a reason, or clean segments).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent / "youtube"


def _small_video(path: Path, audio_only: bool = False) -> bytes:
    from derm1m_build.video.synth import ShotSpec, write_lecture

    if audio_only:
        import av

        with av.open(str(path), "w", format="mp4") as out:
            a = out.add_stream("aac", rate=16000)
            a.layout = "mono"
            fr = av.AudioFrame.from_ndarray(np.zeros((1, 1024), np.float32), format="fltp", layout="mono")
            fr.sample_rate, fr.pts = 16000, 0
            for p in [*a.encode(fr), *a.encode()]:
                out.mux(p)
    else:
        write_lecture(path, [ShotSpec("photo", 1, 1.0), ShotSpec("slide", 2, 1.0)], size=(64, 48), fps=10, gop=10)
    return path.read_bytes()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(12)
    files: dict[str, bytes | str] = {
        # WebVTT
        "vtt_no_header.vtt": "00:00:01.000 --> 00:00:02.000\nhello\n",
        "vtt_zero_bytes.vtt": b"",
        "vtt_random_bytes.vtt": rng.integers(0, 256, 2048, dtype=np.uint8).tobytes(),
        "vtt_latin1.vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nr\xe9sum\xe9\n".encode("latin-1"),
        "vtt_broken_timestamps.vtt": "WEBVTT\n\n00:00:xx.000 --> 00:00:02.000\nlost\n\n"
                                     "00:00:03.000 --> 00:00:04.000\nkept line\n",
        "vtt_end_before_start.vtt": "WEBVTT\n\n00:00:05.000 --> 00:00:01.000\nbackwards\n",
        "vtt_unclosed_tags_and_script.vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"
                                            "<script>alert(1)</script><c.red>psoriasis <b>plaque\n",
        "vtt_control_chars.vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nnul\x00 and\x1b[31m escape\u202e\n",
        "vtt_huge_hours.vtt": "WEBVTT\n\n99999:00:00.000 --> 99999:00:01.000\nlate\n",
        "vtt_only_header.vtt": "WEBVTT\nKind: captions\n\n",
        "vtt_crlf_bom.vtt": "\ufeffWEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\nwindows line\r\n".encode("utf-8"),
        # json3
        "json3_not_json.json3": "{'events': [}",
        "json3_truncated.json3": '{"wireMagic": "pb3", "events": [{"tStartMs": 0, "segs": [{"utf8": "he',
        "json3_top_level_list.json3": "[1, 2, 3]",
        "json3_events_not_list.json3": '{"events": {"a": 1}}',
        "json3_wrong_types.json3": json.dumps({"events": [
            {"tStartMs": "abc", "dDurationMs": 5, "segs": [{"utf8": "bad start"}]},
            {"tStartMs": 1000, "dDurationMs": 500, "segs": [1, None, {"utf8": "kept"}, {"utf8": 7}]},
            {"tStartMs": -50, "dDurationMs": 10, "segs": [{"utf8": "negative"}]},
            {"tStartMs": 2000, "dDurationMs": 10, "segs": "not a list"},
            "not an event"]}),
        "json3_deep_nesting.json3": "[" * 5000 + "]" * 5000,
        # srv3
        "srv3_xxe.srv3": '<?xml version="1.0"?><!DOCTYPE t [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                         '<timedtext><body><p t="0" d="10">&x;</p></body></timedtext>',
        "srv3_billion_laughs.srv3": '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">'
                                    '<!ENTITY c "&b;&b;&b;&b;">]><timedtext><body><p t="0">&c;</p></body></timedtext>',
        "srv3_malformed.srv3": '<timedtext><body><p t="0">open',
        "srv3_bad_attributes.srv3": '<timedtext><body><p t="abc" d="1">no time</p><p t="100" d="x">no dur</p>'
                                    '<p t="200" d="300">kept</p></body></timedtext>',
        # info.json
        "info_top_level_list.info.json": "[]",
        "info_no_id.info.json": '{"title": "x"}',
        "info_path_traversal_id.info.json": '{"id": "../../etc/passwd", "title": "x"}',
        "info_absolute_path_id.info.json": '{"id": "/etc/passwd"}',
        "info_playlist_entries.info.json": '{"id": "PL1", "_type": "playlist", "entries": [{"id": "a"}]}',
        "info_truncated.info.json": '{"id": "abc", "formats": [{"url": "http://',
        "info_not_utf8.info.json": b'{"id": "abc", "title": "\xff\xfe"}',
        "info_deep_nesting.info.json": '{"a":' * 5000 + "1" + "}" * 5000,
        "info_wrong_types.info.json": json.dumps({"id": "wrongTypes1", "duration": "long", "license": 5,
                                                  "formats": "abc", "subtitles": [1, 2],
                                                  "automatic_captions": {"en": "x"}, "age_limit": "18"}),
    }
    for name, body in files.items():
        (OUT / name).write_bytes(body.encode("utf-8") if isinstance(body, str) else body)
    good = _small_video(OUT / "_good.mp4")
    (OUT / "_good.mp4").unlink()
    (OUT / "mp4_zero_bytes.mp4").write_bytes(b"")
    (OUT / "mp4_truncated_head.mp4").write_bytes(good[: len(good) // 3])
    (OUT / "mp4_random_bytes.mp4").write_bytes(b"\x00\x00\x00\x18ftypisom" + rng.integers(0, 256, 4096, dtype=np.uint8).tobytes())
    (OUT / "mp4_html_body.mp4").write_bytes(b"<!doctype html><html><body>Sign in to confirm your age</body></html>")
    corrupt = bytearray(good)
    mdat = corrupt.find(b"mdat")
    size = int.from_bytes(corrupt[mdat - 4:mdat], "big")
    for i in range(mdat + 4, mdat - 4 + size, 3):  # the coded frames garbled, the index intact
        corrupt[i] ^= 0x5A
    (OUT / "mp4_corrupt_frames.mp4").write_bytes(bytes(corrupt))
    broken = bytearray(good)
    moov = broken.find(b"moov")
    for i in range(moov + 4, len(broken), 5):  # the index garbled
        broken[i] ^= 0x5A
    (OUT / "mp4_corrupt_index.mp4").write_bytes(bytes(broken))
    _small_video(OUT / "mp4_audio_only.mp4", audio_only=True)


if __name__ == "__main__":
    main()
