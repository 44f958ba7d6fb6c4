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


def page(lists: dict[str, list[str]], *, draft: bool) -> str:
    """A govspeak page holding ``lists``; the draft with consultation questions."""
    out = ['<div class="govspeak">', '<h2 id="section-5">5. The best value themes</h2>']
    for n, (theme, title) in enumerate(THEMES, 1):
        out.append(f'<h3 id="theme-{theme.lower()}">5.{n} {title}</h3>')
        out.append("<p>Placeholder description of the theme, in made-up words.</p>")
        if draft:
            out.append("<p><strong>Characteristics of a well-functioning authority</strong></p>")
        else:
            out.append("<h4>Characteristics of a well-functioning authority</h4>")
        out.append("<ul>")
        out += [f"<li>{text}</li>" for text in lists[theme]]
        out.append("</ul>")
        out.append("<h4>Examples of indicators of potential failure</h4><ul>")
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
    out.append('<h2 id="section-6">6. Placeholder next section</h2><ul><li>Not an item.</li></ul>')
    out.append("</div>")
    return "\n".join(out) + "\n"


def content_api(html: str, *, base_path: str, title: str) -> str:
    """gov.uk's Content API answer for a page: the HTML body in ``details.body``."""
    return json.dumps(
        {
            "base_path": base_path,
            "title": title,
            "document_type": "guidance",
            "locale": "en",
            "public_updated_at": "2024-05-08T10:00:00.000+01:00",
            "details": {"body": html, "political": False},
        },
        indent=1,
    )


def pages() -> tuple[str, str]:
    """(draft HTML, statutory HTML)."""
    draft, statutory = versions()
    return page(draft, draft=True), page(statutory, draft=False)
