"""gov.uk pages in their real shape (tests/govuk_pages.py: html_publication, numbered
headings, loose lists, footnotes, the contents list and licence block; invented words only):
footnotes never in item text, the draft checked as strictly as the statutory guide, and a
bound on the items one page may hold."""

from __future__ import annotations

import json
import time
from pathlib import Path, PurePath

import pytest

import bvframework as bv
from bvframework._core.errors import DataError
from bvframework._importers.govuk import MAX_ITEMS, PLAUSIBLE_TOTALS, govuk_catalogue

from . import govuk_pages

DRAFT = bv.load_catalogue("best-value/draft-2023-07")
STATUTORY = bv.load_catalogue("best-value/statutory-2024-05")
SENTENCES = dict(zip(("draft", "statutory"), govuk_pages.versions(), strict=True))
PAGES = dict(zip(("draft", "statutory"), govuk_pages.pages(), strict=True))


def overlay(html: str, onto: bv.Catalogue) -> bv.Catalogue:
    return govuk_catalogue(html, path=PurePath("page.html"), onto=onto)


def problems(html: str, onto: bv.Catalogue) -> list[str]:
    with pytest.raises(DataError) as caught:
        overlay(html, onto)
    return [p.message for p in caught.value.problems]


@pytest.mark.parametrize(("name", "onto"), [("statutory", STATUTORY), ("draft", DRAFT)])
def test_items_are_exactly_the_listed_sentences(name: str, onto: bv.Catalogue) -> None:
    """No footnote number, no contents-list entry, no consultation answer in any item: every
    theme's characteristics are the fixture's sentences, in order (loose lists too)."""
    catalogue = overlay(PAGES[name], onto)
    for theme_id, _ in govuk_pages.THEMES:
        texts = [i.text for i in catalogue.theme(theme_id).items if i.kind == "characteristic"]
        assert texts == SENTENCES[name][theme_id], theme_id
    everything = " ".join(i.text or "" for i in catalogue.items)
    for leak in ("footnote", "[", "Yes", "Don't know", "Question", "Crown copyright", "Contents"):
        assert leak not in everything


def test_content_api_body_reads_as_the_web_page() -> None:
    answer = json.loads(govuk_pages.content_api(PAGES["statutory"], base_path="/x", title="T"))
    assert answer["document_type"] == answer["schema_name"] == "html_publication"
    assert [h["text"] for h in answer["details"]["headers"][0]["headers"]][:2] == [
        "5.1 Continuous improvement",
        "5.2 Leadership",
    ]
    from_api = overlay(answer["details"]["body"], STATUTORY)
    assert from_api.records() == overlay(PAGES["statutory"], STATUTORY).records()


def test_the_draft_total_is_what_the_sources_imply() -> None:
    catalogue = overlay(PAGES["draft"], DRAFT)
    assert len(catalogue.primary_items) == 59
    low, high = PLAUSIBLE_TOTALS[DRAFT.key]
    assert low <= len(catalogue.primary_items) <= high


def _cut(html: str, title: str, keep: int) -> str:
    """The page with the theme's characteristics list cut to its first ``keep`` items."""
    head, rest = html.split(f"</span>{title}</h3>", 1)
    body, tail = rest.split("</ul>", 1)
    items = body.split("<li>")
    return head + f"</span>{title}</h3>" + "<li>".join(items[: keep + 1]) + "</ul>" + tail


def test_a_draft_count_outside_the_sources_is_reported_not_stored() -> None:
    short = _cut(PAGES["draft"], "Use of resources", 6)
    assert problems(short, DRAFT) == [
        "the page lists 55 characteristics in all, but the published comparison implies 59 "
        "to 62 for best-value/draft-2023-07: a list split, repeated or cut short?"
    ]


def test_a_list_split_by_a_paragraph_is_caught() -> None:
    lines = PAGES["draft"].split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith("<li>Placeholder:"))
    lines[at + 2 : at + 2] = ["</ul>", "<p>A placeholder remark between items.</p>", "<ul>"]
    found = problems("\n".join(lines), DRAFT)
    assert any(
        "list items at line" in m
        and "follow its characteristics after a paragraph" in m
        and "a split list? They are not read" in m
        for m in found
    ), found


