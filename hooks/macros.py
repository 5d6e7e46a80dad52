"""mkdocs-macros module: a few small macros that render data through partials.

Data flows one way: data/guideline.yml -> guideline_data.load() -> a macro
here picks plain data -> a Jinja partial in overrides/partials/ renders it
(through partials.Partials: one environment per build, autoescaped, strict) ->
the page. No HTML is built in Python.

Ids passed to a macro are checked before rendering (page_macros.py, run by
the build hooks and by `make check`), so a typo in a page is reported with its
file and line. A mistake inside a partial is recorded (partials.problems) and
reported by the build hooks with the partial's name and line.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# mkdocs-macros loads this file by path; make the sibling modules importable.
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

import glossary as terms  # noqa: E402
import guideline_data  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402
from partials import Partials, stash  # noqa: E402


def define_env(env: Any) -> None:
    """Called by mkdocs-macros once per build (and per rebuild under `serve`)."""
    config = env.conf
    project = Path(config.config_file_path).resolve().parent
    data = guideline_data.load(guideline_data.data_file_for(config.config_file_path))
    use_directory_urls = config.use_directory_urls

    def url_of(src: str) -> str:
        """The site URL of a Markdown page, the way MkDocs computes it."""
        return File(src, "", "", use_directory_urls).url

    def href(src: str, anchor: str | None = None) -> str:
        """A link from the page being rendered to page `src` (and `anchor`):
        relative, so it works at the site root, under a sub-path and from disk."""
        fragment = f"#{anchor}" if anchor else ""
        page = env.page
        if page is not None and page.file.src_uri == src:
            return fragment or "./"
        current = page.url if page is not None else ""
        return get_relative_url(url_of(src), current) + fragment

    sections = _by_id(data["sections"])
    rules_by_id = _by_id(data["rules"])

    def rule_href(rule: dict | str) -> str:
        """The one place that knows where a rule lives: its section's page, its id."""
        rule = rules_by_id[rule] if isinstance(rule, str) else rule
        return href(sections[rule["section"]]["page"], rule["id"])

    partials = Partials(
        project / "overrides",
        project,
        cache=project / ".cache" / "jinja",
        filters={"glossary": terms.marker(terms.abbreviations(data["glossary"]))},
        href=href,
        rule_href=rule_href,
        roles_by_id=_by_id(data["roles"]),
        rules_by_id=rules_by_id,
        sections_by_id=sections,
        guideline=data["guideline"],
        settings=data["settings"],
    )

    def render(template: str, *, inline: bool = False, **context: Any) -> str:
        html = partials.render_or_record(template, **context)
        if inline:
            return html.strip()
        return stash.put(env.page.file.src_uri if env.page is not None else "", html)

    @env.macro
    def rules(section: str) -> str:
        """The rules of one section, each with its own anchor (the rule id)."""
        return render("rules.html", rules=[r for r in data["rules"] if r["section"] == section])

    @env.macro
    def rule_index() -> str:
        """Every rule, grouped by section, linking to the rule's own anchor."""
        groups = [
            {"section": s, "rules": [r for r in data["rules"] if r["section"] == s["id"]]} for s in data["sections"]
        ]
        return render(
            "rule_index.html",
            groups=[g for g in groups if g["rules"]],
            roles=data["roles"],
            count=len(data["rules"]),
        )

    @env.macro
    def checklist(checklist_id: str) -> str:
        """One checklist as a form: fieldsets per step, a checkbox and label per item."""
        return render("checklist.html", checklist=_by_id(data["checklists"])[checklist_id])

    @env.macro
    def registration(checklist_id: str) -> str:
        """The account registration form, its review step and its outputs.

        The review also shows the state of the checklist `checklist_id`,
        which must be on the same page."""
        return render("registration.html", fields=data["account_fields"], checklist_id=checklist_id)

    @env.macro
    def data_reference() -> str:
        """The fields of each list in the data file, read from the JSON Schema."""
        schema = guideline_data.schema()
        lists = [
            {"name": name, "description": prop.get("description", ""), "fields": _fields(schema, prop["items"])}
            for name, prop in schema["properties"].items()
            if prop.get("type") == "array" and "properties" in prop.get("items", {})
        ]
        return render("data_reference.html", lists=lists)

    @env.macro
    def roles() -> str:
        """Every role with its responsibility and the rules that apply to it."""
        return render(
            "roles.html",
            roles=data["roles"],
            rules_by_role={
                role["id"]: [r for r in data["rules"] if role["id"] in r["roles"]] for role in data["roles"]
            },
        )

    @env.macro
    def roles_way_in() -> str:
        """'Vad gäller för mig?': per role, its rules in the catalogue, the role, and the
        checklists with a step for it (home page)."""
        rules = {r["id"]: r for r in data["rules"]}

        def item_roles(item: dict) -> list[str]:
            return item.get("roles") or (rules[item["rule"]]["roles"] if item.get("rule") else [])

        entries = []
        for role in data["roles"]:
            own = [r for r in data["rules"] if role["id"] in r["roles"]]
            checklists = [
                c
                for c in data["checklists"]
                if any(role["id"] in item_roles(item) for step in c["steps"] for item in step["items"])
            ]
            entries.append({"role": role, "count": len(own), "checklists": checklists})
        return render("roles_way_in.html", entries=entries)

    @env.macro
    def glossary() -> str:
        """The glossary, sorted the Swedish way (å, ä, ö last)."""
        entries = sorted(data["glossary"], key=lambda e: _swedish_sort_key(e["term"]))
        return render("glossary.html", glossary=entries)

    @env.macro
    def contact() -> str:
        """'kommunikationsfunktionen', with its contact when configured (inline)."""
        return render("contact.html", inline=True)

    @env.macro
    def official_accounts() -> str:
        """The configured official accounts, or a sentence saying who keeps the list."""
        return render("official_accounts.html", accounts=data["settings"]["official_accounts"])

    @env.macro
    def notice() -> str:
        """What the handbook is, and that the adopted document applies (linked when configured)."""
        return render("notice.html")

    @env.macro
    def settings() -> dict:
        """The kommun's configuration (settings: in the data file); values may be None."""
        return data["settings"]

    @env.macro
    def guideline() -> dict:
        """Metadata about the guideline and the decision (for prose pages)."""
        return data["guideline"]

    @env.macro
    def source_kinds() -> str:
        """What the kinds of source at each rule mean, the decision's topics, and the
        authorities the rules cite (for regler.md, under the anchor #kallor)."""
        cited = [s["authority"] for r in data["rules"] for s in r["source"] if s["kind"] == "vägledning"]
        return render("source_kinds.html", authorities=list(dict.fromkeys(cited)))


