import { test } from "node:test";
import * as assert from "node:assert/strict";
import { envWithoutNamingConvention } from "../../../server/src/core/alembic/envNamingConvention";

test("env.py surely gives op.* calls no naming convention only when configure() gets no target_metadata, or None", () => {
  const cases: [string, boolean][] = [
    ['from alembic import context\ncontext.configure(url="postgresql://", literal_binds=True)\n', true],
    ['from alembic import context\ntarget_metadata = None\ncontext.configure(url="x", target_metadata=target_metadata)\n', true],
    ['from alembic import context\nfrom app import Base\ntarget_metadata = Base.metadata\ncontext.configure(url="x", target_metadata=target_metadata)\n', false],
    ['from alembic import context\nopts = {}\ncontext.configure(url="x", **opts)\n', false],
    ["x = 1\n", false],
  ];
  for (const [text, expected] of cases) assert.equal(envWithoutNamingConvention(text), expected, text);
});
