"""The shared HTTP client against the fault-injecting server."""

import pytest

from derm1m_build.errors import ItemError
from derm1m_build.net import HttpClient
from derm1m_build.testing.faultserver import FaultServer, Reply


def client(**kw):
    kw.setdefault("allow_private", True)
    kw.setdefault("backoff", 0.01)
    kw.setdefault("rate", 0)
    kw.setdefault("timeout", 2)
    return HttpClient(**kw)


def test_retries_429_with_retry_after_then_succeeds():
    with FaultServer() as s:
        s.on("/a", Reply(429, "slow down", headers={"Retry-After": "0"}), Reply(503), Reply(200, "ok"))
        r = client().get(s.url + "/a")
        assert r.text == "ok"
        assert s.requests_to("/a") == 3


def test_gives_up_after_max_retries_with_reason():
    with FaultServer() as s:
        s.on("/a", Reply(500))
        with pytest.raises(ItemError) as e:
            client(max_retries=2).get(s.url + "/a")
        assert e.value.reason == "http_500"
        assert s.requests_to("/a") == 3


def test_404_is_not_retried():
    with FaultServer() as s:
        with pytest.raises(ItemError) as e:
            client().get(s.url + "/missing")
        assert e.value.reason == "http_404"
        assert s.requests_to("/missing") == 1


def test_truncated_body_is_retried_then_reported():
    with FaultServer() as s:
        s.on("/t", Reply(200, b"x" * 1000, truncate=10))
        with pytest.raises(ItemError) as e:
            client(max_retries=1).get(s.url + "/t")
        assert e.value.reason == "truncated"


def test_connection_reset_and_stall():
    with FaultServer() as s:
        s.on("/r", Reply(reset=True))
        s.on("/s", Reply(200, "late", delay=1.5))
        with pytest.raises(ItemError) as e:
            client(max_retries=1).get(s.url + "/r")
        assert e.value.reason == "connection_error"
        with pytest.raises(ItemError) as e:
            client(max_retries=0, timeout=0.3).get(s.url + "/s")
        assert e.value.reason == "timeout"


def test_redirect_loop_and_redirect_off_the_allow_list():
    with FaultServer() as s:
        s.on("/loop1", Reply(302, headers={"Location": "/loop2"}))
        s.on("/loop2", Reply(302, headers={"Location": "/loop1"}))
        s.on("/away", Reply(302, headers={"Location": "http://elsewhere.invalid/x"}))
        with pytest.raises(ItemError) as e:
            client().get(s.url + "/loop1")
        assert e.value.reason == "redirect_loop"
        with pytest.raises(ItemError) as e:
            client(allow_hosts=["127.0.0.1"]).get(s.url + "/away")
        assert e.value.reason == "host_not_allowed"


def test_private_addresses_refused_unless_allowed_and_content_type_checked():
    with FaultServer() as s:
        s.on("/p", Reply(200, "<html>", content_type="text/html"))
        with pytest.raises(ItemError) as e:
            HttpClient(rate=0).get(s.url + "/p")
        assert e.value.reason == "private_address"
        with pytest.raises(ItemError) as e:
            client().get(s.url + "/p", expect_types=("image/",))
        assert e.value.reason == "wrong_content_type"
        assert client().get(s.url + "/p", expect_types=("text/html",)).text == "<html>"


def test_scheme_refused():
    with pytest.raises(ItemError) as e:
        client().get("file:///etc/passwd")
    assert e.value.reason == "blocked_scheme"
