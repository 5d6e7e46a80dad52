/*
 * The roles page: a link straight to a role (roller/#roll-kontoansvarig) opens
 * the list of that role's rules, which is otherwise folded (<details>).
 *
 * Root: <div data-mdx-component="roles">, one section per role with the id
 * roll-<role id> and a <details> list of its rules. Material's instant
 * navigation may set the address after the page has started, so the component
 * also follows Material's location$ and the hashchange event, and looks again
 * shortly after it starts. It only ever opens a list, never closes one.
 */
import { register } from "./registry.js";
export function startRoles(root) {
  function open() {
    // Links within the handbook also say ?roll=<id>: Material's navigation.tracking
    // replaces an anchor that is not a heading as soon as the page has scrolled.
    const role = new URLSearchParams(window.location.search).get("roll");
    const id = decodeURIComponent(window.location.hash.slice(1)) || (role ? `roll-${role}` : "");
    if (!id) return;
    const section = root.querySelector(`[id="${CSS.escape(id)}"]`)?.closest(".mdx-role");
    const details = section?.querySelector("details");
    if (details) details.open = true;
  }
  let subscription = null;
  function follow() {
    if (root.isConnected) {
      open();
      return;
    }
    // Left by instant navigation.
    window.removeEventListener("hashchange", follow);
    subscription?.unsubscribe();
  }
  window.addEventListener("hashchange", follow);
  if (window.location$ && typeof window.location$.subscribe === "function") {
    subscription = window.location$.subscribe(() => window.setTimeout(follow));
  }
  open();
  // The address can change a moment after the page has started; look again.
  for (const ms of [50, 250, 750]) window.setTimeout(follow, ms);
}

register("roles", startRoles);
