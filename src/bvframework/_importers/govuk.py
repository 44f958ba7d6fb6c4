"""gov.uk guidance pages (govspeak HTML): themes as headings, then bulleted lists.

For the Best Value guide each theme heading is followed by the list of "characteristics of
a well-functioning authority" and the list of "examples of indicators of potential
failure". With ``onto`` (the bundled catalogue) the characteristics' text is overlaid onto
its item IDs in order, after checking every theme's count against ``expected_items``: any
mismatch is reported, never guessed around.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import PurePath
from typing import Any

from attrs import evolve

from .._catalogues.model import Catalogue, Item
from .._core.errors import DataError, Problem
from .common import build_catalogue

__all__ = ["MAX_ITEMS", "PLAUSIBLE_TOTALS", "govuk_catalogue", "outline_of", "parse_govuk"]

CHARACTERISTICS = re.compile(r"characteristics of a well[\s-]*functioning", re.I)
INDICATORS = re.compile(r"indicators of (potential )?failure", re.I)
# The consultation document puts its questions between sections: "Question 4: Do you ..."
QUESTION = re.compile(r"(consultation\s+)?question\s+\d+\b", re.I)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


# Items one page may hold: a gov.uk guide lists a few hundred (the Best Value guide about 150
# with its indicators); a page of 100,000 list items would take a minute and 400 MB to
# import and write, so a page is refused past this (max_items= raises it).
MAX_ITEMS = 20_000


# Totals the sources imply where a version's count is not published: for the draft guide,
# arithmetic on the published comparison of draft and statutory (41 unchanged, 2 removed,
# 13 added, of the statutory 70) gives 59 to 62 (FACTS.md, "Draft version"). An inference,
# so a page outside it is reported, and a page inside it is not thereby a fact.
PLAUSIBLE_TOTALS: dict[str, tuple[int, int]] = {"best-value/draft-2023-07": (59, 62)}


class _TooManyItemsError(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def _skipped(tag: str, attrs: dict[str, str | None]) -> bool:
    """Markup whose text is never an item's: footnote references and the footnotes they
    point at (govspeak writes ``<sup><a class="footnote">`` and
    ``<div class="footnotes">``), and the page's contents list (``<nav>``)."""
    classes = (attrs.get("class") or "").split()
    role = attrs.get("role") or ""
    return (
        tag == "nav"
        or "footnote" in classes
        or "footnotes" in classes
        or role in ("doc-noteref", "doc-endnotes", "doc-endnote", "doc-backlink")
        or (tag == "sup" and (attrs.get("id") or "").startswith("fnref"))
    )


class _Blocks(HTMLParser):
    """Headings, paragraphs and top-level list items, as (kind, text, line); footnotes and
    the contents list left out; at most ``max_items`` list items."""

    def __init__(self, max_items: int = MAX_ITEMS) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str, int]] = []
        self.stack: list[str] = []
        self.text: list[str] = []
        self.depth = 0  # list nesting
        self.capture: str | None = None
        self.start_line = 0
        self.skip_tag: str | None = None
        self.skip_depth = 0
        self.items = 0
        self.max_items = max_items

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip_tag is not None:
            self.skip_depth += tag == self.skip_tag
            return
        if _skipped(tag, dict(attrs)):
            self.skip_tag, self.skip_depth = tag, 1
            return
        if self.capture is not None:
            self.text.append(" ")  # nested blocks are separate words
        if tag in ("ul", "ol"):
            self.depth += 1
        block = tag in _HEADINGS or tag == "p" or (tag == "li" and self.depth == 1)
        if block and self.capture is None:
            self.capture, self.text = tag, []
            self.start_line = self.getpos()[0]

    def handle_endtag(self, tag: str) -> None:
        if self.skip_tag is not None:
            if tag == self.skip_tag:
                self.skip_depth -= 1
                if self.skip_depth == 0:
                    self.skip_tag = None
            return
        if tag == self.capture:
            text = re.sub(r"\s+", " ", "".join(self.text)).strip()
            kind = "heading" if tag in _HEADINGS else "li" if tag == "li" else "p"
            if text:
                self.blocks.append((kind, text, self.start_line))
                if kind == "li":
                    self.items += 1
                    if self.items > self.max_items:
                        raise _TooManyItemsError(self.start_line)
            self.capture = None
        if tag in ("ul", "ol"):
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.capture is not None and self.skip_tag is None:
            self.text.append(data)


