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
from datetime import date
from pathlib import Path
from typing import Any

# mkdocs-macros loads this file by path; make the sibling modules importable.
_HERE = str(Path(__file__).resolve().parent)
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

import comment_guide as guide_graph  # noqa: E402
import downloads  # noqa: E402
import glossary as terms  # noqa: E402
import guideline_data  # noqa: E402
import ids  # noqa: E402
from mkdocs.structure.files import File  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402
from partials import Partials, problems, stash  # noqa: E402


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

    guide = data["comment_guide"]

    def guide_outcomes(rule_id: str) -> list[dict]:
        """'Se också' at a rule: a link to each outcome of the guide that cites the rule."""
        return [
            {"title": o["title"], "href": href(guide["page"], o["id"])}
            for o in guide_graph.outcomes_by_rule(guide).get(rule_id, [])
        ]

    problems.clear()  # one list of template mistakes per build (build_hooks.on_env reports it)
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
        cited_rules=guide_graph.cited_rules,
        guide_outcomes=guide_outcomes,
        guide_title=guide["title"] if guide else None,
    )

    def render(template: str, *, inline: bool = False, **context: Any) -> str:
        html = partials.render_or_record(template, **context)
        if inline:
            return html.strip()
        return stash.put(env.page.file.src_uri if env.page is not None else "", html)

    def page_titles() -> dict[str, str]:
        """Markdown source path -> its title in the navigation."""
        titles: dict[str, str] = {}

        def walk(items: Any) -> None:
            for item in items or []:
                if isinstance(item, dict):
                    for title, target in item.items():
                        if isinstance(target, str):
                            titles[target] = title
                        else:
                            walk(target)

        walk(config.nav)
        return titles

    def book_titles() -> dict[str, str]:
        """Markdown source path -> its title in the nav, with the group's title for an
        "Översikt" (the first page of a group), so that a title stands alone on paper."""
        titles: dict[str, str] = {}

        def walk(items: Any, parent: str | None) -> None:
            for item in items or []:
                if isinstance(item, dict):
                    for title, target in item.items():
                        if isinstance(target, str):
                            titles[target] = parent if parent and title == "Översikt" else title
                        else:
                            walk(target, title)

        walk(config.nav, None)
        return titles

    versions = ids.load_record(project)
    marks = ids.marks(versions)

    @env.macro
    def rules(section: str) -> str:
        """The rules of one section, each with its own anchor (the rule id), and a
        note at the anchor of each retired rule that was last published here."""
        retired = [r for r in data["retired"] if ids.last_section(versions, r["id"]) == section]
        return render(
            "rules.html",
            rules=[r for r in data["rules"] if r["section"] == section],
            retired=retired,
            marks=marks,
            page_titles=page_titles(),
            anchor_prefix="",
        )

    @env.macro
    def print_handbook() -> str:
        """The whole guideline on one page (docs/hela-handboken.md): a title page with the
        latest published version, a table of contents, and every section's rules, grouped
        by the page that explains them, in the data file's order."""
        titles = book_titles()
        groups: list[dict] = []
        for section in data["sections"]:
            if not groups or groups[-1]["page"] != section["page"]:
                groups.append(
                    {"page": section["page"], "title": titles.get(section["page"], section["title"]), "sections": []}
                )
            groups[-1]["sections"].append(
                {**section, "rules": [r for r in data["rules"] if r["section"] == section["id"]]}
            )
        return render(
            "print_handbook.html",
            groups=groups,
            version=versions[-1] if versions else None,
            municipality=config.copyright,
            downloads=downloads.published(),
            marks=marks,
            page_titles=page_titles(),
        )

    @env.macro
    def downloads_list() -> str:
        """Links to the print page and, in a published build, to the PDF and the offline copy."""
        return render("downloads.html", downloads=downloads.published())

    @env.macro
    def changes() -> str:
        """Each published version: the rules added, changed and retired."""
        retired = {r["id"]: r for r in data["retired"]}
        return render("changes.html", versions=ids.changes(versions), retired=retired, page_titles=page_titles())

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

    checklists = _by_id(data["checklists"])
    forms = _by_id(data["forms"])

    @env.macro
    def checklist(checklist_id: str) -> str:
        """One checklist. By default a form: fieldsets per step, a checkbox and label per
        item. A checklist of kind "återkommande" gets a "last done" date per item and a
        yearly review instead (recurring.html)."""
        found = checklists[checklist_id]
        if found["kind"] == "återkommande":
            return render("recurring.html", checklist=found)
        form_of = {f["checklist"]: f for f in data["forms"]}
        return render("checklist.html", checklist=found, form=form_of.get(checklist_id))

    @env.macro
    def form(form_id: str) -> str:
        """A form from the data file (forms), its review step, hand-in and outputs.

        The review also shows the state of the form's checklist, which must be
        on the same page (hooks/page_macros.py checks that)."""
        chosen = forms[form_id]
        return render("form.html", form=chosen, checklist=checklists[chosen["checklist"]])

    @env.macro
    def task_list(form_id: str) -> str:
        """The steps of a form's checklist and the form itself as one task list,
        those after the hand-in under their own heading (GOV.UK's task list)."""
        chosen = forms[form_id]
        return render("task_list.html", form=chosen, checklist=checklists[chosen["checklist"]])

    @env.macro
    def comment_guide() -> str:
        """The guide "Hantera en kommentar": an outline of its questions and outcomes
        that handbook/comment-guide.js turns into one question at a time."""
        return render("comment_guide.html", guide=guide)

    @env.macro
    def data_reference() -> str:
        """The fields of each list in the data file, read from the JSON Schema."""
        schema = guideline_data.schema()
        lists: list[dict] = []

        def add(name: str, prop: dict) -> None:
            """A list of records, then the lists inside its records (forms › fields)."""
            if prop.get("type") != "array" or "properties" not in prop.get("items", {}):
                return
            item = prop["items"]
            lists.append(
                {
                    "name": name,
                    "anchor": "falt-" + name.replace(" › ", "-").replace("_", "-"),
                    "description": prop.get("description", ""),
                    "fields": _fields(schema, item),
                }
            )
            for key, inner in item["properties"].items():
                add(f"{name} › {key}", inner)

        for name, prop in schema["properties"].items():
            add(name, prop)
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
    def accessibility_statement(part: str) -> str:
        """One part ("status", "issues", "feedback" or "assessed") of the accessibility
        statement that only the kommun can give (settings: accessibility_*), or a plain
        note that it has not been filled in yet."""
        if part not in ("status", "issues", "feedback", "assessed"):
            raise ValueError(f"accessibility_statement: okänd del {part!r}")
        conf = data["settings"]
        assessed = conf.get("accessibility_assessed")
        return render(
            "accessibility.html",
            part=part,
            status=conf.get("accessibility_status"),
            assessed=_swedish_date(assessed) if assessed else None,
            feedback=conf.get("accessibility_feedback"),
            issues=conf.get("accessibility_issues") or [],
            updated=env.page.meta.get("mdx_updated") if env.page is not None else None,
        )

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


def _swedish_date(iso: str) -> str:
    """'2027-03-01' -> '1 mars 2027'."""
    from babel.dates import format_date

    return format_date(date.fromisoformat(iso), format="long", locale="sv")


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
