"""Bad input: one line that says what is wrong, a non-zero exit, no traceback, nothing overwritten."""

from __future__ import annotations

from pathlib import Path

from conftest import cli, local_recipe, write_recipe


def one_line_error(p) -> str:
    assert p.returncode != 0
    assert "Traceback" not in p.stderr and "Traceback" not in p.stdout
    lines = [line for line in p.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, p.stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def test_unknown_recipe_key(tmp_path, demo_corpus):
    r = local_recipe(tmp_path, demo_corpus, extra="[filter]\nmin_skn = 0.3\n")
    line = one_line_error(cli("run", "--recipe", r, "--out", tmp_path / "o"))
    assert "filter" in line and "min_skn" in line and "Extra inputs are not permitted" in line


def test_unknown_section_and_wrong_type(tmp_path, demo_corpus):
    r = local_recipe(tmp_path, demo_corpus, extra="[filtr]\n")
    assert "unknown section(s) ['filtr']" in one_line_error(cli("harvest", "--recipe", r, "--out", tmp_path / "o"))
    r = local_recipe(tmp_path, demo_corpus, name="w", extra="[split]\ntrain = 'most'\n")
    line = one_line_error(cli("harvest", "--recipe", r, "--out", tmp_path / "o2"))
    assert "split.train" in line


def test_missing_recipe_and_missing_input(tmp_path):
    line = one_line_error(cli("run", "--recipe", tmp_path / "nope.toml", "--out", tmp_path / "o"))
    assert line == f"error: recipe not found: {tmp_path / 'nope.toml'} (pass --recipe FILE, e.g. stages/demo.toml)"
    r = write_recipe(tmp_path / "r.toml", f'[build]\nname = "x"\n[harvest.local]\npath = "{tmp_path / "absent"}"\n')
    line = one_line_error(cli("harvest", "--recipe", r, "--out", tmp_path / "o"))
    assert "absent/metadata.csv not found" in line


def test_stage_before_its_input(tmp_path, demo_corpus):
    r = local_recipe(tmp_path, demo_corpus)
    line = one_line_error(cli("caption", "--recipe", r, "--out", tmp_path / "o"))
    assert "stage 'filter' has not finished" in line


def test_out_dir_made_by_another_recipe(tmp_path, demo_corpus):
    r1 = local_recipe(tmp_path, demo_corpus, name="one")
    r2 = local_recipe(tmp_path, demo_corpus, name="two")
    cli("harvest", "--recipe", r1, "--out", tmp_path / "o", check=True)
    before = (tmp_path / "o" / "work" / "harvest" / "_manifest.json").read_bytes()
    line = one_line_error(cli("harvest", "--recipe", r2, "--out", tmp_path / "o"))
    assert "was built by recipe 'one', not 'two'" in line
    assert (tmp_path / "o" / "work" / "harvest" / "_manifest.json").read_bytes() == before


def test_non_writable_out(tmp_path, demo_corpus):
    r = local_recipe(tmp_path, demo_corpus)
    f = tmp_path / "file"
    f.write_text("x")
    line = one_line_error(cli("harvest", "--recipe", r, "--out", f / "sub"))
    assert "cannot create --out" in line
    line = one_line_error(cli("harvest", "--recipe", r, "--out", "/proc/derm1m"))
    assert "cannot create --out /proc/derm1m" in line


def test_help_has_examples():
    for cmd in ("harvest", "filter", "caption", "tag", "split", "run", "verify", "status"):
        p = cli(cmd, "--help")
        assert p.returncode == 0 and "Example: derm1m-build" in p.stdout, cmd


def test_verify_of_a_non_dataset(tmp_path):
    p = cli("verify", tmp_path)
    assert p.returncode == 1 and "missing (not a dataset directory)" in p.stderr


def test_usage_errors_are_one_line():
    line = one_line_error(cli("run", "--recipe", "a", "b", "--out", "x"))
    assert line == "error: Got unexpected extra argument(s) (b) (see --help)"
    line = one_line_error(cli("bogus"))
    assert line == "error: No such command 'bogus'. (see --help)"


def test_shipped_recipes_validate():
    from conftest import REPO
    from derm1m_build.recipe import load_recipe

    full = load_recipe(REPO / "stages" / "derm1m.toml")
    assert sorted(full.harvest) == ["datasets", "edu", "forum", "pubmed", "youtube"]
    assert full.build.executor == "ray"