def _key(text: str) -> str:
    text = text.casefold().replace("&", " and ")
    text = re.sub(r"^(?:[a-z]\.)?[\d.\s]+", "", text)  # "5.1 Leadership", "A.2 Leadership"
    return re.sub(r"[^a-z]+", " ", text).strip()


Found = dict[str, dict[str, list[tuple[str, int]]]]


def outline_of(headers: Any, *, depth: int = 0) -> list[str]:
    """The heading texts of a Content API ``details.headers`` outline (nested ``{text,
    level, id, headers}`` entries), in order; anything else in it is skipped."""
    out: list[str] = []
    if depth > 8 or not isinstance(headers, list):
        return out
    for entry in headers:
        if isinstance(entry, dict):
            if isinstance(entry.get("text"), str):
                out.append(entry["text"])
            out += outline_of(entry.get("headers"), depth=depth + 1)
    return out


def parse_govuk(
    html: str, themes: list[str], *, max_items: int = MAX_ITEMS, option: str = "max_items="
) -> tuple[Found, list[tuple[str, int]]]:
    """Theme title -> {"characteristic": [(text, line)...], "indicator": [...]}, and what
    looks wrong, as (message, line): a list that follows a theme's characteristics after a
    paragraph (a split list: its items are not read) and a theme heading met again with
    another list of characteristics (an annex: not read twice).

    A theme starts at a heading whose words are one of ``themes``; a list belongs to the
    kind named by the heading or short paragraph before it; a consultation question ends
    it, and so does any other heading.

    :raises DataError: more than ``max_items`` list items.
    """
    parser = _Blocks(max_items)
    try:
        parser.feed(html)
        parser.close()
    except _TooManyItemsError as too_many:
        raise DataError(
            [
                Problem(
                    message=f"more than {max_items:,} list items (the limit; {option} raises it); "
                    "refused: a gov.uk guide has a few hundred",
                    line=too_many.line,
                )
            ]
        ) from None
    wanted = {_key(t): t for t in themes}
    found: Found = {}
    issues: list[tuple[str, int]] = []
    first_line: dict[str, int] = {}
    theme: str | None = None
    kind: str | None = None
    listed = False  # items taken since the last marker: the next block ends the list
    ended: tuple[str, int] | None = None  # characteristics ended by this paragraph
    orphans: list[int] = []
    repeated = False  # under a theme heading met before

    def report_orphans() -> None:
        if orphans and theme is not None and ended is not None:
            issues.append(
                (
                    f"theme {theme!r}: {len(orphans)} list items at line {orphans[0]} follow "
                    f"its characteristics after a paragraph (line {ended[1]}): a split list? "
                    "They are not read",
                    orphans[0],
                )
            )
        orphans.clear()

    for block, text, line in parser.blocks:
        if block == "heading" and _key(text) in wanted:
            report_orphans()
            theme, kind, ended = wanted[_key(text)], None, None
            repeated = theme in first_line
            first_line.setdefault(theme, line)
            found.setdefault(theme, {"characteristic": [], "indicator": []})
            continue
        if block in ("heading", "p") and len(text.split()) <= 14:
            marker = (
                "characteristic"
                if CHARACTERISTICS.search(text)
                else "indicator"
                if INDICATORS.search(text)
                else None
            )
            if marker is not None:
                report_orphans()
                kind, listed, ended = marker, False, None
                if repeated and marker == "characteristic" and theme is not None:
                    issues.append(
                        (
                            f"theme {theme!r} appears again as a heading (first at line "
                            f"{first_line[theme]}) with another list of characteristics: "
                            "not read twice",
                            line,
                        )
                    )
                    kind = None
                continue
        if block == "heading" or QUESTION.match(text):
            report_orphans()
            kind, ended = None, None  # a consultation question or a heading ends the list
        elif block == "p" and listed:
            if kind == "characteristic":
                ended = (text, line)
            kind, listed = None, False  # prose after the list ends it
        if block == "li" and theme is not None:
            if kind is not None and not (repeated and kind == "characteristic"):
                found[theme][kind].append((text, line))
                listed = True
            elif ended is not None:
                orphans.append(line)
    report_orphans()
    return found, issues


