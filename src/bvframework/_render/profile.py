"""A council's profile: for each theme its interval of items at or above the threshold
against the spread of its peers, as SVG (standard library) or PNG (the ``plot`` extra)."""

from __future__ import annotations

import io

from .._assessments.peers import Benchmark, ThemePosition
from .._core.errors import MissingDependencyError, UnknownReferenceError
from .heatmap import _esc
from .standing import _threshold_label, interval_text, rank_text

__all__ = ["profile_png", "profile_svg"]


def _profile_rows(
    bench: Benchmark, council: str
) -> list[tuple[ThemePosition, list[tuple[float, float]]]]:
    focus = bench.council(council)
    rows = []
    for n, theme in enumerate(focus.themes):
        peers = []
        for other in bench.councils:
            if other.council == focus.council:
                continue
            t = other.themes[n]
            if t.assessed:
                peers.append((t.at_or_above_low / t.assessed, t.at_or_above_high / t.assessed))
        rows.append((theme, sorted(peers)))
    return rows


def profile_svg(bench: Benchmark, council: str | None = None, *, standalone: bool = True) -> str:
    """``council``'s profile (default: the benchmark's focus) as SVG: per theme, the share
    of items at or above the threshold, the council's interval as a black bar with its
    figures written beside it, each peer's interval as a thin grey line."""
    name = council or bench.focus
    if name is None:
        raise UnknownReferenceError("name the council whose profile to draw (council=)")
    rows = _profile_rows(bench, name)
    label_w, plot_w, row_h, pad, text_w = 250, 420, 46, 14, 230
    width = label_w + plot_w + text_w + 2 * pad
    height = pad * 2 + 40 + row_h * len(rows) + 30
    title = (
        f"{name}: items at or above {_threshold_label(bench)} (black), against each peer "
        "assessed on the theme (grey)"
    )
    out = []
    if standalone:
        out.append('<?xml version="1.0" encoding="UTF-8"?>')
    out.append(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12" role="img" '
        'aria-labelledby="profile-title">'
    )
    out.append(f'<title id="profile-title">{_esc(title)}</title>')
    out.append(f'<rect width="{width}" height="{height}" fill="#FFFFFF"/>')
    out.append(
        f'<text x="{pad}" y="{pad + 14}" font-size="14" font-weight="bold">{_esc(title)}</text>'
    )
    x0 = pad + label_w
    top = pad + 40
    for tick in range(0, 101, 25):
        x = x0 + plot_w * tick / 100
        out.append(
            f'<line x1="{x}" y1="{top - 6}" x2="{x}" y2="{top + row_h * len(rows)}" '
            'stroke="#BBBBBB" stroke-width="1"/>'
            f'<text x="{x}" y="{top - 10}" text-anchor="middle" fill="#333333">{tick}%</text>'
        )
    for r, (theme, peers) in enumerate(rows):
        y = top + r * row_h
        mid = y + row_h / 2
        out.append(f'<text x="{pad}" y="{mid + 4}">{_esc(theme.theme)}</text>')
        for k, (low, high) in enumerate(peers):
            py = y + 6 + (row_h - 12) * (k + 0.5) / max(len(peers), 1)
            x1, x2 = x0 + plot_w * low, x0 + plot_w * high
            out.append(
                f'<line x1="{x1:.1f}" y1="{py:.1f}" x2="{x2:.1f}" y2="{py:.1f}" '
                'stroke="#767676" stroke-width="1.5"/>'
                f'<circle cx="{x1:.1f}" cy="{py:.1f}" r="3" fill="#767676"/>'
            )
            if x2 > x1:
                out.append(f'<circle cx="{x2:.1f}" cy="{py:.1f}" r="3" fill="#767676"/>')
        if theme.assessed:
            low = theme.at_or_above_low / theme.assessed
            high = theme.at_or_above_high / theme.assessed
            x1, x2 = x0 + plot_w * low, x0 + plot_w * high
            out.append(
                f'<rect x="{x1 - 3:.1f}" y="{mid - 6:.1f}" width="{x2 - x1 + 6:.1f}" height="12" '
                'fill="#000000"/>'
            )
        summary = f"{interval_text(theme)}; rank {rank_text(theme)}"
        out.append(f'<text x="{x0 + plot_w + 12}" y="{mid + 4}">{_esc(summary)}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def profile_png(bench: Benchmark, council: str | None = None) -> bytes:
    """The profile as PNG bytes (the ``plot`` extra: matplotlib)."""
    name = council or bench.focus
    if name is None:
        raise UnknownReferenceError("name the council whose profile to draw (council=)")
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise MissingDependencyError.for_extra(
            module="matplotlib", extra="plot", feature="PNG profiles"
        ) from None
    rows = _profile_rows(bench, name)
    fig, ax = plt.subplots(figsize=(10, 0.7 * len(rows) + 1.4))
    try:
        for r, (theme, peers) in enumerate(rows):
            y = len(rows) - 1 - r
            for k, (low, high) in enumerate(peers):
                py = y - 0.35 + 0.7 * (k + 0.5) / max(len(peers), 1)
                ax.plot([low * 100, high * 100], [py, py], color="#767676", lw=1, marker="o", ms=3)
            if theme.assessed:
                low = 100 * theme.at_or_above_low / theme.assessed
                high = 100 * theme.at_or_above_high / theme.assessed
                ax.plot(
                    [low, max(high, low + 0.6)],
                    [y, y],
                    color="#000000",
                    lw=7,
                    solid_capstyle="butt",
                )
            ax.text(
                102, y, f"{interval_text(theme)}; rank {rank_text(theme)}", va="center", fontsize=8
            )
        ax.set_yticks(range(len(rows)))
        ax.set_yticklabels([t.theme for t, _ in reversed(rows)], fontsize=8)
        ax.set_xlim(-2, 100)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.set_xticklabels(["0%", "25%", "50%", "75%", "100%"])
        ax.grid(axis="x", color="#BBBBBB", lw=0.6)
        ax.set_title(
            f"{name}: items at or above {_threshold_label(bench)} (black), against each "
            "peer assessed on the theme (grey)",
            loc="left",
            fontsize=10,
        )
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        out = io.BytesIO()
        fig.savefig(out, format="png", dpi=150, bbox_inches="tight", pad_inches=0.15)
    finally:
        plt.close(fig)
    return out.getvalue()
