// Unit tests for recurring-model.js: `node --test tests/js` (no browser).
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  STATUS_TEXT,
  dateError,
  dateStatus,
  isIsoDate,
  parseStored,
  reviewRows,
  reviewSummary,
  statusText,
  storedRecord,
  todayIso,
} from "../../docs/assets/javascripts/handbook/recurring-model.js";

const TODAY = "2026-11-29";

describe("todayIso", () => {
  test("is the local date, zero-padded", () => {
    assert.equal(todayIso(new Date(2026, 0, 5, 23, 59)), "2026-01-05");
    assert.equal(todayIso(new Date(2026, 11, 31, 0, 0)), "2026-12-31");
  });
});

describe("isIsoDate", () => {
  test("accepts real dates only", () => {
    assert.equal(isIsoDate("2024-02-29"), true);
    for (const bad of ["2025-02-29", "2025-13-01", "2025-1-01", "2025-01-32", "", null, 20250101, "1899-12-31"]) {
      assert.equal(isIsoDate(bad), false, String(bad));
    }
  });
});

describe("dateStatus", () => {
  test("no date, today, within a year, more than a year", () => {
    assert.equal(dateStatus("", TODAY), "none");
    assert.equal(dateStatus(undefined, TODAY), "none");
    assert.equal(dateStatus(TODAY, TODAY), "today");
    assert.equal(dateStatus("2026-11-28", TODAY), "year");
    assert.equal(dateStatus("2025-11-29", TODAY), "year", "exactly a year ago is not more than a year");
    assert.equal(dateStatus("2025-11-28", TODAY), "old");
    assert.equal(dateStatus("2019-06-01", TODAY), "old");
  });

  test("a leap day is more than a year old once its anniversary has passed", () => {
    assert.equal(dateStatus("2024-02-29", "2025-02-28"), "year");
    assert.equal(dateStatus("2024-02-29", "2025-03-01"), "old");
  });

  test("a date after today is future, a broken one invalid", () => {
    assert.equal(dateStatus("2026-11-30", TODAY), "future");
    assert.equal(dateStatus("2027-01-01", TODAY), "future");
    assert.equal(dateStatus("2026-02-30", TODAY), "invalid");
  });

  test("every status has words", () => {
    assert.equal(statusText("", TODAY), "Inget datum");
    assert.equal(statusText("2025-01-01", TODAY), "Gjort för mer än ett år sedan");
    assert.equal(statusText("2026-06-01", TODAY), "Gjort under det senaste året");
    assert.equal(statusText(TODAY, TODAY), "Gjort i dag");
    for (const text of Object.values(STATUS_TEXT)) assert.ok(text.length > 5);
  });
});

describe("dateError", () => {
  test("a date after today is an error at the field", () => {
    assert.match(dateError("2026-11-30", TODAY), /kan inte vara senare än i dag/);
  });

  test("an empty field or a past date is fine", () => {
    assert.equal(dateError("", TODAY), null);
    assert.equal(dateError(TODAY, TODAY), null);
    assert.equal(dateError("2020-01-01", TODAY), null);
  });

  test("what the browser cannot read as a date", () => {
    assert.match(dateError("", TODAY, true), /helt datum/);
    assert.match(dateError("2026-02-30", TODAY), /år-månad-dag/);
  });
});

describe("stored dates", () => {
  const ids = ["a", "b", "c"];

  test("keeps known items with real dates up to today", () => {
    const raw = { dates: { a: "2026-01-02", b: "2027-01-01", c: "nonsense", gone: "2026-01-01" } };
    assert.deepEqual(parseStored(raw, ids, TODAY), { a: "2026-01-02" });
  });

  test("anything that is not ours gives no dates", () => {
    for (const raw of [null, "text", 42, [], { dates: null }, { dates: "x" }, { ticked: ["a"] }]) {
      assert.deepEqual(parseStored(raw, ids, TODAY), {}, JSON.stringify(raw));
    }
  });

  test("a record round-trips and drops what is not a date", () => {
    const record = storedRecord({ a: "2026-03-04", b: "" }, new Date(Date.UTC(2026, 10, 29, 12)));
    assert.deepEqual(record, { dates: { a: "2026-03-04" }, saved: "2026-11-29T12:00:00.000Z" });
    assert.deepEqual(parseStored(JSON.parse(JSON.stringify(record)), ids, TODAY), { a: "2026-03-04" });
  });
});

describe("the yearly review", () => {
  test("one row per item, in order, with the date and the status in words", () => {
    const rows = reviewRows(["a", "b", "c"], { a: "2025-01-01", c: TODAY }, TODAY);
    assert.deepEqual(rows, [
      { id: "a", date: "2025-01-01", status: "old", text: "Gjort för mer än ett år sedan" },
      { id: "b", date: "–", status: "none", text: "Inget datum" },
      { id: "c", date: TODAY, status: "today", text: "Gjort i dag" },
    ]);
  });

  test("the summary counts, in plain Swedish", () => {
    const rows = reviewRows(["a", "b", "c", "d"], { a: "2025-01-01", c: TODAY, d: "2026-05-05" }, TODAY);
    assert.equal(reviewSummary(rows), "4 uppgifter: 2 gjorda under det senaste året, 1 för mer än ett år sedan, 1 utan datum.");
    assert.equal(reviewSummary(reviewRows(["a"], {}, TODAY)), "1 uppgift: 1 utan datum.");
    assert.equal(reviewSummary(reviewRows(["a"], { a: TODAY }, TODAY)), "1 uppgift: 1 gjord under det senaste året.");
  });
});
