"""The handbook's content: every required part is there, glossary terms become tooltips,
pages read well with the kommun's settings unset or set, the text is easy to read (LIX),
and the proposals the board rejected appear only in the decision's history.

Run with `-s` to see the LIX figure of every page.
"""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import guideline_data
import pytest
from bs4 import NavigableString, Tag
from conftest import ROOT, Site, copy_project, is_short_link, mkdocs_build, read_data, soup, write_data
from glossary import abbreviations
from lix import MAX_LIX, MAX_MEDIAN_LIX, lix
from lix import problems as readability_problems
from lix import site_scores as lix_scores

DATA = guideline_data.load(ROOT / "data" / "guideline.yml")

# --------------------------------------------------------------------------
# Helpers


def article(path: Path) -> Tag:
    """The page's main content, without permalink symbols."""
    main = soup(path).select_one("article.md-content__inner")
    assert main is not None, f"{path} has no main content"
    for link in main.select(".headerlink"):
        link.decompose()
    return main


def text_of(element: Tag) -> str:
    return " ".join(element.get_text(" ").split())


def page_name(site: Site, path: Path) -> str:
    name = path.parent.relative_to(site.root).as_posix()
    return "(startsida)" if name == "." else name


def headings(main: Tag) -> dict[str, str]:
    """Heading text -> id, for h1–h3 (inline elements such as a tooltip's <abbr> joined without a space)."""
    return {" ".join(h.get_text().split()): h.get("id", "") for h in main.find_all(["h1", "h2", "h3"])}


# --------------------------------------------------------------------------
# (a) Coverage: every part the decision says the guideline covers is a page,
# with the headings and terms a reader looks for.

