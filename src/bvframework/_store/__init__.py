"""The input layer: the only code that resolves references and reads or writes files.

Everything above it (models, algorithms, renderers) takes and returns objects; everything
that names a file or a bundled entry comes through a :class:`~._store.store.Store`.
"""
