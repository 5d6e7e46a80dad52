"""Ids are forever: the record of published ids, retiring an id, the page "Ändringar"
and the "Ändrad" mark (hooks/ids.py)."""

from __future__ import annotations

import datetime
from pathlib import Path

import guideline_data
import ids
from conftest import ROOT, copy_project, mkdocs_build, read_data, soup, write_data

DATA = guideline_data.load(ROOT / "data" / "guideline.yml")
V1 = datetime.date(2027, 1, 10)
V2 = datetime.date(2027, 2, 1)


def loose_rule(project: Path) -> dict:
    """A rule that no checklist, form or page points at, so removing it breaks
    nothing but its own published id, in a section with other rules."""
    texts = " ".join(p.read_text("utf-8") for p in (project / "docs").rglob("*.md"))
    used = {i["rule"] for c in DATA["checklists"] for s in c["steps"] for i in s["items"] if i["rule"]}
    used |= {f["rule"] for f in DATA["forms"]} | {x["rule"] for f in DATA["forms"] for x in f["fields"] if x["rule"]}
    per_section = {s["id"]: sum(r["section"] == s["id"] for r in DATA["rules"]) for s in DATA["sections"]}
    return next(
        r for r in DATA["rules"] if r["id"] not in used and f"#{r['id']}" not in texts and per_section[r["section"]] > 1
    )


def test_a_version_is_recorded_only_when_something_changed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    first = ids.record_publication(project, DATA, V1)
    assert (first["version"], first["date"]) == (1, "2027-01-10")
    assert set(first["rules"]) == {r["id"] for r in DATA["rules"]}
    again = ids.record_publication(project, DATA, V2)
    assert again["version"] == 1, "nothing changed: no new version"
    changed = {
        **DATA,
        "rules": [{**r, "text": r["text"] + " Nu."} if i == 0 else r for i, r in enumerate(DATA["rules"])],
    }
    second = ids.record_publication(project, changed, V2)
    assert (second["version"], second["date"]) == (2, "2027-02-01")
    text = (project / "data" / "published.yml").read_text("utf-8")
    assert text.startswith("# Skrivs av make publish")
    assert [v["version"] for v in ids.load_record(project)] == [1, 2]


def test_changes_between_versions_and_the_marks() -> None:
    v1 = {"version": 1, "date": "2027-01-10", **ids.snapshot(DATA)}
    rules = dict(v1["rules"])
    first, second, third = list(rules)[:3]
    rules[first] = {**rules[first], "text": "Ny text."}
    rules[second] = {**rules[second], "level": "bör" if rules[second]["level"] == "ska" else "ska"}
    del rules[third]
    rules["helt-ny"] = {"level": "bör", "section": "syfte", "text": "Du bör."}
    v2 = {**v1, "version": 2, "date": "2027-02-01", "rules": rules}
    latest, oldest = ids.changes([v1, v2])
    assert oldest.first and oldest.count == len(DATA["rules"])
    assert latest.added == ["helt-ny"] and latest.removed == [third]
    assert latest.changed == [(first, None), (second, v1["rules"][second]["level"])]
    assert ids.marks([v1, v2]) == {"helt-ny": "Ny 2027-02-01", first: "Ändrad 2027-02-01", second: "Ändrad 2027-02-01"}
    assert ids.marks([v1]) == {}, "the first version marks nothing"


