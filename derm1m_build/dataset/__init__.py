"""The product: `dataset/` (images, captions.csv, ontology.json, splits/, manifest.json) and its checks."""