def test_a_theme_heading_repeated_in_an_annex_is_caught() -> None:
    annex = (
        '<h2 id="annex"><span class="number">Annex A </span>Summary</h2>'
        '<h3 id="again"><span class="number">A.2 </span>Leadership</h3>'
        "<p><strong>Characteristics of a well-functioning authority</strong></p>"
        "<ul><li>Placeholder repeat one.</li><li>Placeholder repeat two.</li></ul>"
    )
    html = PAGES["draft"].replace('<div class="footnotes"', annex + '<div class="footnotes"')
    assert any("theme 'Leadership' appears again as a heading" in m for m in problems(html, DRAFT))
    html = PAGES["statutory"].replace('<div class="footnotes"', annex + '<div class="footnotes"')
    assert any("not read twice" in m for m in problems(html, STATUTORY))


def test_21_07_govuk_item_bound() -> None:
    """A page of more list items than the bound is refused in one line naming the limit,
    without reading (or writing) the rest; a smaller bound can be given."""
    too_many = "<h3>Leadership</h3><ul>" + "<li>x</li>" * (MAX_ITEMS + 1) + "</ul>"
    started = time.perf_counter()
    with pytest.raises(DataError) as caught:
        govuk_catalogue(too_many, path=PurePath("big.html"), themes=["Leadership"])
    assert time.perf_counter() - started < 30  # bounded, not a measurement
    (problem,) = caught.value.problems
    assert str(problem) == (
        "big.html:1: more than 20,000 list items (the limit; max_items= raises it); refused: a "
        "gov.uk guide has a few hundred"
    )
    page = "<h3>Leadership</h3><h4>Characteristics of a well-functioning authority</h4><ul>"
    page += "<li>one</li><li>two</li><li>three</li></ul>"
    with pytest.raises(DataError, match="more than 2 list items"):
        govuk_catalogue(page, path=PurePath("p.html"), themes=["Leadership"], max_items=2)
    assert len(govuk_catalogue(page, path=PurePath("p.html"), themes=["Leadership"])) == 3


def test_21_07_govuk_item_bound_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    from bvframework._cli.main import main

    page = tmp_path / "big.html"
    page.write_text("<h3>Leadership</h3><ul>" + "<li>x</li>" * 4 + "</ul>", encoding="utf-8")
    argv = ["import", "govuk", str(page), "--themes", "Leadership", "-o", str(tmp_path / "o")]
    assert main([*argv, "--max-items", "3"]) == 2
    err = capsys.readouterr().err
    assert err == (
        f"bvframework: error: {page}:1: more than 3 list items (the limit; --max-items raises "
        "it); refused: a gov.uk guide has a few hundred\n"
    )
    assert main(["import", "sssom", str(page), "--max-items", "3", "-o", str(tmp_path / "m")]) == 2
    assert "--max-items applies to catalogue imports, not sssom" in capsys.readouterr().err


def test_a_content_api_answer_imports_and_its_outline_confirms_the_themes(
    tmp_path: Path,
) -> None:
    answer = json.loads(govuk_pages.content_api(PAGES["statutory"], base_path="/x", title="T"))
    path = tmp_path / "statutory.json"
    path.write_text(json.dumps(answer), encoding="utf-8")
    from_json = bv.import_catalogue("govuk", path, onto=STATUTORY)
    assert from_json.records() == overlay(PAGES["statutory"], STATUTORY).records()
    # an outline that does not list a theme the body has: the page is not what it claims
    answer["details"]["headers"][0]["headers"] = [
        h for h in answer["details"]["headers"][0]["headers"] if "Culture" not in h["text"]
    ]
    path.write_text(json.dumps(answer), encoding="utf-8")
    with pytest.raises(DataError, match="theme 'Culture' is a heading of the page's body but"):
        bv.import_catalogue("govuk", path, onto=STATUTORY)
    path.write_text('{"details": {}}', encoding="utf-8")
    with pytest.raises(DataError, match=r"JSON without details\.body"):
        bv.import_catalogue("govuk", path, onto=STATUTORY)
