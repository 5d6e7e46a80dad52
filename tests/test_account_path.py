"""The account owner's path: the task list, the steps before and after the hand-in,
the notice of closure, tabs kept in step, the notice when nothing can be saved,
and the warning of a publishing build while the kommun's settings are empty."""

from __future__ import annotations

import json
from pathlib import Path

import build_hooks
import pytest
from browser import watch
from conftest import Site, copy_project, mkdocs_build, read_data, write_data
from pypdf import PdfReader
from test_checklists import (
    CHECKLISTS,
    FORMS,
    START,
    START_DATE,
    START_ITEMS,
    SUBMIT,
    fill_required,
    summary,
)

STEPS = CHECKLISTS["starta-konto"]["steps"]
BEFORE_STEPS = [s for s in STEPS if not s["after_handin"]]
CLOSE = "checklistor/avsluta-konto/"
CLOSING = FORMS["anmalan-avslut"]
CLOSING_STEPS = CHECKLISTS[CLOSING["checklist"]]["steps"]
NOTICE = ".mdx-storage-notice"


@pytest.fixture
def context(browser: object) -> object:
    context = browser.new_context(locale="sv-SE", accept_downloads=True)
    yield context
    context.close()


def open_page(context: object, site: Site, path: str = START):
    watched = watch(context, site.url.rstrip("/"))
    watched.page.goto(site.url + path, wait_until="load")
    watched.page.locator("[data-mdx-summary]").wait_for(state="visible")
    return watched


def task_statuses(page: object) -> list[str]:
    return page.locator(".mdx-task-list [data-mdx-task-status]").all_inner_texts()


# ---------------------------------------------------------------------- task list


@pytest.mark.browser
def test_task_list_follows_ticks_and_answers(site: Site, context: object) -> None:
    watched = open_page(context, site)
    page = watched.page
    before = [s for s in STEPS if not s["after_handin"]]
    after = [s for s in STEPS if s["after_handin"]]
    names = page.locator(".mdx-task-list a").all_inner_texts()
    assert names == [
        *(f"{i}. {s['title']}" for i, s in enumerate(before, 1)),
        f"{len(before) + 1}. {FORMS['anmalan']['title']}",
        *(f"{i}. {s['title']}" for i, s in enumerate(after, len(before) + 2)),
    ]
    assert page.locator(".mdx-task-list__phase").inner_text() == CHECKLISTS["starta-konto"]["after_handin_title"]
    # The checklist numbers its steps the same way, the form counting as one.
    legends = page.locator(".mdx-checklist__step-title").all_inner_texts()
    assert legends[-1] == names[-1]
    assert task_statuses(page) == ["Ej påbörjad"] * (len(STEPS) + 1)

    first, second = before[0], before[1]
    page.check(f"#{first['items'][0]['id']}")
    for item in second["items"]:
        page.check(f"#{item['id']}")
    page.fill("#anmalan-kontonamn", "Test")
    want = [f"Påbörjad, 1 av {len(first['items'])}", "Klart", "Påbörjad"]
    assert task_statuses(page)[:3] == want
    # Each status belongs to its link (aria-describedby), so a screen reader hears both.
    link = page.locator(".mdx-task-list a").nth(1)
    assert page.locator(f"#{link.get_attribute('aria-describedby')}").inner_text() == "Klart"

    fill_required(page)
    assert task_statuses(page)[2] == "Klar att lämna in"
    page.fill("#anmalan-startdatum", "2001-01-01")  # in the past: not ready
    assert task_statuses(page)[2] == "Påbörjad"
    page.fill("#anmalan-startdatum", START_DATE)

    page.reload(wait_until="load")
    page.locator("[data-mdx-summary]").wait_for(state="visible")
    assert task_statuses(page)[:3] == ["Påbörjad, 1 av " + str(len(first["items"])), "Klart", "Klar att lämna in"]

    # A task's link leads to its step.
    page.locator(".mdx-task-list a").nth(3).click()
    assert page.evaluate("location.hash") == f"#{after[0]['id']}"
    assert page.locator(f"#{after[0]['id']}").is_visible()
    watched.assert_clean()


# ----------------------------------------------------------------------- two tabs


