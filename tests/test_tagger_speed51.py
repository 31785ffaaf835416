"""Speed round 51: the window's texts with no unknown word read their exact hits with no `_exact_and_fuzzy` call;
checked on new texts against `_prepare` (the same prepared forms, the fuzzy pass's texts included)."""

from __future__ import annotations

from tagger_helpers import tg  # noqa: F401 (tg is a fixture)


def test_window_reads_exact_hits_directly(tg, monkeypatch):  # noqa: F811
    """A window's texts with no promising unknown word skip `_exact_and_fuzzy`; each text's prepared form is still
    `_prepare`'s, those with a typo (read by the fuzzy pass) included."""
    tagger, _ = tg
    texts = ["Nodular basal cell carcinoma on the nasal ala.", "actnic keratosis on the forhead", "",
             "Psoriasis|plaques on both elbows", "seborheic keratosis, back", "No melanoma.  Benign naevus.",
             "basal cel carcinoma", "A note with no name at all."]
    calls = []
    real = tagger._exact_and_fuzzy

    def spy(c, *args, **kwargs):
        calls.append(c)
        return real(c, *args, **kwargs)

    monkeypatch.setattr(tagger, "_exact_and_fuzzy", spy)
    window = tagger._prepare_window(texts)
    monkeypatch.undo()
    assert window == [tagger._prepare(t) for t in texts]
    # only the texts with a word the fuzzy pass reads went through `_exact_and_fuzzy`
    assert 1 <= len(calls) <= 3 and all("actnic" in c or "seborheic" in c or " cel " in c for c in calls)
    assert any(p is not None and p[5] for p, c in zip(window, texts) if c and c not in " ".join(calls))
