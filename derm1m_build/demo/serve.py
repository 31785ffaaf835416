"""Serve the demo corpus on 127.0.0.1 while a command runs: `python -m derm1m_build.demo.serve DIR [--port N] -- CMD...`.

Each source's demo endpoints (E-utilities and OA service, video pages, forum pages) are mounted by the
demo server. The demo recipe names the fixed logical base `http://demo.derm1m.invalid`; the command's
environment gets DERM1M_HOST_MAP mapping that host to the server's 127.0.0.1:PORT (see hostmap.py), so
nothing the build records or digests sees the port. It also gets DERM1M_DEMO_URL (the real base URL,
for commands that want it) and, unless already set, SOURCE_DATE_EPOCH (the demo's retrieval date).
The server stops when the command ends; the command's exit status is returned.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from derm1m_build import hostmap

# The demo's "retrieval" date (2025-01-01 UTC) unless SOURCE_DATE_EPOCH says otherwise: the demo's
# dataset is then the same bytes on any day.
DEMO_DATE_EPOCH = 1735689600


def main(argv: list[str]) -> int:
    usage = "usage: python -m derm1m_build.demo.serve CORPUS_DIR [--port N] -- COMMAND ..."
    if "--" not in argv:
        print(usage, file=sys.stderr)
        return 2
    head, cmd = argv[:argv.index("--")], argv[argv.index("--") + 1:]
    port = 0  # any free port: the build does not depend on it
    if len(head) == 3 and head[1] == "--port" and head[2].isdigit():
        port = int(head[2])
    elif len(head) != 1 or not cmd:
        print(usage, file=sys.stderr)
        return 2
    root = Path(head[0])
    if not root.is_dir():
        print(f"error: demo corpus {root} not found; run `make corpus` (or `derm1m-build demo-corpus {root}`)",
              file=sys.stderr)
        return 2
    from derm1m_build.demo.server import DemoServer

    try:
        srv_cm = DemoServer(root, port=port)
    except OSError as e:
        print(f"error: cannot listen on 127.0.0.1:{port}: {e.strerror}", file=sys.stderr)
        return 2
    with srv_cm as srv:
        env = dict(os.environ, DERM1M_DEMO_URL=srv.url)
        host = srv.url.split("://", 1)[1]
        extra = [e for e in env.get(hostmap.ENV, "").split(",") if e and not e.startswith(hostmap.DEMO_HOST + "=")]
        env[hostmap.ENV] = ",".join([f"{hostmap.DEMO_HOST}={host}", *extra])
        env.setdefault("SOURCE_DATE_EPOCH", str(DEMO_DATE_EPOCH))
        child = subprocess.Popen(cmd, env=env)
        try:
            return child.wait()
        except KeyboardInterrupt:
            # Ctrl-C reached the child too (same process group): give it a moment to stop its workers
            # and print its own line, then make sure it is gone; the server stops on the way out.
            try:
                return child.wait(timeout=3)
            except subprocess.TimeoutExpired:
                child.terminate()
                try:
                    child.wait(timeout=1)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
                return 130


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except KeyboardInterrupt:  # a second Ctrl-C while stopping
        sys.exit(130)
