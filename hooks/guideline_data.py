"""Load and validate data/guideline.yml, the handbook's single source of truth.

This module is pure: it imports no MkDocs, so the build, the tests and the
command-line check (``python hooks/guideline_data.py``) all use the same code.

Every problem is reported as a :class:`Problem` naming the file, the line and
the field, in Swedish, because the people who edit the data file are not
developers. All problems are collected before anything is raised.

Order of checks:
1. bytes -> text (strict UTF-8), 2. YAML -> node tree (no aliases, no custom
tags, no duplicate keys, exactly one document), 3. JSON Schema, 4. cross
references (unique ids, known role/rule/section ids).
"""

from __future__ import annotations

import functools
import hashlib
import json
import pickle
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import fastjsonschema
import yaml

try:
    import comment_guide  # a sibling module: hooks/ is on the path for MkDocs, the tests and make check
except ImportError:  # run as `python hooks/guideline_data.py` from elsewhere
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import comment_guide

if TYPE_CHECKING:
    import jsonschema

ROOT = Path(__file__).resolve().parent.parent
DATA_FILE = ROOT / "data" / "guideline.yml"
SCHEMA_FILE = ROOT / "data" / "guideline.schema.json"
CACHE_DIR = ROOT / ".cache"  # build caches only: safe to delete, never committed

# Tags a plain YAML file may carry implicitly. Anything else (!!python/object,
# !custom) is rejected before it is constructed.
_ALLOWED_TAGS = {
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}

# Lists whose items carry an `id`, and the Swedish word for one item.
_ID_LISTS = {
    "sections": "avsnitt",
    "roles": "roll",
    "rules": "regel",
    "forms": "blankett",
    "checklists": "checklista",
    "glossary": "ordlisteord",
}

