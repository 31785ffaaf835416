"""Speed round 51: the group look-up of `_drop_named_groups` behind its link's own literals (`fastmatch.may` on
`SUBTYPE_LINK`), and the window's texts with no unknown word reading their exact hits with no `_exact_and_fuzzy` call;
each checked on new texts against what the code gave before (the same drops, the same prepared forms)."""

from __future__ import annotations

import itertools

import derm1m_build.tagger.core as core
from derm1m_build.tagger.results import Match, TagResult

from tagger_helpers import tg  # noqa: F401 (tg is a fixture)

GROUP, KIND = "melanoma", "lentigo-maligna-melanoma"


def _two_names(text: str, first: str, second: str) -> TagResult:
    """A result naming `first` (the group) at the text's start and `second` (its member) at the text's end."""
    a = text.lower().index(first.replace("-", " "))
    b = text.lower().rindex(second.replace("-", " "))
    return TagResult(conditions=[Match(GROUP, "Melanoma", [], [a, a + len(first)]),
                                 Match(KIND, "Lentigo maligna melanoma", [], [b, len(text)])])


def _ids(res: TagResult) -> list[str]:
    return [m.id for m in res.conditions]


def test_group_dropped_only_through_a_link(tg):  # noqa: F811
    tagger, onto = tg
    assert GROUP in onto.path_ids(KIND)[:-1]  # (the pair the cases below rest on)
    cases = {
        "Melanoma; subtype: lentigo maligna melanoma": [KIND],
        "MELANOMA; SUBTYPE: LENTIGO MALIGNA MELANOMA": [KIND],  # the gate folds the case, as the pattern does
        "Melanoma > lentigo maligna melanoma": [KIND],
        "Melanoma, Variant = lentigo maligna melanoma": [KIND],
        "Melanoma; variant: lentigo maligna melanoma": [KIND],
        "Melanoma and lentigo maligna melanoma": [GROUP, KIND],  # no link's literal: the gate closes
        "Melanoma with lentigo maligna melanoma": [GROUP, KIND],
        # a non-ASCII text: the gate stays open, the pattern decides (a dash is no link; "type" after "; " is)
        "Melanoma \u2014 variant: lentigo maligna melanoma": [GROUP, KIND],
        "Melanoma (caf\u00e9 type): lentigo maligna melanoma": [GROUP, KIND],
        "Mélanoma; type: lentigo maligna melanoma": [KIND],
    }
    for text, want in cases.items():
        first = "mélanoma" if text.startswith("Mé") else "melanoma"
        res = _two_names(text, first, "lentigo maligna melanoma")
        core._drop_named_groups(text, res, onto)
        assert _ids(res) == want, text


def test_gate_changes_no_drop(tg, monkeypatch):  # noqa: F811
    """Every gap built from link pieces, other words and case forms: the gated function drops what the ungated one does."""
    _, onto = tg
    pieces = ("; ", ", ", " ", "subtype", "Sub-Type", "TYPE", "variant", "form", "Form", ">", " > ", ":", "=", "and",
              "chronic", "\u00e9", "(", "transformation")
    gaps = ["".join(p) for k in (1, 2, 3) for p in itertools.product(pieces, repeat=k)]
    texts = [f"Melanoma{g}lentigo maligna melanoma" for g in gaps]

    def run(gated: bool) -> list[list[str]]:
        if not gated:
            monkeypatch.setattr(core, "may", lambda pattern, s: True)
        out = []
        for text in texts:
            res = _two_names(text, "melanoma", "lentigo maligna melanoma")
            core._drop_named_groups(text, res, onto)
            out.append(_ids(res))
        monkeypatch.undo()
        return out

    gated, ungated = run(True), run(False)
    assert gated == ungated
    assert sum(len(x) == 1 for x in gated) >= 100 and sum(len(x) == 2 for x in gated) >= 100  # both outcomes met


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
