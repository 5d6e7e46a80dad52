import assert from "node:assert/strict";
import { test } from "node:test";

import { ruleUrl } from "../../docs/assets/javascripts/handbook/rule-links.js";

test("ruleUrl: the page's address with the rule as anchor, without the search highlight", () => {
  assert.equal(
    ruleUrl("https://example.org/handbok/lagar/dataskydd/?h=barn#top", "dataskydd-barn"),
    "https://example.org/handbok/lagar/dataskydd/#dataskydd-barn",
  );
  assert.equal(ruleUrl("file:///tmp/site/roller/index.html", "alla-sekretess"), "file:///tmp/site/roller/index.html#alla-sekretess");
});
