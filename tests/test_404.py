"""The 404 page ("Sidan finns inte"): Swedish, a search that works, the home page and the
most used pages, with links that work at any depth (the server sends it for any missing path)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
import yaml
from browser import PALETTES, assert_palette, axe_violations, palette_context, watch
from conftest import ROOT, Site, copy_project, mkdocs_build, soup


class _Loader(yaml.SafeLoader):
    pass


# mkdocs.yml uses !ENV; only the plain values matter here.
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
POPULAR = CONFIG["extra"]["mdx_popular_pages"]
# What the brief of the page asks for, by the titles readers know.
EXPECTED_TITLES = ["Starta ett nytt konto", "Alla regler", "Lagar och regler", "Roller och ansvar", "Ordlista"]
MISSING = "finns/inte/langre/sida/"


def drop_own_404(watched: object, site: Site) -> None:
    """Forget the console error Chromium logs for the 404 status of the missing page itself."""
    own = f"{site.url}{MISSING}: Failed to load resource: the server responded with a status of 404"
    watched.errors[:] = [e for e in watched.errors if not e.startswith(own)]


def built_target(site: Site, href: str) -> str:
    """The built file a root-absolute link on the 404 page leads to."""
    base = urlsplit(site.url).path
    assert href.startswith(base), href
    path = href[len(base) :]
    return path + "index.html" if path == "" or path.endswith("/") else path


def test_the_404_page_is_swedish_and_offers_search_and_pages(site: Site) -> None:
    html = soup(site.root / "404.html")
    assert html.html["lang"] == "sv"
    assert html.title.get_text().startswith("Sidan finns inte")
    main = html.select_one(".md-content")
    assert main.h1.get_text(strip=True) == "Sidan finns inte"
    assert "Not found" not in main.get_text()
    assert "flyttats" in main.get_text()
    form = main.select_one("form[role=search]")
    assert form["method"] == "get"
    assert built_target(site, form["action"]) == "index.html"
    field = form.select_one("input[name=q]")
    assert form.select_one(f"label[for='{field['id']}']").get_text(strip=True)
    assert form.select_one("button[type=submit]")

    links = main.select(".mdx-notfound__links a")
    assert links[0].get_text(strip=True) == "Startsida"
    assert len(links) == 1 + len(POPULAR) == 1 + len(EXPECTED_TITLES)
    for link, title in zip(links[1:], EXPECTED_TITLES, strict=True):
        assert link.get_text(strip=True).endswith(title)
    for link in links:
        assert link["href"].startswith("/"), "root-absolute: the page is served at any depth"
        assert (site.root / built_target(site, link["href"])).is_file(), link["href"]


def test_a_popular_page_that_is_not_in_the_nav_stops_the_build(tmp_path: object) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("    - ordlista.md\n", "    - finns-inte.md\n", 1),
        encoding="utf-8",
    )
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "mdx_popular_pages: finns-inte.md finns inte i nav" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.browser
def test_served_from_a_nested_missing_address_the_links_and_search_work(site: Site, browser: object) -> None:
    context = browser.new_context(locale="sv-SE")
    watched = watch(context, site.url.rstrip("/"))
    page = watched.page
    response = page.goto(site.url + MISSING, wait_until="load")
    assert response.status == 404
    assert len(watched.errors) == 1, "Chromium logs the 404 status of the page itself, nothing else"
    drop_own_404(watched, site)
    assert page.locator("h1").inner_text() == "Sidan finns inte"
    hrefs = page.eval_on_selector_all(".mdx-notfound__links a", "links => links.map(a => a.href)")
    assert len(hrefs) == 1 + len(POPULAR)
    for href in hrefs:
        assert href.startswith(site.url), href
        assert page.request.get(href).status == 200, href

    page.click(".mdx-notfound__links a:has-text('Alla regler')")
    page.wait_for_url(site.url + "regler/")
    page.locator(".md-content h1", has_text="Alla regler").wait_for()  # instant navigation swaps the content

    # The plain search form: Material opens its search with ?q= on the home page.
    page.goto(site.url + MISSING, wait_until="load")
    drop_own_404(watched, site)
    page.fill("#mdx-notfound-q", "arkivera")
    page.click(".mdx-notfound__search button[type=submit]")
    page.wait_for_url(f"{site.url}?q=arkivera")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(state="visible")
    assert results.count() > 0
    assert page.input_value(".md-search__input") == "arkivera"

    # The header search on the 404 page itself.
    page.goto(site.url + MISSING, wait_until="load")
    drop_own_404(watched, site)
    page.click(".md-search__input")
    page.keyboard.type("kommentar")  # Material searches on key events, not on fill()
    page.locator(".md-search-result__item").first.wait_for(state="visible")
    first = page.locator(".md-search-result__item a").first.get_attribute("href")
    assert page.request.get(first.split("#")[0] if first.startswith("http") else site.url + first).status == 200
    watched.assert_clean()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", PALETTES)
def test_the_404_page_passes_axe(site: Site, browser: object, scheme: str) -> None:
    context = palette_context(browser, scheme)
    watched = watch(context, site.url.rstrip("/"))
    page = watched.page
    page.goto(site.url + MISSING, wait_until="load")
    drop_own_404(watched, site)
    assert_palette(page, scheme)
    assert not axe_violations(page), f"404 ({scheme})"
    watched.assert_clean()
    context.close()
