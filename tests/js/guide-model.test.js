// Unit tests for the pure module of the guide "Hantera en kommentar" (no browser).
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  PATH_PARAM,
  announcement,
  answerBetween,
  currentStep,
  outcomeText,
  pathValue,
  readPath,
  trail,
} from "../../docs/assets/javascripts/handbook/guide-model.js";

// start -> (a: outcome ut-a | b: question q2) ; q2 -> (c: ut-c | d: ut-d)
const guide = {
  start: "q1",
  steps: new Map([
    [
      "q1",
      {
        kind: "question",
        title: "Första frågan?",
        answers: [
          { text: "Svar A", next: "ut-a" },
          { text: "Svar B", next: "q2" },
        ],
      },
    ],
    [
      "q2",
      {
        kind: "question",
        title: "Andra frågan?",
        answers: [
          { text: "Svar C", next: "ut-c" },
          { text: "Svar D", next: "ut-d" },
        ],
      },
    ],
    ["ut-a", { kind: "outcome", title: "Utfall A", answers: [] }],
    ["ut-c", { kind: "outcome", title: "Utfall C", answers: [] }],
    ["ut-d", { kind: "outcome", title: "Utfall D", answers: [] }],
  ]),
};

describe("the path in the URL", () => {
  test("is kept under ?steg=", () => {
    assert.equal(PATH_PARAM, "steg");
  });

  test("reads a path that follows the answers", () => {
    assert.deepEqual(readPath(guide, "q2,ut-d"), ["q2", "ut-d"]);
    assert.equal(pathValue(["q2", "ut-d"]), "q2,ut-d");
  });

  test("an empty or missing value is the start", () => {
    assert.deepEqual(readPath(guide, ""), []);
    assert.deepEqual(readPath(guide, null), []);
    assert.equal(currentStep(guide, []), "q1");
  });

  test("the start itself may be written out", () => {
    assert.deepEqual(readPath(guide, "q1,q2"), ["q2"]);
  });

  test("stops at an unknown step or a step no answer leads to", () => {
    assert.deepEqual(readPath(guide, "q2,finns-inte,ut-c"), ["q2"]);
    assert.deepEqual(readPath(guide, "q2,ut-a"), ["q2"]);
  });

  test("stops after an outcome", () => {
    assert.deepEqual(readPath(guide, "q2,ut-c,q2"), ["q2", "ut-c"]);
  });

  test("may begin at any step (a link from search lands on one)", () => {
    assert.deepEqual(readPath(guide, "ut-d"), ["ut-d"]);
    assert.equal(currentStep(guide, ["ut-d"]), "ut-d");
  });
});

describe("the answers on the way", () => {
  test("pairs each question with the answer given", () => {
    assert.deepEqual(trail(guide, ["q2", "ut-d"]), [
      { question: "Första frågan?", answer: "Svar B" },
      { question: "Andra frågan?", answer: "Svar D" },
    ]);
  });

  test("a jump has no answer before its first step", () => {
    assert.deepEqual(trail(guide, ["ut-d"]), []);
  });

  test("answerBetween finds the answer, and nothing from an outcome", () => {
    assert.equal(answerBetween(guide, "q1", "ut-a").text, "Svar A");
    assert.equal(answerBetween(guide, "ut-a", "q1"), undefined);
  });
});

describe("what a screen reader hears", () => {
  test("the question's number and text", () => {
    assert.equal(announcement(guide, []), "Fråga 1: Första frågan?");
    assert.equal(announcement(guide, ["q2"]), "Fråga 2: Andra frågan?");
  });

  test("an outcome as the result", () => {
    assert.equal(announcement(guide, ["q2", "ut-c"]), "Resultat: Utfall C");
  });
});

describe("an outcome as text", () => {
  const parts = {
    guideTitle: "Hantera en kommentar",
    title: "Utfall  D",
    summary: "Gör\n  så här.",
    answers: [{ question: "Första frågan?", answer: "Svar B" }],
    todo: ["Spara en kopia.", "Dölj kommentaren."],
    dont: ["Svara inte."],
    rules: ["Ska Du ska spara en kopia."],
    url: "https://handbok.test/inlagg/hantera-kommentar/?steg=q2,ut-d",
  };

  test("has the outcome, the answers, what to do and not, the rules and the link", () => {
    assert.equal(
      outcomeText(parts),
      [
        "Hantera en kommentar: Utfall D",
        "Gör så här.",
        "",
        "Svaren som ledde hit:",
        "- Första frågan? Svar B",
        "",
        "Gör så här:",
        "1. Spara en kopia.",
        "2. Dölj kommentaren.",
        "",
        "Gör inte så här:",
        "- Svara inte.",
        "",
        "Regler och lag:",
        "- Ska Du ska spara en kopia.",
        "",
        "Länk: https://handbok.test/inlagg/hantera-kommentar/?steg=q2,ut-d",
      ].join("\n"),
    );
  });

  test("leaves out empty parts", () => {
    const text = outcomeText({ ...parts, answers: [], dont: [], rules: [], url: "" });
    assert.ok(!text.includes("Svaren som ledde hit"));
    assert.ok(!text.includes("Gör inte"));
    assert.ok(!text.includes("Regler och lag"));
    assert.ok(!text.includes("Länk"));
  });
});
