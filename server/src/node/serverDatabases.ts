import { Client } from "pg";
import type { VerifyDatabase, VerifyDatabases } from "../core/verify/database";

/**
 * `verify --database-url`: a throwaway PostgreSQL database the user names (another version,
 * extensions PGlite lacks). It must be empty when verify starts: verify drops what the
 * migrations create, so it refuses a database that already holds tables, views or types.
 */
export class ServerDatabases implements VerifyDatabases {
  private client: Client | undefined;
  private checked = false;

  constructor(private readonly url: string) {}

  get description(): string {
    const parsed = safeUrl(this.url);
    return parsed ? `PostgreSQL at ${parsed.host}${parsed.pathname}` : "the PostgreSQL at --database-url";
  }

  async open(extensions: readonly string[]): Promise<{ database: VerifyDatabase; unavailable: readonly string[] }> {
    const client = this.client ?? new Client({ connectionString: this.url });
    if (!this.client) {
      // A connection lost between queries fails the next query instead of crashing the process.
      client.on("error", () => undefined);
      await client.connect();
      this.client = client;
    }
    if (!this.checked) {
      const [row] = (await client.query<{ n: string }>(OBJECTS)).rows;
      if (Number(row?.n ?? 0) > 0) throw new Error(`the database at --database-url is not empty (${row?.n} schemas, relations, types, functions or extensions): verify drops what the migrations create, so it needs a throwaway database`);
      this.checked = true;
    }
    const available = new Set((await client.query<{ name: string }>("SELECT name FROM pg_available_extensions")).rows.map((r) => r.name));
    return {
      unavailable: extensions.filter((name) => !available.has(name)),
      database: {
        exec: async (sql) => {
          await client.query(sql);
        },
        query: async <Row>(sql: string) => (await client.query(sql)).rows as Row[],
      },
    };
  }

  async dispose(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end();
  }
}

// What a database holds besides PostgreSQL's own objects and an empty public schema: any of it
// makes the database not a throwaway one.
const USER = "NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg\\_%'";
const OBJECTS = `SELECT
    (SELECT count(*) FROM pg_namespace WHERE nspname <> 'public' AND nspname ${USER})
  + (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname ${USER})
  + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname ${USER} AND t.typrelid = 0 AND t.typelem = 0)
  + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname ${USER})
  + (SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql') AS n`;

function safeUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