def _fields(schema: dict, item: dict) -> list[dict]:
    """Plain rows for one list's items: name, required, what is allowed, description."""
    rows = []
    for name, prop in item["properties"].items():
        target = prop
        if "$ref" in prop:
            target = schema["$defs"][prop["$ref"].rsplit("/", 1)[-1]]
        if "enum" in prop:
            allowed = ", ".join(str(v) for v in prop["enum"])
        elif prop.get("type") == "array":
            allowed = "lista"
        elif prop.get("type") == "boolean":
            allowed = "true eller false"
        elif prop.get("type") == "integer":
            allowed = "heltal"
        elif prop.get("$ref", "").endswith("/id"):
            allowed = "id: a–z, 0–9 och bindestreck"
        else:
            allowed = "text"
        rows.append(
            {
                "name": name,
                "required": name in item.get("required", []),
                "allowed": allowed,
                "description": prop.get("description") or target.get("description", ""),
            }
        )
    return rows


_SWEDISH_ORDER = {"å": "{", "ä": "|", "ö": "}"}  # after z in ASCII, in Swedish order


def _swedish_sort_key(text: str) -> str:
    return "".join(_SWEDISH_ORDER.get(ch, ch) for ch in text.lower())


def _by_id(items: list[dict]) -> dict[str, dict]:
    return {item["id"]: item for item in items}
