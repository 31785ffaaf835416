"""Copy the PubMed sentences this set uses, unchanged, out of the PyPI sdist metapub 0.7.5, whose test fixtures
(`tests/fixtures/pmid_xml/PMID.xml`, 216 PubMed EFetch records) carry article titles and abstracts as published in
MEDLINE.

Run once when the set was written (the sdist is not a dependency of the project):

    mkdir /tmp/s && pip download --no-deps --no-binary :all: metapub==0.7.5 -d /tmp/s
    python -m benchmarks.tagger.independent18.extract_pubmed /tmp/s/metapub-0.7.5.tar.gz          # writes the copy
    python -m benchmarks.tagger.independent18.extract_pubmed /tmp/s/metapub-0.7.5.tar.gz --list   # the candidates

Selection rule (by program): each record's ArticleTitle and AbstractText elements (their text with inner markup
dropped, spacing runs as one space) are split into sentences at `SENTENCE`, numbered from 0 in document order ("PMID:k");
a sentence is a candidate when it holds a skin word (`extract.SKIN`, the rule the MTSamples units follow). The
candidates the set uses are the keys `real_pubmed.txt` names. Writes `pubmed_units.txt`: "KEY<TAB>SENTENCE".
Standard library only.
"""
from __future__ import annotations

import hashlib
import re
import sys
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

from benchmarks.tagger.independent18.extract import SKIN

HERE = Path(__file__).parent
PREFIX = "metapub-0.7.5/tests/fixtures/pmid_xml/"
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def sentences(xml: bytes) -> dict[str, str]:
    """PMID:k -> sentence for every PubmedArticle of one EFetch record."""
    out = {}
    for art in ET.fromstring(xml).iter("PubmedArticle"):
        pmid = art.findtext(".//PMID")
        parts = [e for e in art.iter() if e.tag in ("ArticleTitle", "AbstractText")]
        k = 0
        for e in parts:
            for s in SENTENCE.split(" ".join("".join(e.itertext()).split())):
                if s:
                    out.setdefault(f"{pmid}:{k}", s)
                k += 1
    return out


def candidates(sdist: Path) -> dict[str, str]:
    out = {}
    with tarfile.open(sdist) as t:
        for m in t.getmembers():
            if m.name.startswith(PREFIX) and m.name.endswith(".xml"):
                out.update({k: s for k, s in sentences(t.extractfile(m).read()).items() if SKIN.search(s)})
    return out


def used_keys() -> list[str]:
    return [line.split("||")[0].strip() for line in (HERE / "real_pubmed.txt").read_text(encoding="utf-8")
            .splitlines() if line.strip() and not line.startswith("#")]


def main(sdist: Path) -> None:
    found = candidates(sdist)
    out = ["# PubMed title and abstract sentences, copied unchanged from the test fixtures of the PyPI sdist",
           f"# {sdist.name} (sha256 {hashlib.sha256(sdist.read_bytes()).hexdigest()}), members {PREFIX}PMID.xml",
           "# PMID:k <TAB> sentence (k: the sentence's index in the record's title and abstract)"]
    for key in used_keys():
        assert key in found, ("no candidate sentence", key)
        out.append(f"{key}\t{found[key]}")
    (HERE / "pubmed_units.txt").write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[2:] == ["--list"]:
        for key, s in candidates(Path(sys.argv[1])).items():
            print(f"{key}\t{s}")
    else:
        main(Path(sys.argv[1]))
