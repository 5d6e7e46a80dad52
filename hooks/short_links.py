"""Short links to rules: r/<id>/ leads to the rule on its section's page.

Like webbriktlinjer.se/99: a link short enough to read aloud or type. Each is
a small static page (overrides/partials/short_link.html) generated from the
data file at build time. Its link to the rule is relative, so it works at the
site root, under a sub-path and from disk.

Pure: no MkDocs import. The build hooks add the pages to the site and run the
link check over them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import jinja2

DIRECTORY = "r"


def path_of(rule_id: str) -> str:
    """Where a rule's short link is written, relative to the site."""
    return f"{DIRECTORY}/{rule_id}/index.html"


def url_of(rule_id: str) -> str:
    """The short link itself, relative to the site root."""
    return f"{DIRECTORY}/{rule_id}/"


def target(rule: dict, sections: dict[str, dict], page_url: Callable[[str], str]) -> str:
    """The rule's anchor on its page, relative to the short link's folder (two levels down)."""
    return "../../" + page_url(sections[rule["section"]]["page"]) + f"#{rule['id']}"


def pages(data: dict, page_url: Callable[[str], str], overrides: Path, site_name: str) -> dict[str, str]:
    """Site-relative path -> HTML of every rule's short link page."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(overrides)), autoescape=True, undefined=jinja2.StrictUndefined
    )
    template = env.get_template("partials/short_link.html")
    sections = {s["id"]: s for s in data["sections"]}
    return {
        path_of(rule["id"]): template.render(rule=rule, target=target(rule, sections, page_url), site_name=site_name)
        for rule in data["rules"]
    }
