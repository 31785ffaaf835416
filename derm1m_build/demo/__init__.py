"""The offline demo: a deterministic sample corpus the project generates, and the local servers that serve it."""
