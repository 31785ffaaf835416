"""The forum source end to end on the demo forums (two shipped adapters), through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq

from conftest import REPO, cli, write_recipe
from derm1m_build.demo.forum import NAMES, generate_forum
from derm1m_build.demo.server import DemoServer


def _recipe(tmp: Path, url: str) -> Path:
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
    outs = []
    for run in ("a", "b"):  # two servers on two ports: same sample ids, same rows
        (tmp_path / run).mkdir()
        with DemoServer(corpus, routes=[]) as srv:
            p = cli("harvest", "--recipe", _recipe(tmp_path / run, srv.url), "--out", tmp_path / run / "out")
        assert p.returncode == 0, p.stderr
        outs.append(tmp_path / run / "out")
    assert "forum: fetched 9, cached 0, failed 3 {'host_not_allowed': 1, 'http_404': 1, 'robots_disallowed': 1}" in p.stderr
    kept, dropped = _rows(outs[0]), _rows(outs[0], excluded=True)
    strip = lambda rows: [{k: v for k, v in r.items() if k not in ("source_url", "retrieved")} for r in rows]  # noqa: E731
    assert strip(kept) == strip(_rows(outs[1]))
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
