"""Shared machinery: errors, strict YAML reading, schema checks and bundled data."""
