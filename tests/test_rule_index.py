"""The list of all rules: filters by text, role, level and section, kept in the URL
(reload, Back, shared links), unknown values reported, and a way in from each role."""

from __future__ import annotations

import guideline_data
import pytest
from browser import watch
from conftest import ROOT, Site

pytestmark = pytest.mark.browser
DATA = guideline_data.load(ROOT / "data" / "guideline.yml")
TOTAL = len(DATA["rules"])
ROWS = ".mdx-rule-index tbody tr:visible"


@pytest.fixture
def context(browser: object) -> object:
    context = browser.new_context(locale="sv-SE")
    yield context
    context.close()


def count_text(shown: int) -> str:
    return f"{TOTAL} regler" if shown == TOTAL else f"Visar {shown} av {TOTAL} regler"


def shown_ids(page: object) -> list[str]:
    return page.eval_on_selector_all(ROWS, "rows => rows.map(r => r.dataset.mdxRule)")


def test_section_and_text_filters_survive_reload_and_back(site: Site, context: object) -> None:
    section = "arkiv"
    in_section = [r["id"] for r in DATA["rules"] if r["section"] == section]
    rules = {r["id"]: r for r in DATA["rules"]}
    # The filter reads the rule's id, text and "Så kontrollerar du".
    with_word = [i for i in in_section if "gallra" in f"{i} {rules[i]['text']} {rules[i]['how_to_check']}".lower()]
    assert 0 < len(with_word) < len(in_section), "the data changed: pick another word"
    watched = watch(context, site.url.rstrip("/"))
    page = watched.page
    page.goto(site.url + "regler/", wait_until="load")
    count = page.locator("[data-mdx-rule-count]")
    assert count.get_attribute("aria-live") == "polite"

    page.select_option("#filter-avsnitt", section)
    assert shown_ids(page) == in_section
    assert count.inner_text() == count_text(len(in_section))
    assert "avsnitt=arkiv" in page.url
    assert page.locator(".mdx-rule-index__group:visible").count() == 1, "other sections are hidden"

    page.locator("#filter-text").press_sequentially("gallra", delay=20)
    assert shown_ids(page) == with_word
    assert count.inner_text() == count_text(len(with_word))
    assert page.url.endswith("?text=gallra&avsnitt=arkiv")

    page.reload(wait_until="load")
    assert page.input_value("#filter-text") == "gallra"
    assert page.input_value("#filter-avsnitt") == section
    assert shown_ids(page) == with_word

    page.go_back()  # before the text
    page.wait_for_function("() => !location.search.includes('text=')")
    page.locator(f"{ROWS}[data-mdx-rule='{in_section[-1]}']").wait_for()
    assert page.input_value("#filter-text") == ""
    assert shown_ids(page) == in_section
    page.go_back()  # before the section
    page.wait_for_function("() => location.search === ''")
    page.locator("[data-mdx-rule-count]", has_text=f"{TOTAL} regler").wait_for()
    assert page.input_value("#filter-avsnitt") == ""
    assert len(shown_ids(page)) == TOTAL

    page.goto(site.url + "regler/?text=ingetsadantord", wait_until="load")
    assert shown_ids(page) == []
    assert count.inner_text().startswith("Inga regler passar filtret.")
    watched.assert_clean()


def test_text_filter_finds_a_rule_by_its_id(site: Site, context: object) -> None:
    watched = watch(context, site.url.rstrip("/"))
    page = watched.page
    page.goto(site.url + "regler/?text=alla-sekretess", wait_until="load")
    assert shown_ids(page) == ["alla-sekretess"]
    watched.assert_clean()


@pytest.mark.parametrize(
    ("query", "reported"),
    [("roll=chef", "roll=chef"), ("niva=skall&avsnitt=finns-inte", "niva=skall, avsnitt=finns-inte")],
)
def test_an_unknown_filter_value_is_reported(site: Site, context: object, query: str, reported: str) -> None:
    watched = watch(context, site.url.rstrip("/"))
    page = watched.page
    page.goto(f"{site.url}regler/?{query}", wait_until="load")
    notice = page.locator("[data-mdx-filter-notice]")
    assert notice.is_visible()
    assert notice.get_attribute("role") == "status"
    assert reported in notice.inner_text()
    assert "finns inte" in notice.inner_text()
    assert len(shown_ids(page)) == TOTAL
    page.select_option("#filter-niva", "ska")  # a new choice: the notice has done its job
    assert not notice.is_visible()
    watched.assert_clean()


def test_old_links_with_niva_bor_still_work(site: Site, context: object) -> None:
    watched = watch(context, site.url.rstrip("/"))
    page = watched.page
    page.goto(site.url + "regler/?niva=b%C3%B6r", wait_until="load")
    assert page.input_value("#filter-niva") == "bor"
    assert len(shown_ids(page)) == sum(r["level"] == "bör" for r in DATA["rules"])
    assert not page.locator("[data-mdx-filter-notice]").is_visible()
    watched.assert_clean()


def test_each_role_leads_from_the_home_page_to_its_rules(site: Site, context: object) -> None:
    watched = watch(context, site.url.rstrip("/"))
    page = watched.page
    for role in DATA["roles"]:
        own = [r["id"] for r in DATA["rules"] if role["id"] in r["roles"]]
        page.goto(site.url, wait_until="load")
        card = page.locator(".mdx-way-in__role", has=page.locator(f"#vag-in-{role['id']}"))
        card.get_by_role("link", name=f"{len(own)} regler för {role['name'].lower()}").click()
        # Material's navigation.tracking may carry the home page's section anchor along.
        wanted = f"{site.url}regler/?roll={role['id']}"
        page.wait_for_url(lambda url, wanted=wanted: url.split("#")[0] == wanted, wait_until="commit")
        page.locator("[data-mdx-rule-count]", has_text=count_text(len(own))).wait_for()
        assert page.input_value("#filter-roll") == role["id"]
        assert sorted(shown_ids(page)) == sorted(own)
        # ... and from the list to what the role is responsible for, with its rules unfolded.
        page.get_by_role("link", name=f"Vad {role['name'].lower()} ansvarar för").click()
        page.wait_for_url(lambda url, r=role["id"]: url.startswith(f"{site.url}roller/?roll={r}"), wait_until="commit")
        details = page.locator(f"#roll-{role['id']} details")
        details.locator("li").first.wait_for()
        assert details.evaluate("d => d.open")
        back = page.locator(f"#roll-{role['id']}").get_by_role("link", name="Visa reglerna för", exact=False)
        assert back.evaluate("a => a.href") == f"{site.url}regler/?roll={role['id']}"
    watched.assert_clean()


def test_a_direct_link_to_a_role_opens_its_rules(site: Site, context: object) -> None:
    watched = watch(context, site.url.rstrip("/"))
    page = watched.page
    page.goto(site.url + "roller/#roll-kontoansvarig", wait_until="load")
    assert page.locator("#roll-kontoansvarig details").evaluate("d => d.open")
    assert not page.locator("#roll-redaktor details").evaluate("d => d.open")
    watched.assert_clean()
