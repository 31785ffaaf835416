"""Copy the real units of the twenty-seventh independent set from four HL7 FHIR implementation guides' examples (CC0).

The sources are the example resources of four HL7 FHIR implementation-guide packages on the npm registry (each
licence CC0-1.0), fetched as the registry serves them and never installed:

    for p in hl7.fhir.uv.ips/-/hl7.fhir.uv.ips-2.0.0.tgz hl7.fhir.us.mcode/-/hl7.fhir.us.mcode-4.0.0.tgz \
             hl7.fhir.uv.sdc/-/hl7.fhir.uv.sdc-4.0.0-ballot.tgz \
             hl7.fhir.uv.genomics-reporting/-/hl7.fhir.uv.genomics-reporting-3.0.0.tgz; do
        curl -s -O https://registry.npmjs.org/$p; done
    python -m benchmarks.tagger.independent27.extract hl7.fhir.uv.ips-2.0.0.tgz hl7.fhir.us.mcode-4.0.0.tgz \
        hl7.fhir.uv.sdc-4.0.0-ballot.tgz hl7.fhir.uv.genomics-reporting-3.0.0.tgz

Only `package/example/*.json` is read (the guides' profiles and terminology are not), conformance resources are
skipped, a Bundle's entries and a resource's `contained` resources are read as resources. A **unit** is a piece of
human-written text: a line of a narrative `text.div` that is not a generated narrative, or a string field named text,
description, summary, comment, valueString, detail, outcome or display; white-space runs are folded and a text is kept
at its first occurrence over the four packages (in the order given) only. Units are keyed `<GUIDE>:<file>.<n>`
(GUIDE one of IPS, MCODE, SDC, GENOMICS). A **candidate** has at least four words, a run of two lower-case words
(prose, not a bare code) and at most 400 characters; every candidate is kept, skin text or not (`kind` says which).
"""
from __future__ import annotations

import hashlib
import html
import json
import re
import sys
import tarfile
from pathlib import Path

from benchmarks.tagger import set_build

HERE = Path(__file__).parent
GUIDES = {"hl7.fhir.uv.ips": "IPS", "hl7.fhir.us.mcode": "MCODE", "hl7.fhir.uv.sdc": "SDC",
          "hl7.fhir.uv.genomics-reporting": "GENOMICS"}
CONFORMANCE = {"CodeSystem", "ValueSet", "StructureDefinition", "SearchParameter", "ConceptMap",
               "OperationDefinition", "CapabilityStatement", "CompartmentDefinition", "ImplementationGuide",
               "NamingSystem", "StructureMap", "TerminologyCapabilities", "MessageDefinition", "GraphDefinition",
               "TestScript", "ExampleScenario", "EventDefinition", "Library", "Measure", "PlanDefinition",
               "ActivityDefinition"}
FIELDS = {"text", "description", "summary", "comment", "valueString", "detail", "outcome", "display"}
SKIN = re.compile(r"\b(skin|rash\w*|itch\w*|prurit\w*|urticaria|hives|eczema|dermat\w*|psoria\w*|melanoma|moles?|"
                  r"nev\w*|lesions?|wounds?|ulcer\w*|blister\w*|erythem\w*|acne|warts?|burns?|bruis\w*|swell\w*|"
                  r"cellulitis|abscess\w*|scars?|carcinoma|sunburn|lupus|anaphyla\w*|angioedema|redness|allerg\w*|"
                  r"sores?|scalp|topical|cream|ointment|hair|nails?|alopecia|purpura|photosensitivity|\w*pigment\w*|stevens|"
                  r"epiderm\w*|hirsutism|hypertrichosis|hyperhidrosis|telangiect\w*|bullous|erythrodysesthesia|"
                  r"papul\w*|pustul\w*|vesic\w*|keratos\w*|lipohypertrophy|induration|cutaneous|cheilitis|"
                  r"paronychia|petechia\w*|hematoma|acneiform)\b", re.I)
AE_TITLE = "Adverse Event/Serious Adverse Event CTCAE"
AE_MARK = "ae"
EVERY_AE, EVERY_PLAIN = 15, 12
PROSE = re.compile(r"[a-z]{3,} [a-z]{2,}")
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


