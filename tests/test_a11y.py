"""Focus and contrast in both palettes, in every state of the checklist, the registration and the rule filter."""

from __future__ import annotations

import pytest
from browser import (
    PALETTES,
    assert_palette,
    axe_violations,
    background,
    contrast,
    focus_ring_problem,
    palette_context,
    tab_to,
    watch,
)
from conftest import Site
from test_checklists import DATA, REQUIRED, START, START_ITEMS, SUBMIT, fill_required

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("scheme", PALETTES)]


@pytest.fixture
def context(browser: object, scheme: str) -> object:
    context = palette_context(browser, scheme)
    yield context
    context.close()


def open_page(context: object, site: Site, path: str, scheme: str):
    watched = watch(context, site.url.rstrip("/"))
    watched.page.goto(site.url + path, wait_until="load")
    assert_palette(watched.page, scheme)
    return watched


def border_contrast(page: object, selector: str) -> float:
    """Contrast of an element's top border with the colour behind it (WCAG 1.4.11 asks 3:1)."""
    color = page.locator(selector).first.evaluate("el => getComputedStyle(el).borderTopColor")
    return contrast(color, background(page, selector + " >> xpath=.."))


# Whether the element's top is below Material's header and its "Tillbaka till toppen" button.
BELOW_TOP_BUTTON = """sel => {
  const top = document.querySelector(sel).getBoundingClientRect().top;
  const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
  const button = document.querySelector(".md-top").getBoundingClientRect().bottom;
  return top >= Math.max(header, button);
}"""


def test_start_page_passes_axe_in_every_state(site: Site, context: object, scheme: str) -> None:
    watched = open_page(context, site, START, scheme)
    page = watched.page
    page.locator("[data-mdx-summary]").wait_for(state="visible")
    failures = {"initial": axe_violations(page)}

    for item in START_ITEMS[:3]:
        page.check(f"#{item['id']}")
    failures["some boxes ticked"] = axe_violations(page)

    page.click(SUBMIT)
    page.locator("[data-mdx-error-summary]").wait_for(state="visible")
    failures["errors shown"] = axe_violations(page)
    assert page.evaluate(BELOW_TOP_BUTTON, "[data-mdx-error-summary]"), "the focused summary is covered"
    # axe does not judge borders: the red that marks a field and the summary is measured here.
    invalid = f"#anmalan-{REQUIRED[0]['id']}"
    assert page.get_attribute(invalid, "aria-invalid") == "true"
    assert border_contrast(page, invalid) >= 3, "error border of a field"
    assert border_contrast(page, "[data-mdx-error-summary]") >= 3, "error summary border"

    fill_required(page)
    page.click(SUBMIT)
    page.locator("[data-mdx-review]").wait_for(state="visible")
    failures["review shown"] = axe_violations(page)
    assert page.evaluate(BELOW_TOP_BUTTON, "[data-mdx-review]"), "the focused review is covered"

    failures = {state: found for state, found in failures.items() if found}
    assert not failures, "\n".join(f"{state} ({scheme}):\n  " + "\n  ".join(v) for state, v in failures.items())
    watched.assert_clean()


def test_closing_page_and_storage_notice_pass_axe(site: Site, browser: object, scheme: str) -> None:
    """The notice of closure in every state, and the notice shown when storage is blocked."""
    from test_account_path import CLOSE, fill_closing

    context = palette_context(browser, scheme)
    try:
        watched = open_page(context, site, CLOSE, scheme)
        page = watched.page
        page.locator("[data-mdx-summary]").wait_for(state="visible")
        failures = {"initial": axe_violations(page)}
        submit = "#anmalan-avslut-blankett " + SUBMIT
        page.click(submit)
        page.locator("[data-mdx-error-summary]").wait_for(state="visible")
        failures["errors shown"] = axe_violations(page)
        fill_closing(page)
        page.check(".mdx-checklist__box >> nth=0")
        page.click(submit)
        page.locator("[data-mdx-review]").wait_for(state="visible")
        failures["review shown"] = axe_violations(page)
        watched.assert_clean()
    finally:
        context.close()

    blocked = palette_context(browser, scheme)
    try:
        blocked.add_init_script(
            "Object.defineProperty(window, 'localStorage', "
            "{get() { throw new DOMException('blocked', 'SecurityError'); }});"
        )
        watched = watch(blocked, site.url.rstrip("/"))
        watched.page.goto(site.url + START, wait_until="load")
        watched.page.locator(".mdx-storage-notice").filter(has_text="spara").wait_for()
        failures["storage notice"] = axe_violations(watched.page)
    finally:
        blocked.close()

    failures = {state: found for state, found in failures.items() if found}
    assert not failures, "\n".join(f"{state} ({scheme}):\n  " + "\n  ".join(v) for state, v in failures.items())


