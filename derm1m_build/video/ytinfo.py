"""Reading yt-dlp info dicts: video metadata, licence normalisation, caption-track choice, error reasons.

Pure functions over the dicts yt-dlp (and youtube-dl before it) writes as info.json, so they are tested
against real files of every shape: a video, the legacy youtube-dl video, a playlist, a channel tab.
"""

from __future__ import annotations

import re
from typing import Any

from derm1m_build.errors import ItemError

SUB_FORMATS = ("json3", "vtt", "srv3")
MAX_INFO_BYTES = 64 * 1024 * 1024


def load_info(data: bytes) -> Any:
    """info.json bytes -> the parsed value, or ItemError(`bad_info_json`)."""
    import json

    if len(data) > MAX_INFO_BYTES:
        raise ItemError("bad_info_json", f"over {MAX_INFO_BYTES} bytes")
    try:
        return json.loads(data.decode("utf-8"))
    except RecursionError:
        raise ItemError("bad_info_json", "nested too deeply") from None
    except (UnicodeDecodeError, ValueError) as e:
        raise ItemError("bad_info_json", f"{type(e).__name__}: {str(e)[:120]}") from None


def video_meta(info: Any) -> dict[str, Any]:
    """The fields a row needs, or ItemError(`not_a_video` / `bad_info_json`)."""
    if not isinstance(info, dict):
        raise ItemError("bad_info_json", f"expected an object, got {type(info).__name__}")
    if (info.get("_type") in ("playlist", "multi_video", "url", "url_transparent") or "entries" in info
            or info.get("extractor_key") == "YoutubeTab"
            or info.get("webpage_url_basename") in ("playlist", "videos", "streams", "shorts", "featured")):
        raise ItemError("not_a_video", f"{info.get('_type', 'playlist')} {info.get('id', '')}".strip())
    vid = info.get("id")
    if not isinstance(vid, str) or not re.fullmatch(r"[A-Za-z0-9_-]{1,64}", vid):
        raise ItemError("bad_info_json", f"bad id {str(vid)[:40]!r}")
    dur = info.get("duration")
    return {
        "id": vid,
        "title": str(info.get("title") or ""),
        "channel": str(info.get("channel") or info.get("uploader") or ""),
        "channel_id": str(info.get("channel_id") or info.get("uploader_id") or ""),
        "upload_date": str(info.get("upload_date") or ""),
        "duration": float(dur) if isinstance(dur, (int, float)) else None,
        "url": str(info.get("webpage_url") or info.get("original_url") or ""),
        "license_stated": info.get("license") if isinstance(info.get("license"), str) else None,
        "license": normalise_license(info.get("license")),
        "extractor": str(info.get("extractor_key") or info.get("extractor") or ""),
        "age_limit": info.get("age_limit") if isinstance(info.get("age_limit"), int) else 0,
    }


def normalise_license(value: Any) -> str:
    """yt-dlp's `license` -> our licence ids. YouTube offers two: Creative Commons (CC BY 3.0) and the
    Standard YouTube License (all rights reserved -> `none`); absent -> `unknown`."""
    if not isinstance(value, str) or not value.strip():
        return "unknown"
    v = value.lower()
    if "creative commons" in v or re.search(r"\bcc[ -]?by\b", v):
        nc, sa, nd = "noncommercial" in v or "-nc" in v or " nc" in v, "sharealike" in v or "-sa" in v, \
            "noderiv" in v or "-nd" in v
        ver = "4.0" if "4.0" in v else "3.0"
        if not (nc or sa or nd):
            return f"CC-BY-{ver}"
        name = "CC-BY" + ("-NC" if nc else "") + ("-SA" if sa else "") + ("-ND" if nd else "")
        return f"{name}-4.0"
    if "public domain" in v or "cc0" in v:
        return "public-domain"
    if "standard" in v or "all rights reserved" in v:
        return "none"
    return "unknown"


def choose_track(info: dict[str, Any], sub_langs: list[str], auto_langs: list[str], other_languages: bool,
                 formats: tuple[str, ...] = SUB_FORMATS) -> dict[str, Any] | None:
    """The caption track to fetch: manual English, then automatic (`en-orig`, `en`), then a manual track
    in another language (kept with its code for translation downstream). None: speech recognition."""

    def pick(tracks: Any, lang: str) -> dict | None:
        if not isinstance(tracks, dict) or not isinstance(tracks.get(lang), list):
            return None
        by_ext = {t.get("ext"): t for t in tracks[lang] if isinstance(t, dict) and (t.get("url") or t.get("data"))}
        for f in formats:
            if f in by_ext:
                return {"lang": lang, "ext": f, "url": by_ext[f].get("url", "")}
        return None

    manual, auto = info.get("subtitles") or {}, info.get("automatic_captions") or {}
    for lang in sub_langs:
        t = pick(manual, lang)
        if t:
            return {**t, "kind": "manual"}
    for lang in auto_langs:
        t = pick(auto, lang)
        if t:
            return {**t, "kind": "auto"}
    if other_languages and isinstance(manual, dict):
        for lang in sorted(k for k in manual if k != "live_chat"):
            t = pick(manual, lang)
            if t:
                return {**t, "kind": "manual"}
    return None


_HTTP = re.compile(r"HTTP Error (\d{3})")


def error_reason(message: str) -> str:
    """A yt-dlp error message -> a short reason (retriable ones: http_429, http_5xx, timeout, truncated,
    connection_error)."""
    m = message.lower()
    code = _HTTP.search(message)
    if code:
        return f"http_{code.group(1)}"
    if "confirm your age" in m or "age-restricted" in m or "age restricted" in m or "inappropriate for some users" in m:
        return "age_restricted"
    if "not a bot" in m:
        return "bot_check"
    if "private video" in m:
        return "private"
    if ("video unavailable" in m or "has been removed" in m or "no longer available" in m
            or "does not exist" in m or "terminated" in m):
        return "unavailable"
    if "timed out" in m or "timeout" in m:
        return "timeout"
    if "content too short" in m or "did not get any data" in m or "incomplete" in m or "only received" in m \
            or "more expected" in m:
        return "truncated"
    if "connection reset" in m or "remote end closed" in m or "connection refused" in m or "connection aborted" in m:
        return "connection_error"
    if "requested format is not available" in m:
        return "no_format"
    if "unsupported url" in m:
        return "unsupported_url"
    return "download_error"


RETRIABLE = {"http_429", "http_500", "http_502", "http_503", "http_504", "timeout", "truncated", "connection_error"}
