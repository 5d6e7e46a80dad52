"""Checklists and the account registration: generated HTML, and behaviour in Chromium."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import guideline_data
import pytest
from browser import axe_violations, watch
from bs4 import BeautifulSoup
from conftest import ROOT, Site, copy_project, mkdocs_build, soup, write_data
from pypdf import PdfReader

DATA = guideline_data.load(ROOT / "data" / "guideline.yml")
CHECKLISTS = {c["id"]: c for c in DATA["checklists"]}
RULES = {r["id"]: r for r in DATA["rules"]}
START = "checklistor/starta-konto/"
START_ITEMS = [item for step in CHECKLISTS["starta-konto"]["steps"] for item in step["items"]]
REQUIRED = [f for f in DATA["account_fields"] if f["required"]]
SUBMIT = "[data-mdx-registration-form] button[type=submit]"
STORAGE_PREFIX = "alingsas-riktlinje-sm:"


def item_label(item: dict) -> str:
    return RULES[item["rule"]]["text"] if "rule" in item else item["text"]


# ----------------------------------------------------------------- generated HTML


def checklist_pages(site: Site) -> dict[str, BeautifulSoup]:
    found = {}
    for page in site.pages():
        html = soup(page)
        for form in html.select("form[data-mdx-checklist]"):
            assert form["data-mdx-checklist"] not in found, "a checklist is rendered once"
            found[form["data-mdx-checklist"]] = form
    return found


def test_every_checklist_is_rendered_once_with_all_items(site: Site) -> None:
    forms = checklist_pages(site)
    assert set(forms) == set(CHECKLISTS)
    for checklist_id, checklist in CHECKLISTS.items():
        form = forms[checklist_id]
        assert form["data-mdx-version"] == str(checklist["version"])
        fieldsets = form.select("fieldset")
        assert [f["id"] for f in fieldsets] == [s["id"] for s in checklist["steps"]]
        for fieldset, step in zip(fieldsets, checklist["steps"], strict=True):
            assert step["title"] in fieldset.legend.get_text(" ", strip=True)
            boxes = fieldset.select("input[type=checkbox]")
            assert [b["id"] for b in boxes] == [i["id"] for i in step["items"]]
            for item in step["items"]:
                labels = form.select(f"label[for='{item['id']}']")
                assert len(labels) == 1
                assert labels[0].get_text(" ", strip=True) == " ".join(item_label(item).split())


def test_rule_items_show_level_roles_and_link(site: Site) -> None:
    forms = checklist_pages(site)
    roles = {r["id"]: r["name"] for r in DATA["roles"]}
    for checklist_id, checklist in CHECKLISTS.items():
        for step in checklist["steps"]:
            for item in step["items"]:
                meta = forms[checklist_id].select_one(f"#{item['id']}-vem")
                text = meta.get_text(" ", strip=True)
                item_roles = RULES[item["rule"]]["roles"] if "rule" in item else item["roles"]
                for role in item_roles:
                    assert roles[role] in text
                if "rule" in item:
                    assert ("Ska" if RULES[item["rule"]]["level"] == "ska" else "Bör") in text
                    assert meta.select_one("a")["href"].endswith("#" + item["rule"])


def test_registration_form_matches_account_fields(site: Site) -> None:
    html = soup(site.page(START.rstrip("/")))
    controls = html.select("[data-mdx-registration-form] .mdx-field__control")
    assert [c["name"] for c in controls] == [f["id"] for f in DATA["account_fields"]]
    for control, field in zip(controls, DATA["account_fields"], strict=True):
        label = html.select_one(f"label[for='{control['id']}']").get_text(" ", strip=True)
        assert label.startswith(field["label"])
        assert ("(frivilligt)" in label) is (not field["required"])
        assert control.has_attr("aria-required") is field["required"]
        if field["type"] == "select":
            assert [o.get_text() for o in control.select("option")][1:] == field["options"]


# ------------------------------------------------------------------------ browser


@pytest.fixture
def context(browser: object) -> object:
    context = browser.new_context(locale="sv-SE", accept_downloads=True)
    yield context
    context.close()


def open_start(context: object, site: Site):
    watched = watch(context, site.url.rstrip("/"))
    watched.page.goto(site.url + START, wait_until="load")
    watched.page.locator("[data-mdx-summary]").wait_for(state="visible")
    return watched


def summary(page: object) -> str:
    return page.locator("#checklista-starta-konto [data-mdx-summary]").inner_text()


@pytest.mark.browser
def test_ticks_survive_reload_and_instant_navigation(site: Site, context: object) -> None:
    watched = open_start(context, site)
    page = watched.page
    total = len(START_ITEMS)
    assert summary(page) == f"0 av {total} klara"
    for item in START_ITEMS[:3]:
        page.check(f"#{item['id']}")
    assert summary(page) == f"3 av {total} klara"
    page.reload(wait_until="load")
    page.locator("[data-mdx-summary]").wait_for(state="visible")
    assert [page.is_checked(f"#{i['id']}") for i in START_ITEMS[:4]] == [True, True, True, False]
    assert summary(page) == f"3 av {total} klara"
    # Instant navigation away and back.
    page.evaluate("window.__stillHere = true")
    page.locator(".md-nav--primary a.md-nav__link[href$='/regler/']").first.click()
    page.wait_for_url(site.url + "regler/")
    page.go_back()
    page.wait_for_url(site.url + START)
    page.locator("[data-mdx-summary]").wait_for(state="visible")
    assert page.evaluate("window.__stillHere === true"), "navigation was not instant"
    assert summary(page) == f"3 av {total} klara"
    assert all(page.is_checked(f"#{i['id']}") for i in START_ITEMS[:3])
    watched.assert_clean()


@pytest.mark.browser
def test_reset_asks_first_and_clears(site: Site, context: object) -> None:
    watched = open_start(context, site)
    page = watched.page
    page.check(f"#{START_ITEMS[0]['id']}")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("#checklista-starta-konto [data-mdx-reset]")
    assert page.is_checked(f"#{START_ITEMS[0]['id']}"), "cancelled: nothing cleared"
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#checklista-starta-konto [data-mdx-reset]")
    assert not page.is_checked(f"#{START_ITEMS[0]['id']}")
    page.reload(wait_until="load")
    page.locator("[data-mdx-summary]").wait_for(state="visible")
    assert summary(page).startswith("0 av")
    watched.assert_clean()


@pytest.mark.browser
def test_corrupt_storage_and_stale_items(site: Site, context: object) -> None:
    key = f"{STORAGE_PREFIX}checklista:starta-konto:v{CHECKLISTS['starta-konto']['version']}"
    stale = {"ticked": ["borttagen-punkt", START_ITEMS[0]["id"], 7]}
    registration_key = STORAGE_PREFIX + "anmalan:v1"
    context.add_init_script(
        f"""try {{
          localStorage.setItem({json.dumps(key)}, {json.dumps(json.dumps(stale))});
          localStorage.setItem({json.dumps(registration_key)}, "{{inte json");
        }} catch (e) {{}}"""
    )
    watched = open_start(context, site)
    page = watched.page
    assert summary(page) == f"1 av {len(START_ITEMS)} klara", "unknown ids drop out, known ones stay"
    assert page.input_value(f"#anmalan-{DATA['account_fields'][0]['id']}") == ""
    page.check(f"#{START_ITEMS[1]['id']}")
    stored = json.loads(page.evaluate(f"localStorage.getItem({json.dumps(key)})"))
    assert sorted(stored["ticked"]) == sorted([START_ITEMS[0]["id"], START_ITEMS[1]["id"]])
    watched.assert_clean()


@pytest.mark.browser
def test_blocked_storage_still_works(site: Site, context: object) -> None:
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', "
        "{get() { throw new DOMException('blocked', 'SecurityError'); }});"
    )
    watched = open_start(context, site)
    page = watched.page
    page.check(f"#{START_ITEMS[0]['id']}")
    assert summary(page) == f"1 av {len(START_ITEMS)} klara"
    page.fill(f"#anmalan-{REQUIRED[1]['id']}", "Test")
    watched.assert_clean()


@pytest.mark.browser
def test_keyboard_only(site: Site, context: object) -> None:
    watched = open_start(context, site)
    page = watched.page
    first = START_ITEMS[0]["id"]
    page.focus(f"#{first}")
    page.keyboard.press("Space")
    assert page.is_checked(f"#{first}")
    page.keyboard.press("Tab")  # the rule link, or the next box
    focused = page.evaluate("document.activeElement.id || document.activeElement.tagName")
    assert focused, "focus moved on"
    # Reach "Börja om" and press it with Enter; the confirmation is accepted.
    page.once("dialog", lambda dialog: dialog.accept())
    page.focus("#checklista-starta-konto [data-mdx-reset]")
    page.keyboard.press("Enter")
    assert not page.is_checked(f"#{first}")
    watched.assert_clean()


def fill_required(page: object, skip: str | None = None) -> dict[str, str]:
    values = {}
    for field in REQUIRED:
        if field["id"] == skip:
            continue
        selector = f"#anmalan-{field['id']}"
        if field["type"] == "select":
            value = field["options"][0]
            page.select_option(selector, value)
        elif field["type"] == "date":
            value = "2027-01-15"
            page.fill(selector, value)
        else:
            value = f"Svar för {field['label']}"
            page.fill(selector, value)
        values[field["id"]] = value
    return values


@pytest.mark.browser
def test_registration_errors_review_outputs_and_import(site: Site, context: object, browser: object, tmp_path: Path):
    watched = open_start(context, site)
    page = watched.page
    assert not axe_violations(page)

    # Submit empty: an error summary with one link a required field, focus on it.
    page.click(SUBMIT)
    summary_box = page.locator("[data-mdx-error-summary]")
    summary_box.wait_for(state="visible")
    assert page.locator("[data-mdx-error-list] a").count() == len(REQUIRED)
    assert page.evaluate("document.activeElement.hasAttribute('data-mdx-error-summary')")
    first = REQUIRED[0]["id"]
    assert page.get_attribute(f"#anmalan-{first}", "aria-invalid") == "true"
    assert f"anmalan-{first}-fel" in page.get_attribute(f"#anmalan-{first}", "aria-describedby")
    assert not axe_violations(page), "error state"
    page.locator("[data-mdx-error-list] a").first.click()
    assert page.evaluate("document.activeElement.id") == f"anmalan-{first}"

    # Fill all but one: one error left. Then fill it and see the review.
    values = fill_required(page, skip=REQUIRED[-1]["id"])
    page.click(SUBMIT)
    assert page.locator("[data-mdx-error-list] a").count() == 1
    values.update(fill_required(page))
    page.check(f"#{START_ITEMS[0]['id']}")
    page.click(SUBMIT)
    review = page.locator("[data-mdx-review]")
    review.wait_for(state="visible")
    assert not summary_box.is_visible()
    review_text = review.inner_text()
    for value in values.values():
        assert value in review_text
    assert item_label(START_ITEMS[0]) in review_text
    assert "Inte klart" in review_text
    assert not axe_violations(page), "review state"

    # A change link goes back to its field.
    page.locator(".mdx-review__change").first.click()
    assert page.evaluate("document.activeElement.id") == f"anmalan-{DATA['account_fields'][0]['id']}"

    # CSV: one row a field (after the header).
    with page.expect_download() as info:
        page.click("[data-mdx-review] [data-mdx-download=csv]")
    rows = list(csv.reader(io.StringIO(Path(info.value.path()).read_text("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Fält", "Uppgift", "Svar"]
    assert [r[0] for r in rows[1:]] == [f["id"] for f in DATA["account_fields"]]
    assert all(values[r[0]] == r[2] for r in rows[1:] if r[0] in values)

    # JSON download, then import in a fresh browser context.
    with page.expect_download() as info:
        page.click("[data-mdx-review] [data-mdx-download=json]")
    saved = tmp_path / "anmalan.json"
    info.value.save_as(saved)
    data = json.loads(saved.read_text("utf-8"))
    assert data["answers"][first] == values[first]
    assert data["checklist"]["ticked"] == [START_ITEMS[0]["id"]]

    # Print to PDF and find the answers in it.
    page.emulate_media(media="print")
    pdf = tmp_path / "anmalan.pdf"
    page.pdf(path=str(pdf))
    page.emulate_media(media="screen")
    pdf_text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(pdf).pages).split())
    assert "Anmälan av konto i sociala medier" in pdf_text
    assert values[REQUIRED[1]["id"]] in pdf_text
    assert DATA["guideline"]["dnr"] in pdf_text
    assert "Ladda ner" not in pdf_text, "buttons are not printed"
    watched.assert_clean()

    fresh = browser.new_context(locale="sv-SE")
    try:
        other = open_start(fresh, site)
        other.page.set_input_files("[data-mdx-import]", str(saved))
        other.page.locator("[data-mdx-status]").filter(has_text="inläst").wait_for()
        assert other.page.input_value(f"#anmalan-{first}") == values[first]
        assert other.page.is_checked(f"#{START_ITEMS[0]['id']}")
        # Reload: the import was saved.
        other.page.reload(wait_until="load")
        other.page.locator("[data-mdx-summary]").wait_for(state="visible")
        assert other.page.input_value(f"#anmalan-{first}") == values[first]

        # A file that is not ours changes nothing.
        bad = tmp_path / "fel.json"
        bad.write_text(json.dumps({"hej": 1}), "utf-8")
        other.page.set_input_files("[data-mdx-import]", str(bad))
        other.page.locator("[data-mdx-status]").filter(has_text="Inget har ändrats").wait_for()
        assert other.page.input_value(f"#anmalan-{first}") == values[first]
        broken = tmp_path / "trasig.json"
        broken.write_text("{inte json", "utf-8")
        other.page.set_input_files("[data-mdx-import]", str(broken))
        other.page.locator("[data-mdx-status]").filter(has_text="går inte att läsa").wait_for()

        # Overwriting existing answers asks first; declining keeps them.
        text_field = next(f["id"] for f in REQUIRED if f["type"] == "text")
        other.page.fill(f"#anmalan-{text_field}", "Eget svar")
        other.page.once("dialog", lambda dialog: dialog.dismiss())
        other.page.set_input_files("[data-mdx-import]", str(saved))
        other.page.locator("[data-mdx-status]").filter(has_text="Inget har ändrats").wait_for()
        assert other.page.input_value(f"#anmalan-{text_field}") == "Eget svar"
        other.assert_clean()
    finally:
        fresh.close()


def handin_text(html: str) -> str:
    return BeautifulSoup(html, "html.parser").select_one(".mdx-review__handin").get_text(" ", strip=True)


def test_handin_goes_to_the_communications_function_when_unset(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = copy.deepcopy(DATA)
    data["settings"].update(registration_recipient=None, communications_contact=None)
    write_data(project, data)
    assert mkdocs_build(project, tmp_path / "out").returncode == 0
    text = handin_text((tmp_path / "out" / START / "index.html").read_text("utf-8"))
    assert text == "Lämna anmälan till kommunikationsfunktionen."

    data["settings"]["registration_recipient"] = "registraturen på kommunledningskontoret (testvärde)"
    write_data(project, data)
    assert mkdocs_build(project, tmp_path / "out2").returncode == 0
    text = handin_text((tmp_path / "out2" / START / "index.html").read_text("utf-8"))
    assert text == "Lämna anmälan till registraturen på kommunledningskontoret (testvärde)."


@pytest.mark.browser
def test_copy_as_text_puts_the_registration_on_the_clipboard(site: Site, browser: object) -> None:
    context = browser.new_context(locale="sv-SE")
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url.rstrip("/"))
        watched = open_start(context, site)
        page = watched.page
        values = fill_required(page)
        page.check(f"#{START_ITEMS[0]['id']}")
        page.click(SUBMIT)
        page.locator("[data-mdx-review]").wait_for(state="visible")
        page.click("[data-mdx-copy]")
        page.locator("[data-mdx-status]").filter(has_text="kopierad").wait_for()
        text = page.evaluate("navigator.clipboard.readText()")
        assert text.startswith("Anmälan av konto i sociala medier\n")
        for field in REQUIRED:
            assert f"{field['label']}: {values[field['id']]}" in text
        assert f"[x] {' '.join(item_label(START_ITEMS[0]).split())}" in text
        assert f"[ ] {' '.join(item_label(START_ITEMS[1]).split())}" in text
        watched.assert_clean()
    finally:
        context.close()


def test_the_page_says_what_is_stored_and_how_to_clear_it(site: Site) -> None:
    html = soup(site.page(START.rstrip("/")))
    section = html.find(id="det-har-sparas")
    assert section is not None
    text = " ".join(section.find_next("p").get_text(" ").split())
    assert "bara i den här webbläsaren" in text and "Inget skickas" in text
    following = " ".join(section.find_next("ul").get_text(" ").split())
    assert "Börja om" in following and "Töm anmälan" in following


@pytest.mark.browser
def test_answers_persist_and_clearing_asks_first(site: Site, context: object) -> None:
    watched = open_start(context, site)
    page = watched.page
    field = f"#anmalan-{next(f['id'] for f in REQUIRED if f['type'] == 'text')}"
    page.fill(field, "Sparat svar")
    page.reload(wait_until="load")
    page.locator("[data-mdx-summary]").wait_for(state="visible")
    assert page.input_value(field) == "Sparat svar"
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("[data-mdx-clear]")
    assert page.input_value(field) == "Sparat svar"
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-mdx-clear]")
    assert page.input_value(field) == ""
    page.reload(wait_until="load")
    page.locator("[data-mdx-summary]").wait_for(state="visible")
    assert page.input_value(field) == ""
    watched.assert_clean()
