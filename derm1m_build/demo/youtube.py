"""The YouTube share of the demo corpus: lecture-like videos with captions, and their info.json.

`generate_youtube(root, seed)` writes `root/youtube/<id>/{video.mp4, captions, info.template.json}`:
three ~20 s 320x240 H.264 lectures (shots of skin photographs and text slides, fades between; a photograph
shot shows the condition its narration names: a vendored real photograph where the demo has one, else a
drawing in that condition's lesion style),
one with manual WebVTT captions (style block, class spans), one with YouTube-style rolling automatic
WebVTT captions (every line shown twice, word-timing tags), one with automatic json3 captions
(window events, `aAppend` line breaks). `serve_info_json` answers `/youtube/<id>.info.json` with the
template's `__BASE__` replaced by the base URL the client asked for (its Host header), so the real yt-dlp client loads it
(`process_ie_result`) and downloads the video and captions from 127.0.0.1.

`EXPECTED` gives, per video, the spoken lines with their times: what the parsers must give back.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from derm1m_build.demo import photos
from derm1m_build.demo.corpus import CASES
from derm1m_build.store import atomic_write_bytes
from derm1m_build.video.synth import ShotSpec, write_lecture

FPS = 25
FADE = 0.4

# id -> (licence as YouTube states it, caption kind, caption format, shot plan: (kind, case index, seconds))
VIDEOS: dict[str, dict[str, Any]] = {
    "dmLecture01": {"license": "Creative Commons Attribution license (reuse allowed)", "kind": "manual", "fmt": "vtt",
                    "upload_date": "20240115", "shots": [("photo", 0, 5.0), ("slide", 0, 4.0), ("photo", 2, 5.0),
                                                         ("photo", 3, 5.0)]},
    "dmLecture02": {"license": "Creative Commons Attribution license (reuse allowed)", "kind": "auto", "fmt": "vtt",
                    "upload_date": "20240302", "shots": [("slide", 1, 4.0), ("photo", 6, 5.0), ("photo", 7, 5.0),
                                                         ("photo", 1, 4.0)]},
    "dmLecture03": {"license": "Standard YouTube License", "kind": "auto", "fmt": "json3",
                    "upload_date": "20231020", "shots": [("photo", 4, 5.0), ("photo", 5, 4.0), ("slide", 2, 4.0),
                                                         ("photo", 9, 5.0)]},
}

SLIDES = [
    ("Papulosquamous disease", "- Psoriasis: silvery scale", "- Eczema: ill-defined", "- Biopsy when in doubt"),
    ("Infections of the skin", "- Tinea: annular border", "- Zoster: dermatomal", "- Check KOH prep"),
    ("Pigmented lesions", "- ABCDE rule", "- Dermoscopy first", "- Excise if changing"),
]


def _lines(kind: str, case: dict[str, Any], slide: tuple[str, ...]) -> list[str]:
    if kind == "slide":
        words = f"so on this slide {slide[0].lower()} and the key points {slide[1][2:].lower()}"
    else:
        words = f"here you can see {case['desc']} and this is the classic picture of {case['dx']}"
    toks = words.split()
    return [" ".join(toks[i:i + 6]) for i in range(0, len(toks), 6)]


def _plan(vid: str) -> tuple[list[ShotSpec], list[tuple[float, float, str]]]:
    """Shots for the encoder and the spoken lines (start, end, text) timed inside each shot."""
    spec = VIDEOS[vid]
    shots, spoken = [], []
    t = 0.0
    for j, (kind, ci, secs) in enumerate(spec["shots"]):
        seed = 100 * (ci + 1) + j + sum(map(ord, vid))
        slide = SLIDES[ci % len(SLIDES)]
        # a photograph shot shows what its narration names: a real photograph of that condition when
        # the demo has one, else a drawing in that condition's lesion style
        real = photos.photos(CASES[ci]["dx"], "clinical")  # [0] is the local source's, [1] the lectures'
        photo = str(real[1 % len(real)].path) if kind == "photo" and real else ""
        shots.append(ShotSpec(kind, seed, secs, slide if kind == "slide" else (), CASES[ci]["style"], photo))
        lines = _lines(kind, CASES[ci], slide)
        step = (secs - 0.4) / len(lines)
        for k, ln in enumerate(lines):
            a = round(t + 0.2 + k * step, 3)
            spoken.append((a, round(a + step, 3), ln))
        t += secs + FADE
    return shots, spoken


def _ts(x: float) -> str:
    ms = int(round(x * 1000))
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def manual_vtt(spoken: list[tuple[float, float, str]]) -> str:
    out = ["WEBVTT", "Kind: captions", "Language: en", "", "STYLE", "::cue(.c1) { color: yellow; }", ""]
    for i, (a, b, text) in enumerate(spoken):
        out += [str(i + 1), f"{_ts(a)} --> {_ts(b)} align:start position:0%", f"<c.c1>{text}</c>", ""]
    return "\n".join(out)


def rolling_vtt(spoken: list[tuple[float, float, str]]) -> str:
    """YouTube's auto-caption shape: each cue shows the previous line plus the new one with word timings,
    then a 10 ms cue that repeats them without tags."""
    out = ["WEBVTT", "Kind: captions", "Language: en", "Style:", "::cue(c.colorE5E5E5) { color: rgb(229,229,229);", " }",
           "##", ""]
    prev = ""
    for i, (a, b, text) in enumerate(spoken):
        words = text.split()
        step = (b - a) / len(words)
        tagged = words[0] + "".join(f"<{_ts(a + k * step)}><c> {w}</c>" for k, w in enumerate(words[1:], 1))
        end = spoken[i + 1][0] if i + 1 < len(spoken) else b
        out += [f"{_ts(a)} --> {_ts(max(a + 0.01, end - 0.01))} align:start position:0%", prev or " ", tagged, ""]
        out += [f"{_ts(max(a + 0.01, end - 0.01))} --> {_ts(end)} align:start position:0%", text, " ", ""]
        prev = text
    return "\n".join(out)


def json3(spoken: list[tuple[float, float, str]]) -> str:
    events: list[dict[str, Any]] = [{"tStartMs": 0, "dDurationMs": int(spoken[-1][1] * 1000) + 1000, "id": 1,
                                     "wpWinPosId": 1, "wsWinStyleId": 1}]
    for i, (a, b, text) in enumerate(spoken):
        words = text.split()
        step = int((b - a) * 1000 / len(words))
        nxt = spoken[i + 1][1] if i + 1 < len(spoken) else b
        events.append({"tStartMs": int(round(a * 1000)), "dDurationMs": int(round((nxt - a) * 1000)), "wWinId": 1,
                       "segs": [{"utf8": (" " if k else "") + w, **({"tOffsetMs": k * step} if k else {}),
                                 "acAsrConf": 0} for k, w in enumerate(words)]})
        events.append({"tStartMs": int(round(b * 1000)) - 10, "dDurationMs": 10, "wWinId": 1, "aAppend": 1,
                       "segs": [{"utf8": "\n"}]})
    return json.dumps({"wireMagic": "pb3", "pens": [{}], "wsWinStyles": [{}], "wpWinPositions": [{}],
                       "events": events}, indent=1)


CAPTION_WRITERS = {("manual", "vtt"): manual_vtt, ("auto", "vtt"): rolling_vtt, ("auto", "json3"): json3}


def info_template(vid: str, duration: float) -> dict[str, Any]:
    spec = VIDEOS[vid]
    base = f"__BASE__/youtube/{vid}"
    track = {spec["fmt"]: [{"ext": spec["fmt"], "url": f"{base}/{vid}.en.{spec['fmt']}", "name": "English"}]}
    tracks = [v for v in track.values()][0]
    return {
        "id": vid, "title": f"Dermatology lecture {vid[-2:]}: clinical images", "channel": "Derm Demo Lectures",
        "channel_id": "UCdermDemo0000000000000", "uploader": "Derm Demo Lectures", "upload_date": spec["upload_date"],
        "duration": round(duration, 2), "license": spec["license"], "webpage_url": f"https://www.youtube.com/watch?v={vid}",
        "extractor": "youtube", "extractor_key": "Youtube", "age_limit": 0, "_type": "video",
        "formats": [{"format_id": "18", "ext": "mp4", "url": f"{base}/video.mp4", "protocol": "http", "width": 320,
                     "height": 240, "vcodec": "avc1.42001E", "acodec": "none", "fps": FPS}],
        "subtitles": {"en": tracks} if spec["kind"] == "manual" else {},
        "automatic_captions": {"en-orig" if spec["fmt"] == "json3" else "en": tracks} if spec["kind"] == "auto" else {},
    }


def generate_youtube(root: Path, seed: int = 7) -> dict[str, int]:
    d = Path(root) / "youtube"
    for vid, spec in VIDEOS.items():
        shots, spoken = _plan(vid)
        bounds = write_lecture(d / vid / "video.mp4", shots, size=(320, 240), fps=FPS, fade_s=FADE, gop=50)
        cap = CAPTION_WRITERS[(spec["kind"], spec["fmt"])](spoken)
        atomic_write_bytes(d / vid / f"{vid}.en.{spec['fmt']}", cap.encode("utf-8"))
        atomic_write_bytes(d / vid / "info.template.json",
                           json.dumps(info_template(vid, bounds[-1][1]), indent=1, sort_keys=True).encode("utf-8"))
        atomic_write_bytes(d / vid / "truth.json", json.dumps(
            {"shots": bounds, "spoken": spoken}, indent=1).encode("utf-8"))
    return {"youtube_videos": len(VIDEOS)}


_INFO = re.compile(r"^/youtube/([A-Za-z0-9_-]+)\.info\.json$")


def serve_info_json(server, handler, url) -> bool:
    """`/youtube/<id>.info.json`: the template with its URLs pointing at this server."""
    m = _INFO.match(url.path)
    if not m:
        return False
    p = Path(server.corpus_root) / "youtube" / m.group(1) / "info.template.json"
    if not p.is_file():
        handler.send_error(404)
        return True
    host, port = server.server_address[:2]
    # the base the client asked for: the logical demo host when it came through the host map
    base = f"http://{handler.headers.get('Host') or f'{host}:{port}'}"
    body = p.read_text(encoding="utf-8").replace("__BASE__", base).encode("utf-8")
    handler.send_response(200)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)
    return True