_TYPE_NAMES = {
    "object": "en samling fält (nyckel: värde)",
    "array": "en lista (rader som börjar med -)",
    "string": "en text",
    "integer": "ett heltal",
    "number": "ett tal",
    "boolean": "true eller false",
    "null": "tomt (null)",
}


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the data file."""

    file: str
    line: int  # 1-based; 0 when the file as a whole is at fault
    field: str  # human-readable path, e.g. "rules › nr 3 (konto-syfte) › level"
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" [{self.field}]" if self.field else ""
        return f"{where}{field}: {self.message}"


class DataError(Exception):
    """Raised with every problem found; str() is the report for the editor."""

    def __init__(self, problems: list[Problem], subject: str = "Datafilen"):
        self.problems = sorted(set(problems))
        self.subject = subject
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = f"{self.subject} har {count} fel. Rätta {'det' if count == 1 else 'dem'} och bygg igen:"
        return "\n".join([head, *(f"  - {p}" for p in self.problems)])


# --------------------------------------------------------------------------
# YAML: text -> node tree, with the unsafe and ambiguous parts rejected.


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and anchors instead of expanding them."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _YamlRefused(
                event.start_mark.line + 1,
                "Alias (*namn) är inte tillåtna i datafilen. Skriv ut värdet i stället.",
            )
        event = self.peek_event()
        anchor = getattr(event, "anchor", None)
        if anchor is not None:
            raise _YamlRefused(
                event.start_mark.line + 1,
                f"Ankare (&{anchor}) är inte tillåtna i datafilen. Skriv ut värdet där det behövs.",
            )
        return super().compose_node(parent, index)


class _YamlRefused(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def _decode(raw: bytes, name: str) -> str:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            [
                Problem(
                    name,
                    line,
                    "",
                    "Filen innehåller tecken som inte är UTF-8. Spara filen som UTF-8 "
                    "(i de flesta redigerare: Spara som → Kodning → UTF-8).",
                )
            ]
        ) from None
    return text.removeprefix("\ufeff")


def _yaml_problem(exc: yaml.YAMLError, name: str, text: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    if "quoted scalar" in str(getattr(exc, "context", "")) and exc.context_mark is not None:
        mark = exc.context_mark  # where the quote opens, not where the file ends
    line = mark.line + 1 if mark is not None else 0
    detail = (getattr(exc, "problem", None) or str(exc)).strip()
    lines = text.splitlines()
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    if "'\\t'" in detail or bad_line[: len(bad_line) - len(bad_line.lstrip())].count("\t"):
        message = "Raden är indragen med tabbtecken. Använd mellanslag för indrag i YAML."
    elif "mapping values are not allowed" in detail:
        message = (
            "Ett kolon står där det inte får stå. Sätt texten inom citattecken om den "
            "innehåller ': ', eller kontrollera indraget."
        )
    elif "could not find expected ':'" in detail or "expected <block end>" in detail:
        message = "Indraget stämmer inte med raderna ovanför, eller ett kolon saknas."
    elif "found undefined tag handle" in detail or "found unknown escape" in detail:
        message = f"YAML-syntaxen är fel ({detail})."
    elif "while scanning a quoted scalar" in str(exc) or "found unexpected end of stream" in detail:
        message = "Ett citattecken öppnas men stängs aldrig."
    else:
        message = f"YAML-syntaxen är fel och filen kan inte läsas ({detail})."
    # The syntax is broken, so there is no path yet: name the key on that line, if any.
    key = re.match(r"\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:", bad_line)
    return Problem(name, line, key.group(1) if key else "", message)


def _compose_fast(text: str) -> yaml.Node | None:
    """The node tree through libyaml (C), when the file is plainly fine: no
    anchors, no aliases, one document, no syntax error. None otherwise, and the
    pure-Python path below finds and words the problem."""
    if not yaml.__with_libyaml__:
        return None
    try:
        documents = 0
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                return None
            documents += isinstance(event, yaml.DocumentStartEvent)
        if documents != 1:
            return None
        return yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return None


def _compose(text: str, name: str) -> yaml.Node:
    node = _compose_fast(text)
    if node is not None and isinstance(node, yaml.MappingNode):
        return node
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
    except _YamlRefused as exc:
        raise DataError([Problem(name, exc.line, "", exc.message)]) from None
    except yaml.composer.ComposerError as exc:
        if "expected a single document" in str(exc):
            line = exc.problem_mark.line + 1 if exc.problem_mark else 0
            raise DataError(
                [Problem(name, line, "", "Filen får bara innehålla ett dokument. Ta bort raden med ---.")]
            ) from None
        raise DataError([_yaml_problem(exc, name, text)]) from None
    except yaml.YAMLError as exc:
        raise DataError([_yaml_problem(exc, name, text)]) from None
    finally:
        loader.dispose()
    if node is None:
        raise DataError([Problem(name, 1, "", "Filen är tom. Den ska innehålla riktlinjens data.")])
    if not isinstance(node, yaml.MappingNode):
        raise DataError(
            [
                Problem(
                    name,
                    node.start_mark.line + 1,
                    "",
                    "Filen ska börja med fält på formen nyckel: värde (guideline:, roles:, rules: …), "
                    "inte med en lista eller en ensam text.",
                )
            ]
        )
    return node


def _walk(node: yaml.Node, path: tuple = ()) -> Iterator[tuple[yaml.Node, tuple]]:
    """Every node of the tree with its path; mapping keys are not visited."""
    yield node, path
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            yield from _walk(value_node, (*path, key_node.value))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            yield from _walk(item, (*path, index))


def _tag_problems(root: yaml.Node, name: str) -> Iterator[Problem]:
    for node, path in _walk(root):
        if node.tag not in _ALLOWED_TAGS:
            yield Problem(
                name,
                node.start_mark.line + 1,
                _field_name(path, None),
                f"Taggen {node.tag} är inte tillåten. Datafilen får bara innehålla text, tal, listor och fält.",
            )


def _duplicate_key_problems(root: yaml.Node, name: str) -> Iterator[Problem]:
    for node, path in _walk(root):
        if not isinstance(node, yaml.MappingNode):
            continue
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                yield Problem(name, line, _field_name(path, None), "En nyckel måste vara ett enkelt ord.")
            elif key_node.value in seen:
                yield Problem(
                    name,
                    line,
                    _field_name((*path, key_node.value), None),
                    f"Fältet {key_node.value} står två gånger (första gången på rad {seen[key_node.value]}). "
                    "Ta bort det ena.",
                )
            else:
                seen[key_node.value] = line


def _construct(node: yaml.Node) -> Any:
    loader = _StrictLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


# --------------------------------------------------------------------------
# Paths: a JSON path -> a line in the file and a field name an editor reads.


def _node_at(root: yaml.Node, path: tuple) -> tuple[yaml.Node, yaml.Node | None]:
    """Return (value node, key node) at path, as deep as the path exists."""
    node, key_node = root, None
    for part in path:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == part:
                    node, key_node = v, k
                    break
            else:
                return node, key_node
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node, key_node = node.value[part], None
        else:
            return node, key_node
    return node, key_node


def _field_name(path: tuple, data: Any) -> str:
    """'rules › nr 3 (konto-syfte) › level' from ('rules', 2, 'level')."""
    parts: list[str] = []
    current = data
    for part in path:
        if isinstance(part, int):
            label = f"nr {part + 1}"
            item = current[part] if isinstance(current, list) and part < len(current) else None
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                label += f" ({item['id']})"
            parts.append(label)
            current = item
        else:
            parts.append(str(part))
            current = current.get(part) if isinstance(current, dict) else None
    return " › ".join(parts)


def _line(root: yaml.Node, path: tuple, *, key: bool = False) -> int:
    value_node, key_node = _node_at(root, path)
    node = key_node if key and key_node is not None else value_node
    return node.start_mark.line + 1


# --------------------------------------------------------------------------
# JSON Schema -> Swedish problems.


@functools.lru_cache(maxsize=1)
def schema(schema_path: Path = SCHEMA_FILE) -> dict:
    """The JSON Schema: the one place that says what is valid in the data file."""
    return json.loads(schema_path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _quick_check(schema_path: Path = SCHEMA_FILE) -> Callable[[Any], Any]:
    """The schema compiled to Python (fastjsonschema): it only says valid or not,
    but fast. The detailed validator below runs only when this one says no, so a
    good file never pays for it (or for importing it)."""
    schema_ = {key: value for key, value in schema(schema_path).items() if key != "$schema"}
    return fastjsonschema.compile(schema_)


def _is_valid(data: Any) -> bool:
    try:
        _quick_check()(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


@functools.lru_cache(maxsize=1)
def _validator(schema_path: Path = SCHEMA_FILE) -> jsonschema.protocols.Validator:
    import jsonschema  # only when a file is wrong: it is slow to import

    schema_ = schema(schema_path)
    cls = jsonschema.validators.validator_for(schema_)
    cls.check_schema(schema_)
    return cls(schema_)


def _allowed_keys(schema: dict) -> str:
    return ", ".join(sorted(schema.get("properties", {})))


def _schema_message(error: jsonschema.ValidationError) -> tuple[str, str | None]:
    """Swedish message for one schema error, and an extra path part if the
    error is about a key that is missing or unknown."""
    v, value, s = error.validator, error.instance, error.schema
    if v == "not" and error.validator_value == {}:
        # {"not": {}} forbids a field here, e.g. `topic` on a source of kind lag.
        field = error.path[-1] if error.path else ""
        return (
            f"Fältet {field} hör inte till den här sortens källa. Ta bort det, eller ändra kind. "
            "Se sidan För redaktörer om vilka fält varje sorts källa har.",
            None,
        )
    if v == "anyOf" and all(set(branch) == {"required"} for branch in error.validator_value):
        fields = " eller ".join(name for branch in error.validator_value for name in branch["required"])
        return f"Ett av fälten {fields} måste finnas.", None
    if v == "not" and set(error.validator_value) == {"required"} and len(error.validator_value["required"]) > 1:
        fields = " och ".join(error.validator_value["required"])
        return f"Fälten {fields} får inte finnas samtidigt. Behåll ett av dem.", None
    if v == "required":
        missing = [k for k in error.validator_value if not (isinstance(value, dict) and k in value)]
        names = ", ".join(missing)
        if missing == ["note"] and isinstance(value, dict) and value.get("kind") == "lag":
            return (
                "En lag utan reference (paragraf eller artikel) behöver en note som säger varför, till exempel "
                "att paragrafen inte är kontrollerad mot lagtexten.",
                None,
            )
        return f"Fältet {names} saknas men måste finnas.", None
    if v == "additionalProperties":
        unknown = sorted(k for k in value if k not in s.get("properties", {}))
        names = ", ".join(unknown)
        return (
            f"Okänt fält {names}. Kontrollera stavningen. Tillåtna fält här: {_allowed_keys(s)}.",
            unknown[0] if unknown else None,
        )
    if v == "type":
        expected = error.validator_value
        expected = expected if isinstance(expected, list) else [expected]
        wanted = " eller ".join(_TYPE_NAMES.get(t, t) for t in expected)
        return f"Värdet ska vara {wanted}.", None
    if v == "enum":
        allowed = ", ".join(str(x) for x in error.validator_value)
        return f"Värdet {value!r} är inte tillåtet. Tillåtna värden: {allowed}.", None
    if v == "pattern":
        pattern = error.validator_value
        if pattern == s.get("pattern") and "a-z0-9]+(-" in pattern:
            return (
                f"Id {value!r} har fel form. Ett id får bara ha små bokstäver a–z, siffror och "
                "bindestreck, till exempel konto-syfte (inga å, ä, ö eller mellanslag).",
                None,
            )
        if pattern == "\\S":
            return "Texten är tom.", None
        if pattern.startswith("^https://"):
            return f"{value!r} är ingen giltig adress. Den ska börja med https://.", None
        if "[0-9]{4}:" in pattern:
            return f"SFS-nummer {value!r} har fel form. Skriv år:nummer, till exempel 1949:105.", None
        if pattern.endswith(".md$"):
            return f"{value!r} är ingen sida. Skriv sökvägen i docs/, till exempel lagar/dataskydd.md.", None
        if "[0-9]{4}/" in pattern:
            return f"EU-nummer {value!r} har fel form. Skriv år/nummer, till exempel 2016/679.", None
        return f"Värdet {value!r} har fel form.", None
    if v == "minItems":
        if error.validator_value == 1:
            return "Listan är tom. Den måste ha minst en post.", None
        return f"Listan måste ha minst {error.validator_value} poster.", None
    if v == "minProperties":
        return "Fältet är tomt. Skriv minst ett meddelande under det, eller ta bort det.", None
    if v == "uniqueItems":
        return "Listan har samma värde två gånger.", None
    if v == "minLength":
        return "Texten är tom.", None
    if v == "maxLength":
        return f"Texten är för lång (högst {error.validator_value} tecken).", None
    if v in ("minimum", "maximum"):
        return f"Talet {value!r} ligger utanför det tillåtna ({s.get('minimum')}–{s.get('maximum')}).", None
    if v == "oneOf" and isinstance(value, dict) and "items" not in value:
        return (
            "En punkt i en checklista ska ha antingen rule (en regel) eller både text och roles, inte båda.",
            None,
        )
    if v == "not" and isinstance(value, dict) and "options" in value:
        return "Fältet options får bara finnas när type är select.", "options"
    if v == "anyOf" and any("@" in str(branch.get("pattern", "")) for branch in error.validator_value):
        return (
            f"{value!r} är varken en e-postadress eller en länk. Skriv en e-postadress med @ och domän, "
            "eller en länk som börjar med https://. Lämna null om uppgiften saknas.",
            None,
        )
    if v == "anyOf":
        # Optional values: explain what is wrong with the non-null alternative.
        branches = [e for e in error.context if e.schema.get("type") != "null"]
        from jsonschema.exceptions import best_match

        best = best_match(branches)
        inner, _ = _schema_message(best) if best is not None else ("Värdet har fel form.", None)
        return f"{inner} Lämna null om uppgiften saknas.", None
    return f"Värdet är inte giltigt ({error.message}).", None


def _schema_problems(data: Any, root: yaml.Node, name: str) -> Iterator[Problem]:
    if _is_valid(data):
        return
    for error in _validator().iter_errors(data):
        path = tuple(error.absolute_path)
        message, extra = _schema_message(error)
        if extra is not None:
            yield Problem(name, _line(root, (*path, extra), key=True), _field_name((*path, extra), data), message)
        elif error.validator == "required":
            yield Problem(name, _line(root, path, key=True), _field_name(path, data), message)
        else:
            yield Problem(name, _line(root, path), _field_name(path, data), message)


# --------------------------------------------------------------------------
# Cross references, checked only once the shape is right.


def _items(value: Any) -> Iterator[tuple[int, dict]]:
    """(index, item) for the mappings in a list; anything else the schema reports."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def _ids(value: Any) -> set[str]:
    return {item["id"] for _, item in _items(value) if isinstance(item.get("id"), str)}


