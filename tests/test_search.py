"""Search finds the rule or section for the words staff type: inflections, everyday
synonyms and rule ids, through the site's own search box (Material's dialog)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import guideline_data
import pytest
import search_index
from browser import watch
from conftest import ROOT, Site

DATA = guideline_data.load(ROOT / "data" / "guideline.yml")

# What staff type -> where the answer is (any of these URLs, page path plus anchor).
# Most are not headings; the first ones come from the UX review (A5, A6).
QUERIES: list[tuple[str, tuple[str, ...]]] = [
    ("diarieföra", ("inlagg-och-kommentarer/#diarieforing", "inlagg-och-kommentarer/#diarie-lamna")),
    ("diarieförs", ("inlagg-och-kommentarer/#diarieforing", "inlagg-och-kommentarer/#diarie-lamna")),
    ("diarieföring", ("inlagg-och-kommentarer/#diarieforing", "inlagg-och-kommentarer/#diarie-lamna")),
    (
        "radera",
        (
            "inlagg-och-kommentarer/#oetiska-inlagg",
            "inlagg-och-kommentarer/#dolja-eller-ta-bort",
            "lagar/saklighet/#saklighet-grund",
            "lagar/anslagstavlor/#bbs-ta-bort",
        ),
    ),
    (
        "radera kommentar",
        (
            "inlagg-och-kommentarer/#dolja-eller-ta-bort",
            "inlagg-och-kommentarer/#oetiska-dolj-forst",
            "lagar/saklighet/#saklighet-grund",
            "lagar/anslagstavlor/#bbs-ta-bort",
        ),
    ),
    ("näthat", ("inlagg/svara-situationer/#hot-och-hat", "inlagg-och-kommentarer/#oetiska-inlagg")),
    ("hatkommentar", ("inlagg/svara-situationer/#hot-och-hat", "inlagg-och-kommentarer/#oetiska-inlagg")),
    ("hatkommentarer", ("inlagg/svara-situationer/#hot-och-hat", "inlagg-och-kommentarer/#oetiska-inlagg")),
    ("oetiska inlägg", ("inlagg-och-kommentarer/#oetiska-inlagg",)),
    ("kommentarspolicy", ("inlagg/fardiga-texter/#kommentarsregler", "konto/starta/#starta-kommentarsregler")),
    ("kommentarsregler", ("inlagg/fardiga-texter/#kommentarsregler", "konto/starta/#starta-kommentarsregler")),
    ("stänga kontot", ("konto/avsluta/", "konto/avsluta/#avsluta-arkivera", "konto/avsluta/#avsluta-meddela")),
    ("lägga ner ett konto", ("konto/avsluta/", "konto/avsluta/#avsluta-arkivera", "konto/avsluta/#avsluta-meddela")),
    ("alla-sekretess", ("roller/#alla-sekretess",)),
    ("alla-privat-konto", ("roller/#alla-privat-konto",)),
    ("oetiska-blockera", ("inlagg-och-kommentarer/#oetiska-blockera",)),
    ("blockera", ("inlagg-och-kommentarer/#oetiska-blockera",)),
    ("bild på barn", ("lagar/dataskydd/#dataskydd-barn",)),
    ("alt-text", ("lagar/tillganglighet/#tillganglighet-alttext",)),
    ("undertexter", ("lagar/tillganglighet/#tillganglighet-undertext",)),
    ("gallra", ("lagar/arkiv/#arkiv-gallring", "lagar/arkiv/")),
    ("semester", ("konto/driva/#driva-franvaro", "konto/driva/#uppsikt")),
    ("partipolitik", ("kommunikation/#innehall-partipolitik",)),
    ("polisanmäla", ("inlagg/svara-situationer/", "inlagg/svara-situationer/#hot-och-hat")),
    ("citaträtt", ("lagar/upphovsratt/#upphovsratt-citat",)),
    ("ta bort behörighet", ("konto/driva/#driva-behorigheter",)),
    ("privat konto", ("roller/#alla-privat-konto", "lagar/offentlighet/#offentlighet-privat-konto")),
    ("mall", ("inlagg/fardiga-texter/",)),
]

# Material renders each page as one group: the page, then its best sections, then
# the rest folded away under "N till på sidan". What a reader sees, in order.
VISIBLE_RESULTS = """() => [...document.querySelectorAll('.md-search-result__list a.md-search-result__link')]
  .filter(a => !a.closest('details.md-search-result__more'))
  .map(a => a.href)"""


def site_relative(site: Site, href: str) -> str:
    parts = urlsplit(href)
    path = parts.path.removeprefix(urlsplit(site.url).path)
    return path + (f"#{parts.fragment}" if parts.fragment else "")


def search(page: object, query: str) -> list[str]:
    """Type `query` into Material's search box; the visible results' links, in order."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")
    page.keyboard.type(query, delay=10)  # Material searches on key events, not on fill()
    page.wait_for_function(
        "q => document.querySelector('.md-search__input').value === q"
        " && document.querySelector('.md-search-result__meta').textContent.trim() !== ''",
        arg=query,
    )
    # The worker answers each keystroke; on a busy machine the last answer comes late.
    # The results are final when they stay the same for a while.
    before = None
    for _ in range(40):
        page.wait_for_timeout(200)
        now = page.evaluate(VISIBLE_RESULTS)
        if now == before:
            return now
        before = now
    raise AssertionError(f"the results for {query!r} never settled")


