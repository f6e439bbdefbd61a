import { test } from "node:test";
import * as assert from "node:assert/strict";
import { dialectMarker } from "../../../server/src/core/sql/dialectMarkers";

test("MySQL and SQLite are told by constructs only they take; PostgreSQL, strings and comments show nothing", () => {
  assert.deepEqual(dialectMarker("CREATE TABLE t (id int NOT NULL AUTO_INCREMENT PRIMARY KEY);"), { dialect: "mysql", written: "AUTO_INCREMENT" });
  assert.deepEqual(dialectMarker("CREATE TABLE t (id int) ENGINE = InnoDB;"), { dialect: "mysql", written: "ENGINE = InnoDB" });
  assert.deepEqual(dialectMarker("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);"), { dialect: "sqlite", written: "AUTOINCREMENT" });
  assert.deepEqual(dialectMarker("CREATE TABLE t (k text PRIMARY KEY) WITHOUT ROWID;"), { dialect: "sqlite", written: "WITHOUT ROWID" });
  assert.equal(dialectMarker("CREATE TABLE t (id serial PRIMARY KEY); -- AUTO_INCREMENT\nCOMMENT ON TABLE t IS 'ENGINE=InnoDB';"), undefined);
  assert.equal(dialectMarker("CREATE TABLE t (id int) ENGINE = MergeTree;"), undefined);
});
