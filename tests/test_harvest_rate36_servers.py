"""The harvest benchmark's counting servers run in their own processes and count each request at its
arrival (the kernel's receive time), at accept and as logged (benchmarks/sources/bench_harvest_mix.py:
`CountedProcess`, `arrival_time`, `server_stats`, `within_limit`)."""

import socket
import time
import urllib.request

from benchmarks.sources import bench_harvest_mix as mix
from benchmarks.sources.bench_harvest_scale import Forum


def _ok(path, body):
    return 200, "text/plain", f"pid {__import__('os').getpid()}".encode()


def test_a_server_in_its_own_process_counts_each_request_three_ways():
    srv = mix.CountedProcess(lambda h: h, _ok, 0.0)
    try:
        bodies = [urllib.request.urlopen(f"http://127.0.0.1:{srv.port}{p}").read() for p in ("/a", "/b")]
        urllib.request.urlopen(f"http://localhost:{srv.port}/c").read()
        assert bodies[0] == bodies[1] != f"pid {__import__('os').getpid()}".encode()  # answered elsewhere
        assert [(h, p) for _, h, p in srv.log] == [("127.0.0.1", "/a"), ("127.0.0.1", "/b"), ("localhost", "/c")]
        assert len(srv.accepted) == len(srv.arrived) == 3
        for arr, acc, (t, _, _) in zip(srv.arrived, srv.accepted, srv.log):
            # the handler runs after both the accept and the bytes' arrival (which may come after the accept:
            # a client connects, then writes)
            assert arr <= t and acc <= t
        st = mix.server_stats({"s": srv}, 0.0)
        assert st["requests"] == {"127.0.0.1": 2, "localhost": 1}
        assert st["max_per_1s_window_at_arrival"] == {"127.0.0.1": 2, "localhost": 1}
        assert st["max_per_1s_window_at_accept"] == st["max_per_1s_window"] == {"127.0.0.1": 2, "localhost": 1}
    finally:
        srv.srv.shutdown()
    assert not srv._proc.is_alive()


def test_arrival_is_when_the_bytes_came_not_when_the_server_read_them():
    """Ordering only, no wall-clock margin (a loaded machine can stretch any): the kernel's stamp lies
    between the client's send and sendall's return (loopback: the bytes are in the listener's queue once
    sendall returns), and a late read (after a pause, after the accept) comes strictly after it. All
    times are integer nanoseconds of one clock (`time.time_ns`, the stamp's CLOCK_REALTIME)."""
    lst = socket.socket()
    lst.setsockopt(socket.SOL_SOCKET, mix.SO_TIMESTAMPNS, 1)
    lst.bind(("127.0.0.1", 0))
    lst.listen(1)
    # the kernel turns receive stamping on for the whole machine shortly after the first socket asks (a
    # deferred switch, late on a loaded machine): before it, a packet is stamped late or not at all. One
    # exchange until a stamp comes back (the counting servers ask long before their first request).
    for _ in range(100):  # a guard against a hang, never a measure
        w = socket.create_connection(lst.getsockname())
        w.sendall(b"x")
        conn, _ = lst.accept()
        stamped = mix.arrival_ns(conn) is not None
        w.close()
        conn.close()
        if stamped:
            break
        time.sleep(0.05)
    c = socket.create_connection(lst.getsockname())
    sent = time.time_ns()
    c.sendall(b"GET / HTTP/1.0\r\n\r\n")
    written = time.time_ns()
    time.sleep(0.3)  # a server that is late to read
    conn, _ = lst.accept()
    read = time.time_ns()
    arrived = mix.arrival_ns(conn)
    assert arrived is not None and sent <= arrived <= written < read
    assert mix.arrival_time(conn) == arrived / 1e9  # the benchmark's float is the same stamp
    assert conn.recv(100) == b"GET / HTTP/1.0\r\n\r\n"  # peeked, not consumed
    for s in (c, conn, lst):
        s.close()


def test_the_forum_in_its_own_process_links_to_its_own_port(tmp_path):
    forum = Forum(3, 0.0)
    servers = mix.make_servers({"items": {}, "media": {}}, tmp_path, forum, 0.0)
    try:
        page = urllib.request.urlopen(f"http://127.0.0.1:{forum.port}/t/1.html").read().decode()
        assert f"http://localhost:{servers['forum'].port}/img/1.jpg" in page
        assert forum.port == servers["forum"].port
    finally:
        for s in servers.values():
            s.srv.shutdown()


def test_the_limit_is_judged_per_count():
    runs = [{"a": {"h": 25, "g": 3}, "b": {"h": 26}}, {"a": {"h": 24}, "b": {"h": 25}}]
    assert mix.within_limit(runs, "a", 25) is True
    assert mix.within_limit(runs, "b", 25) is False