def _reference_problems(data: dict, root: yaml.Node, name: str) -> Iterator[Problem]:
    """Unique ids and known references. Tolerates a wrong shape, so these
    problems are reported together with the schema's."""

    def problem(path: tuple, message: str, *, key: bool = False) -> Problem:
        return Problem(name, _line(root, path, key=key), _field_name(path, data), message)

    def unique(path: tuple, value: Any, noun: str, first: dict[str, int]) -> Iterator[Problem]:
        if not isinstance(value, str):
            return
        if value in first:
            yield problem(
                path, f"Id {value!r} används redan av en annan {noun} (rad {first[value]}). Varje id måste vara unikt."
            )
        else:
            first[value] = _line(root, path)

    for key, noun in _ID_LISTS.items():
        first: dict[str, int] = {}
        for i, item in _items(data.get(key)):
            yield from unique((key, i, "id"), item.get("id"), noun, first)

    guideline = data.get("guideline") if isinstance(data.get("guideline"), dict) else {}
    topic_first: dict[str, int] = {}
    for i, topic in _items(guideline.get("topics")):
        yield from unique(("guideline", "topics", i, "id"), topic.get("id"), "del av riktlinjen", topic_first)

    role_ids, rule_ids, section_ids = _ids(data.get("roles")), _ids(data.get("rules")), _ids(data.get("sections"))
    topic_ids = _ids(guideline.get("topics"))
    topic_levels = {t["id"]: t.get("level") for _, t in _items(guideline.get("topics")) if isinstance(t.get("id"), str)}

    def known(path: tuple, value: Any, ids: set[str], what: str) -> Iterator[Problem]:
        if isinstance(value, str) and value not in ids:
            choices = f"Det finns: {', '.join(sorted(ids))}." if 0 < len(ids) <= 12 else "Kontrollera stavningen."
            yield problem(path, f"{what} {value!r} finns inte. {choices}")

    def known_roles(path: tuple, roles: Any) -> Iterator[Problem]:
        if isinstance(roles, list):
            for j, role in enumerate(roles):
                yield from known((*path, j), role, role_ids, "Rollen")

    for i, rule in _items(data.get("rules")):
        yield from known_roles(("rules", i, "roles"), rule.get("roles"))
        yield from known(("rules", i, "section"), rule.get("section"), section_ids, "Avsnittet")
        for j, source in _items(rule.get("source")):
            if source.get("kind") == "riktlinjen":
                yield from known(("rules", i, "source", j, "topic"), source.get("topic"), topic_ids, "Ämnet")
        yield from _level_problems(rule, ("rules", i), problem, topic_levels)

    known_checklists = _ids(data.get("checklists"))
    form_of_checklist: dict[str, int] = {}
    for f, form in _items(data.get("forms")):
        yield from known(("forms", f, "rule"), form.get("rule"), rule_ids, "Regeln")
        yield from known(("forms", f, "checklist"), form.get("checklist"), known_checklists, "Checklistan")
        checklist_ref = form.get("checklist")
        if isinstance(checklist_ref, str) and checklist_ref in known_checklists:
            if checklist_ref in form_of_checklist:
                yield problem(
                    ("forms", f, "checklist"),
                    f"Checklistan {checklist_ref!r} har redan en blankett (rad {form_of_checklist[checklist_ref]}). "
                    "En checklista kan ha en blankett.",
                )
            else:
                form_of_checklist[checklist_ref] = _line(root, ("forms", f, "checklist"))
        field_first: dict[str, int] = {}
        for i, field in _items(form.get("fields")):
            yield from unique(("forms", f, "fields", i, "id"), field.get("id"), "uppgift i blanketten", field_first)
            yield from known(("forms", f, "fields", i, "rule"), field.get("rule"), rule_ids, "Regeln")
        yield from _field_check_problems(form.get("fields"), ("forms", f, "fields"), problem)
    yield from _handin_problems(data, set(form_of_checklist), problem)

    # A retired id is gone from the data (else it is not retired), and a rule replacing it exists.
    in_use = rule_ids | {
        i.get("id")
        for _, c in _items(data.get("checklists"))
        for _, s in _items(c.get("steps"))
        for _, i in _items(s.get("items"))
    }
    in_use |= {x.get("id") for _, f in _items(data.get("forms")) for _, x in _items(f.get("fields"))}
    retired_first: dict[str, int] = {}
    for r, entry in _items(data.get("retired")):
        path = ("retired", r)
        yield from unique((*path, "id"), entry.get("id"), "pensionerad post", retired_first)
        if entry.get("id") in in_use:
            yield problem(
                (*path, "id"),
                f"Id {entry['id']!r} är pensionerat men används fortfarande i datafilen. Ta bort det ur retired:, "
                "eller byt id där det används.",
            )
        target = entry.get("replaced_by")
        if isinstance(target, str) and not target.endswith(".md"):
            yield from known((*path, "replaced_by"), target, rule_ids, "Regeln")

    # Step and item ids are page anchors and browser-storage keys: unique across all
    # checklists, and never a rule's id (a rule's id is the anchor of the rule).
    checklist_ids: dict[str, int] = {}

    def checklist_id(path: tuple, value: Any) -> Iterator[Problem]:
        if value in rule_ids:
            yield problem(path, f"Id {value!r} är redan id för en regel. Ge punkten ett eget id.")
        else:
            yield from unique(path, value, "del av en checklista", checklist_ids)

    for c, checklist in _items(data.get("checklists")):
        for s, step in _items(checklist.get("steps")):
            step_path = ("checklists", c, "steps", s)
            yield from checklist_id((*step_path, "id"), step.get("id"))
            for i, item in _items(step.get("items")):
                path = (*step_path, "items", i)
                yield from checklist_id((*path, "id"), item.get("id"))
                yield from known((*path, "rule"), item.get("rule"), rule_ids, "Regeln")
                yield from known_roles((*path, "roles"), item.get("roles"))

    # The guide "Hantera en kommentar": a graph every reader can walk to an outcome.
    yield from comment_guide.problems(data, problem, lambda path: _line(root, path), rule_ids, role_ids)


