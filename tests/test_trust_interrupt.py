"""Issue 19, item 9: Ctrl-C during a build printed a 20-line traceback and left workers alive for over a
minute. Now: the pool and the demo server stop within 5 s, one line is printed, no process is left, and
the next run resumes to the same dataset."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPO, local_recipe


def _session_procs(sid: int) -> list[int]:
    """Live processes of a session (what a terminal's Ctrl-C reaches), from /proc."""
    out = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[3]) == sid and fields[0] != "Z":
            out.append(int(d.name))
    return out


def _ctrl_c(proc: subprocess.Popen) -> float:
    """Send SIGINT to the process group, as a terminal does; seconds until the group leader exits."""
    t0 = time.monotonic()
    os.killpg(proc.pid, signal.SIGINT)
    proc.wait(timeout=30)
    return time.monotonic() - t0


def _env() -> dict:
    e = dict(os.environ, PYTHONPATH=str(REPO), PYTHONHASHSEED="0")
    e.pop("DERM1M_DEBUG", None)
    return e


def test_ctrl_c_stops_the_pool_with_one_line_and_the_next_run_resumes(demo_build, demo_corpus, tmp_path):
    out = tmp_path / "out"
    recipe = local_recipe(tmp_path, demo_corpus, shard_size=4, workers=2)
    proc = subprocess.Popen([sys.executable, "-m", "derm1m_build", "run", "--recipe", str(recipe), "--out", str(out)],
                            cwd=REPO, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    done = out / "work" / "filter" / "_map" / "_done"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and proc.poll() is None:
        if done.exists() and len(list(done.glob("*.json"))) >= 2:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    assert len(_session_procs(proc.pid)) >= 3  # the driver and its workers
    took = _ctrl_c(proc)
    err = proc.stderr.read()
    assert proc.returncode == 130
    assert took < 5, took
    assert "Traceback" not in err
    assert err.splitlines()[-1] == "interrupted; finished shards are kept, run the same command to resume"
    time.sleep(0.5)
    assert _session_procs(proc.pid) == []  # no worker left behind
    p = subprocess.run([sys.executable, "-m", "derm1m_build", "run", "--recipe", str(recipe), "--out", str(out)],
                       cwd=REPO, env=_env(), capture_output=True, text=True, timeout=600)
    assert p.returncode == 0, p.stderr
    assert "[harvest] up to date" in p.stderr and "skipped 0" not in p.stderr.split("[filter]")[1].splitlines()[0]
    ref = json.loads((demo_build / "dataset" / "manifest.json").read_text())
    now = json.loads((out / "dataset" / "manifest.json").read_text())
    assert now["files"]["captions.csv"] == ref["files"]["captions.csv"]


def test_ctrl_c_stops_the_demo_server_and_its_command(demo_corpus, tmp_path):
    import urllib.request

    script = tmp_path / "child.py"
    script.write_text("import os, sys, time\n"  # a command that, like derm1m-build, stops on Ctrl-C
                      "open(sys.argv[1], 'w').write(os.environ['DERM1M_DEMO_URL'])\n"
                      "try:\n    time.sleep(120)\n"
                      "except KeyboardInterrupt:\n    print('child interrupted', file=sys.stderr)\n    sys.exit(130)\n")
    url_file = tmp_path / "url"
    proc = subprocess.Popen([sys.executable, "-m", "derm1m_build.demo.serve", str(demo_corpus), "--",
                             sys.executable, str(script), str(url_file)],
                            cwd=REPO, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (url_file.exists() and url_file.read_text()):
        time.sleep(0.05)
    url = url_file.read_text()
    took = _ctrl_c(proc)
    err = proc.stderr.read()
    assert took < 5, took
    assert proc.returncode == 130 and err == "child interrupted\n", err  # the command's line, nothing more
    time.sleep(0.3)
    assert _session_procs(proc.pid) == []
    try:
        urllib.request.urlopen(url + "/", timeout=2)
        served = True
    except OSError:
        served = False
    assert not served
