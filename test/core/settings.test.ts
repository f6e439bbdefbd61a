import { test } from "node:test";
import * as assert from "node:assert/strict";
import { matchesFolderGlob } from "../../server/src/core/config/glob";
import { mergeSettings, readSettingsObject } from "../../server/src/core/config/settings";

test("globs keep the folders they are relative to: each workspace folder for the editor's", () => {
  const { settings } = readSettingsObject({ include: ["db/**"], baseline: "schema.sql" }, ["/ws/a", "/ws/b"]);
  assert.deepEqual(settings.include, [
    { pattern: "db/**", folder: "/ws/a" },
    { pattern: "db/**", folder: "/ws/b" },
  ]);
  assert.equal(settings.baseline, "/ws/a/schema.sql");
  const matches = (file: string) => settings.include!.some((g) => matchesFolderGlob(file, g));
  assert.ok(matches("/ws/a/db/versions/1.py"));
  assert.ok(matches("/ws/b/db/versions/1.py"));
  assert.ok(!matches("/ws/c/db/versions/1.py"));
});

test("a glob never matches a file outside its folder", () => {
  assert.ok(!matchesFolderGlob("/elsewhere/versions/1.py", { pattern: "**", folder: "/ws" }));
  assert.ok(!matchesFolderGlob("/ws/../versions/1.py", { pattern: "**/*.py", folder: "/ws" }));
  assert.ok(matchesFolderGlob("/ws/versions/1.py", { pattern: "**/*.py", folder: "/ws" }));
});

test("a config file's globs replace the editor's, folder and all", () => {
  const editor = readSettingsObject({ exclude: ["legacy/**"] }, ["/ws"]).settings;
  const file = readSettingsObject({ exclude: ["old/**"] }, ["/ws/service"]).settings;
  assert.deepEqual(mergeSettings(editor, file).exclude, [{ pattern: "old/**", folder: "/ws/service" }]);
  assert.deepEqual(mergeSettings(editor).exclude, [{ pattern: "legacy/**", folder: "/ws" }]);
});
