"""Scale commands: scales, scales show, translate, crosswalk."""

from __future__ import annotations

import argparse
from typing import Any

from .._core.vocab import POLICIES
from .kinds import KindHandler, register_kind
from .options import Run, add_format, command

__all__ = ["register"]

_POLICY_HELP = (
    "what to do when a value falls on several target levels: range (default: keep them "
    "all), distribution (with weights), strict (an error), conservative (the worst), "
    "optimistic (the best), nearest (the one holding the band's middle)"
)


def register(commands: Any) -> None:
    p = command(
        commands,
        "scales",
        summary="list the built-in scales, or show one",
        example="bvframework scales show six-colour",
    )
    p.add_argument("action", nargs="?", choices=("show",), help="show one scale")
    p.add_argument("scale", nargs="?", metavar="ID", help="built-in ID or scale file")
    add_format(p)
    p.set_defaults(run=run_scales)

    p = command(
        commands,
        "translate",
        summary="translate one score between scales, saying what was lost",
        example="bvframework translate Fair --from good-fair-poor --to numeric-1-5",
    )
    p.add_argument("value", metavar="VALUE", help="a level or state, by label, alias or ID")
    p.add_argument(
        "--from",
        dest="source",
        required=True,
        metavar="ID",
        help="the scale VALUE is on (built-in ID or file)",
    )
    p.add_argument(
        "--to",
        dest="target",
        required=True,
        metavar="ID",
        help="the scale to translate to (built-in ID or file)",
    )
    p.add_argument("--policy", choices=POLICIES, default="range", help=_POLICY_HELP)
    add_format(p)
    p.set_defaults(run=run_translate)

    p = command(
        commands,
        "crosswalk",
        summary="every level and state of scale A on scale B",
        example="bvframework crosswalk six-colour numeric-1-5 --policy nearest",
    )
    p.add_argument("source", metavar="A", help="built-in ID or scale file")
    p.add_argument("target", metavar="B", help="built-in ID or scale file")
    p.add_argument("--policy", choices=POLICIES, default="range", help=_POLICY_HELP)
    add_format(p)
    p.set_defaults(run=run_crosswalk)


def _listing(run: Run) -> tuple[str, list[str], list[list[Any]], list[dict[str, Any]]]:
    rows, records = [], []
    from .._api.frameworks import bundled
    from .._api.load import load_scale

    for ref in bundled("scale"):
        scale = load_scale(ref, store=run.store)
        rows.append(
            [ref, ", ".join(lv.label for lv in scale.levels), ", ".join(s.id for s in scale.states)]
        )
        records.append(
            {
                "id": ref,
                "levels": [lv.label for lv in scale.levels],
                "states": [s.id for s in scale.states],
            }
        )
    return "Scales (worst level first)", ["id", "levels", "states"], rows, records


def _show(run: Run, ref: str) -> tuple[str, Any]:
    from .._api.load import load_scale

    scale = load_scale(ref, store=run.store)
    from .._render.text import scale_text

    return scale_text(scale), scale.to_dict()


def _validate(run: Run, path: str) -> str:
    from .._api.load import load_scale

    scale = load_scale(path, store=run.store)
    return f"scale {scale.id}: {len(scale.levels)} levels, {len(scale.states)} states"


register_kind("scale", KindHandler(order=2, listing=_listing, show=_show, validate=_validate))


def run_scales(args: argparse.Namespace) -> int:
    from .._core.errors import UsageError

    run = Run(args)
    if args.action == "show" or (args.action is None and args.scale):
        if not args.scale:
            raise UsageError("scales show needs a scale ID")
        text, data = _show(run, args.scale)
    else:
        title, headers, rows, data = _listing(run)
        from .._render.text import table

        text = f"{title}\n{table(headers, rows, indent='  ')}"
    if args.format == "json":
        run.emit_json(data)
    else:
        run.emit(text)
    return 0


def run_translate(args: argparse.Namespace) -> int:
    from .._api.scales import translate_value

    run = Run(args)
    result = translate_value(
        args.value, args.source, args.target, policy=args.policy, store=run.store
    )
    if args.format == "json":
        run.emit_json(result.to_dict())
    else:
        run.emit(result.describe())
    return 0


def run_crosswalk(args: argparse.Namespace) -> int:
    from .._api.scales import crosswalk_of
    from .._render.text import crosswalk_text

    run = Run(args)
    walk, source, target = crosswalk_of(
        args.source, args.target, policy=args.policy, store=run.store
    )
    if args.format == "json":
        run.emit_json(walk.to_dict())
    else:
        run.emit(crosswalk_text(walk, source, target))
    return 0
