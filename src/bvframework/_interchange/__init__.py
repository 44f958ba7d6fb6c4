"""Other tools' mapping formats (OSCAL mapping collections, SSSOM, CISO Assistant): pure
conversions between their parsed data and :class:`~bvframework.Mapping`."""
