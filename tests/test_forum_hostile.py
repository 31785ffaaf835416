"""Hostile forum pages (tests/data/hostile/forum/): each gives a row or a recorded reason, never a
traceback, and nothing is written outside the build directory."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import cli
from derm1m_build.commands.inspect_html import inspect_html_lines
from derm1m_build.sources.forum_adapters import MAX_POST_CHARS
from derm1m_build.testing.faultserver import FaultServer, Reply
from sources_util import harvest, jpeg, source_from

HOSTILE = Path(__file__).parent / "data" / "hostile" / "forum"
FILES = sorted(p.name for p in HOSTILE.glob("*.html"))


def serve(srv: FaultServer, pages: dict[str, bytes]) -> None:
    links = "".join(f"<li class='topic'><a class='topic-link' href='/t/{n}'>t</a></li>" for n in sorted(pages))
    srv.on("/robots.txt", Reply(404))
    srv.on("/list", Reply(200, f"<ul class='topics'>{links}</ul>", content_type="text/html"))
    srv.on("/img/ok.jpg", Reply(200, jpeg(1), content_type="image/jpeg"))
    for n, body in pages.items():
        srv.on(f"/t/{n}", Reply(200, body, content_type="text/html"))


def body(url: str, max_page: int | None = None) -> str:
    return f"""
[harvest.forum]
rate = 500.0
max_retries = 0
{f"max_page_bytes = {max_page}" if max_page else ""}
[[harvest.forum.sites]]
name = "h"
adapter = "askderm"
start_urls = ["{url}/list"]
allow_hosts = ["127.0.0.1"]
"""


def test_hostile_pages_harvest(tmp_path):
    with FaultServer() as srv:
        serve(srv, {n: (HOSTILE / n).read_bytes() for n in FILES})
        src = source_from(tmp_path, body(srv.url), "forum")
        kept, dropped, rep = harvest(src)
        log = src.open_log().items
        name = {k.split(":")[-1]: v["url"].rsplit("/", 1)[-1] for k, v in log.items() if ":thread:" in k}
        got = sorted((name[r["meta"]["thread"]], r["lang"]) for r in kept)
        assert got == [("cp1252_undeclared.html", "en"), ("latin1_meta.html", "fr"), ("malformed.html", "en"),
                       ("traversal.html", "en"), ("xxe_billion_laughs.html", "en")]
        reasons = sorted((name[m["thread"]], r) for m, r in dropped)
        assert reasons == [
            ("binary.html", "layout_mismatch"), ("deep_nesting.html", "layout_mismatch"),
            ("empty.html", "layout_mismatch"),
            ("traversal.html", "blocked_scheme"), ("traversal.html", "blocked_scheme"), ("traversal.html", "blocked_scheme"),
            ("traversal.html", "host_not_allowed"), ("traversal.html", "http_404"), ("traversal.html", "http_404"),
            ("wrong_layout.html", "layout_mismatch")]
        fr = next(r for r in kept if name[r["meta"]["thread"]] == "latin1_meta.html")
        assert fr["raw_text"] == ("Éruption\nJ'ai une éruption rouge sur le bras depuis deux semaines, ça gratte beaucoup."
                                  "\nDoctor's answer: C'est un eczéma.")
        assert fr["meta"]["translate"] is True
        xxe = next(r for r in kept if name[r["meta"]["thread"]] == "xxe_billion_laughs.html")
        assert "root:" not in xxe["raw_text"] and "lollol" not in xxe["raw_text"]
        # nothing but the server's own paths was asked for; nothing written outside raw/forum
        asked = Counter(p.split("?")[0] for _, p in srv.log)
        assert set(asked) == {"/robots.txt", "/list", "/img/ok.jpg", "/etc/passwd", "/t/%5C%5Cserver%5Cshare%5Cx.jpg",
                              *(f"/t/{n}" for n in FILES)}
        out = tmp_path / "out"
        files = [p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()]
        assert files and all(f.startswith(("raw/forum/", "images/")) for f in files)


def test_ten_megabyte_post(tmp_path):
    big = ("<article class='question'><h1 class='q-title'>Long</h1><div class='q-body'><p>"
           + "itchy red rash " * (10 * 1024 * 1024 // 15)
           + "</p><a class='attachment' href='/img/ok.jpg'><img src='x'></a></div></article>").encode()
    with FaultServer() as srv:
        serve(srv, {"big": big})
        kept, dropped, rep = harvest(source_from(tmp_path / "a", body(srv.url), "forum"))
        assert (kept, rep.failed) == ([], {"too_large": 1})
        assert [r for _, r in dropped] == ["too_large"]
        kept, dropped, rep = harvest(source_from(tmp_path / "b", body(srv.url, 16 * 1024 * 1024), "forum"))
        assert (kept, [r for _, r in dropped]) == ([], ["page_too_large"])


def test_long_post_is_cut_and_marked(tmp_path):
    long = ("<article class='question'><h1 class='q-title'>Long</h1><div class='q-body'><p>"
            + "itchy red rash " * 70_000 + "</p><a class='attachment' href='/img/ok.jpg'><img src='x'></a></div></article>")
    with FaultServer() as srv:
        serve(srv, {"long": long.encode()})
        kept, dropped, rep = harvest(source_from(tmp_path, body(srv.url), "forum"))
        assert len(kept) == 1 and kept[0]["meta"]["truncated"] is True
        assert kept[0]["raw_text"] == "Long\n" + ("itchy red rash " * 70_000)[:MAX_POST_CHARS].strip()


@pytest.mark.parametrize("name", FILES)
def test_inspect_every_hostile_page(name):
    recs = inspect_html_lines("askderm", HOSTILE / name, [], "http://f.test/t/1")
    ok = name in ("cp1252_undeclared.html", "latin1_meta.html", "malformed.html", "traversal.html", "xxe_billion_laughs.html")
    assert [r["type"] for r in recs][:1] == (["post"] if ok else ["error"])


def test_inspect_cli_on_binary_page():
    p = cli("inspect", "html", "--adapter", "askderm", HOSTILE / "binary.html")
    assert p.returncode == 0 and "Traceback" not in p.stderr
    assert p.stdout == ('{"detail": "no element matches question selector \'article.question\'", '
                        '"reason": "layout_mismatch", "type": "error"}\n')
