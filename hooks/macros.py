"""mkdocs-macros module: a few small macros that render data through partials.

Ids passed to a macro are checked before rendering, by page_macros.py in the
build hooks, so a typo in a page is reported with its file and line.

Data flows one way: data/guideline.yml -> guideline_data.load() -> a macro
here gathers plain data -> a Jinja partial in overrides/partials/ renders it
(autoescaped, so text from the data file is never markup) -> the page.
No HTML is built in Python.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

# mkdocs-macros loads this file by path; make the sibling loader importable.
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

import guideline_data  # noqa: E402


def define_env(env: Any) -> None:
    config = env.conf
    data_file = guideline_data.data_file_for(config.config_file_path)

    def data() -> dict:
        return guideline_data.load(data_file)

    def render(template: str, **context: Any) -> str:
        # Theme environment (Material's filters and icons), with autoescape on:
        # every value from the data file is escaped, never rendered as markup.
        jinja = config.theme.get_env().overlay(autoescape=True)
        page = env.page
        return jinja.get_template(f"partials/{template}").render(
            config=config, page=page, base_url=_base_url(page), page_url=_page_url, **context
        )

    @env.macro
    def rules(section: str) -> str:
        """The rules of one section, each with its own anchor (the rule id)."""
        d = data()
        selected = [r for r in d["rules"] if r["section"] == section]
        return render("rules.html", rules=selected, roles=_by_id(d["roles"]), guideline=d["guideline"])

    @env.macro
    def rule_index() -> str:
        """Every rule, grouped by section, linking to the rule's own anchor."""
        d = data()
        groups = [{"section": s, "rules": [r for r in d["rules"] if r["section"] == s["id"]]} for s in d["sections"]]
        return render(
            "rule_index.html",
            groups=[g for g in groups if g["rules"]],
            roles=d["roles"],
            roles_by_id=_by_id(d["roles"]),
            count=len(d["rules"]),
        )

    @env.macro
    def checklist(checklist_id: str) -> str:
        """One checklist as a form: fieldsets per step, a checkbox and label per item."""
        d = data()
        return render(
            "checklist.html",
            checklist=_by_id(d["checklists"])[checklist_id],
            rules=_by_id(d["rules"]),
            roles=_by_id(d["roles"]),
            sections=_by_id(d["sections"]),
        )

    @env.macro
    def registration(checklist_id: str) -> str:
        """The account registration form, its review step and its outputs.

        The review also shows the state of the checklist `checklist_id`,
        which must be on the same page."""
        d = data()
        return render(
            "registration.html",
            fields=d["account_fields"],
            rules=_by_id(d["rules"]),
            sections=_by_id(d["sections"]),
            checklist_id=checklist_id,
            guideline=d["guideline"],
            recipient=d["settings"]["registration_recipient"],
            contact=d["settings"]["communications_contact"],
        )

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
        d = data()
        return render(
            "roles.html",
            roles=d["roles"],
            sections=_by_id(d["sections"]),
            rules_by_role={role["id"]: [r for r in d["rules"] if role["id"] in r["roles"]] for role in d["roles"]},
        )

    @env.macro
    def glossary() -> str:
        """The glossary, sorted the Swedish way (å, ä, ö last)."""
        entries = sorted(data()["glossary"], key=lambda e: _swedish_sort_key(e["term"]))
        return render("glossary.html", glossary=entries)

    @env.macro
    def contact() -> str:
        """'kommunikationsfunktionen', with its contact when configured (inline)."""
        return render("contact.html", contact=data()["settings"]["communications_contact"]).strip()

    @env.macro
    def official_accounts() -> str:
        """The configured official accounts, or a sentence saying who keeps the list."""
        return render("official_accounts.html", accounts=data()["settings"]["official_accounts"])

    @env.macro
    def settings() -> dict:
        """The kommun's configuration (settings: in the data file); values may be None."""
        return data()["settings"]

    @env.macro
    def guideline() -> dict:
        """Metadata about the guideline and the decision (for prose pages)."""
        return data()["guideline"]

    @env.macro
    def source_kinds() -> str:
        """What the kinds of source at each rule mean, the decision's topics, and the
        authorities the rules cite (for regler.md, under the anchor #kallor)."""
        d = data()
        cited = [s["authority"] for r in d["rules"] for s in r["source"] if s["kind"] == "vägledning"]
        return render("source_kinds.html", guideline=d["guideline"], authorities=list(dict.fromkeys(cited)))


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


def _page_url(md_path: str) -> str:
    """Site-relative URL of a Markdown page (directory URLs): 'a/b.md' -> 'a/b/'."""
    stem = md_path.removesuffix(".md")
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/"


def _base_url(page: Any) -> str:
    """Relative path from the page to the site root, e.g. '../'."""
    if page is None:
        return "./"
    depth = page.url.count("/")
    return "../" * depth or "./"
