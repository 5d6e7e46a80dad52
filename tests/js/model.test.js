// Unit tests for the pure browser modules: `node --test tests/js` (no browser).
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  FILE_FORMAT,
  cleanAnswers,
  errorMessage,
  CHECKLIST_COLUMN,
  errorTitle,
  fieldErrors,
  formStatus,
  hasContent,
  isIsoDate,
  isoDate,
  mailtoHref,
  parseFile,
  progressText,
  stepStatus,
  summaryText,
  taskStatus,
  tickedIds,
  toCSV,
  toCSVRow,
  toFile,
  toText,
} from "../../docs/assets/javascripts/handbook/model.js";
import { countText } from "../../docs/assets/javascripts/handbook/rule-index.js";

// A small CSV reader for ";"-separated, '"'-quoted text (RFC 4180 rules).
function readCSV(text) {
  const rows = [[]];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ";") {
      rows.at(-1).push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      rows.at(-1).push(cell);
      cell = "";
      rows.push([]);
      i += 1;
    } else cell += c;
  }
  if (cell || rows.at(-1).length) rows.at(-1).push(cell);
  if (!rows.at(-1).length) rows.pop();
  return rows;
}

const fields = [
  { id: "a", label: "Kontots namn", required: true },
  { id: "b", label: "Annan plattform", required: false },
  { id: "c", label: "Syfte", required: true },
];

describe("checklist state", () => {
  test("tickedIds keeps only known string ids", () => {
    assert.deepEqual(tickedIds({ ticked: ["borttagen", "x", 7, "y"] }, ["x", "y", "z"]), ["x", "y"]);
  });

  test("tickedIds ignores missing or malformed storage", () => {
    for (const stored of [null, undefined, {}, { ticked: "x" }, "inte json"]) {
      assert.deepEqual(tickedIds(stored, ["x"]), []);
    }
  });

  test("summary and step status", () => {
    assert.equal(summaryText(3, 8), "3 av 8 klara");
    assert.equal(summaryText(0, 8), "0 av 8 klara");
    assert.equal(summaryText(8, 8), "Alla 8 klara");
    assert.equal(stepStatus(1, 3), "1 av 3");
    assert.equal(stepStatus(3, 3), "Klart");
  });
});

describe("registration", () => {
  test("cleanAnswers keeps string answers for known fields", () => {
    assert.deepEqual(cleanAnswers({ answers: { a: "ja", okänt: "x", b: 5 } }, ["a", "b"]), { a: "ja" });
    assert.deepEqual(cleanAnswers({ answers: null }, ["a"]), {});
    assert.deepEqual(cleanAnswers(null, ["a"]), {});
  });

  test("hasContent ignores blank answers", () => {
    assert.equal(hasContent({ a: " ", b: "" }), false);
    assert.equal(hasContent({ a: " ", b: "x" }), true);
  });

  test("fieldErrors: required fields that are empty or blank", () => {
    const errors = fieldErrors(fields, { a: "  ", b: "", c: "Syftet" }, "2027-01-15");
    assert.deepEqual(
      errors.map((e) => [e.field.id, e.check, e.message]),
      [["a", "required", "Fyll i kontots namn"]],
    );
    assert.deepEqual(
      fieldErrors(fields, {}, "2027-01-15").map((e) => e.field.id),
      ["a", "c"],
    );
  });
  test("error texts", () => {
    assert.equal(errorMessage("Kontots namn"), "Fyll i kontots namn");
    assert.equal(errorTitle(1), "Det finns 1 fel i anmälan");
    assert.equal(errorTitle(3), "Det finns 3 fel i anmälan");
  });

  test("isIsoDate: a real calendar date written yyyy-mm-dd", () => {
    for (const text of ["2027-01-15", "2028-02-29"]) assert.equal(isIsoDate(text), true, text);
    for (const text of ["2027-02-29", "2027-13-01", "2027-1-5", "15/01/2027", "", "2027-01-15x"]) {
      assert.equal(isIsoDate(text), false, text);
    }
  });

  test("isoDate pads month and day", () => {
    assert.equal(isoDate(new Date(2027, 0, 5)), "2027-01-05");
    assert.equal(isoDate(new Date(2027, 10, 29)), "2027-11-29");
  });
});

