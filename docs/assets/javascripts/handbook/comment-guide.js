/*
 * The guide "Hantera en kommentar", one question at a time.
 *
 * Root: <div data-mdx-component="comment-guide" data-mdx-start="<id>">, with one
 * section [data-mdx-step] per question and outcome (partials/comment_guide.html).
 * Without this script the page is an outline whose answers link to the next
 * step's anchor. With it, only the current step shows; the path is kept in the
 * URL (?steg=a,b,c, see guide-model.js), one history entry per answer, so a
 * result can be shared, reloaded and reached with the back button. Each new
 * step's heading takes focus and a live region announces it.
 */
import { register } from "./registry.js";
import { PATH_PARAM, announcement, currentStep, outcomeText, pathValue, readPath, trail } from "./guide-model.js";

const text = (el) => (el ? el.textContent.replace(/\s+/g, " ").trim() : "");

function readGuide(root) {
  const steps = new Map();
  const elements = new Map();
  for (const section of root.querySelectorAll("[data-mdx-step]")) {
    const id = section.getAttribute("data-mdx-step");
    const heading = section.querySelector(".mdx-guide__heading");
    const answers = [...section.querySelectorAll("[data-mdx-next]")].map((link) => ({
      text: text(link),
      next: link.getAttribute("data-mdx-next"),
      link,
    }));
    steps.set(id, { kind: section.getAttribute("data-mdx-kind"), title: text(heading), answers });
    elements.set(id, { section, heading });
  }
  return { guide: { start: root.getAttribute("data-mdx-start"), steps }, elements };
}

function urlFor(path) {
  const url = new URL(window.location.href);
  url.hash = "";
  if (path.length) url.searchParams.set(PATH_PARAM, pathValue(path));
  else url.searchParams.delete(PATH_PARAM);
  return url;
}

function pathFromLocation(guide) {
  const value = new URL(window.location.href).searchParams.get(PATH_PARAM);
  if (value) return readPath(guide, value);
  // A link to one step's anchor (from search or from a rule) opens that step.
  const hash = decodeURIComponent(window.location.hash.slice(1));
  return hash && guide.steps.has(hash) ? readPath(guide, hash) : [];
}

export function startCommentGuide(root) {
  const { guide, elements } = readGuide(root);
  const status = root.querySelector("[data-mdx-guide-status]");
  const nav = root.querySelector("[data-mdx-guide-nav]");
  const back = root.querySelector("[data-mdx-guide-back]");
  const restart = root.querySelector("[data-mdx-guide-restart]");
  const groups = [...root.querySelectorAll("[data-mdx-guide-group]")];
  const guideTitle = root.getAttribute("data-mdx-title");
  let path = [];

  function fillOutcome(section, url) {
    const answers = trail(guide, path);
    const box = section.querySelector("[data-mdx-guide-trail]");
    const list = box.querySelector("ol");
    list.replaceChildren(
      ...answers.map(({ question, answer }) => {
        const item = document.createElement("li");
        const asked = document.createElement("span");
        asked.className = "mdx-guide__asked";
        asked.textContent = `${question} `;
        const chosen = document.createElement("strong");
        chosen.textContent = answer;
        item.append(asked, chosen);
        return item;
      }),
    );
    box.hidden = answers.length === 0;
    const items = (selector) => [...section.querySelectorAll(`${selector} > li`)];
    const copy = outcomeText({
      guideTitle,
      title: text(section.querySelector(".mdx-guide__heading")),
      summary: text(section.querySelector("[data-mdx-guide-summary]")),
      answers,
      todo: items("[data-mdx-guide-do]").map((li) => text(li)),
      dont: items("[data-mdx-guide-dont]").map((li) => text(li)),
      rules: items("[data-mdx-guide-rules]").map((li) => text(li)),
      url: url.toString(),
    });
    const button = section.querySelector("[data-mdx-guide-copy]");
    // Material's clipboard handler serves every [data-clipboard-text] and says "Kopierat".
    button.setAttribute("data-clipboard-text", copy);
    section.querySelector("[data-mdx-guide-actions]").hidden = false;
  }

  function render(focus) {
    const id = currentStep(guide, path);
    const { section, heading } = elements.get(id);
    for (const [stepId, element] of elements) element.section.hidden = stepId !== id;
    for (const group of groups) group.hidden = !group.contains(section);
    nav.hidden = path.length === 0;
    if (guide.steps.get(id).kind === "outcome") fillOutcome(section, urlFor(path));
    if (focus) {
      status.textContent = announcement(guide, path);
      // After Material has restored its scroll position for the history entry.
      window.requestAnimationFrame(() => {
        heading.scrollIntoView({ block: "start" });
        heading.focus({ preventScroll: true });
      });
    }
  }

  function go(next) {
    path = next;
    window.history.pushState(null, "", urlFor(path).toString());
    render(true);
  }

  // Answer links: the click stops here. Material's instant navigation listens on
  // <body> and would push its own history entry and jump to the anchor.
  root.addEventListener("click", (event) => {
    const link = event.target.closest("[data-mdx-next]");
    if (!link || !root.contains(link)) return;
    event.preventDefault();
    event.stopPropagation();
    const from = link.closest("[data-mdx-step]").getAttribute("data-mdx-step");
    const base = from === guide.start ? [] : path.slice(0, path.indexOf(from) + 1);
    go([...base, link.getAttribute("data-mdx-next")]);
  });
  back.addEventListener("click", () => go(path.slice(0, -1)));
  restart.addEventListener("click", () => go([]));
  for (const button of root.querySelectorAll("[data-mdx-guide-print]")) {
    button.addEventListener("click", () => window.print());
  }

  function onPopState() {
    if (!root.isConnected) {
      // Instant navigation replaced the page: this guide is gone.
      window.removeEventListener("popstate", onPopState);
      return;
    }
    path = pathFromLocation(guide);
    render(true);
  }
  window.addEventListener("popstate", onPopState);

  // A link to a step's anchor on this same page (a search result, for one): Material
  // moves to the anchor without loading the page, so show that step.
  let subscription = null;
  function onLocation(url) {
    if (!root.isConnected) {
      if (subscription) subscription.unsubscribe();
      return;
    }
    const hash = decodeURIComponent(url.hash.slice(1));
    if (url.pathname !== window.location.pathname) return;
    if (!guide.steps.has(hash) || currentStep(guide, path) === hash) return;
    path = readPath(guide, hash);
    // The address says the step the way a shared link does, so a reload keeps it.
    window.history.replaceState(window.history.state, "", urlFor(path).toString());
    render(true);
  }

  root.classList.add("mdx-guide--js");
  path = pathFromLocation(guide);
  const asked = new URL(window.location.href).searchParams.get(PATH_PARAM);
  if (asked !== null && asked !== pathValue(path)) {
    // A link whose path breaks off (an id that no longer exists): keep the part that holds.
    window.history.replaceState(window.history.state, "", urlFor(path).toString());
  }
  render(path.length > 0);
  if (window.location$ && typeof window.location$.subscribe === "function") {
    subscription = window.location$.subscribe(onLocation);
  }
}

register("comment-guide", startCommentGuide);
