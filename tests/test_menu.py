"""The menu on phones and tablets (Material's drawer) with the keyboard, a screen reader's
view of its button, and without JavaScript (menu.js, handbook.css)."""

from __future__ import annotations

import pytest
from browser import PALETTES, axe_violations, focus_ring_problem, palette_context, watch
from conftest import Site

pytestmark = pytest.mark.browser

BUTTON = "button.mdx-menu-button"
LABEL = '.md-header__button[for="__drawer"]'
MENU_LINKS = ".md-sidebar--primary a[href]"
PHONE = {"width": 390, "height": 844}

# Where the focus is: in the menu or not, drawn or not, and inside the screen or not.
FOCUS = """() => {
  const el = document.activeElement, r = el.getBoundingClientRect();
  return {
    inMenu: !!el.closest(".md-sidebar--primary"),
    button: el.matches("button.mdx-menu-button"),
    drawn: el.checkVisibility(),
    onScreen: r.right > 0 && r.left < innerWidth && r.bottom > 0 && r.top < innerHeight,
    text: (el.textContent || el.getAttribute("aria-label") || el.tagName).trim().slice(0, 40),
  };
}"""


def menu_links_drawn(page: object) -> int:
    drawn = "sel => [...document.querySelectorAll(sel)].filter(a => a.checkVisibility()).length"
    return page.evaluate(drawn, MENU_LINKS)


def expanded(page: object) -> str | None:
    return page.locator(BUTTON).get_attribute("aria-expanded")


@pytest.mark.parametrize("scheme", PALETTES)
def test_the_menu_works_with_the_keyboard_alone(site: Site, browser: object, scheme: str) -> None:
    context = palette_context(browser, scheme, viewport=PHONE)
    try:
        watched = watch(context, site.url.rstrip("/"))
        page = watched.page
        page.goto(site.url + "roller/", wait_until="load")
        page.wait_for_function("sel => document.querySelector(sel)?.getAttribute('aria-expanded')", arg=BUTTON)

        # Closed: its links are not drawn, and Tab never stops on them out of sight.
        assert menu_links_drawn(page) == 0
        button = page.locator(BUTTON)
        assert (button.get_attribute("aria-label"), expanded(page)) == ("Meny", "false")
        assert page.locator(LABEL).count() == 0, "the button takes the label's place"
        reached_button = False
        for _ in range(25):
            page.keyboard.press("Tab")
            focus = page.evaluate(FOCUS)
            assert not focus["inMenu"], f"Tab stopped in the closed menu: {focus}"
            reached_button = reached_button or focus["button"]
        assert reached_button, "Tab never reached the menu button"

        # Enter opens it and moves the focus to its first link, which is drawn and visible.
        button.focus()
        assert focus_ring_problem(page) is None
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)  # Material's slide
        focus = page.evaluate(FOCUS)
        assert focus["inMenu"] and focus["drawn"] and focus["onScreen"], focus
        assert expanded(page) == "true"
        assert menu_links_drawn(page) > 10
        assert focus_ring_problem(page) is None
        violations = axe_violations(page)
        assert not violations, "\n".join(violations)
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUS)["onScreen"]

        # Escape closes it and puts the focus back on the button.
        page.keyboard.press("Escape")
        page.wait_for_timeout(400)
        assert page.evaluate(FOCUS)["button"] and expanded(page) == "false"
        assert menu_links_drawn(page) == 0

        # Space opens it too; Tab past its last link closes it, and the focus is then
        # on the page, in sight.
        page.keyboard.press(" ")
        page.wait_for_timeout(300)
        assert expanded(page) == "true" and page.evaluate(FOCUS)["inMenu"]
        for _ in range(page.locator(MENU_LINKS).count() + 5):
            page.keyboard.press("Tab")
            if not page.evaluate(FOCUS)["inMenu"]:
                break
        page.wait_for_timeout(400)
        focus = page.evaluate(FOCUS)
        assert not focus["inMenu"] and focus["onScreen"], focus
        assert expanded(page) == "false" and menu_links_drawn(page) == 0

        # A link in the menu leads on (instant navigation); the menu is closed on the new page.
        button.click()
        page.wait_for_timeout(300)
        page.locator(MENU_LINKS, has_text="Alla regler").click()
        page.wait_for_url(site.url + "regler/")
        page.wait_for_function(
            "sel => ![...document.querySelectorAll(sel)].some(a => a.checkVisibility())", arg=MENU_LINKS, timeout=3000
        )
        assert expanded(page) == "false"
        watched.assert_clean()
    finally:
        context.close()


def test_on_a_wide_screen_the_menu_is_always_there(site: Site, browser: object) -> None:
    context = browser.new_context(locale="sv-SE", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(site.url + "roller/", wait_until="load")
        assert menu_links_drawn(page) > 10
        assert not page.locator(BUTTON).is_visible()
        # Its links have a clear focus ring, not cut off by the sidebar's scrolling.
        page.locator(MENU_LINKS, has_text="Alla regler").focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")
        assert focus_ring_problem(page) is None
    finally:
        context.close()


def test_without_javascript_the_menu_opens_and_its_links_are_reachable(site: Site, browser: object) -> None:
    context = browser.new_context(locale="sv-SE", viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url + "roller/", wait_until="load")
        # The button cannot take focus without JavaScript, so the links stay in the Tab order.
        assert menu_links_drawn(page) > 10
        page.locator(LABEL).click()
        page.wait_for_timeout(300)
        link = page.locator(MENU_LINKS, has_text="Alla regler")
        assert link.is_visible() and link.bounding_box()["x"] >= 0
    finally:
        context.close()
