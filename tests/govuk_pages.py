"""Fictional stand-ins for the two gov.uk Best Value pages, in their shape only.

The pages have the structure of the real ones (govspeak HTML: section 5 with the seven
themes, each with a description, a list of "characteristics of a well-functioning
authority" and a list of "examples of indicators of potential failure"; the draft, a
consultation document, with its questions between sections) and the statutory counts per
theme (FACTS.md). Every sentence is a placeholder made of made-up words: never the real
wording. The draft is built so that the published comparison holds exactly: 41
characteristics unchanged, 2 removed (one of them "moving from multiple to all-out
elections", the one removal a source names), 13 added, and 16 reworded (the 16 statutory
items the published comparison does not account for).
"""

from __future__ import annotations

import json
import random
import re

THEMES = [
    ("CI", "Continuous improvement"),
    ("L", "Leadership"),
    ("G", "Governance"),
    ("C", "Culture"),
    ("R", "Use of resources"),
    ("SD", "Service delivery"),
    ("PC", "Partnerships and community engagement"),
]
STATUTORY_COUNTS = {"CI": 11, "L": 10, "G": 10, "C": 11, "R": 12, "SD": 10, "PC": 6}
ADDED = {"CI": 3, "L": 2, "G": 2, "C": 2, "R": 2, "SD": 1, "PC": 1}  # 13
REWORDED = {"CI": 3, "L": 2, "G": 3, "C": 2, "R": 3, "SD": 2, "PC": 1}  # 16
REMOVED = {"L": 1, "G": 1}  # 2

_SYLLABLES = [
    "bra",
    "cun",
    "dol",
    "fe",
    "gri",
    "hax",
    "jo",
    "ku",
    "lem",
    "mor",
    "nix",
    "pa",
    "quo",
    "ris",
    "sol",
    "tam",
    "vu",
    "wex",
    "yor",
    "zan",
]


def _vocabulary(rng: random.Random) -> list[str]:
    words = {
        rng.choice(_SYLLABLES) + rng.choice(_SYLLABLES) + rng.choice(("", "s", "ed", "ing"))
        for _ in range(3000)
    }
    return sorted(words)


def _sentence(rng: random.Random, vocab: list[str]) -> list[str]:
    return [rng.choice(vocab) for _ in range(rng.randint(9, 14))]


