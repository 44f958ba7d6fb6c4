"""JSON Schemas for every kind of data file (shipped with the package)."""
