"""The build checks what it generates: each check is broken on purpose here and
must stop the build with a message that names the file, the line and the fix."""

from __future__ import annotations

import re
from pathlib import Path

import html_check
import pytest
from conftest import copy_project, mkdocs_build
from guideline_data import Problem


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


def _fails(project: Path, out: Path) -> str:
    result = mkdocs_build(project, out)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert not list(out.rglob("*.html")), "nothing is written when a check fails"
    return result.stderr


def test_rules_shown_on_another_page_than_their_section_says(project: Path, tmp_path: Path) -> None:
    _edit(project / "docs/lagar/dataskydd.md", '{{ rules("dataskydd") }}', "")
    arkiv = project / "docs/lagar/arkiv.md"
    line = arkiv.read_text(encoding="utf-8").count("\n") + 2
    arkiv.write_text(arkiv.read_text(encoding="utf-8") + '\n{{ rules("dataskydd") }}\n', encoding="utf-8")
    stderr = _fails(project, tmp_path / "out")
    assert (
        f"docs/lagar/arkiv.md:{line} [rules]: Reglerna i avsnittet dataskydd ska visas på lagar/dataskydd.md" in stderr
    )


def test_rules_shown_twice(project: Path, tmp_path: Path) -> None:
    page = project / "docs/lagar/dataskydd.md"
    line = page.read_text(encoding="utf-8").count("\n") + 2
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ rules("dataskydd") }}\n', encoding="utf-8")
    stderr = _fails(project, tmp_path / "out")
    assert f"docs/lagar/dataskydd.md:{line} [rules]: Reglerna i avsnittet dataskydd visas redan på rad" in stderr


def test_rules_never_shown(project: Path, tmp_path: Path) -> None:
    _edit(project / "docs/lagar/dataskydd.md", '{{ rules("dataskydd") }}', "")
    stderr = _fails(project, tmp_path / "out")
    assert "docs/lagar/dataskydd.md [rules]: Sidan visar inte reglerna i avsnittet dataskydd" in stderr


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("{{ rule.text | glossary }}</p>", "{{ rule.txt | glossary }}</p>", "txt"),  # printed: would render empty
        ("{%- if rule.how_to_check %}", "{%- if rule.how_to_chek %}", "how_to_chek"),  # tested: would hide
    ],
    ids=["output", "condition"],
)
def test_a_misspelled_name_in_a_partial_names_the_partial_and_line(
    project: Path, tmp_path: Path, old: str, new: str, field: str
) -> None:
    partial = project / "overrides/partials/rules.html"
    _edit(partial, old, new)
    stderr = _fails(project, tmp_path / "out")
    line = _line_of(partial, new)
    assert f"overrides/partials/rules.html:{line}: Mallen använder något som inte finns (fältet '{field}')" in stderr
    assert "Den byggda handboken" not in stderr, "the partial's mistake is reported alone"


def test_a_mistake_in_the_short_link_template_names_the_file_and_line(project: Path, tmp_path: Path) -> None:
    """The short links (hooks/short_links.py) go through the same Partials as the macros."""
    partial = project / "overrides/partials/short_link.html"
    _edit(partial, "<p>{{ rule.text }}</p>", "<p>{{ rule.txt }}</p>")
    stderr = _fails(project, tmp_path / "out")
    line = _line_of(partial, "rule.txt")
    assert f"overrides/partials/short_link.html:{line}: Mallen använder något som inte finns (fältet 'txt')" in stderr


def test_a_broken_link_in_generated_html_stops_the_build(project: Path, tmp_path: Path) -> None:
    # The item line that checklist.html and recurring.html share links each item to its rule.
    _edit(
        project / "overrides/partials/rule_parts.html", 'href="{{ rule_href(rule) }}"', 'href="{{ rule_href(rule) }}-x"'
    )
    stderr = _fails(project, tmp_path / "out")
    assert re.search(
        r"docs/checklistor/\S+\.md \[länk\]: Ankaret #[a-z-]+-x finns inte på sidan [a-z/-]+ "
        r"\(länken \.\./\.\./[a-z/-]+#[a-z-]+-x\)",
        stderr,
    ), stderr
    assert "fel till av samma slag" in stderr, "a long report is cut short"