REQUIRED: dict[str, dict[str, list[str]]] = {
    "": {
        "headings": ["Handbok: Riktlinje för sociala medier", "Hitta rätt"],
        "terms": ["hela kommunorganisationen", "Ska", "Bör"],
    },
    "om-riktlinjen": {
        "headings": ["Om riktlinjen", "Varför kommunen finns i sociala medier", "Vad riktlinjen är till för"],
        "terms": ["Facebook", "Instagram", "Linkedin", "kommunorganisationen", "komplement", "webbplats"],
    },
    "kommunikation": {
        "headings": [
            "Kommunikation i sociala medier",
            "Målen med det kommunen publicerar",
            "Tilltal",
            "Format som passar",
        ],
        "terms": ["så många som möjligt i en målgrupp", "kris", "Facebook", "Instagram", "Linkedin"],
    },
    "lagar": {
        "headings": ["Lagar och regler"],
        "terms": ["allmänna handlingar", "uppsikt", "dataskyddsförordningen", "opartiskhet"],
    },
    "lagar/offentlighet": {
        "headings": ["Offentlighetsprincipen och allmänna handlingar", "Vad lagen säger"],
        "terms": ["tryckfrihetsförordningen (1949:105)", "2 kap. 4 §", "2 kap. 9 §", "2 kap. 10 §", "inkommen"],
    },
    "lagar/registrering": {
        "headings": ["Registrering av allmänna handlingar", "Vad lagen säger"],
        "terms": ["offentlighets- och sekretesslagen (2009:400)", "5 kap. 1 §", "hållas ordnade", "sekretess"],
    },
    "lagar/arkiv": {
        "headings": ["Arkivering och gallring", "Gallring kräver stöd i ett beslut"],
        "terms": ["arkivlagen (1990:782)", "arkivmyndighet", "dokumenthanteringsplan", "kopia"],
    },
    "lagar/anslagstavlor": {
        "headings": ["Lagen om elektroniska anslagstavlor", "Vad lagen inte säger"],
        "terms": ["(1998:112)", "(3 §)", "(4 §)", "(5 §)", "uppsikt", "hets mot folkgrupp"],
    },
    "lagar/dataskydd": {
        "headings": ["Dataskydd och personuppgifter", "Vad lagen säger"],
        "terms": [
            "dataskyddslagen (2018:218)",
            "artikel 6.1 e",
            "C-210/16",
            "artikel 13 och 14",
            "artikel 9",
            "Barn",
            "samtycke",
        ],
    },
    "lagar/saklighet": {
        "headings": ["Saklighet och opartiskhet", "Dölja, ta bort och blockera", "Det du skriver privat"],
        "terms": ["regeringsformen 1 kap. 9 §", "förvaltningslagen 5 §", "kommentarsregler"],
    },
    "lagar/upphovsratt": {
        "headings": ["Upphovsrätt och bilder på personer", "Upphovsrätt", "Bilder på personer"],
        "terms": ["upphovsrättslagen (1960:729)", "personuppgift"],
    },
    "lagar/tillganglighet": {
        "headings": ["Tillgänglighet"],
        "terms": ["(2018:1937)", "så långt det är möjligt", "alternativ text", "undertexter", "webbplats"],
    },
    "roller": {
        "headings": ["Roller och ansvar", "Regler för alla medarbetare"],
        "terms": [role["name"] for role in DATA["roles"]],
    },
    "konto": {
        "headings": ["Ha ett konto"],
        "terms": ["Starta ett konto", "Driva ett konto", "Avsluta ett konto"],
    },
    "konto/starta": {
        "headings": ["Starta ett konto", "Det här står i kontots beskrivning"],
        "terms": ["syfte", "målgrupp", "kommentarsregler", "godkänt", "arkiv", "registrering", "personuppgifter"],
    },
    "konto/driva": {
        "headings": ["Driva ett konto", "Uppsikt", "Registrera och arkivera", "Se över kontot"],
        "terms": ["syfte"],
    },
    "konto/avsluta": {
        "headings": ["Avsluta ett konto"],
        "terms": ["Arkivera", "följarna", "kommunikationsfunktionen"],
    },
    "inlagg-och-kommentarer": {
        "headings": ["Inlägg och kommentarer", "4.4 Oetiska inlägg", "4.5 Diarieföring"],
        "terms": ["registrator", "Kritik mot kommunen"],
    },
    "inlagg/svara-situationer": {
        "headings": [
            "Svåra situationer",
            "Hot och hat",
            "Någon verkar vilja skada sig själv",
            "Någon begär ut en allmän handling",
            "En politiker kommenterar",
            "En journalist frågar i kommentarerna",
            "Vid en kris",
        ],
        "terms": ["112", "1177", "registrator", "regeringsformen 1 kap. 9 §", "arbetsmiljölagen", "VMA"],
    },
    "inlagg/fardiga-texter": {
        "headings": ["Färdiga texter", "Kommentarsregler", "Kontots beskrivning"],
        "terms": ["hakparentes"],
    },
    "beslut": {
        "headings": ["Beslut och historik", "Protokollsanteckning"],
        "terms": [
            "§ 55",
            "2022.277 KS",
            "1 november 2010, § 246",
            "10 november 2022",
            "22 mars 2023, § 47",
            "Heidi Hankanen Ängberg (C)",
            "upphävs",
            "antas",
        ],
    },
    "ordlista": {"headings": ["Ordlista"], "terms": []},
    "regler": {"headings": ["Alla regler"], "terms": []},
}


@pytest.mark.parametrize("url_path", sorted(REQUIRED))
def test_required_page_has_its_headings_and_terms(site: Site, url_path: str) -> None:
    path = site.page(url_path)
    assert path.exists(), f"the page /{url_path} is missing"
    main = article(path)
    found = headings(main)
    text = text_of(main)
    missing_headings = [h for h in REQUIRED[url_path]["headings"] if h not in found]
    missing_terms = [t for t in REQUIRED[url_path]["terms"] if t not in text]
    assert not missing_headings, f"/{url_path}: headings missing: {missing_headings}"
    assert not missing_terms, f"/{url_path}: terms missing: {missing_terms}"


