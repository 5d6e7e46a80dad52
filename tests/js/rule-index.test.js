import assert from "node:assert/strict";
import { test } from "node:test";

import {
  matches,
  noticeText,
  readFilters,
  writeFilters,
} from "../../docs/assets/javascripts/handbook/rule-index.js";

const KNOWN = { roll: ["redaktor", "kontoansvarig"], niva: ["ska", "bor"], avsnitt: ["arkiv", "dataskydd"] };

test("readFilters: known values are applied, unknown ones reported, old niva=bör still works", () => {
  assert.deepEqual(readFilters("?roll=redaktor&niva=b%C3%B6r&text=+gallra+", KNOWN), {
    values: { text: "gallra", roll: "redaktor", niva: "bor", avsnitt: "" },
    unknown: [],
  });
  assert.deepEqual(readFilters("?roll=chef&avsnitt=arkiv", KNOWN).unknown, ["roll=chef"]);
  assert.equal(readFilters("?roll=chef", KNOWN).values.roll, "");
});

test("writeFilters: only what is set, in a fixed order", () => {
  assert.equal(writeFilters({ text: "", roll: "", niva: "", avsnitt: "" }), "");
  assert.equal(writeFilters({ avsnitt: "arkiv", text: "ta bort", niva: "ska", roll: "" }), "text=ta+bort&niva=ska&avsnitt=arkiv");
});

test("matches: every filter and every word", () => {
  const rule = { text: "arkiv-gallring Du ska bara gallra innehåll", roles: ["redaktor"], level: "ska", section: "arkiv" };
  const none = { text: "", roll: "", niva: "", avsnitt: "" };
  assert.equal(matches(rule, none), true);
  assert.equal(matches(rule, { ...none, text: "GALLRA innehåll" }), true);
  assert.equal(matches(rule, { ...none, text: "gallra bilder" }), false);
  assert.equal(matches(rule, { ...none, roll: "kontoansvarig" }), false);
  assert.equal(matches(rule, { ...none, niva: "bor" }), false);
  assert.equal(matches(rule, { ...none, avsnitt: "dataskydd" }), false);
});

test("noticeText names the values that were not understood", () => {
  assert.match(noticeText(["roll=chef"]), /^Filtret roll=chef i adressen finns inte\./);
  assert.match(noticeText(["roll=chef", "niva=x"]), /^Filtren roll=chef, niva=x i adressen finns inte\./);
});
