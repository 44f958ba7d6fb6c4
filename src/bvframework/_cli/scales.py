"""Scale commands: scales, scales show, translate, crosswalk."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from .._scales.load import bundled_scales, load_scale
from .._scales.model import Scale
from .._scales.translate import POLICIES, translate
from . import UsageError, frameworks
from .tables import table

__all__ = ["register"]


def register(commands: Any) -> None:
    p = commands.add_parser("scales", help="list built-in scales, or show one")
    p.add_argument("action", nargs="?", choices=("show",), help="show one scale")
    p.add_argument("scale", nargs="?", metavar="ID", help="built-in ID or scale file")
    p.set_defaults(run=run_scales)

    p = commands.add_parser("translate", help="translate one score between scales")
    p.add_argument("value", metavar="VALUE")
    p.add_argument("--from", dest="source", required=True, metavar="ID")
    p.add_argument("--to", dest="target", required=True, metavar="ID")
    p.add_argument("--policy", choices=POLICIES, default="range")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=run_translate)

    p = commands.add_parser("crosswalk", help="every level of scale A on scale B")
    p.add_argument("source", metavar="A")
    p.add_argument("target", metavar="B")
    p.add_argument("--policy", choices=POLICIES, default="range")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(run=run_crosswalk)

    frameworks.register_extra(listing=_listing, show=_show, validate=_validate)


def _listing() -> str:
    rows = []
    for ref in bundled_scales():
        scale = load_scale(ref)
        rows.append(
            [ref, ", ".join(lv.label for lv in scale.levels), ", ".join(s.id for s in scale.states)]
        )
    return "Scales (worst level first)\n" + table(["id", "levels", "states"], rows, indent="  ")


def show_scale(scale: Scale) -> str:
    out = [f"{scale.id}: {scale.title}"]
    if scale.source:
        out.append(f"  source: {scale.source}")
    if scale.note:
        out.append(f"  note: {scale.note}")
    rows: list[list[object]] = [
        [
            lv.id,
            lv.label,
            f"{lv.band[0]:g}-{lv.band[1]:g}",
            lv.colour or "",
            ", ".join(lv.aliases),
            lv.meaning or "",
        ]
        for lv in scale.levels
    ]
    out += ["", "Levels, worst first (band on the 0-1 delivery axis):"]
    out.append(table(["id", "label", "band", "colour", "aliases", "meaning"], rows, indent="  "))
    rows = [
        [
            st.id,
            st.label,
            "-",
            st.colour or "",
            ", ".join(repr(a) for a in st.aliases),
            st.meaning or "",
        ]
        for st in scale.states
    ]
    out += ["", "States (not positions: never ordered, averaged or translated):"]
    out.append(table(["id", "label", "band", "colour", "aliases", "meaning"], rows, indent="  "))
    return "\n".join(out)


def _show(kind: str, ref: str) -> bool:
    if kind != "scale":
        return False
    print(show_scale(load_scale(ref)))
    return True


def _validate(kind: str, path: str) -> str | None:
    if kind != "scale":
        return None
    scale = load_scale(Path(path))
    return f"scale {scale.id}: {len(scale.levels)} levels, {len(scale.states)} states"


def run_scales(args: argparse.Namespace) -> int:
    if args.action == "show" or (args.action is None and args.scale):
        if not args.scale:
            raise UsageError("scales show needs a scale ID")
        print(show_scale(load_scale(args.scale)))
    else:
        print(_listing())
    return 0


def run_translate(args: argparse.Namespace) -> int:
    source, target = load_scale(args.source), load_scale(args.target)
    result = translate(args.value, source, target, policy=args.policy)
    if args.format == "json":
        print(json.dumps(result.to_dict(), indent=2))
    else:
        print(result.describe())
    return 0


def run_crosswalk(args: argparse.Namespace) -> int:
    source, target = load_scale(args.source), load_scale(args.target)
    walk = source.crosswalk(target, policy=args.policy)
    if args.format == "json":
        print(json.dumps(walk.to_dict(), indent=2))
    else:
        print(walk.to_text(source, target))
    return 0
