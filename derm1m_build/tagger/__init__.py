"""Tag text against the ontology: conditions and concepts with spans, negation and uncertainty.

Modules, one job each: `normalise` (offset-preserving normalisation, name variants), `lexicon` (every
surface form -> what it tags), `exact` (Aho-Corasick pass), `fuzzy` (rapidfuzz on what is left),
`context` (negation/uncertainty scopes, abbreviation support), `labels` (Derm1M's columns), `core`.
"""

from derm1m_build.tagger.core import Match, TagResult, Tagger, has_derm_term
from derm1m_build.tagger.labels import labels_for

__all__ = ["Match", "TagResult", "Tagger", "has_derm_term", "labels_for"]
