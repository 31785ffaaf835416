"""Test helpers that ship with the package: a scripted, fault-injecting HTTP server on 127.0.0.1."""
