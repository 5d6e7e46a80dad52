"""Om webbplatsen in Chromium: no cookies and no requests to other hosts on any page,
one button that clears everything the handbook stored (after asking, and saying so),
hidden without JavaScript; the new pages pass axe in both palettes; the date prints."""

from __future__ import annotations

import pytest
from browser import PALETTES, assert_palette, axe_violations, page_paths, palette_context, watch
from conftest import Site
from test_checklists import START, START_ITEMS, STORAGE_PREFIX, fill_required

pytestmark = pytest.mark.browser
ABOUT = "om-webbplatsen/"
STATEMENT = "tillganglighetsredogorelse/"
CLEAR = "[data-mdx-clear]"
STATUS = "[data-mdx-clear-status]"

# Every key in both storages, as "local:key" / "session:key".
STORED = """() => [
  ...Object.keys(localStorage).map(k => 'local:' + k),
  ...Object.keys(sessionStorage).map(k => 'session:' + k),
]"""


def handbook_keys(page: object) -> list[str]:
    """What the handbook and Material have stored for this site (served at /)."""
    return [k for k in page.evaluate(STORED) if k.split(":", 1)[1].startswith((STORAGE_PREFIX, "/.__"))]


def store_everything(page: object, site: Site) -> None:
    """Tick a box, fill in the registration, switch palette: everything the handbook keeps."""
    page.goto(site.url + START, wait_until="load")
    page.locator("[data-mdx-summary]").wait_for(state="visible")
    page.check(f"#{START_ITEMS[0]['id']}")
    fill_required(page)
    page.locator("form[data-md-component=palette] label:visible").first.click()
    keys = handbook_keys(page)
    assert any(k.startswith(f"local:{STORAGE_PREFIX}checklista:") for k in keys), keys
    assert any(k.startswith(f"local:{STORAGE_PREFIX}anmalan") for k in keys), keys
    assert "local:/.__palette" in keys, keys
    assert page.evaluate("__md_get('__palette').index") == 1, "the other palette is chosen"


def test_the_button_asks_then_clears_everything_and_says_so(site: Site, browser: object) -> None:
    context = palette_context(browser, "light")
    try:
        watched = watch(context, site.url.rstrip("/"))
        page = watched.page
        page.goto(site.url, wait_until="load")
        page.evaluate("localStorage.setItem('annan-webbplats', '1')")  # not the handbook's: kept
        store_everything(page, site)
        stored = handbook_keys(page)

        page.goto(site.url + ABOUT, wait_until="load")
        button = page.locator(CLEAR)
        assert button.is_visible()
        assert page.locator(STATUS).get_attribute("role") == "status"
        questions: list[str] = []

        def answer(dialog: object, accept: bool) -> None:
            questions.append(dialog.message)
            dialog.accept() if accept else dialog.dismiss()

        # Asked first: "no" keeps everything.
        page.once("dialog", lambda d: answer(d, False))
        button.click()
        assert "Vill du ta bort allt" in questions[-1]
        assert page.locator(STATUS).inner_text() == "Inget är borttaget."
        assert handbook_keys(page) == stored

        page.once("dialog", lambda d: answer(d, True))
        button.click()
        assert len(questions) == 2
        assert page.locator(STATUS).inner_text().startswith("Klart.")
        page.reload(wait_until="load")
        # Material writes the palette it shows on every load: after clearing, the one
        # the computer asks for (light here), not the one that was chosen.
        assert [k for k in handbook_keys(page) if k != "local:/.__palette"] == [], "everything else is gone"
        assert page.evaluate("__md_get('__palette').index") == 0, "the chosen palette is forgotten"
        assert_palette(page, "light")
        assert "local:annan-webbplats" in page.evaluate(STORED), "what is not the handbook's is kept"
        page.goto(site.url + START, wait_until="load")
        page.locator("[data-mdx-summary]").wait_for(state="visible")
        assert not page.is_checked(f"#{START_ITEMS[0]['id']}")
        watched.assert_clean()
    finally:
        context.close()


def test_no_page_sets_a_cookie_or_calls_another_host(site: Site, browser: object) -> None:
    context = browser.new_context(locale="sv-SE")
    try:
        watched = watch(context, site.url.rstrip("/"))
        page = watched.page
        store_everything(page, site)
        with_cookies = []
        for path in page_paths(site.root):
            page.goto(site.url + path, wait_until="load")
            if path == "regler/":
                page.select_option("#filter-niva", "ska")
            if page.evaluate("document.cookie"):
                with_cookies.append(f"/{path}: {page.evaluate('document.cookie')}")
        assert not with_cookies, with_cookies
        assert context.cookies() == []
        watched.assert_clean()
    finally:
        context.close()


def test_without_javascript_the_page_says_how_to_clear_site_data(site: Site, browser: object) -> None:
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url + ABOUT, wait_until="load")
        assert not page.locator(CLEAR).is_visible()
        assert page.get_by_text("webbläsarens inställningar").is_visible()
        assert page.evaluate(STORED) == [], "nothing is stored without JavaScript"
    finally:
        context.close()


@pytest.mark.parametrize("scheme", PALETTES)
def test_the_new_pages_pass_axe_in_every_state(site: Site, browser: object, scheme: str) -> None:
    context = palette_context(browser, scheme)
    try:
        watched = watch(context, site.url.rstrip("/"))
        page = watched.page
        failures = {}
        for path in (STATEMENT, ABOUT):
            page.goto(site.url + path, wait_until="load")
            assert_palette(page, scheme)
            failures[path] = axe_violations(page)
        page.once("dialog", lambda d: d.accept())
        page.click(CLEAR)
        page.locator(STATUS).filter(has_text="Klart").wait_for()
        failures["after clearing"] = axe_violations(page)
        failures = {state: found for state, found in failures.items() if found}
        assert not failures, "\n".join(f"{s} ({scheme}):\n  " + "\n  ".join(v) for s, v in failures.items())
        watched.assert_clean()
    finally:
        context.close()


def test_the_date_is_on_screen_and_on_paper(site: Site, browser: object) -> None:
    context = browser.new_context(locale="sv-SE")
    try:
        page = context.new_page()
        page.goto(site.url + "lagar/arkiv/", wait_until="load")
        line = page.locator(".mdx-updated")
        if line.count() == 0:
            pytest.skip("this checkout has no history for the page (a shallow clone)")
        assert line.is_visible()
        page.emulate_media(media="print")
        assert line.is_visible()
        assert line.inner_text().startswith("Senast uppdaterad ")
    finally:
        context.close()
