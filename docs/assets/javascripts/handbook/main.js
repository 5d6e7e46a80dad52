/*
 * Handbook enhancements, started per component (the GOV.UK Frontend way).
 *
 * Progressive enhancement: the HTML works without JavaScript. Controls that
 * need it ship `hidden` and a component reveals them. Everything stays in the
 * browser (localStorage); nothing is sent anywhere.
 *
 * Each component's root carries data-mdx-component="<name>". A root is started
 * once (marked with data-mdx-component-init), and each start is wrapped in
 * try/catch so one broken component does not stop the others. Material's
 * `document$` emits after every page load, instant navigation included.
 */
import { startChecklist } from "./checklist.js";
import { startCommentGuide } from "./comment-guide.js";
import { startRecurring } from "./recurring.js";
import { startClearStorage } from "./clear-storage.js";
import { startRegistration } from "./registration.js";
import { startRoles } from "./roles.js";
import { startRuleIndex } from "./rule-index.js";
import { available } from "./storage.js";
import { startTaskList } from "./task-list.js";
import { startRuleLinks } from "./rule-links.js";

const INIT = "data-mdx-component-init";

// Started in this order: a registration uses the checklists started before it,
// and a task list both.
const COMPONENTS = {
  checklist: startChecklist,
  recurring: startRecurring,
  registration: startRegistration,
  "task-list": startTaskList,
  "rule-index": startRuleIndex,
  "comment-guide": startCommentGuide,
  "clear-storage": startClearStorage,
  "rule-links": startRuleLinks,
  roles: startRoles,
};

const STORAGE_NOTICE =
  "Din webbläsare låter inte handboken spara något just nu. Det du bockar av och fyller i " +
  "finns kvar bara så länge sidan är öppen. Skriv ut eller ladda ner det du vill behålla.";

// Say once per page, politely, that progress will not be kept: placed above the
// first component that saves, in a status region that screen readers announce.
function storageNotice(scope) {
  let shown = false;
  return () => {
    const first = scope.querySelector("[data-mdx-saves]");
    if (shown || !first) return;
    shown = true;
    const notice = document.createElement("p");
    notice.className = "mdx-storage-notice";
    notice.setAttribute("role", "status");
    first.before(notice);
    window.setTimeout(() => {
      notice.textContent = STORAGE_NOTICE;
    }, 100);
  };
}

export function startAll(scope = document) {
  // What components on one page share: checklist id -> its API (checklist.js),
  // form id -> its API (registration.js), and the one notice about storage.
  const page = { checklists: new Map(), forms: new Map(), storageProblem: storageNotice(scope) };
  for (const [name, start] of Object.entries(COMPONENTS)) {
    for (const root of scope.querySelectorAll(`[data-mdx-component="${name}"]`)) {
      if (root.hasAttribute(INIT)) continue;
      root.setAttribute(INIT, "");
      try {
        start(root, page);
      } catch (error) {
        console.error(`Handbook: the ${name} component could not start.`, error);
      }
    }
  }
  if (scope.querySelector("[data-mdx-saves]") && !available()) page.storageProblem();
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => startAll());
} else {
  startAll();
}