# The checks an account field can declare (the browser runs them, see
# handbook/model.js fieldErrors), and which field types each one fits.
_FIELD_CHECK_TYPES = {"not_before": ("date",), "format": ("text",)}
_TYPE_WORDS = {"text": "en rad text", "textarea": "flera rader text", "select": "en lista", "date": "ett datum"}


def _field_check_problems(form_fields: Any, fields_path: tuple, problem: Any) -> Iterator[Problem]:
    """The declared checks on a form's fields refer to fields of the same form,
    fit the field's type, and every custom message belongs to a check the field has."""
    fields = {f["id"]: f for _, f in _items(form_fields) if isinstance(f.get("id"), str)}
    choices = f"Det finns: {', '.join(fields)}." if 0 < len(fields) <= 20 else "Kontrollera stavningen."

    def other_field(path: tuple, own_id: Any, target: Any) -> tuple[dict | None, Problem | None]:
        """The field `target` names, or the problem with the reference."""
        if not isinstance(target, str):
            return None, None
        if target == own_id:
            return None, problem(path, f"Fältet {target!r} kan inte jämföras med sig självt. Ange ett annat fält.")
        if target not in fields:
            return None, problem(path, f"Fältet {target!r} finns inte i blanketten. {choices}")
        return fields[target], None

    for i, field in _items(form_fields):
        path = (*fields_path, i)
        own_id, kind = field.get("id"), field.get("type")
        for check, types in _FIELD_CHECK_TYPES.items():
            if field.get(check) is not None and kind in _TYPE_WORDS and kind not in types:
                yield problem(
                    (*path, check),
                    f"{check} fungerar bara för fält med type: {' eller '.join(types)}, "
                    f"men fältet är {_TYPE_WORDS[kind]} (type: {kind}). Ta bort {check} eller ändra type.",
                )
        _, wrong = other_field((*path, "differs_from"), own_id, field.get("differs_from"))
        if wrong:
            yield wrong
        when = field.get("required_when")
        if isinstance(when, dict):
            target, wrong = other_field((*path, "required_when", "field"), own_id, when.get("field"))
            if wrong:
                yield wrong
            options = target.get("options") if target else None
            if target and not isinstance(options, list):
                yield problem(
                    (*path, "required_when", "field"),
                    f"Fältet {when['field']!r} har inga val (options). required_when kan bara bero på en lista "
                    "(type: select).",
                )
            elif target and isinstance(when.get("equals"), str) and when["equals"] not in options:
                listed = ", ".join(str(o) for o in options)
                yield problem(
                    (*path, "required_when", "equals"),
                    f"{when['equals']!r} är inget val i fältet {when['field']!r}. Skriv ett av valen exakt "
                    f"som i listan: {listed}.",
                )
            if field.get("required") is True:
                yield problem(
                    (*path, "required"),
                    "Fältet har både required: true och required_when. Sätt required: false, så att "
                    "required_when avgör när fältet måste fyllas i.",
                )
        messages = field.get("messages")
        if isinstance(messages, dict):
            for check in messages:
                declared = field.get("required") is True if check == "required" else field.get(check) is not None
                if check in ("required", "required_when", "differs_from", "not_before", "format") and not declared:
                    what = "required: true" if check == "required" else check
                    yield problem(
                        (*path, "messages", check),
                        f"Meddelandet används aldrig: fältet har inte {what}. Ta bort meddelandet eller "
                        f"lägg till {what} på fältet.",
                    )


