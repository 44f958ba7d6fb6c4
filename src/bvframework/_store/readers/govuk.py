"""gov.uk guidance pages -> a catalogue: a saved page (govspeak HTML) or the Content API's
answer for it (JSON: the body in ``details.body``, the outline in ``details.headers``, which
then confirms the themes)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from ..._core.errors import DataError, Problem

if TYPE_CHECKING:
    from ..._catalogues.model import Catalogue
    from ..store import Source, Store


def read(store: Store, found: Source, *, onto: Any = None, **options: Any) -> Catalogue:
    from ..._importers.govuk import govuk_catalogue, outline_of

    text = store.read_text(found)
    outline = None
    if text.lstrip().startswith("{"):
        try:
            details = json.loads(text).get("details", {})
            body, headers = details.get("body"), details.get("headers")
        except (ValueError, AttributeError, RecursionError):
            body = headers = None
        if not isinstance(body, str) or not body.strip():
            raise DataError(
                [
                    Problem(
                        message="JSON without details.body: not a gov.uk Content API page",
                        source=found.name,
                    )
                ]
            )
        text, outline = body, (outline_of(headers) if headers is not None else None)
    return govuk_catalogue(
        text,
        path=found.pure_path(),
        onto=store.catalogue(onto) if onto is not None else None,
        outline=outline,
        option=store.spell("max_items"),
        **options,
    )
