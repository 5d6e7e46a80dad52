/*
 * The menu button on phones and tablets. Material opens its menu (the drawer)
 * with a <label> for a hidden checkbox: a mouse or a finger can use it, but the
 * Tab key never stops on it and a screen reader hears no name. handbook.css
 * takes the closed menu's links out of the page (drawn, focusable and read out
 * only when the menu is open), so the menu needs a button that works for
 * everyone. This puts a real <button> in the label's place, with the same icon:
 *
 * - named "Meny", and saying whether the menu is open (aria-expanded);
 * - opened with the keyboard (Enter or Space), it moves the focus to the
 *   menu's first link;
 * - Escape closes the menu and puts the focus back on the button, and moving
 *   the focus out of the menu with Tab closes it.
 *
 * Without JavaScript the label stays, and handbook.css leaves the links in the
 * page. The header stays when Material's instant navigation changes the page,
 * the menu does not (so it is looked up each time); `sync` runs after every page
 * change, as Material closes the menu then without a change event.
 */
const LABEL = '.md-header__button[for="__drawer"]';

let toggle = null;
let button = null;

function menu() {
  return document.querySelector(".md-sidebar--primary");
}

export function sync() {
  button?.setAttribute("aria-expanded", String(toggle.checked));
}

// Open or close the menu as Material's label does: by the checkbox, whose change
// event Material listens to.
function setOpen(open) {
  if (toggle.checked !== open) toggle.click();
}

export function startMenu() {
  const label = document.querySelector(LABEL);
  toggle = document.getElementById("__drawer");
  if (button || !label || !toggle) return;
  button = document.createElement("button");
  button.type = "button";
  button.className = `${label.className} mdx-menu-button`;
  button.setAttribute("aria-label", "Meny");
  button.append(...label.childNodes);
  label.replaceWith(button);
  sync();
  toggle.addEventListener("change", sync);

  button.addEventListener("click", (event) => {
    setOpen(!toggle.checked);
    // A click from the keyboard (Enter or Space) has no pointer position: detail 0.
    if (toggle.checked && !event.detail) menu().querySelector("a.md-nav__link[href]")?.focus();
  });

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && toggle.checked) {
      setOpen(false);
      button.focus();
    }
  });

  // Tab out of the open menu (past its last link, or back to the page behind it)
  // closes it; back to the button leaves it open.
  document.addEventListener("focusout", ({ target, relatedTarget: next }) => {
    const open = menu();
    if (next && open?.contains(target) && !open.contains(next) && next !== button) setOpen(false);
  });
}
