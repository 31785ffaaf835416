"""Issue 18 items 5 and 7: text that attacks its reader, and one input that stopped the build.

Before: captions/URLs starting with = + - @ went verbatim into captions.csv; bidi overrides and zero-width
characters passed through; a licence or source_type with newlines and HTML injected headings and <img>
into DATASHEET.md; NUL bytes became sentence breaks; a 1 MB caption in a local CSV stopped the build
(`field larger than field limit`); a `$` in a drawn value raised matplotlib's math-text ValueError (`$\\frac$` as a source type did).
Now each is handled as the README's Privacy section says, and the build finishes."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from conftest import cli
from derm1m_build.texthygiene import clean, csv_value, md, neutralise, original
from privacy_helpers import keep_all_recipe, PHOTOS, photo

FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")
INVISIBLE = ["\x00", "\x1b", "\u202e", "\u202d", "\u2066", "\u2067", "\u2069", "\u200b", "\u200d", "\u2060",
             "\ufeff", "\u200f", "\x85"]


def test_clean_removes_invisible_and_reordering_characters():
    s = "Psoriasis" + "".join(INVISIBLE) + " on the knee\r\nwith scale\u2028é ü 皮肤"
    assert clean(s) == "Psoriasis on the knee\nwith scale\né ü 皮肤"
    assert clean("plaque\x00on") == "plaqueon"


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3",
                                   "@SUM(1+1)", "\tX", "\rX", "'=already", "''+twice", "plain text",
                                   "-5", "+3.25", "'quoted", ""])
def test_neutralise_is_safe_and_exactly_reversible(value):
    out = neutralise(value)
    assert not (out[:1] in FORMULA_LEAD and out not in ("-5", "+3.25"))
    assert original(out) == value
    assert out == ("'" + value if value[:1] in FORMULA_LEAD or value[:2] in ("'=", "''") else value) or value in ("-5", "+3.25")


def test_md_escapes_headings_html_and_tables():
    v = md("CC-BY-4.0\n# Owned\n<img src=x onerror=alert(1)> | col | [link](javascript:x)")
    import re

    assert "\n" not in v
    assert not re.search(r"(?<!\\)[<>|\[\]#]", v)  # every special character is escaped
    assert v.startswith("CC-BY-4.0 \\# Owned \\<img")
    assert md("- item") == "\\- item" and md("1. x") == "1\\. x" and md("100.0%") == "100.0%"


def test_nul_is_not_a_sentence_break():
    from derm1m_build.captioning.rules import RulesCaptioner
    from derm1m_build.ontology.loader import load_ontology

    rc = RulesCaptioner.from_ontology(load_ontology())
    text = "Psoriasis plaque\x00on the elbow with silvery scale."
    assert rc.clean(clean(text)) == rc.clean("Psoriasis plaqueon the elbow with silvery scale.")
    assert "." not in rc.clean(clean(text))[:-1]


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    if not PHOTOS.exists():
        pytest.skip("../shared/realdata/photos is not beside this checkout")
    tmp = tmp_path_factory.mktemp("text")
    src = tmp / "src"
    src.mkdir()
    names = sorted(p.name for p in (PHOTOS / "clinical").glob("*.jpg"))[:9]
    long_name = "b" * 245 + ".jpg"
    rows = [
        ("f1", "Psoriasis plaque on the elbow with silvery scale.", "CC-BY-4.0", "=HYPERLINK(\"http://evil.example\",\"x\")", "local"),
        ("f2", "Eczema on the dorsal hand.", "CC-BY-4.0", "@SUM(1+1)", "local"),
        ("f3", "+cmd|' /C calc'!A0 Melanoma on the back.", "CC-BY-4.0", "-2+3", "local"),
        ("f4", "Psoriasis\u202e on the knee\u2066 with\u200b silvery\ufeff scale.", "CC-BY-4.0", "", "local"),
        ("f5", "Psoriasis plaque\x00on the elbow with silvery scale.", "CC-BY-4.0", "", "local"),
        ("f6", "Basal cell carcinoma on the nose.", "CC-BY-4.0\n# Owned\n<img src=x onerror=alert(1)>", "",
         "forum<script>alert(1)</script>"),
        ("f7", "Urticaria on the trunk.", "CC-BY-4.0", "", "$\\frac$ forum"),
        ("f8", "Acne vulgaris on the face. " + "x" * 1_048_576, "CC-BY-4.0", "", "local"),
        ("f9", "Tinea corporis on the arm with a scaly border.", "CC-BY-4.0", "", "local"),
    ]
    import csv

    with open(src / "metadata.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["item_id", "image", "text", "license", "source_url", "source_type"])
        for (item, text, lic, url, st), name in zip(rows, names):
            img = long_name if item == "f9" else f"{item}.jpg"
            shutil.copy(photo(name), src / img)
            w.writerow([item, img, text, lic, url, st])
    recipe = keep_all_recipe(tmp / "r.toml", "text", src, """[caption]
