/*
 * The guide "Hantera en kommentar" without a browser: the path through it, as
 * kept in the URL, and an outcome as text. comment-guide.js wires it to the page.
 *
 * A guide is { start, steps } where steps maps a step id to
 * { kind: "question" | "outcome", title, answers: [{ text, next }] }.
 * A path is the list of step ids the reader has reached after the start, in
 * order; the URL keeps it as ?steg=id,id,id (the ids are stable anchors, so a
 * shared link keeps working as long as the guide keeps its ids).
 */
export const PATH_PARAM = "steg";

// The answer of `from` that leads to `to`, or undefined.
export function answerBetween(guide, from, to) {
  const step = guide.steps.get(from);
  return step && step.kind === "question" ? step.answers.find((answer) => answer.next === to) : undefined;
}

// The path in `value` ("a,b,c"), kept up to the first step that does not follow
// from the one before it. The first step may be any step (a link from search or
// from a rule lands on one); an outcome ends the path.
export function readPath(guide, value) {
  const path = [];
  for (const id of (value || "").split(",")) {
    if (!guide.steps.has(id)) break;
    const previous = path.length ? path.at(-1) : null;
    if (previous !== null && !answerBetween(guide, previous, id)) break;
    if (previous === null && id === guide.start) continue; // the start is implied
    path.push(id);
    if (guide.steps.get(id).kind === "outcome") break;
  }
  return path;
}

export function pathValue(path) {
  return path.join(",");
}

// The step shown for a path: its last step, or the start.
export function currentStep(guide, path) {
  return path.length ? path.at(-1) : guide.start;
}

// The questions asked and the answers given on the way to the current step:
// [{ question, answer }]. A path that begins away from the start (a jump from a
// link) has no answers before its first step.
export function trail(guide, path) {
  const found = [];
  const steps = [guide.start, ...path];
  for (let i = 1; i < steps.length; i += 1) {
    const answer = answerBetween(guide, steps[i - 1], steps[i]);
    if (answer) found.push({ question: guide.steps.get(steps[i - 1]).title, answer: answer.text });
  }
  return found;
}

// What a screen reader hears when a step is shown.
export function announcement(guide, path) {
  const id = currentStep(guide, path);
  const step = guide.steps.get(id);
  if (step.kind === "outcome") return `Resultat: ${step.title}`;
  const asked = trail(guide, path).length + 1;
  return `Fråga ${asked}: ${step.title}`;
}

const oneLine = (text) => text.replace(/\s+/g, " ").trim();

// An outcome as plain text, for the registration of how a comment was handled:
// the guide's title, the outcome, the answers that led there, what to do and
// not to do, the rules and the link to this result.
export function outcomeText({ guideTitle, title, summary, answers, todo, dont, rules, url }) {
  const lines = [`${guideTitle}: ${oneLine(title)}`, oneLine(summary), ""];
  if (answers.length) {
    lines.push("Svaren som ledde hit:");
    for (const { question, answer } of answers) lines.push(`- ${oneLine(question)} ${oneLine(answer)}`);
    lines.push("");
  }
  lines.push("Gör så här:");
  todo.forEach((item, index) => lines.push(`${index + 1}. ${oneLine(item)}`));
  if (dont.length) {
    lines.push("", "Gör inte så här:");
    for (const item of dont) lines.push(`- ${oneLine(item)}`);
  }
  if (rules.length) {
    lines.push("", "Regler och lag:");
    for (const rule of rules) lines.push(`- ${oneLine(rule)}`);
  }
  if (url) lines.push("", `Länk: ${url}`);
  return lines.join("\n");
}