_STOP = {"a", "an", "and", "the", "of", "to", "from", "in", "on", "for", "with", "its", "it"}


def _words(text: str) -> set[str]:
    return {w[:5] for w in re.findall(r"[a-z]+", text.casefold()) if w not in _STOP}


def _place_known(theme: str, known: list[Item], listed: list[tuple[str, int]]) -> list[Item]:
    """Where the count was not known, the page's list defines the items, in order: an item
    already known by a label keeps its ID at the position whose text holds most of the
    label's words (at least 60%); the others get positional IDs as they are created."""
    slots: list[Item | None] = [None] * len(listed)
    for item in known:
        words = _words(item.label or "")
        if not words:
            continue
        scores = [len(words & _words(text)) / len(words) for text, _ in listed]
        best = max(range(len(listed)), key=lambda n: scores[n], default=None)
        if best is not None and scores[best] >= 0.6 and slots[best] is None:
            slots[best] = item
    return [
        evolve(slot, position=n)
        if slot is not None
        else Item(id=f"{theme}-{n:02d}", theme=theme, position=n)
        for n, slot in enumerate(slots, 1)
    ]


def _initials(title: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", title) if w.lower() != "and").upper()


def govuk_catalogue(
    html: str,
    *,
    path: PurePath,
    onto: Catalogue | None = None,
    themes: list[str] | None = None,
    framework: str | None = None,
    version: str | None = None,
    indicators: bool = True,
    provenance: str | None = None,
    max_items: int = MAX_ITEMS,
    outline: list[str] | None = None,
    option: str = "max_items=",
) -> Catalogue:
    """A catalogue from a saved gov.uk page.

    With ``onto``, its themes are looked for and the characteristics' text is set on its
    items in order (with evidence naming the file); indicators of potential failure are
    added as items of kind ``indicator`` (``CI-F01``...). Without ``onto``, ``themes`` names
    the theme headings and the IDs are the theme's initials and a position. ``provenance``
    says where the text came from (default: a copy the user supplied, named by ``path``).
    Where ``onto`` does not know a theme's count (the draft guide), the page's list defines
    the items and the count; an item known by a label keeps its ID where its words are; and
    the total must lie in what the sources imply (:data:`PLAUSIBLE_TOTALS`), else it is
    reported. Either way, a list split by a paragraph and a theme heading repeated with
    another list (an annex) are reported, never read silently; footnotes and the contents
    list are never item text. A page of more than ``max_items`` list items is refused (the
    message names the limit as ``option``, how the caller's interface spells it).
    ``outline``: the page's own outline (the Content API's ``details.headers``, see
    :func:`outline_of`); where given, every theme heading found in the body must be in it.
    """
    provenance = provenance or f"{path.name}, a copy supplied by the user"
    titles = [t.title for t in onto.themes] if onto is not None else list(themes or [])
    if not titles:
        raise DataError(
            [
                Problem(
                    message="name the theme headings (themes=) or a catalogue to overlay (onto=)",
                    source=str(path),
                )
            ]
        )
    try:
        found, issues = parse_govuk(html, titles, max_items=max_items, option=option)
    except DataError as too_big:
        raise DataError([evolve(p, source=str(path)) for p in too_big.problems]) from None
    problems = [
        Problem(message=f"theme {t!r} not found as a heading", source=str(path))
        for t in titles
        if t not in found
    ]
    problems += [Problem(message=m, source=str(path), line=ln) for m, ln in issues]
    if outline is not None:
        outlined = {_key(text) for text in outline}
        problems += [
            Problem(
                message=f"theme {t!r} is a heading of the page's body but not of its outline "
                "(details.headers): not the page it claims to be?",
                source=str(path),
            )
            for t in titles
            if t in found and _key(t) not in outlined
        ]
    for title, lists in found.items():
        if not lists["characteristic"]:
            problems.append(
                Problem(
                    message=f"theme {title!r}: no list of characteristics of a "
                    "well-functioning authority found",
                    source=str(path),
                )
            )
    evidence = f"Imported from {provenance}"
    if onto is None:
        if problems:
            raise DataError(problems)
        out_themes: list[dict[str, Any]] = []
        for title in titles:
            tid = _initials(title)
            items = [
                {"id": f"{tid}-{n:02d}", "text": text, "evidence": [f"{evidence}, line {ln}"]}
                for n, (text, ln) in enumerate(found[title]["characteristic"], 1)
            ]
            if indicators:
                items += [
                    {
                        "id": f"{tid}-F{n:02d}",
                        "kind": "indicator",
                        "text": text,
                        "evidence": [f"{evidence}, line {ln}"],
                    }
                    for n, (text, ln) in enumerate(found[title]["indicator"], 1)
                ]
            out_themes.append({"id": tid, "title": title, "items": items})
        return build_catalogue(
            framework=framework or "govuk",
            version=version or path.stem,
            title=path.stem,
            themes=out_themes,
            source=str(path),
        )
    for theme in onto.themes:
        listed = found.get(theme.title, {}).get("characteristic", [])
        if not listed:
            continue  # already reported: theme or list not found
        if theme.expected_items is not None:
            want, basis = theme.expected_items, f"expects {theme.expected_items}"
        else:
            continue  # the count is not known: the official text defines the items
        if len(listed) != want:
            problems.append(
                Problem(
                    message=f"theme {theme.title!r}: the page lists {len(listed)} characteristics "
                    f"but {onto.key} {basis}",
                    source=str(path),
                    line=listed[0][1],
                )
            )
    plausible = PLAUSIBLE_TOTALS.get(onto.key) if onto.expected_items is None else None
    total = sum(len(found.get(t.title, {}).get("characteristic", [])) for t in onto.themes)
    if plausible is not None and not plausible[0] <= total <= plausible[1]:
        problems.append(
            Problem(
                message=f"the page lists {total} characteristics in all, but the published "
                f"comparison implies {plausible[0]} to {plausible[1]} for {onto.key}: a list "
                "split, repeated or cut short?",
                source=str(path),
            )
        )
    if problems:
        raise DataError(problems)
    new_themes = []
    for theme in onto.themes:
        listed = found[theme.title]["characteristic"]
        primary = [it for it in theme.items if it.kind == "characteristic"]
        if theme.expected_items is None:
            primary = _place_known(theme.id, primary, listed)
        overlaid: list[Item] = [
            evolve(item, text=text, evidence=(*item.evidence, f"{evidence}, line {ln}"))
            for item, (text, ln) in zip(primary, listed, strict=False)
        ]
        extra: list[Item] = [
            Item(
                id=f"{theme.id}-{n:02d}",
                theme=theme.id,
                position=n,
                text=text,
                evidence=(f"{evidence}, line {ln}",),
            )
            for n, (text, ln) in enumerate(listed[len(primary) :], len(primary) + 1)
        ]
        if indicators:
            extra += [
                Item(
                    id=f"{theme.id}-F{n:02d}",
                    theme=theme.id,
                    kind="indicator",
                    position=len(listed) + n,
                    text=text,
                    evidence=(f"{evidence}, line {ln}",),
                )
                for n, (text, ln) in enumerate(found[theme.title]["indicator"], 1)
            ]
        new_themes.append(evolve(theme, items=tuple(overlaid + extra)))
    counted = onto.expected_items is None
    result = evolve(
        onto,
        themes=tuple(
            evolve(t, expected_items=sum(1 for i in t.items if i.kind == "characteristic"))
            if t.expected_items is None
            else t
            for t in new_themes
        ),
        expected_items=(
            sum(1 for t in new_themes for i in t.items if i.kind == "characteristic")
            if counted
            else onto.expected_items
        ),
        origin=None,
        completeness=f"Wording imported from {provenance}; "
        + (
            "the number of characteristics per theme is counted from that text (the bundled "
            "data did not know it)."
            if counted
            else "checked against the expected counts per theme."
        ),
    )
    return Catalogue.from_dict(result.to_dict(), filename=str(path))
