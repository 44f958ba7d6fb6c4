"""One reader per foreign format, each registered by one line in ``_store.formats``.

A reader takes the :class:`~.._store.store.Store` and the resolved
:class:`~.._store.store.Source`, reads through the Store (limits, cache) and hands parsed
data to a pure importer.
"""
