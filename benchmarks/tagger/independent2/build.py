"""Assemble the second independent evaluation set (independent2.jsonl) from its annotated sources. Run once; the
output is frozen (see README.md): never rerun to change an expectation without recording it there.

    python -m benchmarks.tagger.independent2.build
"""
from __future__ import annotations

from pathlib import Path

from benchmarks.tagger.independent import build as first
from benchmarks.tagger.independent2 import metadata_rows

HERE = Path(__file__).parent


def rows() -> list[dict]:
    """The same file formats as the first set (its `assemble`), this set's files and ids."""
    return first.assemble(HERE, metadata_rows, ("written.txt",), "in2")


if __name__ == "__main__":
    first.write(rows(), HERE / "independent2.jsonl")