@pytest.mark.browser
def test_ticks_and_answers_appear_in_another_open_tab(site: Site, context: object) -> None:
    one = open_page(context, site)
    two = open_page(context, site)
    item = START_ITEMS[0]["id"]
    one.page.check(f"#{item}")
    two.page.locator(f"#{item}:checked").wait_for()
    assert summary(two.page) == f"1 av {len(START_ITEMS)} klara"
    one.page.fill("#anmalan-kontonamn", "Från flik ett")
    two.page.wait_for_function("() => document.querySelector('#anmalan-kontonamn').value === 'Från flik ett'")
    assert two.page.locator(".mdx-task-list [data-mdx-task-status]").nth(len(BEFORE_STEPS)).inner_text() == "Påbörjad"
    # And back: the second tab's ticks reach the first, and so does "Börja om".
    two.page.check(f"#{START_ITEMS[1]['id']}")
    one.page.locator(f"#{START_ITEMS[1]['id']}:checked").wait_for()
    two.page.once("dialog", lambda dialog: dialog.accept())
    two.page.click("#checklista-starta-konto [data-mdx-reset]")
    one.page.wait_for_function(f"() => !document.querySelector('#{item}').checked")
    assert summary(one.page) == f"0 av {len(START_ITEMS)} klara"
    one.assert_clean()
    two.assert_clean()


# --------------------------------------------------------------- storage notice


@pytest.mark.browser
def test_blocked_storage_is_said_once_politely(site: Site, context: object) -> None:
    context.add_init_script(
        "Object.defineProperty(window, 'localStorage', "
        "{get() { throw new DOMException('blocked', 'SecurityError'); }});"
    )
    watched = open_page(context, site)
    page = watched.page
    notice = page.locator(NOTICE)
    notice.filter(has_text="finns kvar bara så länge sidan är öppen").wait_for()
    assert notice.get_attribute("role") == "status", "polite, not an alert"
    page.check(f"#{START_ITEMS[0]['id']}")
    page.fill("#anmalan-kontonamn", "Test")
    assert page.locator(NOTICE).count() == 1, "said once"
    assert summary(page) == f"1 av {len(START_ITEMS)} klara", "the page still works"
    watched.assert_clean()


@pytest.mark.browser
def test_full_storage_is_said_when_a_save_fails(site: Site, context: object) -> None:
    # Saving works at first (the check on load passes), then the storage is full.
    context.add_init_script(
        """const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (key, value) {
          if (window.__full && key.startsWith("alingsas-riktlinje-sm:")) {
            throw new DOMException("full", "QuotaExceededError");
          }
          return setItem.call(this, key, value);
        };"""
    )
    watched = open_page(context, site)
    page = watched.page
    page.check(f"#{START_ITEMS[0]['id']}")
    assert page.locator(NOTICE).count() == 0, "nothing to say while saving works"
    page.evaluate("window.__full = true")
    page.check(f"#{START_ITEMS[1]['id']}")
    page.locator(NOTICE).filter(has_text="låter inte handboken spara").wait_for()
    page.check(f"#{START_ITEMS[2]['id']}")
    page.fill("#anmalan-kontonamn", "Test")
    assert page.locator(NOTICE).count() == 1, "said once"
    # The notice stands above the first thing that saves, not somewhere out of sight.
    assert page.evaluate(f"() => document.querySelector('{NOTICE}').nextElementSibling.matches('[data-mdx-saves]')")
    watched.assert_clean()


@pytest.mark.browser
def test_nothing_is_said_when_storage_works(site: Site, context: object) -> None:
    watched = open_page(context, site)
    watched.page.check(f"#{START_ITEMS[0]['id']}")
    watched.page.fill("#anmalan-kontonamn", "Test")
    assert watched.page.locator(NOTICE).count() == 0
    watched.assert_clean()


# ------------------------------------------------------------ notice of closure


def fill_closing(page: object) -> dict[str, str]:
    required = [f for f in CLOSING["fields"] if f["required"]]
    return fill_required(page, fields=required, form_id="anmalan-avslut")


