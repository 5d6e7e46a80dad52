"""Every page in Chromium: loads cleanly, stays on its own host, passes axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import guideline_data
import pytest
from browser import PALETTES, assert_palette, axe_violations, page_paths, palette_context, watch
from conftest import ROOT, Site

pytestmark = pytest.mark.browser
DATA = guideline_data.load(ROOT / "data" / "guideline.yml")
CHECKLISTS = {c["id"]: c for c in DATA["checklists"]}


@pytest.fixture
def context(browser: object) -> object:
    context = browser.new_context(locale="sv-SE")
    yield context
    context.close()


def violations_on_every_page(context: object, site: Site, on_load: Callable = lambda page: None, **axe: Any) -> str:
    """Load every page (cleanly, on its own host) and run axe_violations(**axe) on it."""
    watched = watch(context, site.url.rstrip("/"))
    failures = []
    for path in page_paths(site.root):
        watched.page.goto(site.url + path, wait_until="load")
        on_load(watched.page)
        violations = axe_violations(watched.page, **axe)
        if violations:
            failures.append(f"/{path}:\n  " + "\n  ".join(violations))
    watched.assert_clean()
    return "\n".join(failures)


@pytest.mark.parametrize("scheme", PALETTES)
def test_every_page_loads_cleanly_and_passes_axe(site: Site, browser: object, scheme: str) -> None:
    context = palette_context(browser, scheme)
    try:
        failures = violations_on_every_page(context, site, lambda page: assert_palette(page, scheme))
        assert not failures, f"{scheme}:\n{failures}"
    finally:
        context.close()


def test_every_target_is_large_enough_on_a_phone_as_lighthouse_sees_it(site: Site, browser: object) -> None:
    """Lighthouse's accessibility score includes axe's target-size (WCAG 2.2, 2.5.8: 24 by
    24 px, or that much space around). It judges the page as loaded on a 412 px phone, the
    parts not drawn yet (content-visibility in handbook.css) too."""
    context = browser.new_context(
        locale="sv-SE", viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True
    )
    try:
        failures = violations_on_every_page(context, site, rules=["target-size"], as_loaded=True)
        assert not failures, failures
    finally:
        context.close()


def test_instant_navigation_keeps_the_page_alive(site: Site, context: object) -> None:
    watched = watch(context, site.url.rstrip("/"))
    page = watched.page
    page.goto(site.url, wait_until="load")
    page.evaluate("window.__stillHere = true")
    page.locator(".md-nav--primary a.md-nav__link[href$='/regler/']").first.click()
    page.wait_for_url(site.url + "regler/")
    page.locator("h1", has_text="Alla regler").wait_for()
    assert page.evaluate("window.__stillHere === true"), "instant navigation fell back to a full page load"
    watched.assert_clean()


def test_search_finds_whole_swedish_words(site: Site, context: object) -> None:
    watched = watch(context, site.url.rstrip("/"))
    page = watched.page
    page.goto(site.url, wait_until="load")
    search = page.locator(".md-search__input")
    search.click()
    page.keyboard.type("riktlinjen", delay=20)  # Material searches on key events, not on fill()
    results = page.locator(".md-search-result__item")
    results.first.wait_for()
    assert results.count() > 0
    watched.assert_clean()


def test_rule_filter_keeps_its_state_in_the_url(site: Site, context: object) -> None:
    role = min(DATA["roles"], key=lambda r: sum(r["id"] in rule["roles"] for rule in DATA["rules"]))
    expected = sum(role["id"] in rule["roles"] and rule["level"] == "ska" for rule in DATA["rules"])
    total = len(DATA["rules"])
    watched = watch(context, site.url.rstrip("/"))
    page = watched.page
    page.goto(site.url + "regler/", wait_until="load")
    page.select_option("#filter-roll", role["id"])
    page.select_option("#filter-niva", "ska")
    count = page.locator("[data-mdx-rule-count]")
    assert count.get_attribute("aria-live") == "polite"
    want = f"{total} regler" if expected == total else f"Visar {expected} av {total} regler"
    assert count.inner_text() == want
    assert page.locator(".mdx-rule-index tbody tr:visible").count() == expected
    assert f"roll={role['id']}" in page.url and "niva=ska" in page.url
    page.reload(wait_until="load")
    assert page.input_value("#filter-roll") == role["id"]
    assert page.locator("[data-mdx-rule-count]").inner_text() == want
    watched.assert_clean()


# Parts that only work with JavaScript, and so ship hidden (see the partials).
JS_ONLY = [
    "[data-mdx-summary]",
    "[data-mdx-step-status]",
    "[data-mdx-actions]",
    "[data-mdx-reset]",
    "[data-mdx-error-summary]",
    "[data-mdx-review]",
    "[data-mdx-transfer]",
    "[data-mdx-import]",
    "[data-mdx-filter]",
    "[data-mdx-registration-form] button",
    "[data-mdx-task-status]",
]
# The recurring tasks on checklistor/driva-konto/ are tested without JavaScript in test_recurring.py.
COMPONENT_PAGES = ["checklistor/starta-konto/", "checklistor/avsluta-konto/", "regler/"]


# Elements marked `hidden` that are seen (by eye) or reached (by Tab): a control
# that is transparent but still focusable is as dead as a visible one.
SHOWN_WHILE_HIDDEN = """() => [...document.querySelectorAll('[hidden]')].filter(el => {
  const seen = el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const focusable = [el, ...el.querySelectorAll('*')].some(x =>
    x.matches('a[href], button, input, select, textarea, [tabindex]') && x.checkVisibility({visibilityProperty: true}));
  return seen || focusable;
}).map(el => el.outerHTML.slice(0, 80))"""


def test_nothing_marked_hidden_is_shown_on_any_page(site: Site, browser: object) -> None:
    """Every element that ships `hidden` stays out of sight, with or without JavaScript
    (a CSS rule that sets display would otherwise show a dead control)."""
    for js in (False, True):
        context = browser.new_context(locale="sv-SE", java_script_enabled=js)
        try:
            page = context.new_page()
            shown = []
            for path in page_paths(site.root):
                page.goto(site.url + path, wait_until="load")
                shown += [f"/{path}: {html}" for html in page.evaluate(SHOWN_WHILE_HIDDEN)]
            assert not shown, f"hidden but shown (JavaScript {'on' if js else 'off'}):\n" + "\n".join(shown)
        finally:
            context.close()


def test_without_javascript_only_what_works_is_shown(site: Site, browser: object) -> None:
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    try:
        page = context.new_page()
        for path in COMPONENT_PAGES:
            page.goto(site.url + path, wait_until="load")
            present = {sel: page.locator(sel).count() for sel in JS_ONLY}
            # checkVisibility() is the rendered state: display, ancestors and all.
            shown = page.evaluate(
                "sels => sels.filter(sel => [...document.querySelectorAll(sel)].some(el => el.checkVisibility()))",
                JS_ONLY,
            )
            assert shown == [], f"/{path}: shown without JavaScript: {shown}"
            assert page.locator("[data-mdx-component]").count() > 0
            if path == "regler/":
                assert present["[data-mdx-filter]"] == 1
                assert page.locator(".mdx-rule-index tbody tr:visible").count() == len(DATA["rules"])
            else:
                assert present["[data-mdx-actions]"] >= 1 and present["[data-mdx-step-status]"] >= 1
                assert page.locator("input[type=checkbox]:visible").count() > 0, "the boxes work without JavaScript"
        for form in DATA["forms"]:
            path = next(p for p in COMPONENT_PAGES if form["checklist"] in p)
            page.goto(site.url + path, wait_until="load")
            notice = page.locator("[data-mdx-noscript]")
            assert notice.is_visible()
            assert "svaren sparas inte och kontrolleras inte" in notice.inner_text()
            assert page.locator("[data-mdx-registration-form] .mdx-field__control:visible").count() == len(
                form["fields"]
            )
            # The task list is plain links to the steps and the form, each leading somewhere.
            links = page.locator(".mdx-task-list a")
            assert links.count() == len(CHECKLISTS[form["checklist"]]["steps"]) + 1
            for href in links.evaluate_all("links => links.map(a => a.hash.slice(1))"):
                assert page.locator(f"[id='{href}']").count() == 1, href
            # Nothing is ever sent: Enter in a field must not submit the answers (a GET would put
            # them in the address and in the server's log).
            requests: list[str] = []
            page.on("request", lambda request, requests=requests: requests.append(request.url))
            before = page.url
            field = page.locator("[data-mdx-registration-form] input[type=text]").first
            field.fill("Anna Andersson")
            field.press("Enter")
            page.wait_for_timeout(500)
            assert page.url == before
            assert not [url for url in requests if "Andersson" in url], requests
    finally:
        context.close()


# Records every layout shift after the HTML is parsed (when scripts start), with the
# classes of what moved. Shifts while the HTML still arrives are the browser's (a
# table drawn before its last rows widens its columns when they come), not a script's.
SHIFTS = """window.__mdxShifts = [];
new PerformanceObserver((list) => {
  const parsed = performance.getEntriesByType("navigation")[0]?.domInteractive || Infinity;
  for (const e of list.getEntries()) {
    // Below a thousandth Lighthouse shows 0.000: sub-pixel rounding, not a jump.
    if (!e.hadRecentInput && e.value >= 0.001 && e.startTime >= parsed) window.__mdxShifts.push(
      `${e.value.toFixed(4)}: ${e.sources.map((s) => s.node ? s.node.className || s.node.nodeName : "?").join(", ")}`);
  }
}).observe({ type: "layout-shift", buffered: true });"""


@pytest.mark.parametrize("width", [390, 1280])
def test_nothing_moves_when_the_components_start(site: Site, browser: object, width: int) -> None:
    """A component's code comes after the page is drawn (hooks/bundle.py splits it out of
    main.js). What it reveals keeps its place meanwhile, so nothing the reader sees jumps:
    here its code, and Material's deferred script, are held back a quarter of a second to
    make that wait visible."""
    context = browser.new_context(locale="sv-SE", viewport={"width": width, "height": 844})
    try:
        context.add_init_script(SHIFTS)
        watched = watch(context, site.url.rstrip("/"))

        def held_back(route: object) -> None:
            time.sleep(0.25)
            route.continue_()

        context.route("**/assets/javascripts/handbook/chunk-*.js", held_back)
        context.route("**/assets/javascripts/bundle.*.min.js", held_back)  # Material's, deferred
        moved = []
        paths = [p for p in page_paths(site.root) if "data-mdx-component" in (site.root / p / "index.html").read_text()]
        assert len(paths) > 10
        for path in paths:
            watched.page.goto(site.url + path, wait_until="load")
            watched.page.wait_for_function(
                "() => !document.querySelector('[data-mdx-component]:not([data-mdx-component-init])')"
            )
            shifts = watched.page.evaluate("window.__mdxShifts")
            if shifts:
                moved.append(f"/{path}: {shifts}")
        watched.assert_clean()
        assert not moved, "\n".join(moved)
    finally:
        context.close()