def test_adopted_document_numbers_are_exact(site: Site) -> None:
    """Staff know 4.4 and 4.5 from the adopted document: exact numbers, titles and anchors.

    The numbering is the adopted document's; the text under it is the handbook's, and says so."""
    main = article(site.page("inlagg-och-kommentarer"))
    found = headings(main)
    assert found.get("4.4 Oetiska inlägg") == "oetiska-inlagg"
    assert found.get("4.5 Diarieföring") == "diarieforing"
    for anchor in ("oetiska-inlagg", "diarieforing"):
        note = text_of(main.find(id=anchor).find_next("p"))
        assert note == "Rubriken och numret kommer från det antagna dokumentet. Texten nedan är handbokens förklaring."


# --------------------------------------------------------------------------
# The handbook says what it is: an explanation written from the decision and
# the law, not the adopted document, which prevails where they differ.

NOTICE_PAGES = ("", "om-riktlinjen")


def notice(root: Path, url_path: str) -> Tag:
    main = article(root / url_path / "index.html")
    box = main.select_one(".admonition.mdx-handbook-notice")
    assert box is not None, f"/{url_path}: no notice that this is a handbook"
    return box


@pytest.mark.parametrize("url_path", NOTICE_PAGES)
def test_the_handbook_says_it_is_not_the_adopted_document(site: Site, url_path: str) -> None:
    text = text_of(notice(site.root, url_path))
    assert "inte det antagna dokumentet" in text
    assert "beslut" in text and "lagarna" in text, "says what it is written from"
    assert "gäller det antagna dokumentet" in text, "says which text prevails"


def test_the_notice_links_the_adopted_document_only_when_configured(unset_site: Path, set_site: Path) -> None:
    url = TEST_SETTINGS["adopted_document_url"]
    for url_path in NOTICE_PAGES:
        assert notice(unset_site, url_path).select_one("a[href]") is None, url_path
        assert notice(set_site, url_path).select_one(f'a[href="{url}"]') is not None, url_path


def test_the_site_is_named_a_handbook() -> None:
    from mkdocs.config import load_config

    assert load_config(str(ROOT / "mkdocs.yml")).site_name.startswith("Handbok")


# --------------------------------------------------------------------------
# Everyday cases: the handbook's advice, marked as such, never a rule of the guideline.

ADVICE_TITLE = "Handbokens råd – inte en regel i riktlinjen"


def test_every_case_is_marked_as_the_handbooks_advice(site: Site) -> None:
    main = article(site.page("inlagg/svara-situationer"))
    assert not main.select(".mdx-rule, .mdx-rules"), "the cases page shows no rules of the guideline"
    cases = main.find_all("h2")
    assert len(cases) >= 6
    for case in cases:
        advice = case.find_next(class_="admonition")
        following = case.find_next("h2")
        assert advice is not None and "mdx-handbook-advice" in advice["class"], text_of(case)
        assert following is None or advice.sourceline < following.sourceline, f"{text_of(case)}: no advice box"
        assert text_of(advice.select_one(".admonition-title")) == ADVICE_TITLE
        # The advice never speaks with the guideline's authority.
        body = text_of(advice).removeprefix(ADVICE_TITLE)
        assert not re.search(r"\bska\b", body, re.IGNORECASE), f"{text_of(case)}: 'ska' in advice: {body}"


def test_no_other_section_numbers_of_the_adopted_document(site: Site) -> None:
    """We know only 4.4 and 4.5; any other 'N.N' looking like a section number is invented."""
    allowed = {"4.4", "4.5", "6.1", "2.1"}  # 6.1 e: the GDPR article; 2.1: WCAG 2.1
    for path in site.pages():
        main = article(path)
        for el in main.select(".mdx-rules, .mdx-rule-index, .mdx-roles"):
            el.decompose()
        numbers = set(re.findall(r"(?<![\d.:/-])\d\.\d{1,2}(?![\d.]\d)", text_of(main)))
        assert numbers <= allowed, f"{page_name(site, path)}: unknown section numbers {numbers - allowed}"


