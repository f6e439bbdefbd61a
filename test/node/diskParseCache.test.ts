import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DiskParseCache, defaultCacheFolder } from "../../server/src/node/diskParseCache";

function tempFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "ml-parse-cache-"));
}

function entries(folder: string): string[] {
  return fs.existsSync(folder) ? fs.readdirSync(folder, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(folder, f)).isFile()) : [];
}

test("what is written is read back by another instance after flush, and by no other analyser", () => {
  const folder = tempFolder();
  const writer = new DiskParseCache(folder, "build-a");
  writer.write("key one", "value one");
  assert.equal(writer.read("key one"), "value one", "a pending write is read before it is flushed");
  assert.equal(entries(folder).length, 0, "nothing is written before flush");
  writer.flush();
  assert.equal(new DiskParseCache(folder, "build-a").read("key one"), "value one");
  assert.equal(new DiskParseCache(folder, "build-a").read("key two"), undefined);
  assert.equal(new DiskParseCache(folder, "build-b").read("key one"), undefined, "another build's reading is never used");
  assert.ok(entries(folder).every((f) => !f.endsWith(".tmp")), "no temporary file is left");
});

test("a corrupt, truncated or foreign entry is ignored, never trusted", () => {
  const folder = tempFolder();
  const cache = new DiskParseCache(folder, "build-a");
  cache.write("key", "value");
  cache.flush();
  const [file] = entries(folder);
  const full = path.join(folder, file!);
  const written = fs.readFileSync(full, "utf8");
  for (const bad of ["", "garbage", written.slice(0, 10), written.replace(/[0-9a-f]{64}/, "0".repeat(64)), "\u0000\u0001\u0002"]) {
    fs.writeFileSync(full, bad);
    assert.equal(new DiskParseCache(folder, "build-a").read("key"), undefined, JSON.stringify(bad));
  }
  // An entry copied under another key's name is not that key's.
  const other = new DiskParseCache(folder, "build-a");
  other.write("other key", "other value");
  other.flush();
  const otherFile = entries(folder).find((f) => f !== file)!;
  fs.copyFileSync(path.join(folder, otherFile), full);
  assert.equal(new DiskParseCache(folder, "build-a").read("key"), undefined);
});

test("a folder that cannot be written leaves the cache empty, without an error", () => {
  const folder = tempFolder();
  const blocked = path.join(folder, "a-file");
  fs.writeFileSync(blocked, "not a folder");
  const cache = new DiskParseCache(blocked, "build-a");
  cache.write("key", "value");
  assert.doesNotThrow(() => cache.flush());
  assert.equal(new DiskParseCache(blocked, "build-a").read("key"), undefined);
});

test("the cache stays bounded: past its limit the oldest entries go", () => {
  const folder = tempFolder();
  const value = "x".repeat(1000);
  for (let i = 0; i < 40; i++) {
    const cache = new DiskParseCache(folder, "build-a", 20_000);
    cache.write(`key ${i}`, `${i} ${value}`);
    cache.flush();
    // Entries written in one burst share a timestamp: date each as a long-lived cache would have it.
    const file = entries(folder).map((f) => path.join(folder, f)).find((f) => fs.readFileSync(f, "utf8").endsWith(`\n${i} ${value}`));
    if (file) fs.utimesSync(file, new Date(), new Date(Date.now() - (40 - i) * 60_000));
  }
  const total = entries(folder).reduce((sum, f) => sum + fs.statSync(path.join(folder, f)).size, 0);
  assert.ok(total <= 20_000, `${total} bytes kept`);
  assert.equal(new DiskParseCache(folder, "build-a").read("key 39"), `39 ${value}`, "the newest entry stays");
  assert.equal(new DiskParseCache(folder, "build-a").read("key 0"), undefined, "the oldest entry went");
});

test("two processes writing the same entries at once leave whole entries", async () => {
  const folder = tempFolder();
  const script = `
    const { DiskParseCache } = require(${JSON.stringify(path.resolve("server/src/node/diskParseCache.ts"))});
    for (let round = 0; round < 20; round++) {
      const cache = new DiskParseCache(process.argv[1], "build-a");
      for (let i = 0; i < 50; i++) cache.write("key " + i, ("value " + i + " ").repeat(2000));
      cache.flush();
    }`;
  const run = (): Promise<number | null> =>
    new Promise((resolve) => spawn(process.execPath, ["--import", "tsx", "-e", script, folder], { stdio: "inherit" }).on("exit", resolve));
  assert.deepEqual(await Promise.all([run(), run()]), [0, 0]);
  const cache = new DiskParseCache(folder, "build-a");
  for (let i = 0; i < 50; i++) assert.equal(cache.read(`key ${i}`), `value ${i} `.repeat(2000));
  assert.ok(entries(folder).every((f) => !f.endsWith(".tmp")));
});

test("entries written in the background are whole once drained, and the process waits for them", async () => {
  const folder = tempFolder();
  // A process that has nothing else to do while the worker writes must still wait for it.
  const script = `
    const { DiskParseCache } = require(${JSON.stringify(path.resolve("server/src/node/diskParseCache.ts"))});
    const cache = new DiskParseCache(process.argv[1], "build-a");
    cache.writeInBackground();
    for (let i = 0; i < 300; i++) cache.write("key " + i, ("value " + i + " ").repeat(500));
    if (cache.read("key 7") !== "value 7 ".repeat(500)) throw new Error("an entry being written is not readable");
    cache.drain().then(() => process.stdout.write("drained"));`;
  const child = spawn(process.execPath, ["--import", "tsx", "-e", script, folder], { stdio: ["ignore", "pipe", "inherit"] });
  let printed = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (printed += chunk));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  assert.equal(code, 0);
  assert.equal(printed, "drained", "the process ended before the writes were done");
  const cache = new DiskParseCache(folder, "build-a");
  for (let i = 0; i < 300; i++) assert.equal(cache.read(`key ${i}`), `value ${i} `.repeat(500));
  assert.ok(entries(folder).every((f) => !f.endsWith(".tmp")));
});

test("a folder that cannot be written leaves a background-writing cache empty, without an error", async () => {
  const folder = tempFolder();
  const blocked = path.join(folder, "a-file");
  fs.writeFileSync(blocked, "not a folder");
  const cache = new DiskParseCache(blocked, "build-a");
  cache.writeInBackground();
  cache.write("key", "value");
  await cache.drain();
  assert.equal(new DiskParseCache(blocked, "build-a").read("key"), undefined);
});

test("the default folder is the user's cache folder, never the workspace", () => {
  assert.equal(defaultCacheFolder({ XDG_CACHE_HOME: "/x/cache", HOME: "/home/u" }, "linux"), "/x/cache/migration-lens");
  assert.equal(defaultCacheFolder({ HOME: "/home/u" }, "linux"), "/home/u/.cache/migration-lens");
  assert.equal(defaultCacheFolder({ HOME: "/Users/u" }, "darwin"), "/Users/u/Library/Caches/migration-lens");
  assert.equal(defaultCacheFolder({ LOCALAPPDATA: "C:\\Users\\u\\AppData\\Local", USERPROFILE: "C:\\Users\\u" }, "win32"), path.join("C:\\Users\\u\\AppData\\Local", "migration-lens", "Cache"));
});
