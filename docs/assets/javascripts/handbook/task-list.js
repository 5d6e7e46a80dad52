/*
 * Task list: the way through a checklist page, each task with its status in
 * words (GOV.UK's manner). A step of the checklist is "Ej påbörjad",
 * "Påbörjad, x av y" or "Klart"; the form is "Ej påbörjad", "Påbörjad" or
 * "Klar att lämna in". Statuses follow ticks and answers as they change.
 *
 * Root: <nav data-mdx-component="task-list" data-mdx-checklist-ref="<id>"
 * data-mdx-form-ref="<form id>">, with a [data-mdx-task-status] element per
 * task whose id is "status-<step id>" or "status-<form id>".
 */
import { register } from "./registry.js";
import { taskStatus } from "./model.js";

export function startTaskList(root, page) {
  const checklist = page.checklists.get(root.getAttribute("data-mdx-checklist-ref"));
  const formId = root.getAttribute("data-mdx-form-ref");
  const form = page.forms.get(formId);
  if (!checklist || !form) return; // without them the links alone still lead the way

  const status = (id) => root.querySelector(`#status-${CSS.escape(id)}`);

  function show(element, text, done) {
    element.textContent = text;
    element.classList.toggle("mdx-task-list__status--done", done);
    element.hidden = false;
  }

  function update() {
    for (const step of checklist.steps()) {
      const element = status(step.id);
      if (element) show(element, taskStatus(step.done, step.total), step.done === step.total);
    }
    const formStatus = form.status();
    show(status(formId), formStatus, formStatus === "Klar att lämna in");
  }

  checklist.onChange(update);
  form.onChange(update);
  update();
}

register("task-list", startTaskList);
