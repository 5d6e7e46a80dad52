"""What a Swedish public site owes its readers: a true 'Senast uppdaterad' on every page
(from git, left out where the history cannot say), the accessibility statement with what
only the kommun can fill in, a meta description, titles and a sitemap for the real address."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from xml.etree import ElementTree

import conftest
import page_dates
import pytest
from conftest import ROOT, Site, copy_project, is_short_link, mkdocs_build, read_data, soup, write_data

MONTHS = ["januari", "februari", "mars", "april", "maj", "juni"]
MONTHS += ["juli", "augusti", "september", "oktober", "november", "december"]
SWEDISH_DATE = re.compile(rf"^([1-9]|[12][0-9]|3[01]) ({'|'.join(MONTHS)}) 20[0-9]{{2}}$")
PUBLIC = "https://handbok.kommun.test/sociala-medier/"
DIGG_REPORT = "https://www.digg.se/tdosanmalan"
STATEMENT = "tillganglighetsredogorelse"
ABOUT = "om-webbplatsen"
# Two commits with known dates, in Stockholm time: every file, then the data file.
FIRST, SECOND = "2026-01-10T12:00:00+01:00", "2026-03-05T12:00:00+01:00"
FILLED_IN = {
    "accessibility_status": "delvis",
    "accessibility_assessed": "2027-03-01",
    "accessibility_feedback": "https://tjanst.kommun.test/tillganglighet",
    "accessibility_issues": [{"content": "Testinnehåll.", "reason": "Testskäl.", "exemption": "12 §"}],
}


def git(project: Path, *args: str, date: str | None = None) -> str:
    env = {**conftest.BUILD_ENV, "GIT_AUTHOR_DATE": date or "", "GIT_COMMITTER_DATE": date or ""}
    identity = ["-c", "user.name=Handbokens test", "-c", "user.email=test@example.invalid"]
    done = subprocess.run(["git", *identity, *args], cwd=project, env=env, capture_output=True, text=True, check=True)
    return done.stdout


def updated(html_page: Path) -> tuple[str, str] | None:
    """The page's 'Senast uppdaterad' as (ISO date, Swedish text), or None."""
    line = soup(html_page).select_one(".mdx-updated")
    if line is None:
        return None
    assert line.get_text(" ", strip=True).startswith("Senast uppdaterad "), line
    time = line.find("time")
    return time["datetime"], time.get_text(strip=True)


# --------------------------------------------------------------------------
# Item 2: Senast uppdaterad.


def test_what_a_page_may_claim() -> None:
    page, data = page_dates.Commit("a" * 40, 100), page_dates.Commit("b" * 40, 200)
    assert page_dates.updated(page, None, frozenset()) == 100
    assert page_dates.updated(page, data, frozenset()) == 200, "a page that renders data changes with the data"
    assert page_dates.updated(page_dates.Commit("c" * 40, 300), data, frozenset()) == 300
    assert page_dates.updated(page_dates.Commit("", 999), None, frozenset()) is None, "no history: no date"
    assert page_dates.updated(page, None, frozenset({"a" * 40})) is None, "a shallow clone's boundary"
    assert page_dates.updated(page, page_dates.Commit("", 999), frozenset()) is None, "data date unknown"


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A project copy in a git repository of its own with two dated commits, a page not
    committed yet and the kommun's accessibility settings filled in; built for a public
    address under a sub-path. Returns (project, built site)."""
    tmp = tmp_path_factory.mktemp("dated")
    project = copy_project(tmp / "project")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Allt", date=FIRST)
    data = read_data(project)
    data["settings"].update(FILLED_IN)
    write_data(project, data)
    git(project, "commit", "-q", "-am", "Datafilen", date=SECOND)
    (project / "docs" / "utkast.md").write_text("---\ndescription: Ett utkast.\n---\n\n# Utkast\n\nText.\n", "utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text("utf-8").replace("\nnav:\n", "\nnav:\n  - Utkast: utkast.md\n"), "utf-8")
    out = tmp / "site"
    result = mkdocs_build(project, out, site_url=PUBLIC)
    assert result.returncode == 0, result.stderr
    return project, out


def test_each_page_shows_its_last_change_and_a_page_with_data_the_data_files(dated: tuple[Path, Path]) -> None:
    _, out = dated
    # No macros: the page's own commit. Macros: the data file changed later.
    assert updated(out / ABOUT / "index.html") == ("2026-01-10", "10 januari 2026")
    assert updated(out / "index.html") == ("2026-03-05", "5 mars 2026")
    assert updated(out / "regler" / "index.html") == ("2026-03-05", "5 mars 2026")
    # Not committed yet: no date rather than the build's.
    assert updated(out / "utkast" / "index.html") is None
    # Material's own line (an icon, the date, the words only in a tooltip) is not added.
    assert not soup(out / "index.html").select(".md-source-file")
    statement = soup(out / STATEMENT / "index.html").select_one(".mdx-a11y-updated").get_text(" ", strip=True)
    assert statement == "Redogörelsen uppdaterades senast den 5 mars 2026."


def test_every_page_of_the_real_site_has_a_true_swedish_date_or_none(site: Site) -> None:
    """In this repository: a date, when shown, is Swedish, matches its datetime, and is
    no earlier than the page's own last commit (nor later than today)."""
    from datetime import date

    shown = 0
    for html_page in site.pages():
        found = updated(html_page)
        if found is None:
            continue
        shown += 1
        iso, text = found
        day = date.fromisoformat(iso)
        assert SWEDISH_DATE.match(text), text
        assert text == f"{day.day} {MONTHS[day.month - 1]} {day.year}", (iso, text)
        assert day <= date.today()
    first = git(ROOT, "log", "--reverse", "--format=%as").split()[0]
    assert all(updated(p) is None or updated(p)[0] >= first for p in site.pages())
    if git(ROOT, "rev-parse", "--is-shallow-repository").strip() == "false":
        assert shown >= len(site.pages()) // 2, "a full clone dates most pages"


