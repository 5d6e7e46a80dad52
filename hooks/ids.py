"""Ids are forever: what has been published, what changed, what was retired.

A rule's id is its anchor, its short link and its key in people's e-mails,
decisions and printouts; a checklist item's and a form field's id are keys in
readers' browsers. The publish command records every published id in
data/published.yml (`record_publication`), and from then on:

- `problems`: an id that was published and is no longer in the data file must
  be retired (`retired:` in the data file, naming what replaced it), or the
  build and the check stop with a Swedish message that names the id;
- `changes`: per published version, the rules added, changed (text or level)
  and retired, for the page "Ändringar" and the "Ändrad <datum>" mark.

Pure apart from reading and writing the record: no MkDocs import.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from guideline_data import Problem

RECORD = Path("data") / "published.yml"
_HEADER = (
    "# Skrivs av make publish: vilka id som har publicerats, och när. Ändra inte för hand.\n"
    "# Ett id som står här får inte försvinna ur datafilen utan att pensioneras under retired:.\n"
)
_KINDS = {"rules": "Regeln", "checklist_items": "Punkten i en checklista", "form_fields": "Fältet i en blankett"}


def snapshot(data: dict) -> dict:
    """What a publication records: every rule (level, section, text), every
    checklist item id and every form field id, in the data file's order."""
    return {
        "rules": {
            r["id"]: {"level": r["level"], "section": r["section"], "text": " ".join(r["text"].split())}
            for r in data["rules"]
        },
        "checklist_items": [i["id"] for c in data["checklists"] for s in c["steps"] for i in s["items"]],
        "form_fields": {f["id"]: [x["id"] for x in f["fields"]] for f in data["forms"]},
    }


def record_text(root: Path) -> str:
    path = root / RECORD
    return path.read_text(encoding="utf-8") if path.exists() else ""


def load_record(root: Path) -> list[dict]:
    """The published versions, oldest first ([] before the first publication)."""
    loaded = yaml.safe_load(record_text(root)) or {}
    return loaded.get("versions") or []


def record_publication(root: Path, data: dict, today: datetime.date) -> dict:
    """Add a version to the record when the published ids or rule texts changed
    (a publication that changes nothing in the data adds nothing); returns the
    version that is now the latest."""
    versions = load_record(root)
    current = snapshot(data)
    if versions and all(versions[-1].get(k) == v for k, v in current.items()):
        return versions[-1]
    version = {"version": len(versions) + 1, "date": today.isoformat(), **current}
    versions.append(version)
    text = yaml.safe_dump({"versions": versions}, allow_unicode=True, sort_keys=False, width=100)
    (root / RECORD).write_text(_HEADER + text, encoding="utf-8")
    return version


def _published_ids(versions: list[dict]) -> dict[str, dict[str, tuple[int, str]]]:
    """kind -> id -> (version, date) where the id was last published."""
    found: dict[str, dict[str, tuple[int, str]]] = {k: {} for k in _KINDS}
    for v in versions:
        stamp = (v["version"], str(v["date"]))
        for rule_id in v.get("rules", {}):
            found["rules"][rule_id] = stamp
        for item_id in v.get("checklist_items", []):
            found["checklist_items"][item_id] = stamp
        for field_ids in (v.get("form_fields") or {}).values():
            for field_id in field_ids:
                found["form_fields"][field_id] = stamp
    return found


def _line_of(record_text: str, item_id: str) -> int:
    """The last line of the record that names `item_id` (as a key or a list item)."""
    found = 0
    for number, line in enumerate(record_text.splitlines(), 1):
        stripped = line.strip()
        if stripped == f"- {item_id}" or stripped.startswith(f"{item_id}:"):
            found = number
    return found


def problems(
    data: dict, versions: list[dict], record_text: str = "", data_text: str = "", record_name: str = RECORD.as_posix()
) -> list[Problem]:
    """A published id that is neither in the data file nor retired, and a
    retired rule that does not say what replaced it."""
    current = snapshot(data)
    present = {
        "rules": set(current["rules"]),
        "checklist_items": set(current["checklist_items"]),
        "form_fields": {f for fields in current["form_fields"].values() for f in fields},
    }
    retired = {r["id"]: r for r in data.get("retired") or []}
    found = []
    published_rules = _published_ids(versions)["rules"]
    for rule_id, entry in retired.items():
        if rule_id in published_rules and not entry.get("replaced_by"):
            retired_at = data_text.find("\nretired:")
            line = (
                data_text.count("\n", 0, data_text.find(f"- id: {rule_id}", retired_at)) + 1 if retired_at >= 0 else 0
            )
            found.append(
                Problem(
                    "data/guideline.yml",
                    line,
                    f"retired › {rule_id} › replaced_by",
                    f"Regeln {rule_id!r} var publicerad. Skriv under replaced_by vilken regel eller sida som "
                    "ersätter den, så att länkarna till den leder dit.",
                )
            )
    for kind, ids in _published_ids(versions).items():
        for item_id, (version, date) in ids.items():
            if item_id in present[kind] or item_id in retired:
                continue
            found.append(
                Problem(
                    record_name,
                    _line_of(record_text, item_id),
                    kind,
                    f"{_KINDS[kind]} {item_id!r} är publicerad (version {version}, {date}) men finns inte längre "
                    "i datafilen. Ett publicerat id får inte försvinna: länkar i e-post, beslut och utskrifter "
                    f"leder dit. Lägg tillbaka {item_id!r}, eller pensionera id:t i data/guideline.yml under "
                    f"retired: med id: {item_id} och replaced_by: (den regel eller sida som ersätter det).",
                )
            )
    return sorted(found)


@dataclass
class Version:
    """One published version as the page "Ändringar" shows it."""

    version: int
    date: str
    first: bool
    added: list[str] = field(default_factory=list)
    changed: list[tuple[str, str | None]] = field(default_factory=list)  # (id, old level if the level changed)
    removed: list[str] = field(default_factory=list)
    count: int = 0


def changes(versions: list[dict]) -> list[Version]:
    """Each published version against the one before it, newest first."""
    result = []
    previous: dict[str, Any] = {}
    for v in versions:
        rules = v.get("rules") or {}
        entry = Version(v["version"], str(v["date"]), first=not previous, count=len(rules))
        if previous:
            entry.added = [r for r in rules if r not in previous]
            entry.removed = [r for r in previous if r not in rules]
            for rule_id, now in rules.items():
                before = previous.get(rule_id)
                if before and (before["text"] != now["text"] or before["level"] != now["level"]):
                    entry.changed.append((rule_id, before["level"] if before["level"] != now["level"] else None))
        result.append(entry)
        previous = rules
    return list(reversed(result))


def marks(versions: list[dict]) -> dict[str, str]:
    """Rule id -> "Ny <date>" or "Ändrad <date>" for the latest version (none for the first)."""
    latest = changes(versions)[0] if versions else None
    if latest is None or latest.first:
        return {}
    found = {rule_id: f"Ny {latest.date}" for rule_id in latest.added}
    found.update({rule_id: f"Ändrad {latest.date}" for rule_id, _ in latest.changed})
    return found


def last_section(versions: list[dict], rule_id: str) -> str | None:
    """The section a rule was in when it was last published."""
    for v in reversed(versions):
        rule = (v.get("rules") or {}).get(rule_id)
        if rule:
            return rule["section"]
    return None
