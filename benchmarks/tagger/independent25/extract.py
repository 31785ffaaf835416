"""Copy this set's real units: verses of the World English Bible (public domain), as the Debian package
`sword-text-web` 426.0-1 ships them in the SWORD module `engWEB2015eb` (`/usr/share/sword/modules/texts/ztext/
engWEB2015eb/`, zText driver, OSIS markup, zlib-compressed blocks).

Why this source: it is real, running English prose that describes skin in a physician's register (Leviticus 13-14's
examination of swellings, scabs, bright spots, white hair, raw flesh, boils, burns, itch and baldness; "leprosy" of
people and of garments and houses, which is mould), in patients' and onlookers' words (sores, boils, bruises, wounds,
itch) and beside the words' false friends ("boil" the meat, a "rash" vow, a "spot" of the flock, "bruise" a reed),
and no earlier set drew on it.

A unit is `WEB:OT.nnnnn` or `WEB:NT.nnnnn` (the verse's entry number in the testament's `.bzv` index) -> the verse's
text with its OSIS markup removed (footnotes `<note>...</note>` dropped with their content, every other tag dropped,
character references decoded, runs of white space as one space), otherwise verbatim. Selected, by program:

- a **verse** is kept as a candidate when it has at least four words and at most 320 characters;
- a **skin verse** is a candidate holding a word of `SKIN` (leprosy, leper, boil(s), sore(s), scab(s), itch, blains,
  blisters, rash, freckled, bald, baldness, skin, ulcer(s), scurvy, wart(s), bruise..., wound(s), swelling,
  inflammation, spot(s), scar(s)); **every second skin verse in book order, from the first**, is kept;
- a **plain verse** (a candidate without a `SKIN` word): every 5,000th in book order, from the first (the
  false-positive part);

less any verse that the gold set or an earlier independent set already holds as a text (exactly or after folding
case and punctuation); a verse repeated in the module is kept once, the first time.

    mkdir -p /tmp/web && cd /tmp/web && apt-get download sword-text-web=426.0-1 && dpkg-deb -x sword-text-web_*.deb x
    python -m benchmarks.tagger.independent25.extract /tmp/web/x/usr/share/sword/modules/texts/ztext/engWEB2015eb --list
    python -m benchmarks.tagger.independent25.extract /tmp/web/x/usr/share/sword/modules/texts/ztext/engWEB2015eb --write

The package is not a dependency; nothing here runs a tagger.
"""
from __future__ import annotations

import hashlib
import html
import re
import struct
import sys
import zlib
from pathlib import Path

HERE = Path(__file__).parent
TESTAMENTS = ("ot", "nt")
SKIN = re.compile(r"\b(lepro\w*|lepers?|boils?|sores?|scabs?|itch|itching|blains|blisters?|rash|freckled|bald|baldness"
                  r"|skin|ulcers?|scurvy|warts?|bruis\w*|wounds?|swelling|inflammation|spots?|scars?)\b", re.I)
MAX_CHARS, MIN_WORDS = 320, 4
SKIN_STEP, PLAIN_STEP = 2, 5000


def _fold(s: str) -> str:
    return re.sub(r"[\W_]+", " ", s.lower()).strip()


def clean(raw: str) -> str:
    """OSIS markup off: footnotes with their content, then every tag; references decoded; spaces folded."""
    text = re.sub(r"<note\b.*?</note>", "", raw, flags=re.S)
    text = re.sub(r"<[^>]+>", "", text)
    return re.sub(r"\s+", " ", html.unescape(text)).strip()


def testament_units(prefix: str, bzs: bytes, bzv: bytes, bzz: bytes) -> dict[str, str]:
    """WEB:PREFIX.nnnnn -> verse text for every non-empty entry of a zText index (`.bzv`: 10-byte entries of block,
    offset, size; `.bzs`: 12-byte entries of offset, size, uncompressed size into `.bzz`)."""
    blocks = [struct.unpack("<III", bzs[i:i + 12]) for i in range(0, len(bzs), 12)]
    cache: dict[int, bytes] = {}
    out: dict[str, str] = {}
    for n in range(len(bzv) // 10):
        block, offset, size = struct.unpack("<IIH", bzv[n * 10:n * 10 + 10])
        if size == 0:
            continue
        if block not in cache:
            start, length, _ = blocks[block]
            cache[block] = zlib.decompress(bzz[start:start + length])
        text = clean(cache[block][offset:offset + size].decode("utf-8"))
        if text:
            out[f"WEB:{prefix.upper()}.{n:05d}"] = text
    return out


def kind(text: str) -> str:
    """'skin', 'plain' or '' (too short or too long to be a unit)."""
    if len(text.split()) < MIN_WORDS or len(text) > MAX_CHARS:
        return ""
    return "skin" if SKIN.search(text) else "plain"


def selected(units: dict[str, str]) -> dict[str, str]:
    """Every second skin verse and every 5,000th plain one, each in book order from the first; a verse repeated in
    the module is kept once, the first time."""
    skin = [k for k, t in units.items() if kind(t) == "skin"]
    plain = [k for k, t in units.items() if kind(t) == "plain"]
    keep = set(skin[::SKIN_STEP]) | set(plain[::PLAIN_STEP])
    out: dict[str, str] = {}
    seen: set[str] = set()
    for k, t in units.items():
        if k in keep and _fold(t) not in seen:
            out[k] = t
            seen.add(_fold(t))
    return out


def read_module(data: Path) -> tuple[str, dict[str, str]]:
    """The sha256 of the six module files (in a fixed order) and every verse unit, Old Testament first."""
    digest = hashlib.sha256()
    units: dict[str, str] = {}
    for t in TESTAMENTS:
        parts = [(data / f"{t}.{ext}").read_bytes() for ext in ("bzs", "bzv", "bzz")]
        for p in parts:
            digest.update(p)
        units.update(testament_units(t, *parts))
    return digest.hexdigest(), units


def main(argv: list[str]) -> None:
    digest, units = read_module(Path(argv[0]))
    chosen = selected(units)
    if argv[1:] == ["--list"]:
        for k, t in chosen.items():
            print(f"{k}\t{kind(t)}\t{t}")
        return
    from .build import normalise, taken_texts
    taken = {normalise(t) for t in taken_texts()}
    dropped = [k for k, t in chosen.items() if normalise(t) in taken]
    print("left out (already in an earlier set):", " ".join(dropped) or "none")
    lines = ["# verbatim verses of the World English Bible, SWORD module engWEB2015eb, Debian sword-text-web 426.0-1;",
             f"# sha256 of ot.bzs ot.bzv ot.bzz nt.bzs nt.bzv nt.bzz together {digest}"]
    lines += [f"{k}\t{t}" for k, t in chosen.items() if k not in dropped]
    (HERE / "units.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