describe("declared field checks", () => {
  // Like the real data: the fields as registration.js reads them from the page.
  const plain = { required: false, type: "text", requiredWhen: null, differsFrom: null, notBefore: null, format: null };
  const form = [
    { ...plain, id: "plattform", label: "Plattform", type: "select", required: true },
    { ...plain, id: "annan", label: "Annan plattform", requiredWhen: { field: "plattform", equals: "Annan plattform" } },
    { ...plain, id: "forsta", label: "Första kontoansvarig", required: true },
    { ...plain, id: "andra", label: "Andra kontoansvarig", required: true, differsFrom: "forsta" },
    { ...plain, id: "start", label: "Planerat startdatum", type: "date", required: true, notBefore: "today" },
    { ...plain, id: "epost", label: "E-post till kontot", format: "email" },
  ];
  const good = {
    plattform: "Facebook",
    annan: "",
    forsta: "Anna Andersson",
    andra: "Bo Berg",
    start: "2027-01-15",
    epost: "",
  };
  const today = "2027-01-15";
  const errors = (answers, fieldList = form) =>
    fieldErrors(fieldList, { ...good, ...answers }, today).map((e) => [e.field.id, e.check, e.message]);

  test("a good registration has no errors; optional checks skip empty answers", () => {
    assert.deepEqual(errors({}), []);
  });

  test("required_when: required only when the other field has that value", () => {
    assert.deepEqual(errors({ plattform: "Annan plattform" }), [
      ["annan", "required_when", "Fyll i annan plattform när plattform är Annan plattform"],
    ]);
    assert.deepEqual(errors({ plattform: "Annan plattform", annan: "Threads" }), []);
    assert.deepEqual(errors({ plattform: "Instagram", annan: "" }), []);
  });

  test("differs_from: the same answer, whatever case and spacing, is an error on the declaring field", () => {
    const message = "Andra kontoansvarig får inte vara samma som första kontoansvarig";
    assert.deepEqual(errors({ andra: "Anna Andersson" }), [["andra", "differs_from", message]]);
    assert.deepEqual(errors({ andra: "  anna   ANDERSSON " }), [["andra", "differs_from", message]]);
    assert.deepEqual(errors({ forsta: "", andra: "Anna" }), [["forsta", "required", "Fyll i första kontoansvarig"]]);
  });

  test("not_before today: today and later pass, yesterday fails (local dates, ISO)", () => {
    assert.deepEqual(errors({ start: "2027-01-16" }), []);
    assert.deepEqual(errors({ start: "2027-01-15" }), []);
    assert.deepEqual(errors({ start: "2027-01-14" }), [
      ["start", "not_before", "Planerat startdatum ska vara i dag eller senare"],
    ]);
    assert.deepEqual(errors({ start: "2019-01-01" }).length, 1);
    // Compared as dates, not as the day of the month: a new year is later.
    assert.deepEqual(fieldErrors(form, { ...good, start: "2027-01-01" }, "2026-12-31"), []);
  });

  test("a date that is not a date says how to write one", () => {
    assert.deepEqual(errors({ start: "15/1 2027" }), [
      ["start", "date", "Skriv planerat startdatum som år-månad-dag, till exempel 2027-01-15"],
    ]);
  });

  test("format email", () => {
    for (const address of ["namn@alingsas.se", "a.b@kommun.example"]) assert.deepEqual(errors({ epost: address }), []);
    for (const address of ["namn", "namn@", "namn@alingsas", "@alingsas.se", "na mn@alingsas.se"]) {
      assert.deepEqual(
        errors({ epost: address }),
        [["epost", "format", "Skriv e-post till kontot som en e-postadress, med @ och domän"]],
        address,
      );
    }
  });

  test("a message from the data file replaces the default", () => {
    const messages = {
      required_when: "Skriv vilken plattform kontot ska finnas på",
      differs_from: "Andra kontoansvarig ska vara en annan person än första kontoansvarig",
      not_before: "Välj ett startdatum som inte har passerat",
      format: "Skriv en e-postadress",
      required: "Välj plattform",
    };
    const custom = form.map((field) => ({ ...field, messages }));
    const bad = { plattform: "Annan plattform", andra: "Anna Andersson", start: "2026-01-01", epost: "x" };
    assert.deepEqual(errors(bad, custom), [
      ["annan", "required_when", messages.required_when],
      ["andra", "differs_from", messages.differs_from],
      ["start", "not_before", messages.not_before],
      ["epost", "format", messages.format],
    ]);
    assert.deepEqual(errors({ plattform: "" }, custom)[0], ["plattform", "required", "Välj plattform"]);
  });

  test("one error a field, in form order", () => {
    const bad = { plattform: "Annan plattform", andra: "anna andersson", start: "2019-01-01", epost: "x" };
    assert.deepEqual(
      errors(bad).map(([id, check]) => `${id}:${check}`),
      ["annan:required_when", "andra:differs_from", "start:not_before", "epost:format"],
    );
  });
});

