"""Harvest pool start: the PubMed pre-filter's tagger pickles and is kept in the user cache folder, so the
forkserver (which every harvest process, the fetch ones included, waits for) loads it instead of building it;
and the rate-limit test's server counts a request when it arrived, not when its handler logged it."""

from __future__ import annotations

import pickle
import socket
import time

import pytest

from benchmarks.sources import bench_harvest_mix as mix
from derm1m_build.pmc import relevance
from derm1m_build.tagger import stored
from derm1m_build.tagger.fastmatch import AUTOMATON_WORDS, any_in

# composed for these tests: conditions, a correction, a present-tense finding, a negation
TEXTS = [
    "Erythematous scaly plaques on both elbows, consistent with psoriasis.",
    "Sorry, not eczema: this is actually tinea corporis with an active border.",
    "She now presents with a new pigmented nodule on the back; melanoma was excluded on biopsy.",
    "Figure 2. Western blot of liver lysates from knockout mice.",
]


@pytest.fixture(scope="module")
def tagger():
    """A built tagger on the shipped ontology: the test process's shared one (`shared_tagger`)."""
    from tagger_helpers import shared_tagger

    return shared_tagger()[0]


# ------------------------------------------------------------------ the tagger pickles, unchanged

@pytest.mark.parametrize("words", [(), ("present", "now ", " new"), tuple(f"w{i}x" for i in range(AUTOMATON_WORDS + 5))])
def test_any_in_pickles_and_answers_as_before(words):
    f = any_in(words)
    g = pickle.loads(pickle.dumps(f))
    probes = ["", "nothing here", "it is present", "a new one", "w3x", "aw7xb", "w3", f"tail {words[-1]}" if words else "x"]
    want = [any(w in s for w in words) for s in probes]
    assert [f(s) for s in probes] == want
    assert [g(s) for s in probes] == want
    if words:
        assert want.count(True) >= 2  # the probes reach both answers


def test_the_unpickled_tagger_tags_exactly_as_the_original(tagger):
    copy = pickle.loads(pickle.dumps(tagger, protocol=pickle.HIGHEST_PROTOCOL))
    got = [copy.tag(t).as_json() for t in TEXTS]
    assert got == [tagger.tag(t).as_json() for t in TEXTS]
    assert [bool(r["conditions"]) for r in got] == [True, True, True, False]


# ------------------------------------------------------------------ the cached tagger

class _Built:
    """Stands in for `Tagger` where only the cache's bookkeeping is tested: counts its constructions."""
    made = 0

    def __init__(self, ontology, fuzzy=True, fuzzy_threshold=None):
        type(self).made += 1
        self.n = len(ontology.conditions)
        self.options = (fuzzy, fuzzy_threshold)


@pytest.fixture
def cache(tmp_path, monkeypatch):
    import derm1m_build.tagger as tagger_pkg
    from derm1m_build.ontology import load_ontology

    monkeypatch.setenv("DERM1M_CACHE", str(tmp_path))
    monkeypatch.setattr(tagger_pkg, "Tagger", _Built)
    _Built.made = 0
    relevance._tagger.cache_clear()
    yield stored.path_for(stored.cache_key(load_ontology()))
    relevance._tagger.cache_clear()


def test_first_process_builds_and_keeps_it_later_ones_load_it(cache):
    first = relevance._tagger()
    assert _Built.made == 1 and cache.is_file() and cache.parent.name == "derm1m-build"
    with cache.open("rb") as f:
        from derm1m_build.ontology import load_ontology

        assert pickle.load(f) == stored.cache_key(load_ontology())
    relevance._tagger.cache_clear()  # a new process
    second = relevance._tagger()
    assert _Built.made == 1 and second is not first and second.n == first.n > 0
    assert sorted(p.name for p in cache.parent.iterdir()) == [cache.name]  # no temporary file left