def read_package(guide: str, files: dict[str, bytes], seen: set[str]) -> dict[str, str]:
    """{file name: its JSON bytes} -> {KEY: unit}, texts in `seen` (and each new one, added there) kept once. A unit
    of the CTCAE adverse-event questionnaire (a Questionnaire whose title starts `AE_TITLE`) is keyed with `AE_MARK`
    after its number, so the selection can tell the adverse-event terms from the record prose."""
    out: dict[str, str] = {}
    for name in sorted(files):
        try:
            doc = json.loads(files[name])
        except ValueError:
            continue
        n = 0
        for res in _resources(doc):
            if not isinstance(res, dict) or res.get("resourceType") in CONFORMANCE:
                continue
            for text in _strings(res):
                if text not in seen:
                    seen.add(text)
                    n += 1
                    mark = AE_MARK if str(res.get("title", "")).startswith(AE_TITLE) else ""
                    out[f"{guide}:{name[:-5]}.{n}{mark}"] = text
    return out


def candidate(text: str) -> bool:
    return len(text.split()) >= 4 and len(text) <= 400 and bool(PROSE.search(text))


def kind(text: str) -> str:
    if not candidate(text):
        return ""
    return "skin" if SKIN.search(text) else "plain"


def is_ae(key: str) -> bool:
    return key.endswith(AE_MARK)


def ae_kind(text: str) -> str:
    """An adverse-event term is `skin` when it holds a skin word, else `other`; "Never ..." answers are no terms."""
    if len(text) > 120 or text.lower().startswith("never"):
        return ""
    return "skin" if SKIN.search(text) else "other"


def selected(units: dict[str, str], taken: set[str] = frozenset()) -> dict[str, str]:
    """Every skin term of the adverse-event questionnaire and every EVERY_AE-th other term (from the first); every
    skin candidate of the record prose and every EVERY_PLAIN-th plain one (from the first). A text the gold set or
    an earlier set already holds (compared after `normalise`) is skipped before counting."""
    free = {k: t for k, t in units.items() if normalise(t) not in taken}
    ae = [k for k, t in free.items() if is_ae(k) and ae_kind(t)]
    rec = [k for k, t in free.items() if not is_ae(k) and kind(t)]
    keep = {k for k in ae if ae_kind(free[k]) == "skin"} | set([k for k in ae if ae_kind(free[k]) == "other"][::EVERY_AE])
    keep |= {k for k in rec if kind(free[k]) == "skin"} | set([k for k in rec if kind(free[k]) == "plain"][::EVERY_PLAIN])
    return {k: t for k, t in units.items() if k in keep}


def normalise(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.lower()).strip()


def taken_texts(root: Path) -> set[str]:
    """The normalised texts of the gold set and sets 1-26 (read to skip them, never shown)."""
    return set_build.normalised_texts(27, root)


def read_tarball(path: Path, seen: set[str]) -> tuple[str, str, dict[str, str]]:
    """-> (package name@version, sha256 of the tarball, units)."""
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    files: dict[str, bytes] = {}
    meta: dict = {}
    with tarfile.open(path) as tar:
        for m in tar.getmembers():
            if m.isfile() and m.name == "package/package.json":
                meta = json.loads(tar.extractfile(m).read())
            elif m.isfile() and re.fullmatch(r"package/example/[^/]+\.json", m.name):
                files[m.name.split("/")[-1]] = tar.extractfile(m).read()
    name = meta.get("name", "")
    if name not in GUIDES:
        raise ValueError(f"not one of the four implementation guides: {path.name}")
    return f"{name}@{meta.get('version', '')}", digest, read_package(GUIDES[name], files, seen)


def main(argv: list[str]) -> int:
    if not argv or not all(Path(a).is_file() for a in argv):
        print("usage: python -m benchmarks.tagger.independent27.extract IPS.tgz MCODE.tgz SDC.tgz GENOMICS.tgz",
              file=sys.stderr)
        return 2
    seen: set[str] = set()
    taken = taken_texts(HERE.parents[2])
    head, units, total = [], {}, 0
    for a in argv:
        try:
            pkg, digest, got = read_tarball(Path(a), seen)
        except (ValueError, tarfile.TarError) as e:
            print(f"cannot read {a}: {e}", file=sys.stderr)
            return 2
        head.append(f"# {pkg} (npm), sha256 of the tarball {digest}")
        total += len(got)
        units.update(got)
    keep = selected(units, taken)
    lines = head + [f"# {total} units; kept {len(keep)} by the rule in extract.py"]
    lines += [f"{k}\t{t}" for k, t in keep.items()]
    (HERE / "units.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"kept {len(keep)} of {total} units: {sum(is_ae(k) for k in keep)} adverse-event terms "
          f"({sum(is_ae(k) and ae_kind(t) == 'skin' for k, t in keep.items())} skin), "
          f"{sum(not is_ae(k) for k in keep)} record texts "
          f"({sum(not is_ae(k) and kind(t) == 'skin' for k, t in keep.items())} skin)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
