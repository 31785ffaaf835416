"""Copy this set's real units: headwords of an English medical spelling dictionary (OpenMedSpel and MTH-Med-Spel-Chek,
merged as `hunspell-en-med-glut`), as the Debian package `hunspell-en-med` 0.0.20140410-4 ships them in
`/usr/share/hunspell/en_med_glut.dic`.

The file is one headword a line, with hunspell affix flags after a "/" on some lines; its first line is the count and
an indented comment block follows. A unit is `OMS:Lnnnnn` (the headword's 1-based line number in the file) -> the
headword without its flags, verbatim. Selected, by program (`selected`):

- a **candidate** is a headword of at least 6 letters a-z only (no capitals: brand names and eponyms with their
  capital are left out; no digits, hyphens or spaces: chemical names);
- a **skin headword** is a candidate holding a stem of `SKIN` (disease and lesion stems of dermatology: dermatitis,
  dermatosis, eczema, psoriasis, pemphigus, urticaria, prurigo, lichen, keratosis, ichthyosis, acne, rosacea, alopecia,
  vitiligo, melanoma, naevus, lentigo, granuloma, xanthoma, impetigo, tinea, onych-, cellulitis, wart, verruca, herpes,
  lupus, purpura, vasculitis, keloid, hidrosis, seborrh-, pityriasis, erythema, mycosis, syphilis, pustule, bulla,
  papule and others listed in `SKIN`); **every third skin headword in file order, from the first**, is kept;
- a **plain headword** (a candidate without a `SKIN` stem): every 6,000th in file order, from the first (the
  false-positive part);

less any headword that the gold set or an earlier independent set already holds as a text (exactly or after folding
case and punctuation).

    mkdir -p /tmp/oms && cd /tmp/oms && apt-get download hunspell-en-med=0.0.20140410-4 && dpkg-deb -x hunspell-en-med_*.deb x
    python -m benchmarks.tagger.independent24.extract /tmp/oms/x/usr/share/hunspell --list
    python -m benchmarks.tagger.independent24.extract /tmp/oms/x/usr/share/hunspell --write

The package is not a dependency; nothing here runs a tagger.
"""
from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
FILE = "en_med_glut.dic"
CANDIDATE = re.compile(r"[a-z]{6,}")
SKIN = re.compile(r"dermatit|dermatos[ie]s|dermatophyt|dermatomyosit|eczem|psoria|pemphig|urticari|prurigo|prurit|lichen"
                  r"|keratos[ie]s|keratoderm|keratoacanth|ichthyos|acne|rosacea|alopeci|vitiligo|melanom|n(a)?ev(us|i)$"
                  r"|lentig|melasma|melanos[ie]s|angioma|angiokeratoma|granuloma|xanthoma|xanthelasma|impetig|tinea"
                  r"|candidias|onych|cellulit|erysipel|folliculit|furunc|carbunc|scabie|pedicul|verruc|wart|molluscum"
                  r"|herpe|zoster|varicella|lupus|sclerod|morphea|purpur|petechia|ecchymo|vasculit|keloid|milia$"
                  r"|hidradenit|hidros[ie]s|miliaria|seborrh|pityriasis|erythema|erythroderm|intertrig|cheilit|mycosis"
                  r"|sporotrich|leishmania|lepros|lepromat|syphil|porokerat|syringoma|trichoepithelioma|pilomatri"
                  r"|lipoma|dermatofibroma|neurofibroma|mastocyt|sarcoidos|hirsut|hypertrichos|chilblain|frostbite"
                  r"|sunburn|callus|striae|livedo|acanthos|panniculit|mycetoma|chromoblast|amyloidos|calcinos"
                  r"|xeroderm|albinism|piebald|ephelid|freckl|comedo|milium|pustul|bullous|bulla|papul")
# after the first listing: a skin headword is kept only when it can name a finding: not an adjective, a Latin
# case form, a drug, chemical, enzyme, science or operation (`NOT_NAME` endings) and not a disease of another organ
# (`OTHER_ORGAN` prefixes)
NOT_NAME = re.compile(r"(ic|ous|al|oid|like|iform|ant|ate|ine|in|ase|ogy|tomy|genic|osus|osa|icus|atis|eale|ea|is)$")
OTHER_ORGAN = re.compile(r"^(broncho|pneumo|esophag|oesophag|pharyng|vagino|cholang|chorang|kerato(?!acanth|derma$)|myo|"
                         r"retin|comedocarc|haplo)")
SKIN_STEP, PLAIN_STEP = 3, 6000


def _fold(s: str) -> str:
    return re.sub(r"[\W_]+", " ", s.lower()).strip()


def headword_units(text: str) -> dict[str, str]:
    """OMS:Lnnnnn -> headword (flags after "/" dropped), for every headword line: not the count line, not an
    indented comment line, not an empty line."""
    out: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), 1):
        if n == 1 or not line.strip() or line[0].isspace():
            continue
        out[f"OMS:L{n:05d}"] = line.split("/")[0].strip()
    return out


def kind(word: str) -> str:
    """'skin', 'plain' or '' (not a candidate, or a `SKIN` word that cannot name a finding)."""
    if not CANDIDATE.fullmatch(word):
        return ""
    if not SKIN.search(word):
        return "plain"
    return "" if NOT_NAME.search(word) or OTHER_ORGAN.search(word) else "skin"


def selected(units: dict[str, str]) -> dict[str, str]:
    """Every third skin headword and every 6,000th plain one, each in file order from the first; a headword
    repeated in the file is kept once, the first time."""
    skin = [k for k, w in units.items() if kind(w) == "skin"]
    plain = [k for k, w in units.items() if kind(w) == "plain"]
    keep = set(skin[::SKIN_STEP]) | set(plain[::PLAIN_STEP])
    out: dict[str, str] = {}
    seen: set[str] = set()
    for k, w in units.items():
        if k in keep and _fold(w) not in seen:
            out[k] = w
            seen.add(_fold(w))
    return out


def read_file(data: Path) -> tuple[bytes, str]:
    raw = (data / FILE).read_bytes()
    return raw, raw.decode("utf-8")


def main(argv: list[str]) -> None:
    raw, text = read_file(Path(argv[0]))
    chosen = selected(headword_units(text))
    if argv[1:] == ["--list"]:
        for k, w in chosen.items():
            print(f"{k}\t{kind(w)}\t{w}")
        return
    from .build import normalise, taken_texts
    taken = {normalise(t) for t in taken_texts()}
    dropped = [k for k, w in chosen.items() if normalise(w) in taken]
    print("left out (already in an earlier set):", " ".join(dropped) or "none")
    lines = [f"# verbatim headwords from hunspell-en-med 0.0.20140410-4 (Debian) /usr/share/hunspell/{FILE};",
             f"# sha256 {hashlib.sha256(raw).hexdigest()}"]
    lines += [f"{k}\t{w}" for k, w in chosen.items() if k not in dropped]
    (HERE / "units.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
