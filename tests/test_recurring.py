"""Recurring tasks (a checklist of kind "återkommande", e.g. Driva ett konto): a "Senast
gjort" date per item kept in the browser, "Gjort i dag", and a printable yearly review."""

from __future__ import annotations

import json
from datetime import date, timedelta

import guideline_data
import pytest
from browser import PALETTES, as_without_javascript, assert_palette, axe_violations, palette_context, watch
from conftest import ROOT, Site, soup

DATA = guideline_data.load(ROOT / "data" / "guideline.yml")
RULES = {r["id"]: r for r in DATA["rules"]}
ROLES = {r["id"]: r["name"] for r in DATA["roles"]}
RECURRING = [c for c in DATA["checklists"] if c["kind"] == "återkommande"]
DRIVA = next(c for c in RECURRING if c["id"] == "driva-konto")
ITEMS = [item for step in DRIVA["steps"] for item in step["items"]]
PATH = "checklistor/driva-konto/"
KEY = f"alingsas-riktlinje-sm:senast:driva-konto:v{DRIVA['version']}"
# Dates as the browser's local clock sees them (same machine, same time zone).
TODAY = date.today()
RECENT = (TODAY - timedelta(days=30)).isoformat()
OLD = (TODAY - timedelta(days=400)).isoformat()
FUTURE = (TODAY + timedelta(days=3)).isoformat()
# What needs the script: shipped hidden, shown by handbook/recurring.js.
JS_ONLY = ["[data-mdx-today]", "[data-mdx-review]", "[data-mdx-print]", "[data-mdx-status]"]


def label(item: dict) -> str:
    return " ".join((RULES[item["rule"]]["text"] if item["rule"] else item["text"]).split())


def who(item: dict) -> str:
    return ", ".join(ROLES[r] for r in (RULES[item["rule"]]["roles"] if item["rule"] else item["roles"]))


# ----------------------------------------------------------------- generated HTML


def test_the_data_file_marks_driva_konto_as_recurring() -> None:
    assert [c["id"] for c in RECURRING] == ["driva-konto"]
    assert {c["kind"] for c in DATA["checklists"] if c not in RECURRING} <= {None, "bockar"}


def test_every_item_has_its_rule_who_and_a_labelled_date(site: Site) -> None:
    html = soup(site.page(PATH))
    root = html.select_one("[data-mdx-component=recurring]")
    assert root is not None and root["data-mdx-recurring"] == "driva-konto"
    assert root["data-mdx-version"] == str(DRIVA["version"])
    assert html.select("[data-mdx-checklist]") == [], "no checkboxes for recurring tasks"
    assert html.select(".md-content form") == [], "not a form: nothing here can be submitted"
    assert [f["id"] for f in root.select("fieldset")] == [s["id"] for s in DRIVA["steps"]]
    assert [li["id"] for li in root.select("[data-mdx-item]")] == [i["id"] for i in ITEMS]
    for item in ITEMS:
        li = root.select_one(f"#{item['id']}")
        assert " ".join(li.select_one(".mdx-recurring__text").get_text(" ").split()) == label(item)
        assert f"Vem: {who(item)}" in li.get_text(" ")
        if item["rule"]:
            assert li.select_one("a.mdx-checklist__rule-link")["href"].endswith("#" + item["rule"])
        field = li.select_one("input[type=date]")
        assert li.select_one(f"label[for='{field['id']}']").get_text(strip=True) == "Senast gjort"
        assert f"{item['id']}-text" in field["aria-describedby"].split()
        button = li.select_one("[data-mdx-today]")
        assert button["type"] == "button" and button.has_attr("hidden")
        assert button.get_text(strip=True) == "Gjort i dag"
    review = root.select_one("[data-mdx-review]")
    assert review.has_attr("hidden")
    assert [tr["data-mdx-review-row"] for tr in review.select("tbody tr")] == [i["id"] for i in ITEMS]
    for item in ITEMS:
        cells = review.select_one(f"[data-mdx-review-row='{item['id']}']").select("td")
        assert " ".join(cells[0].get_text(" ").split()) == label(item)
        assert cells[1].get_text(strip=True) == who(item)


def test_the_editor_guide_documents_the_kind_field(site: Site) -> None:
    table = soup(site.page("redaktorer")).select_one("#falt-checklists").find_parent("section")
    row = next(tr for tr in table.select("tbody tr") if tr.select_one("td code").get_text() == "kind")
    assert "återkommande" in row.get_text() and "bockar" in row.get_text()


# ----------------------------------------------------------------- in Chromium


