"""Macro calls in the Markdown pages: an editor's typo gets file, line and macro, never a traceback."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import guideline_data
import page_macros
from conftest import ROOT, copy_project, mkdocs_build

DATA = guideline_data.load(ROOT / "data" / "guideline.yml")
PAGE = "---\nrender_macros: true\ndescription: Test.\n---\n\n# Rubrik\n\nText.\n\n"  # the body starts on line 6


def check(body: str, head: str = PAGE) -> list[guideline_data.Problem]:
    return list(page_macros.problems("docs/test.md", head + body, DATA))


def test_the_checker_knows_every_macro_that_macros_py_registers() -> None:
    spec = importlib.util.spec_from_file_location("macros_under_test", ROOT / "hooks" / "macros.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    registered: list[str] = []

    def macro(function):  # the decorator mkdocs-macros provides
        registered.append(function.__name__)
        return function

    module.define_env(
        SimpleNamespace(
            conf=SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"), use_directory_urls=True), macro=macro
        )
    )
    assert sorted(registered) == sorted(page_macros.MACROS)


def test_correct_calls_pass() -> None:
    section = DATA["sections"][0]["id"]
    checklist = DATA["checklists"][0]["id"]
    assert check(f'{{{{ rules("{section}") }}}}\n{{{{ checklist("{checklist}") }}}}\n{{{{ roles() }}}}\n') == []


def test_unknown_section_names_file_line_and_macro() -> None:
    [problem] = check('Första raden.\n\n{{ rules("finns-inte") }}\n')
    assert (problem.file, problem.line, problem.field) == ("docs/test.md", 12, "rules")
    assert "inget avsnitt med id 'finns-inte'" in problem.message


def test_unknown_checklist_and_unknown_macro() -> None:
    problems = check('{{ checklist("okand") }}\n{{ regler() }}\n')
    assert [(p.line, p.field) for p in problems] == [(10, "checklist"), (11, "regler")]
    assert "ingen checklista" in problems[0].message
    assert "Makrot regler finns inte" in problems[1].message


def test_a_form_needs_its_checklist_on_the_same_page() -> None:
    form = DATA["forms"][0]
    assert (
        check(
            f'{{{{ task_list("{form["id"]}") }}}}\n{{{{ checklist("{form["checklist"]}") }}}}\n'
            f'{{{{ form("{form["id"]}") }}}}\n'
        )
        == []
    )
    problems = check(f'{{{{ task_list("{form["id"]}") }}}}\n\n{{{{ form("{form["id"]}") }}}}\n')
    assert [(p.line, p.field) for p in problems] == [(10, "task_list"), (12, "form")]
    assert f"hör till checklistan '{form['checklist']}', som inte finns på sidan" in problems[1].message
    assert f'Lägg till {{{{ checklist("{form["checklist"]}") }}}} på samma sida.' in problems[1].message
    [unknown] = check('{{ form("anmalan-ny") }}\n')
    assert "ingen blankett med id 'anmalan-ny'" in unknown.message


def test_an_id_must_be_a_quoted_text() -> None:
    [problem] = check("{{ rules(svara) }}\n")
    assert problem.field == "rules" and "inom citattecken" in problem.message


def test_broken_syntax_is_reported_with_its_line() -> None:
    [problem] = check('Text.\n{{ rules("svara" }}\n')
    assert problem.line == 11
    assert "inte rätt skrivet" in problem.message


def test_pages_without_render_macros_are_not_checked() -> None:
    assert check('{{ rules("finns-inte") }} {% if %}', head="# Rubrik\n\n") == []


def test_broken_front_matter_is_an_error_not_a_silent_page() -> None:
    head = "---\nrender_macros: true\ndescription: Alla regler: i riktlinjen\n---\n\n"
    [problem] = check("# Rubrik\n", head=head)
    assert problem.line == 3
    assert "Sidhuvudet" in problem.message
    [problem] = check("# Rubrik\n", head="---\nrender_macros: true\n\n")
    assert "avslutas aldrig" in problem.message


def test_build_stops_with_a_clean_report(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "regler.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + '\n{{ rules("finns-inte") }}\n', encoding="utf-8")
    line = text.count("\n") + 2
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"docs/regler.md:{line} [rules]: Det finns inget avsnitt med id 'finns-inte'" in result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


def test_check_command_reports_without_building(tmp_path: Path) -> None:
    """`make check-data` (the quick part of `make check`) runs before any engine: the
    same problems, file and line, exit 1."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "lagar" / "arkiv.md"
    line = page.read_text(encoding="utf-8").count("\n") + 2
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ rules("dataskydd") }}\n', encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(project / "hooks" / "check.py"), "--snabb"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "✗ Sidorna och deras makron" in result.stdout
    assert f"docs/lagar/arkiv.md:{line} [rules]: Reglerna i avsnittet dataskydd ska visas på lagar/dataskydd.md" in (
        result.stdout
    )
    assert "Bygget" not in result.stdout, "the quick check does not build"
    good = subprocess.run([sys.executable, str(ROOT / "hooks" / "check.py"), "--snabb"], capture_output=True, text=True)
    assert good.returncode == 0, good.stdout
    assert good.stdout.rstrip().endswith("Allt är i ordning.")


def test_the_full_check_builds_and_measures(tmp_path: Path) -> None:
    """`make check`: a dead link fails the build step, a page too hard to read fails
    the readability step; each says where and why, and the summary says to fix it."""
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "ordlista.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nSe [regeln](regler.md#finns-inte).\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(project / "hooks" / "check.py")], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1
    assert "✓ Sidorna och deras makron" in result.stdout
    assert "✗ Bygget (strikt), länkar och ankare" in result.stdout
    assert "finns-inte" in result.stdout
    assert result.stdout.rstrip().endswith("Något behöver rättas. Se raderna med ✗ ovan.")

    hard = (
        "Kommunikationsfunktionens övergripande verksamhetsuppföljningsansvar implementeras organisationsövergripande"
    )
    page.write_text(page.read_text(encoding="utf-8").replace("Se [regeln](regler.md#finns-inte).", ""))
    short = project / "docs" / "andringar.md"
    short.write_text(short.read_text(encoding="utf-8") + f"\n{hard} och kontinuerligt kvalitetssäkrat.\n" * 8)
    result = subprocess.run(
        [sys.executable, str(project / "hooks" / "check.py")], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 1
    assert "✓ Bygget (strikt), länkar och ankare" in result.stdout
    assert "✗ Läsbarhet" in result.stdout
    assert "andringar: LIX" in result.stdout, result.stdout
