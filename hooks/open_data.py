"""The rules as open data: one JSON file with every rule, published with the site.

The intranet or another system can read data/regler.json and show, filter or
link to the rules. Its shape is described by data/regler.schema.json (also
published) and stays stable: a change that breaks a reader raises
FORMAT_VERSION. Fields that a rule leaves out are null, never missing.

Pure: no MkDocs import. The build hooks write both files into the site.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import short_links

FORMAT = "alingsas-riktlinje-sociala-medier/regler"
FORMAT_VERSION = 1
JSON_PATH = "data/regler.json"
SCHEMA_PATH = "data/regler.schema.json"
SCHEMA_SOURCE = Path(__file__).resolve().parent.parent / "data" / "regler.schema.json"
_SOURCE_FIELDS = (
    "kind",
    "statute",
    "sfs",
    "eu",
    "reference",
    "interpretation",
    "authority",
    "document",
    "topic",
    "note",
)


def document(data: dict, page_url: Callable[[str], str], site_url: str | None) -> dict:
    """Every rule, in the data file's order, with the names of its roles and section,
    its sources, why, how to check it, and where it is (absolute when the site's
    address is known, and always relative to the site's root)."""
    base = (site_url or "").rstrip("/") + "/" if site_url else None
    sections = {s["id"]: s for s in data["sections"]}
    roles = {r["id"]: r for r in data["roles"]}
    guideline = data["guideline"]
    rules = []
    for rule in data["rules"]:
        section = sections[rule["section"]]
        path = f"{page_url(section['page'])}#{rule['id']}"
        short = short_links.url_of(rule["id"])
        rules.append(
            {
                "id": rule["id"],
                "text": _one_line(rule["text"]),
                "level": rule["level"],
                "roles": [{"id": r, "name": roles[r]["name"]} for r in rule["roles"]],
                "section": {"id": section["id"], "title": section["title"]},
                "source": [{k: s.get(k) for k in _SOURCE_FIELDS} for s in rule["source"]],
                "rationale": _one_line(rule["rationale"]) if rule.get("rationale") else None,
                "check": _one_line(rule["how_to_check"]) if rule.get("how_to_check") else None,
                "path": path,
                "url": base + path if base else None,
                "short_path": short,
                "short_url": base + short if base else None,
            }
        )
    return {
        "$schema": "regler.schema.json",
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "guideline": {
            "title": guideline["title"],
            "body": guideline["body"],
            "paragraph": guideline["paragraph"],
            "dnr": guideline["dnr"],
            "year": guideline["year"],
            "notice": _one_line(guideline["notice"]),
        },
        "site_url": base,
        "rules": rules,
    }


def files(data: dict, page_url: Callable[[str], str], site_url: str | None) -> dict[str, str]:
    """Site-relative path -> content of the two published files."""
    text = json.dumps(document(data, page_url, site_url), ensure_ascii=False, indent=2) + "\n"
    return {JSON_PATH: text, SCHEMA_PATH: SCHEMA_SOURCE.read_text(encoding="utf-8")}


def _one_line(text: str) -> str:
    return " ".join(text.split())
