"""The `youtube` source: lecture videos -> (representative frame, words spoken while it was on screen).

Discovery and download go through yt-dlp's Python API (`yt_dlp.YoutubeDL`), whose options are the
network configuration surface (sleeps, retries, socket timeout, download archive, cookies, format).
Inputs: `urls` (video URLs or ids, playlists, channels, `ytsearchN:` queries; expanded flat, limited
by `max_videos`, filtered by upload date) and `info_json` (info.json files or URLs, loaded through
`YoutubeDL.process_ie_result`: pre-extracted metadata, and the offline demo).

fetch, per video: metadata -> caption track choice (manual English, automatic `en-orig`/`en`, manual
other language; else Whisper ASR) -> download (video + that track) -> shots and representative frames
(derm1m_build.video.frames) -> raw/youtube/<id>/{info.json, subs/, frames/, shots.json, asr.json,
video.*}. The video is deleted once its frames are out when `delete_video_after_frames`. Outcomes
go to the fetch log: ok, partial (frames but no transcript: no track, no audio) or failed with a reason;
a rerun retries only what is not ok. Retriable failures (429, 5xx, timeouts, truncation) are retried
here with backoff, honouring Retry-After when yt-dlp exposes it.

extract reads raw/ only: one row per kept shot, text = transcript segments overlapping the shot plus
`context_s` on each side, `t_start`/`t_end` = the shot, `group_id` = the video.
"""

from __future__ import annotations

import bisect
import errno
import json
import logging
import re
import shutil
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Collection, Iterator
from urllib.parse import urlsplit

import cv2
from pydantic import Field

from derm1m_build import hostmap, ratelimit
from derm1m_build.errors import ItemError, UserError
from derm1m_build.hashing import sha256_bytes
from derm1m_build.net import HttpClient, retry_after_seconds
from derm1m_build.recipe import Section
from derm1m_build.sources.base import Excluded, FetchLog, FetchReport, Source, WorkItem, log_entry
from derm1m_build.stage import Resources
from derm1m_build.video import subtitles as subs
from derm1m_build.video.frames import ShotConfig, detect_shots
from derm1m_build.video.ytinfo import RETRIABLE, SUB_FORMATS, choose_track, error_reason, load_info, video_meta

log = logging.getLogger(__name__)
_DISK_ERRNOS = {errno.ENOSPC, errno.EROFS, errno.EACCES, errno.EDQUOT}


class AsrConfig(Section):
    model: str | None = Field(None, description="Whisper folder or hub id; unset = no speech recognition")
    device: str = "auto"
    chunk_length_s: float = Field(30.0, gt=0)
    language: str | None = "en"


class YoutubeConfig(Section):
    urls: list[str] = Field(default_factory=list, description="video URLs/ids, playlists, channels, ytsearchN:")
    info_json: list[str] = Field(default_factory=list, description="info.json files or URLs to load")
    max_videos: int | None = Field(None, ge=1, description="per playlist/channel/search")
    date_after: str | None = Field(None, pattern=r"^\d{8}$", description="YYYYMMDD, inclusive")
    date_before: str | None = Field(None, pattern=r"^\d{8}$", description="YYYYMMDD, inclusive")
    format: str = "best[height<=480][ext=mp4]/best[height<=480]/best"
    sub_langs: list[str] = Field(default_factory=lambda: ["en", "en-US", "en-GB"])
    auto_langs: list[str] = Field(default_factory=lambda: ["en-orig", "en"])
    other_languages: bool = True
    sub_formats: list[str] = Field(default_factory=lambda: list(SUB_FORMATS))
    sleep_requests: float = Field(0.0, ge=0, description="yt-dlp sleep_interval_requests")
    sleep_subtitles: float = Field(0.0, ge=0, description="yt-dlp sleep_interval_subtitles")
    sleep_videos: float = Field(0.0, ge=0, description="yt-dlp sleep_interval (before each download)")
    rate: float = Field(0.0, ge=0, description="requests/s per host for every request of the source (info.json, "
                        "listings, media, captions), held across all harvest workers and threads by the build's "
                        "shared limiter; 0 = no limit (yt-dlp's sleep_* settings are per process)")
    retries: int = Field(3, ge=0, description="yt-dlp retries (per request)")
    socket_timeout: float = Field(30.0, gt=0)
    max_attempts: int = Field(3, ge=1, description="whole-video attempts on retriable failures")
    backoff_s: float = Field(5.0, ge=0)
    max_backoff_s: float = Field(120.0, ge=0)
    download_archive: str | None = None
    cookies_file: str | None = None
    allow_hosts: list[str] | None = None
    delete_video_after_frames: bool = False
    context_s: float = Field(1.0, ge=0, description="transcript seconds added before and after each shot, "
                             "never reaching into a neighbouring shot")
    jpeg_quality: int = Field(92, ge=50, le=100)
    shots: ShotConfig = ShotConfig()
    asr: AsrConfig = AsrConfig()


