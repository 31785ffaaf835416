"""The shared per-host limiter keeps every 1 s window at the server within the limit, even when a request
reaches the server later than it was let go (a loaded machine schedules the sending thread late).

Before: requests were only spaced 1/rate apart, so 26 consecutive let-go times spanned exactly 1 s at
25/s, and a first request sent a little late made 26 arrivals in one second (seen by
benchmarks/sources/bench_harvest_mix.py: 26 at a limit of 25)."""

from __future__ import annotations

import pytest

from benchmarks.sources.bench_harvest_scale import window_max
from derm1m_build import ratelimit


@pytest.fixture
def fake_clock(monkeypatch, tmp_path):
    now = [1000.0]
    monkeypatch.setattr(ratelimit, "_clock", lambda: now[0])
    monkeypatch.setattr(ratelimit.time, "sleep", lambda s: now.__setitem__(0, now[0] + s))
    ratelimit.activate(tmp_path / "rl")
    yield now
    ratelimit.activate(None)


def test_let_go_times_leave_slack_in_every_window(fake_clock):
    gos = [ratelimit.wait("h.example", 25.0) - 1000.0 for _ in range(60)]
    assert gos == pytest.approx([(i % 25) * 0.04 + (i // 25) * (1 + ratelimit.SLACK_S) for i in range(60)])
    # every request arrives between 0 and SLACK_S after it went (the worst case: every other one late)
    arrivals = [g + (ratelimit.SLACK_S if i % 2 == 0 else 0.0) for i, g in enumerate(gos)]
    assert window_max(arrivals) <= 25
    assert window_max(gos) == 25


def test_low_rates_keep_their_spacing(fake_clock):
    gos = [ratelimit.wait("slow.example", 0.5) - 1000.0 for _ in range(4)]
    assert gos == pytest.approx([0.0, 2.0, 4.0, 6.0])
    gos = [ratelimit.wait("one.example", 1.0) - 1000.0 for _ in range(3)]
    assert gos[1] - gos[0] == pytest.approx(1 + ratelimit.SLACK_S)


def test_a_slot_file_of_another_format_counts_as_empty(fake_clock, tmp_path):
    (tmp_path / "rl" / "old.example.slot").write_bytes(b"\x00" * 8)
    assert ratelimit.wait("old.example", 10.0) == 1000.0
    assert ratelimit.wait("old.example", 10.0) == pytest.approx(1000.1)
