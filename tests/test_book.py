"""Hela handboken: the whole guideline on one page (docs/hela-handboken.md) and as
a PDF printed by Chromium (scripts/pdf.py), and every ordinary page on paper."""

from __future__ import annotations

import io
import json
import re
import sys

import guideline_data
import pytest
from conftest import ROOT, Site, soup

sys.path.insert(0, str(ROOT / "scripts"))
import pdf

DATA = guideline_data.load(ROOT / "data" / "guideline.yml")
TITLE = "Handbok: " + DATA["guideline"]["title"]


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def book(site: Site, browser: object, tmp_path_factory: pytest.TempPathFactory) -> tuple[pdf.PdfResult, list[str]]:
    """The PDF made from the test build, and the text of each of its pages."""
    from pypdf import PdfReader

    out = tmp_path_factory.mktemp("pdf") / "hela-handboken.pdf"
    result = pdf.make_pdf(site.root, out, title=TITLE, browser=browser)
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    return result, [page.extract_text() or "" for page in reader.pages]


def test_the_print_page_has_every_section_and_rule_once(site: Site) -> None:
    page = soup(site.page("hela-handboken"))
    for section in DATA["sections"]:
        heading = page.select_one(f"#avsnitt-{section['id']}")
        assert heading is not None and flat(heading.get_text()) == flat(section["title"]), section["id"]
    for rule in DATA["rules"]:
        found = page.select(f'article.mdx-rule[id="regel-{rule["id"]}"]')
        assert len(found) == 1, rule["id"]
        assert found[0].select_one(".mdx-level"), rule["id"]
        assert found[0].select_one(".mdx-source__kind"), rule["id"]


def test_the_print_page_stays_out_of_search_and_links_are_to_the_rules_pages(site: Site) -> None:
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("hela-handboken")]
    rule_index = soup(site.page("regler"))
    first = DATA["rules"][0]
    link = rule_index.select_one(f'a[href$="#{first["id"]}"]')
    assert "hela-handboken" not in link["href"]


def test_the_title_page_says_what_and_which_version(site: Site) -> None:
    title_page = soup(site.page("hela-handboken")).select_one(".mdx-book__title-page")
    text = flat(title_page.get_text(" "))
    assert TITLE in text
    assert "§ 55" in text and "dnr 2022.277 KS" in text
    assert flat(DATA["guideline"]["notice"]) in text
    versions = __import__("ids").load_record(ROOT)
    if versions:
        assert f"version {versions[-1]['version']}, {versions[-1]['date']}" in text
    else:
        assert "inte publicerad än" in text


def test_an_ordinary_build_does_not_link_to_the_downloads(site: Site) -> None:
    """Only a publication makes the PDF and the zip; elsewhere, no link leads to them."""
    for path in (site.page(""), site.page("hela-handboken")):
        hrefs = [a["href"] for a in soup(path).select("a[href]")]
        assert not [h for h in hrefs if h.endswith((".pdf", ".zip"))], path
    assert soup(site.page("")).select_one('a[href="hela-handboken/"]')


@pytest.mark.browser
def test_the_pdf_has_every_section_and_rule(book: tuple) -> None:
    _, pages = book
    text = flat(" ".join(pages))
    squeezed = re.sub(r"\s+", "", text)
    for section in DATA["sections"]:
        assert flat(section["title"]) in text, section["id"]
    for rule in DATA["rules"]:
        assert "#" + rule["id"] in squeezed, rule["id"]


@pytest.mark.browser
def test_the_pdf_title_page(book: tuple) -> None:
    _, pages = book
    first = flat(pages[0])
    assert TITLE in first
    assert "§ 55" in first
    assert "dnr 2022.277 KS" in first
    assert "gäller det antagna dokumentet" in first


@pytest.mark.browser
def test_every_pdf_page_has_its_number_and_the_title(book: tuple) -> None:
    result, pages = book
    assert result.pages == len(pages) > 10
    for number, text in enumerate(pages, 1):
        assert f"Sida {number} av {len(pages)}" in text, number
        assert TITLE in text, number


@pytest.mark.browser
def test_the_contents_point_at_the_right_pages(book: tuple) -> None:
    result, pages = book
    contents = flat(pages[1] + " " + pages[2])
    assert "Innehåll" in contents
    checked = 0
    for section in DATA["sections"]:
        numbers = re.findall(re.escape(flat(section["title"])) + r" (\d+)\b", contents)
        assert numbers, f"{section['id']}: no page number in the contents"
        number = int(numbers[-1])
        assert number == result.toc[f"avsnitt-{section['id']}"]
        assert flat(section["title"]) in flat(pages[number - 1]), f"{section['id']} is not on page {number}"
        assert number > 2
        checked += 1
    assert checked == len(DATA["sections"])


@pytest.mark.browser
@pytest.mark.parametrize("url_path", ["checklistor/starta-konto/", "inlagg/fardiga-texter/", "hela-handboken/"])
def test_an_ordinary_page_prints_without_navigation_and_buttons(site: Site, browser: object, url_path: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.url + url_path)
    page.evaluate(
        """() => {
        const p = document.createElement("p");
        p.innerHTML = '<a id="ut" href="https://example.se/sida">Annan sida</a> <a id="in" href="#x">här</a>';
        document.querySelector(".md-typeset").append(p);
    }"""
    )
    assert page.locator(".md-header").is_visible()
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-tabs", ".md-search"):
        assert not page.locator(selector).first.is_visible(), selector
    for selector in ("button", ".md-button", ".md-top"):
        shown = [b for b in page.locator(selector).all() if b.is_visible()]
        assert not shown, f"{selector}: {len(shown)} shown on paper"
    after = "(id) => getComputedStyle(document.getElementById(id), '::after').content"
    assert "https://example.se/sida" in page.evaluate(after, "ut")
    assert page.evaluate(after, "in") in ("none", "normal", "")
    boxes = page.locator(".mdx-checklist__box")
    if boxes.count():  # a checklist prints as boxes to tick by hand
        assert boxes.first.is_visible()
        assert boxes.first.bounding_box()["width"] > 8
    context.close()