def open_driva(context: object, site: Site):
    watched = watch(context, site.url.rstrip("/"))
    watched.page.goto(site.url + PATH, wait_until="load")
    watched.page.locator("[data-mdx-review]").wait_for(state="visible")
    return watched


def date_field(item: dict) -> str:
    return f"#{item['id']}-datum"


def set_date(page: object, item: dict, value: str) -> None:
    page.fill(date_field(item), value)
    page.dispatch_event(date_field(item), "change")


def review_row(page: object, item: dict) -> list[str]:
    return [c.strip() for c in page.locator(f"[data-mdx-review-row='{item['id']}'] td").all_inner_texts()]


@pytest.mark.browser
def test_dates_are_kept_and_the_review_says_where_each_task_stands(site: Site, browser: object) -> None:
    context = browser.new_context(locale="sv-SE")
    watched = open_driva(context, site)
    page = watched.page
    first, second, third = ITEMS[0], ITEMS[1], ITEMS[-1]
    assert page.locator("[data-mdx-noscript]").is_hidden()
    assert page.locator(f"#{first['id']} [data-mdx-today]").is_visible()
    assert page.get_attribute(date_field(first), "max") == TODAY.isoformat()

    page.click(f"#{first['id']} [data-mdx-today]")
    assert page.input_value(date_field(first)) == TODAY.isoformat()
    assert TODAY.isoformat() in page.locator("[data-mdx-status]").inner_text()
    set_date(page, second, OLD)
    set_date(page, third, RECENT)
    stored = json.loads(page.evaluate("k => localStorage.getItem(k)", KEY))
    assert stored["dates"] == {first["id"]: TODAY.isoformat(), second["id"]: OLD, third["id"]: RECENT}

    def check_review() -> None:
        assert review_row(page, first)[2:] == [TODAY.isoformat(), "Gjort i dag"]
        assert review_row(page, second)[2:] == [OLD, "Gjort för mer än ett år sedan"]
        assert review_row(page, third)[2:] == [RECENT, "Gjort under det senaste året"]
        assert review_row(page, ITEMS[2])[2:] == ["–", "Inget datum"]
        assert page.locator("[data-mdx-review-date]").inner_text() == TODAY.isoformat()
        summary = page.locator("[data-mdx-review-summary]").inner_text()
        assert summary == (
            f"{len(ITEMS)} uppgifter: 2 gjorda under det senaste året, 1 för mer än ett år sedan, "
            f"{len(ITEMS) - 3} utan datum."
        )

    check_review()
    page.reload(wait_until="load")
    page.locator("[data-mdx-review]").wait_for(state="visible")
    assert page.input_value(date_field(second)) == OLD, "kept after a reload"
    check_review()

    # Away and back with Material's instant navigation.
    page.click(".md-content a[href$='konto/driva/']")
    page.wait_for_url("**/konto/driva/")
    page.go_back()
    page.wait_for_url("**/" + PATH)
    page.locator("[data-mdx-review]").wait_for(state="visible")
    assert page.input_value(date_field(third)) == RECENT, "kept after navigating away and back"
    check_review()

    # Clearing a field removes its date.
    set_date(page, third, "")
    assert review_row(page, third)[2:] == ["–", "Inget datum"]
    assert third["id"] not in json.loads(page.evaluate("k => localStorage.getItem(k)", KEY))["dates"]
    watched.assert_clean()
    context.close()


@pytest.mark.browser
def test_a_date_after_today_is_an_error_at_the_field_and_not_saved(site: Site, browser: object) -> None:
    context = browser.new_context(locale="sv-SE")
    watched = open_driva(context, site)
    page = watched.page
    item = ITEMS[3]
    set_date(page, item, FUTURE)
    error = page.locator(f"#{item['id']}-fel")
    assert error.is_visible()
    assert "kan inte vara senare än i dag" in error.inner_text()
    assert page.get_attribute(date_field(item), "aria-invalid") == "true"
    assert f"{item['id']}-fel" in page.get_attribute(date_field(item), "aria-describedby").split()
    assert review_row(page, item)[2:] == ["–", "Inget datum"], "the review shows only saved dates"
    assert page.evaluate("k => localStorage.getItem(k)", KEY) is None

    set_date(page, item, RECENT)
    assert error.is_hidden()
    assert page.get_attribute(date_field(item), "aria-invalid") is None
    assert review_row(page, item)[2:] == [RECENT, "Gjort under det senaste året"]

    # A future date in storage (a clock that was wrong) is not shown as done.
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, json.dumps({"dates": {item["id"]: FUTURE}})])
    page.reload(wait_until="load")
    page.locator("[data-mdx-review]").wait_for(state="visible")
    assert page.input_value(date_field(item)) == ""
    watched.assert_clean()
    context.close()


