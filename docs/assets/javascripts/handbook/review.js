/*
 * "Kontrollera dina uppgifter": the answers and the checklist as they will be
 * handed in, each with a change link ("Ändra") back to its control. Items due
 * before the hand-in show Klart / Inte klart and "x av y klara"; items after it
 * are listed as what follows, not as failures.
 */
import { linkToControl } from "./focus.js";
import { progressText } from "./model.js";

function changeLink(targetId, what) {
  const link = document.createElement("a");
  linkToControl(link, targetId);
  link.className = "mdx-review__change";
  link.textContent = "Ändra";
  const hidden = document.createElement("span");
  hidden.className = "mdx-visually-hidden";
  hidden.textContent = ` ${what}`;
  link.append(hidden);
  return link;
}

function answerRow(field, answer) {
  const row = document.createElement("div");
  row.className = "mdx-review__row";
  const dt = document.createElement("dt");
  dt.textContent = field.label;
  const dd = document.createElement("dd");
  const value = document.createElement("span");
  value.className = "mdx-review__value";
  value.textContent = answer || "Inte ifyllt";
  dd.append(value, changeLink(field.control.id, field.label.toLowerCase()));
  row.append(dt, dd);
  return row;
}

function itemRow(item) {
  const li = document.createElement("li");
  li.className = item.ticked ? "mdx-review__item mdx-review__item--done" : "mdx-review__item";
  const state = document.createElement("span");
  state.className = "mdx-review__state";
  state.textContent = item.ticked ? "Klart" : "Inte klart";
  const text = document.createElement("span");
  text.textContent = ` ${item.label} `;
  li.append(state, text, changeLink(item.id, item.label));
  return li;
}

function laterRow(item) {
  const li = document.createElement("li");
  li.className = "mdx-review__item mdx-review__item--later";
  const text = document.createElement("span");
  text.textContent = `${item.ticked ? "Redan klart: " : ""}${item.label} `;
  li.append(text, changeLink(item.id, item.label));
  return li;
}

// Fill the review section from a registration document (see model.js).
export function renderReview(review, doc) {
  review.querySelector("[data-mdx-date]").textContent = doc.date;
  review.querySelector("[data-mdx-answers]").replaceChildren(
    ...doc.fields.map((field) => answerRow(field, doc.answers[field.id])),
  );
  review.querySelector("[data-mdx-review-progress]").textContent = progressText(doc.items);
  review.querySelector("[data-mdx-review-checklist]").replaceChildren(...doc.items.map(itemRow));
  const later = review.querySelector("[data-mdx-review-later]");
  if (later) later.replaceChildren(...(doc.later ? doc.later.items.map(laterRow) : []));
}
