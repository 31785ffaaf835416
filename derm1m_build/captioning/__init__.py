"""Caption back-ends (rules, transformers, OpenAI-compatible) and caption utilities."""
