"""Tag text against the ontology: conditions and concepts with spans, negation and uncertainty."""

from derm1m_build.tagger.core import Match, TagResult, Tagger, labels_for

__all__ = ["Match", "TagResult", "Tagger", "labels_for"]
