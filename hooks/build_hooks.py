"""MkDocs hooks: validate the data file before anything else runs.

Runs before mkdocs-macros (higher event priority), so a mistake in
data/guideline.yml stops the build with one clear report and exit 1, never a
traceback from inside a macro.
"""

from __future__ import annotations

from pathlib import Path

import guideline_data  # sibling module; MkDocs puts hooks/ on sys.path while loading
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files


def data_path(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent / "data" / "guideline.yml"


@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        guideline_data.load(data_path(config))
    except guideline_data.DataError as exc:
        raise PluginError(exc.report()) from None
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    pages = {f.src_uri for f in files.documentation_pages()}
    problems = guideline_data.page_problems(data_path(config), pages)
    if problems:
        raise PluginError(guideline_data.DataError(problems).report())
    return files
