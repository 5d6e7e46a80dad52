"""MkDocs hooks: validate the data file before anything else runs.

Runs before mkdocs-macros (higher event priority), so a mistake in
data/guideline.yml stops the build with one clear report and exit 1, never a
traceback from inside a macro.
"""

from __future__ import annotations

from pathlib import Path

import guideline_data  # sibling modules; MkDocs puts hooks/ on sys.path while loading
import page_macros
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page


def data_path(config: MkDocsConfig) -> Path:
    return guideline_data.data_file_for(config.config_file_path)


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        guideline_data.load(data_path(config))
    except guideline_data.DataError as exc:
        raise PluginError(exc.report()) from None
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Every section's page exists, and every page's macro calls are right."""
    path = data_path(config)
    data = guideline_data.load(path)
    pages = list(files.documentation_pages())
    problems = guideline_data.page_problems(path, {f.src_uri for f in pages})
    for file in pages:
        source = Path(file.abs_src_path)
        name = guideline_data.display_name(source, Path(config.config_file_path).resolve().parent)
        problems += page_macros.problems(name, source.read_text(encoding="utf-8-sig"), data)
    if problems:
        raise PluginError(guideline_data.DataError(problems, subject="Handboken").report())
    return files


@event_priority(-100)  # after mkdocs-macros: the definitions are never rendered as Jinja
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Append the glossary as abbreviations, so its terms show a tooltip on every page."""
    lines = [
        f"*[{form}]: {' '.join(entry['definition'].split())}"
        for entry in guideline_data.load(data_path(config))["glossary"]
        for form in _forms(entry)
    ]
    return markdown + "\n\n" + "\n".join(lines) + "\n" if lines else markdown


def _forms(entry: dict) -> list[str]:
    """The term, its other forms, and each capitalised (for the start of a sentence)."""
    forms = [entry["term"], *entry.get("forms", [])]
    capitalised = [f[:1].upper() + f[1:] for f in forms]
    return list(dict.fromkeys(f for f in forms + capitalised if "[" not in f and "]" not in f))