def test_links_work_without_directory_urls(project: Path, tmp_path: Path) -> None:
    """Opened from disk (file://), pages are .html files: the links must say so."""
    _edit(project / "mkdocs.yml", "site_url:", "use_directory_urls: false\nsite_url:")
    out = tmp_path / "out"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    roles = (out / "roller.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a href="([^"]+#[a-z0-9-]+)">', roles)
    assert hrefs and all(h.split("#")[0].endswith(".html") for h in hrefs if not h.startswith("#")), hrefs[:5]
    for href in hrefs:
        target = out / href.split("#")[0] if not href.startswith("#") else out / "roller.html"
        assert target.is_file(), href


def test_links_are_relative_under_a_sub_path(project: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = mkdocs_build(project, out, site_url="http://127.0.0.1:8000/handbok/sociala-medier/")
    assert result.returncode == 0, result.stderr
    for page in out.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        main = text.split('<article class="md-content__inner', 1)[-1].split("</article>", 1)[0]
        if page.name == "404.html":
            # Served at any depth, so MkDocs builds its URLs from site_url's path: so do we.
            hrefs = re.findall(r'href="([^"#]*)', main)
            assert hrefs and all(h.startswith("/handbok/sociala-medier/") for h in hrefs), hrefs
            continue
        assert not re.search(r'href="/[^/]', main), page


# The check itself, on small made-up pages.


def _page(name: str, url: str, html: str) -> html_check.RenderedPage:
    return html_check.RenderedPage(name, url, html)


def _messages(found: list[Problem]) -> list[str]:
    return [p.message for p in found]


def test_check_accepts_good_links() -> None:
    pages = [
        _page("docs/index.md", "./", '<a href="lagar/arkiv/#r1">x</a><a href="#top">t</a><p id="top"></p>'),
        _page("docs/lagar/arkiv.md", "lagar/arkiv/", '<p id="r1"></p><a href="../../">hem</a><a href="../">l</a>'),
        _page("docs/lagar/index.md", "lagar/", '<a href="../assets/x.pdf">pdf</a><a href="https://example.org/">e</a>'),
    ]
    assert html_check.problems(pages, {"assets/x.pdf"}) == []


def test_check_finds_missing_pages_anchors_duplicates_and_root_links() -> None:
    pages = [
        _page(
            "docs/index.md",
            "./",
            '<a href="saknas/">a</a><a href="lagar/#nej">b</a><a href="/lagar/">c</a><a href="#top">d</a>'
            '<p id="dubbel"></p><p id="dubbel"></p>',
        ),
        _page("docs/lagar/index.md", "lagar/", '<a href="../../../">ut</a>'),
    ]
    found = html_check.problems(pages, set())
    assert _messages(found) == [
        'Id "dubbel" finns 2 gånger på sidan. Ett id får bara finnas en gång.',
        "Länken leder till en sida som inte finns (länken saknas/).",
        "Ankaret #nej finns inte på sidan lagar/ (länken lagar/#nej).",
        "En länk inom handboken får inte börja med /, för då fungerar den inte från en undermapp "
        "eller från disk (länken /lagar/).",
        "Ankaret #top finns inte på sidan (länken #top).",
        "Länken pekar utanför handboken (länken ../../../).",
    ]
    assert {p.file for p in found} == {"docs/index.md", "docs/lagar/index.md"}


def test_check_without_directory_urls() -> None:
    pages = [
        _page("docs/roller.md", "roller.html", '<a href="lagar/arkiv.html#r1">r</a><a href="index.html">h</a>'),
        _page("docs/lagar/arkiv.md", "lagar/arkiv.html", '<p id="r1"></p><a href="../roller.html#r2">r</a>'),
        _page("docs/index.md", "index.html", ""),
    ]
    assert _messages(html_check.problems(pages, set())) == [
        "Ankaret #r2 finns inte på sidan roller.html (länken ../roller.html#r2)."
    ]


def test_a_macro_whose_html_cannot_come_back_stops_the_build(project: Path, tmp_path: Path) -> None:
    """The macros' HTML skips Markdown and is put back after it; inside code it would be lost."""
    page = project / "docs/konto/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n```text\n{{ official_accounts() }}\n```\n", encoding="utf-8")
    stderr = _fails(project, tmp_path / "out")
    assert "docs/konto/index.md: Ett makros innehåll kom inte med på sidan." in stderr