def _reword(rng: random.Random, words: list[str], vocab: list[str]) -> list[str]:
    out = list(words)
    for i in rng.sample(range(len(out)), k=max(2, len(out) // 4)):
        out[i] = rng.choice(vocab)
    return out


def versions(seed: int = 2024) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(draft, statutory): theme ID -> characteristic sentences, in page order."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    draft: dict[str, list[str]] = {}
    statutory: dict[str, list[str]] = {}
    for theme, _ in THEMES:
        kept = STATUTORY_COUNTS[theme] - ADDED[theme]
        shared = [_sentence(rng, vocab) for _ in range(kept)]
        reworded = set(rng.sample(range(kept), REWORDED[theme]))
        old = [" ".join(words) for words in shared]
        new = [
            " ".join(_reword(rng, words, vocab) if n in reworded else words)
            for n, words in enumerate(shared)
        ]
        for _ in range(ADDED[theme]):
            new.insert(rng.randrange(len(new) + 1), " ".join(_sentence(rng, vocab)))
        for k in range(REMOVED.get(theme, 0)):
            text = " ".join(_sentence(rng, vocab))
            if theme == "L" and k == 0:
                text = "Placeholder on moving from multiple to all-out elections " + text
            old.insert(rng.randrange(len(old) + 1), text)
        draft[theme] = [
            f"Placeholder: {t}." if not t.startswith("Placeholder") else f"{t}." for t in old
        ]
        statutory[theme] = [f"Placeholder: {t}." for t in new]
    return draft, statutory


_FOOTNOTE = (
    '<sup id="fnref:{n}" role="doc-noteref"><a href="#fn:{n}" class="footnote" '
    'rel="footnote">[footnote {n}]</a></sup>'
)
LOOSE = "C"  # the theme whose lists are loose (each item a paragraph), as govspeak writes them


def page(lists: dict[str, list[str]], *, draft: bool) -> str:
    """The govspeak body (``details.body``) of an ``html_publication`` holding ``lists``:
    numbered headings (``<span class="number">``), a footnote reference after the second
    characteristic of every theme, one theme's lists loose, the footnotes at the end; the
    draft with its consultation questions (each followed by a Yes/No list)."""
    out = [
        '<div class="govspeak">',
        '<h2 id="the-best-value-themes"><span class="number">5. </span>The best value themes</h2>',
    ]
    notes = 0
    for n, (theme, title) in enumerate(THEMES, 1):
        slug = title.lower().replace(" ", "-")
        out.append(f'<h3 id="{slug}"><span class="number">5.{n} </span>{title}</h3>')
        notes += 1
        out.append(
            "<p>Placeholder description of the theme, in made-up words."
            f"{_FOOTNOTE.format(n=notes)}</p>"
        )
        if draft:
            out.append("<p><strong>Characteristics of a well-functioning authority</strong></p>")
        else:
            out.append(
                f'<h4 id="{slug}-characteristics">Characteristics of a well-functioning '
                "authority</h4>"
            )
        out.append("<ul>")
        for k, sentence in enumerate(lists[theme]):
            if k == 1:
                notes += 1
            item = sentence + (_FOOTNOTE.format(n=notes) if k == 1 else "")
            out.append(f"<li><p>{item}</p></li>" if theme == LOOSE else f"<li>{item}</li>")
        out.append("</ul>")
        out.append(f'<h4 id="{slug}-indicators">Examples of indicators of potential failure</h4>')
        out.append("<ul>")
        out += [
            f"<li>Placeholder indicator {k} of {title}.<ul><li>A nested detail.</li></ul></li>"
            for k in (1, 2, 3)
        ]
        out.append("</ul>")
        if draft:
            out.append(
                f"<p>Question {n + 3}: Do you agree with the characteristics proposed "
                f"for {title.lower()}?</p>"
            )
            out.append("<ul><li>Yes</li><li>No</li><li>Don't know</li></ul>")
    out.append(
        '<h2 id="next"><span class="number">6. </span>Placeholder next section</h2>'
        "<ul><li>Not an item.</li></ul>"
    )
    out.append('<div class="footnotes" role="doc-endnotes"><ol>')
    out += [
        f'<li id="fn:{k}" role="doc-endnote"><p>Placeholder footnote {k}. '
        f'<a href="#fnref:{k}" class="reversefootnote" role="doc-backlink">&#8617;</a></p></li>'
        for k in range(1, notes + 1)
    ]
    out.append("</ol></div>")
    out.append("</div>")
    return "\n".join(out) + "\n"


_BODY = ("<!-- details.body -->", "<!-- /details.body -->")


def web_page(body: str, *, title: str) -> str:
    """The page as a browser saves it: the contents list (its theme titles are links, not
    headings), the licence block, then the body."""
    contents = "".join(
        f'<li class="gem-c-contents-list__list-item"><a class="govuk-link" href="#{t.lower()}">'
        f'<span class="gem-c-contents-list__number">5.{n} </span>{t}</a></li>'
        for n, (_, t) in enumerate(THEMES, 1)
    )
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><title>{title} - GOV.UK</title></head>\n'
        '<body><main id="content">\n'
        f'<h1 class="gem-c-title__text">{title}</h1>\n'
        '<nav class="gem-c-contents-list" aria-label="Contents" role="navigation">'
        '<h2 class="gem-c-contents-list__title">Contents</h2>'
        f'<ol class="gem-c-contents-list__list">{contents}</ol></nav>\n'
        '<div class="govuk-grid-column-two-thirds"><p>&#169; Crown copyright 2024</p>'
        "<p>This publication is licensed under the terms of the Open Government Licence v3.0 "
        "except where otherwise stated.</p></div>\n"
        f"{_BODY[0]}\n{body}{_BODY[1]}\n</main></body></html>\n"
    )


def _headers(body: str) -> list[dict[str, object]]:
    """``details.headers``: the body's h2 and h3 as gov.uk's Content API nests them."""
    out: list[dict[str, object]] = []
    for level, ident, number, text in re.findall(
        r'<h([23]) id="([^"]+)"><span class="number">([^<]*)</span>([^<]*)</h\1>', body
    ):
        entry: dict[str, object] = {"text": f"{number}{text}", "level": int(level), "id": ident}
        if level == "3" and out:
            out[-1].setdefault("headers", [])
            out[-1]["headers"].append(entry)  # type: ignore[attr-defined]
        else:
            out.append(entry)
    return out


def content_api(html: str, *, base_path: str, title: str) -> str:
    """gov.uk's Content API answer for an html_publication: its govspeak body in
    ``details.body`` (from a saved web page, the part between its body markers) and its
    outline in ``details.headers``."""
    if _BODY[0] in html:
        html = html.split(_BODY[0], 1)[1].split(_BODY[1], 1)[0].lstrip("\n")
    return json.dumps(
        {
            "base_path": base_path,
            "title": title,
            "document_type": "html_publication",
            "schema_name": "html_publication",
            "locale": "en",
            "public_updated_at": "2024-05-08T10:00:00.000+01:00",
            "details": {"body": html, "headers": _headers(html), "political": False},
        },
        indent=1,
    )


def pages() -> tuple[str, str]:
    """(draft, statutory) as the web pages a browser saves."""
    draft, statutory = versions()
    return (
        web_page(page(draft, draft=True), title="Consultation on the draft guidance"),
        web_page(page(statutory, draft=False), title="Best value standards and intervention"),
    )