def _handin_problems(data: dict, with_form: set[str], problem: Any) -> Iterator[Problem]:
    """Steps done after the form is handed in (after_handin) come last, under
    the checklist's after_handin_title, and only in a checklist with a form."""
    for c, checklist in _items(data.get("checklists")):
        steps = list(_items(checklist.get("steps")))
        after = [s for s, step in steps if step.get("after_handin") is True]
        title = checklist.get("after_handin_title")
        if after and checklist.get("id") not in with_form:
            yield problem(
                ("checklists", c, "steps", after[0], "after_handin"),
                "Steget görs efter att blanketten är inlämnad, men ingen blankett (forms) hör till checklistan. "
                "Lägg till en blankett med checklist: " + str(checklist.get("id")) + ", eller ta bort after_handin.",
            )
        if after and not title:
            yield problem(
                ("checklists", c, "id"),
                "Checklistan har steg med after_handin: true men ingen after_handin_title. Skriv rubriken för "
                "stegen efter inlämningen, till exempel after_handin_title: Efter godkännandet.",
            )
        if title and not after:
            yield problem(
                ("checklists", c, "after_handin_title"),
                "after_handin_title används aldrig: inget steg har after_handin: true. Ta bort rubriken eller "
                "markera stegen som görs efter inlämningen.",
            )
        for s, step in steps:
            if after and s > after[0] and step.get("after_handin") is not True:
                yield problem(
                    ("checklists", c, "steps", s, "id"),
                    "Steget görs före inlämningen men står efter ett steg med after_handin: true. Flytta det "
                    "före de stegen, så att stegen efter inlämningen står sist.",
                )


