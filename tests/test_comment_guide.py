"""Hantera en kommentar: the guide's graph checks in the data file, its outline in the
built page, its links from the rules, and the guide in Chromium (keyboard, URL, back
button, reload, print, copy, no JavaScript, axe in both palettes)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import comment_guide
import guideline_data
import pytest
from browser import (
    PALETTES,
    assert_palette,
    axe_violations,
    focus_ring_problem,
    palette_context,
    tab_to,
    watch,
)
from conftest import ROOT, Site, soup
from test_data import check, minimal

DATA = guideline_data.load(ROOT / "data" / "guideline.yml")
GUIDE = DATA["comment_guide"]
PAGE = "inlagg/hantera-kommentar/"
QUESTIONS = {q["id"]: q for q in GUIDE["questions"]}
OUTCOMES = {o["id"]: o for o in GUIDE["outcomes"]}

# --------------------------------------------------------------------------
# The graph checks, on a small guide added to the minimal data file.

GUIDE_FIXTURE = """\
comment_guide:
  title: Hantera en kommentar
  page: index.md
  start: fraga-ett
  questions:
    - id: fraga-ett
      text: Vad gäller det?
      answers:
        - text: En fråga
          next: fraga-tva
        - text: Något annat
          next: utfall-svara
    - id: fraga-tva
      text: Är det bråttom?
      answers:
        - text: Ja
          next: utfall-svara
        - text: Nej
          next: utfall-vanta
  outcomes:
    - id: utfall-svara
      title: Svara
      summary: Svara snabbt.
      steps:
        - action: svara
          text: Svara.
          roles: [kontoansvarig]
          rules: [svara-snabbt]
    - id: utfall-vanta
      title: Vänta
      summary: Vänta lite.
      steps:
        - action: svara
          text: Svara i morgon.
          roles: [kontoansvarig]
      dont:
        - text: Glöm inte.
          rules: [syfte-skriftligt]