@pytest.fixture(scope="module")
def search_page(site: Site, browser: object) -> object:
    context = browser.new_context(locale="sv-SE")
    watched = watch(context, site.url.rstrip("/"))
    watched.page.goto(site.url, wait_until="load")
    yield watched
    watched.assert_clean()
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("query", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_search_finds_the_answer_in_the_first_five(site: Site, search_page: object, query: str, expected) -> None:
    found = [site_relative(site, href) for href in search(search_page.page, query)]
    assert set(found[:5]) & set(expected), f"{query!r}: expected one of {expected}, first five were {found[:5]}"
    # The history page tells of proposals the board rejected: never above the rule that applies.
    first = min(found.index(url) for url in expected if url in found)
    history = [url for url in found[:first] if url.startswith("beslut/")]
    assert not history, f"{query!r}: the history page comes before the answer: {found[: first + 1]}"


def test_every_rule_is_its_own_search_entry(site: Site) -> None:
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [doc["location"] for doc in index["docs"]]
    for rule in DATA["rules"]:
        hits = [loc for loc in locations if loc.endswith("#" + rule["id"])]
        assert len(hits) == 1, f"{rule['id']}: {hits}"
        page = site.root / hits[0].split("#")[0] / "index.html"
        assert f'id="{rule["id"]}"' in page.read_text(encoding="utf-8"), hits[0]
    assert {"rule_id", "title_words", "text_words"} <= set(index["config"]["fields"])


def test_synonyms_reach_entries_that_use_another_word_of_the_group() -> None:
    groups = search_index.synonym_groups({"synonyms": [["radera", "ta bort"]], "glossary": []})
    expand = search_index.expander(groups)
    assert expand("Du ska ta bort kommentaren.") == ["radera"]
    assert "ta bort" in expand("Raderade kommentarer")  # an ending of up to three letters
    assert expand("Hatet och raderingsrutinen") == []  # not inside or far past a word


def test_a_rule_entry_lands_on_the_rule_and_names_it() -> None:
    data = {
        "sections": [{"id": "s", "title": "Avsnitt", "page": "lagar/x.md"}],
        "roles": [{"id": "redaktor", "name": "Redaktör"}],
        "rules": [
            {
                "id": "x-regel",
                "text": "Du ska <b>göra</b> så.",
                "level": "ska",
                "roles": ["redaktor"],
                "section": "s",
                "rationale": None,
                "how_to_check": "Titta.",
            }
        ],
        "glossary": [],
    }
    index = {
        "config": {"fields": {"title": {"boost": 1e3}}},
        "docs": [{"location": "lagar/x/", "title": "X", "text": ""}],
    }
    out = search_index.enrich(index, data, lambda src: src.removesuffix(".md") + "/")
    entry = out["docs"][-1]
    assert entry["location"] == "lagar/x/#x-regel"
    assert entry["title"] == "Du ska &lt;b&gt;göra&lt;/b&gt; så."  # data is never markup
    assert entry["rule_id"] == "x-regel"
    assert "Så kontrollerar du: Titta." in entry["text"]
    assert out["config"]["fields"]["title"] == {"boost": 1e3}


def test_query_set_is_large_enough() -> None:
    assert len(QUERIES) >= 25
