import { test } from "node:test";
import * as assert from "node:assert/strict";
import { problemBreakdown, problemTotal, viewBadge } from "../../client/src/problemCounts";

test("the view's badge is the Problems panel's total of our problems, every severity", () => {
  const summary = { errors: 146, warnings: 100, infos: 16 };
  assert.equal(problemTotal(summary), 262);
  assert.deepEqual(viewBadge(summary), { value: 262, tooltip: "262 Migration Lens problems in the Problems panel: 146 errors, 100 warnings, 16 infos" });
});

test("no badge without problems or before the first analysis", () => {
  assert.equal(viewBadge({ errors: 0, warnings: 0, infos: 0 }), undefined);
  assert.equal(viewBadge(undefined), undefined);
  assert.equal(problemBreakdown({ errors: 1, warnings: 1, infos: 1 }), "1 error, 1 warning, 1 info");
});
