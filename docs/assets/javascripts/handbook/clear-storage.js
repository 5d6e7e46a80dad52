/*
 * Om webbplatsen: one button that removes everything the handbook has stored
 * in this browser (storage.js clearAll), after asking, and says what happened
 * in a status region. The button ships hidden: without JavaScript nothing is
 * stored, and the page says how to clear site data in the browser instead.
 */
import { register } from "./registry.js";
import { clearAll } from "./storage.js";

const QUESTION =
  "Vill du ta bort allt som handboken har sparat i den här webbläsaren? " +
  "Bockar och svar går inte att få tillbaka.";

export function startClearStorage(root) {
  const button = root.querySelector("[data-mdx-clear]");
  const status = root.querySelector("[data-mdx-clear-status]");
  if (!button || !status) return;
  root.hidden = false;
  button.addEventListener("click", () => {
    if (!window.confirm(QUESTION)) {
      status.textContent = "Inget är borttaget.";
      return;
    }
    const removed = clearAll();
    status.textContent =
      removed === null
        ? "Webbläsaren lät inte handboken ta bort något. Ta bort webbplatsdata i webbläsarens inställningar."
        : "Klart. Allt som handboken hade sparat i den här webbläsaren är borttaget.";
  });
}

register("clear-storage", startClearStorage);