class _Quiet:
    """yt-dlp logger: nothing to the terminal; the last error kept for the reason."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def debug(self, msg: str) -> None:
        pass

    def info(self, msg: str) -> None:
        pass

    def warning(self, msg: str) -> None:
        log.debug("yt-dlp: %s", msg)

    def error(self, msg: str) -> None:
        self.errors.append(msg)


@lru_cache(maxsize=1)
def _limited_ydl():
    """yt-dlp's `YoutubeDL` whose every HTTP request (extraction, media, captions: all go through `urlopen`)
    first waits for its host's slot. yt-dlp's own `sleep_interval_requests` is per instance, so with
    several workers and threads the rate it promises is multiplied; this one is the build's."""
    from yt_dlp import YoutubeDL

    class LimitedYoutubeDL(YoutubeDL):
        def __init__(self, params: dict[str, Any], throttle: Callable[[str], None]):
            super().__init__(params)
            self._throttle = throttle

        def urlopen(self, req):  # noqa: ANN001 - yt-dlp's Request or a URL string
            url = req if isinstance(req, str) else getattr(req, "url", None) or req.get_full_url()
            self._throttle(url)
            try:
                return super().urlopen(req)
            finally:  # answered (or failed): the request has left, so it counts from no earlier than it went
                ratelimit.sent()

    return LimitedYoutubeDL


def _video_ref(s: str) -> str:
    """A bare 11-character id becomes a watch URL; anything else goes to yt-dlp as is."""
    return f"https://www.youtube.com/watch?v={s}" if re.fullmatch(r"[A-Za-z0-9_-]{11}", s) else s