@pytest.mark.parametrize("ci", [False, True])
def test_a_shallow_clone_builds_strictly_without_dates(
    dated: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, ci: bool
) -> None:
    """A shallow clone knows only its newest commit, which looks as if it added every file:
    its date would be wrong for every page, so none is shown. The plugin's warning on CI
    (GitHub Actions) must not fail --strict."""
    project, _ = dated
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{project}", str(clone)], check=True)
    assert git(clone, "rev-parse", "--is-shallow-repository").strip() == "true"
    if ci:
        monkeypatch.setitem(conftest.BUILD_ENV, "GITHUB_ACTIONS", "true")
    result = mkdocs_build(clone, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert not [p for p in (tmp_path / "site").rglob("index.html") if updated(p)]


def test_a_copy_without_git_builds_without_dates(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    shutil.rmtree(project / ".git", ignore_errors=True)
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr
    assert not [p for p in (tmp_path / "site").rglob("index.html") if updated(p)]
    statement = soup(tmp_path / "site" / STATEMENT / "index.html").select_one(".mdx-a11y-updated")
    assert "vet inte när" in statement.get_text()


# --------------------------------------------------------------------------
# Item 3: the accessibility statement.


def test_the_statement_says_plainly_what_the_kommun_has_not_filled_in(site: Site) -> None:
    page = soup(site.page(STATEMENT))
    text = " ".join(page.select_one("article").get_text(" ").split())
    unset = page.select(".mdx-a11y--unset")
    assert {c for el in unset for c in el["class"]} >= {
        "mdx-a11y-status",
        "mdx-a11y-issues",
        "mdx-a11y-feedback",
        "mdx-a11y-assessed",
    }
    assert all("inte fyllt i" in el.get_text() for el in unset)
    assert "förenlig" not in " ".join(el.get_text() for el in unset), "no status the kommun has not decided"
    # What the law asks for, whatever the settings say.
    assert "Alingsås kommun" in text and "Handbok: Riktlinje för sociala medier" in text
    assert page.select_one(f'a[href="{DIGG_REPORT}"]') is not None
    for needed in ("axe-core", "WCAG 2.1", "ljust och i mörkt läge", "tangentbordet", "utan JavaScript", "9 §", "12 §"):
        assert needed in text, needed


def test_the_statement_shows_what_the_kommun_has_filled_in(dated: tuple[Path, Path]) -> None:
    _, out = dated
    page = soup(out / STATEMENT / "index.html")
    assert not page.select(".mdx-a11y--unset")
    status = page.select_one(".mdx-a11y-status").get_text(" ", strip=True)
    assert "delvis förenlig" in status and status.startswith("Alingsås kommun bedömer")
    issues = page.select_one(".mdx-a11y-issues").get_text(" ", strip=True)
    assert "Testinnehåll." in issues and "Testskäl." in issues and "12 §" in issues
    assert page.select_one(f'.mdx-a11y-feedback a[href="{FILLED_IN["accessibility_feedback"]}"]') is not None
    assert page.select_one(".mdx-a11y-assessed").get_text(strip=True) == "Kommunen bedömde webbplatsen den 1 mars 2027."


def test_the_start_page_links_the_statement_and_about_the_site(site: Site) -> None:
    hrefs = {a["href"] for a in soup(site.page("")).select("article a[href]")}
    assert f"{STATEMENT}/" in hrefs and f"{ABOUT}/" in hrefs


# --------------------------------------------------------------------------
# Item 6: description, title, sitemap.


def test_every_page_has_its_own_description_and_the_kommun_in_its_title(site: Site) -> None:
    pages = [*site.pages(), site.root / "404.html"]
    descriptions = Counter()
    for html_page in pages:
        html = soup(html_page)
        assert "Alingsås kommun" in html.title.get_text(), html_page
        if html_page.name == "404.html":
            continue
        description = html.find("meta", attrs={"name": "description"})
        assert description and description["content"].strip(), html_page
        descriptions[description["content"].strip()] += 1
    twice = [d for d, n in descriptions.items() if n > 1]
    assert not twice, f"descriptions used on more than one page: {twice}"


def test_the_sitemap_and_canonical_links_use_the_public_address(dated: tuple[Path, Path]) -> None:
    _, out = dated
    locs = [el.text for el in ElementTree.parse(out / "sitemap.xml").getroot().iter() if el.tag.endswith("loc")]
    pages = [p for p in out.rglob("index.html") if not is_short_link(out, p)]  # short links are not pages
    assert len(locs) == len(pages)
    assert all(loc.startswith(PUBLIC) for loc in locs), [loc for loc in locs if not loc.startswith(PUBLIC)]
    assert PUBLIC + f"{STATEMENT}/" in locs
    canonical = soup(out / "regler" / "index.html").find("link", rel="canonical")["href"]
    assert canonical == PUBLIC + "regler/"
