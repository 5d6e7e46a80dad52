"""The data file's checks, as an editor meets them: exit code, file, line, field, no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import guideline_data
import pytest
from conftest import ROOT, copy_project, mkdocs_build

FIXTURE = ROOT / "tests" / "fixtures" / "minimal.yml"
CHECKER = ROOT / "hooks" / "guideline_data.py"


HANDBOKEN = "      - kind: handboken\n"  # the second rule's only source in the fixture


def minimal() -> str:
    return FIXTURE.read_text(encoding="utf-8")


def replace(old: str, new: str, count: int = 1) -> str:
    text = minimal()
    assert text.count(old) >= count, f"fixture has no {old!r}"
    return text.replace(old, new, count)


def check(tmp_path: Path, content: str | bytes) -> subprocess.CompletedProcess:
    path = tmp_path / "guideline.yml"
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return subprocess.run([sys.executable, str(CHECKER), str(path)], capture_output=True, text=True, timeout=60)


# Form fields after the fixture's only one (plattform, lines 53-57): the first
# added field starts on line 58, with its keys on the lines below.
FIELDS_END = "        required: true\nchecklists:"


def with_fields(extra: str) -> str:
    return replace(FIELDS_END, "        required: true\n" + extra + "checklists:")


def field(field_id: str, type_: str = "text", required: str = "false", more: str = "") -> str:
    """A form field; `more` holds extra keys, each line indented by 4 spaces as if the
    field stood at the top level (the field itself sits 4 deeper, under forms › fields)."""
    more = "".join("    " + line for line in more.splitlines(keepends=True))
    return (
        f"      - id: {field_id}\n        label: {field_id.capitalize()}\n        type: {type_}\n"
        f"        required: {required}\n{more}"
    )


def test_every_ska_rule_says_how_to_check_it() -> None:
    data = guideline_data.load(ROOT / "data" / "guideline.yml")
    missing = [r["id"] for r in data["rules"] if r["level"] == "ska" and not (r["how_to_check"] or "").strip()]
    assert not missing


def test_real_data_file_is_valid() -> None:
    data = guideline_data.load(ROOT / "data" / "guideline.yml")
    assert data["rules"], "the handbook has rules"


def test_minimal_fixture_is_valid(tmp_path: Path) -> None:
    result = check(tmp_path, minimal())
    assert result.returncode == 0, result.stderr
    assert "är giltig" in result.stdout


# (case id, file content, line, field or "" for the file as a whole, words in the message)
CASES = [
    ("yaml-syntax", replace("  title: Syfte\n", "  title: Syfte: med kolon\n"), 20, "[title]", "kolon"),
    ("tab-indent", replace("  title: Riktlinje", "\ttitle: Riktlinje"), 3, "[title]", "tabb"),
    ("duplicate-key", replace("  year: 2023\n", "  year: 2023\n  year: 2024\n"), 9, "guideline › year", "två gånger"),
    ("empty-file", "", 1, "", "tom"),
    ("only-comments", "# bara en kommentar\n", 1, "", "tom"),
    ("top-level-list", "- id: a\n- id: b\n", 1, "", "lista"),
    ("not-utf8", replace("Sköter kontot.", "Sk\udcf6ter kontot.").encode("utf-8", "surrogateescape"), 25, "", "UTF-8"),
    (
        "python-tag",
        replace("  title: Syfte\n", "  title: !!python/object/apply:os.system [ls]\n"),
        20,
        "sections",
        "Taggen",
    ),
    (
        "alias",
        replace(
            "    roles: [kontoansvarig]\n    section: syfte\n    source:\n      - kind: handboken",
            "    roles: &r [kontoansvarig]\n    section: syfte\n    source:\n      - kind: handboken",
        ),
        42,
        "",
        "Ankare",
    ),
    ("alias-use", replace("page: index.md\n", "page: index.md\nextra: *x\n"), 22, "", "Alias"),
    ("wrong-type", replace("  year: 2023", "  year: tjugotjugotre"), 8, "guideline › year", "heltal"),
    (
        "wrong-type-list",
        replace(
            "    roles: [kontoansvarig]\n    section: syfte\n    source:\n      - kind: riktlinjen",
            "    roles: kontoansvarig\n    section: syfte\n    source:\n      - kind: riktlinjen",
        ),
        34,
        "rules › nr 1 (syfte-skriftligt) › roles",
        "lista",
    ),
    (
        "missing-field",
        replace("    text: Varje konto ska ha ett skriftligt syfte.\n", ""),
        30,
        "rules › nr 1 (syfte-skriftligt)",
        "text saknas",
    ),
    (
        "unknown-field",
        replace("    level: ska\n", "    levle: ska\n"),
        33,
        "rules › nr 1 (syfte-skriftligt) › levle",
        "Okänt fält levle",
    ),
    (
        "bad-level",
        replace("    level: ska\n", "    level: måste\n"),
        33,
        "rules › nr 1 (syfte-skriftligt) › level",
        "ska, bör",
    ),
    (
        "malformed-id",
        replace("  - id: svara-snabbt", "  - id: Svara Snabbt"),
        39,
        "rules › nr 2 (Svara Snabbt) › id",
        "små bokstäver",
    ),
    (
        "duplicate-rule-id",
        replace("  - id: svara-snabbt", "  - id: syfte-skriftligt"),
        39,
        "rules › nr 2 (syfte-skriftligt) › id",
        "används redan",
    ),
    (
        "duplicate-role-id",
        replace("  - id: ansvarig-chef", "  - id: kontoansvarig"),
        26,
        "roles › nr 2 (kontoansvarig) › id",
        "används redan",
    ),
    (
        "duplicate-item-id",
        replace("          - id: punkt-egen", "          - id: punkt-syfte"),
        68,
        "items › nr 2 (punkt-syfte) › id",
        "används redan",
    ),
    (
        "item-id-is-a-rule-id",
        replace("          - id: punkt-egen", "          - id: svara-snabbt"),
        68,
        "items › nr 2 (svara-snabbt) › id",
        "redan id för en regel",
    ),
    (
        "unknown-role",
        replace(
            "    roles: [kontoansvarig]\n    section: syfte\n    source:\n      - kind: riktlinjen",
            "    roles: [redaktor]\n    section: syfte\n    source:\n      - kind: riktlinjen",
        ),
        34,
        "rules › nr 1 (syfte-skriftligt) › roles › nr 1",
        "Rollen 'redaktor' finns inte",
    ),
    (
        "unknown-rule",
        replace("            rule: syfte-skriftligt", "            rule: finns-inte"),
        67,
        "items › nr 1 (punkt-syfte) › rule",
        "Regeln 'finns-inte' finns inte",
    ),
    (
        "unknown-section",
        replace("    section: syfte\n", "    section: okant\n"),
        35,
        "rules › nr 1 (syfte-skriftligt) › section",
        "Avsnittet 'okant' finns inte",
    ),
    (
        "empty-checklist",
        replace(
            "        items:\n          - id: punkt-syfte\n            rule: syfte-skriftligt\n"
            "          - id: punkt-egen\n            text: Boka ett möte med kommunikationsfunktionen.\n"
            "            roles: [kontoansvarig]\n",
            "        items: []\n",
        ),
        65,
        "steps › nr 1 (steg-ett) › items",
        "tom",
    ),
    (
        "item-rule-and-text",
        replace(
            "            rule: syfte-skriftligt\n", "            rule: syfte-skriftligt\n            text: Dubbelt.\n"
        ),
        66,
        "items › nr 1 (punkt-syfte)",
        "antingen rule",
    ),
    (
        "select-without-options",
        replace("        options: [Facebook, Instagram]\n", ""),
        53,
        "forms › nr 1 (anmalan) › fields › nr 1 (plattform)",
        "options saknas",
    ),
    # Provenance: a rule's sources and its level (see data/guideline.schema.json, $defs › source).
    (
        "ska-resting-only-on-the-handbook",
        replace("      - kind: riktlinjen\n        topic: omfattning\n", "      - kind: handboken\n"),
        33,
        "rules › nr 1 (syfte-skriftligt) › level]",
        "ska men vilar bara på vägledning eller handbokens råd",
    ),
    (
        "ska-resting-only-on-guidance",
        replace(
            "      - kind: riktlinjen\n        topic: omfattning\n",
            "      - kind: vägledning\n        authority: JO\n        document: ett beslut\n",
        ),
        33,
        "rules › nr 1 (syfte-skriftligt) › level]",
        "En ska-regel måste ha minst en källa med kind: lag eller kind: riktlinjen",
    ),
    (
        "ska-resting-on-a-topic-the-decision-says-bor-about",
        replace("        topic: omfattning\n", "        topic: krav\n"),
        33,
        "rules › nr 1 (syfte-skriftligt) › level]",
        "beslutet säger bara bör om ämnet krav",
    ),
    (
        "rule-text-without-its-level",
        replace("    text: Du bör svara", "    text: Svara"),
        40,
        "rules › nr 2 (svara-snabbt) › text]",
        "texten säger inte bör",
    ),
    (
        "unknown-topic",
        replace("        topic: omfattning\n", "        topic: okant\n"),
        38,
        "rules › nr 1 (syfte-skriftligt) › source › nr 1 › topic]",
        "Ämnet 'okant' finns inte",
    ),
    (
        "duplicate-topic-id",
        replace("    - {id: krav,", "    - {id: omfattning,"),
        12,
        "guideline › topics › nr 2 (omfattning) › id]",
        "används redan",
    ),
    (
        "topic-without-level",
        replace(", level: bör}", "}"),
        12,
        "guideline › topics › nr 2 (krav)]",
        "level saknas",
    ),
    (
        "unknown-kind",
        replace("      - kind: handboken\n", "      - kind: praxis\n"),
        45,
        "rules › nr 2 (svara-snabbt) › source › nr 1 › kind]",
        "Tillåtna värden: lag, vägledning, riktlinjen, handboken",
    ),
    (
        "lag-without-statute",
        replace(HANDBOKEN, '      - kind: lag\n        sfs: "1974:152"\n        reference: 1 kap. 9 §\n'),
        45,
        "rules › nr 2 (svara-snabbt) › source › nr 1]",
        "Fältet statute saknas",
    ),
    (
        "lag-without-sfs-or-eu",
        replace(HANDBOKEN, "      - kind: lag\n        statute: Regeringsformen\n        reference: 1 kap. 9 §\n"),
        45,
        "rules › nr 2 (svara-snabbt) › source › nr 1]",
        "Ett av fälten sfs eller eu måste finnas",
    ),
    (
        "lag-with-both-sfs-and-eu",
        replace(
            "      - kind: handboken\n",
            '      - kind: lag\n        statute: Dataskyddsförordningen\n        sfs: "2018:218"\n'
            '        eu: "2016/679"\n        reference: artikel 9\n',
        ),
        45,
        "rules › nr 2 (svara-snabbt) › source › nr 1]",
        "Fälten sfs och eu får inte finnas samtidigt",
    ),
    (
        "lag-without-reference-or-note",
        replace(HANDBOKEN, '      - kind: lag\n        statute: Upphovsrättslagen\n        sfs: "1960:729"\n'),
        45,
        "rules › nr 2 (svara-snabbt) › source › nr 1]",
        "En lag utan reference",
    ),
    (
        "lag-with-a-malformed-eu-number",
        replace(
            "      - kind: handboken\n",
            "      - kind: lag\n        statute: Dataskyddsförordningen\n"
            '        eu: "679/2016/EU"\n        reference: artikel 9\n',
        ),
        47,
        "rules › nr 2 (svara-snabbt) › source › nr 1 › eu]",
        "EU-nummer",
    ),
    (
        "vagledning-without-document",
        replace("      - kind: handboken\n", "      - kind: vägledning\n        authority: JO\n"),
        45,
        "rules › nr 2 (svara-snabbt) › source › nr 1]",
        "Fältet document saknas",
    ),
    (
        "vagledning-from-an-unknown-authority",
        replace(HANDBOKEN, "      - kind: vägledning\n        authority: Facebook\n        document: Villkor\n"),
        46,
        "rules › nr 2 (svara-snabbt) › source › nr 1 › authority]",
        "Tillåtna värden: JO",
    ),
    (
        "riktlinjen-without-topic",
        replace("        topic: omfattning\n", ""),
        37,
        "rules › nr 1 (syfte-skriftligt) › source › nr 1]",
        "Fältet topic saknas",
    ),
    (
        "field-of-another-kind",
        replace("        topic: omfattning\n", "        topic: omfattning\n        statute: Regeringsformen\n"),
        39,
        "rules › nr 1 (syfte-skriftligt) › source › nr 1 › statute]",
        "Fältet statute hör inte till den här sortens källa",
    ),
    (
        "handboken-with-a-topic",
        replace("      - kind: handboken\n", "      - kind: handboken\n        topic: krav\n"),
        46,
        "rules › nr 2 (svara-snabbt) › source › nr 1 › topic]",
        "hör inte till den här sortens källa",
    ),
    (
        "bad-url",
        replace("  adopted_document_url: null", "  adopted_document_url: www.alingsas"),
        16,
        "settings › adopted_document_url",
        "https://",
    ),
    # Forms and the steps after the hand-in.
    (
        "form-for-an-unknown-checklist",
        replace("    checklist: starta-konto\n", "    checklist: starta\n"),
        49,
        "forms › nr 1 (anmalan) › checklist]",
        "Checklistan 'starta' finns inte",
    ),
    (
        "form-with-an-unknown-rule",
        replace("    rule: syfte-skriftligt\n", "    rule: syfte\n"),
        50,
        "forms › nr 1 (anmalan) › rule]",
        "Regeln 'syfte' finns inte",
    ),
    (
        "two-forms-for-one-checklist",
        replace(
            "checklists:\n",
            "  - id: anmalan-tva\n    title: Anmälan igen\n    checklist: starta-konto\n    rule: svara-snabbt\n"
            "    next_steps: Något.\n    fields:\n      - id: namn\n        label: Namn\n        type: text\n"
            "        required: true\nchecklists:\n",
        ),
        60,
        "forms › nr 2 (anmalan-tva) › checklist]",
        "har redan en blankett (rad 49)",
    ),
    (
        "after-handin-without-a-title",
        replace("        title: Beslut\n", "        title: Beslut\n        after_handin: true\n"),
        59,
        "checklists › nr 1 (starta-konto) › id]",
        "ingen after_handin_title",
    ),
    (
        "after-handin-title-without-steps",
        replace("    version: 1\n", "    version: 1\n    after_handin_title: Efter godkännandet\n"),
        62,
        "checklists › nr 1 (starta-konto) › after_handin_title]",
        "används aldrig",
    ),
    (
        "a-step-before-the-hand-in-after-one-after-it",
        replace(
            "    version: 1\n    steps:\n",
            "    version: 1\n    after_handin_title: Efter godkännandet\n    steps:\n      - id: steg-noll\n"
            "        title: Noll\n        after_handin: true\n        items:\n          - id: punkt-noll\n"
            "            text: Skapa kontot.\n            roles: [kontoansvarig]\n",
        ),
        71,
        "steps › nr 2 (steg-ett) › id]",
        "Flytta det före de stegen",
    ),
    (
        "registration-recipient-neither-address-nor-link",
        replace("  registration_recipient: null", "  registration_recipient: kommunikationsavdelningen"),
        15,
        "settings › registration_recipient]",
        "'kommunikationsavdelningen' är varken en e-postadress eller en länk",
    ),
    (
        "differs-from-an-unknown-field",
        with_fields(field("andra", more="    differs_from: forsta\n")),
        62,
        "forms › nr 1 (anmalan) › fields › nr 2 (andra) › differs_from]",
        "Fältet 'forsta' finns inte i blanketten. Det finns: plattform, andra.",
    ),
    (
        "differs-from-itself",
        with_fields(field("andra", more="    differs_from: andra\n")),
        62,
        "forms › nr 1 (anmalan) › fields › nr 2 (andra) › differs_from]",
        "kan inte jämföras med sig självt",
    ),
    (
        "required-when-an-unknown-field",
        with_fields(field("annan", more="    required_when: {field: platform, equals: Annan}\n")),
        62,
        "forms › nr 1 (anmalan) › fields › nr 2 (annan) › required_when › field]",
        "Fältet 'platform' finns inte",
    ),
    (
        "required-when-a-value-that-is-not-an-option",
        with_fields(field("annan", more="    required_when: {field: plattform, equals: Annan plattform}\n")),
        62,
        "forms › nr 1 (anmalan) › fields › nr 2 (annan) › required_when › equals]",
        "'Annan plattform' är inget val i fältet 'plattform'. Skriv ett av valen exakt som i listan: "
        "Facebook, Instagram.",
    ),
    (
        "required-when-a-field-without-options",
        with_fields(field("namn") + field("annan", more="    required_when: {field: namn, equals: x}\n")),
        66,
        "forms › nr 1 (anmalan) › fields › nr 3 (annan) › required_when › field]",
        "har inga val (options)",
    ),
    (
        "required-when-on-a-required-field",
        with_fields(field("annan", required="true", more="    required_when: {field: plattform, equals: Facebook}\n")),
        61,
        "forms › nr 1 (anmalan) › fields › nr 2 (annan) › required]",
        "både required: true och required_when",
    ),
    (
        "not-before-on-a-text-field",
        with_fields(field("start", more="    not_before: today\n")),
        62,
        "forms › nr 1 (anmalan) › fields › nr 2 (start) › not_before]",
        "not_before fungerar bara för fält med type: date",
    ),
    (
        "not-before-an-unknown-word",
        with_fields(field("start", "date", more="    not_before: igår\n")),
        62,
        "forms › nr 1 (anmalan) › fields › nr 2 (start) › not_before]",
        "Tillåtna värden: today",
    ),
    (
        "format-on-a-date-field",
        with_fields(field("epost", "date", more="    format: email\n")),
        62,
        "forms › nr 1 (anmalan) › fields › nr 2 (epost) › format]",
        "format fungerar bara för fält med type: text",
    ),
    (
        "a-message-for-a-check-the-field-does-not-have",
        with_fields(field("andra", more="    messages:\n      differs_from: Ange en annan person\n")),
        63,
        "forms › nr 1 (anmalan) › fields › nr 2 (andra) › messages › differs_from]",
        "Meddelandet används aldrig: fältet har inte differs_from",
    ),
    (
        "empty-messages",
        with_fields(field("andra", more="    messages: {}\n")),
        62,
        "forms › nr 1 (anmalan) › fields › nr 2 (andra) › messages]",
        "Fältet är tomt",
    ),
    (
        "a-message-for-an-unknown-check",
        with_fields(field("andra", more="    messages:\n      differs: Ange en annan person\n")),
        63,
        "forms › nr 1 (anmalan) › fields › nr 2 (andra) › messages › differs]",
        "Okänt fält differs",
    ),
    (
        "a-ska-rule-that-does-not-say-how-to-check-it",
        replace("    how_to_check: Syftet står i kontots anmälan.\n", ""),
        30,
        "rules › nr 1 (syfte-skriftligt) › how_to_check]",
        "En ska-regel måste säga hur man kontrollerar att den följs",
    ),
    (
        "an-empty-how-to-check",
        replace("    how_to_check: Syftet står i kontots anmälan.\n", "    how_to_check: ' '\n"),
        32,
        "rules › nr 1 (syfte-skriftligt) › how_to_check]",
        "Texten är tom",
    ),
]


@pytest.mark.parametrize(("content", "line", "field", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_names_file_line_and_field(tmp_path: Path, content: str | bytes, line: int, field: str, words: str):
    result = check(tmp_path, content)
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    path = tmp_path / "guideline.yml"
    problem_lines = [row for row in result.stderr.splitlines() if row.startswith("  - ")]
    assert problem_lines, result.stderr
    where = (f"{path}:{line} [", f"{path}:{line}:")
    match = [row for row in problem_lines if row[4:].startswith(where) and field in row and words in row]
    assert match, f"expected {path}:{line} [{field}] '{words}' in:\n{result.stderr}"


def test_every_problem_is_listed_not_only_the_first(tmp_path: Path) -> None:
    content = replace("    level: ska\n", "    levle: ska\n")
    content = content.replace("  - id: ansvarig-chef", "  - id: kontoansvarig")
    content = content.replace("            rule: syfte-skriftligt", "            rule: finns-inte")
    result = check(tmp_path, content)
    assert result.returncode == 1
    assert "Datafilen har 4 fel" in result.stderr, result.stderr
    for needle in ("levle", "level saknas", "används redan", "finns-inte"):
        assert needle in result.stderr


def test_billion_laughs_is_refused_at_the_first_anchor(tmp_path: Path) -> None:
    lines = ['a: &a ["ha","ha","ha","ha","ha","ha","ha","ha","ha"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    result = check(tmp_path, "\n".join(lines) + "\n")
    assert result.returncode == 1
    assert f"{tmp_path / 'guideline.yml'}:1:" in result.stderr
    assert "Ankare" in result.stderr


def test_several_documents_are_refused(tmp_path: Path) -> None:
    result = check(tmp_path, minimal() + "---\nmer: data\n")
    assert result.returncode == 1
    assert "ett dokument" in result.stderr


def test_build_stops_with_the_same_report_and_no_traceback(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "data" / "guideline.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("    level: ska\n", "    levle: ska\n", 1), "utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "data/guideline.yml:" in result.stderr
    assert "Okänt fält levle" in result.stderr
    assert not (tmp_path / "out" / "index.html").exists(), "nothing is half-published"


def test_build_names_a_section_page_that_does_not_exist(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    data = project / "data" / "guideline.yml"
    text = data.read_text(encoding="utf-8")
    first_page = text.split("    page: ", 1)[1].split("\n", 1)[0]
    data.write_text(text.replace(f"    page: {first_page}\n", "    page: saknas.md\n", 1), "utf-8")
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Sidan saknas.md finns inte" in result.stderr
    assert "› page]" in result.stderr


SEED = ROOT.parent / "shared" / "seed" / "000_b96219114cb341a5.txt"  # the board's decision, outside the project


@pytest.mark.skipif(not SEED.exists(), reason="the protocol of KS 2023 § 55 is not next to the project")
def test_topic_quotes_are_the_decisions_own_words() -> None:
    """guideline › topics › quote must be verbatim from the protocol (whitespace aside)."""
    protocol = " ".join(SEED.read_text(encoding="utf-8").split())
    topics = guideline_data.load(ROOT / "data" / "guideline.yml")["guideline"]["topics"]
    not_verbatim = [t["id"] for t in topics if " ".join(t["quote"].split()) not in protocol]
    assert not not_verbatim, f"quotes not found word for word in the decision: {not_verbatim}"


def test_only_a_statute_or_a_requiring_topic_makes_a_rule_ska() -> None:
    """The real data file: every ska rule rests on a statute or on a topic whose level is ska."""
    data = guideline_data.load(ROOT / "data" / "guideline.yml")
    topic_levels = {t["id"]: t["level"] for t in data["guideline"]["topics"]}
    for rule in data["rules"]:
        if rule["level"] == "ska":
            assert any(
                s["kind"] == "lag" or (s["kind"] == "riktlinjen" and topic_levels[s["topic"]] == "ska")
                for s in rule["source"]
            ), rule["id"]


def test_every_declared_field_check_is_accepted(tmp_path: Path) -> None:
    extra = (
        field("annan", more="    required_when: {field: plattform, equals: Instagram}\n")
        + field("forsta")
        + field("andra", more="    differs_from: forsta\n    messages:\n      differs_from: Två olika personer\n")
        + field("start", "date", "true", "    not_before: today\n    messages:\n      required: Välj ett datum\n")
        + field("epost", more="    format: email\n")
    )
    result = check(tmp_path, with_fields(extra))
    assert result.returncode == 0, result.stderr


def test_an_unknown_topic_is_reported_once_not_also_as_a_level_problem(tmp_path: Path) -> None:
    result = check(tmp_path, replace("        topic: omfattning\n", "        topic: okant\n"))
    assert result.returncode == 1
    assert "Ämnet 'okant' finns inte" in result.stderr
    assert "Datafilen har 1 fel" in result.stderr, result.stderr
