/*
 * Handbook enhancements, started per component (the GOV.UK Frontend way).
 *
 * Progressive enhancement: the HTML works without JavaScript. Controls that
 * need it ship `hidden` and a component reveals them. Everything stays in the
 * browser (localStorage); nothing is sent anywhere.
 *
 * Each component's root carries data-mdx-component="<name>". A root is started
 * once, and marked with data-mdx-component-init when it has started (the CSS
 * keeps the place of what it reveals until then). Each start is wrapped in
 * try/catch so one broken component does not stop the others. Material's
 * `document$` emits after every page load, instant navigation included.
 */
import { startMenu, sync as syncMenu } from "./menu.js";
import { registered } from "./registry.js";
import { available } from "./storage.js";

const INIT = "data-mdx-component-init";

// Each component's code: the page loads what it has (hooks/bundle.py adds a
// <script type="module"> per component), and these imports load what a page
// reached by instant navigation has. Started in this order: a registration uses
// the checklists started before it, and a task list both.
const COMPONENTS = {
  checklist: () => import("./checklist.js"),
  recurring: () => import("./recurring.js"),
  registration: () => import("./registration.js"),
  "task-list": () => import("./task-list.js"),
  "rule-index": () => import("./rule-index.js"),
  "comment-guide": () => import("./comment-guide.js"),
  "clear-storage": () => import("./clear-storage.js"),
  "rule-links": () => import("./rule-links.js"),
  roles: () => import("./roles.js"),
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

function load(name) {
  return COMPONENTS[name]().catch((error) => console.error(`Handbook: the ${name} component could not load.`, error));
}

// Roots whose start is under way or done: never started twice (a root already
// marked, as after a second copy of this module ran, is skipped too).
const claimed = new WeakSet();

function startFound(scope, found) {
  // What components on one page share: checklist id -> its API (checklist.js),
  // form id -> its API (registration.js), and the one notice about storage.
  const page = { checklists: new Map(), forms: new Map(), storageProblem: storageNotice(scope) };
  for (const { name, roots } of found) {
    const start = registered(name);
    for (const root of roots) {
      try {
        if (start) start(root, page);
      } catch (error) {
        console.error(`Handbook: the ${name} component could not start.`, error);
      }
      root.setAttribute(INIT, "");
    }
  }
  if (scope.querySelector("[data-mdx-saves]") && !available()) page.storageProblem();
}

// Starts every component in `scope` not started yet. Code already loaded starts at
// once (a page's first load, or instant navigation back to a page); otherwise the
// modules the page needs are fetched in parallel first. Returns a promise
// fulfilled when all have started.
export function startAll(scope = document) {
  const found = [];
  for (const name of Object.keys(COMPONENTS)) {
    const roots = [...scope.querySelectorAll(`[data-mdx-component="${name}"]`)].filter(
      (root) => !claimed.has(root) && !root.hasAttribute(INIT),
    );
    roots.forEach((root) => claimed.add(root));
    if (roots.length) found.push({ name, roots });
  }
  const missing = found.filter(({ name }) => !registered(name));
  if (!missing.length) {
    startFound(scope, found);
    return Promise.resolve();
  }
  return Promise.all(missing.map(({ name }) => load(name))).then(() => startFound(scope, found));
}

// The menu button, then every component: after each page load (Material's
// document$), or from the offline copy's own script (scripts/offline.py).
export function start() {
  try {
    startMenu();
    syncMenu();
  } catch (error) {
    console.error("Handbook: the menu button could not start.", error);
  }
  startAll();
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(start);
} else {
  start();
}
