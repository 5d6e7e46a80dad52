"""Check the macro calls in the Markdown pages before mkdocs-macros renders them.

A typo in a page ({{ rules("svar") }}, an unknown macro, a missing bracket)
would otherwise stop the build with a Python traceback from inside
mkdocs-macros. This module finds those mistakes first and reports them like
the data file's problems: file, line, field (the macro), in Swedish.

Pure: no MkDocs import.
"""

from __future__ import annotations

from collections.abc import Iterator

import jinja2
import yaml
from guideline_data import Problem
from jinja2 import nodes

# Every macro that hooks/macros.py registers, and which data list its first
# argument must name an id of (None: takes no id). tests/test_page_macros.py
# checks that this agrees with hooks/macros.py.
MACROS: dict[str, str | None] = {
    "rules": "sections",
    "rule_index": None,
    "checklist": "checklists",
    "form": "forms",
    "task_list": "forms",
    "comment_guide": None,
    "roles": None,
    "roles_way_in": None,
    "glossary": None,
    "contact": None,
    "official_accounts": None,
    "settings": None,
    "guideline": None,
    "data_reference": None,
    "source_kinds": None,
    "changes": None,
    "notice": None,
    "accessibility_statement": None,
    "print_handbook": None,
    "downloads_list": None,
}

_NOUN = {"sections": "inget avsnitt", "checklists": "ingen checklista", "forms": "ingen blankett"}


class _FrontMatterError(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line, self.message = line, message


def _split_front_matter(text: str) -> tuple[dict, str, int]:
    """(meta, body, number of lines before the body). MkDocs would silently
    publish a page whose front matter is broken, so that is an error here."""
    if not text.startswith("---\n"):
        return {}, text, 0
    end = text.find("\n---\n", 3)
    if end == -1:
        raise _FrontMatterError(1, "Sidhuvudet som börjar med --- på rad 1 avslutas aldrig med en rad ---.")
    try:
        meta = yaml.safe_load(text[4:end])
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        raise _FrontMatterError(
            line,
            "Sidhuvudet (mellan raderna ---) går inte att läsa. Sätt texten inom citattecken om den har ett kolon.",
        ) from None
    if meta is not None and not isinstance(meta, dict):
        raise _FrontMatterError(2, "Sidhuvudet ska ha rader på formen nyckel: värde.")
    head = text[: end + 5]
    return meta or {}, text[end + 5 :], head.count("\n")


def site_problems(pages: dict[str, str], data: dict, docs_prefix: str = "docs/") -> list[Problem]:
    """Problems of every page (`pages` maps src path, e.g. 'lagar/arkiv.md', to
    its text), and where each section's rules are rendered: on the page the data
    file names for the section, exactly once. Links to a rule are built from
    that page, so a call anywhere else would leave every such link dead."""
    found: list[Problem] = []
    placed: dict[str, list[tuple[str, int]]] = {}
    for src, text in sorted(pages.items()):
        found += problems(docs_prefix + src, text, data, calls=placed)
    for section in data["sections"]:
        calls = placed.get(section["id"], [])
        has_rules = any(rule["section"] == section["id"] for rule in data["rules"])
        home = docs_prefix + section["page"]
        for name, line in [(n, line) for n, line in calls if n != home]:
            found.append(
                Problem(
                    name,
                    line,
                    "rules",
                    f"Reglerna i avsnittet {section['id']} ska visas på {section['page']}, som datafilen säger "
                    f"(sections › {section['id']} › page). Flytta anropet dit, eller ändra page i datafilen.",
                )
            )
        right = [(n, line) for n, line in calls if n == home]
        if len(right) > 1:
            name, line = right[1]
            found.append(
                Problem(
                    name,
                    line,
                    "rules",
                    f"Reglerna i avsnittet {section['id']} visas redan på rad {right[0][1]}. "
                    "Varje regel har en egen länk och får bara visas en gång. Ta bort det ena anropet.",
                )
            )
        if has_rules and not calls and section["page"] in pages:
            found.append(
                Problem(
                    home,
                    0,
                    "rules",
                    f"Sidan visar inte reglerna i avsnittet {section['id']}. Lägg till "
                    f'{{{{ rules("{section["id"]}") }}}} på sidan (och render_macros: true överst), '
                    "annars leder länkarna till reglerna ingenstans.",
                )
            )
    return found


def problems(
    name: str, text: str, data: dict, calls: dict[str, list[tuple[str, int]]] | None = None
) -> Iterator[Problem]:
    """Problems with the front matter and the macro calls of one page. Calls of
    rules("<section>") are added to `calls` as (name, line)."""
    try:
        meta, body, offset = _split_front_matter(text)
    except _FrontMatterError as exc:
        yield Problem(name, exc.line, "", exc.message)
        return
    if meta.get("render_macros") is not True:
        return
    try:
        tree = jinja2.Environment().parse(body)
    except jinja2.TemplateSyntaxError as exc:
        yield Problem(
            name,
            exc.lineno + offset,
            "",
            f"Ett makro är inte rätt skrivet ({exc.message}). Kontrollera {{{{ }}}}, parenteser och citattecken.",
        )
        return
    ids = {key: {item["id"] for item in data[key]} for key in set(MACROS.values()) if key}
    on_page: dict[str, list[tuple[str, int]]] = {}  # macro -> [(id, line)] of the calls with a known id
    for call in tree.find_all(nodes.Call):
        if not isinstance(call.node, nodes.Name):
            continue
        macro, line = call.node.name, call.lineno + offset
        if macro not in MACROS:
            known = ", ".join(sorted(MACROS))
            yield Problem(name, line, macro, f"Makrot {macro} finns inte. Kända makron: {known}.")
            continue
        wanted = MACROS[macro]
        if wanted is None:
            continue
        first = call.args[0] if call.args else None
        if not (isinstance(first, nodes.Const) and isinstance(first.value, str)):
            yield Problem(
                name, line, macro, f'Makrot {macro} behöver ett id inom citattecken, till exempel {macro}("…").'
            )
        elif first.value in ids[wanted]:
            on_page.setdefault(macro, []).append((first.value, line))
            if macro == "rules" and calls is not None:
                calls.setdefault(first.value, []).append((name, line))
        else:
            choices = ", ".join(sorted(ids[wanted]))
            yield Problem(
                name,
                line,
                macro,
                f"Det finns {_NOUN[wanted]} med id {first.value!r} i datafilen. Det finns: {choices}.",
            )
    # A form reads the state of its checklist, so both must be on the same page.
    checklists_here = {checklist_id for checklist_id, _ in on_page.get("checklist", [])}
    forms = {form["id"]: form for form in data["forms"]}
    form_calls = sorted(
        (line, macro, form_id) for macro in ("form", "task_list") for form_id, line in on_page.get(macro, [])
    )
    for line, macro, form_id in form_calls:
        wanted_checklist = forms[form_id]["checklist"]
        if wanted_checklist not in checklists_here:
            yield Problem(
                name,
                line,
                macro,
                f"Blanketten {form_id!r} hör till checklistan {wanted_checklist!r}, som inte finns på sidan. "
                f'Lägg till {{{{ checklist("{wanted_checklist}") }}}} på samma sida.',
            )
