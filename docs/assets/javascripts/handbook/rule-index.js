/*
 * Filter the list of all rules by role and level. The filter lives in the URL
 * (?roll=kontoansvarig&niva=ska), so a filtered list can be shared.
 *
 * Root: <div data-mdx-component="rule-index">, with a form [data-mdx-filter],
 * the count [data-mdx-rule-count] and one section a group of rule rows.
 */
const known = (select, value) => [...select.options].some((option) => option.value === value);

export function countText(shown, total) {
  if (shown === total) return `${total} ${total === 1 ? "regel" : "regler"}`;
  return `Visar ${shown} av ${total} regler`;
}

export function startRuleIndex(root) {
  const form = root.querySelector("[data-mdx-filter]");
  const count = root.querySelector("[data-mdx-rule-count]");
  const total = Number(count.getAttribute("data-mdx-total"));
  const { roll: role, niva: level } = form.elements;
  const params = new URLSearchParams(window.location.search);
  for (const [select, name] of [
    [role, "roll"],
    [level, "niva"],
  ]) {
    const value = params.get(name) || "";
    if (known(select, value)) select.value = value;
  }

  function apply(updateUrl) {
    let shown = 0;
    for (const group of root.querySelectorAll("section")) {
      let visible = 0;
      for (const row of group.querySelectorAll("tbody tr")) {
        const roles = row.getAttribute("data-mdx-roles").split(" ");
        const match =
          (!role.value || roles.includes(role.value)) &&
          (!level.value || row.getAttribute("data-mdx-level") === level.value);
        row.hidden = !match;
        if (match) visible += 1;
      }
      group.hidden = visible === 0;
      shown += visible;
    }
    count.textContent = countText(shown, total);
    if (updateUrl) {
      const url = new URL(window.location.href);
      url.searchParams.delete("roll");
      url.searchParams.delete("niva");
      if (role.value) url.searchParams.set("roll", role.value);
      if (level.value) url.searchParams.set("niva", level.value);
      window.history.replaceState(window.history.state, "", url.toString());
    }
  }

  form.addEventListener("change", () => apply(true));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  apply(false);
}
