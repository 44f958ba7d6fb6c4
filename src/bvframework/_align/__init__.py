"""Suggested mappings between two versions, from the items' text."""
