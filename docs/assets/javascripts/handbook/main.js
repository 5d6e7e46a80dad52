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
import { startRegistration } from "./registration.js";
import { startRoles } from "./roles.js";
import { startRuleIndex } from "./rule-index.js";
import { startRuleLinks } from "./rule-links.js";

const INIT = "data-mdx-component-init";

// Started in this order: a registration uses the checklists started before it.
const COMPONENTS = {
  checklist: startChecklist,
  registration: startRegistration,
  "rule-index": startRuleIndex,
  "rule-links": startRuleLinks,
  roles: startRoles,
};

export function startAll(scope = document) {
  // What components on one page share: checklist id -> its API (checklist.js).
  const page = { checklists: new Map() };
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
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => startAll());
} else {
  startAll();
}
