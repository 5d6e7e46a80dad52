"""The built HTML agrees with the data file, links resolve, and data never becomes code."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import guideline_data
import pytest
from conftest import ROOT, Site, copy_project, mkdocs_build, read_data, soup, write_data
from mkdocs.config import load_config

DATA = guideline_data.load(ROOT / "data" / "guideline.yml")


def page_for(site: Site, md_path: str) -> Path:
    stem = md_path.removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index")
    return site.page(stem)


@pytest.fixture(scope="module")
def ids_by_page(site: Site) -> dict[Path, Counter]:
    return {p: Counter(el["id"] for el in soup(p).find_all(id=True)) for p in site.pages()}


def test_every_rule_is_an_anchor_once_on_its_own_page(site: Site, ids_by_page: dict[Path, Counter]) -> None:
    sections = {s["id"]: s for s in DATA["sections"]}
    for rule in DATA["rules"]:
        home = page_for(site, sections[rule["section"]]["page"])
        where = {p: c[rule["id"]] for p, c in ids_by_page.items() if c[rule["id"]]}
        assert where == {home: 1}, f"rule {rule['id']} should be an id once, on {home}; found {where}"


def test_every_rule_text_is_on_its_page(site: Site) -> None:
    sections = {s["id"]: s for s in DATA["sections"]}
    for rule in DATA["rules"]:
        element = soup(page_for(site, sections[rule["section"]]["page"])).find(id=rule["id"])
        text = " ".join(element.select_one(".mdx-rule__text").get_text().split())
        assert text == " ".join(rule["text"].split())
        assert ("Ska" if rule["level"] == "ska" else "Bör") in element.get_text(" ")


def test_rule_anchors_are_only_rules(ids_by_page: dict[Path, Counter]) -> None:
    """Every element whose id is a rule id is that rule's article, nothing else."""
    rule_ids = {r["id"] for r in DATA["rules"]}
    for page in ids_by_page:
        for element in soup(page).find_all(id=True):
            if element["id"] in rule_ids:
                assert element.name == "article" and "mdx-rule" in element.get("class", []), (page, element["id"])


def test_rule_index_lists_every_rule_once(site: Site) -> None:
    page = soup(site.page("regler"))
    links = [a["href"] for a in page.select(".mdx-rule-index table a[href]")]
    targets = Counter(href.split("#", 1)[1] for href in links)
    assert targets == Counter(r["id"] for r in DATA["rules"])
    assert page.select_one("[data-mdx-rule-count]").get_text(strip=True).startswith(str(len(DATA["rules"])))


def test_every_internal_link_and_anchor_resolves(site: Site) -> None:
    broken = []
    for page in site.pages():
        for a in soup(page).find_all("a", href=True):
            href = a["href"]
            parts = urlsplit(href)
            if parts.scheme or href.startswith(("mailto:", "javascript:")):
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site.root)}: {href}")
            elif parts.fragment and not soup(target).find(id=unquote(parts.fragment)):
                broken.append(f"{page.relative_to(site.root)}: {href} (no such anchor)")
    assert not broken, "\n".join(broken)


def test_pages_have_swedish_language_and_a_description(site: Site) -> None:
    for page in site.pages():
        html = soup(page)
        assert html.html["lang"] == "sv", page
        description = html.find("meta", attrs={"name": "description"})
        assert description and description["content"].strip(), f"{page} has no meta description"


def test_macros_are_configured_safely() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    macros = config.plugins["macros"].config
    assert macros["render_by_default"] is False
    assert macros["on_error_fail"] is True
    assert macros["on_undefined"] == "strict"
    assert config.theme["font"] is False