COMMON_MISTAKES = {
    r"2 kap\. 6[–-]7": "old TF numbering: inkommen/upprättad are 2 kap. 9–10 §§",
    r"2 kap\. 6 och 7": "old TF numbering: inkommen/upprättad are 2 kap. 9–10 §§",
    r"\bPUL\b|personuppgiftslagen": "PUL was replaced by GDPR in 2018",
    r"\bMSB\b|Myndigheten för samhällsskydd": "MSB is now Myndigheten för civilt försvar",
    r"Datainspektionen": "Datainspektionen is now IMY; its PUL-era pages are outdated",
    r"13 år.{0,40}bild|bild.{0,40}13 år(?!.{0,80}gäller bara)": "no 13-year rule for photos",
    r"Facebook är (vårt|kommunens) arkiv": "the platform is no archive",
}


def test_pages_avoid_the_common_legal_mistakes(site: Site) -> None:
    problems = []
    for path in site.pages():
        text = text_of(article(path))
        for pattern, why in COMMON_MISTAKES.items():
            if re.search(pattern, text):
                problems.append(f"{page_name(site, path)}: {why}")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------
# (b) Glossary: every term on the glossary page with its id as anchor, and
# every use of a term in prose has a tooltip (<abbr title=...>).

# Generated from the data file (raw HTML): the abbreviation extension never runs there.
GENERATED = ", ".join(
    (
        ".mdx-rules",
        ".mdx-rule-index",
        ".mdx-roles",
        ".mdx-glossary",
        ".mdx-accounts",
        ".mdx-checklist",
        ".mdx-recurring",
        ".mdx-registration",
        ".mdx-task-list",
        ".mdx-data-reference",
        ".mdx-source-kinds",
        # The guide's role names, rule references and cited rules: the rules' metadata, as in .mdx-rules.
        ".mdx-guide__meta",
        ".mdx-guide__rules",
        "pre",
        "code",
    )
)


def glossary_forms() -> dict[str, str]:
    """Every form that gets a tooltip -> its definition."""
    return abbreviations(DATA["glossary"])


def test_glossary_page_lists_every_term_with_its_anchor(site: Site) -> None:
    main = article(site.page("ordlista"))
    terms = {dt["id"]: text_of(dt) for dt in main.select("dl.mdx-glossary dt[id]")}
    expected = {entry["id"]: entry["term"] for entry in DATA["glossary"]}
    assert terms == expected
    assert len(DATA["glossary"]) >= 15, "the glossary explains the legal and platform terms"


def test_every_glossary_term_is_explained_where_it_is_used(site: Site) -> None:
    forms = glossary_forms()
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")(?!\w)"
    )
    untipped, wrong_title, used = [], [], set()
    for path in site.pages():
        main = article(path)
        for el in main.select(GENERATED):
            el.decompose()
        for abbr in main.find_all("abbr"):
            word = abbr.get_text()
            used.add(forms.get(word, ""))
            if abbr.get("title") != forms.get(word):
                wrong_title.append(f"{page_name(site, path)}: {word!r}")
        for node in main.find_all(string=True):
            if isinstance(node, NavigableString) and node.find_parent("abbr") is None:
                # Whitespace normalised: a term broken over two source lines gets no tooltip.
                for match in pattern.finditer(" ".join(str(node).split())):
                    untipped.append(f"{page_name(site, path)}: {match.group(0)!r}")
    assert not wrong_title, f"tooltips with the wrong definition: {wrong_title}"
    assert not untipped, f"glossary terms without a tooltip: {untipped}"
    unused = [e["term"] for e in DATA["glossary"] if " ".join(e["definition"].split()) not in used]
    assert not unused, f"glossary terms no page uses: {unused}"


# --------------------------------------------------------------------------
# (c) The kommun's settings: every page reads well with nothing configured,
# and configured values show up.

