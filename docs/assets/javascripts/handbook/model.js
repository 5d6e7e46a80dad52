/*
 * Pure logic for the checklists and the account registration: state, texts,
 * validation and the file formats. No DOM and no storage here, so
 * `node --test tests/js` can run all of it without a browser.
 */

export const FILE_FORMAT = "alingsas-riktlinje-sociala-medier/anmalan";
export const FILE_VERSION = 1;

/* ------------------------------------------------------------- checklist */

// Ticked ids that still exist: removed items drop out, new ones start unticked.
export function tickedIds(stored, knownIds) {
  if (!stored || !Array.isArray(stored.ticked)) return [];
  return stored.ticked.filter((id) => typeof id === "string" && knownIds.includes(id));
}

// The line above a checklist: "3 av 8 klara", or "Alla 8 klara".
export function summaryText(done, total) {
  return done === total ? `Alla ${total} klara` : `${done} av ${total} klara`;
}

// A step's status next to its heading: "Klart", or "1 av 3".
export function stepStatus(done, total) {
  return done === total ? "Klart" : `${done} av ${total}`;
}

// A task's status in the task list (GOV.UK's manner): a step of a checklist,
// or the form, whose status depends on its answers and their errors.
export function taskStatus(done, total) {
  if (done === 0) return "Ej påbörjad";
  return done === total ? "Klart" : `Påbörjad, ${done} av ${total}`;
}

export function formStatus(answers, errorCount) {
  if (!hasContent(answers)) return "Ej påbörjad";
  return errorCount === 0 ? "Klar att lämna in" : "Påbörjad";
}

/* ---------------------------------------------------------- registration */

// Answers that still match a field; values are strings.
export function cleanAnswers(stored, fieldIds) {
  const answers = {};
  if (!stored || typeof stored.answers !== "object" || stored.answers === null) return answers;
  for (const id of fieldIds) {
    const value = stored.answers[id];
    if (typeof value === "string") answers[id] = value;
  }
  return answers;
}

export function hasContent(answers) {
  return Object.values(answers).some((value) => value.trim() !== "");
}

// The message next to an empty required field and in the error summary.
export function errorMessage(label) {
  return `Fyll i ${label.toLowerCase()}`;
}

/*
 * The checks an account field declares in data/guideline.yml (the partial
 * passes them on as data-mdx-* attributes). A field here is
 *   {id, label, type, required, requiredWhen: {field, equals} | null,
 *    differsFrom: id | null, notBefore: "today" | null, format: "email" | null,
 *    messages: {required, required_when, differs_from, not_before, format}}
 * where every message is optional and replaces the default below.
 */
const lower = (text) => text.toLowerCase();
// Two answers are the same person or thing whatever the case and spacing.
const normal = (text) => text.trim().replace(/\s+/g, " ").toLocaleLowerCase("sv");
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

// A real calendar date written yyyy-mm-dd.
export function isIsoDate(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}

const DEFAULTS = {
  required: (field) => errorMessage(field.label),
  required_when: (field, other) =>
    `Fyll i ${lower(field.label)} när ${lower(other.label)} är ${field.requiredWhen.equals}`,
  date: (field, today) => `Skriv ${lower(field.label)} som år-månad-dag, till exempel ${today}`,
  format: (field) => `Skriv ${lower(field.label)} som en e-postadress, med @ och domän`,
  not_before: (field) => `${field.label} ska vara i dag eller senare`,
  differs_from: (field, other) => `${field.label} får inte vara samma som ${lower(other.label)}`,
};

// The first check a field fails, as [check, message], or null. An empty field
// fails only required (or required_when); the other checks look at answers.
function firstError(field, answers, today, byId) {
  const value = (answers[field.id] || "").trim();
  const message = (check, other) => (field.messages && field.messages[check]) || DEFAULTS[check](field, other);
  if (!value) {
    if (field.required) return ["required", message("required")];
    const when = field.requiredWhen;
    if (when && answers[when.field] === when.equals) {
      return ["required_when", message("required_when", byId[when.field])];
    }
    return null;
  }
  if (field.format === "email" && !EMAIL.test(value)) return ["format", message("format")];
  if (field.type === "date" && !isIsoDate(value)) return ["date", DEFAULTS.date(field, today)];
  if (field.notBefore === "today" && value < today) return ["not_before", message("not_before")];
  const other = field.differsFrom && byId[field.differsFrom];
  if (other && answers[other.id] && normal(value) === normal(answers[other.id])) {
    return ["differs_from", message("differs_from", other)];
  }
  return null;
}

// Every field that fails a check, in form order: [{field, check, message}].
// `today` is the local date as yyyy-mm-dd (isoDate(new Date())).
export function fieldErrors(fields, answers, today) {
  const byId = Object.fromEntries(fields.map((field) => [field.id, field]));
  return fields.flatMap((field) => {
    const error = firstError(field, answers, today, byId);
    return error ? [{ field, check: error[0], message: error[1] }] : [];
  });
}

