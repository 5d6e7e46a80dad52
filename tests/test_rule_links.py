"""Every rule has a link to copy ("Kopiera länk") and a short link, r/<id>/, that lands on it."""

from __future__ import annotations

import guideline_data
import pytest
from browser import watch
from conftest import ROOT, Site, soup
from short_links import url_of

pytestmark = pytest.mark.browser
DATA = guideline_data.load(ROOT / "data" / "guideline.yml")
SECTIONS = {s["id"]: s for s in DATA["sections"]}


def rule_page(rule: dict) -> str:
    """The URL path of the page that shows `rule` ('' for the home page)."""
    page = SECTIONS[rule["section"]]["page"].removesuffix(".md")
    return "" if page == "index" else page.removesuffix("/index") + "/"


@pytest.fixture
def context(browser: object, site: Site) -> object:
    context = browser.new_context(locale="sv-SE")
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url.rstrip("/"))
    yield context
    context.close()


def test_copy_link_puts_the_rules_address_on_the_clipboard_and_says_so(site: Site, context: object) -> None:
    rule = next(r for r in DATA["rules"] if r["id"] == "oetiska-blockera")
    watched = watch(context, site.url.rstrip("/"))
    page = watched.page
    page.goto(site.url + rule_page(rule) + "?h=blockera", wait_until="load")  # as a search result opens it
    card = page.locator(f"#{rule['id']}")
    button = card.get_by_role("button", name="Kopiera länk")
    assert button.get_attribute("aria-describedby") == f"{rule['id']}-text"
    page.evaluate("navigator.clipboard.writeText('')")
    button.click()
    expected = f"{site.url}{rule_page(rule)}#{rule['id']}"
    page.wait_for_function("e => navigator.clipboard.readText().then(t => t === e)", arg=expected)
    assert page.evaluate("navigator.clipboard.readText()") == expected
    status = card.get_by_role("status")
    assert status.inner_text() == "Länken är kopierad."
    assert page.locator("[data-mdx-copy-status]:not(:empty)").count() == 1, "only this rule says it"
    watched.assert_clean()


def test_without_javascript_no_copy_button_is_shown(site: Site, browser: object) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url + "roller/", wait_until="load")
        assert page.locator("[data-mdx-copy-link]").count() > 0
        assert page.locator("[data-mdx-copy-link]:visible").count() == 0
        assert page.locator(".mdx-rule__link:visible").count() > 0, "the #id link is still there"
    finally:
        context.close()


def test_every_short_link_leads_to_its_rule(site: Site) -> None:
    for rule in DATA["rules"]:
        short = site.root / url_of(rule["id"]) / "index.html"
        link = soup(short).select_one("main a")["href"]
        assert link == f"../../{rule_page(rule)}#{rule['id']}", rule["id"]
        landing = (short.parent / link.split("#")[0] / "index.html").resolve()
        assert soup(landing).find(id=rule["id"]) is not None, f"{rule['id']}: not on {landing}"


def test_short_links_land_on_the_rule_in_a_browser(site: Site, browser: object) -> None:
    """One rule per page in Chromium (every rule is checked above, without a browser)."""
    one_per_page = {rule_page(r): r for r in reversed(DATA["rules"])}.values()
    context = browser.new_context()
    context.route("**/assets/**", lambda route: route.abort())  # the landing page's own scripts are not tested here
    try:
        page = context.new_page()
        for rule in one_per_page:
            page.goto(site.url + url_of(rule["id"]), wait_until="commit")
            page.wait_for_url(f"{site.url}{rule_page(rule)}#{rule['id']}", wait_until="domcontentloaded")
            assert page.evaluate("document.querySelector(':target')?.id") == rule["id"]
    finally:
        context.close()


def test_a_short_link_works_without_javascript(site: Site, browser: object) -> None:
    rule = DATA["rules"][0]
    context = browser.new_context(java_script_enabled=False)  # the meta refresh alone
    try:
        page = context.new_page()
        page.goto(site.url + url_of(rule["id"]), wait_until="commit")
        page.wait_for_url(f"{site.url}{rule_page(rule)}#{rule['id']}", wait_until="domcontentloaded")
    finally:
        context.close()


def test_short_links_are_relative_and_work_from_disk(site: Site, browser: object) -> None:
    rule = DATA["rules"][-1]
    html = (site.root / url_of(rule["id"]) / "index.html").read_text(encoding="utf-8")
    link = soup(site.root / url_of(rule["id"]) / "index.html").select_one("main a")["href"]
    assert link == f"../../{rule_page(rule)}#{rule['id']}"
    assert f'content="0; url={link}"' in html
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto((site.root / url_of(rule["id"]) / "index.html").as_uri())
        target = (site.root / rule_page(rule) / "index.html").as_uri() + f"#{rule['id']}"
        page.wait_for_url(target)
    finally:
        context.close()
