"""Serve the demo corpus on 127.0.0.1 while a command runs: `python -m derm1m_build.demo.serve DIR -- CMD...`.

Each source's demo endpoints (E-utilities and OA service, video pages, forum pages) are mounted by the
demo server; the command's environment gets DERM1M_DEMO_URL (the server's base URL), which the demo
recipe reads. The server stops when the command ends; the command's exit status is returned.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    if "--" not in argv or argv.index("--") != 1:
        print("usage: python -m derm1m_build.demo.serve CORPUS_DIR -- COMMAND ...", file=sys.stderr)
        return 2
    root, cmd = Path(argv[0]), argv[2:]
    from derm1m_build.demo.server import DemoServer

    with DemoServer(root) as srv:
        env = dict(os.environ, DERM1M_DEMO_URL=srv.url)
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