"""


def with_guide(old: str = "", new: str = "", nth: int = 1) -> str:
    """The minimal data file with the fixture guide, `old` replaced by `new` (its nth occurrence)."""
    guide = GUIDE_FIXTURE
    if old:
        assert guide.count(old) >= nth, f"fixture has no {old!r}"
        at = -1
        for _ in range(nth):
            at = guide.index(old, at + 1)
        guide = guide[:at] + new + guide[at + len(old) :]
    return minimal() + guide


def line_of(text: str, needle: str, nth: int = 1) -> int:
    """The 1-based line of the nth occurrence of `needle` in `text`."""
    at = -1
    for _ in range(nth):
        at = text.index(needle, at + 1)
    return text[:at].count("\n") + 1


def report_lines(tmp_path: Path, content: str) -> list[str]:
    result = check(tmp_path, content)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr, result.stderr
    return [line.strip() for line in result.stderr.splitlines()]


def test_fixture_guide_is_valid(tmp_path: Path) -> None:
    result = check(tmp_path, with_guide())
    assert result.returncode == 0, result.stderr


Q2 = "comment_guide › questions › nr 2 (fraga-tva)"
Q1 = "comment_guide › questions › nr 1 (fraga-ett)"
O1 = "comment_guide › outcomes › nr 1 (utfall-svara)"
O2 = "comment_guide › outcomes › nr 2 (utfall-vanta)"

# (case, old, new, nth occurrence, needle for the line in the new file (nth), field, message)
GRAPH_CASES = [
    (
        "answer-leads-nowhere",
        "next: utfall-vanta",
        "next: utfall-vantar",
        1,
        ("next: utfall-vantar", 1),
        f"{Q2} › answers › nr 2 › next",
        "Svaret leder till 'utfall-vantar', men det finns ingen fråga eller inget utfall med det id:t. "
        "Kontrollera stavningen, eller lägg till frågan eller utfallet.",
    ),
    (
        "question-nobody-reaches",
        "  outcomes:\n",
        "    - id: fraga-tre\n      text: Glömd?\n      answers:\n        - text: Ja\n          next: utfall-svara\n"
        "        - text: Nej\n          next: utfall-vanta\n  outcomes:\n",
        1,
        ("- id: fraga-tre", 1),
        "comment_guide › questions › nr 3 (fraga-tre) › id",
        "Inget svar leder till frågan 'fraga-tre', så ingen kan komma dit från början av guiden (fraga-ett). "
        "Låt ett svar leda hit (next: fraga-tre), eller ta bort frågan.",
    ),
    (
        "outcome-nobody-reaches",
        "next: utfall-vanta",
        "next: utfall-svara",
        1,
        ("- id: utfall-vanta", 1),
        f"{O2} › id",
        "Inget svar leder till utfallet 'utfall-vanta', så ingen kan komma dit från början av guiden "
        "(fraga-ett). Låt ett svar leda hit (next: utfall-vanta), eller ta bort utfallet.",
    ),
    (
        "cycle",
        "        - text: Ja\n          next: utfall-svara\n",
        "        - text: Ja\n          next: fraga-ett\n",
        1,
        ("next: fraga-ett", 1),
        f"{Q2} › answers › nr 1 › next",
        "Svaret leder tillbaka till en fråga som redan har ställts, så vägen går runt i en cirkel: "
        "fraga-ett → fraga-tva → fraga-ett. Låt svaret leda till en ny fråga eller till ett utfall.",
    ),
    (
        "path-that-ends-in-a-question",
        "      text: Är det bråttom?\n      answers:\n        - text: Ja\n          next: utfall-svara\n"
        "        - text: Nej\n          next: utfall-vanta\n",
        "      text: Är det bråttom?\n      answers: []\n",
        1,
        ("answers: []", 1),
        f"{Q2} › answers",
        "Frågan har inga svar, så vägen tar slut här. Ge den minst två svar som leder till en fråga eller ett "
        "utfall (answers, med text och next).",
    ),
    (
        "question-with-one-answer",
        "        - text: Nej\n          next: utfall-vanta\n",
        "",
        1,
        ("      answers:\n", 2),
        f"{Q2} › answers",
        "Frågan har bara ett svar, så vägen tar slut här. Ge den minst två svar som leder till en fråga eller "
        "ett utfall (answers, med text och next).",
    ),
    (
        "two-answers-to-one-step",
        "next: utfall-vanta",
        "next: utfall-svara",
        1,
        ("next: utfall-svara", 3),
        f"{Q2} › answers › nr 2 › next",
        "Svar nr 1 leder redan till 'utfall-svara'. Två svar på samma fråga får inte leda till samma ställe. "
        "Slå ihop dem till ett svar.",
    ),
    (
        "answer-to-its-own-question",
        "next: utfall-vanta",
        "next: fraga-tva",
        1,
        ("next: fraga-tva", 2),
        f"{Q2} › answers › nr 2 › next",
        "Svaret leder tillbaka till samma fråga. Låt det leda vidare.",
    ),
    (
        "start-is-an-outcome",
        "start: fraga-ett",
        "start: utfall-svara",
        1,
        ("start: utfall-svara", 1),
        "comment_guide › start",
        "Guiden börjar med 'utfall-svara', som är ett utfall. Guiden ska börja med en fråga.",
    ),
    (
        "start-unknown",
        "start: fraga-ett",
        "start: fraga-noll",
        1,
        ("start: fraga-noll", 1),
        "comment_guide › start",
        "Frågan 'fraga-noll' finns inte. Det finns: fraga-ett, fraga-tva.",
    ),
    (
        "duplicate-step-id",
        "- id: utfall-vanta",
        "- id: fraga-tva",
        1,
        ("- id: fraga-tva", 2),
        "comment_guide › outcomes › nr 2 (fraga-tva) › id",
        "Id 'fraga-tva' används redan av en annan fråga eller ett annat utfall i guiden (rad {first}). "
        "Varje id måste vara unikt.",
    ),
    (
        "step-id-is-a-rule-id",
        "- id: utfall-vanta",
        "- id: svara-snabbt",
        1,
        ("- id: svara-snabbt", 2),
        "comment_guide › outcomes › nr 2 (svara-snabbt) › id",
        "Id 'svara-snabbt' är redan id för en regel. Ge utfall ett eget id.",
    ),
    (
        "unknown-rule",
        "rules: [svara-snabbt]",
        "rules: [svara-snabt]",
        1,
        ("rules: [svara-snabt]", 1),
        f"{O1} › steps › nr 1 › rules › nr 1",
        "Regeln 'svara-snabt' finns inte. Kontrollera stavningen.",
    ),
    (
        "unknown-rule-in-dont",
        "rules: [syfte-skriftligt]",
        "rules: [syfte]",
        1,
        ("rules: [syfte]", 1),
        f"{O2} › dont › nr 1 › rules › nr 1",
        "Regeln 'syfte' finns inte. Kontrollera stavningen.",
    ),
    (
        "unknown-role",
        "          roles: [kontoansvarig]\n      dont:",
        "          roles: [redaktor]\n      dont:",
        1,
        ("roles: [redaktor]", 1),
        f"{O2} › steps › nr 1 › roles › nr 1",
        "Rollen 'redaktor' finns inte. Det finns: ansvarig-chef, kontoansvarig.",
    ),
    (
        "unknown-action",
        "action: svara",
        "action: svar",
        1,
        ("action: svar\n", 1),
        f"{O1} › steps › nr 1 › action",
        "Värdet 'svar' är inte tillåtet. Tillåtna värden: larma, svara, hanvisa, lat-sta-kvar, dolj, ta-bort, "
        "spara-kopia, skriv-ner, registrera, arkivera, beratta, fraga, lamna-vidare, hjalp-till.",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "nth", "where", "field", "message"),
    [case[1:] for case in GRAPH_CASES],
    ids=[case[0] for case in GRAPH_CASES],
)
def test_a_broken_guide_is_reported_with_file_line_and_field(
    tmp_path: Path, old: str, new: str, nth: int, where: tuple[str, int], field: str, message: str
) -> None:
    content = with_guide(old, new, nth)
    line = line_of(content, *where)  # the nth occurrence of the needle in the whole file
    message = message.replace("{first}", str(line_of(content, "- id: fraga-tva")))
    expected = f"- {tmp_path / 'guideline.yml'}:{line} [{field}]: {message}"
    lines = report_lines(tmp_path, content)
    assert expected in lines, "\n".join(lines)


def test_the_guide_is_optional(tmp_path: Path) -> None:
    """A data file without comment_guide: is valid (the minimal fixture has none)."""
    assert "comment_guide" not in minimal()
    assert check(tmp_path, minimal()).returncode == 0


def test_make_check_names_a_missing_guide_page(tmp_path: Path) -> None:
    path = tmp_path / "guideline.yml"
    path.write_text(with_guide("page: index.md", "page: inlagg/finns-inte.md"), encoding="utf-8")
    found = guideline_data.page_problems(path, {"index.md"})
    text = path.read_text(encoding="utf-8")
    assert [str(p) for p in found] == [
        f"{path}:{line_of(text, 'page: inlagg/finns-inte.md')} [comment_guide › page]: Sidan inlagg/finns-inte.md "
        "finns inte i docs/. Skriv sökvägen till en befintlig sida."
    ]


# --------------------------------------------------------------------------
# The real guide: what the issue asks it to cover, and where it leads.

PATHS = comment_guide.paths(GUIDE)


def test_every_question_and_outcome_is_reached_and_every_path_ends_in_an_outcome() -> None:
    reached = {step for path in PATHS for step in path}
    assert reached == set(QUESTIONS) | set(OUTCOMES)
    assert all(path[-1] in OUTCOMES for path in PATHS)
    assert all(path[0] == GUIDE["start"] for path in PATHS)


# The situations issue 9 names, each with the outcome that handles it.
COVERED = {
    "the writer's own case": "eget-arende",
    "criticism of the kommun or a decision": "kritik",
    "content the law makes the kommun remove (BBS-lagen 5 §)": "olagligt-innehall",
    "personal or sensitive data": "kansliga-uppgifter",
    "sekretess": "sekretess",
    "threats or hate against staff": "hot-eller-hat",
    "signs that someone may harm themselves": "skada-sig",
    "spam and advertising": "reklam",
    "off-topic": "utanfor-amnet",
    "a comment that adds facts to an ärende": "tillfor-arende",
    "a request for an allmän handling": "allman-handling",
    "a direct message": "meddelande-arende",
    "a message to one's private account": "privat-konto",
}


@pytest.mark.parametrize(("situation", "outcome"), COVERED.items(), ids=list(COVERED))
def test_the_guide_covers(situation: str, outcome: str) -> None:
    assert outcome in OUTCOMES
    assert any(path[-1] == outcome for path in PATHS), f"no path leads to {outcome}"


def test_the_law_that_makes_the_kommun_remove_is_cited_where_it_applies() -> None:
    for outcome in ("olagligt-innehall", "hot-eller-hat"):
        assert "bbs-ta-bort" in comment_guide.cited_rules(OUTCOMES[outcome])
    rule = next(r for r in DATA["rules"] if r["id"] == "bbs-ta-bort")
    assert any(s.get("reference") == "5 §" for s in rule["source"])


def test_advice_never_speaks_with_the_guidelines_authority() -> None:
    """A step or a don't without rules is the handbook's advice: it never says 'ska'."""
    for outcome in GUIDE["outcomes"]:
        for item in [*outcome["steps"], *outcome["dont"]]:
            if not item["rules"]:
                assert not re.search(r"\bska\b", item["text"], re.IGNORECASE), f"{outcome['id']}: {item['text']}"


# --------------------------------------------------------------------------
# The built page: a complete outline with stable anchors; the rules link back.


def test_the_outline_has_every_step_with_its_anchor_and_every_answer_links_on(site: Site) -> None:
    page = soup(site.page(PAGE))
    guide = page.select_one("[data-mdx-component='comment-guide']")
    assert guide is not None and guide["data-mdx-start"] == GUIDE["start"]
    for question in GUIDE["questions"]:
        heading = page.find(id=question["id"])
        assert heading is not None and heading.name == "h3", question["id"]
        links = heading.find_parent("section").select("a.mdx-guide__answer")
        assert [(" ".join(a.get_text().split()), a["href"]) for a in links] == [
            (a["text"], f"#{a['next']}") for a in question["answers"]
        ]
    for outcome in GUIDE["outcomes"]:
        heading = page.find(id=outcome["id"])
        assert heading is not None and heading.name == "h3", outcome["id"]
        section = heading.find_parent("section")
        assert len(section.select("[data-mdx-guide-do] > li")) == len(outcome["steps"])
        cited = comment_guide.cited_rules(outcome)
        assert [li["data-mdx-rule"] for li in section.select("[data-mdx-guide-rules] > li")] == cited
        # A step without rules says that it is the handbook's advice.
        for item, li in zip(outcome["steps"], section.select("[data-mdx-guide-do] > li"), strict=True):
            basis = li.select_one(".mdx-guide__basis").get_text(" ", strip=True)
            if item["rules"]:
                assert [a["data-mdx-rule"] for a in li.select("a.mdx-guide__rule-ref")] == item["rules"]
            else:
                assert basis == "Handbokens råd"


def test_every_rule_an_outcome_cites_links_back_to_the_outcome(site: Site) -> None:
    by_rule = comment_guide.outcomes_by_rule(GUIDE)
    sections = {s["id"]: s for s in DATA["sections"]}
    for rule in DATA["rules"]:
        page_path = sections[rule["section"]]["page"].removesuffix(".md").removesuffix("index")
        article = soup(site.page(page_path)).find(id=rule["id"])
        see_also = article.select_one(".mdx-rule__see-also")
        if rule["id"] not in by_rule:
            assert see_also is None, rule["id"]
            continue
        assert see_also is not None, rule["id"]
        assert see_also.find_previous_sibling("dt").get_text(strip=True) == "Se också"
        assert see_also.get_text(" ", strip=True).startswith(f"{GUIDE['title']}:")
        hrefs = [a["href"] for a in see_also.select("a")]
        assert [h.rsplit("#", 1)[1] for h in hrefs] == [o["id"] for o in by_rule[rule["id"]]]
        assert all(h.split("#")[0].endswith("hantera-kommentar/") and not h.startswith("/") for h in hrefs)


# --------------------------------------------------------------------------
# In Chromium.

# Three paths through the guide, as the answers a reader picks.
WALKS = {
    "longest: criticism that follows the rules": [
        ("fraga-fara", "fraga-kanal"),
        ("fraga-kanal", "fraga-olagligt"),
        ("fraga-olagligt", "fraga-personuppgifter"),
        ("fraga-personuppgifter", "fraga-amne"),
        ("fraga-amne", "fraga-kritik"),
        ("fraga-kritik", "kritik"),
    ],
    "shortest: a threat": [("fraga-fara", "hot-eller-hat")],
    "a direct message asking for a handling": [
        ("fraga-fara", "fraga-kanal"),
        ("fraga-kanal", "fraga-direktmeddelande"),
        ("fraga-direktmeddelande", "allman-handling"),
    ],
}


def answer_text(question: str, next_id: str) -> str:
    return next(a["text"] for a in QUESTIONS[question]["answers"] if a["next"] == next_id)


VISIBLE_STEPS = (  # the ids of the steps shown
    "() => [...document.querySelectorAll('[data-mdx-step]')]"
    ".filter(s => s.checkVisibility()).map(s => s.dataset.mdxStep)"
)
STATUS = "[data-mdx-guide-status]"
SETTLED = "() => new Promise(r => { const url = location.href; setTimeout(() => r(location.href === url), 400); })"


def steg(url: str) -> list[str]:
    values = parse_qs(urlsplit(url).query).get("steg", [""])
    return [v for v in values[0].split(",") if v]


def open_guide(context: object, site: Site, query: str = "") -> object:
    watched = watch(context, site.url.rstrip("/"))
    watched.page.goto(site.url + PAGE + query, wait_until="load")
    watched.page.wait_for_selector(".mdx-guide--js")
    return watched


def assert_on_step(page: object, step: str, path: list[str]) -> None:
    """Only `step` shows, its heading has focus, the live region says it and the URL holds the path."""
    page.wait_for_function("id => document.activeElement && document.activeElement.id === id", arg=step)
    assert page.evaluate(VISIBLE_STEPS) == [step]
    assert steg(page.url) == path
    status = page.locator(STATUS)
    assert status.get_attribute("aria-live") == "polite"
    if step in OUTCOMES:
        assert status.inner_text() == f"Resultat: {OUTCOMES[step]['title']}"
    else:
        assert status.inner_text() == f"Fråga {len(path) + 1}: {QUESTIONS[step]['text']}"


def tab_back_to(page: object, selector: str, limit: int = 300) -> None:
    """Press Shift+Tab until the element matching `selector` has focus (it is before the focus)."""
    for _ in range(limit):
        page.keyboard.press("Shift+Tab")
        if page.evaluate("sel => document.activeElement.matches(sel)", selector):
            return
    raise AssertionError(f"Shift+Tab never reached {selector}")


def choose_by_keyboard(page: object, question: str, next_id: str) -> None:
    tab_to(page, f"[data-mdx-step='{question}'] a[data-mdx-next='{next_id}']")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == answer_text(question, next_id)
    page.keyboard.press("Enter")


@pytest.fixture
def context(browser: object) -> object:
    context = browser.new_context(locale="sv-SE")
    yield context
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("walk", WALKS, ids=list(WALKS))
def test_walk_to_an_outcome_by_keyboard(site: Site, context: object, walk: str) -> None:
    watched = open_guide(context, site)
    page = watched.page
    assert page.evaluate(VISIBLE_STEPS) == [GUIDE["start"]]
    assert not page.locator("[data-mdx-guide-nav]").is_visible(), "nothing to go back to at the start"
    path: list[str] = []
    for question, next_id in WALKS[walk]:
        choose_by_keyboard(page, question, next_id)
        path.append(next_id)
        assert_on_step(page, next_id, path)
    outcome = page.locator(f"[data-mdx-step='{path[-1]}']")
    assert outcome.locator("[data-mdx-guide-trail]").is_visible()
    trail = outcome.locator("[data-mdx-guide-trail] li")
    assert trail.all_inner_texts() == [f"{QUESTIONS[q]['text']} {answer_text(q, n)}".strip() for q, n in WALKS[walk]]
    assert outcome.locator("[data-mdx-guide-print]").is_visible()
    assert outcome.locator("[data-mdx-guide-copy]").is_visible()
    watched.assert_clean()


@pytest.mark.browser
def test_back_restart_and_the_browsers_back_button(site: Site, context: object) -> None:
    watched = open_guide(context, site)
    page = watched.page
    walk = WALKS["a direct message asking for a handling"]
    for question, next_id in walk:
        choose_by_keyboard(page, question, next_id)
    full = [n for _, n in walk]
    assert_on_step(page, full[-1], full)

    tab_back_to(page, "[data-mdx-guide-back]")  # the controls sit above the step
    page.keyboard.press("Enter")
    assert_on_step(page, full[-2], full[:-1])

    page.go_back()  # undoes Tillbaka: the outcome again
    assert_on_step(page, full[-1], full)
    page.go_back()  # the answer before it
    assert_on_step(page, full[-2], full[:-1])
    page.go_forward()
    assert_on_step(page, full[-1], full)

    tab_back_to(page, "[data-mdx-guide-restart]")
    page.keyboard.press("Enter")
    page.wait_for_function("id => document.activeElement.id === id", arg=GUIDE["start"])
    assert page.evaluate(VISIBLE_STEPS) == [GUIDE["start"]]
    assert steg(page.url) == []
    assert page.locator(STATUS).inner_text() == f"Fråga 1: {QUESTIONS[GUIDE['start']]['text']}"
    watched.assert_clean()


@pytest.mark.browser
def test_a_shared_link_opens_the_same_step_also_after_reload(site: Site, browser: object) -> None:
    walk = WALKS["longest: criticism that follows the rules"]
    path = [n for _, n in walk]
    for query, step, answered in [(",".join(path), path[-1], walk), (",".join(path[:3]), path[2], walk[:3])]:
        context = browser.new_context(locale="sv-SE")  # someone else's browser: no history, no storage
        try:
            watched = open_guide(context, site, f"?steg={query}")
            page = watched.page
            expected = path[: len(answered)]
            assert_on_step(page, step, expected)
            page.reload(wait_until="load")
            assert_on_step(page, step, expected)
            if step in OUTCOMES:
                assert page.locator(f"[data-mdx-step='{step}'] [data-mdx-guide-trail] li").count() == len(walk)
            watched.assert_clean()
        finally:
            context.close()


@pytest.mark.browser
def test_a_broken_shared_link_keeps_the_part_that_holds(site: Site, context: object) -> None:
    watched = open_guide(context, site, "?steg=fraga-kanal,finns-inte,kritik")
    assert_on_step(watched.page, "fraga-kanal", ["fraga-kanal"])
    watched.assert_clean()


@pytest.mark.browser
def test_see_also_at_a_rule_opens_the_outcome(site: Site, context: object) -> None:
    """From a rule to the outcome that cites it, through instant navigation."""
    watched = watch(context, site.url.rstrip("/"))
    page = watched.page
    page.goto(site.url + "lagar/saklighet/", wait_until="load")
    page.evaluate("window.__stillHere = true")
    link = page.locator("#saklighet-kritik .mdx-rule__see-also a[href$='#kritik']")
    link.scroll_into_view_if_needed()
    # Material's navigation.tracking writes the anchor scrolled to into the URL a moment
    # later; a click before that lands on the new page and then gets the old page's anchor.
    for _ in range(20):
        if page.evaluate(SETTLED):
            break
    link.click()
    page.wait_for_url(re.compile(r"hantera-kommentar/#kritik$"))
    page.wait_for_function("() => document.querySelector('.mdx-guide--js')")
    try:
        page.wait_for_function(f"() => ({VISIBLE_STEPS})().join() === 'kritik'", timeout=5000)
    except Exception:
        raise AssertionError(f"{page.url}: shown {page.evaluate(VISIBLE_STEPS)}") from None
    assert page.evaluate("window.__stillHere === true"), "instant navigation fell back to a full page load"
    # The guide's own stylesheet (hooks/bundle.py) came with the page: the answers are framed.
    answer = "document.querySelector('.mdx-guide__answer')"
    page.wait_for_function(f"() => getComputedStyle({answer}).borderTopStyle === 'solid'")
    watched.assert_clean()


def test_every_step_is_in_the_search_index(site: Site) -> None:
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    titles = {doc["location"]: doc["title"] for doc in index["docs"]}
    steps = {**{q: QUESTIONS[q]["text"] for q in QUESTIONS}, **{o: OUTCOMES[o]["title"] for o in OUTCOMES}}
    for step_id, title in steps.items():
        assert " ".join(re.sub(r"<[^>]+>", "", titles.get(f"{PAGE}#{step_id}", "")).split()) == title, step_id


@pytest.mark.browser
def test_a_search_result_on_the_guide_opens_its_step(site: Site, context: object) -> None:
    watched = open_guide(context, site, "?steg=fraga-kanal")
    page = watched.page
    assert_on_step(page, "fraga-kanal", ["fraga-kanal"])
    page.locator(".md-search__input").click()
    page.keyboard.type("skräppost", delay=20)  # Material searches on key events, not on fill()
    result = page.locator(f".md-search-result a[href*='{PAGE}'][href$='#reklam']")  # ?h=: search.highlight
    result.first.click()
    page.wait_for_function(f"() => ({VISIBLE_STEPS})().join() === 'reklam'")
    page.wait_for_function("() => document.activeElement.id === 'reklam'")
    watched.assert_clean()


@pytest.mark.browser
def test_a_link_to_a_step_on_the_same_page_opens_it(site: Site, context: object) -> None:
    """Material's instant navigation moves to an anchor on the same page without loading it."""
    watched = open_guide(context, site, "?steg=fraga-kanal")
    page = watched.page
    assert_on_step(page, "fraga-kanal", ["fraga-kanal"])
    page.evaluate("window.__stillHere = true")
    page.evaluate(
        """() => {
          const link = Object.assign(document.createElement("a"), {href: "#utanfor-amnet", textContent: "Till"});
          link.id = "test-link";
          document.querySelector(".md-content article h1").after(link);
        }"""
    )
    page.click("#test-link")
    page.wait_for_function(f"() => ({VISIBLE_STEPS})().join() === 'utanfor-amnet'")
    page.wait_for_function("() => document.activeElement.id === 'utanfor-amnet'")
    assert page.evaluate("window.__stillHere === true")
    assert steg(page.url) == ["utanfor-amnet"]
    page.reload(wait_until="load")
    assert_on_step(page, "utanfor-amnet", ["utanfor-amnet"])
    watched.assert_clean()


