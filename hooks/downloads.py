"""The files a publication adds next to the pages (scripts/publish.py): the whole
handbook as a PDF and an offline copy as a zip. The build links to them, and
counts them as files that exist, only when MDX_DOWNLOADS=1 says that they will
be there (publish sets it); an ordinary build has no such links.

Pure: no MkDocs import.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

PDF = "hela-handboken.pdf"
OFFLINE_ZIP = "handbok-offline.zip"
PRINT_PAGE = "hela-handboken.md"
ENV = "MDX_DOWNLOADS"


def published(environ: Mapping[str, str] = os.environ) -> list[str]:
    """The download files this build may link to (site-relative)."""
    return [PDF, OFFLINE_ZIP] if environ.get(ENV) == "1" else []
