"""What the handbook is goes with every printout: each printed page and the
printed registration say that it explains the guideline and is not the
adopted document, which prevails."""

from __future__ import annotations

import guideline_data
import pytest
from conftest import ROOT, Site, soup

NOTICE = " ".join(guideline_data.load(ROOT / "data" / "guideline.yml")["guideline"]["notice"].split())


def test_every_page_carries_the_print_notice(site: Site) -> None:
    for path in site.pages():
        notes = soup(path).select(".mdx-print-notice")
        assert len(notes) == 1, path
        assert notes[0].has_attr("hidden"), f"{path}: the notice is for paper only"
        assert NOTICE in " ".join(notes[0].get_text(" ").split()), path


def test_the_printed_registration_says_what_the_handbook_is(site: Site) -> None:
    review = soup(site.page("checklistor/starta-konto")).select_one("[data-mdx-review]")
    assert NOTICE in " ".join(review.get_text(" ").split())


@pytest.mark.browser
@pytest.mark.parametrize("url_path", ["", "lagar/arkiv/", "regler/"])
def test_the_notice_shows_on_paper_and_not_on_screen(site: Site, browser: object, url_path: str) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto(site.url + url_path)
    note = page.locator(".mdx-print-notice")
    assert not note.is_visible(), "not on screen"
    page.emulate_media(media="print")
    assert note.is_visible(), "on paper"
    assert "inte det antagna dokumentet" in note.inner_text()
    context.close()
