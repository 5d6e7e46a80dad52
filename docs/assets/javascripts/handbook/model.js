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

// Fields ({id, label, required}) that are required and left empty.
export function missingRequired(fields, answers) {
  return fields.filter((field) => field.required && !(answers[field.id] || "").trim());
}

// The message next to an empty required field and in the error summary.
export function errorMessage(label) {
  return `Fyll i ${label.toLowerCase()}`;
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

// One row a field; semicolons, as Swedish spreadsheet programs expect.
export function toCSV(fields, answers) {
  const rows = [["Fält", "Uppgift", "Svar"]];
  for (const field of fields) rows.push([field.id, field.label, answers[field.id] || ""]);
  return "\ufeff" + rows.map((row) => row.map(csvCell).join(";")).join("\r\n") + "\r\n";
}

// The registration as plain text, for "Kopiera som text".
// doc: {title, date, source, fields, answers, checklistTitle, items: [{id, label, ticked}]}
export function toText(doc) {
  const lines = [doc.title, `Datum: ${doc.date}`, `Enligt ${doc.source}`, ""];
  for (const field of doc.fields) lines.push(`${field.label}: ${doc.answers[field.id] || "–"}`);
  lines.push("", doc.checklistTitle);
  for (const item of doc.items) lines.push(`${item.ticked ? "[x]" : "[ ]"} ${item.label}`);
  return lines.join("\n") + "\n";
}

// The saved file ("Ladda ner (JSON)"), which parseFile reads back.
export function toFile(doc) {
  return {
    format: FILE_FORMAT,
    version: FILE_VERSION,
    saved: doc.date,
    source: doc.source,
    answers: doc.answers,
    checklist: {
      id: doc.checklistId,
      ticked: doc.items.filter((item) => item.ticked).map((item) => item.id),
    },
  };
}

// Parse an imported file: {ok: true, answers, ticked} or {ok: false, message}.
export function parseFile(text, fieldIds, itemIds) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, message: "Filen går inte att läsa. Välj en fil som du har laddat ner från den här sidan." };
  }
  if (!data || data.format !== FILE_FORMAT) {
    return { ok: false, message: "Filen är inte en sparad anmälan från den här handboken. Inget har ändrats." };
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
