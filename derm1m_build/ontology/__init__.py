"""The dermatology ontology: conditions in a four-level tree, clinical concepts, body sites.

Data lives in human-editable YAML under `ontology/` at the repository root (one node per entry, parent
by id); this package loads it into an `Ontology` the tagger, the captioner and the writer share,
validates it (`validate.py`), and maps public datasets' labels onto it (`mappings.py`).
"""

from derm1m_build.ontology.loader import Node, Ontology, default_ontology_dir, load_ontology, normalise_term
from derm1m_build.ontology.mappings import available_datasets, dataset_label_map, dataset_unlabelled

__all__ = ["Node", "Ontology", "load_ontology", "default_ontology_dir", "normalise_term", "dataset_label_map",
           "dataset_unlabelled", "available_datasets"]
