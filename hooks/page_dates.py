"""'Senast uppdaterad' on every page, from git, through mkdocs-git-revision-date-localized.

The plugin finds each page's last commit and writes dates in Swedish. This hook
decides what a page may claim, and never claims a date that is not true:

- no history for the page (not committed yet, or no git at all): no date. The
  plugin would give the time of the build, which is not when the page changed;
- a shallow clone, where the page's last commit is the clone's boundary: no date.
  The boundary looks as if it added every file, so its date is not the page's;
- a page that renders the data file (render_macros: true): the later of the
  page's and data/guideline.yml's last commits, since its rules, checklists and
  forms come from there. If the data file's date is unknown, so is the page's.

The result is page.meta["mdx_updated"] ({"iso": "2026-11-29", "text": "29 november
2026"}, or None), which overrides/main.html prints. Material's own line (an icon,
the date, and the words only in a tooltip) is left out.
"""

from __future__ import annotations

import logging
import subprocess
from dataclasses import dataclass
from pathlib import Path

import guideline_data
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

PLUGIN = "git-revision-date-localized"


@dataclass(frozen=True)
class Commit:
    hash: str  # "" when git knows no commit for the file
    timestamp: int


def updated(page: Commit, data: Commit | None, shallow: frozenset[str]) -> int | None:
    """When the page last changed, or None when the history cannot say.

    `data` is the data file's last commit for a page that renders it, else None."""
    commits = [page] if data is None else [page, data]
    if any(not c.hash or c.hash in shallow for c in commits):
        return None
    return max(c.timestamp for c in commits)


def shallow_commits(root: Path) -> frozenset[str]:
    """The boundary commits of a shallow clone (empty for a full clone or no git)."""
    try:
        out = subprocess.run(
            ["git", "rev-parse", "--path-format=absolute", "--git-path", "shallow"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return frozenset()
    path = Path(out)
    return frozenset(path.read_text(encoding="ascii").split()) if path.is_file() else frozenset()


class _Quiet(logging.Filter):
    """The plugin warns about shallow clones on CI (which --strict turns into a failed
    build); here a shallow clone only leaves the dates out, so say that instead."""

    def filter(self, record: logging.LogRecord) -> bool:
        logging.getLogger("mkdocs.hooks.page_dates").info("Grund klon: datum som git inte vet lämnas bort.")
        return False


_QUIET = _Quiet()
_state: dict = {}


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    ci = logging.getLogger("mkdocs.plugins.mkdocs_git_revision_date_localized_plugin.ci")
    if _QUIET not in ci.filters:
        ci.addFilter(_QUIET)
    root = Path(config.config_file_path).resolve().parent
    _state.clear()
    _state.update(root=root, shallow=shallow_commits(root), data=None)
    return config


@event_priority(50)  # before mkdocs-macros, so a page's macros can print the date too
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, **_: object) -> str:
    plugin = config.plugins.get(PLUGIN)
    page.meta["mdx_updated"] = None
    if plugin is None or not plugin.config.get("enabled"):
        return markdown
    util = plugin.util
    # The plugin's own lookup, from the cache it filled for every page in on_files.
    own = Commit(*plugin._get_commit(page, is_first_commit=False))
    data = None
    if page.meta.get("render_macros"):
        if _state.get("data") is None:
            path = guideline_data.data_file_for(config.config_file_path)
            _state["data"] = Commit(*util.get_git_commit_timestamp(str(path)))
        data = _state["data"]
    when = updated(own, data, _state.get("shallow", frozenset()))
    if when is not None:
        formats = util.get_date_formats_for_timestamp(when, locale=plugin.config["locale"], add_spans=False)
        page.meta["mdx_updated"] = {"iso": formats["iso_date"], "text": formats["date"]}
    return markdown


def on_page_content(html: str, *, page: Page, **_: object) -> str:
    """Material would print the plugin's date as well, as an icon with a tooltip."""
    page.meta.pop("git_revision_date_localized", None)
    return html
