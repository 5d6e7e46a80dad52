"""Check the HTML the build generates: every internal link leads to a page
that exists and to an anchor that is on it, and no page has an id twice.

MkDocs validates links written in Markdown, but not links inside raw HTML,
which is what the macros produce (rule links in checklists, the catalogue,
the roles page). This check covers both, on the pages' rendered content.

Pure: no MkDocs import. The build hooks call `problems()` after every page
is rendered and before any page is written.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from guideline_data import Problem

_HREF = re.compile(r"<a\b[^>]*?\shref=\"([^\"]*)\"", re.IGNORECASE)
_ID = re.compile(r"\sid=\"([^\"]+)\"")


@dataclass(frozen=True)
class RenderedPage:
    name: str  # what an editor knows, e.g. docs/lagar/arkiv.md
    url: str  # site-relative URL as MkDocs gives it: 'lagar/arkiv/' or 'lagar/arkiv.html'
    html: str  # the page's rendered content


def _key(url: str) -> str:
    return url.removeprefix("./")


def problems(pages: list[RenderedPage], other_files: set[str]) -> list[Problem]:
    """`other_files`: site-relative URLs of everything else that is published (assets)."""
    ids = {_key(p.url): Counter(_ID.findall(p.html)) for p in pages}
    found: list[Problem] = []
    for page in pages:
        for anchor, count in ids[_key(page.url)].items():
            if count > 1:
                found.append(
                    Problem(
                        page.name,
                        0,
                        "id",
                        f'Id "{anchor}" finns {count} gånger på sidan. Ett id får bara finnas en gång.',
                    )
                )
        for href in dict.fromkeys(_HREF.findall(page.html)):
            message = _link_problem(page, unquote(href), ids, other_files)
            if message:
                found.append(Problem(page.name, 0, "länk", f"{message} (länken {href})."))
    return found


def _link_problem(page: RenderedPage, href: str, ids: dict[str, Counter], other_files: set[str]) -> str | None:
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or href.startswith("//"):
        return None  # another site: not ours to check here
    if parts.path.startswith("/"):
        return "En länk inom handboken får inte börja med /, för då fungerar den inte från en undermapp eller från disk"
    url = _key(page.url)
    base = url if url.endswith("/") or not url else posixpath.dirname(url)
    if parts.path:
        joined = posixpath.normpath(posixpath.join(base or ".", parts.path))
        target = "" if joined == "." else joined
        if parts.path.endswith("/") and target:
            target += "/"
        if target.startswith(".."):
            return "Länken pekar utanför handboken"
    else:
        target = _key(page.url)
    if target not in ids:
        if target in other_files or target.rstrip("/") in other_files:
            return None
        return "Länken leder till en sida som inte finns"
    if parts.fragment and parts.fragment not in ids[target]:
        where = "sidan" if target == _key(page.url) else f"sidan {target or './'}"
        return f"Ankaret #{parts.fragment} finns inte på {where}"
    return None
