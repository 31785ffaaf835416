"""The forum source end to end on the demo forums (two shipped adapters), through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from conftest import REPO, cli, write_recipe
from derm1m_build.demo.forum import NAMES, generate_forum
from derm1m_build.demo.server import DemoServer
from sources_util import harvest, source_from


def _recipe(tmp: Path, url: str) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    return write_recipe(tmp / "forum.toml", f"""
[build]
name = "forum"
allow_private_hosts = true
[harvest.forum]
adapter_dirs = ["{REPO / 'stages' / 'adapters'}"]
rate = 100.0
backoff = 0.01
[[harvest.forum.sites]]
name = "askderm"
adapter = "askderm"
start_urls = ["{url}/forum/askderm/index.html"]
allow_hosts = ["127.0.0.1"]
[[harvest.forum.sites]]
name = "skinqa"
adapter = "skinqa"
start_urls = ["{url}/forum/skinqa/index.html"]
allow_hosts = ["127.0.0.1"]
""")


def _rows(out: Path, excluded: bool = False) -> list[dict]:
    d = out / "work" / "harvest" / ("_excluded" if excluded else "")
    return [r for f in sorted(d.glob("part-forum-*.parquet")) for r in pq.read_table(f).to_pylist()]


def test_demo_forums_harvest(tmp_path):
    corpus = tmp_path / "corpus"
    generate_forum(corpus, 7)
    (tmp_path / "a").mkdir()
    with DemoServer(corpus, routes=[]) as srv:
        p = cli("harvest", "--recipe", _recipe(tmp_path / "a", srv.url), "--out", tmp_path / "a" / "out")
    assert p.returncode == 0, p.stderr
    assert "forum: fetched 9, cached 0, failed 3 {'host_not_allowed': 1, 'http_404': 1, 'robots_disallowed': 1}" in p.stderr
    kept, dropped = _rows(tmp_path / "a" / "out"), _rows(tmp_path / "a" / "out", excluded=True)
    # another server on another port: the same sample ids and rows
    with DemoServer(corpus, routes=[]) as srv:
        body = _recipe(tmp_path / "b", srv.url).read_text().split("[harvest.forum]", 1)[1]
        again, _, _ = harvest(source_from(tmp_path / "b", "[harvest.forum]" + body, "forum"))
    strip = lambda rows: [(r["sample_id"], r["group_id"], r["raw_text"], r["image_sha256"]) for r in rows]  # noqa: E731
    assert sorted(strip(kept)) == sorted(strip(again))
    summary = sorted((json.loads(r["meta"])["site"], r["lang"], json.loads(r["meta"])["answer"]) for r in kept)
    assert summary == [("askderm", "en", "none")] * 2 + [("askderm", "en", "physician")] * 5 + \
        [("skinqa", "en", "physician")] * 2 + [("skinqa", "es", "physician")]
    assert sorted(r["reason"] for r in dropped) == ["host_not_allowed", "http_404", "layout_mismatch", "robots_disallowed"]
    # two photos of one thread share its group; threads differ
    groups = [r["group_id"] for r in kept]
    assert len(set(groups)) == 8 and all(g.startswith("forum:") for g in groups)
    # physician's answer from page 2 of the two-page thread
    psoriasis = [r for r in kept if r["raw_text"].startswith("Red scaly patches on my elbow?")]
    assert [r["raw_text"] for r in psoriasis] == [
        "Red scaly patches on my elbow?\nHi, I am. I have had red scaly patches on my elbow for about 2 weeks and it is "
        "getting worse.\nDoctor's answer: This looks like psoriasis: well-demarcated erythematous plaques with silvery "
        "scale. Please see a dermatologist to confirm."]
    spanish = next(r for r in kept if r["lang"] == "es")
    assert json.loads(spanish["meta"])["translate"] is True
    # privacy: no username, e-mail, phone, handle or URL anywhere in the harvested rows
    blob = json.dumps(kept + dropped, default=str).lower()
    for secret in [*NAMES, "drsmithmd", "dr. smith", "dra_garcia", "drkhan", "123-4567", "(555)", "@", "imgur", "ohio", "-blog"]:
        assert secret.lower() not in blob, secret
