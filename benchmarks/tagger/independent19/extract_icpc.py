"""Copy the ICPC-2 rubric fields this set uses, unchanged, out of the Debian package gnumed-server 22.19-1, whose
schema script `/var/lib/gnumed/server/sql/v15-ref-icpc2-data.sql` loads the English ICPC-2 (International
Classification of Primary Care, 2nd edition; WONCA) into a staging table: per rubric its title, inclusion and
exclusion lists, inclusion criteria ("CRIT"), a "consider" field and notes, written by the classification's
authors as short clinical phrases.

Run once when the set was written (the package is not a dependency of the project):

    mkdir /tmp/g && cd /tmp/g && apt-get download gnumed-server && dpkg-deb -x gnumed-server_22.19-1_all.deb ex
    python -m benchmarks.tagger.independent19.extract_icpc /tmp/g/ex/var/lib/gnumed/server/sql/v15-ref-icpc2-data.sql
    python -m benchmarks.tagger.independent19.extract_icpc ...v15-ref-icpc2-data.sql --list     # the candidates

Selection rule (by program): every INSERT's fields DESCRIPTION, CRIT, INCL, EXCL, CONS and NOTE are units, keyed
"CODE:field" (field lower case: description, crit, incl, excl, cons, note); a unit is a candidate when it holds a
skin, hair, nail, mucosa or skin-finding word (`SKIN`) or its rubric is in ICPC-2 component S (skin). The units the
set uses are the keys `real_icpc.txt` names. Writes `icpc_units.txt`: one line per used unit, "KEY<TAB>UNIT".
Standard library only.
"""
from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
COLUMNS = ("component", "description", "short", "icd_10", "crit", "incl", "excl", "cons", "note", "icpc", "code")
FIELDS = ("description", "crit", "incl", "excl", "cons", "note")
INSERT = re.compile(r"^INSERT INTO staging\.icpc \([^)]*\) VALUES \((.*)\);\s*$")
VALUE = re.compile(r"\s*(NULL|-?[0-9]+|'(?:[^']|'')*')\s*(?:,|$)")
SKIN = re.compile(r"skin|dermat|melanom|psoria|eczema|rash|cutaneous|lesion|nev|naev|wart|acne|urticar|pruri|itch|"
                  r"alopecia|hair|nail|ulcer|kerato|lupus|blister|herpes|zoster|scabies|tinea|cellulitis|erythem|"
                  r"burn|wound|mucos|lichen|rosacea|mole\b|bruis|abrasion|laceration|petechia|purpura|angioma|"
                  r"boil|furuncle|impetigo|vesic|papul|pustul|scal|scar|wheal|lump|sweat|pigment|lip\b|lips|"
                  r"mouth|candid|monilia|thrush|fung|louse|lice|condylom|exanthem|measles|rubella|varicella|"
                  r"chickenpox|pox|sting|bite|corn\b|callus|ingrow|intertrigo|seborr|dandruff|freckle|"
                  r"chilblain|frostbite|sunburn|photo|hidradenitis|pilonidal|cyst", re.I)


def parse_values(inner: str) -> list:
    """The SQL tuple's values: None for NULL, int for numbers, str (with '' unescaped) for strings."""
    out, pos = [], 0
    while pos < len(inner):
        m = VALUE.match(inner, pos)
        assert m, ("cannot parse SQL values at", inner[pos:pos + 40])
        v = m.group(1)
        out.append(None if v == "NULL" else v[1:-1].replace("''", "'") if v.startswith("'") else int(v))
        pos = m.end()
    return out


def all_units(sql: str) -> dict[str, str]:
    """CODE:field -> the field's text, for every rubric's non-empty fields."""
    out: dict[str, str] = {}
    for line in sql.splitlines():
        m = INSERT.match(line)
        if not m:
            continue
        row = dict(zip(COLUMNS, parse_values(m.group(1))))
        for f in FIELDS:
            if row[f]:
                out.setdefault(f"{row['code']}:{f}", row[f])
    return out


def candidates(sql: str) -> dict[str, str]:
    return {k: u for k, u in all_units(sql).items() if SKIN.search(u) or re.fullmatch(r"S[0-9]{2}:.*", k)}


def used_keys() -> list[str]:
    return [line.split("||")[0].strip() for line in (HERE / "real_icpc.txt").read_text(encoding="utf-8")
            .splitlines() if line.strip() and not line.startswith("#")]


def main(path: Path) -> None:
    found = candidates(path.read_text(encoding="utf-8"))
    out = ["# ICPC-2 (English) rubric fields, copied unchanged from the Debian package gnumed-server 22.19-1",
           f"# (gnumed-server_22.19-1_all.deb), file /var/lib/gnumed/server/sql/{path.name}"
           f" (sha256 {hashlib.sha256(path.read_bytes()).hexdigest()})",
           "# CODE:field <TAB> unit (ICPC-2 code, the staging table's column)"]
    for key in used_keys():
        assert key in found, ("no candidate unit", key)
        out.append(f"{key}\t{found[key]}")
    (HERE / "icpc_units.txt").write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[2:] == ["--list"]:
        for key, u in candidates(Path(sys.argv[1]).read_text(encoding="utf-8")).items():
            print(f"{key}\t{u}")
    else:
        main(Path(sys.argv[1]))