UNSET = {"communications_contact": None, "registration_recipient": None, "adopted_document_url": None}
TEST_SETTINGS = {
    "communications_contact": "https://intranat.test/kommunikation",
    "registration_recipient": "https://etjanst.test/anmal-konto",
    "adopted_document_url": "https://intranat.test/riktlinje-sociala-medier.pdf",
    "official_accounts": [
        {
            "platform": "Facebook",
            "name": "Testkontot Alingsås",
            "url": "https://konto.test/testkontot",
            "unit": "Testenheten",
        }
    ],
}
PLACEHOLDERS = re.compile(
    r"\bTODO\b|\bTBD\b|\bFIXME\b|\bXXX\b|\bnull\b|\bNone\b|exempel\.se|@|\[[^\]]*\]|\{\{|\}\}|\{%|%\}|<[a-z/]|lorem",
    re.IGNORECASE,
)


def build_with(tmp_path: Path, settings: dict) -> Path:
    project = copy_project(tmp_path / "project")
    data = read_data(project)
    data["settings"] = settings
    write_data(project, data)
    out = tmp_path / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def unset_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_with(tmp_path_factory.mktemp("unset"), {**UNSET, "official_accounts": []})


@pytest.fixture(scope="module")
def set_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_with(tmp_path_factory.mktemp("set"), TEST_SETTINGS)


def content_pages(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("index.html")
        if not p.parent.name.startswith(("search", "assets")) and not is_short_link(root, p)
    )


def placeholder_problems(root: Path) -> list[str]:
    problems = []
    for path in content_pages(root):
        main = article(path)
        for sample in main.select("pre, code"):  # code samples (the editor guide) are not prose
            sample.decompose()
        for match in PLACEHOLDERS.finditer(text_of(main)):
            problems.append(f"{path.parent.relative_to(root)}: {match.group(0)!r}")
    return problems


def test_pages_read_well_with_settings_unset(unset_site: Path) -> None:
    assert not placeholder_problems(unset_site)
    beslut = article(unset_site / "beslut" / "index.html")
    assert "Det antagna dokumentet" not in text_of(beslut), "no link to a document that is not configured"
    handin = text_of(article(unset_site / "checklistor" / "starta-konto" / "index.html").select_one(".mdx-handin"))
    assert "lämna den till kommunikationsfunktionen." in handin, handin
    accounts = text_of(article(unset_site / "om-riktlinjen" / "index.html"))
    assert "Kommunikationsfunktionen har förteckningen över kommunens officiella konton." in accounts


def test_pages_show_the_settings_when_set(set_site: Path) -> None:
    assert not placeholder_problems(set_site)
    start = soup(set_site / "index.html")
    assert start.select_one(f'article a[href="{TEST_SETTINGS["communications_contact"]}"]') is not None
    beslut = soup(set_site / "beslut" / "index.html")
    link = beslut.select_one(f'article a[href="{TEST_SETTINGS["adopted_document_url"]}"]')
    assert link is not None and text_of(link) == "Det antagna dokumentet"
    handin = article(set_site / "checklistor" / "starta-konto" / "index.html").select_one(".mdx-handin")
    link = handin.select_one(f'a[href="{TEST_SETTINGS["registration_recipient"]}"]')
    assert link is not None and text_of(link) == "Gå till e-tjänsten"
    for page in ("om-riktlinjen", "lagar/offentlighet"):
        account = soup(set_site / page / "index.html").select_one('article a[href="https://konto.test/testkontot"]')
        assert account is not None and text_of(account) == "Testkontot Alingsås", page


def test_placeholder_check_catches_leftovers(tmp_path: Path) -> None:
    """The check above is only worth something if it finds a leftover."""
    page = tmp_path / "x" / "index.html"
    page.parent.mkdir()
    for leftover in ("TODO", "None", "info@exempel.se", "[kontaktuppgift]", "{{ contact }}"):
        page.write_text(f'<article class="md-content__inner"><p>Kontakta {leftover}.</p></article>', "utf-8")
        assert placeholder_problems(tmp_path), leftover


# --------------------------------------------------------------------------
# (d) Readability: LIX per page, as hooks/lix.py defines it (make check runs it too).