class YoutubeSource(Source):
    name = "youtube"
    source_type = "youtube"

    def __init__(self, config: YoutubeConfig, ctx, recipe=None):
        super().__init__(config, ctx, recipe)
        self.client = HttpClient(allow_hosts=config.allow_hosts, allow_private=self.allow_private,
                                 timeout=config.socket_timeout, max_retries=config.max_attempts - 1,
                                 backoff=config.backoff_s, max_backoff=config.max_backoff_s, rate=config.rate)
        self._asr = None
        # a fetch task's videos run on threads (`harvest_threads`) and share one loaded model, whose
        # pipeline is not safe to call from two threads at once: loading and transcribing hold this lock
        # (the downloads, the other waits, still overlap)
        self._asr_lock = threading.Lock()

    @property
    def fetch_resources(self) -> Resources:
        """With speech recognition, videos are fetched on an actor pool (Whisper loaded once per actor,
        on a GPU when the recipe's device asks for one); without, as plain CPU tasks."""
        if not self.config.asr.model:
            return Resources(cpus=1, memory_mb=1024, io=True)  # downloads: beside extraction (harvest_work)
        gpus = 1.0 if self.config.asr.device.startswith("cuda") else 0.0
        return Resources(cpus=1, gpus=gpus, memory_mb=4096, actor=True)

    # ------------------------------------------------------------------ yt-dlp
    def _path(self, p: str | None) -> str | None:
        if not p:
            return None
        return str(self.recipe.resolve(p)) if self.recipe else p

    def _params(self, **extra: Any) -> dict[str, Any]:
        c = self.config
        p: dict[str, Any] = {
            "quiet": True, "no_warnings": True, "noprogress": True, "logger": _Quiet(),
            "format": c.format, "retries": c.retries, "fragment_retries": c.retries,
            "extractor_retries": c.retries, "socket_timeout": c.socket_timeout,
            "sleep_interval_requests": c.sleep_requests, "sleep_interval_subtitles": c.sleep_subtitles,
            "noplaylist": False, "ignoreerrors": False, "overwrites": True, "color": {"stderr": "never", "stdout": "never"},
        }
        if c.sleep_videos:
            p["sleep_interval"] = c.sleep_videos
        if c.download_archive:
            p["download_archive"] = self._path(c.download_archive)
        if c.cookies_file:
            cf = self._path(c.cookies_file)
            if not Path(cf).is_file():
                raise UserError(f"[harvest.youtube] cookies_file {cf} not found")
            p["cookiefile"] = cf
        p.update(extra)
        return p

    def _ydl(self, **extra: Any):
        return _limited_ydl()(self._params(**extra), throttle=self._throttle_url)

    def _throttle_url(self, url: str) -> None:
        """Before each request yt-dlp sends: the per-host limit, keyed like `HttpClient`'s (the logical host
        of a mapped address), so info.json, media and captions of every worker share one slot per host."""
        host = urlsplit(hostmap.logical(url)).hostname or ""
        self.client._throttle(host)

    # ------------------------------------------------------------------ discovery
    def discover(self) -> list[dict[str, Any]]:
        """[{key, url | info}] in recipe order, de-duplicated by video id."""
        refs: list[dict[str, Any]] = []
        seen: set[str] = set()
        for src in self.config.info_json:
            refs.append({"key": None, "info_json": src})
        for u in self.config.urls:
            url = _video_ref(u)
            if url.startswith(("http://", "https://")):
                try:
                    self.client.check_url(url)
                except ItemError as e:
                    refs.append({"key": f"url:{sha256_bytes(url.encode())[:12]}", "error": e})
                    continue
            if re.fullmatch(r"https?://[^?#]+\.(mp4|webm|mkv|mov)(\?.*)?", url) or "watch?v=" in url or "youtu.be/" in url:
                refs.append({"key": None, "url": url})
                continue
            try:
                with self._ydl(extract_flat="in_playlist", playlistend=self.config.max_videos) as ydl:
                    info = ydl.extract_info(url, download=False)
            except Exception as e:  # yt-dlp raises DownloadError and friends; record, go on
                refs.append({"key": f"url:{sha256_bytes(url.encode())[:12]}",
                             "error": ItemError(error_reason(str(e)), str(e)[:200])})
                continue
            entries = info.get("entries") if isinstance(info, dict) else None
            if entries is None:
                refs.append({"key": None, "info": info})
                continue
            for ent in list(entries)[: self.config.max_videos or None]:
                if isinstance(ent, dict) and ent.get("formats") and ent.get("_type", "video") == "video":
                    refs.append({"key": None, "info": ent})  # the extractor already resolved it
                elif isinstance(ent, dict) and (ent.get("url") or ent.get("id")):
                    refs.append({"key": None, "url": ent.get("url") or _video_ref(ent["id"]), "id": ent.get("id")})
        out = []
        for r in refs:
            vid = r.get("id") or (r.get("info") or {}).get("id")
            if vid and vid in seen:
                continue
            if vid:
                seen.add(vid)
            out.append(r)
        return out

    # ------------------------------------------------------------------ fetch
    def fetch(self, refresh: bool = False) -> FetchReport:
        return self.fetch_serially(refresh)

    def discover_work(self, log: FetchLog, refresh: bool) -> tuple[list[WorkItem], FetchReport]:
        """Driver: list the videos (playlist/channel listings are flat, cheap); done ones are skipped."""
        report = FetchReport()
        if log.complete and not refresh and all(_done(v) for v in log.items.values()):
            report.skipped = len(log.items)
            return [], report
        refs = self.discover()
        done_refs = {v.get("ref") for v in log.items.values() if _done(v) and v.get("ref")}
        items: list[WorkItem] = []
        for i, ref in enumerate(refs):
            if ref.get("info_json") and ref["info_json"] in done_refs and not refresh:
                report.skipped += 1  # fetched before: not even its info.json is asked for again
                continue
            if "error" in ref:
                log.record(ref["key"], "failed", ref["error"].reason, detail=ref["error"].detail[:200])
                report.fail(ref["error"].reason)
                continue
            key = self._log_key(ref)
            if key and _done(log.items.get(key)) and not refresh:
                report.skipped += 1
                continue
            items.append(WorkItem(self.name, key or f"ref:{i:06d}", ref))
        return items, report

    def fetch_item(self, item: WorkItem, refresh: bool) -> tuple[dict[str, dict[str, Any] | None], FetchReport]:
        """Worker: one video: info, download, shots and frames, captions or ASR, into raw/."""
        ref = item.payload
        report = FetchReport()
        entries: dict[str, dict[str, Any] | None] = {}
        key = self._log_key(ref)  # until the info names the video: a failure is logged under the reference
        try:
            info = self._load_info(ref)
            meta = video_meta(info)
            key = meta["id"]
            if (key != self._log_key(ref) and not refresh and self.raw.has(f"{key}/info.json")
                    and self.raw.has(f"{key}/shots.json") and _done(self.open_log().items.get(key))):
                # reached through another reference and already fetched: only when the fetch log says so.
                # Files alone are not enough: a harvest killed after a worker stored a video but before
                # the driver merged its batch leaves raw/ without the log entry, and skipping then would
                # drop the video from every later extraction (found by bench_harvest_mix's kill -9).
                report.skipped += 1
                return entries, report
            status, reason, extra = self._fetch_video(info, meta)
        except (ItemError, Exception) as e:  # noqa: BLE001 - one bad video never stops the harvest
            if isinstance(e, UserError) or (isinstance(e, OSError) and e.errno in _DISK_ERRNOS):
                raise  # a full disk, a read-only build dir, a bad recipe: the user must act
            err = e if isinstance(e, ItemError) else ItemError("internal_error", f"{type(e).__name__}: {e}")
            fail_key = key or f"ref:{sha256_bytes(json.dumps(ref, default=str).encode())[:12]}"
            entries[fail_key] = log_entry("failed", err.reason, detail=err.detail[:200])
            report.fail(err.reason)
            return entries, report
        if self._log_key(ref) and self._log_key(ref) != key:
            entries[self._log_key(ref)] = None
        if ref.get("info_json"):
            extra["ref"] = ref["info_json"]
        entries[key] = log_entry(status, reason, **extra)
        if extra.get("filtered"):
            report.skipped += 1
        elif status in ("ok", "partial"):
            report.fetched += 1
        if status != "ok":
            report.fail(reason)
        return entries, report

    def finish_fetch(self, log: FetchLog, report: FetchReport) -> None:
        shutil.rmtree(self.raw.root / "_tmp", ignore_errors=True)
        log.finish()

    @staticmethod
    def _log_key(ref: dict[str, Any]) -> str | None:
        if ref.get("id"):
            return ref["id"]
        if ref.get("info"):
            return ref["info"].get("id")
        if ref.get("info_json"):
            return "info:" + sha256_bytes(ref["info_json"].encode())[:12]
        return None

    def _load_info(self, ref: dict[str, Any]) -> dict[str, Any]:
        if ref.get("info"):
            return ref["info"]
        if ref.get("info_json"):
            src = ref["info_json"]
            if src.startswith(("http://", "https://")):
                data = self.client.get(src, expect_types=("application/json", "text/plain")).content
            else:
                p = Path(self._path(src))
                if not p.is_file():
                    raise ItemError("not_found", src)
                data = p.read_bytes()
            return load_info(data)
        return self._attempts(lambda: self._extract(ref["url"]))

    def _extract(self, url: str) -> dict[str, Any]:
        with self._ydl() as ydl:
            return ydl.extract_info(url, download=False)

    def _attempts(self, fn):
        """Call fn; on a retriable failure wait (Retry-After if known, else backoff) and try again."""
        c = self.config
        for attempt in range(c.max_attempts):
            try:
                return fn()
            except ItemError:
                raise
            except Exception as e:  # noqa: BLE001 - yt-dlp's errors: DownloadError, ExtractorError, OSError
                text = _describe(e)
                reason = error_reason(text)
                if reason not in RETRIABLE or attempt == c.max_attempts - 1:
                    raise ItemError(reason, text[:300]) from None
                wait = _retry_after(e, c.max_backoff_s)
                time.sleep(wait if wait is not None else min(c.max_backoff_s, c.backoff_s * 2 ** attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def _check_hosts(self, info: dict[str, Any]) -> None:
        """Every URL yt-dlp would fetch is held to the allow-list and the private-address rule."""
        urls = [f.get("url") for f in info.get("formats") or [] if isinstance(f, dict)]
        if info.get("url"):
            urls.append(info["url"])
        for u in urls:
            if isinstance(u, str) and u.startswith(("http://", "https://")):
                self.client.check_url(u)

    def _fetch_video(self, info: dict[str, Any], meta: dict[str, Any]) -> tuple[str, str, dict[str, Any]]:
        c = self.config
        vid = meta["id"]
        if c.date_after and meta["upload_date"] and meta["upload_date"] < c.date_after:
            return "ok", "", {"filtered": "date_before_range"}
        if c.date_before and meta["upload_date"] and meta["upload_date"] > c.date_before:
            return "ok", "", {"filtered": "date_after_range"}
        self._check_hosts(info)
        track = choose_track(info, c.sub_langs, c.auto_langs, c.other_languages, tuple(c.sub_formats))
        if track and track["url"].startswith(("http://", "https://")):
            self.client.check_url(track["url"])
        tmp = self.raw.root / "_tmp" / vid
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        try:
            params = dict(outtmpl={"default": str(tmp / "video.%(ext)s")}, writesubtitles=False,
                          writeautomaticsub=False)
            if track:
                params.update(subtitleslangs=[track["lang"]], subtitlesformat=track["ext"],
                              writesubtitles=track["kind"] == "manual", writeautomaticsub=track["kind"] == "auto")
                if track["kind"] == "auto":  # manual tracks of the same language would win otherwise
                    info = {**info, "subtitles": {}}

            def download() -> None:
                for f in tmp.iterdir():
                    f.unlink()
                with self._ydl(**params) as ydl:
                    # yt-dlp connects itself: logical hosts (the demo's stable base) mapped to their address
                    ydl.process_ie_result(hostmap.physical_obj(json.loads(json.dumps(info, default=str))),
                                          download=True)

            try:
                self._attempts(download)
            except ItemError as e:
                if not (track and "subtitles" in e.detail):
                    raise
                # the caption track failed for good: keep the video (frames; ASR may still transcribe it)
                params.update(writesubtitles=False, writeautomaticsub=False)
                self._attempts(download)
                track = {**track, "failed": f"subtitles_{e.reason}"}
            videos = sorted(p for p in tmp.iterdir() if p.name.startswith("video.") and p.suffix[1:] not in
                            (*SUB_FORMATS, "part", "ytdl") and p.name.count(".") == 1)
            if not videos:
                raise ItemError("no_video_file", vid)
            video = videos[0]
            return self._store(vid, info, meta, track, video, tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    def _store(self, vid: str, info: dict, meta: dict, track: dict | None, video: Path,
               tmp: Path) -> tuple[str, str, dict[str, Any]]:
        c = self.config
        shots, how = detect_shots(video, c.shots)
        shot_rows = []
        for i, s in enumerate(shots):
            ok, buf = cv2.imencode(".jpg", s.frame, [cv2.IMWRITE_JPEG_QUALITY, c.jpeg_quality])
            if not ok:  # pragma: no cover - encoding a decoded frame does not fail
                raise ItemError("bad_video", "frame encode failed")
            name = f"{vid}/frames/{i:04d}.jpg"
            self.raw.put(name, buf.tobytes(), url=meta["url"], content_type="image/jpeg",
                         license_stated=meta["license_stated"], frame_time=round(s.frame_time, 3))
            shot_rows.append({**s.to_dict(), "frame": name})
        self.raw.put(f"{vid}/shots.json", _json_bytes({"shots": shot_rows, "sampling": how,
                                                       "config": c.shots.model_dump(mode="json")}),
                     url=meta["url"], content_type="application/json")
        status, reason = "ok", ""
        transcript: dict[str, Any] = {"kind": "none"}
        if track and track.get("failed"):
            status, reason = "partial", track["failed"]
        elif track:
            sub_file = tmp / f"video.{track['lang']}.{track['ext']}"
            if not sub_file.is_file():
                status, reason = "partial", "subtitles_missing"
            else:
                data = sub_file.read_bytes()
                rel = f"{vid}/subs/{track['lang']}.{track['ext']}"
                self.raw.put(rel, data, url=track["url"] or meta["url"], content_type=f"text/{track['ext']}",
                             lang=track["lang"], kind=track["kind"])
                try:
                    subs.parse(data, track["ext"])
                    transcript = {"kind": track["kind"], "lang": track["lang"], "file": rel}
                except ItemError as e:
                    status, reason = "partial", e.reason
        if transcript["kind"] == "none" and c.asr.model:
            try:
                from derm1m_build.video.asr import load_audio

                audio = load_audio(video)  # no audio track: partial, without loading a model
                with self._asr_lock:
                    segs = self._transcriber().transcribe(audio)
                self.raw.put(f"{vid}/asr.json", _json_bytes({"model": c.asr.model, "language": c.asr.language,
                                                             "segments": [s.to_dict() for s in segs]}),
                             url=meta["url"], content_type="application/json")
                transcript = {"kind": "asr", "lang": c.asr.language or "und", "file": f"{vid}/asr.json"}
                status, reason = "ok", ""
            except ItemError as e:
                status, reason = "partial", e.reason
        elif transcript["kind"] == "none" and not reason:
            status, reason = "partial", "no_transcript"
        if not c.delete_video_after_frames:
            self.raw.put(f"{vid}/video{video.suffix}", video.read_bytes(), url=meta["url"],
                         content_type=f"video/{video.suffix[1:]}", license_stated=meta["license_stated"])
        info_bytes = _json_bytes(_sanitize(info))
        self.raw.put(f"{vid}/info.json", info_bytes, url=meta["url"], content_type="application/json",
                     license_stated=meta["license_stated"], transcript=transcript)
        return status, reason, {"shots": len(shot_rows), "transcript": transcript["kind"],
                                "info_sha256": sha256_bytes(info_bytes)}

    def _transcriber(self):
        if self._asr is None:
            from derm1m_build.video.asr import Transcriber

            a = self.config.asr
            model = self._path(a.model) if a.model and Path(self._path(a.model)).exists() else a.model
            self._asr = Transcriber(model, a.device, a.chunk_length_s, a.language)
            self.model_loads += 1
        return self._asr

    # ------------------------------------------------------------------ extract
    def extract_keys(self, log: FetchLog) -> list[str]:
        return [vid for vid, item in sorted(log.items.items())
                if item.get("status") in ("ok", "partial") and not item.get("filtered")]

    def settled_keys(self, log: FetchLog, busy: Collection[str]) -> list[str]:
        """The keys below every video still being fetched. A video's key is its id: the keys of videos not
        busy cannot change, and a busy video can only add or remove its own id, which sorts after the
        prefix (should its info name another id, the end's check reruns the shard). A busy reference
        without an id (an info.json or a direct media URL: `info:`/`ref:` keys, the id is read from its
        info) could sort anywhere: then nothing is settled."""
        if any(k.startswith(("info:", "ref:")) for k in busy):
            return []
        keys = self.extract_keys(log)
        if not busy:
            return keys
        return keys[:bisect.bisect_left(keys, min(busy))]

    def extract_units(self, keys: list[str], log: FetchLog) -> Iterator[dict[str, Any] | Excluded]:
        for vid in keys:
            if not (self.raw.has(f"{vid}/info.json") and self.raw.has(f"{vid}/shots.json")):
                continue
            yield from self._rows(vid)

    def _rows(self, vid: str) -> Iterator[dict[str, Any] | Excluded]:
        info = json.loads(self.raw.get(f"{vid}/info.json"))
        meta = video_meta(info)
        prov = self.raw.provenance(f"{vid}/info.json")
        transcript = prov.get("transcript") or {"kind": "none"}
        segs: list[subs.Segment] = []
        if transcript["kind"] == "asr":
            segs = [subs.Segment(s["start"], s["end"], s["text"])
                    for s in json.loads(self.raw.get(transcript["file"]))["segments"]]
        elif transcript["kind"] != "none":
            segs = subs.parse(self.raw.get(transcript["file"]), transcript["file"].rsplit(".", 1)[-1])
        shots = json.loads(self.raw.get(f"{vid}/shots.json"))["shots"]
        ctx = self.config.context_s
        for i, s in enumerate(shots):
            # context_s widens the window only into time no other shot covers: a shot's words stay its own
            lo = max(s["start"] - ctx, shots[i - 1]["end"] if i else float("-inf"))
            hi = min(s["end"] + ctx, shots[i + 1]["start"] if i + 1 < len(shots) else float("inf"))
            text = subs.text_within(segs, lo, hi)
            row = self.base_row(
                vid, i, group_id=f"youtube:{vid}", source_url=meta["url"], license=meta["license"],
                retrieved=prov["retrieved"][:10], raw_text=text, lang=_lang(transcript.get("lang", "en")),
                t_start=float(s["start"]), t_end=float(s["end"]),
                meta={"video_id": vid, "title": meta["title"], "channel": meta["channel"],
                      "channel_id": meta["channel_id"], "upload_date": meta["upload_date"],
                      "duration": meta["duration"], "frame_time": s["frame_time"], "shot": i,
                      "transcript": transcript["kind"], "license_stated": meta["license_stated"]})
            try:
                img = self.images.put(self.raw.get(s["frame"]))
            except ItemError as e:
                yield Excluded(row, e.reason, e.detail)
                continue
            row.update(image_sha256=img.sha256, image_ext=img.ext, width=img.width, height=img.height)
            if transcript["kind"] == "none":
                yield Excluded(row, "no_transcript", "no caption track and no speech recognition")
            elif not text:
                yield Excluded(row, "no_speech_in_shot", f"{s['start']:.1f}-{s['end']:.1f}s")
            else:
                yield row


def _done(item: dict[str, Any] | None) -> bool:
    """Fetched for good: ok, or partial for a lasting reason (no track, no audio, a 404 caption).
    Failed items and partial ones with a retriable cause (a caption that got 429/5xx) are retried."""
    if not item:
        return False
    if item.get("status") == "ok":
        return True
    return item.get("status") == "partial" and item.get("reason", "").removeprefix("subtitles_") not in RETRIABLE


def _lang(code: str) -> str:
    """YouTube track codes -> language codes: `en-orig`, `en-US` -> `en`; `pt-BR`, `zh-Hans` kept."""
    code = code.removesuffix("-orig")
    return "en" if code.startswith("en-") else code


def _describe(e: BaseException) -> str:
    """yt-dlp wraps the real error (DownloadError(exc_info=...)): its class names and first lines, joined."""
    parts, seen = [], 0
    cur: BaseException | None = e
    while cur is not None and seen < 6:
        name = type(cur).__name__
        parts.append(f"{name}: {_first_line(str(cur))}")
        if name == "ContentTooShortError":
            parts.append("content too short")
        nxt = getattr(cur, "exc_info", None)
        cur = (nxt[1] if nxt and nxt[1] is not cur else None) or cur.__cause__ or cur.__context__
        seen += 1
    return " | ".join(parts)


def _first_line(s: str) -> str:
    s = " ".join(s.replace("\r", " ").split(" "))
    return (s.strip().splitlines() or [""])[0][:200]


def _retry_after(e: BaseException, cap: float) -> float | None:
    """Retry-After from the HTTP error yt-dlp wrapped, when it kept one."""
    seen = 0
    while e is not None and seen < 6:
        resp = getattr(e, "response", None)
        headers = getattr(resp, "headers", None)
        if headers is not None:
            try:
                return retry_after_seconds(headers.get("Retry-After"), cap)
            except Exception:  # noqa: BLE001
                return None
        nxt = getattr(e, "exc_info", None)
        e = (nxt[1] if nxt else None) or e.__cause__ or e.__context__
        seen += 1
    return None


def _json_bytes(obj: Any) -> bytes:
    return json.dumps(obj, sort_keys=True, ensure_ascii=False, indent=1, default=str).encode("utf-8")


# yt-dlp stamps the time it processed the info (`epoch`): the retrieval time is in the provenance
# already, and a clock value in info.json would make two harvests of the same bytes differ
VOLATILE_INFO_KEYS = ("epoch",)


def _sanitize(info: dict[str, Any]) -> dict[str, Any]:
    try:
        from yt_dlp import YoutubeDL

        out = YoutubeDL.sanitize_info(info, remove_private_keys=True)
    except Exception:  # noqa: BLE001
        out = info
    return {k: v for k, v in out.items() if k not in VOLATILE_INFO_KEYS} if isinstance(out, dict) else out
