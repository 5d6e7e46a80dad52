/*
 * "Kopiera länk" on every rule card: puts the rule's full address on the
 * clipboard and says so next to the button and to screen readers (the
 * card's role="status"). The button ships `hidden`: without JavaScript the
 * card's own #id link is the way to the address.
 *
 * Root: <div data-mdx-component="rule-links"> around the rule cards, each an
 * element with the rule id as its id, a [data-mdx-copy-link] button and a
 * [data-mdx-copy-status] element.
 */
import { register } from "./registry.js";
import { copyText } from "./export.js";

const CLEAR_AFTER_MS = 6000;

/** The address of rule `id` on the page at `href`: no query (search highlight), the rule as anchor. */
export function ruleUrl(href, id) {
  const url = new URL(href);
  url.search = "";
  url.hash = id;
  return url.toString();
}

export function startRuleLinks(root) {
  for (const button of root.querySelectorAll("[data-mdx-copy-link]")) {
    const rule = button.closest(".mdx-rule");
    const status = rule.querySelector("[data-mdx-copy-status]");
    let timer;
    button.addEventListener("click", async () => {
      const url = ruleUrl(window.location.href, rule.id);
      clearTimeout(timer);
      status.textContent = "";
      if (!(await copyText(url))) {
        status.textContent = `Det gick inte att kopiera. Länken är ${url}`;
        return; // keep the address on screen, to copy by hand
      }
      status.textContent = "Länken är kopierad.";
      timer = setTimeout(() => {
        status.textContent = "";
      }, CLEAR_AFTER_MS);
    });
    button.hidden = false;
  }
}

register("rule-links", startRuleLinks);
