"""Scales as data, and translation of scores between them."""