@pytest.mark.browser
def test_print_shows_the_outcome_and_the_answers(site: Site, context: object) -> None:
    walk = WALKS["longest: criticism that follows the rules"]
    watched = open_guide(context, site, "?steg=" + ",".join(n for _, n in walk))
    page = watched.page
    page.wait_for_function("() => document.activeElement.id === 'kritik'")
    page.emulate_media(media="print")
    shown = "sel => [...document.querySelectorAll(sel)].some(el => el.checkVisibility())"
    outcome = "[data-mdx-step='kritik']"
    for selector in (
        f"{outcome} .mdx-guide__heading",
        f"{outcome} [data-mdx-guide-trail] li",
        f"{outcome} [data-mdx-guide-do] li",
        f"{outcome} [data-mdx-guide-rules] li",
        ".md-content h1",
        ".mdx-print-notice",
    ):
        assert page.evaluate(shown, selector), f"not printed: {selector}"
    for selector in (
        "[data-mdx-guide-nav]",
        "[data-mdx-guide-actions]",
        "[data-mdx-step='fraga-fara']",
        "[data-mdx-step='hot-eller-hat']",
        ".md-content article > p:not(.mdx-print-notice)",
    ):
        assert not page.evaluate(shown, selector), f"printed: {selector}"
    printed = page.locator(f"{outcome} [data-mdx-guide-trail]").inner_text()
    for question, next_id in walk:
        assert answer_text(question, next_id) in printed
    watched.assert_clean()