# Which sources can make a rule a requirement (ska): a statute, or a topic that
# the board's decision says the guideline covers, when the decision's own words
# for that topic require (topic level ska; "krav som bör uppfyllas" does not).
# Guidance and the handbook's own advice can recommend (bör), never require.
_LEVEL_WORD = {"ska": re.compile(r"\bska\b", re.IGNORECASE), "bör": re.compile(r"\bbör\b", re.IGNORECASE)}


def _level_problems(rule: dict, path: tuple, problem: Any, topic_levels: dict[str, Any]) -> Iterator[Problem]:
    """A rule's level must match its sources and its own wording; a ska rule says how to check it."""
    level = rule.get("level")
    sources = [s for _, s in _items(rule.get("source"))]
    kinds = {s.get("kind") for s in sources}
    topics = [s.get("topic") for s in sources if s.get("kind") == "riktlinjen" and s.get("topic") in topic_levels]
    unknown_topic = any(s.get("kind") == "riktlinjen" and s.get("topic") not in topic_levels for s in sources)
    requires = "lag" in kinds or any(topic_levels[t] == "ska" for t in topics)
    if level == "ska" and sources and not requires and not unknown_topic:  # an unknown topic is reported as such
        if topics:
            names = list(dict.fromkeys(topics))
            named = f"ämnet {names[0]}" if len(names) == 1 else f"ämnena {', '.join(names[:-1])} och {names[-1]}"
            message = (
                f"Regeln har nivån ska, men beslutet säger bara bör om {named} i riktlinjen "
                "(level: bör under guideline › topics). Ändra nivån till bör, eller lägg till den lag "
                "som kräver regeln (kind: lag)."
            )
        else:
            message = (
                "Regeln har nivån ska men vilar bara på vägledning eller handbokens råd. En ska-regel måste "
                "ha minst en källa med kind: lag eller kind: riktlinjen. Ändra nivån till bör, eller lägg "
                "till den lag eller det ämne i riktlinjen som kräver regeln."
            )
        yield problem((*path, "level"), message)
    if level == "ska" and "how_to_check" not in rule:  # the schema checks the text when it is there
        yield problem(
            (*path, "how_to_check"),
            "En ska-regel måste säga hur man kontrollerar att den följs. Lägg till how_to_check: med en eller "
            "två meningar om vad man tittar på, till exempel: Kontots beskrivning har en länk till kommunens "
            "information om personuppgifter.",
        )
    text = rule.get("text")
    if level in _LEVEL_WORD and isinstance(text, str) and not _LEVEL_WORD[level].search(text):
        yield problem(
            (*path, "text"),
            f"Regeln har nivån {level} men texten säger inte {level}. Skriv {level} i regeltexten, så att den "
            "går att förstå också utan märkningen, till exempel när den citeras.",
        )


