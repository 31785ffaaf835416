"""The report's panels come from the user cache folder where the same panels were drawn before
(`derm1m_build.dataset.figure_plan`): the key covers every argument with its type and order, the drawing code,
the libraries and matplotlib's settings; a hit neither draws nor imports matplotlib. (That drawing gives the
same bytes again: tests/test_report_html.py, drawn there in a cache folder of its own.)"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from derm1m_build.dataset import figure_plan
from derm1m_build.dataset.stats import BuildStats

NAMES = ["sources.png", "source_types.png", "labels_top15.png", "conditions_top15.png", "caption_length.png",
         "ontology_coverage.png", "concepts.png", "dropped.png", "licenses.png", "modalities.png",
         "skin_tone.png", "splits_by_branch.png"]


def _stats(**counts) -> BuildStats:
    st = BuildStats(build=Path("b"), total=3, images=3, manifests={"filter": {"dropped": {"blur": 1}}})
    st.sources = Counter(counts.get("sources", {"pubmed": 2, "forum": 1}))
    st.caption_words = [4, 9, 12]
    return st


@pytest.fixture
def drawn(monkeypatch, tmp_path):
    """The panels each `draw` call was asked for; `draw` gives each panel its name and drawing function as bytes."""
    monkeypatch.setenv("DERM1M_CACHE", str(tmp_path / "c"))
    calls = []

    def draw(panels):
        calls.append([p[0] for p in panels])
        return [(name, caption, f"{name} {fn} {args!r}".encode()) for name, caption, fn, args, _ in panels]
    monkeypatch.setattr(figure_plan, "draw", draw)
    return calls


def test_the_same_panels_are_drawn_once_and_then_loaded_a_changed_count_draws_again(drawn, tmp_path):
    first = figure_plan.all_figures(_stats(), [])
    assert [f[0] for f in first] == NAMES and drawn == [NAMES]
    assert figure_plan.all_figures(_stats(), []) == first and len(drawn) == 1
    other = figure_plan.all_figures(_stats(sources={"pubmed": 3}), [])
    assert len(drawn) == 2 and other[0] != first[0] and other[1:] == first[1:]
    assert [p.name[:8] for p in (tmp_path / "c" / "derm1m-build").iterdir()] == ["figures-"] * 2


def test_the_key_keeps_types_and_order_and_refuses_what_it_cannot_encode(drawn):
    def plain(obj):  # as the key encodes it
        return json.dumps(figure_plan.plain(obj))
    assert plain(Counter(a=1, b=2)) != plain(Counter(b=2, a=1))
    assert plain({"a": 1}) != plain(Counter(a=1))
    assert plain((1, "x")) != plain([1, "x"]) and plain([True]) != plain([1]) and plain([1.0]) != plain([1])
    assert figure_plan.plain([3, 4]) == ["list", [3, 4]] and figure_plan.plain([3, True]) == ["list", [3, True]]
    np = pytest.importorskip("numpy")
    with pytest.raises(TypeError):
        figure_plan.plain([np.int64(3)])
    st = _stats()
    st.caption_words = list(np.array([4, 9], dtype=np.int64))  # NumPy numbers: no key, drawn, not kept
    assert figure_plan.figures_key(figure_plan.plan(st, [])) is None
    figure_plan.all_figures(st, [])
    figure_plan.all_figures(st, [])
    assert len(drawn) == 2


def test_the_key_follows_library_versions_and_matplotlib_settings(monkeypatch, tmp_path):
    panels = figure_plan.plan(_stats(), [])
    key = figure_plan.figures_key(panels)
    assert figure_plan.figures_key(panels) == key
    monkeypatch.setattr(figure_plan, "_versions", lambda: {"matplotlib": "0"})
    assert figure_plan.figures_key(panels) != key
    monkeypatch.undo()
    # matplotlib not imported: its settings files decide; imported: its live settings
    monkeypatch.delitem(sys.modules, "matplotlib", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "config"))
    bare = figure_plan.figures_key(panels)
    (tmp_path / "matplotlibrc").write_text("font.size: 11\n")
    assert figure_plan.rc_files()["files"] == {str(tmp_path / "matplotlibrc"): "font.size: 11\n"}
    assert figure_plan.figures_key(panels) != bare
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "matplotlibrc").write_text("lines.linewidth: 3\n")
    assert len(figure_plan.rc_files()["files"]) == 2
    fake = type(sys)("matplotlib")
    fake.rcParams = {"font.size": 9.0}
    monkeypatch.setitem(sys.modules, "matplotlib", fake)
    live = figure_plan.figures_key(panels)
    fake.rcParams = {"font.size": 10.0}
    assert figure_plan.figures_key(panels) != live


def test_an_unwritable_cache_folder_still_gives_the_panels_and_leaves_no_file(drawn, tmp_path, monkeypatch):
    (tmp_path / "file").write_text("")
    monkeypatch.setenv("DERM1M_CACHE", str(tmp_path / "file"))
    assert [f[0] for f in figure_plan.all_figures(_stats(), [])] == NAMES
    assert [f[0] for f in figure_plan.all_figures(_stats(), [])] == NAMES
    assert len(drawn) == 2 and sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_a_stored_file_of_other_panels_is_drawn_again_and_the_most_recent_files_are_kept(drawn, tmp_path,
                                                                                      monkeypatch):
    monkeypatch.setattr(figure_plan, "KEEP", 2)
    figs = figure_plan.all_figures(_stats(), [])
    key = figure_plan.figures_key(figure_plan.plan(_stats(), []))
    path = tmp_path / "c" / "derm1m-build" / f"figures-{key[:16]}.pickle"
    from derm1m_build.keyed_files import save_keyed
    save_keyed(path, key, figs[:3], "figures-*", 2)  # another list under the same key: not taken
    assert figure_plan.all_figures(_stats(), []) == figs and len(drawn) == 2
    for n in range(3):
        figure_plan.all_figures(_stats(sources={"x": n + 1}), [])
    assert len(list(path.parent.iterdir())) == 2
