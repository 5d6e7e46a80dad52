/*
 * A form from the data file (forms), such as the registration of a new account
 * ("Anmälan av konto"): answers saved in this browser and kept in step with
 * other tabs, validation with an error summary, the review with the checklist
 * before and after the hand-in, the hand-in, outputs, and reading a saved file
 * back in.
 *
 * Root: <div data-mdx-component="registration" data-mdx-form="<form id>"
 * data-mdx-checklist-ref="<checklist id>">. The checklist, when it is on the
 * page and started, comes from `page.checklists` (see checklist.js for its
 * interface). The form's own status goes to `page.forms` for the task list.
 */
import { register } from "./registry.js";
import * as store from "./storage.js";
import { copyAsText, download } from "./export.js";
import { linkToControl } from "./focus.js";
import {
  cleanAnswers,
  errorTitle,
  fieldErrors,
  formStatus,
  hasContent,
  isoDate,
  mailtoHref,
  parseFile,
} from "./model.js";
import { renderReview } from "./review.js";

const CONFIRM_REPLACE = "Du har redan fyllt i uppgifter. Vill du ersätta dem med innehållet i filen?";
const CONFIRM_CLEAR = "Vill du tömma alla fält i anmälan?";

export function startRegistration(root, page) {
  const formId = root.getAttribute("data-mdx-form");
  const key = store.formKey(formId);
  const form = root.querySelector("[data-mdx-registration-form]");
  const checklist = page.checklists.get(root.getAttribute("data-mdx-checklist-ref")) || null;
  const review = root.querySelector("[data-mdx-review]");
  const summaryBox = root.querySelector("[data-mdx-error-summary]");
  const status = root.querySelector("[data-mdx-status]");
  const mailLink = root.querySelector("[data-mdx-handin='email']");
  const listeners = [];
  // Each field with the checks the data file declares (see fieldErrors in model.js).
  const attr = (control, name) => control.getAttribute(`data-mdx-${name}`);
  const fields = [...form.querySelectorAll(".mdx-field__control")].map((control) => ({
    id: control.name,
    label: control.closest("[data-mdx-field]").getAttribute("data-mdx-label"),
    type: control.type === "date" ? "date" : "text",
    required: control.hasAttribute("data-mdx-required"),
    requiredWhen: control.hasAttribute("data-mdx-required-when-field")
      ? { field: attr(control, "required-when-field"), equals: attr(control, "required-when-value") }
      : null,
    differsFrom: attr(control, "differs-from"),
    notBefore: attr(control, "not-before"),
    format: attr(control, "format"),
    messages: Object.fromEntries(
      ["required", "required-when", "differs-from", "not-before", "format"]
        .filter((check) => control.hasAttribute(`data-mdx-message-${check}`))
        .map((check) => [check.replace(/-/g, "_"), attr(control, `message-${check}`)]),
    ),
    control,
    error: root.querySelector(`#${control.id}-fel`),
  }));
  const fieldIds = fields.map((field) => field.id);

  const answers = () => Object.fromEntries(fields.map((field) => [field.id, field.control.value]));

  function fill(values) {
    for (const field of fields) field.control.value = values[field.id] || "";
  }

  const today = () => isoDate(new Date());
  const errors = () => fieldErrors(fields, answers(), today());

  function changed() {
    for (const listener of listeners) listener();
  }

  function save() {
    if (!store.set(key, { answers: answers(), saved: new Date().toISOString() })) page.storageProblem();
    changed();
  }

  // Announce in the status line; clearing first makes a repeated message heard again.
  function say(message) {
    status.textContent = "";
    window.setTimeout(() => {
      status.textContent = message;
    }, 50);
  }

  function doc() {
    const items = checklist ? checklist.items() : [];
    const later = items.filter((item) => item.later);
    return {
      formId,
      title: root.getAttribute("data-mdx-title"),
      source: root.getAttribute("data-mdx-source"),
      date: today(),
      fields,
      answers: answers(),
      checklistId: checklist ? checklist.id : null,
      items: items.filter((item) => !item.later),
      later: later.length ? { title: root.getAttribute("data-mdx-later-title"), items: later } : null,
    };
  }

  function render() {
    const current = doc();
    renderReview(review, current);
    if (mailLink) mailLink.href = mailtoHref(mailLink.getAttribute("data-mdx-recipient"), current);
  }

  function showReview() {
    render();
    review.hidden = false;
  }

  function hideReview() {
    review.hidden = true;
  }

  /* -------------------------------------------------------------- errors */

  function setDescribedBy(control, id, on) {
    const ids = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter((x) => x && x !== id);
    if (on) ids.unshift(id);
    if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
    else control.removeAttribute("aria-describedby");
  }

  function clearErrors() {
    for (const field of fields) {
      field.error.hidden = true;
      field.error.textContent = "";
      field.control.removeAttribute("aria-invalid");
      setDescribedBy(field.control, field.error.id, false);
    }
    summaryBox.hidden = true;
  }

  function errorLink(field, message) {
    const li = document.createElement("li");
    const link = document.createElement("a");
    linkToControl(link, field.control.id);
    link.textContent = message;
    li.append(link);
    return li;
  }

  // errors: [{field, message}] from fieldErrors, one a field.
  function showErrors(errors) {
    const links = errors.map(({ field, message }) => {
      field.error.textContent = message;
      field.error.hidden = false;
      field.control.setAttribute("aria-invalid", "true");
      setDescribedBy(field.control, field.error.id, true);
      return errorLink(field, message);
    });
    summaryBox.querySelector("[data-mdx-error-list]").replaceChildren(...links);
    summaryBox.querySelector("[data-mdx-error-title]").textContent = errorTitle(errors.length);
    summaryBox.hidden = false;
    summaryBox.focus();
  }

  /* -------------------------------------------------------------- import */

  function importFile(file) {
    const reader = new FileReader();
    reader.onload = () => {
      const result = parseFile(String(reader.result), fieldIds, checklist ? checklist.ids : [], formId);
      if (!result.ok) {
        say(result.message);
        return;
      }
      const existing = hasContent(answers()) || (checklist && checklist.items().some((item) => item.ticked));
      if (existing && !window.confirm(CONFIRM_REPLACE)) {
        say("Inget har ändrats.");
        return;
      }
      fill(result.answers);
      save();
      if (checklist) checklist.tick(result.ticked);
      clearErrors();
      hideReview();
      say("Filen är inläst. Dina uppgifter och bockar är återställda.");
    };
    reader.onerror = () => say("Filen gick inte att läsa. Inget har ändrats.");
    reader.readAsText(file);
  }

  /* ---------------------------------------------------------------- wire */

  fill(cleanAnswers(store.get(key), fieldIds));
  // Answers typed in another tab show here too.
  store.watch(key, root, (stored) => {
    fill(cleanAnswers(stored, fieldIds));
    if (!review.hidden) showReview();
    changed();
  });
  form.addEventListener("input", () => {
    save();
    if (!review.hidden) showReview();
  });
  form.addEventListener("change", save);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearErrors();
    const found = errors();
    if (found.length) {
      hideReview();
      showErrors(found);
      return;
    }
    showReview();
    review.focus();
  });
  root.querySelector("[data-mdx-clear]").addEventListener("click", () => {
    if (!window.confirm(CONFIRM_CLEAR)) return;
    fill({});
    store.remove(key);
    changed();
    clearErrors();
    hideReview();
    say("Anmälan är tömd.");
  });
  if (checklist) {
    checklist.onChange(() => {
      if (!review.hidden) showReview();
    });
  }
  root.querySelector("[data-mdx-print]").addEventListener("click", () => {
    render();
    window.print();
  });
  for (const button of root.querySelectorAll("[data-mdx-download]")) {
    button.addEventListener("click", () => say(download(doc(), button.getAttribute("data-mdx-download"))));
  }
  root.querySelector("[data-mdx-copy]").addEventListener("click", async () => say(await copyAsText(doc())));
  const picker = root.querySelector("[data-mdx-import]");
  picker.addEventListener("change", () => {
    if (picker.files && picker.files[0]) importFile(picker.files[0]);
    picker.value = "";
  });

  page.forms.set(formId, {
    status: () => formStatus(answers(), errors().length),
    onChange(listener) {
      listeners.push(listener);
    },
  });

  // The button ships as type="button", so that without this script the form
  // cannot be submitted (Enter would otherwise put every answer in the URL).
  root.querySelector("[data-mdx-submit]").type = "submit";
  for (const element of root.querySelectorAll("[data-mdx-actions], [data-mdx-transfer]")) element.hidden = false;
  root.querySelector("[data-mdx-noscript]").hidden = true;
}

register("registration", startRegistration);
