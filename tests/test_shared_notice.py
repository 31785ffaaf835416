"""A run that skips tests for want of ../shared says so in one line at the end."""

from __future__ import annotations

import shutil
import subprocess
import sys

from conftest import REPO


def test_skips_for_missing_shared_are_counted_in_one_line(tmp_path):
    d = tmp_path / "checkout" / "tests"  # no ../shared beside this one
    d.mkdir(parents=True)
    shutil.copy(REPO / "tests" / "conftest.py", d / "conftest.py")
    (d / "test_x.py").write_text("def test_a(realdata):\n    pass\n\n\ndef test_b(realdata):\n    pass\n\n\n"
                                 "def test_c():\n    pass\n")
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist", str(d)],
                       cwd=d, capture_output=True, text=True, timeout=120)
    lines = p.stdout.splitlines()
    assert ("2 tests skipped: they need ../shared/realdata beside this checkout "
            "(see README, 'Real data for the tests')") in lines
    assert p.returncode == 0
