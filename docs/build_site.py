"""Build the documentation site: the API reference from the docstrings (pdoc) and the guides
in docs/*.md, rendered as pages beside it. Offline and quick (a few seconds); CI runs it.

    python docs/build_site.py OUT_DIR

OUT_DIR/index.html links the guides and the reference; OUT_DIR/api/ is pdoc's reference of
the public API (the names in ``bvframework.__all__``; private modules are not documented).
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
_TITLE = re.compile(r"^#\s+(.+)$", re.M)
_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - bvframework</title>
<style>body{{max-width:52rem;margin:2rem auto;padding:0 1rem;font:16px/1.5 system-ui,sans-serif}}
pre{{background:#f4f4f4;padding:.6rem;overflow-x:auto}}code{{font-size:90%}}
table{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2rem .5rem}}</style>
</head><body><p><a href="{home}">bvframework documentation</a></p>
{body}
</body></html>
"""


def _page(title: str, body: str, home: str) -> str:
    return _PAGE.format(title=html.escape(title), body=body, home=home)


def build(out: Path) -> list[Path]:
    """Write the site into ``out``; the pages written."""
    import warnings

    import pdoc
    import pdoc.render
    import pdoc.render_helpers

    # attrs-made attributes have no source line pdoc can find; it says so and carries on
    warnings.filterwarnings("ignore", message="Cannot determine where", category=UserWarning)
    out.mkdir(parents=True, exist_ok=True)
    pdoc.render.configure(
        docformat="restructuredtext",
        footer_text="bvframework",
        search=False,  # the search index is large and needs no network, but is not needed
        show_source=False,
    )
    pdoc.pdoc("bvframework", output_directory=out / "api")
    written = sorted((out / "api").rglob("*.html"))
    links = ['<li><a href="api/bvframework.html">API reference</a> (from the docstrings)</li>']
    guides = [ROOT / "README.md", *sorted(DOCS.glob("*.md")), ROOT / "CHANGELOG.md"]
    for guide in guides:
        if not guide.is_file():
            continue
        text = guide.read_text(encoding="utf-8")
        found = _TITLE.search(text)
        title = found.group(1).strip() if found else guide.stem
        name = "index-readme" if guide.name == "README.md" else guide.stem.lower()
        target = out / "guides" / f"{name}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        body = pdoc.render_helpers.to_html(text)
        # links between the guides point at their pages, not at the Markdown files
        body = re.sub(
            r'href="(?:docs/)?([\w-]+)\.md(#[^"]*)?"',
            lambda m: f'href="{m.group(1).lower()}.html{m.group(2) or ""}"',
            body,
        )
        target.write_text(_page(title, body, "../index.html"), encoding="utf-8")
        written.append(target)
        links.append(f'<li><a href="guides/{name}.html">{html.escape(title)}</a></li>')
    index = out / "index.html"
    index.write_text(
        _page("Contents", "<h1>bvframework</h1><ul>" + "".join(links) + "</ul>", "index.html"),
        encoding="utf-8",
    )
    return [index, *written]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python docs/build_site.py OUT_DIR", file=sys.stderr)
        return 2
    pages = build(Path(argv[0]))
    print(f"{len(pages)} pages written to {argv[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
