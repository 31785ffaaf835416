"""The forum harvester against a fault-injecting server: every harvest finishes, retriable failures are
retried, the rest are recorded with their reason, a rerun fetches only what failed, and nothing is
requested from a host off the allow-list or a path robots.txt disallows."""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

import pytest

from derm1m_build.testing.faultserver import FaultServer, Reply
from sources_util import harvest, jpeg, source_from

THREADS = ["ok", "retry429", "busy503", "reset", "stall", "trunc", "wrongtype", "loop", "away", "badimg", "trunkimg"]


def thread_html(name: str, img: str) -> str:
    return (f"<html><body><article class='question'><h1 class='q-title'>Spot {name}</h1><div class='q-body'>"
            f"<p>I have a red itchy spot on my arm for two weeks now.</p><a class='attachment' href='{img}'><img src='{img}?thumb'></a>"
            f"</div></article><div class='answer'><span class='badge-doctor'>MD</span><div class='a-body'>"
            f"<p>This is eczema.</p></div></div></body></html>")


def forum(srv: FaultServer) -> None:
    links = "".join(f"<li class='topic'><a class='topic-link' href='/t/{n}'>t</a></li>" for n in THREADS)
    links += "<li class='topic'><a class='topic-link' href='/private/t/1'>t</a></li>"
    srv.on("/robots.txt", Reply(200, "User-agent: *\nDisallow: /private/\n"))
    srv.on("/list", Reply(200, f"<html><body><ul class='topics'>{links}</ul></body></html>", content_type="text/html"))
    for n in THREADS:
        srv.on(f"/t/{n}", Reply(200, thread_html(n, f"/img/{n}.jpg"), content_type="text/html"))
        srv.on(f"/img/{n}.jpg", Reply(200, jpeg(len(n)), content_type="image/jpeg"))
    page = thread_html("retry429", "/img/retry429.jpg")
    srv.on("/t/retry429", Reply(429, "slow down", headers={"Retry-After": "1"}), Reply(200, page, content_type="text/html"))
    srv.on("/t/busy503", Reply(503, "busy"))
    srv.on("/t/reset", Reply(reset=True))
    srv.on("/t/stall", Reply(200, "late", delay=1.5, content_type="text/html"))
    srv.on("/t/trunc", Reply(200, thread_html("trunc", "/img/trunc.jpg"), truncate=40, content_type="text/html"))
    srv.on("/t/wrongtype", Reply(200, "{}", content_type="application/json"))
    srv.on("/t/loop", Reply(302, headers={"Location": "/t/loop2"}))
    srv.on("/t/loop2", Reply(302, headers={"Location": "/t/loop"}))
    port = urlsplit(srv.url).port
    srv.on("/t/away", Reply(302, headers={"Location": f"http://localhost:{port}/elsewhere"}))
    srv.on("/img/badimg.jpg", Reply(200, "<html>not an image</html>", content_type="text/html"))
    srv.on("/img/trunkimg.jpg", Reply(200, jpeg(9), truncate=100, content_type="image/jpeg"))


def recipe(url: str, hosts: str = '["127.0.0.1"]') -> str:
    return f"""
[harvest.forum]
rate = 200.0
timeout = 0.5
max_retries = 2
backoff = 0.01
max_backoff = 1.0
[[harvest.forum.sites]]
name = "f"
adapter = "askderm"
start_urls = ["{url}/list"]
allow_hosts = {hosts}
"""