@pytest.mark.browser
def test_notice_of_closure_checks_reviews_prints_and_downloads(site: Site, context: object, tmp_path: Path) -> None:
    watched = open_page(context, site, CLOSE)
    page = watched.page
    submit = "#anmalan-avslut-blankett " + SUBMIT
    page.click(submit)
    errors = page.locator("[data-mdx-error-list] a").all_inner_texts()
    assert len(errors) == len([f for f in CLOSING["fields"] if f["required"]])

    values = fill_closing(page)
    page.select_option("#anmalan-avslut-begaran", "Ja")  # a request still open: say what it is
    page.click(submit)
    message = next(f for f in CLOSING["fields"] if f["id"] == "begaran-beskrivning")["messages"]["required_when"]
    assert page.locator("[data-mdx-error-list] a").all_inner_texts() == [message]
    assert page.locator("#anmalan-avslut-begaran-beskrivning-fel").inner_text() == message
    page.fill("#anmalan-avslut-begaran-beskrivning", "Begäran om kommentarer från 2024, hanteras av registrator")

    before = [i for s in CLOSING_STEPS if not s["after_handin"] for i in s["items"]]
    after = [i for s in CLOSING_STEPS if s["after_handin"] for i in s["items"]]
    page.check(f"#{before[0]['id']}")
    page.click(submit)
    review = page.locator("[data-mdx-review]")
    review.wait_for(state="visible")
    assert review.locator("[data-mdx-review-progress]").inner_text() == f"1 av {len(before)} klara"
    assert review.locator("[data-mdx-review-later] li").count() == len(after)
    assert "Gå till" not in review.inner_text() and "Skriv mejlet" not in review.inner_text()
    assert " ".join(CLOSING["next_steps"].split()) in review.inner_text()
    steps_before = len([s for s in CLOSING_STEPS if not s["after_handin"]])
    task = page.locator(".mdx-task-list [data-mdx-task-status]").nth(steps_before)
    assert task.inner_text() == "Klar att lämna in"

    with page.expect_download() as info:
        page.click("[data-mdx-review] [data-mdx-download=json]")
    assert info.value.suggested_filename.startswith("anmalan-avslut-")
    saved = tmp_path / "avslut.json"
    info.value.save_as(saved)
    data = json.loads(saved.read_text("utf-8"))
    assert data["form"] == "anmalan-avslut" and data["answers"]["arkiv"] == values["arkiv"]

    page.emulate_media(media="print")
    pdf = tmp_path / "avslut.pdf"
    page.pdf(path=str(pdf))
    page.emulate_media(media="screen")
    text = " ".join(" ".join(p.extract_text() or "" for p in PdfReader(pdf).pages).split())
    assert CLOSING["title"] in text
    assert values["kontonamn"] in text
    assert "Ladda ner" not in text and "Kontrollera dina uppgifter" not in text
    assert text.count("Inte klart") == len(before) - 1

    # The registration of a new account does not take this file, and says so.
    page.goto(site.url + START, wait_until="load")
    page.set_input_files("#anmalan-blankett [data-mdx-import]", str(saved))
    page.locator("#anmalan-blankett [data-mdx-status]").filter(has_text="annan sorts anmälan").wait_for()
    watched.assert_clean()


# ------------------------------------------------------------- publishing build


def test_only_a_build_for_a_public_address_is_publishing() -> None:
    assert build_hooks.is_publishing("build", "https://handbok.alingsas.se/")
    assert not build_hooks.is_publishing("serve", "https://handbok.alingsas.se/")
    assert not build_hooks.is_publishing("build", "http://127.0.0.1:8000/")
    assert not build_hooks.is_publishing("build", "http://localhost:8000/")
    assert not build_hooks.is_publishing("build", None)
    full = {"a": "x", "b": ["y"]}
    assert build_hooks.publishing_warning(full) is None
    warning = build_hooks.publishing_warning({"a": None, "b": [], "c": "x"})
    assert warning.startswith("VARNING") and "settings: a, b." in warning


def test_a_publishing_build_warns_while_the_settings_are_empty(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = mkdocs_build(project, tmp_path / "public", site_url="https://handbok.kommun.test/")
    assert result.returncode == 0, "a warning, not a failed build"
    assert "Kommunens uppgifter saknas i data/guideline.yml under settings: " in result.stderr
    assert "registration_recipient" in result.stderr
    # Filled in, the warning is gone.
    data = read_data(project)
    data["settings"] = {
        "communications_contact": "https://intranat.test/kommunikation",
        "registration_recipient": "anmalan@kommun.test",
        "adopted_document_url": "https://intranat.test/riktlinje.pdf",
        "official_accounts": [{"platform": "Facebook", "name": "Test", "url": "https://konto.test/x"}],
        "accessibility_status": "helt",
        "accessibility_assessed": "2027-01-01",
        "accessibility_feedback": "tillganglighet@kommun.test",
    }
    write_data(project, data)
    result = mkdocs_build(project, tmp_path / "public2", site_url="https://handbok.kommun.test/")
    assert result.returncode == 0, result.stderr
    assert "Kommunens uppgifter saknas" not in result.stderr


@pytest.mark.browser
def test_the_review_fits_a_narrow_screen(site: Site, browser: object) -> None:
    """At 390 px every "Ändra" stays in view, also next to a long answer."""
    context = browser.new_context(locale="sv-SE", viewport={"width": 390, "height": 800})
    try:
        watched = open_page(context, site)
        page = watched.page
        fill_required(page)
        page.fill("#anmalan-namnd", "Kultur- och fritidsnämnden")
        page.click(SUBMIT)
        page.locator("[data-mdx-review]").wait_for(state="visible")
        outside = page.evaluate(
            """() => [...document.querySelectorAll('.mdx-review__change')]
              .filter(a => a.getBoundingClientRect().right > document.documentElement.clientWidth)
              .map(a => a.textContent)"""
        )
        assert outside == []
        watched.assert_clean()
    finally:
        context.close()
