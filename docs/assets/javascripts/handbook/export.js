/*
 * The registration leaves the page only when the user asks: as a download
 * (JSON to read in again; CSV for a spreadsheet, one row a field or one row for
 * the register of accounts) or on the clipboard as text.
 */
import { toCSV, toCSVRow, toFile, toText } from "./model.js";

const KINDS = {
  json: {
    body: (doc) => JSON.stringify(toFile(doc), null, 2) + "\n",
    type: "application/json",
    name: (doc) => `${doc.formId}-${doc.date}.json`,
    done: "Anmälan har laddats ner som JSON.",
  },
  csv: {
    body: (doc) => toCSV(doc.fields, doc.answers),
    type: "text/csv;charset=utf-8",
    name: (doc) => `${doc.formId}-${doc.date}.csv`,
    done: "Anmälan har laddats ner som CSV, ett fält per rad.",
  },
  "csv-row": {
    body: toCSVRow,
    type: "text/csv;charset=utf-8",
    name: (doc) => `${doc.formId}-${doc.date}-en-rad.csv`,
    done: "Anmälan har laddats ner som CSV, en rad för registret över konton.",
  },
};

// Download `doc` as "json", "csv" (one row a field) or "csv-row" (one row a
// registration); returns the message to announce.
export function download(doc, kind) {
  const format = KINDS[kind];
  const blob = new Blob([format.body(doc)], { type: format.type });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = format.name(doc);
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  return format.done;
}

// Older browsers and blocked clipboards: copy through a hidden text area.
function copyWithSelection(text) {
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.append(area);
  area.select();
  let ok;
  try {
    ok = document.execCommand("copy");
  } catch {
    ok = false;
  }
  area.remove();
  return ok;
}

// Put `text` on the clipboard: the Clipboard API, else a selection (pages
// opened from disk or over plain http). Resolves to whether it worked.
export async function copyText(text) {
  if (navigator.clipboard && navigator.clipboard.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Fall through to the selection.
    }
  }
  return copyWithSelection(text);
}

// Copy `doc` as plain text; resolves to the message to announce.
export async function copyAsText(doc) {
  const done = "Anmälan är kopierad. Klistra in den i ett mejl eller dokument.";
  const failed = "Det gick inte att kopiera. Markera texten under Kontrollera dina uppgifter och kopiera den.";
  return (await copyText(toText(doc))) ? done : failed;
}
