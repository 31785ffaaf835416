"""Extra CLI command groups. Each module has `register(app)`; cli.py lists them in COMMAND_MODULES."""
