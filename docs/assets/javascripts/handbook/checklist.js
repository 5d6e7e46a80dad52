/*
 * Checklist: real checkboxes that remember their ticks in this browser (and
 * follow ticks made in another tab), a summary line ("3 av 8 klara"), a status
 * per step and "Börja om".
 *
 * Root: <form data-mdx-component="checklist" data-mdx-checklist="<id>"
 * data-mdx-version="<n>">. Its API (see `checklistApi`) is what a registration
 * on the same page may use; main.js hands it over through `page.checklists`.
 */
import { register } from "./registry.js";
import * as store from "./storage.js";
import { stepStatus, summaryText, tickedIds } from "./model.js";

const CONFIRM_RESET = "Vill du ta bort alla bockar i checklistan och börja om?";

export function startChecklist(form, page) {
  const id = form.getAttribute("data-mdx-checklist");
  const key = store.checklistKey(id, form.getAttribute("data-mdx-version"));
  const boxes = [...form.querySelectorAll("input[type=checkbox]")];
  const ids = boxes.map((box) => box.id);
  const summary = form.querySelector("[data-mdx-summary]");
  const actions = form.querySelector("[data-mdx-actions]");
  const reset = form.querySelector("[data-mdx-reset]");
  const steps = [...form.querySelectorAll("fieldset")].map((fieldset) => ({
    id: fieldset.id,
    title: fieldset.querySelector(".mdx-checklist__step-title").textContent.trim(),
    later: fieldset.hasAttribute("data-mdx-after-handin"),
    fieldset,
    boxes: [...fieldset.querySelectorAll("input[type=checkbox]")],
    status: fieldset.querySelector("[data-mdx-step-status]"),
  }));
  const listeners = [];

  function update(save) {
    const done = boxes.filter((box) => box.checked);
    summary.textContent = summaryText(done.length, boxes.length);
    for (const step of steps) {
      const doneInStep = step.boxes.filter((box) => box.checked).length;
      step.status.textContent = stepStatus(doneInStep, step.boxes.length);
      step.status.hidden = false;
      step.fieldset.classList.toggle("mdx-checklist__step--done", doneInStep === step.boxes.length);
    }
    if (save && !store.set(key, { ticked: done.map((box) => box.id), saved: new Date().toISOString() })) {
      page.storageProblem();
    }
    for (const listener of listeners) listener();
  }

  function load(stored) {
    const ticked = tickedIds(stored, ids);
    for (const box of boxes) box.checked = ticked.includes(box.id);
  }

  load(store.get(key));
  // Ticks made in another tab show here too.
  store.watch(key, form, (stored) => {
    load(stored);
    update(false);
  });

  form.addEventListener("change", (event) => {
    if (event.target.type === "checkbox") update(true);
  });
  reset.addEventListener("click", () => {
    if (!window.confirm(CONFIRM_RESET)) return;
    for (const box of boxes) box.checked = false;
    store.remove(key);
    update(false);
    boxes[0].focus();
  });
  form.addEventListener("submit", (event) => event.preventDefault());

  summary.hidden = false;
  actions.hidden = false;
  update(false);

  page.checklists.set(id, checklistApi(form, id, steps, boxes, update, listeners));
}

// The small interface a registration and a task list use: read the steps and
// items (`later`: done after the form is handed in), tick from a file, and hear
// about changes.
function checklistApi(form, id, steps, boxes, update, listeners) {
  const label = (box) => form.querySelector(`label[for='${box.id}']`).textContent.trim();
  return {
    id,
    title: form.getAttribute("aria-label"),
    ids: boxes.map((box) => box.id),
    items: () =>
      steps.flatMap((step) =>
        step.boxes.map((box) => ({ id: box.id, label: label(box), ticked: box.checked, later: step.later })),
      ),
    steps: () =>
      steps.map((step) => ({
        id: step.id,
        later: step.later,
        done: step.boxes.filter((box) => box.checked).length,
        total: step.boxes.length,
      })),
    tick(idsToTick) {
      for (const box of boxes) box.checked = idsToTick.includes(box.id);
      update(true);
    },
    onChange(listener) {
      listeners.push(listener);
    },
  };
}

register("checklist", startChecklist);
