"""Importers: official documents and other frameworks' files -> catalogues and mappings."""
