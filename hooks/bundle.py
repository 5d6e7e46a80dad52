"""MkDocs hook: the handbook's own JavaScript and CSS, minified by esbuild.

A page loads only the code of the components it has: after the tag for
main.js, on_post_page adds a <script type="module"> for each component on the
page (data-mdx-component="<name>" -> <name>.js). They run before the page is
ready, as main.js did when it imported every module; main.js imports what a
page reached by instant navigation needs. A component with styles of its own
(stylesheets/handbook/<name>.css) gets a <link> after the one for
handbook.css, on the pages that have it and nowhere else; Material's instant
navigation adds and removes those links as pages change.

Every `mkdocs build` (make build, make publish, the tests, the benchmark)
replaces the source modules that MkDocs copied into
site/assets/javascripts/handbook/ with esbuild's output, under the same names:

- main.js and one file per component (the modules that register() with
  registry.js), minified;
- chunk-<hash>.js, the code they share;
- handbook.css and the component stylesheets, minified in place.

`mkdocs serve` (make serve) leaves the source as it is: the same modules under
the same names, only not minified, and no Node.js needed to edit the text.
esbuild is pinned in package-lock.json and installed by npm ci (the Makefile
does that).

The offline copy (scripts/offline.py) takes its one classic script from
`classic_script()`: pages opened from disk cannot load modules.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

MODULES = Path("assets") / "javascripts" / "handbook"
ENTRY = "main.js"
STYLESHEET = Path("assets") / "stylesheets" / "handbook.css"
STYLES = Path("assets") / "stylesheets" / "handbook"  # <component>.css

_command = "build"
# The tag the theme writes for main.js (extra_javascript in mkdocs.yml).
MAIN_TAG = re.compile(r'<script src="([^"]*)assets/javascripts/handbook/main\.js" type="module"></script>')
# The tag the theme writes for handbook.css (extra_css in mkdocs.yml).
CSS_TAG = re.compile(r'<link rel="stylesheet" href="([^"]*)assets/stylesheets/handbook\.css">')
_COMPONENT = re.compile(r'data-mdx-component="([a-z][a-z-]*)"')


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command


def esbuild(project: Path) -> Path:
    """The project's esbuild."""
    path = project / "node_modules" / ".bin" / "esbuild"
    if path.is_file():
        return path
    raise PluginError(
        "Verktyget esbuild saknas (node_modules/.bin/esbuild), så bygget kan inte packa "
        "handbokens JavaScript och CSS. Kör bygget med make build, som installerar det "
        "(npm ci), eller kör npm ci i projektets mapp. Att visa sidorna med make serve "
        "går utan det."
    )


def _run(command: list[str], what: str) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PluginError(f"esbuild kunde inte packa {what}:\n{result.stderr.strip()}")


def components(docs: Path) -> list[Path]:
    """The component modules: those that register a start function with registry.js."""
    return sorted(p for p in (docs / MODULES).glob("*.js") if re.search(r"^register\(", p.read_text("utf-8"), re.M))


def minify(project: Path, docs: Path, site: Path) -> None:
    """Replace the copied source modules and stylesheet in `site` with esbuild's output."""
    tool = str(esbuild(project))
    out = site / MODULES
    shutil.rmtree(out, ignore_errors=True)
    _run(
        [
            tool,
            str(docs / MODULES / ENTRY),
            *(str(p) for p in components(docs)),
            "--bundle",
            "--splitting",
            "--format=esm",
            "--minify",
            "--legal-comments=none",
            "--log-level=error",
            "--chunk-names=chunk-[hash]",
            f"--outdir={out}",
        ],
        "JavaScript-modulerna",
    )
    for sheet in [docs / STYLESHEET, *sorted((docs / STYLES).glob("*.css"))]:
        target = site / sheet.relative_to(docs)
        _run(
            [tool, str(sheet), "--minify", "--log-level=error", f"--outfile={target}"],
            f"stilmallen {sheet.relative_to(docs).as_posix()}",
        )


def classic_script(project: Path, docs: Path, outfile: Path, footer: str) -> None:
    """All modules as one minified classic script (an IIFE, dynamic imports inlined)
    whose exports are the global __mdx_main, followed by `footer`."""
    _run(
        [
            str(esbuild(project)),
            str(docs / MODULES / ENTRY),
            "--bundle",
            "--format=iife",
            "--global-name=__mdx_main",
            "--minify",
            "--legal-comments=none",
            "--log-level=error",
            f"--footer:js={footer}",
            f"--outfile={outfile}",
        ],
        "JavaScript-modulerna för kopian utan internet",
    )


def is_offline(config: MkDocsConfig) -> bool:
    """Whether this is the build of the offline copy (Material's offline plugin is on)."""
    plugin = config.plugins.get("offline") or config.plugins.get("material/offline")
    return plugin is not None and bool(plugin.config.enabled)


def on_pre_build(*, config: MkDocsConfig) -> None:
    """A component stylesheet must be named after a component, or no page would load it."""
    docs = Path(config.docs_dir)
    known = {p.stem for p in components(docs)}
    for sheet in sorted((docs / STYLES).glob("*.css")):
        if sheet.stem not in known:
            raise PluginError(
                f"Stilmallen docs/{(STYLES / sheet.name).as_posix()} hör inte till någon komponent: "
                f"det finns ingen {sheet.stem}.js i docs/{MODULES.as_posix()}/ som anropar register(). "
                "En komponents stilmall ska heta som komponenten (till exempel recurring.css för "
                'data-mdx-component="recurring"), annars läser ingen sida in den.'
            )


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """A stylesheet for each component on the page that has one, after handbook.css's
    link; a module script for each component, after main.js's."""
    names = list(dict.fromkeys(_COMPONENT.findall(output)))
    if not names:
        return output
    docs = Path(config.docs_dir)
    css = CSS_TAG.search(output)
    styled = [n for n in names if (docs / STYLES / f"{n}.css").is_file()]
    if css and styled:
        links = "".join(f'<link rel="stylesheet" href="{css.group(1)}{STYLES.as_posix()}/{n}.css">' for n in styled)
        output = output[: css.end()] + links + output[css.end() :]
    main = MAIN_TAG.search(output)
    if not main or is_offline(config):  # the offline copy has one classic script
        return output
    missing = [n for n in names if not (docs / MODULES / f"{n}.js").is_file()]
    if missing:
        raise PluginError(
            f"Sidan {page.file.src_uri} har komponenten {', '.join(missing)}, men det finns ingen "
            f"{', '.join(n + '.js' for n in missing)} i docs/{MODULES.as_posix()}/."
        )
    prefix = main.group(1)
    tags = "".join(f'<script src="{prefix}{MODULES.as_posix()}/{n}.js" type="module"></script>' for n in names)
    return output[: main.end()] + tags + output[main.end() :]


def on_post_build(*, config: MkDocsConfig) -> None:
    if _command == "serve":
        return
    minify(Path(config.config_file_path).parent, Path(config.docs_dir), Path(config.site_dir))