def test_faults_recorded_retried_and_resumed(tmp_path):
    with FaultServer() as srv:
        forum(srv)
        src = source_from(tmp_path, recipe(srv.url), "forum")
        kept, dropped, rep = harvest(src)
        urls = {k.split(":")[-1]: v["url"].rsplit("/", 1)[-1] for k, v in src.open_log().items.items() if ":thread:" in k}
        assert sorted(urls[r["meta"]["thread"]] for r in kept) == ["ok", "retry429"]
        assert rep.failed == {"connection_error": 1, "host_not_allowed": 1, "http_503": 1, "redirect_loop": 1,
                              "robots_disallowed": 1, "timeout": 1, "truncated": 2, "wrong_content_type": 2}
        reasons = {src.open_log().items[f"f:thread:{m['thread']}"]["url"].rsplit("/", 2)[-1]: r for m, r in dropped}
        assert reasons == {"busy503": "http_503", "reset": "connection_error", "stall": "timeout", "trunc": "truncated",
                           "wrongtype": "wrong_content_type", "loop": "redirect_loop", "away": "host_not_allowed",
                           "1": "robots_disallowed", "badimg": "wrong_content_type", "trunkimg": "truncated"}
        # retried exactly as configured (1 try + 2 retries), 429 honoured then served
        assert [srv.requests_to(p) for p in ("/t/retry429", "/t/busy503", "/t/reset", "/t/stall", "/t/trunc")] == [2, 3, 3, 3, 3]
        assert srv.requests_to("/t/wrongtype") == 1  # a wrong type is not retried
        assert srv.requests_to("/elsewhere") == 0 and srv.requests_to("/private/t/1") == 0
        assert srv.requests_to("/robots.txt") == 1
        assert sorted(r["raw_text"] for r in kept) == [
            f"Spot {n}\nI have a red itchy spot on my arm for two weeks now.\nDoctor's answer: This is eczema."
            for n in ("ok", "retry429")]
        assert len(kept) == 2

        # the server recovers; a rerun (--refresh) asks again only for what failed
        for n in ("busy503", "reset", "stall", "trunc", "wrongtype"):
            srv.on(f"/t/{n}", Reply(200, thread_html(n, f"/img/{n}.jpg"), content_type="text/html"))
        srv.on("/img/badimg.jpg", Reply(200, jpeg(6), content_type="image/jpeg"))
        srv.log.clear()
        kept2, dropped2, rep2 = harvest(src, refresh=True)
        asked = Counter(urlsplit(p).path for _, p in srv.log)
        assert asked == Counter({"/robots.txt": 1, "/list": 1, "/t/busy503": 1, "/t/reset": 1, "/t/stall": 1,
                                 "/t/trunc": 1, "/t/wrongtype": 1, "/t/loop": 1, "/t/loop2": 1, "/t/away": 1,
                                 "/img/busy503.jpg": 1, "/img/reset.jpg": 1, "/img/stall.jpg": 1, "/img/trunc.jpg": 1,
                                 "/img/wrongtype.jpg": 1, "/img/badimg.jpg": 1, "/img/trunkimg.jpg": 3})
        assert len(kept2) == 8
        assert sorted(r for _, r in dropped2) == ["host_not_allowed", "redirect_loop", "robots_disallowed", "truncated"]


def test_robots_unreachable_disallows_everything(tmp_path):
    with FaultServer() as srv:
        forum(srv)
        srv.on("/robots.txt", Reply(503, "down"))
        src = source_from(tmp_path, recipe(srv.url), "forum")
        kept, dropped, rep = harvest(src)
        assert (kept, dropped, rep.failed) == ([], [], {"robots_disallowed": 1})
        assert srv.requests_to("/list") == 0 and srv.requests_to("/robots.txt") == 3


def test_missing_robots_allows(tmp_path):
    with FaultServer() as srv:
        forum(srv)
        srv.on("/robots.txt", Reply(404, "none"))
        kept, _, _ = harvest(source_from(tmp_path, recipe(srv.url), "forum"))
        assert len(kept) == 2 and srv.requests_to("/private/t/1") == 1


@pytest.mark.parametrize("private,hosts,reason", [
    (False, '["127.0.0.1"]', "private_address"),
    (True, '["forum.example.org"]', "host_not_allowed"),
])
def test_nothing_requested_off_the_list_or_private(tmp_path, private, hosts, reason):
    with FaultServer() as srv:
        forum(srv)
        src = source_from(tmp_path, recipe(srv.url, hosts), "forum", private=private)
        kept, dropped, rep = harvest(src)
        assert (kept, rep.failed) == ([], {reason: 1})
        assert srv.log == []