# --------------------------------------------------------------------------
# Public API.


def parse(raw: bytes, name: str = "data/guideline.yml") -> dict:
    """Validate raw file content and return the data, or raise DataError."""
    text = _decode(raw, name)
    root = _compose(text, name)
    problems = list(_tag_problems(root, name))
    if problems:
        raise DataError(problems)  # never construct a file with foreign tags
    problems = list(_duplicate_key_problems(root, name))
    data = _construct(root)  # with a duplicate key the last one wins; it is reported above
    problems += _schema_problems(data, root, name)
    problems += _reference_problems(data, root, name)
    if problems:
        raise DataError(problems)
    _fill_optional(data, schema(), schema())
    return data


def _fill_optional(value: Any, node_schema: dict, full: dict) -> None:
    """Give every optional field the data leaves out a value: [] for a list,
    None otherwise. Partials render with strict undefined, so a misspelled
    field fails the build even inside {% if %}, while a field that is simply
    not filled in is None."""
    if "$ref" in node_schema:
        node_schema = full["$defs"][node_schema["$ref"].rsplit("/", 1)[-1]]
    if isinstance(value, dict):
        for key, prop in node_schema.get("properties", {}).items():
            if key in value:
                _fill_optional(value[key], prop, full)
            else:
                target = full["$defs"][prop["$ref"].rsplit("/", 1)[-1]] if "$ref" in prop else prop
                value[key] = [] if target.get("type") == "array" else None
    elif isinstance(value, list) and isinstance(node_schema.get("items"), dict):
        for item in value:
            _fill_optional(item, node_schema["items"], full)


