"""Short links to rules: r/<id>/ leads to the rule on its section's page.

Like webbriktlinjer.se/99: a link short enough to read aloud or type. Each is
a small static page (overrides/partials/short_link.html) generated from the
data file at build time. Its link to the rule is relative, so it works at the
site root, under a sub-path and from disk.

Pure: no MkDocs import. The build hooks add the pages to the site and run the
link check over them; they render the template through partials.Partials, so a
mistake in it is reported in Swedish with its file and line.
"""

from __future__ import annotations

from collections.abc import Callable

import ids

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


def retired_target(entry: dict, data: dict, versions: list[dict], page_url: Callable[[str], str]) -> str | None:
    """Where a retired id's short link leads: the note at its old anchor, on the page
    where it was last published (the note says it changed and links on); else what
    replaced it. None for an id that was never published and names no replacement."""
    sections = {s["id"]: s for s in data["sections"]}
    section = ids.last_section(versions, entry["id"])
    if section in sections:
        return "../../" + page_url(sections[section]["page"]) + f"#{entry['id']}"
    replacement = entry.get("replaced_by")
    if not replacement:
        return None
    if replacement.endswith(".md"):
        return "../../" + page_url(replacement)
    rules = {r["id"]: r for r in data["rules"]}
    return target(rules[replacement], sections, page_url)


def pages(
    data: dict, page_url: Callable[[str], str], render: Callable[..., str], site_name: str, versions: list[dict] = ()
) -> dict[str, str]:
    """Site-relative path -> HTML of every rule's short link page, and of every
    retired id's, so that a short link once given out keeps working.
    `render(**context)` renders overrides/partials/short_link.html."""
    sections = {s["id"]: s for s in data["sections"]}
    found = {
        path_of(rule["id"]): render(rule=rule, target=target(rule, sections, page_url), site_name=site_name)
        for rule in data["rules"]
    }
    for entry in data.get("retired") or []:
        goal = retired_target(entry, data, list(versions), page_url)
        if goal:
            note = " ".join(x for x in ("Regeln har ändrats.", entry.get("note") or "") if x)
            found[path_of(entry["id"])] = render(
                rule={"id": entry["id"], "text": note}, target=goal, site_name=site_name
            )
    return found
