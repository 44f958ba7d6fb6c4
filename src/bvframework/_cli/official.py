"""``bvframework fetch``: the official texts on the user's machine."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from .._core.errors import UsageError, one_line
from .options import Run, add_format, command

if TYPE_CHECKING:
    from .._api.fetching import Fetched

__all__ = ["register"]

FRAMEWORKS = ("best-value",)


def register(commands: Any) -> None:
    p = command(
        commands,
        "fetch",
        summary="download the official texts of a framework's versions into your cache",
        example="bvframework fetch best-value",
        description="The Best Value guidance is published on gov.uk under the Open Government "
        "Licence v3.0; nothing is downloaded unless you run this. Each page is read from "
        "gov.uk's Content API (the HTML page if that fails), checked against the counts the "
        "bundled data knows, and kept in your cache (BVFRAMEWORK_CACHE, else the platform's "
        "cache folder) with its URL, the date and a SHA-256. BVFRAMEWORK_GOVUK_URL points "
        "at a mirror or proxy. Then `diff` itemises what changed.",
    )
    p.add_argument("framework", choices=FRAMEWORKS, help="the framework (best-value)")
    p.add_argument(
        "--version",
        choices=("draft-2023-07", "statutory-2024-05"),
        help="one version (default: every version with an official text)",
    )
    p.add_argument("--refresh", action="store_true", help="download again even if cached")
    p.add_argument(
        "--from",
        dest="source",
        metavar="FILE",
        help="a copy you saved (the page's HTML, or the Content API's JSON), for a machine "
        "without internet; needs --version",
    )
    add_format(p)
    p.set_defaults(run=run_fetch)


def _notice(message: str) -> None:
    print(one_line(f"bvframework: notice: {message}"), file=sys.stderr)


def _describe(fetched: Fetched) -> str:
    text, catalogue, downloaded = fetched.text, fetched.catalogue, fetched.downloaded
    themes = len(catalogue.themes)
    characteristics = len(catalogue.primary_items)
    others = len(catalogue) - characteristics
    how = {"content-api": "gov.uk Content API", "html": "gov.uk page", "file": "your file"}
    state = (
        "already in the cache" if not downloaded else "read" if text.via == "file" else "downloaded"
    )
    return (
        f"{catalogue.key}: {characteristics} characteristics in {themes} themes "
        f"({catalogue.completeness_line()}), {others} indicators of potential failure; "
        f"{state} from {text.url} ({how[text.via]}, {text.fetched[:10]}, sha256 "
        f"{text.sha256[:12]})"
    )


def run_fetch(args: argparse.Namespace) -> int:
    from .._api.fetching import fetch
    from .._api.frameworks import cache_folder

    if args.source and not args.version:
        raise UsageError("--from FILE is one version's page: name it with --version")
    run = Run(args)
    results = fetch(
        args.framework,
        version=args.version,
        source=args.source,
        refresh=args.refresh,
        notice=(lambda message: None) if run.quiet else _notice,  # -q: errors only
        store=run.store,
    )
    if args.format == "json":
        run.emit_json(
            [
                r.text.to_dict()
                | {
                    "downloaded": r.downloaded,
                    "characteristics": len(r.catalogue.primary_items),
                    "themes": {t.id: t.expected_items for t in r.catalogue.themes},
                }
                for r in results
            ]
        )
    else:
        for r in results:
            run.emit(_describe(r))
        run.emit(f"kept in {cache_folder()}; now `bvframework diff` itemises the changes")
    return 0
