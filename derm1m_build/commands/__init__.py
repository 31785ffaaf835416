"""Extra CLI command groups. Each module has `register(app)`; cli.py imports every module here."""