def test_lix_is_computed_as_defined() -> None:
    # 5 words, 2 sentences, 3 words longer than six letters: 5/2 + 100·3/5 = 62.5.
    assert lix(["Kommunen skriver enkelt. Alla förstår."]) == pytest.approx(62.5)
    # "2 kap. 4 §" does not end a sentence; a colon does. 6 words, 2 sentences, none long.
    assert lix(["Se 2 kap. 4 § i lagen: den gäller."]) == pytest.approx(3.0)
    # A heading without a full stop is a sentence of its own.
    assert lix(["Vad lagen säger", "Den gäller."]) == pytest.approx(5 / 2)


def test_every_page_is_easy_to_read(site: Site) -> None:
    scores = lix_scores(site.root)
    assert set(scores) == {page_name(site, p) for p in site.pages()}, "every page is measured"
    width = max(map(len, scores))
    print("\nLIX per sida")
    for name, score in sorted(scores.items(), key=lambda kv: kv[1], reverse=True):
        print(f"  {name:<{width}}  {score:5.1f}")
    print(f"  {'median':<{width}}  {statistics.median(scores.values()):5.1f}")
    assert not readability_problems(scores)


def test_readability_problems_name_the_page_and_the_limit() -> None:
    found = readability_problems({"lagar/arkiv": MAX_LIX + 5.2, "ordlista": 20.0, "roller": 20.0})
    assert found == [
        f"lagar/arkiv: LIX {MAX_LIX + 5}, gränsen är {MAX_LIX}. Korta meningarna och byt långa ord mot kortare."
    ]
    assert readability_problems({"a": MAX_MEDIAN_LIX + 1, "b": MAX_MEDIAN_LIX + 1}) == [
        f"Medianen för alla sidor är LIX {MAX_MEDIAN_LIX + 1}, gränsen är {MAX_MEDIAN_LIX}."
    ]


# --------------------------------------------------------------------------
# (e) The proposals the board rejected are history, not guideline: they appear
# on the decision page, and elsewhere only in a box that says the board rejected
# them (the cases page says there is no duty to report to the police).

REJECTED = ("sexistisk", "nödrop", "suicid")
REJECTED_PATTERNS = (*REJECTED, r"anmäl\w*\s+till\s+polisen")


def rejected_hits(text: str) -> list[str]:
    return [p for p in REJECTED_PATTERNS if re.search(p, text.lower())]


def test_rejected_proposals_appear_only_on_the_decision_page(site: Site) -> None:
    beslut = site.page("beslut")
    found_on = {}
    for path in site.pages():
        main = article(path)
        if path != beslut:
            for box in main.select(".mdx-rejected"):
                text = text_of(box)
                assert "avslog" in text and box.select_one('a[href*="beslut/#forslag-som-fick-avslag"]'), text
                box.decompose()
        hits = rejected_hits(text_of(main))
        if hits:
            found_on[page_name(site, path)] = hits
    decision = page_name(site, beslut)
    assert found_on.get(decision) == list(REJECTED_PATTERNS), "the decision page reports the rejected proposals"
    assert set(found_on) == {decision}, f"rejected proposals outside the decision page: {found_on}"


def test_rejected_check_catches_a_police_duty_presented_as_a_rule() -> None:
    assert rejected_hits("Brottsligt material ska anmälas till polisen.")
    assert rejected_hits("Hot anmäls till polisen av kontoansvarig.")
    assert not rejected_hits("Chefen avgör om kommunen gör en polisanmälan.")


def test_the_only_person_named_is_named_only_in_the_decision(site: Site) -> None:
    """The decision names one member; the handbook names nobody else, anywhere else."""
    pages = {page_name(site, p) for p in site.pages() if "Hankanen" in text_of(article(p))}
    assert pages == {page_name(site, site.page("beslut"))}


def test_rejected_proposals_are_not_in_the_data_file() -> None:
    text = (ROOT / "data" / "guideline.yml").read_text(encoding="utf-8").lower()
    assert not [word for word in REJECTED if word in text]
