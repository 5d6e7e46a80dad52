"""The offline copy (scripts/offline.py, made by make publish): a zip that works
opened from disk, file://: pages, navigation, search and checklists."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import BUILD_ENV, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import offline


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The offline copy, zipped as make publish does and unpacked again: its index.html."""
    tmp = tmp_path_factory.mktemp("offline")
    (tmp / "site").mkdir()
    out = tmp / "site" / "handbok-offline.zip"
    size = offline.build(ROOT / "mkdocs.yml", out, {**BUILD_ENV, "SITE_URL": "https://handbok.example.se/"})
    assert size == out.stat().st_size > 100_000
    with zipfile.ZipFile(out) as archive:
        archive.extractall(tmp / "unpacked")
    return tmp / "unpacked" / offline.FOLDER / "index.html"


def test_the_copy_has_pages_as_files_and_no_modules(unpacked: Path) -> None:
    root = unpacked.parent
    assert (root / "regler.html").is_file()
    assert (root / "checklistor" / "starta-konto.html").is_file()
    assert (root / "search" / "search_index.js").is_file()
    for page in root.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert 'type="module"' not in html, page
        assert "unpkg.com" not in html, page


def test_the_copy_has_one_classic_script_with_every_component(unpacked: Path) -> None:
    script = (unpacked.parent / offline.BUNDLE).read_text(encoding="utf-8")
    assert not (unpacked.parent / "assets" / "javascripts" / "handbook").exists(), "no modules in the copy"
    assert "import(" not in script and "export{" not in script and "export {" not in script
    assert script.startswith(("var __mdx_main=", '"use strict";var __mdx_main=')), script[:80]
    assert script.rstrip().endswith('document.addEventListener("DOMContentLoaded", () => __mdx_main.start());')
    # Every component's code is in it (the checklist's, the form's, the guide's, ...).
    for name in ("checklist", "recurring", "registration", "task-list", "rule-index", "comment-guide", "roles"):
        assert re.search(rf'[{{,]"?{name}"?:', script), name
    checked = subprocess.run(["node", "--check", str(unpacked.parent / offline.BUNDLE)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


@pytest.mark.browser
def test_the_copy_works_from_disk(unpacked: Path, browser: object) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(("file:", "data:", "about:")) else outside.append(r.url))
    page.goto(unpacked.as_uri())
    assert page.title().startswith("Handbok")

    # Navigation: a link in the menu opens the page, as a file.
    link = page.locator(".md-sidebar--primary a.md-nav__link:visible", has_text="Alla regler").first
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/regler.html")
    assert page.locator("h1").inner_text().startswith("Alla regler")

    # On a phone the menu opens from its button (menu.js), with the keyboard too.
    page.set_viewport_size({"width": 390, "height": 844})
    page.locator("button.mdx-menu-button").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.matches('.md-sidebar--primary a.md-nav__link')")
    page.keyboard.press("Escape")
    page.set_viewport_size({"width": 1400, "height": 900})

    # Search, from disk.
    page.locator("input.md-search__input").click()
    page.keyboard.type("gallring", delay=20)  # Material searches on key events, not on fill()
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert results.count() > 0
    href = results.first.locator("a").first.get_attribute("href")
    assert ".html" in href and not href.startswith(("http", "/")), href

    # A checklist: the tick is kept after a reload (the page's JavaScript runs from disk).
    page.goto((unpacked.parent / "checklistor" / "starta-konto.html").as_uri())
    box = page.locator(".mdx-checklist__box").first
    box.check()
    summary = page.locator(".mdx-checklist__summary").first
    assert "1 av" in summary.inner_text()
    page.reload()
    assert page.locator(".mdx-checklist__box").first.is_checked()
    assert "1 av" in page.locator(".mdx-checklist__summary").first.inner_text()

    # The rule catalogue's filter and the comment guide run from disk too.
    page.goto((unpacked.parent / "regler.html").as_uri())
    count = page.locator("[data-mdx-rule-count]")
    before = count.inner_text()
    page.select_option("#filter-avsnitt", "arkiv")
    page.wait_for_function("b => document.querySelector('[data-mdx-rule-count]').textContent !== b", arg=before)
    assert page.locator(".mdx-rule-index__group:visible").count() == 1
    page.goto((unpacked.parent / "inlagg" / "hantera-kommentar.html").as_uri())
    page.wait_for_selector(".mdx-guide--js")
    visible = "() => [...document.querySelectorAll('[data-mdx-step]')].filter(s => !s.hidden).length"
    assert page.evaluate(visible) == 1, "the guide shows one step at a time"
    answer = "getComputedStyle(document.querySelector('.mdx-guide__answer')).borderTopStyle"
    assert page.evaluate(answer) == "solid", "the guide's own stylesheet (handbook/comment-guide.css) is there"
    first = page.locator("[data-mdx-step]:visible a[data-mdx-next]").first
    target = first.get_attribute("data-mdx-next")
    first.click()
    page.locator(f"[data-mdx-step='{target}']").wait_for(state="visible")
    assert not outside, f"requests to other hosts: {outside}"
    assert not errors, errors
    context.close()