min_words = 1
""")
    out = tmp / "out"
    p = cli("run", "--recipe", recipe, "--out", out)
    assert p.returncode == 0, p.stdout + p.stderr
    p = cli("report", out)
    assert p.returncode == 0, p.stdout + p.stderr
    return out, rows


def test_captions_csv_has_no_formula_lead_and_no_invisible_characters(hostile_build):
    out, rows = hostile_build
    df = pd.read_csv(out / "dataset" / "captions.csv", dtype=str, keep_default_na=False)
    for col in df.columns:
        for v in df[col]:
            assert not (v[:1] in FORMULA_LEAD and v.lstrip("+-").replace(".", "").isdigit() is False), (col, v)
            assert not any(c in v for c in INVISIBLE), (col, v)
    urls = dict(zip(df["caption"].str[:12], df["source_url"]))
    by_url = set(df["source_url"])
    # neutralised as documented, and exactly reversible
    assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in by_url and "'@SUM(1+1)" in by_url and "'-2+3" in by_url
    assert {original(u) for u in by_url} >= {r[3] for r in rows[:3]}
    assert urls  # the loader columns are there
    caps = " | ".join(df["caption"])
    assert "+cmd" not in [c[:4] for c in df["caption"]]
    assert "Psoriasis on the knee with silvery scale" in caps
    # NUL removed, not turned into a sentence break
    assert "plaqueon the elbow" in caps and "plaque. On the elbow" not in caps


def test_datasheet_values_are_escaped(hostile_build):
    out, _ = hostile_build
    text = (out / "dataset" / "DATASHEET.md").read_text(encoding="utf-8")
    import re

    assert not re.search(r"(?<!\\)<(img|script)", text)
    assert not any(line.startswith("# Owned") for line in text.splitlines())
    assert "\\<img src=x onerror=alert(1)\\>" in text


def test_one_megabyte_caption_and_dollar_signs_do_not_stop_the_build(hostile_build):
    out, _ = hostile_build
    import pyarrow.parquet as pq

    dropped = []
    for p in sorted((out / "work" / "harvest" / "_excluded").glob("part-*.parquet")):
        t = pq.read_table(p).to_pylist()
        dropped += [(r["meta"], r["reason"]) for r in t]
    assert any('"item_id": "f8"' in m and reason == "text_too_long" for m, reason in dropped)
    assert (out / "dataset" / "figures" / "source_types.png").stat().st_size > 1000
    df = pd.read_csv(out / "dataset" / "captions.csv", dtype=str, keep_default_na=False)
    assert "$\\frac$ forum" in set(df["source_type"])
    assert len(df) == 8  # f1-f7 and the 249-character file name; only the 1 MB caption is lost


def test_csv_value_leaves_non_text_alone():
    assert csv_value(None) is None and csv_value(3) == 3 and csv_value("=1") == "'=1"
