import { test } from "node:test";
import * as assert from "node:assert/strict";
import { readRevisionFile } from "../../../server/src/core/alembic/revisionFile";
import { ProjectModules } from "../../../server/src/core/alembic/operations/projectModules";
import type { ModuleFinder } from "../../../server/src/core/python/moduleFiles";
import { py } from "./support";

/** A finder over in-memory modules, by dotted name. */
function finder(modules: Record<string, string>): ModuleFinder {
  return { find: (_from, module) => (modules[module] !== undefined ? { file: `/p/${module.replace(/\./g, "/")}.py`, text: modules[module]! } : undefined) };
}

function upgradeOf(text: string, modules: Record<string, string>): { ops: unknown[]; read: string[] } {
  const project = new ProjectModules(finder(modules));
  const file = readRevisionFile("/p/versions/r1.py", text, { dialect: "postgresql", modules: project });
  const ops = (file.upgrade?.operations ?? []).map((o) => (o.kind === "unknown" ? `unknown: ${o.reason} ${JSON.stringify(o.tables ?? [])}` : `${o.kind} ${"table" in o ? o.table?.name : ""}${o.guarded ? " guarded" : ""}`));
  return { ops, read: [...project.read.keys()] };
}

test("helpers imported from the project's modules: re-exports, module attributes, cycles, and one that cannot be read", () => {
  const modules = {
    "app.helpers": py`
      from alembic import op
      from app.impl import drop_twice as drop_both

      def make(name, *columns):
          op.create_table(name, *columns)
          again(name)

      def again(name):
          make(name)

      factory = build_factory()
    `,
    "app.impl": py`
      from alembic import op

      def drop_twice(a, b):
          op.drop_table(a)
          op.drop_table(b)
    `,
  };
  const { ops, read } = upgradeOf(
    py`
      import sqlalchemy as sa
      from app import helpers
      from app.helpers import make, drop_both, factory

      def upgrade():
          make("t", sa.Column("id", sa.Integer))
          helpers.drop_both("a", "b")
          factory("x")
          sa.Column("ignored")
    `,
    modules,
  );
  assert.deepEqual(ops, [
    // make() -> again() -> make(): the cycle stops at the second make().
    "create_table t",
    "drop_table a",
    "drop_table b",
    'unknown: factory() is not read: app.helpers does not define it as a plain function [{"name":{"prefix":"","suffix":""},"may":"exist"},{"name":{"prefix":"","suffix":""},"may":"be-gone"}]',
  ]);
  assert.deepEqual(read.sort(), ["/p/app/helpers.py", "/p/app/impl.py"]);
});