@pytest.mark.browser
def test_copy_gives_the_outcome_with_the_answers_as_text(site: Site, browser: object) -> None:
    context = browser.new_context(locale="sv-SE")
    try:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site.url.rstrip("/"))
        walk = WALKS["shortest: a threat"]
        watched = open_guide(context, site, "?steg=hot-eller-hat")
        page = watched.page
        page.evaluate("navigator.clipboard.writeText('')")
        page.click("[data-mdx-step='hot-eller-hat'] [data-mdx-guide-copy]")
        page.wait_for_function("() => navigator.clipboard.readText().then(t => t.length > 0)")
        text = page.evaluate("navigator.clipboard.readText()")
        outcome = OUTCOMES["hot-eller-hat"]
        question, next_id = walk[0]
        assert text.startswith(f"{GUIDE['title']}: {outcome['title']}\n")
        assert f"Svaren som ledde hit:\n- {QUESTIONS[question]['text']} {answer_text(question, next_id)}\n" in text
        assert "\nGör så här:\n1. " in text and "\nGör inte så här:\n" in text and "\nRegler och lag:\n" in text
        assert text.count("\n- Ska ") + text.count("\n- Bör ") == len(comment_guide.cited_rules(outcome))
        assert text.rstrip().endswith(f"Länk: {site.url}{PAGE}?steg=hot-eller-hat")
        watched.assert_clean()
    finally:
        context.close()


