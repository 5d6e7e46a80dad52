/*
 * The roles page: a link straight to a role (roller/#roll-kontoansvarig) opens
 * the list of that role's rules, which is otherwise folded (<details>).
 *
 * Root: <div data-mdx-component="roles">, one section per role with the id
 * roll-<role id> and a <details> list of its rules.
 */
export function startRoles(root) {
  function open() {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    const section = root.querySelector(`[id="${CSS.escape(id)}"]`)?.closest(".mdx-role");
    const details = section?.querySelector("details");
    if (details) details.open = true;
  }
  function onHashChange() {
    if (root.isConnected) open();
    else window.removeEventListener("hashchange", onHashChange); // left by instant navigation
  }
  window.addEventListener("hashchange", onHashChange);
  open();
}
