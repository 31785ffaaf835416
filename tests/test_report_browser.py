"""The report as a person sees it: opened from disk in a real browser (Debian's headless Chromium driven
by Selenium through the packaged chromedriver). Every figure and gallery image loads, nothing is wider
than the page, the label figures and the split warnings are there. `make report-check` runs this file
and keeps the screenshot (REPORT_SCREENSHOT=path)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser_util import make_driver, needs_browser
from conftest import cli, copy_build

pytestmark = needs_browser


@pytest.fixture
def browser(tmp_path):
    drv = make_driver(tmp_path / "profile")
    yield drv
    drv.quit()


def test_report_renders_in_chromium(demo_build, tmp_path, browser):
    build = copy_build(demo_build, tmp_path / "b")
    cli("report", build, check=True)
    page = build / "dataset" / "report.html"
    browser.get(page.as_uri())
    browser.execute_script("window.scrollTo(0, document.body.scrollHeight)")  # lazy gallery images load
    browser.execute_script("document.querySelectorAll('img').forEach(i => i.loading = 'eager')")
    state = browser.execute_async_script("""
        const done = arguments[arguments.length - 1];
        const imgs = Array.from(document.images);
        Promise.all(imgs.map(i => i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; }))).then(() =>
          done({n: imgs.length,
                broken: imgs.filter(i => !(i.naturalWidth > 0)).map(i => i.getAttribute('src')),
                pageWidth: document.documentElement.scrollWidth, viewWidth: window.innerWidth,
                h2: Array.from(document.querySelectorAll('h2')).map(h => h.textContent),
                gallery: document.querySelectorAll('.pair img').length,
                warn: Array.from(document.querySelectorAll('.warn')).map(w => w.textContent)}));
    """)
    assert state["broken"] == []
    figures = sorted(p.name for p in (build / "dataset" / "figures").glob("*.png"))
    assert "labels_top15.png" in figures and "conditions_top15.png" in figures
    dups = list((build / "dataset" / "figures" / "duplicates").glob("*.png"))
    assert state["n"] == len(figures) + state["gallery"] + len(dups) and state["gallery"] >= 4
    assert state["pageWidth"] <= state["viewWidth"]  # nothing forces a horizontal scroll
    assert state["h2"][:6] == ["Summary", "Stages", "Splits by condition branch", "Figures",
                               "Gallery: sample pairs per source", "Gallery: sample pairs per top diagnosis"]
    assert ("Largest duplicate clusters" in state["h2"]) == bool(dups)
    shot = Path(os.environ.get("REPORT_SCREENSHOT") or tmp_path / "report.png")
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1400, min(int(height) + 100, 16000))
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 50_000

