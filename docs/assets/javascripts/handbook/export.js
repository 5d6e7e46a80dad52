/*
 * The registration leaves the page only when the user asks: as a download
 * (JSON to read in again, CSV for a spreadsheet) or on the clipboard as text.
 */
import { toCSV, toFile, toText } from "./model.js";

// Download `doc` as "json" or "csv"; returns the message to announce.
export function download(doc, kind) {
  const blob =
    kind === "csv"
      ? new Blob([toCSV(doc.fields, doc.answers)], { type: "text/csv;charset=utf-8" })
      : new Blob([JSON.stringify(toFile(doc), null, 2) + "\n"], { type: "application/json" });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = `anmalan-konto-${doc.date}.${kind}`;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  return kind === "csv" ? "Anmälan har laddats ner som CSV." : "Anmälan har laddats ner som JSON.";
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

// Copy `doc` as plain text; resolves to the message to announce.
export async function copyAsText(doc) {
  const text = toText(doc);
  const done = "Anmälan är kopierad. Klistra in den i ett mejl eller dokument.";
  const failed = "Det gick inte att kopiera. Markera texten under Kontrollera dina uppgifter och kopiera den.";
  if (navigator.clipboard && navigator.clipboard.writeText) {
    try {
      await navigator.clipboard.writeText(text);
      return done;
    } catch {
      // Fall through to the selection.
    }
  }
  return copyWithSelection(text) ? done : failed;
}