def test_a_published_id_cannot_disappear_and_a_retired_one_keeps_working(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    rule = loose_rule(project)
    ids.record_publication(project, DATA, V1)
    data = read_data(project)
    data["rules"] = [r for r in data["rules"] if r["id"] != rule["id"]]
    write_data(project, data)

    # Removed without retiring: the build stops, naming the id, where it was published and what to do.
    result = mkdocs_build(project, tmp_path / "broken")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    record = (project / "data" / "published.yml").read_text("utf-8").splitlines()
    line = max(n for n, text in enumerate(record, 1) if text.strip() == f"{rule['id']}:")
    assert f"data/published.yml:{line} [rules]: Regeln '{rule['id']}' är publicerad (version 1, 2027-01-10)" in (
        result.stderr
    ), result.stderr
    assert f"retired: med id: {rule['id']} och replaced_by:" in result.stderr
    assert not (tmp_path / "broken" / "index.html").exists(), "nothing half-published"

    # A retired rule must say what replaced it.
    data["retired"] = [{"id": rule["id"]}]
    write_data(project, data)
    result = mkdocs_build(project, tmp_path / "no-replacement")
    assert result.returncode == 1 and "Skriv under replaced_by" in result.stderr, result.stderr

    # Retired with its replacement: green, and the old anchor lands on a note that links on.
    replacement = next(r for r in DATA["rules"] if r["section"] == rule["section"] and r["id"] != rule["id"])
    data["retired"] = [{"id": rule["id"], "replaced_by": replacement["id"], "note": "Regeln är sammanslagen."}]
    write_data(project, data)
    out = tmp_path / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    page = DATA["sections"][[s["id"] for s in DATA["sections"]].index(rule["section"])]["page"]
    html = soup(out / page.removesuffix(".md").removesuffix("index") / "index.html")
    note = html.select_one(f"#{rule['id']}.mdx-retired")
    assert note is not None
    assert "Regeln är sammanslagen." in note.get_text()
    assert note.select_one("a")["href"].endswith(f"#{replacement['id']}")

    # Published again: "Ändringar" lists the removal and its replacement; nothing is marked
    # changed, since no remaining rule changed.
    ids.record_publication(project, guideline_data.parse((project / "data" / "guideline.yml").read_bytes()), V2)
    out2 = tmp_path / "site2"
    assert mkdocs_build(project, out2).returncode == 0
    changes = soup(out2 / "andringar" / "index.html").select_one(".mdx-changes")
    text = " ".join(changes.get_text(" ").split())
    assert text.index("Version 2, 2027-02-01") < text.index("Version 1, 2027-01-10"), "newest first"
    assert f"Borttagna regler {rule['id']} : ersatt av" in text
    assert changes.select_one(f"a[href$='#{replacement['id']}']") is not None


def test_a_changed_rule_is_marked_where_it_stands(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    ids.record_publication(project, DATA, V1)
    data = read_data(project)
    rule = data["rules"][0]
    rule["text"] = rule["text"].rstrip(".") + ", också på helger."
    write_data(project, data)
    ids.record_publication(project, guideline_data.parse((project / "data" / "guideline.yml").read_bytes()), V2)
    out = tmp_path / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    page = DATA["sections"][[s["id"] for s in DATA["sections"]].index(rule["section"])]["page"]
    mark = soup(out / page.removesuffix(".md").removesuffix("index") / "index.html").select_one(
        f"#{rule['id']} .mdx-rule__changed"
    )
    assert mark is not None and mark.get_text() == "Ändrad 2027-02-01"
    assert mark["href"].endswith("andringar/")
    changes = " ".join(soup(out / "andringar" / "index.html").select_one(".mdx-changes").get_text(" ").split())
    assert "Ändrade regler" in changes and rule["id"] in changes


def test_a_removed_checklist_item_must_be_retired_too() -> None:
    versions = [{"version": 1, "date": "2027-01-10", **ids.snapshot(DATA)}]
    item = DATA["checklists"][0]["steps"][0]["items"][0]["id"]
    data = {
        **DATA,
        "checklists": [
            {**c, "steps": [{**s, "items": [i for i in s["items"] if i["id"] != item]} for s in c["steps"]]}
            for c in DATA["checklists"]
        ],
    }
    [problem] = ids.problems(data, versions)
    assert problem.field == "checklist_items"
    assert f"Punkten i en checklista '{item}' är publicerad (version 1, 2027-01-10)" in problem.message
    assert ids.problems({**data, "retired": [{"id": item}]}, versions) == [], "an item needs no replacement"
    assert ids.problems(DATA, versions) == []
    assert ids.problems(DATA, []) == [], "nothing published yet: nothing to keep"
