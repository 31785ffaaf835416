"""Serve the demo corpus on 127.0.0.1 while a command runs: `python -m derm1m_build.demo.serve DIR -- CMD...`.

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
    if "--" not in argv or argv.index("--") != 1:
        print("usage: python -m derm1m_build.demo.serve CORPUS_DIR -- COMMAND ...", file=sys.stderr)
        return 2
    root, cmd = Path(argv[0]), argv[2:]
    from derm1m_build.demo.server import DemoServer

    with DemoServer(root) as srv:
        env = dict(os.environ, DERM1M_DEMO_URL=srv.url)
        host = srv.url.split("://", 1)[1]
        extra = [e for e in env.get(hostmap.ENV, "").split(",") if e and not e.startswith(hostmap.DEMO_HOST + "=")]
        env[hostmap.ENV] = ",".join([f"{hostmap.DEMO_HOST}={host}", *extra])
        env.setdefault("SOURCE_DATE_EPOCH", str(DEMO_DATE_EPOCH))
        return subprocess.call(cmd, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
