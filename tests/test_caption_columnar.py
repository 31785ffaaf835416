"""The caption stage's rules back-end on Arrow columns gives exactly the per-row reference result."""

from __future__ import annotations

import pyarrow as pa

from conftest import write_recipe
from derm1m_build import schema
from derm1m_build.pipeline import context_for
from derm1m_build.recipe import load_recipe
from derm1m_build.registry import make_stage

TEXTS = [
    "um so welcome back everyone, so here you can see uh well-demarcated erythematous plaques with silvery "
    "scale on the elbow, and and this is really the classic picture of psoriasis, you know, so in a 45 year "
    "old man you would think of psoriasis first. don't forget to subscribe.",
    "Figure 2. Clinical photograph showing a pearly papule with rolled borders on the nose of a "
    "67-year-old woman, consistent with basal cell carcinoma. (A) Overview. (B) Dermoscopy.",
    "I have had a ring-shaped rash on my arm for about 3 weeks and it is getting worse. Doctor's answer: "
    "this looks like tinea corporis; itchy, no pain.",
    "Clinical image of melanoma on the back of a 52-year-old man.",
    "ok",  # too short: dropped
    "",
    None,
    "Tengo una erupción roja en el brazo desde hace dos semanas y me pica mucho",
    "A &amp; B: grouped vesicles\u200b on an erythematous base\x00 in a dermatomal distribution. " * 12,
    "FIGURE 1 ATOPIC DERMATITIS OF THE NECK IN A CHILD",
]


def _table(n: int) -> pa.Table:
    s = schema.schema_for("filter")
    cols = {f.name: [None] * n for f in s}
    cols["sample_id"] = [f"s{i:04d}" for i in range(n)]
    cols["raw_text"] = [TEXTS[(i * 7) % len(TEXTS)] for i in range(n)]
    cols["lang"] = [("es" if i % 10 == 7 else None if i % 5 == 0 else "en") for i in range(n)]
    cols["source"] = ["forum"] * n
    cols["meta"] = ["{}"] * n
    cols["width"] = list(range(n))
    return pa.Table.from_pydict(cols, schema=s)


def test_rules_columns_equal_rows(tmp_path):
    recipe = load_recipe(write_recipe(tmp_path / "r.toml", '[build]\nname = "c"\n[harvest.local]\npath = "x"\n'
                                                           '[caption]\nmin_words = 3\nmax_clip_tokens = 40\n'))
    st = make_stage("caption", recipe, context_for(recipe, tmp_path / "out"))
    st.setup()
    t = _table(60)
    ref = st.rows_batch(t)
    got = st.process_batch(t)  # the rules back-end: the columnar path
    assert got.kept.num_rows and got.excluded.num_rows  # both kinds of row are exercised
    assert got.kept.equals(ref.kept) and got.excluded.equals(ref.excluded)
    assert set(got.excluded.column("reason").to_pylist()) == {"caption_too_short"}
    assert "rules+untranslated" in got.kept.column("caption_backend").to_pylist() + \
        got.excluded.column("caption_backend").to_pylist()
    empty = st.process_batch(t.slice(0, 0))
    assert empty.kept.num_rows == 0 and empty.kept.schema == ref.kept.schema


def test_terms_search_is_find_nonempty():
    from derm1m_build.captioning.rules import Terms

    t = Terms({"rash": "", "red rash": "", "arm": "site", "c": ""})
    for low in ["", "rash", "a red rash here", "rashes", "farm", "arm_", "_arm", "the arm.", "c", "abc", "red rashy arm",
                "x" * 50 + " arm"]:
        assert t.search(low) == bool(t.find(low)), low
    assert Terms({}).search("anything") is False
