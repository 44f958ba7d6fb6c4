"""Framework versions: catalogues of themes and items, and council numbering schemes."""
