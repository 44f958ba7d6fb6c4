"""Heat maps as PNG in bounded memory: drawn one band of cells at a time, each band's
pixel rows compressed into the file as soon as it is drawn.

A figure toolkit holds every cell as an object and the whole canvas in memory (a 5,000-item
heat map took 24 s and 802 MB with matplotlib). Here the picture is never whole in memory:
the layout is computed first (so the height is known for the PNG header), then each band
(the title, one line of cells, a line of the legend) is drawn with Pillow into a small
image and its rows go through one ``zlib`` stream into the IDAT chunks. Memory is one band
plus the compressed output; time grows with the number of cells. Themes with more items
than fit across wrap onto further lines.

Pillow comes with matplotlib (the ``plot`` extra), and so does the DejaVu Sans font used.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from .._core.errors import MissingDependencyError
from .._core.text import printable
from .colour import BORDER

if TYPE_CHECKING:
    from .heatmap import HeatMap

__all__ = ["heatmap_png"]

WRAP = 20  # cells across before a theme's items wrap onto another line
_SCALE = 1.5  # pixels per SVG unit: the PNG is the SVG's layout, drawn sharper
_LABEL_W, _CELL_W, _CELL_H, _GAP, _PAD = 260, 96, 44, 4, 12
_INK = (17, 17, 17)


def _px(units: float) -> int:
    return round(units * _SCALE)


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    try:
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except ValueError:
        return 255, 255, 255


class _Fonts:
    def __init__(self) -> None:
        try:
            import matplotlib
            from PIL import ImageFont
        except ImportError:
            raise MissingDependencyError.for_extra(
                module="matplotlib", extra="plot", feature="PNG heat maps"
            ) from None
        folder = os.path.join(os.path.dirname(matplotlib.__file__), "mpl-data", "fonts", "ttf")

        def font(name: str, size: int) -> Any:
            try:
                return ImageFont.truetype(os.path.join(folder, name), _px(size))
            except OSError:  # a matplotlib without its fonts: Pillow's own
                return ImageFont.load_default(_px(size))

        self.title = font("DejaVuSans-Bold.ttf", 15)
        self.text = font("DejaVuSans.ttf", 12)
        self.bold = font("DejaVuSans-Bold.ttf", 11)
        self.small = font("DejaVuSans.ttf", 11)


def _fit(text: str, font: Any, width: float) -> str:
    """``text`` (control characters escaped) cut with an ellipsis to ``width`` pixels."""
    text = printable(text)
    if font.getlength(text) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        mid = (low + high + 1) // 2
        if font.getlength(text[:mid] + "…") <= width:
            low = mid
        else:
            high = mid - 1
    return text[:low] + "…"


def _lines(text: str, font: Any, width: float, count: int) -> list[str]:
    """``text`` wrapped at spaces onto at most ``count`` lines of ``width`` pixels."""
    words = printable(text).split(" ")
    lines: list[str] = []
    while words and len(lines) < count:
        line = words.pop(0)
        while words and font.getlength(f"{line} {words[0]}") <= width:
            line += " " + words.pop(0)
        lines.append(line)
    if words:
        lines[-1] = lines[-1] + " " + " ".join(words)
    return [_fit(line, font, width) for line in lines]


def heatmap_png(heatmap: HeatMap) -> bytes:
    """The heat map as PNG bytes, drawn band by band (see the module's notes)."""
    fonts = _Fonts()
    from PIL import Image, ImageDraw

    across = min(max((len(cells) for _, cells in heatmap.rows), default=1), WRAP) or 1
    width = _px(_PAD * 2 + _LABEL_W + across * _CELL_W) + 2

    def band(height: int) -> tuple[Any, Any]:
        image = Image.new("RGB", (width, height), (255, 255, 255))
        return image, ImageDraw.Draw(image)

    def bands() -> Iterator[tuple[int, Any]]:
        """(height, a function drawing the band) for every band, top to bottom."""
        yield _px(_PAD + 30), draw_title
        for theme, cells in heatmap.rows:
            lines = max(1, -(-len(cells) // across))
            for n in range(lines):
                part = cells[n * across : (n + 1) * across]
                yield _px(_CELL_H + _GAP), _cell_line(theme if n == 0 else "", part)
        yield _px(20), None
        for entry in heatmap.key():  # one line each: the level, its count, what it means
            yield _px(26), _legend_line(entry)
        yield _px(16 + 20 + _PAD), draw_summary

    def draw_title(draw: Any) -> None:
        text = _fit(heatmap.title, fonts.title, width - _px(2 * _PAD))
        draw.text((_px(_PAD), _px(_PAD)), text, font=fonts.title, fill=_INK)

    def _cell_line(theme: str, cells: Any) -> Any:
        def draw(draw: Any) -> None:
            label = _lines(theme, fonts.text, _px(_LABEL_W - 12), 2)
            top = (_px(_CELL_H) - len(label) * _px(15)) // 2
            for k, line in enumerate(label):
                draw.text((_px(_PAD), top + k * _px(15)), line, font=fonts.text, fill=_INK)
            for c, cell in enumerate(cells):
                x = _px(_PAD + _LABEL_W + c * _CELL_W)
                box = (x, 0, x + _px(_CELL_W), _px(_CELL_H) - 1)
                draw.rectangle(box, fill=_rgb(cell.fill), outline=_rgb(BORDER), width=2)
                ink = _rgb(cell.ink)
                middle = x + _px(_CELL_W) // 2
                inner = _px(_CELL_W - 8)
                draw.text(
                    (middle, _px(14)),
                    _fit(cell.code, fonts.bold, inner),
                    font=fonts.bold,
                    fill=ink,
                    anchor="mm",
                )
                draw.text(
                    (middle, _px(30)),
                    _fit(cell.text, fonts.small, inner),
                    font=fonts.small,
                    fill=ink,
                    anchor="mm",
                )

        return draw

    def _legend_line(entry: tuple[str, str, str, str | None]) -> Any:
        label, fill, count, meaning = entry

        def draw(draw: Any) -> None:
            x = _px(_PAD)
            draw.rectangle(
                (x, _px(2), x + _px(18), _px(20)), fill=_rgb(fill), outline=_rgb(BORDER), width=2
            )
            said = f" \u2014 {meaning}" if meaning else ""
            text = _fit(f"{label}: {count}{said}", fonts.small, width - x - _px(30 + _PAD))
            draw.text((x + _px(26), _px(11)), text, font=fonts.small, fill=_INK, anchor="lm")

        return draw

    def draw_summary(draw: Any) -> None:
        text = _fit(heatmap.summary, fonts.small, width - _px(2 * _PAD))
        draw.text((_px(_PAD), _px(16)), text, font=fonts.small, fill=_INK)

    plan = list(bands())
    height = sum(h for h, _ in plan)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    out = [b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", header)]
    packer = zlib.compressobj(6)
    pending: list[bytes] = []
    size = 0
    for h, painter in plan:
        image, draw = band(h)
        if painter is not None:
            painter(draw)
        raw = image.tobytes()
        stride = width * 3
        rows = b"".join(b"\x00" + raw[y * stride : (y + 1) * stride] for y in range(h))
        piece = packer.compress(rows)
        if piece:
            pending.append(piece)
            size += len(piece)
        if size >= 1 << 20:
            out.append(_chunk(b"IDAT", b"".join(pending)))
            pending, size = [], 0
    pending.append(packer.flush())
    out.append(_chunk(b"IDAT", b"".join(pending)))
    out.append(_chunk(b"IEND", b""))
    return b"".join(out)
