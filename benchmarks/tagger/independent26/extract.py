"""Copy the real units of the twenty-sixth independent set from the HL7 FHIR R4 example resources (CC0).

The source is the npm package `hl7.fhir.r4.examples` 4.0.1 (HL7's example resources of the FHIR R4 standard,
licence CC0-1.0), fetched as the registry serves it and never installed:

    curl -s https://registry.npmjs.org/hl7.fhir.r4.examples \
        | python -c "import json,sys; print(json.load(sys.stdin)['versions']['4.0.1']['dist']['tarball'])"
    curl -s -o /tmp/hl7.fhir.r4.examples-4.0.1.tgz <that tarball>
    python -m benchmarks.tagger.independent26.extract /tmp/hl7.fhir.r4.examples-4.0.1.tgz

Only clinical example resources are read (conformance resources: code systems, value sets, profiles, search
parameters and the like, are skipped); a Bundle's entries and a resource's `contained` resources are read as
resources. A **unit** is a piece of human-written text: a line of a narrative `text.div` that is not a generated
narrative, or a string field named text, description, summary, comment, valueString, detail or outcome. Units are
keyed `FHIR:<file>.<n>` (n: the unit's place among the file's new units). A **candidate** has at least six words, a
run of three lower-case words (prose, not a code or a table cell) and at most 400 characters. Every candidate holding
a word of `SKIN` is kept, and every third of the other candidates (from the first) as the false-positive part.
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import sys
import tarfile
from pathlib import Path

HERE = Path(__file__).parent
CONFORMANCE = {"CodeSystem", "ValueSet", "StructureDefinition", "SearchParameter", "ConceptMap",
               "OperationDefinition", "CapabilityStatement", "CompartmentDefinition", "ImplementationGuide",
               "NamingSystem", "StructureMap", "TerminologyCapabilities", "MessageDefinition", "GraphDefinition",
               "TestScript", "ExampleScenario", "EventDefinition", "Library", "Measure", "PlanDefinition",
               "ActivityDefinition", "Questionnaire"}
FIELDS = {"text", "description", "summary", "comment", "valueString", "detail", "outcome"}
SKIN = re.compile(r"\b(skin|rash\w*|itch\w*|prurit\w*|urticaria|hives|eczema|dermat\w*|psoria\w*|melanoma|moles?|"
                  r"nev\w*|lesions?|wounds?|ulcer\w*|blister\w*|erythem\w*|acne|warts?|burns?|bruis\w*|swell\w*|"
                  r"cellulitis|abscess\w*|scars?|carcinoma|sunburn|lupus|anaphyla\w*|angioedema|redness|allerg\w*|"
                  r"sores?|scalp|topical|cream|ointment)\b", re.I)
PROSE = re.compile(r"[a-z]{3,} [a-z]{3,} [a-z]{2,}")
BLOCK_END = re.compile(r"(?is)<(br|/p|/li|/tr|/td|/th|/div|/h\d)[^>]*>")


def _resources(obj):
    if isinstance(obj, dict):
        if obj.get("resourceType") == "Bundle":
            for entry in obj.get("entry", []):
                yield from _resources(entry.get("resource"))
        else:
            yield obj


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _div_lines(div: str):
    text = html.unescape(re.sub(r"<[^>]+>", " ", BLOCK_END.sub("\n", div)))
    for line in text.split("\n"):
        if _fold(line):
            yield _fold(line)


def _strings(obj, key: str = ""):
    """The resource's human-written texts, in document order."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "text" and isinstance(v, dict) and "div" in v:
                if "Generated Narrative" not in v["div"]:
                    yield from _div_lines(v["div"])
            elif k == "contained":
                for c in v:
                    yield from _strings(c)
            else:
                yield from _strings(v, k)
    elif isinstance(obj, list):
        for v in obj:
            yield from _strings(v, key)
    elif isinstance(obj, str) and key in FIELDS and not obj.startswith("http") and _fold(obj):
        yield _fold(obj)


def read_package(files: dict[str, bytes]) -> dict[str, str]:
    """{file name: its JSON bytes} -> {KEY: unit}, the first occurrence of each text only."""
    out: dict[str, str] = {}
    seen: set[str] = set()
    for name in sorted(files):
        try:
            doc = json.loads(files[name])
        except ValueError:
            continue
        n = 0
        for res in _resources(doc):
            if res.get("resourceType") in CONFORMANCE:
                continue
            for text in _strings(res):
                if text not in seen:
                    seen.add(text)
                    n += 1
                    out[f"FHIR:{name[:-5]}.{n}"] = text
    return out


def candidate(text: str) -> bool:
    return len(text.split()) >= 6 and len(text) <= 400 and bool(PROSE.search(text))


def kind(text: str) -> str:
    if not candidate(text):
        return ""
    return "skin" if SKIN.search(text) else "plain"


def selected(units: dict[str, str]) -> dict[str, str]:
    skin = [k for k, t in units.items() if kind(t) == "skin"]
    plain = [k for k, t in units.items() if kind(t) == "plain"][::3]
    keep = set(skin) | set(plain)
    return {k: t for k, t in units.items() if k in keep}


def read_tarball(path: Path) -> tuple[str, dict[str, str]]:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    files = {}
    with tarfile.open(path) as tar:
        for m in tar.getmembers():
            if m.isfile() and re.fullmatch(r"package/[^/]+\.json", m.name) and not m.name.endswith(
                    ("package.json", ".index.json")):
                files[m.name.split("/", 1)[1]] = tar.extractfile(m).read()
    return digest, read_package(files)


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0]).is_file():
        print("usage: python -m benchmarks.tagger.independent26.extract hl7.fhir.r4.examples-4.0.1.tgz",
              file=sys.stderr)
        return 2
    digest, units = read_tarball(Path(argv[0]))
    keep = selected(units)
    lines = [f"# hl7.fhir.r4.examples 4.0.1 (npm), sha256 of the tarball {digest}",
             f"# {len(units)} units; kept {len(keep)} by the rule in extract.py"]
    lines += [f"{k}\t{t}" for k, t in keep.items()]
    (HERE / "units.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"kept {len(keep)} of {len(units)} units "
          f"({sum(kind(t) == 'skin' for t in keep.values())} skin)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