describe("task list", () => {
  test("a step: not started, started with x of y, done", () => {
    assert.equal(taskStatus(0, 4), "Ej påbörjad");
    assert.equal(taskStatus(2, 4), "Påbörjad, 2 av 4");
    assert.equal(taskStatus(4, 4), "Klart");
  });

  test("the form: not started while empty, ready when no check fails", () => {
    assert.equal(formStatus({ a: "", b: "  " }, 3), "Ej påbörjad");
    assert.equal(formStatus({ a: "x", b: "" }, 1), "Påbörjad");
    assert.equal(formStatus({ a: "x", b: "y" }, 0), "Klar att lämna in");
  });

  test("progress counts what is ticked", () => {
    assert.equal(progressText([{ ticked: true }, { ticked: false }]), "1 av 2 klara");
    assert.equal(progressText([{ ticked: true }]), "Alla 1 klara");
  });
});

describe("formats", () => {
  const doc = {
    formId: "anmalan",
    title: "Anmälan av konto i sociala medier",
    date: "2027-01-15",
    source: "Riktlinje (KS 2023 § 55)",
    fields,
    answers: { a: "Alingsås bibliotek", b: "", c: "Nyheter" },
    checklistId: "starta-konto",
    items: [
      { id: "i1", label: "Första", ticked: true },
      { id: "i2", label: "Andra", ticked: false },
    ],
    later: { title: "Efter godkännandet", items: [{ id: "i3", label: "Skapa kontot", ticked: true }] },
  };

  test("CSV: BOM, semicolons, CRLF, one row a field, quoting", () => {
    const text = toCSV(fields.slice(0, 2), { a: 'x;"y"\nz' });
    assert.ok(text.startsWith("\ufeff"));
    assert.ok(text.endsWith("\r\n"));
    assert.deepEqual(readCSV(text.slice(1)), [
      ["Fält", "Uppgift", "Svar"],
      ["a", "Kontots namn", 'x;"y"\nz'],
      ["b", "Annan plattform", ""],
    ]);
    assert.equal(toCSV([{ id: "a", label: "A" }], { a: "enkel" }), "\ufeffFält;Uppgift;Svar\r\na;A;enkel\r\n");
  });

  test("CSV: answers that look like formulas stay text", () => {
    const answers = {
      a: '=HYPERLINK("http://x")',
      b: "+46 322",
      c: "-1",
      d: "@SUM(A1)",
      e: "\tx",
      f: "a=b",
      g: "\r=1+1",
    };
    const ids = Object.keys(answers);
    const rows = readCSV(toCSV(ids.map((id) => ({ id, label: id })), answers).slice(1));
    assert.deepEqual(
      rows.slice(1).map((row) => row[2]),
      ["'=HYPERLINK(\"http://x\")", "'+46 322", "'-1", "'@SUM(A1)", "'\tx", "a=b", "'\r=1+1"],
    );
  });

  test("CSV, one row a registration: the same columns every time, formulas neutralised", () => {
    const text = toCSVRow(doc);
    assert.ok(text.startsWith("\ufeff") && text.endsWith("\r\n"));
    const rows = readCSV(text.slice(1));
    assert.deepEqual(rows, [
      ["Datum", "Kontots namn", "Annan plattform", "Syfte", CHECKLIST_COLUMN],
      ["2027-01-15", "Alingsås bibliotek", "", "Nyheter", "1 av 2"],
    ]);
    // Other answers, no checklist: same header, same number of cells, so rows stack.
    const other = readCSV(toCSVRow({ ...doc, answers: { c: "=1+1;x" }, items: [] }).slice(1));
    assert.deepEqual(other[0], rows[0]);
    assert.deepEqual(other[1], ["2027-01-15", "", "", "'=1+1;x", ""]);
  });

  const TEXT = [
    "Anmälan av konto i sociala medier",
    "Datum: 2027-01-15",
    "Enligt Riktlinje (KS 2023 § 55)",
    "",
    "Kontots namn: Alingsås bibliotek",
    "Annan plattform: –",
    "Syfte: Nyheter",
    "",
    "Checklistan före inlämningen: 1 av 2 klara",
    "[x] Första",
    "[ ] Andra",
    "",
    "Efter godkännandet (görs när anmälan är inlämnad):",
    "- Skapa kontot",
    "",
  ];

  test("text: answers with a dash for empty, x av y before the hand-in, what follows as a plain list", () => {
    assert.equal(toText(doc), TEXT.join("\n"));
    const withoutChecklist = toText({ ...doc, items: [], later: null });
    assert.ok(!withoutChecklist.includes("Checklistan") && !withoutChecklist.includes("Efter"));
  });

  test("e-mail: subject with the account's name, the text as body with CRLF, all encoded", () => {
    const href = mailtoHref("kommunikation@example.se", { ...doc, answers: { ...doc.answers, kontonamn: "Bibliotek & kultur" } });
    const url = new URL(href);
    assert.equal(url.protocol, "mailto:");
    assert.equal(url.pathname, "kommunikation@example.se");
    const params = new URLSearchParams(url.search.replace(/\+/g, "%2B"));
    assert.equal(params.get("subject"), "Anmälan av konto i sociala medier: Bibliotek & kultur");
    assert.equal(params.get("body"), TEXT.join("\r\n"));
    assert.ok(!href.includes(" ") && !href.includes("\n"));
    const untitled = new URLSearchParams(new URL(mailtoHref("a@b.se", doc)).search);
    assert.equal(untitled.get("subject"), "Anmälan av konto i sociala medier");
  });

  test("a saved file reads back the same answers and ticks, after the hand-in too", () => {
    const file = toFile(doc);
    assert.equal(file.format, FILE_FORMAT);
    assert.equal(file.version, 1);
    assert.equal(file.form, "anmalan");
    assert.deepEqual(file.checklist, { id: "starta-konto", ticked: ["i1", "i3"] });
    const parsed = parseFile(JSON.stringify(file), ["a", "b", "c"], ["i1", "i2", "i3"], "anmalan");
    assert.deepEqual(parsed, { ok: true, answers: doc.answers, ticked: ["i1", "i3"] });
  });

  test("a file from another form is refused; a file without a form is a registration", () => {
    const file = toFile({ ...doc, formId: "anmalan-avslut" });
    const refused = parseFile(JSON.stringify(file), ["a"], ["i1"], "anmalan");
    assert.equal(refused.ok, false);
    assert.match(refused.message, /annan sorts anmälan.*Inget har ändrats/);
    const old = { ...toFile(doc), form: undefined };
    assert.equal(parseFile(JSON.stringify(old), ["a"], [], "anmalan").ok, true);
    assert.equal(parseFile(JSON.stringify(old), ["a"], [], "anmalan-avslut").ok, false);
  });

  test("parseFile drops unknown fields, non-strings and items that no longer exist", () => {
    const text = JSON.stringify({
      format: FILE_FORMAT,
      version: 1,
      answers: { a: "ja", okänt: "x", b: 5 },
      checklist: { ticked: ["i", "gammal"] },
    });
    assert.deepEqual(parseFile(text, ["a", "b"], ["i"]), { ok: true, answers: { a: "ja" }, ticked: ["i"] });
  });

  test("parseFile rejects what is not ours, and says why", () => {
    const unreadable = parseFile("{inte json", ["a"], ["i"]);
    assert.equal(unreadable.ok, false);
    assert.match(unreadable.message, /går inte att läsa/);
    for (const text of ["[]", "null", "5", JSON.stringify({ format: "annat", version: 1, answers: {} })]) {
      const result = parseFile(text, ["a"], ["i"]);
      assert.equal(result.ok, false, text);
      assert.match(result.message, /Inget har ändrats/, text);
    }
    for (const data of [
      { format: FILE_FORMAT, version: 2, answers: {} },
      { format: FILE_FORMAT, version: 1, answers: null },
      { format: FILE_FORMAT, version: 1 },
    ]) {
      const result = parseFile(JSON.stringify(data), ["a"], ["i"]);
      assert.equal(result.ok, false, JSON.stringify(data));
      assert.match(result.message, /format som den här sidan inte känner igen/);
    }
  });
});

describe("rule index", () => {
  test("count text", () => {
    assert.equal(countText(1, 1), "1 regel");
    assert.equal(countText(40, 40), "40 regler");
    assert.equal(countText(3, 40), "Visar 3 av 40 regler");
  });
});
