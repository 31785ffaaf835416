"""Shared by the YouTube tests: the demo corpus served by the fault-injecting server, and a source."""

from __future__ import annotations

import re
from pathlib import Path

from derm1m_build.pipeline import context_for
from derm1m_build.recipe import Recipe
from derm1m_build.registry import make_source
from derm1m_build.testing.faultserver import FaultServer, Reply

VIDS = ("dmLecture01", "dmLecture02", "dmLecture03")
TYPES = {".mp4": "video/mp4", ".vtt": "text/vtt", ".json3": "application/json", ".json": "application/json"}


def corpus_server(root: Path, host: str = "127.0.0.1") -> FaultServer:
    """A FaultServer whose unscripted paths serve the corpus (info.json templates filled in)."""
    holder: dict[str, str] = {}

    def default(path: str, query: dict, body: bytes) -> Reply | None:
        m = re.match(r"^/youtube/([A-Za-z0-9_-]+)\.info\.json$", path)
        if m:
            t = root / "youtube" / m.group(1) / "info.template.json"
            if t.is_file():
                base = holder["url"].replace("127.0.0.1", host)
                return Reply(200, t.read_text().replace("__BASE__", base), content_type="application/json")
            return None
        p = (root / path.lstrip("/")).resolve()
        if p.is_file() and root.resolve() in p.parents:
            return Reply(200, p.read_bytes(), content_type=TYPES.get(p.suffix, "application/octet-stream"))
        return None

    srv = FaultServer(default)
    holder["url"] = srv.url
    return srv


def make_youtube(out: Path, url: str, vids=VIDS, **cfg) -> object:
    section = {"info_json": [f"{url}/youtube/{v}.info.json" for v in vids], "allow_hosts": ["127.0.0.1"],
               "max_attempts": 3, "backoff_s": 0.01, "retries": 0, "socket_timeout": 1.0, **cfg}
    r = Recipe(None, {"build": {"allow_private_hosts": True}, "harvest": {"youtube": section}})
    return make_source("youtube", r.harvest["youtube"], context_for(r, out), r)


def video_path(v: str) -> str:
    return f"/youtube/{v}/video.mp4"


def caption_path(v: str) -> str:
    from derm1m_build.demo.youtube import VIDEOS

    return f"/youtube/{v}/{v}.en.{VIDEOS[v]['fmt']}"