def test_filtered_rule_catalogue_passes_axe(site: Site, context: object, scheme: str) -> None:
    watched = open_page(context, site, "regler/", scheme)
    page = watched.page
    page.select_option("#filter-roll", DATA["roles"][0]["id"])
    page.select_option("#filter-niva", "ska")
    assert page.locator("[data-mdx-rule-count]").inner_text().startswith("Visar")
    failures = {"role and level": axe_violations(page)}
    page.select_option("#filter-roll", "")
    page.select_option("#filter-niva", "")
    page.select_option("#filter-avsnitt", "arkiv")
    page.locator("#filter-text").press_sequentially("kopia", delay=20)
    page.locator(
        ".mdx-rule-index tbody tr:visible .mdx-rule-index__check summary"
    ).first.click()  # "Så kontrollerar du" open
    failures["text, section and a check open"] = axe_violations(page)
    page.goto(site.url + "regler/?roll=chef", wait_until="load")
    page.locator("[data-mdx-filter-notice]").wait_for(state="visible")
    failures["an unknown filter reported"] = axe_violations(page)
    failures = {state: v for state, v in failures.items() if v}
    assert not failures, failures
    watched.assert_clean()


def test_search_and_copy_link_pass_axe(site: Site, context: object, scheme: str) -> None:
    watched = open_page(context, site, "inlagg-och-kommentarer/", scheme)
    page = watched.page
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url.rstrip("/"))
    page.locator("#oetiska-blockera").get_by_role("button", name="Kopiera länk").click()
    page.locator("#oetiska-blockera [data-mdx-copy-status]", has_text="Länken är kopierad.").wait_for()
    failures = {"a link copied": axe_violations(page)}
    page.locator(".md-search__input").click()
    page.keyboard.type("radera kommentar", delay=20)
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_timeout(500)  # the last keystroke's results
    failures["search open with results"] = axe_violations(page)
    failures = {state: v for state, v in failures.items() if v}
    assert not failures, failures
    watched.assert_clean()


def test_keyboard_focus_is_visible(site: Site, context: object, scheme: str) -> None:
    watched = open_page(context, site, START, scheme)
    page = watched.page
    page.locator("[data-mdx-summary]").wait_for(state="visible")
    problems = {}

    def check(name: str, selector: str) -> None:
        tab_to(page, selector)
        problems[name] = focus_ring_problem(page)

    page.focus("#checklistan .headerlink")
    check("checkbox", f"#{START_ITEMS[0]['id']}")
    check("link in a checklist item", ".mdx-checklist__rule-link")
    check("outlined button (Börja om)", "#checklista-starta-konto [data-mdx-reset]")
    page.focus(f"#anmalan-{DATA['forms'][0]['fields'][0]['id']}")
    page.keyboard.press("Shift+Tab")
    check("select", "[data-mdx-registration-form] select")
    page.focus(f"#anmalan-{DATA['forms'][0]['fields'][-1]['id']}")
    check("primary button (Kontrollera)", SUBMIT)
    check("file input", "[data-mdx-import] input[type=file], input[type=file][data-mdx-import]")

    page.goto(site.url + "inlagg-och-kommentarer/", wait_until="load")
    page.locator(".mdx-rule__text").first.click()  # where Tab starts from, as a mouse click sets it
    check("link in a rule", ".mdx-rule a")

    # The guide moves focus to the next step's heading, which sits at the left edge of its step.
    page.goto(site.url + "inlagg/hantera-kommentar/?steg=fraga-kanal", wait_until="load")
    page.locator(".mdx-guide__step:not([hidden]) .mdx-guide__answer").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.matches('.mdx-guide__heading')")
    problems["heading of the guide's next step"] = focus_ring_problem(page)

    problems = {name: problem for name, problem in problems.items() if problem}
    assert not problems, f"no visible focus ({scheme}): {problems}"
    watched.assert_clean()