JS_ONLY = ["[data-mdx-guide-nav]", "[data-mdx-guide-actions]", "[data-mdx-guide-trail]"]


@pytest.mark.browser
def test_without_javascript_the_outline_is_complete(site: Site, browser: object) -> None:
    context = browser.new_context(locale="sv-SE", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site.url + PAGE, wait_until="load")
        assert page.evaluate(VISIBLE_STEPS) == [*QUESTIONS, *OUTCOMES]
        shown = page.evaluate(
            "sels => sels.filter(sel => [...document.querySelectorAll(sel)].some(el => el.checkVisibility()))",
            JS_ONLY,
        )
        assert shown == [], f"shown without JavaScript: {shown}"
        for question in GUIDE["questions"]:
            for answer in question["answers"]:
                link = page.locator(f"[data-mdx-step='{question['id']}'] a[data-mdx-next='{answer['next']}']")
                assert link.is_visible() and link.get_attribute("href") == f"#{answer['next']}"
        # Following an answer goes to the next step's heading.
        page.click(f"[data-mdx-step='{GUIDE['start']}'] a[data-mdx-next='hot-eller-hat']")
        page.wait_for_url(re.compile("#hot-eller-hat$"))
        assert page.evaluate("() => document.querySelector(':target').id") == "hot-eller-hat"
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("scheme", PALETTES)
def test_axe_and_focus_in_every_state(site: Site, browser: object, scheme: str) -> None:
    context = palette_context(browser, scheme)
    try:
        watched = open_guide(context, site)
        page = watched.page
        assert_palette(page, scheme)
        failures = {"start": axe_violations(page)}
        focus = {}
        # Tab from the guide, not from the top: past the heading's permalink Material leaves a
        # tooltip that fades out outside every landmark, and axe may catch it on its way out.
        page.focus(f"#{GUIDE['start']}")
        tab_to(page, f"[data-mdx-step='{GUIDE['start']}'] a[data-mdx-next]")
        focus["answer"] = focus_ring_problem(page)
        walk = WALKS["longest: criticism that follows the rules"]
        for question, next_id in walk[:3]:
            choose_by_keyboard(page, question, next_id)
        page.wait_for_function("id => document.activeElement.id === id", arg=walk[2][1])
        failures["a question on the way"] = axe_violations(page)
        tab_back_to(page, "[data-mdx-guide-back]")
        focus["Tillbaka"] = focus_ring_problem(page)
        for question, next_id in walk[3:]:
            choose_by_keyboard(page, question, next_id)
        page.wait_for_function("() => document.activeElement.id === 'kritik'")
        failures["an outcome"] = axe_violations(page)
        tab_to(page, "[data-mdx-step='kritik'] [data-mdx-guide-copy]")
        focus["Kopiera som text"] = focus_ring_problem(page)
        tab_back_to(page, "[data-mdx-guide-restart]")
        page.keyboard.press("Enter")
        page.wait_for_function("id => document.activeElement.id === id", arg=GUIDE["start"])
        failures["after Börja om"] = axe_violations(page)
        failures = {state: found for state, found in failures.items() if found}
        assert not failures, "\n".join(f"{state} ({scheme}):\n  " + "\n  ".join(v) for state, v in failures.items())
        focus = {name: problem for name, problem in focus.items() if problem}
        assert not focus, f"no visible focus ({scheme}): {focus}"
        watched.assert_clean()
    finally:
        context.close()
