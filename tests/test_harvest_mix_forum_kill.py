"""kill -9 between a worker storing a forum thread's photo and the driver merging its fetch-log entries:
the rerun logs the photo it finds in raw/, so the harvest's rows equal an uninterrupted run's.

Before: the rerun fetched the thread's pages again but skipped the photo already in raw/ without a log
entry, and extraction excluded it as `not_fetched`."""

from __future__ import annotations

import json

from test_harvest_work import _harvest, _recipe

from derm1m_build.demo.forum import generate_forum
from derm1m_build.demo.server import DemoServer


def _manifest(out):
    m = json.loads((out / "work/harvest/_manifest.json").read_text())
    return m["rows_out"], m["shards"]


def test_photo_stored_but_not_logged_is_logged_on_rerun(tmp_path):
    corpus = tmp_path / "corpus"
    generate_forum(corpus, 7)
    with DemoServer(corpus, routes=[]) as srv:
        ref_out, out = tmp_path / "ref" / "out", tmp_path / "k" / "out"
        _harvest(_recipe(tmp_path / "ref", srv.url), ref_out, 1)
        r = _recipe(tmp_path / "k", srv.url)
        _harvest(r, out, 1)
        # what a kill leaves: raw/ complete, the fetch log without the batches in flight (threads and photos)
        p = out / "raw/forum/_fetch.json"
        log = json.loads(p.read_text())
        threads = sorted(k for k in log["items"] if ":thread:" in k)
        photos = [k for k in log["items"] if ":image:" in k]
        assert photos
        orig = {k: log["items"][k] for k in threads + photos}
        for k in threads + photos:
            del log["items"][k]
        log["complete"] = False
        p.write_text(json.dumps(log))
        _harvest(r, out, 1)
    after = json.loads(p.read_text())
    assert {k: after["items"].get(k) for k in orig} == orig
    assert _manifest(out) == _manifest(ref_out)