def test_another_key_or_a_broken_file_builds_it_again(cache, monkeypatch):
    relevance._tagger()
    relevance._tagger.cache_clear()
    other = "0123456789abcdef" + "0" * 48  # other code or ontology
    monkeypatch.setattr(stored, "cache_key", lambda ontology, fuzzy=True, fuzzy_threshold=None: other)
    relevance._tagger()
    assert _Built.made == 2  # no file under that key: built, and kept under it
    with stored.path_for(other).open("rb") as f:
        assert pickle.load(f) == other
    relevance._tagger.cache_clear()
    path = stored.path_for(other)
    path.write_bytes(path.read_bytes()[:-1])  # cut short (a disk that filled up): no STOP
    relevance._tagger()
    assert _Built.made == 3
    relevance._tagger.cache_clear()
    relevance._tagger()
    assert _Built.made == 3
    relevance._tagger.cache_clear()
    cache.write_bytes(pickle.dumps(other) + cache.read_bytes())  # the file of one key holding another's
    monkeypatch.undo()
    monkeypatch.setenv("DERM1M_CACHE", str(cache.parent.parent))
    import derm1m_build.tagger as tagger_pkg

    monkeypatch.setattr(tagger_pkg, "Tagger", _Built)
    relevance._tagger()
    assert _Built.made == 4


def test_an_unwritable_cache_folder_still_gives_a_tagger(cache, monkeypatch):
    cache.parent.parent.mkdir(parents=True, exist_ok=True)
    cache.parent.write_text("a file where the folder should be")
    assert relevance._tagger().n > 0 and _Built.made == 1
    assert sorted(p.name for p in cache.parent.parent.iterdir()) == ["derm1m-build"]  # no temporary file left


def test_the_key_follows_the_tagger_code_and_the_ontology(monkeypatch):
    from derm1m_build import codedigest
    from derm1m_build.ontology import load_ontology

    onto = load_ontology()
    k = stored.cache_key(onto)
    assert stored.cache_key(onto) == k
    monkeypatch.setattr(codedigest, "code_digest", lambda mods: "edited tagger")
    assert stored.cache_key(onto) != k
    monkeypatch.undo()
    monkeypatch.setattr(type(onto), "digest", lambda self: "edited ontology")
    assert stored.cache_key(onto) != k


def test_a_real_tagger_comes_back_from_the_cache_tagging_the_same(tagger, tmp_path):
    path = tmp_path / "tagger-k.pickle"
    assert stored.save(path, "k", tagger)
    assert stored.load(path, "not k") is None
    back = stored.load(path, "k")
    assert [back.tag(t).as_json() for t in TEXTS] == [tagger.tag(t).as_json() for t in TEXTS]


# ------------------------------------------------------------------ counted at arrival

def test_the_rate_test_server_counts_arrivals_not_its_late_handler():
    """Two requests sent 0.3 s apart while the server's handlers are held for 1 s: both are handled in the
    same instant, yet counted 0.3 s apart, each at a stamp between its send and its sendall's return."""
    from tests.test_harvest_scale28_ratelimit import _Counting

    srv = _Counting()
    try:
        srv.lock.acquire()  # every handler waits here, after reading its request's stamp
        sends = []
        conns = []
        for _ in range(2):
            c = socket.create_connection(("127.0.0.1", srv.port))
            before = time.time_ns()
            c.sendall(b"GET /x HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
            sends.append((before, time.time_ns()))
            conns.append(c)
            time.sleep(0.3)
        time.sleep(0.7)
        released = time.time_ns()
        srv.lock.release()
        for c in conns:
            assert c.recv(100).startswith(b"HTTP/1.0 200")
            c.close()
    finally:
        srv.srv.shutdown()
    arrived = srv.arrived
    assert len(arrived) == 2 and None not in arrived
    for (before, after), got in zip(sends, sorted(arrived)):
        assert before <= got <= after < released
    assert sorted(arrived)[1] - sorted(arrived)[0] >= 300_000_000


def test_stamping_is_on_and_a_stamp_lies_between_send_and_return():
    assert mix.stamping_on()
    lst = socket.socket()
    lst.setsockopt(socket.SOL_SOCKET, mix.SO_TIMESTAMPNS, 1)
    lst.bind(("127.0.0.1", 0))
    lst.listen(1)
    with socket.create_connection(lst.getsockname()) as c:
        before = time.time_ns()
        c.sendall(b"y")
        after = time.time_ns()
        conn, _ = lst.accept()
        with conn:
            assert before <= mix.arrival_ns(conn) <= after
    lst.close()

