/*
 * Recurring tasks: a "Senast gjort" date per item, kept in this browser (and
 * following dates set in another tab), a "Gjort i dag" button, an error at a
 * field whose date cannot be right, and the yearly review ("Årsgenomgång") to
 * print. When the browser keeps nothing, the page's one notice says so
 * (main.js).
 *
 * Root: <section data-mdx-component="recurring" data-mdx-recurring="<id>"
 * data-mdx-version="<n>"> (overrides/partials/recurring.html). It is not a
 * form: nothing here is ever submitted.
 */
import { register } from "./registry.js";
import * as store from "./storage.js";
import { dateError, parseStored, reviewRows, reviewSummary, storedRecord, todayIso } from "./recurring-model.js";

export function recurringKey(id, version) {
  return `senast:${id}:v${version}`;
}

export function startRecurring(root, page) {
  const key = recurringKey(root.getAttribute("data-mdx-recurring"), root.getAttribute("data-mdx-version"));
  const status = root.querySelector("[data-mdx-status]");
  const review = root.querySelector("[data-mdx-review]");
  const items = [...root.querySelectorAll("[data-mdx-item]")].map((li) => ({
    id: li.id,
    input: li.querySelector("input[type=date]"),
    today: li.querySelector("[data-mdx-today]"),
    error: li.querySelector("[data-mdx-error]"),
  }));
  const ids = items.map((item) => item.id);
  let dates = parseStored(store.get(key), ids, todayIso());

  function showError(item, message) {
    item.error.textContent = message || "";
    item.error.hidden = !message;
    if (message) item.input.setAttribute("aria-invalid", "true");
    else item.input.removeAttribute("aria-invalid");
  }

  // Saving is announced to screen readers; a failure gets the page's one notice.
  function save(message) {
    if (!store.set(key, storedRecord(dates))) page.storageProblem();
    status.textContent = message;
    status.hidden = false;
  }

  function updateReview() {
    const today = todayIso();
    const rows = reviewRows(ids, dates, today);
    review.querySelector("[data-mdx-review-date]").textContent = today;
    review.querySelector("[data-mdx-review-summary]").textContent = reviewSummary(rows);
    for (const row of rows) {
      const tr = review.querySelector(`[data-mdx-review-row="${row.id}"]`);
      tr.querySelector("[data-mdx-review-last]").textContent = row.date;
      tr.querySelector("[data-mdx-review-status]").textContent = row.text;
      tr.dataset.mdxState = row.status;
    }
  }

  function setDate(item, value, message) {
    if (value) dates[item.id] = value;
    else delete dates[item.id];
    save(message);
    updateReview();
  }

  for (const item of items) {
    item.input.value = dates[item.id] || "";
    item.input.max = todayIso();
    item.input.addEventListener("change", () => {
      const today = todayIso();
      item.input.max = today;
      const value = item.input.value;
      const error = dateError(value, today, item.input.validity.badInput);
      showError(item, error);
      if (error) return;
      setDate(item, value, value ? `Sparat: senast gjort ${value}.` : "Datumet är borttaget.");
    });
    item.today.addEventListener("click", () => {
      const today = todayIso();
      item.input.max = today;
      item.input.value = today;
      showError(item, null);
      setDate(item, today, `Sparat: gjort i dag, ${today}.`);
    });
    item.today.hidden = false;
  }

  // Dates set in another tab show here too.
  store.watch(key, root, (stored) => {
    dates = parseStored(stored, ids, todayIso());
    for (const item of items) {
      item.input.value = dates[item.id] || "";
      showError(item, null);
    }
    updateReview();
  });

  review.querySelector("[data-mdx-print]").addEventListener("click", () => window.print());
  root.querySelector("[data-mdx-noscript]").hidden = true;
  updateReview();
  review.hidden = false;
}

register("recurring", startRecurring);
