/*
 * The account registration ("Anmälan av konto"): answers saved in this
 * browser, validation with an error summary, the review, outputs, and reading
 * a saved file back in.
 *
 * Root: <div data-mdx-component="registration" data-mdx-checklist-ref="<id>">.
 * The checklist it refers to, when it is on the page and started, comes from
 * `page.checklists` (see checklist.js for its interface).
 */
import * as store from "./storage.js";
import { copyAsText, download } from "./export.js";
import { linkToControl } from "./focus.js";
import { cleanAnswers, errorTitle, fieldErrors, hasContent, isoDate, parseFile } from "./model.js";
import { renderReview } from "./review.js";

const CONFIRM_REPLACE = "Du har redan fyllt i uppgifter. Vill du ersätta dem med innehållet i filen?";
const CONFIRM_CLEAR = "Vill du tömma alla fält i anmälan?";

export function startRegistration(root, page) {
  const form = root.querySelector("[data-mdx-registration-form]");
  const checklist = page.checklists.get(root.getAttribute("data-mdx-checklist-ref")) || null;
  const review = root.querySelector("[data-mdx-review]");
  const summaryBox = root.querySelector("[data-mdx-error-summary]");
  const status = root.querySelector("[data-mdx-status]");
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

  function save() {
    store.set(store.REGISTRATION_KEY, { answers: answers(), saved: new Date().toISOString() });
  }

  // Announce in the status line; clearing first makes a repeated message heard again.
  function say(message) {
    status.textContent = "";
    window.setTimeout(() => {
      status.textContent = message;
    }, 50);
  }

  function doc() {
    return {
      title: root.getAttribute("data-mdx-title"),
      source: root.getAttribute("data-mdx-source"),
      date: isoDate(new Date()),
      fields,
      answers: answers(),
      checklistId: checklist ? checklist.id : null,
      checklistTitle: checklist ? `Checklista: ${checklist.title}` : "",
      items: checklist ? checklist.items() : [],
    };
  }

  function showReview() {
    renderReview(review, doc());
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
      const result = parseFile(String(reader.result), fieldIds, checklist ? checklist.ids : []);
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

  fill(cleanAnswers(store.get(store.REGISTRATION_KEY), fieldIds));
  form.addEventListener("input", () => {
    save();
    if (!review.hidden) showReview();
  });
  form.addEventListener("change", save);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearErrors();
    const errors = fieldErrors(fields, answers(), isoDate(new Date()));
    if (errors.length) {
      hideReview();
      showErrors(errors);
      return;
    }
    showReview();
    review.focus();
  });
  root.querySelector("[data-mdx-clear]").addEventListener("click", () => {
    if (!window.confirm(CONFIRM_CLEAR)) return;
    fill({});
    store.remove(store.REGISTRATION_KEY);
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
    renderReview(review, doc());
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

  // The button ships as type="button", so that without this script the form
  // cannot be submitted (Enter would otherwise put every answer in the URL).
  root.querySelector("[data-mdx-submit]").type = "submit";
  for (const element of root.querySelectorAll("[data-mdx-actions], [data-mdx-transfer]")) element.hidden = false;
  root.querySelector("[data-mdx-noscript]").hidden = true;
}
