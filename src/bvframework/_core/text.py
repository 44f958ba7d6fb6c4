"""The one rule for text leaving the program: control characters shown, never sent.

A label, a note or a server's reason phrase may hold ESC, NUL, BEL or a lone surrogate:
sent raw, ESC recolours or rewrites a terminal, NUL makes an XLSX that openpyxl refuses to
write, a lone surrogate cannot be encoded at all. :func:`printable` is the rule every
output uses (terminal lines, notices, XLSX cells, HTML and SVG text, PNG labels): each such
character becomes a visible escape (``\\x1b``), so nothing is lost and nothing runs.
Formats that can hold a line break or a tab keep them (``keep``).
"""

from __future__ import annotations

import re

__all__ = ["CONTROL", "printable"]

CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Characters no output shows as text: C0 and C1 controls, DEL, lone surrogates and the
two noncharacters XML 1.0 cannot hold."""

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str, *, keep: str = "") -> str:
    r"""``text`` with every control character (and lone surrogate) written as an escape;
    the characters in ``keep`` (for instance ``"\n\t"``) are left as they are.

    >>> printable("red \x1b[31m!\x07")
    'red \\x1b[31m!\\x07'
    >>> printable("two\nlines", keep="\n")
    'two\nlines'
    >>> printable("two\nlines")
    'two\\nlines'
    """
    if not CONTROL.search(text):
        return text
    if not keep:
        return CONTROL.sub(_escape, text)
    return CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)