@pytest.mark.browser
def test_blocked_storage_is_said_out_loud(site: Site, browser: object) -> None:
    context = browser.new_context(locale="sv-SE")
    context.add_init_script("Storage.prototype.setItem = () => { throw new Error('blocked'); }")
    watched = open_driva(context, site)
    page = watched.page
    page.click(f"#{ITEMS[0]['id']} [data-mdx-today]")
    notice = page.locator(".mdx-storage-notice")
    notice.filter(has_text="finns kvar bara så länge sidan är öppen").wait_for()
    page.click(f"#{ITEMS[1]['id']} [data-mdx-today]")
    assert notice.count() == 1, "said once, not at every date"
    assert review_row(page, ITEMS[0])[3] == "Gjort i dag", "the review still shows what was entered"
    context.close()


@pytest.mark.browser
def test_the_printout_is_the_yearly_review(site: Site, browser: object) -> None:
    context = browser.new_context(locale="sv-SE")
    watched = open_driva(context, site)
    page = watched.page
    set_date(page, ITEMS[0], OLD)
    page.emulate_media(media="print")
    review = page.locator("[data-mdx-review]")
    assert review.is_visible()
    assert page.locator("[data-mdx-review-row]").first.is_visible()
    assert "Gjort för mer än ett år sedan" in review.inner_text()
    assert page.locator(".mdx-print-notice").is_visible()
    hidden = [
        ".md-content h1",
        ".md-sidebar--primary",
        ".md-header",
        "fieldset",
        "[data-mdx-print]",
        "[data-mdx-today]",
        ".md-footer",
    ]
    shown = [sel for sel in hidden if page.locator(sel).first.is_visible()]
    assert shown == [], f"printed besides the review: {shown}"
    buttons = page.evaluate("() => [...document.querySelectorAll('button')].filter(b => b.checkVisibility()).length")
    assert buttons == 0, "no buttons on paper"
    context.close()


@pytest.mark.browser
def test_without_javascript_the_tasks_show_and_nothing_is_sent(site: Site, browser: object) -> None:
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site.url + PATH, wait_until="load")
    shown = page.evaluate(
        "sels => sels.filter(sel => [...document.querySelectorAll(sel)].some(el => el.checkVisibility()))", JS_ONLY
    )
    assert shown == [], f"shown without JavaScript: {shown}"
    notice = page.locator("[data-mdx-noscript]")
    assert notice.is_visible() and "Utan JavaScript" in notice.inner_text()
    for item in ITEMS:
        assert page.locator(f"#{item['id']} .mdx-recurring__text").is_visible()
        assert who(item) in page.locator(f"#{item['id']}").inner_text()
        assert page.locator(date_field(item)).is_visible()
    field = page.locator(date_field(ITEMS[0]))
    field.fill(RECENT)
    assert field.input_value() == RECENT, "the dates can be filled in without the script"
    before = page.url
    field.press("Enter")
    page.wait_for_timeout(300)
    assert page.url == before
    assert not [url for url in requests if RECENT in url or "?" in url], requests
    page.emulate_media(media="print")
    assert field.is_visible(), "without the script the printout is the page with its dates"
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", PALETTES)
def test_axe_in_every_state(site: Site, browser: object, scheme: str) -> None:
    context = palette_context(browser, scheme)
    watched = open_driva(context, site)
    page = watched.page
    assert_palette(page, scheme)
    failures = {"initial": axe_violations(page)}
    page.click(f"#{ITEMS[0]['id']} [data-mdx-today]")
    set_date(page, ITEMS[1], OLD)
    failures["dates set"] = axe_violations(page)
    set_date(page, ITEMS[2], FUTURE)
    page.locator(f"#{ITEMS[2]['id']}-fel").wait_for(state="visible")
    failures["error shown"] = axe_violations(page)
    failures = {state: found for state, found in failures.items() if found}
    assert not failures, "\n".join(f"{state} ({scheme}):\n  " + "\n  ".join(v) for state, v in failures.items())
    watched.assert_clean()
    context.close()

    # The page as it is without our script (axe itself needs JavaScript to run).
    context = palette_context(browser, scheme)
    as_without_javascript(context)
    page = context.new_page()
    page.goto(site.url + PATH, wait_until="load")
    assert page.locator("[data-mdx-noscript]").is_visible()
    assert not axe_violations(page), f"without the handbook's script ({scheme})"
    context.close()
