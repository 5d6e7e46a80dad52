/*
 * Filter the list of all rules by free text, role, level and section. The
 * filter lives in the URL (?text=sekretess&roll=kontoansvarig&niva=ska&avsnitt=arkiv),
 * so a filtered list can be shared, survives a reload and Back returns to the
 * filter before. A value in the URL that does not exist is reported, not
 * silently dropped.
 *
 * Root: <div data-mdx-component="rule-index">, with a form [data-mdx-filter],
 * the count [data-mdx-rule-count], a notice [data-mdx-filter-notice], links
 * to the roles [data-mdx-role-link] and one section per group of rule rows.
 */

// The URL parameters, in the order they are written.
import { register } from "./registry.js";
export const PARAMS = ["text", "roll", "niva", "avsnitt"];
// Old links said niva=bör; the URL now says bor, which survives being pasted into mail.
const ALIASES = { niva: { bör: "bor" } };

export function countText(shown, total) {
  if (shown === total) return `${total} ${total === 1 ? "regel" : "regler"}`;
  return `Visar ${shown} av ${total} regler`;
}

/**
 * The filter a query string asks for. `known` maps each select's parameter to
 * its allowed values. Returns { values, unknown }: unknown lists the
 * parameters whose value is not allowed ("roll=chef"); they are not applied.
 */
export function readFilters(search, known) {
  const params = new URLSearchParams(search);
  const values = { text: "", roll: "", niva: "", avsnitt: "" };
  const unknown = [];
  values.text = (params.get("text") || "").trim();
  for (const name of ["roll", "niva", "avsnitt"]) {
    let value = (params.get(name) || "").trim();
    value = ALIASES[name]?.[value] ?? value;
    if (!value) continue;
    if (known[name].includes(value)) values[name] = value;
    else unknown.push(`${name}=${params.get(name)}`);
  }
  return { values, unknown };
}

/** The query string for `values` (empty values left out), without the leading "?". */
export function writeFilters(values) {
  const params = new URLSearchParams();
  for (const name of PARAMS) if (values[name]) params.set(name, values[name]);
  return params.toString();
}

/** Lower case words of a free-text filter. */
export function words(text) {
  return text.toLocaleLowerCase("sv").split(/\s+/).filter(Boolean);
}

/** Whether a rule matches: every filter that is set, and every word of the text. */
export function matches(rule, values) {
  if (values.roll && !rule.roles.includes(values.roll)) return false;
  if (values.niva && rule.level !== values.niva) return false;
  if (values.avsnitt && rule.section !== values.avsnitt) return false;
  const haystack = rule.text.toLocaleLowerCase("sv");
  return words(values.text).every((word) => haystack.includes(word));
}

export function noticeText(unknown) {
  const list = unknown.join(", ");
  return unknown.length === 1
    ? `Filtret ${list} i adressen finns inte. Det används inte, så fler regler visas.`
    : `Filtren ${list} i adressen finns inte. De används inte, så fler regler visas.`;
}

export function startRuleIndex(root) {
  const form = root.querySelector("[data-mdx-filter]");
  const count = root.querySelector("[data-mdx-rule-count]");
  const notice = root.querySelector("[data-mdx-filter-notice]");
  const roleBox = root.querySelector("[data-mdx-filter-role]");
  const total = Number(count.getAttribute("data-mdx-total"));
  const { text, roll, niva, avsnitt } = form.elements;
  const selects = { roll, niva, avsnitt };
  const known = Object.fromEntries(
    Object.entries(selects).map(([name, select]) => [
      name,
      [...select.options].map((o) => o.value).filter(Boolean),
    ]),
  );
  const rows = [...root.querySelectorAll("tbody tr")].map((row) => ({
    row,
    rule: {
      text: `${row.getAttribute("data-mdx-rule")} ${row.textContent}`,
      roles: row.getAttribute("data-mdx-roles").split(" "),
      level: row.getAttribute("data-mdx-level"),
      section: row.closest("[data-mdx-section]").getAttribute("data-mdx-section"),
    },
  }));

  function current() {
    return {
      text: text.value.trim(),
      roll: roll.value,
      niva: niva.value,
      avsnitt: avsnitt.value,
    };
  }

  function show(values) {
    const shownBySection = new Map();
    for (const { row, rule } of rows) {
      const match = matches(rule, values);
      row.hidden = !match;
      if (match) shownBySection.set(rule.section, (shownBySection.get(rule.section) || 0) + 1);
    }
    for (const group of root.querySelectorAll("[data-mdx-section]")) {
      group.hidden = !shownBySection.get(group.getAttribute("data-mdx-section"));
    }
    let shown = 0;
    for (const n of shownBySection.values()) shown += n;
    const words = countText(shown, total);
    count.textContent = shown === 0 ? `Inga regler passar filtret. ${words}.` : words;
    let anyRole = false;
    for (const link of root.querySelectorAll("[data-mdx-role-link]")) {
      link.hidden = link.getAttribute("data-mdx-role-link") !== values.roll;
      anyRole ||= !link.hidden;
    }
    roleBox.hidden = !anyRole;
  }

  function fromUrl() {
    const { values, unknown } = readFilters(window.location.search, known);
    text.value = values.text;
    for (const [name, select] of Object.entries(selects)) select.value = values[name];
    notice.textContent = unknown.length ? noticeText(unknown) : "";
    notice.hidden = unknown.length === 0;
    show(values);
  }

  // Each finished change is a step Back can return to; typing only updates the current one.
  function toUrl(push) {
    const url = new URL(window.location.href);
    url.search = writeFilters(current());
    if (url.href === window.location.href) return;
    notice.hidden = true;
    // A new step carries no state of Material's, so Material's instant navigation
    // leaves Back between two filters to this component instead of loading the page again.
    if (push) window.history.pushState(null, "", url.href);
    else window.history.replaceState(window.history.state, "", url.href);
  }

  let typing = false;
  form.addEventListener("input", (event) => {
    if (event.target !== text) return;
    show(current());
    toUrl(!typing); // the first keystroke of a search starts a new step
    typing = true;
  });
  form.addEventListener("change", (event) => {
    if (event.target === text) return; // typing ended; the URL is already up to date
    typing = false;
    show(current());
    toUrl(true);
  });
  text.addEventListener("blur", () => {
    typing = false;
  });
  form.addEventListener("reset", () => {
    window.setTimeout(() => {
      // after the browser has cleared the fields
      typing = false;
      show(current());
      toUrl(true);
    });
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  function onPopstate() {
    if (root.isConnected) fromUrl();
    else window.removeEventListener("popstate", onPopstate); // left by instant navigation
  }
  window.addEventListener("popstate", onPopstate);
  form.hidden = false;
  fromUrl();
}

register("rule-index", startRuleIndex);
