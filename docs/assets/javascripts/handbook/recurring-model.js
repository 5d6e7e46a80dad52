/*
 * Recurring tasks, without a browser: dates as "YYYY-MM-DD" strings, the status
 * of a date relative to today, the check of a date field, the stored record and
 * the texts of the yearly review. `node --test` runs these (tests/js/).
 *
 * The guideline gives no interval for the tasks, so the only line drawn is the
 * one a yearly review needs: done within the last year or not.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today on the browser's local clock, as "YYYY-MM-DD". */
export function todayIso(now = new Date()) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** True for a real calendar date written "YYYY-MM-DD" (not 2025-02-30). */
export function isIsoDate(text) {
  const match = typeof text === "string" ? ISO_DATE.exec(text) : null;
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

// "YYYY-MM-DD" strings compare as dates.
function oneYearLater(iso) {
  return `${String(Number(iso.slice(0, 4)) + 1).padStart(4, "0")}${iso.slice(4)}`;
}

/**
 * Where a last-done date stands, seen from `today`:
 * "none" (no date), "invalid", "future", "today", "year" (within the last
 * year) or "old" (more than a year ago).
 */
export function dateStatus(iso, today) {
  if (iso === null || iso === undefined || iso === "") return "none";
  if (!isIsoDate(iso)) return "invalid";
  if (iso > today) return "future";
  if (iso === today) return "today";
  return oneYearLater(iso) < today ? "old" : "year";
}

export const STATUS_TEXT = {
  none: "Inget datum",
  invalid: "Datumet går inte att läsa",
  future: "Datumet är senare än i dag",
  today: "Gjort i dag",
  year: "Gjort under det senaste året",
  old: "Gjort för mer än ett år sedan",
};

export function statusText(iso, today) {
  return STATUS_TEXT[dateStatus(iso, today)];
}

/**
 * The error to show at a date field, or null when the date may be saved.
 * `badInput`: the browser holds something in the field that is not a date.
 */
export function dateError(iso, today, badInput = false) {
  if (badInput) return "Skriv ett helt datum: år, månad och dag.";
  const status = dateStatus(iso, today);
  if (status === "invalid") return "Skriv datumet som år-månad-dag, till exempel 2025-03-14.";
  if (status === "future") return "Datumet kan inte vara senare än i dag. Skriv när uppgiften senast gjordes.";
  return null;
}

/**
 * The stored record ({dates: {itemId: "YYYY-MM-DD"}, saved}) read back: only
 * the items that still exist, with real dates no later than `today`. Anything
 * else, including storage that holds something that is not ours, gives {}.
 */
export function parseStored(raw, ids, today) {
  const dates = {};
  if (!raw || typeof raw !== "object" || !raw.dates || typeof raw.dates !== "object") return dates;
  for (const id of ids) {
    const value = raw.dates[id];
    if (isIsoDate(value) && value <= today) dates[id] = value;
  }
  return dates;
}

/** The record to store for these dates (only real dates). */
export function storedRecord(dates, now = new Date()) {
  const kept = {};
  for (const [id, value] of Object.entries(dates)) if (isIsoDate(value)) kept[id] = value;
  return { dates: kept, saved: now.toISOString() };
}

/** One row per item of the yearly review: its date ("" when none) and status in words. */
export function reviewRows(ids, dates, today) {
  return ids.map((id) => {
    const date = dates[id] || "";
    return { id, date: date || "–", status: dateStatus(date, today), text: statusText(date, today) };
  });
}

function count(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

/** The review's summary line, e.g. "12 uppgifter: 3 gjorda under det senaste året, 1 för mer än ett år sedan, 8 utan datum." */
export function reviewSummary(rows) {
  const by = (...statuses) => rows.filter((row) => statuses.includes(row.status)).length;
  const parts = [];
  const recent = by("today", "year");
  const old = by("old");
  const none = by("none", "invalid", "future");
  if (recent) parts.push(`${recent} ${recent === 1 ? "gjord" : "gjorda"} under det senaste året`);
  if (old) parts.push(`${old} för mer än ett år sedan`);
  if (none) parts.push(`${none} utan datum`);
  return `${count(rows.length, "uppgift", "uppgifter")}: ${parts.join(", ")}.`;
}
