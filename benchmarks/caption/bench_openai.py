"""`openai` back-end concurrency: requests in flight against a loopback server with a fixed delay.

    python -m benchmarks.caption.bench_openai --n 160 --delay 0.1

The server (`derm1m_build.testing.openai_server`, in a separate process so it does not share the
client's GIL) sleeps `--delay` seconds per request, like a model's latency. The same `--n` conversations
are sent with `max_in_flight = 1` (sequential, the baseline) and with 16; target (issue 9): >= 8x.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time


def run(base_url: str, n: int, in_flight: int, tag: str) -> float:
    from derm1m_build.captioning.openai_chat import OpenAIChat, OpenAIConfig

    chat = OpenAIChat(OpenAIConfig(base_url=base_url, model="bench", max_in_flight=in_flight, allow_private=True,
                                   api_key_env="DERM1M_BENCH_NO_KEY"))
    convs = [[{"role": "user", "content": json.dumps({"text": f"{tag} plaque of psoriasis on the elbow, case {i}"})}]
             for i in range(n)]
    t0 = time.perf_counter()
    out = chat.complete(convs)
    dt = time.perf_counter() - t0
    chat.close()
    bad = [o for o in out if not isinstance(o, str)]
    if bad:
        raise SystemExit(f"{len(bad)} requests failed: {bad[0]}")
    return dt


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=160)
    ap.add_argument("--delay", type=float, default=0.1)
    ap.add_argument("--in-flight", type=int, default=16)
    args = ap.parse_args()
    srv = subprocess.Popen([sys.executable, "-m", "derm1m_build.testing.openai_server", "--delay", str(args.delay)],
                           stdout=subprocess.PIPE, text=True)
    try:
        base_url = srv.stdout.readline().strip()
        run(base_url, 4, 4, "warm")
        seq = run(base_url, args.n, 1, "seq")
        par = run(base_url, args.n, args.in_flight, "par")
    finally:
        srv.terminate()
        srv.wait()
    print(f"{args.n} requests, {args.delay * 1000:.0f} ms per request on the server")
    print(f"  {'in flight':>10s} {'seconds':>8s} {'req/s':>8s}")
    print(f"  {1:>10d} {seq:8.2f} {args.n / seq:8.1f}   (baseline)")
    print(f"  {args.in_flight:>10d} {par:8.2f} {args.n / par:8.1f}   x{seq / par:.1f} of sequential (target >= 8x)")


if __name__ == "__main__":
    main()
