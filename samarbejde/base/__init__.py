"""The bottom layer: ids, errors, dates, names, quadrants, safe YAML, signals and what reaches
the terminal. Imports nothing of the package above it."""
