"""The program's version: written here alone (pyproject.toml reads it from this file)."""

VERSION = "0.1.0"
