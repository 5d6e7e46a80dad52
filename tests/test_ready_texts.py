"""Färdiga texter: every ready text is on the page as plain, selectable text (also without
JavaScript), and its copy button puts exactly that text on the clipboard.

Each text is a fenced block in a <div class="mdx-ready-text" id="text-…">, followed by a
labelled button that Material's clipboard handler serves ([data-clipboard-target]). Material's
per-block copy button (the `.copy` class) would work without the site-wide content.code.copy
feature, but it puts each button in an unlabelled <nav>, and several on one page fail axe
(landmark-unique)."""

from __future__ import annotations

import re

import pytest
from browser import watch
from conftest import ROOT, Site, soup

PAGE = "inlagg/fardiga-texter"
SOURCE = ROOT / "docs" / "inlagg" / "fardiga-texter.md"
FENCE = re.compile(
    r'^<div class="mdx-ready-text" id="text-[a-z-]+" markdown>\n\n```text\n(.*?)\n```$', re.DOTALL | re.MULTILINE
)
BUTTON = "button.mdx-ready-text__copy"
PLACEHOLDER = re.compile(r"\[([^\]]*)\]")


def ready_texts() -> list[str]:
    """The ready texts exactly as written in the page's source."""
    return FENCE.findall(SOURCE.read_text(encoding="utf-8"))


def test_every_ready_text_is_rendered_as_written(site: Site) -> None:
    texts = ready_texts()
    assert len(texts) >= 7, "comment rules, account description and the example replies"
    html = soup(site.page(PAGE))
    blocks = html.select("article .mdx-ready-text pre > code")
    assert [block.get_text().rstrip("\n") for block in blocks] == texts
    for box in html.select("article .mdx-ready-text"):
        button = box.select_one(BUTTON)
        assert button is not None and button.get_text(strip=True) == "Kopiera texten"
        assert button["data-clipboard-target"] == f"#{box['id']} pre > code"
        assert html.find(id=button["aria-describedby"]).name in ("h2", "h3"), "the button names its text"


def test_placeholders_are_marked_and_read_as_words() -> None:
    for text in ready_texts():
        for name in PLACEHOLDER.findall(text):
            assert name.strip() and name == name.strip(), f"empty or padded placeholder in: {text[:40]}"
    # Nothing the kommun must fill in is left unmarked.
    assert not re.search(r"\b(TODO|XXX|exempel\.se)\b|@", " ".join(ready_texts()))


@pytest.mark.browser
def test_each_copy_button_copies_its_text_exactly(site: Site, browser: object) -> None:
    texts = ready_texts()
    context = browser.new_context(locale="sv-SE")
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url.rstrip("/"))
        watched = watch(context, site.url.rstrip("/"))
        page = watched.page
        page.goto(site.url + PAGE + "/", wait_until="load")
        blocks = page.locator("article .mdx-ready-text")
        assert blocks.count() == len(texts)
        for index, expected in enumerate(texts):
            page.evaluate("navigator.clipboard.writeText('')")
            button = blocks.nth(index).locator(BUTTON)
            assert button.count() == 1, f"ready text {index + 1} has no copy button"
            button.click()
            page.wait_for_function("expected => navigator.clipboard.readText().then(t => t === expected)", arg=expected)
            assert page.evaluate("navigator.clipboard.readText()") == expected
        watched.assert_clean()
    finally:
        context.close()


@pytest.mark.browser
def test_ready_texts_are_visible_without_javascript(site: Site, browser: object) -> None:
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url + PAGE + "/", wait_until="load")
        blocks = page.locator("article .mdx-ready-text pre > code")
        texts = ready_texts()
        assert blocks.count() == len(texts)
        for index, expected in enumerate(texts):
            block = blocks.nth(index)
            assert block.is_visible(), f"ready text {index + 1} is hidden without JavaScript"
            assert block.inner_text().rstrip("\n") == expected
            # The text wraps instead of scrolling sideways, so all of it can be read and selected.
            assert block.evaluate("el => getComputedStyle(el).whiteSpace") == "pre-wrap"
            assert block.evaluate("el => getComputedStyle(el).userSelect") != "none"
        # A button that cannot work without JavaScript is not shown.
        assert page.locator(BUTTON).count() == len(texts)
        assert not any(page.locator(BUTTON).nth(i).is_visible() for i in range(len(texts)))
    finally:
        context.close()
