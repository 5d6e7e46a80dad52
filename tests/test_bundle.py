"""Our own JavaScript and CSS as every build ships them (hooks/bundle.py): minified
by esbuild, the components split out of a small main.js, and a clear Swedish error
when esbuild is missing or a module does not parse."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import bundle
import pytest
from conftest import ROOT, Site, copy_project, mkdocs_build
from mkdocs.exceptions import PluginError

SOURCE = ROOT / "docs" / bundle.MODULES


def test_the_site_has_the_minified_bundle_not_the_sources(site: Site) -> None:
    shipped = sorted(p.name for p in (site.root / bundle.MODULES).iterdir())
    entries = {"main.js", *(p.name for p in bundle.components(ROOT / "docs"))}
    assert len(entries) == 10, "main.js and nine components"
    assert entries <= set(shipped)
    others = set(shipped) - entries
    assert others and all(re.fullmatch(r"chunk-[A-Z0-9]{8}\.js", n) for n in others), shipped
    for name in entries:
        code = (site.root / bundle.MODULES / name).read_text(encoding="utf-8")
        source = (SOURCE / name).read_text(encoding="utf-8")
        header = source.split("*/")[0].splitlines()[1].strip(" *")  # the module's comment
        assert header and header not in code, f"{name}: comments are removed"
        assert code.count("\n") < 5, f"{name} is minified"
    # main.js imports a component only for a page reached by instant navigation.
    main = (site.root / bundle.MODULES / "main.js").read_text(encoding="utf-8")
    assert main.count("import(") == 9, main
    css = (site.root / bundle.STYLESHEET).read_text(encoding="utf-8")
    source_css = (ROOT / "docs" / bundle.STYLESHEET).read_text(encoding="utf-8")
    assert "/*" not in css and len(css) < 0.8 * len(source_css)
    assert "mdx-checklist__summary" in css
    for own in ("mdx-guide__answer", "mdx-recurring__items", "mdx-filter__hint"):
        assert own not in css, f"{own}: in its component's own stylesheet"
    sheets = sorted(p.name for p in (ROOT / "docs" / bundle.STYLES).glob("*.css"))
    assert sheets == ["comment-guide.css", "recurring.css", "rule-index.css"]
    for name in sheets:
        shipped = (site.root / bundle.STYLES / name).read_text(encoding="utf-8")
        assert "/*" not in shipped and shipped.count("\n") < 3, f"{name} is minified"


def test_a_page_loads_the_code_of_its_own_components_and_no_other(site: Site) -> None:
    tags = re.compile(r'<script src="(?:\.\./)*assets/javascripts/handbook/([a-z-]+)\.js" type="module">')
    for path, expected in (
        ("checklistor/starta-konto", ["main", "task-list", "checklist", "registration"]),
        ("regler", ["main", "rule-index"]),
        ("inlagg/hantera-kommentar", ["main", "comment-guide"]),
        ("ordlista", ["main"]),
    ):
        assert tags.findall(site.page(path).read_text(encoding="utf-8")) == expected, path


def test_a_page_loads_the_styles_of_its_own_components_and_no_other(site: Site) -> None:
    links = re.compile(r'<link rel="stylesheet" href="(?:\.\./)*assets/stylesheets/([a-z/.-]+)\.css">')
    for path, expected in (
        ("inlagg/hantera-kommentar", ["handbook", "handbook/comment-guide"]),
        ("checklistor/driva-konto", ["handbook", "handbook/recurring"]),
        ("checklistor/starta-konto", ["handbook"]),
        ("regler", ["handbook", "handbook/rule-index"]),
        ("", ["handbook"]),
    ):
        found = [n for n in links.findall(site.page(path).read_text(encoding="utf-8")) if "min" not in n]
        assert found == expected, path


def test_a_stylesheet_without_its_component_is_named(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "docs" / bundle.STYLES / "karta.css").write_text(".mdx-karta { color: red; }\n", "utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "Stilmallen docs/assets/stylesheets/handbook/karta.css hör inte till någon komponent" in result.stderr
    assert "ingen karta.js" in result.stderr
    assert "Traceback" not in result.stderr


def test_materials_script_does_not_hold_up_the_page(site: Site) -> None:
    """Material's bundle is deferred (overrides/main.html), and runs before our modules."""
    html = site.page("regler").read_text(encoding="utf-8")
    scripts = re.findall(r"<script src=\"[^\"]*assets/javascripts/([^\"]+)\"([^>]*)>", html)
    assert scripts[0][0].startswith("bundle.") and scripts[0][1] == " defer", scripts
    assert all(attrs == ' type="module"' for _, attrs in scripts[1:]), scripts


def test_a_component_without_its_module_is_named(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    page = project / "docs" / "om-webbplatsen.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n<div data-mdx-component="karta"></div>\n', "utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "Sidan om-webbplatsen.md har komponenten karta, men det finns ingen karta.js" in result.stderr
    assert "Traceback" not in result.stderr


def test_every_shipped_module_parses_and_its_imports_exist(site: Site) -> None:
    folder = site.root / bundle.MODULES
    for path in folder.iterdir():
        checked = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
        assert checked.returncode == 0, f"{path.name}: {checked.stderr}"
        for target in re.findall(r'(?:from|import\()\s*"\./([^"]+)"', path.read_text(encoding="utf-8")):
            assert (folder / target).is_file(), f"{path.name} imports {target}, which is not shipped"


def test_a_module_that_does_not_parse_is_named_with_its_line(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    broken = project / "docs" / bundle.MODULES / "roles.js"
    lines = broken.read_text(encoding="utf-8").splitlines()
    broken.write_text("\n".join([*lines, "const = ;"]) + "\n", encoding="utf-8")
    (tmp_path / "site").mkdir()
    with pytest.raises(PluginError) as caught:
        bundle.minify(project, project / "docs", tmp_path / "site")
    message = str(caught.value)
    assert message.startswith("esbuild kunde inte packa JavaScript-modulerna:"), message
    assert f"roles.js:{len(lines) + 1}:" in message, message


def test_without_esbuild_the_build_says_what_to_do_and_stops(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "node_modules").unlink()
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "Verktyget esbuild saknas (node_modules/.bin/esbuild)" in result.stderr
    assert "make build" in result.stderr and "npm ci" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_leaves_the_source_modules(tmp_path: Path) -> None:
    """mkdocs serve shows the sources as they are (no Node.js needed to edit the text)."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "docs" / "assets", site / "assets")
    bundle.on_startup(command="serve", dirty=False)
    try:

        class Config:
            config_file_path = str(tmp_path / "mkdocs.yml")  # no node_modules there: would fail if run
            docs_dir = str(ROOT / "docs")
            site_dir = str(site)

        bundle.on_post_build(config=Config())
    finally:
        bundle.on_startup(command="build", dirty=False)
    assert sorted(p.name for p in (site / bundle.MODULES).iterdir()) == sorted(p.name for p in SOURCE.iterdir())
