"""Copy this set's real units: abstract and title sentences from the table of cancer-research abstracts that the
PyPI sdist `cancer-researcher-ai` 0.2.1 (MIT package) ships.

`cancer_researcher_ai/Final_Stacked_Data_without_Duplicates.csv` holds 3,236 articles (PubMed and bioRxiv) as
"index, Title, Authors, Link, Abstract". A unit is `CRA:Rnnnn.Smm` (the row's index; sentence 0 is the title,
1.. the abstract's sentences, split before a capital after ". ", "! " or "? ", and at line breaks) -> the sentence, verbatim.
Selected, by program (`selected`):

- a **skin sentence** names a skin condition in words a reader of any field uses (`SKIN`: melanoma, skin cancer /
  tumour / lesion / toxicity / rash, anything "cutaneous", keratosis, basal cell carcinoma, Merkel, Kaposi, mycosis
  fungoides, psoriasis, eczema, dermatitis, naevi, mucositis, alopecia, vitiligo, acne, rash, pruritus,
  hand-foot); sentences about cultured cells ("cell line", "cells") and sentences over 320 characters are left out;
  every third skin sentence in file order, from the first, is kept, unless its only skin words are an eye's
  melanoma (uveal, choroidal, iris, ocular, ciliary body) or mucositis (`NOT_SKIN`: other organs, animal models);
- a **plain sentence** (no `SKIN` word, no cells, at most 320 characters): every 1,500th in file order, from the
  first (the false-positive part);

less any sentence that the gold set or an earlier independent set already holds (exactly or after folding case and
punctuation), which `write` leaves out and names.

    pip download --no-deps --no-build-isolation --no-binary :all: cancer-researcher-ai==0.2.1 -d /tmp/cra
    tar xzf /tmp/cra/*.tar.gz -C /tmp/cra
    python -m benchmarks.tagger.independent22.extract /tmp/cra/cancer_researcher_ai-0.2.1/cancer_researcher_ai --list
    python -m benchmarks.tagger.independent22.extract /tmp/cra/cancer_researcher_ai-0.2.1/cancer_researcher_ai --write

The package is not a dependency; nothing here runs a tagger.
"""
from __future__ import annotations

import csv
import hashlib
import io
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
FILE = "Final_Stacked_Data_without_Duplicates.csv"
SKIN = re.compile(r"\b(melanomas?|skin (cancers?|tumou?rs?|lesions?|toxicit(y|ies)|rash(es)?|carcinomas?)|cutaneous"
                  r"|keratos[ie]s|basal[- ]cell carcinomas?|merkel|kaposi|mycosis fungoides|psoria\w*|eczema\w*"
                  r"|dermatitis|nev(us|i)|naev(us|i)|mucositis|alopecia|vitiligo|acne|rash(es)?|pruritus|hand-foot)\b",
                  re.I)
# after sampling: a skin sentence whose only skin words are an eye's melanoma or (animal) mucositis is left out
NOT_SKIN = re.compile(r"\b(uveal|choroidal|iris|ocular|ciliary body)\b[\w ]{0,30}?melanomas?\b|\bmucositis\b", re.I)
CELLS = re.compile(r"\bcell lines?\b|\bcells\b", re.I)
SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])|\s*\n\s*")
MAX_CHARS = 320


def sentence_units(text: str) -> dict[str, str]:
    """CRA:Rnnnn.Smm -> sentence, for every article's title (S00) and abstract sentences, in file order."""
    csv.field_size_limit(1 << 30)
    out: dict[str, str] = {}
    for row in csv.DictReader(io.StringIO(text)):
        parts = [row["Title"].strip()] + [s.strip() for s in SPLIT.split(row["Abstract"].strip())]
        for k, s in enumerate(parts):
            if s:
                out[f"CRA:R{int(row['']):04d}.S{k:02d}"] = s
    return out


def kind(sentence: str) -> str:
    """'skin', 'plain' or '' (left out: cultured cells, or too long)."""
    if CELLS.search(sentence) or len(sentence) > MAX_CHARS:
        return ""
    return "skin" if SKIN.search(sentence) else "plain"


def selected(units: dict[str, str]) -> dict[str, str]:
    """Every third skin sentence (less those `NOT_SKIN` empties) and every 1,500th plain sentence, each in file order from the first."""
    skin = [k for k, s in units.items() if kind(s) == "skin"]
    plain = [k for k, s in units.items() if kind(s) == "plain"]
    keep = {k for k in skin[::3] if SKIN.search(NOT_SKIN.sub(" ", units[k]))} | set(plain[::1500])
    out: dict[str, str] = {}
    for k, s in units.items():  # a sentence repeated in the file ("Conclusions:") is kept once, the first time
        if k in keep and re.sub(r"[\W_]+", " ", s.lower()).strip() not in \
                {re.sub(r"[\W_]+", " ", t.lower()).strip() for t in out.values()}:
            out[k] = s
    return out


def main(argv: list[str]) -> None:
    data = Path(argv[0])
    raw = (data / FILE).read_bytes()
    units = sentence_units(raw.decode("utf-8"))
    chosen = selected(units)
    if argv[1:] == ["--list"]:
        for k, t in chosen.items():
            print(f"{k}\t{kind(t)}\t{t}")
        return
    from .build import normalise, taken_texts
    taken = {normalise(t) for t in taken_texts()}
    dropped = [k for k, t in chosen.items() if normalise(t) in taken]
    print("left out (already in an earlier set):", " ".join(dropped) or "none")
    lines = [f"# verbatim sentences from cancer-researcher-ai 0.2.1 (PyPI sdist) cancer_researcher_ai/{FILE};",
             f"# sha256 {hashlib.sha256(raw).hexdigest()}"]
    lines += [f"{k}\t{t}" for k, t in chosen.items() if k not in dropped]
    (HERE / "units.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