HOSTILE = '<script>alert("x")</script> {{ 7*191 }} {% for x in [1, 2] %}loop{{ x }}{% endfor %} <b>fet</b>'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build where data fields and an opted-out page carry HTML and Jinja."""
    tmp = tmp_path_factory.mktemp("hostile")
    project = copy_project(tmp / "project")
    data = read_data(project)
    data["rules"][0]["text"] = f"{HOSTILE} {data['rules'][0]['level']}"  # a rule text says its level
    data["rules"][0]["rationale"] = HOSTILE
    data["roles"][0]["name"] = f"Roll {HOSTILE}"
    data["glossary"].append({"id": "hostile", "term": "hostile", "definition": HOSTILE, "forms": ["{{ 7*191 }}"]})
    write_data(project, data)
    (project / "docs" / "opt-out.md").write_text("# Utan makron\n\nHär står {{ 7*191 }} och {% if x %}.\n", "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("\nnav:\n", "\nnav:\n  - Utan makron: opt-out.md\n"), "utf-8")
    out = tmp / "out"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return out


def test_html_in_data_is_shown_as_text(hostile_site: Path) -> None:
    for page in hostile_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        assert '<script>alert("x")' not in html, page
        assert "<b>fet</b>" not in html, page
    sections = {s["id"]: s for s in DATA["sections"]}
    first = DATA["rules"][0]
    stem = sections[first["section"]]["page"].removesuffix(".md")
    html = (hostile_site / stem / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in html
    assert "&lt;b&gt;fet&lt;/b&gt;" in html


def test_jinja_in_data_is_never_evaluated(hostile_site: Path) -> None:
    for page in hostile_site.rglob("index.html"):
        text = soup(page).get_text()
        assert "1337" not in text, page
        assert "loop1" not in text, page
    sections = {s["id"]: s for s in DATA["sections"]}
    stem = sections[DATA["rules"][0]["section"]]["page"].removesuffix(".md")
    text = soup(hostile_site / stem / "index.html").get_text()
    assert "{{ 7*191 }}" in text
    assert "{% for x in [1, 2] %}" in text


def test_a_page_without_render_macros_keeps_braces_as_text(hostile_site: Path) -> None:
    text = (hostile_site / "opt-out" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"Här står \{\{ 7\*191 \}\} och \{% if x %\}", text)


def test_the_copied_search_partial_differs_from_materials_only_by_its_name() -> None:
    """overrides/partials/search.html is a copy (Material has no block for the
    dialog): after a theme update it must be copied again, or it drops changes."""
    import material

    theirs = (Path(material.__file__).parent / "templates/partials/search.html").read_text(encoding="utf-8")
    theirs = theirs.split("-#}\n", 1)[1]  # without the "generated" banner
    ours = (ROOT / "overrides/partials/search.html").read_text(encoding="utf-8").split("-#}\n", 1)[1]
    named = '<div class="md-search" data-md-component="search" role="dialog">'
    assert named in theirs, "Material changed the search dialog: copy its partial again and re-add the aria-label"
    assert ours == theirs.replace(named, named[:-1] + " aria-label=\"{{ lang.t('search') }}\">")


# --------------------------------------------------------------------------
# Sources: every kind is shown in words at each rule and explained once, on regler.md#kallor.

KIND_LABELS = {"lag": "Lag:", "vägledning": "Vägledning:", "handboken": "Handbokens råd"}


def expected_source_label(source: dict) -> str:
    guideline = DATA["guideline"]
    if source["kind"] == "lag":
        return "Tolkning av lag:" if source.get("interpretation") else "Lag:"
    if source["kind"] == "riktlinjen":
        topic = {t["id"]: t for t in guideline["topics"]}[source["topic"]]
        decision = f"{guideline['body']} {guideline['year']} {guideline['paragraph']}"
        return f"Riktlinjen ({decision}), om {' '.join(topic['title'].split())}"
    return KIND_LABELS[source["kind"]]


def test_every_source_is_shown_with_its_kind_in_words(site: Site) -> None:
    sections = {s["id"]: s for s in DATA["sections"]}
    for rule in DATA["rules"]:
        article = soup(page_for(site, sections[rule["section"]]["page"])).find(id=rule["id"])
        term = next(dt for dt in article.select(".mdx-rule__meta dt") if dt.get_text(strip=True) == "Källa")
        assert term.a is not None and term.a["href"].endswith("regler/#kallor"), rule["id"]
        shown = " ".join(term.find_next_sibling("dd").get_text(" ").split())
        for source in rule["source"]:
            label = expected_source_label(source)
            assert label in shown, f"{rule['id']}: {label!r} not in {shown!r}"
            for field in ("statute", "sfs", "eu", "reference", "document", "note"):
                if source[field]:
                    assert " ".join(str(source[field]).split()) in shown, f"{rule['id']}: {field} not shown"
        if not any(s.get("interpretation") for s in rule["source"]):
            assert "Tolkning" not in shown, rule["id"]


def test_the_kinds_topics_and_abbreviations_are_explained_on_the_rule_page(site: Site) -> None:
    page = soup(site.page("regler"))
    heading = page.find(id="kallor")
    assert heading is not None and heading.name == "h2" and "Var reglerna kommer ifrån" in heading.get_text()
    explained = page.select_one(".mdx-source-kinds")
    terms = [" ".join(dt.get_text(" ").split()) for dt in explained.select("dl dt")]
    decision = f"{DATA['guideline']['body']} {DATA['guideline']['year']} {DATA['guideline']['paragraph']}"
    for label in ("Lag", "Tolkning av lag", "Vägledning", f"Riktlinjen ({decision})", "Handbokens råd", "SFS"):
        assert label in terms, label
    text = " ".join(explained.get_text(" ").split())
    assert "ska" in text and "bör" in text and "krav som bör uppfyllas" in text
    for topic in DATA["guideline"]["topics"]:
        item = page.find(id=f"amne-{topic['id']}")
        assert item is not None and " ".join(topic["quote"].split()) in " ".join(item.get_text(" ").split())
    cited = {s["authority"] for r in DATA["rules"] for s in r["source"] if s["kind"] == "vägledning"}
    assert cited <= set(terms), f"authorities cited but not explained: {cited - set(terms)}"


def test_every_authority_the_schema_allows_has_a_name_in_the_partial() -> None:
    partial = (ROOT / "overrides" / "partials" / "source_kinds.html").read_text(encoding="utf-8")
    allowed = guideline_data.schema()["$defs"]["source"]["properties"]["authority"]["enum"]
    assert [a for a in allowed if f'"{a}":' not in partial] == []


def test_glossary_terms_in_rule_texts_have_their_tooltip(site: Site) -> None:
    """Rule texts are raw HTML, which Markdown's abbreviations never reach: the partial marks them."""
    from glossary import abbreviations

    forms = abbreviations(DATA["glossary"])
    marked = 0
    sections = {s["id"]: s for s in DATA["sections"]}
    for rule in DATA["rules"]:
        text = soup(page_for(site, sections[rule["section"]]["page"])).find(id=f"{rule['id']}-text")
        for abbr in text.find_all("abbr"):
            assert abbr["title"] == forms[abbr.get_text()], rule["id"]
            marked += 1
    assert marked >= 5, "rule texts use glossary terms, and they are marked"
