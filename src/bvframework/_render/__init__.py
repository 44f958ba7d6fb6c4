"""Heat maps as councils publish them: HTML and SVG (standard library), PNG (matplotlib)."""
