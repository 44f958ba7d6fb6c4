"""pandas DataFrames from records, with typed columns (the ``pandas`` extra, imported only
when a frame is asked for)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .errors import MissingDependencyError

__all__ = ["frame"]


def frame(
    records: Sequence[Mapping[str, Any]],
    *,
    feature: str,
    ordered: Mapping[str, Sequence[str]] | None = None,
    categories: Mapping[str, Sequence[str]] | None = None,
    integers: Sequence[str] = (),
    floats: Sequence[str] = (),
    index: str | None = None,
) -> Any:
    """A DataFrame of ``records`` in their order: columns in ``ordered`` become ordered
    categoricals (worst level first), those in ``categories`` unordered ones, ``integers``
    nullable integers, ``floats`` floats; ``index`` (if given) becomes the index.

    :raises MissingDependencyError: pandas is not installed.
    """
    try:
        import pandas as pd
    except ImportError:
        raise MissingDependencyError.for_extra(
            module="pandas", extra="pandas", feature=feature
        ) from None
    data = pd.DataFrame.from_records(list(records))
    for column, values in (ordered or {}).items():
        if column in data:
            data[column] = pd.Categorical(data[column], categories=list(values), ordered=True)
    for column, values in (categories or {}).items():
        if column in data:
            data[column] = pd.Categorical(data[column], categories=list(values))
    for column in integers:
        if column in data:
            data[column] = data[column].astype("Int64")
    for column in floats:
        if column in data:
            data[column] = data[column].astype("float64")
    if index is not None and index in data:
        data = data.set_index(index)
    return data
