"""MkDocs hooks: check the data, the pages and what the build generates.

- on_config (before mkdocs-macros): the data file, so a mistake there stops the
  build with one clear report and exit 1, never a traceback from a macro; the
  glossary becomes the abbreviations shown as tooltips;
- on_files: every page's front matter and macro calls, and that each section's
  rules are rendered on its own page exactly once; a short link page per rule
  (r/<id>/, short_links.py) and the rules as open data (data/regler.json,
  open_data.py);
- on_nav: the pages the 404 page links to are in the nav;
- on_env (after every page is rendered, before any is written): mistakes in
  the partials, and every link and anchor in the rendered pages;
- on_post_build (after Material's search wrote its index): an entry per rule
  and the synonyms from the data file in the search index.

The checks themselves are plain modules (guideline_data, page_macros,
html_check, partials, search_index, short_links, open_data) that know nothing
of MkDocs.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import bundle
import downloads
import glossary
import guideline_data  # sibling modules; MkDocs puts hooks/ on sys.path while loading
import html_check
import ids
import open_data
import page_macros
import partials
import search_index
import short_links
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

_MAX_LINES = 30  # problems shown in one report; one mistake can break hundreds of links
_LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", ""}
# Settings whose empty value is an answer: no known accessibility issues.
_MAY_BE_EMPTY = {"accessibility_issues"}
_command = "build"  # set by on_startup: "serve" is the local preview


def on_startup(*, command: str, dirty: bool) -> None:
    global _command
    _command = command


def is_publishing(command: str, site_url: str | None) -> bool:
    """A build for publishing: `mkdocs build` for a public address (not the
    local preview, and not a build for 127.0.0.1 such as the tests')."""
    return command == "build" and (urlsplit(site_url or "").hostname or "") not in _LOCAL_HOSTS


def publishing_warning(settings: dict) -> str | None:
    """What a publishing build says while the kommun's settings are empty."""
    empty = [name for name, value in settings.items() if value in (None, "", []) and name not in _MAY_BE_EMPTY]
    if not empty:
        return None
    return (
        "VARNING  -  Kommunens uppgifter saknas i data/guideline.yml under settings: "
        + ", ".join(empty)
        + ". Handboken fungerar ändå, men då står det till exempel bara att en anmälan lämnas till "
        "kommunikationsfunktionen, utan adress. Fyll i uppgifterna innan handboken publiceras "
        "(se För redaktörer, Fylla i kommunens uppgifter)."
    )


def edit_base(repository_edit_url: str | None, docs_prefix: str) -> str | None:
    """Where 'Föreslå en ändring' leads: the repository's edit address for the source
    tree (extra.repository_edit_url, or REPO_EDIT_URL) and the docs folder; the page
    adds its own file. None (no link) while the address is not set."""
    if not repository_edit_url:
        return None
    parts = urlsplit(repository_edit_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PluginError(
            f"repository_edit_url i mkdocs.yml (eller REPO_EDIT_URL) ska vara en hel adress som börjar med "
            f"https://, till exempel adressen där man redigerar filerna i förrådets huvudgren. "
            f"Nu står det: {repository_edit_url}"
        )
    return repository_edit_url.rstrip("/") + "/" + docs_prefix


def data_path(config: MkDocsConfig) -> Path:
    return guideline_data.data_file_for(config.config_file_path)


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the data file; give the glossary to the abbreviation extension, so
    its terms show a tooltip on every page (the extension's own `glossary`
    option: far cheaper than appending *[term]: definitions to each page)."""
    try:
        data = guideline_data.load(data_path(config))
    except guideline_data.DataError as exc:
        raise PluginError(exc.report()) from None
    # For the theme's templates (overrides/main.html prints what the handbook is on every page).
    config.extra["mdx_handbook"] = {"guideline": data["guideline"], "settings": data["settings"]}
    # Material's storage scope, the same on every page: the site's path, which is what
    # its relative default ("..", "../..") resolves to. One text for the inline script
    # on every page, so the web server's Content-Security-Policy allows it by one hash
    # (deploy/handbok-headers.conf).
    config.extra.setdefault("scope", urlsplit(config.site_url or "/").path or "/")
    config.extra["mdx_edit_base"] = edit_base(config.extra.get("repository_edit_url"), _docs_prefix(config))
    if is_publishing(_command, config.site_url):
        warning = publishing_warning(data["settings"])
        if warning:
            # Not through MkDocs' logger: --strict would turn it into a failed build, and the
            # site works without the settings. Shown, not fatal.
            print(warning, file=sys.stderr)
    if bundle.is_offline(config):
        # The offline copy (scripts/offline.py) carries the search worker's shim itself: without
        # this the plugin would load it from another host.
        config.extra["polyfills"] = ["assets/javascripts/iframe-worker-shim.js"]
    partials.stash.enabled = True  # on_page_content puts the macros' HTML back
    abbr = config.mdx_configs.setdefault("abbr", {})
    abbr["glossary"] = {**glossary.abbreviations(data["glossary"]), **abbr.get("glossary", {})}
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Every section's page exists, and every page's macro calls are right."""
    path = data_path(config)
    data = guideline_data.load(path)
    pages = {f.src_uri: Path(f.abs_src_path).read_text(encoding="utf-8-sig") for f in files.documentation_pages()}
    problems = guideline_data.page_problems(path, set(pages))
    problems += page_macros.site_problems(pages, data, docs_prefix=_docs_prefix(config))
    root = Path(config.config_file_path).resolve().parent
    problems += ids.problems(data, ids.load_record(root), ids.record_text(root), path.read_text(encoding="utf-8"))
    if problems:
        raise PluginError(guideline_data.DataError(problems, subject="Handboken").report())
    for path, html in _short_link_pages(config, data).items():
        files.append(File.generated(config, path, content=html))
    for path, content in open_data.files(data, _page_url(config), config.site_url).items():
        files.append(File.generated(config, path, content=content))
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """The pages the 404 page offers (extra.mdx_popular_pages) are in the nav."""
    in_nav = {page.file.src_uri for page in nav.pages}
    missing = [src for src in config.extra.get("mdx_popular_pages") or [] if src not in in_nav]
    if missing:
        raise PluginError(
            "mkdocs.yml, extra.mdx_popular_pages: "
            + ", ".join(missing)
            + " finns inte i nav. Skriv sökvägen till en sida i docs/ som finns i nav."
        )
    return nav


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The macros' HTML, kept out of Markdown (see partials.Stash), back in its place."""
    return partials.stash.restore(page.file.src_uri, html)


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    """Stop before anything is written if a partial failed or a link leads nowhere."""
    if partials.problems:  # report these alone: the links they left out would only add noise
        raise PluginError(guideline_data.DataError(partials.problems, subject="Mallarna").report())
    lost = partials.stash.left_behind()
    if lost:
        raise PluginError(guideline_data.DataError(lost, subject="Handboken").report())
    prefix = _docs_prefix(config)
    pages = [
        html_check.RenderedPage(prefix + f.src_uri, f.url, f.page.content or "")
        for f in files.documentation_pages()
        if f.page is not None
    ]
    pages += [
        html_check.RenderedPage(f"{path} (kort länk till en regel)", path.removesuffix("index.html"), html)
        for path, html in _short_link_pages(config, guideline_data.load(data_path(config))).items()
    ]
    others = {f.url for f in files if not f.is_documentation_page()}
    others.update(downloads.published())  # written by scripts/publish.py after the build
    problems = html_check.problems(pages, others)
    if problems:
        report = guideline_data.DataError(problems, subject="Den byggda handboken").report().splitlines()
        if len(report) > _MAX_LINES + 1:
            report = [*report[: _MAX_LINES + 1], f"  … och {len(report) - _MAX_LINES - 1} fel till av samma slag."]
        raise PluginError("\n".join(report))
    return env


@event_priority(-100)  # after the search plugin has written the index
def on_post_build(*, config: MkDocsConfig) -> None:
    """The search index: every rule its own entry, synonyms from the data file."""
    path = Path(config.site_dir) / "search" / "search_index.json"
    if not path.exists():  # search turned off
        return
    data = guideline_data.load(data_path(config))
    index = json.loads(path.read_text(encoding="utf-8"))

    enriched = search_index.enrich(index, data, _page_url(config))
    path.write_text(json.dumps(enriched, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _page_url(config: MkDocsConfig) -> Callable[[str], str]:
    """A Markdown page's site URL, the way MkDocs computes it."""
    return lambda src: File(src, "", "", config.use_directory_urls).url


def _short_link_pages(config: MkDocsConfig, data: dict) -> dict[str, str]:
    root = Path(config.config_file_path).resolve().parent
    template = partials.Partials(root / "overrides", root)

    def render(**context: object) -> str:
        return template.render("short_link.html", **context)

    try:
        return short_links.pages(data, _page_url(config), render, config.site_name, ids.load_record(root))
    except partials.PartialError as exc:
        raise PluginError(guideline_data.DataError([exc.problem], subject="Mallarna").report()) from None


def _docs_prefix(config: MkDocsConfig) -> str:
    root = Path(config.config_file_path).resolve().parent
    return guideline_data.display_name(Path(config.docs_dir), root) + "/"