export function errorTitle(count) {
  return count === 1 ? "Det finns 1 fel i anmälan" : `Det finns ${count} fel i anmälan`;
}

// Today as YYYY-MM-DD in local time.
export function isoDate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/* --------------------------------------------------------------- formats */

// A cell that starts like a formula (= + - @, tab or carriage return) gets a
// leading apostrophe, so a spreadsheet program shows it as text instead of
// running it (OWASP: CSV injection). Cells with ; " or line breaks are quoted.
function csvCell(value) {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

// UTF-8 with a byte order mark, semicolons and CRLF, as Swedish spreadsheet programs expect.
function csvText(rows) {
  return "\ufeff" + rows.map((row) => row.map(csvCell).join(";")).join("\r\n") + "\r\n";
}

// One row a field.
export function toCSV(fields, answers) {
  const rows = [["Fält", "Uppgift", "Svar"]];
  for (const field of fields) rows.push([field.id, field.label, answers[field.id] || ""]);
  return csvText(rows);
}

export const CHECKLIST_COLUMN = "Klara punkter före inlämningen";

// One row a registration, under a header row, for the communications
// function's register of accounts: the same columns every time (the date, every
// field's label, the checklist's steps before the hand-in as "x av y"), empty
// answers included, so rows from many downloads can be stacked under one header.
export function toCSVRow(doc) {
  const done = doc.items.filter((item) => item.ticked).length;
  const header = ["Datum", ...doc.fields.map((field) => field.label), CHECKLIST_COLUMN];
  const row = [
    doc.date,
    ...doc.fields.map((field) => doc.answers[field.id] || ""),
    doc.items.length ? `${done} av ${doc.items.length}` : "",
  ];
  return csvText([header, row]);
}

// "7 av 9 klara" for the checklist's items before the hand-in.
export function progressText(items) {
  return summaryText(items.filter((item) => item.ticked).length, items.length);
}

/*
 * A registration document, built by registration.js from the page:
 *   {formId, title, date, source, fields, answers, checklistId,
 *    items: [{id, label, ticked}]       the checklist's items before the hand-in,
 *    later: {title, items} | null}      the items after it, which are not yet due
 */

// The registration as plain text, for "Kopiera som text" and the e-mail.
export function toText(doc) {
  const lines = [doc.title, `Datum: ${doc.date}`, `Enligt ${doc.source}`, ""];
  for (const field of doc.fields) lines.push(`${field.label}: ${doc.answers[field.id] || "–"}`);
  if (doc.items.length) {
    lines.push("", `Checklistan före inlämningen: ${progressText(doc.items)}`);
    for (const item of doc.items) lines.push(`${item.ticked ? "[x]" : "[ ]"} ${item.label}`);
  }
  if (doc.later && doc.later.items.length) {
    lines.push("", `${doc.later.title} (görs när anmälan är inlämnad):`);
    for (const item of doc.later.items) lines.push(`- ${item.label}`);
  }
  return lines.join("\n") + "\n";
}

// A mailto: link that opens a new e-mail to `recipient` with the registration
// as its subject and plain-text body (RFC 6068: line breaks as CRLF).
export function mailtoHref(recipient, doc, nameFieldId = "kontonamn") {
  const name = (doc.answers[nameFieldId] || "").trim();
  const subject = name ? `${doc.title}: ${name}` : doc.title;
  const body = toText(doc).replace(/\n/g, "\r\n");
  return `mailto:${recipient}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

// The saved file ("Ladda ner (JSON)"), which parseFile reads back.
export function toFile(doc) {
  return {
    format: FILE_FORMAT,
    version: FILE_VERSION,
    form: doc.formId,
    saved: doc.date,
    source: doc.source,
    answers: doc.answers,
    checklist: {
      id: doc.checklistId,
      ticked: [...doc.items, ...(doc.later ? doc.later.items : [])]
        .filter((item) => item.ticked)
        .map((item) => item.id),
    },
  };
}

// Parse an imported file for the form `formId`: {ok: true, answers, ticked}
// or {ok: false, message}. Files saved before forms had ids are registrations
// of a new account (form "anmalan").
export function parseFile(text, fieldIds, itemIds, formId = "anmalan") {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: "Filen går inte att läsa. Välj en fil som du har laddat ner från den här sidan." };
  }
  if (!data || data.format !== FILE_FORMAT) {
    return { ok: false, message: "Filen är inte en sparad anmälan från den här handboken. Inget har ändrats." };
  }
  if ((data.form || "anmalan") !== formId) {
    return { ok: false, message: "Filen är en annan sorts anmälan än den här. Läs in den på sin egen sida. Inget har ändrats." };
  }
  if (data.version !== FILE_VERSION || typeof data.answers !== "object" || data.answers === null) {
    return { ok: false, message: "Filen har ett format som den här sidan inte känner igen. Inget har ändrats." };
  }
  return {
    ok: true,
    answers: cleanAnswers({ answers: data.answers }, fieldIds),
    ticked: tickedIds(data.checklist || {}, itemIds),
  };
}
