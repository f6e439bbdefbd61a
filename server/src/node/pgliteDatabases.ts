import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { PGlite, type Extension } from "@electric-sql/pglite";
import type { VerifyDatabase, VerifyDatabases } from "../core/verify/database";

/**
 * `verify`'s databases: PGlite, PostgreSQL compiled to WebAssembly, in this process. No server,
 * no Docker, no network; each database lives in memory and is gone when closed.
 */
export class PgliteDatabases implements VerifyDatabases {
  readonly description = "the embedded PostgreSQL (PGlite)";

  // Starting PGlite runs initdb (seconds): one instance serves every set, re-created only
  // when a set needs an extension it was not started with.
  private current: { db: PGlite; extensions: Set<string> } | undefined;

  async open(extensions: readonly string[]): Promise<{ database: VerifyDatabase; unavailable: readonly string[] }> {
    const folder = extensionFolder();
    const shipped = extensions.filter((name) => name !== "plpgsql" && fs.existsSync(path.join(folder, `${name}.tar.gz`)));
    const unavailable = extensions.filter((name) => name !== "plpgsql" && !shipped.includes(name));
    if (!this.current || shipped.some((name) => !this.current?.extensions.has(name))) {
      const wanted = new Set([...(this.current?.extensions ?? []), ...shipped]);
      await this.dispose();
      const loaded: Record<string, Extension> = {};
      for (const name of wanted) loaded[name.replace(/\W/g, "_")] = { name, setup: async () => ({ bundlePath: pathToFileURL(path.join(folder, `${name}.tar.gz`)) }) };
      this.current = { db: await startPglite(loaded), extensions: wanted };
    }
    const { db } = this.current;
    return {
      unavailable,
      database: {
        exec: async (sql) => {
          await db.exec(sql);
        },
        query: async <Row>(sql: string) => (await db.query<Row>(sql)).rows,
      },
    };
  }

  async dispose(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    await current?.db.close();
  }
}

/** PGlite from the data directory the build dumped after initdb (seconds saved), else through initdb. */
async function startPglite(extensions: Record<string, Extension>): Promise<PGlite> {
  // Beside the bundle, or the build's output when running from source (tests).
  const bundled = [path.join(__dirname, "pglite-datadir.tar.gz"), path.resolve(__dirname, "../../../dist/pglite-datadir.tar.gz")].find((file) => fs.existsSync(file));
  if (bundled) {
    try {
      return await PGlite.create({ extensions, loadDataDir: new Blob([fs.readFileSync(bundled)], { type: "application/x-gzip" }) });
    } catch {
      // A dump this PGlite cannot load: initdb, as without one.
    }
  }
  return PGlite.create({ extensions });
}

/** Where PGlite's contrib extensions are: beside the bundle that ships them, or in its package. */
function extensionFolder(): string {
  const bundled = path.join(__dirname, "pglite");
  if (fs.existsSync(bundled)) return bundled;
  return path.dirname(createRequire(__filename).resolve("@electric-sql/pglite"));
}
