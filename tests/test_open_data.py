"""The rules as open data: data/regler.json holds every rule and validates
against its published JSON Schema, and every address in it leads to its rule."""

from __future__ import annotations

import json

import guideline_data
import jsonschema
from conftest import ROOT, Site, soup

DATA = guideline_data.load(ROOT / "data" / "guideline.yml")


def load(site: Site) -> tuple[dict, dict]:
    document = json.loads((site.root / "data" / "regler.json").read_text(encoding="utf-8"))
    schema = json.loads((site.root / "data" / "regler.schema.json").read_text(encoding="utf-8"))
    return document, schema


def test_the_file_validates_against_its_schema(site: Site) -> None:
    document, schema = load(site)
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(document)]
    assert not errors


def test_the_schema_refuses_what_it_should(site: Site) -> None:
    document, schema = load(site)
    validator = jsonschema.Draft202012Validator(schema)
    ska = next(r for r in document["rules"] if r["level"] == "ska")
    broken = {**document, "rules": [{**ska, "check": None}]}
    assert not validator.is_valid(broken), "a ska rule must say how to check it"
    assert not validator.is_valid({**document, "rules": [{**ska, "level": "skall"}]})
    assert not validator.is_valid({**document, "format_version": 2})


def test_the_file_holds_every_rule_as_in_the_data_file(site: Site) -> None:
    document, _ = load(site)
    assert [r["id"] for r in document["rules"]] == [r["id"] for r in DATA["rules"]]
    roles = {r["id"]: r["name"] for r in DATA["roles"]}
    for rule, data in zip(document["rules"], DATA["rules"], strict=True):
        assert rule["text"] == " ".join(data["text"].split())
        assert rule["level"] == data["level"]
        assert rule["roles"] == [{"id": r, "name": roles[r]} for r in data["roles"]]
        assert rule["section"]["id"] == data["section"]
        assert [s["kind"] for s in rule["source"]] == [s["kind"] for s in data["source"]]
        assert (rule["check"] is None) == (not data["how_to_check"])
    assert document["site_url"] == site.url


def test_every_address_in_the_file_leads_to_its_rule(site: Site) -> None:
    document, _ = load(site)
    for rule in document["rules"]:
        assert rule["url"] == site.url + rule["path"]
        assert rule["short_url"] == site.url + rule["short_path"] == f"{site.url}r/{rule['id']}/"
        page, anchor = rule["path"].split("#")
        assert anchor == rule["id"]
        assert soup(site.root / page / "index.html").find(id=anchor) is not None, rule["path"]


def test_the_catalogue_links_to_the_file_and_its_schema(site: Site) -> None:
    links = {a["href"] for a in soup(site.page("regler")).select("article a[href]")}
    assert {"../data/regler.json", "../data/regler.schema.json"} <= links
