"""Where official texts come from and where they are kept (no imports beyond os and sys:
commands that only ask whether a text is cached stay quick)."""

from __future__ import annotations

import os
import sys

__all__ = ["SOURCES", "cache_root", "has_official"]

# catalogue key -> path of its official page on gov.uk (FACTS.md, "The two versions")
SOURCES: dict[str, str] = {
    "best-value/draft-2023-07": "/government/consultations/best-value-standards-and-"
    "intervention-a-statutory-guide-for-best-value-authorities-consultation/consultation-on-"
    "statutory-guidance-for-local-authorities-on-best-value-duty",
    "best-value/statutory-2024-05": "/government/publications/best-value-standards-and-"
    "intervention-a-statutory-guide-for-best-value-authorities/best-value-standards-and-"
    "intervention-a-statutory-guide-for-best-value-authorities",
}


def cache_root() -> str:
    """``BVFRAMEWORK_CACHE``, else the platform's cache folder for bvframework."""
    override = os.environ.get("BVFRAMEWORK_CACHE")
    if override:
        return override
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or os.path.expanduser("~\\AppData\\Local")
        return os.path.join(base, "bvframework", "Cache")
    if sys.platform == "darwin":
        return os.path.expanduser("~/Library/Caches/bvframework")
    base = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    return os.path.join(base, "bvframework")


def has_official(key: str) -> bool:
    """Whether the cache holds ``key``'s official text (not checked here)."""
    folder = os.path.join(cache_root(), *key.split("/"))
    return key in SOURCES and os.path.isfile(os.path.join(folder, "source.json"))