def data_file_for(config_file: str) -> Path:
    """The data file of the project whose mkdocs.yml is `config_file`."""
    return Path(config_file).resolve().parent / "data" / "guideline.yml"


def page_problems(path: Path, pages: set[str]) -> list[Problem]:
    """Sections whose page is not among the site's Markdown pages."""
    data = load(path)
    missing = [("sections", i, "page") for i, s in enumerate(data["sections"]) if s["page"] not in pages]
    missing += [
        ("retired", i, "replaced_by")
        for i, r in enumerate(data.get("retired") or [])
        if (r.get("replaced_by") or "").endswith(".md") and r["replaced_by"] not in pages
    ]
    guide = data.get("comment_guide")
    if guide and guide["page"] not in pages:
        missing.append(("comment_guide", "page"))
    for i, outcome in enumerate(guide["outcomes"] if guide else []):
        for j, see in enumerate(outcome["see"]):
            if see["page"] not in pages:
                missing.append(("comment_guide", "outcomes", i, "see", j, "page"))
    if not missing:
        return []
    name = display_name(path)
    root = _compose(_decode(Path(path).read_bytes(), name), name)  # for the lines

    def value(where: tuple) -> Any:
        node = data
        for part in where:
            node = node[part]
        return node

    return [
        Problem(
            name,
            _line(root, where),
            _field_name(where, data),
            f"Sidan {value(where)} finns inte i docs/. Skriv sökvägen till en befintlig sida.",
        )
        for where in missing
    ]


def display_name(path: Path, root: Path = ROOT) -> str:
    """The path as an editor knows it: relative to the project, e.g. data/guideline.yml."""
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return str(path)


@functools.lru_cache(maxsize=4)
def _load_cached(path: Path, _mtime_ns: int, _size: int) -> dict:
    """Parse and check the file; a file that passed before, unchanged, with the
    same schema and the same checks, is read back from .cache/ instead."""
    raw = path.read_bytes()
    code = Path(__file__).read_bytes() + Path(comment_guide.__file__).read_bytes()
    key = hashlib.sha256(b"\0".join([raw, SCHEMA_FILE.read_bytes(), code, sys.version.encode()])).hexdigest()[:16]
    cached = CACHE_DIR / f"data-{key}.pickle"
    try:
        return pickle.loads(cached.read_bytes())  # written below, by this module, from a valid file only
    except (OSError, pickle.UnpicklingError, EOFError):
        pass
    data = parse(raw, display_name(path))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_bytes(pickle.dumps(data))
    except OSError:
        pass  # a read-only checkout builds without the cache
    return data


def load(path: Path = DATA_FILE) -> dict:
    """Load the data file; cached until the file changes on disk."""
    path = Path(path)
    try:
        stat = path.stat()
    except OSError:
        raise DataError([Problem(display_name(path), 0, "", "Datafilen finns inte.")]) from None
    return _load_cached(path, stat.st_mtime_ns, stat.st_size)


def main(argv: list[str]) -> int:
    """Command-line check: python hooks/guideline_data.py [path]."""
    path = Path(argv[1]) if len(argv) > 1 else DATA_FILE
    try:
        data = load(path)
    except DataError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(data[k])} {k}" for k in ("roles", "rules", "forms", "checklists"))
    print(f"{display_name(path)} är giltig ({counts}).")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
