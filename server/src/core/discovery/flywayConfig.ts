import * as path from "node:path";
import { parse as parseToml } from "smol-toml";
import type { FileHost } from "../host";

/** What Flyway's own configuration says about a set: its history table, the database its URL names. */
export interface FlywaySettings {
  /** `flyway.table` (default `flyway_schema_history`). */
  readonly table?: string;
  /** The JDBC subprotocol of `flyway.url` (`h2`, `clickhouse`, `postgresql`…), lower case. */
  readonly database?: string;
  /** `flyway.outOfOrder=true`: Flyway applies a version older than the newest applied one. */
  readonly outOfOrder?: boolean;
  /** The file it was read from. */
  readonly file?: string;
}

/**
 * Flyway's configuration for the migrations in `folder`: the first `flyway.conf`,
 * `conf/flyway.conf` or `flyway.toml` found in the folder or above it (inside the workspace);
 * Spring Boot's `spring.flyway.table` in an `application.properties` on the way counts for the
 * table. Read as data.
 */
export function readFlywaySettings(host: FileHost, folder: string, roots: readonly string[]): FlywaySettings {
  const root = roots.filter((r) => !path.relative(r, folder).startsWith("..")).sort((a, b) => b.length - a.length)[0];
  let springTable: string | undefined;
  let springOutOfOrder: boolean | undefined;
  for (let current = folder; ; current = path.dirname(current)) {
    for (const name of ["flyway.conf", path.join("conf", "flyway.conf")]) {
      const text = host.readFile(path.join(current, name));
      if (text !== undefined) return withOutOfOrder(fromProperties(readProperties(text), path.join(current, name), springTable), springOutOfOrder);
    }
    const toml = host.readFile(path.join(current, "flyway.toml"));
    if (toml !== undefined) return withOutOfOrder(fromToml(toml, path.join(current, "flyway.toml"), springTable), springOutOfOrder);
    const spring = host.readFile(path.join(current, "application.properties"));
    if (spring !== undefined) {
      const properties = readProperties(spring);
      springTable ??= properties.get("spring.flyway.table");
      springOutOfOrder ??= isTrue(properties.get("spring.flyway.out-of-order"));
    }
    if (!root || current === root || path.dirname(current) === current) return withOutOfOrder(springTable ? { table: springTable } : {}, springOutOfOrder);
  }
}

function fromProperties(properties: Map<string, string>, file: string, springTable: string | undefined): FlywaySettings {
  const table = properties.get("flyway.table") ?? springTable;
  const database = jdbcDatabase(properties.get("flyway.url"));
  const outOfOrder = isTrue(properties.get("flyway.outOfOrder"));
  return { file, ...(table ? { table } : {}), ...(database ? { database } : {}), ...(outOfOrder !== undefined ? { outOfOrder } : {}) };
}

/** Spring Boot's `spring.flyway.out-of-order` counts where Flyway's own config is silent. */
function withOutOfOrder(settings: FlywaySettings, spring: boolean | undefined): FlywaySettings {
  return settings.outOfOrder === undefined && spring !== undefined ? { ...settings, outOfOrder: spring } : settings;
}

function isTrue(value: string | undefined): boolean | undefined {
  return value === undefined ? undefined : value.trim().toLowerCase() === "true";
}

/** flyway.toml: `[flyway] table`, and the URL of the default environment (or the only one). */
function fromToml(text: string, file: string, springTable: string | undefined): FlywaySettings {
  let toml: Record<string, unknown>;
  try {
    toml = parseToml(text) as Record<string, unknown>;
  } catch {
    return springTable ? { table: springTable } : {};
  }
  const flyway = table(toml["flyway"]);
  const environments = table(toml["environments"]) ?? {};
  const names = Object.keys(environments);
  const chosen = typeof flyway?.["environment"] === "string" ? flyway["environment"] : names.length === 1 ? names[0] : "default";
  const url = table(environments[chosen ?? ""])?.["url"];
  const tableName = typeof flyway?.["table"] === "string" ? flyway["table"] : springTable;
  const database = jdbcDatabase(typeof url === "string" ? url : undefined);
  const outOfOrder = typeof flyway?.["outOfOrder"] === "boolean" ? flyway["outOfOrder"] : undefined;
  return { file, ...(tableName ? { table: tableName } : {}), ...(database ? { database } : {}), ...(outOfOrder !== undefined ? { outOfOrder } : {}) };
}

/** How the databases JDBC names by subprotocol are written in messages. */
const DATABASE_NAMES: Readonly<Record<string, string>> = {
  h2: "H2", hsqldb: "HSQLDB", clickhouse: "ClickHouse", sqlserver: "SQL Server", oracle: "Oracle", db2: "Db2", derby: "Derby",
  snowflake: "Snowflake", redshift: "Redshift", firebirdsql: "Firebird", informix: "Informix", sybase: "Sybase", sap: "SAP HANA",
};

/** The database a Flyway URL names, as messages write it (unknown names kept). */
export function databaseDisplayName(subprotocol: string): string {
  return DATABASE_NAMES[subprotocol] ?? subprotocol;
}

/** `jdbc:h2:mem:db` → `h2`; a placeholder (`${DB_URL}`) says nothing. */
function jdbcDatabase(url: string | undefined): string | undefined {
  if (!url?.startsWith("jdbc:")) return undefined;
  const name = url.slice("jdbc:".length).split(":")[0] ?? "";
  return /^[a-z0-9]+$/i.test(name) ? name.toLowerCase() : undefined;
}

/** Java properties as Flyway writes them: `key=value` or `key: value`, `#`/`!` comments. */
export function readProperties(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith("!")) continue;
    const at = line.search(/[=:]/);
    if (at > 0) values.set(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  return values;
}

/**
 * A script configuration file (`V2__x.sql.conf` beside `V2__x.sql`): its `executeInTransaction`,
 * when it says. Flyway runs the script without a transaction when it is false.
 */
export function readScriptConfig(file: string, text: string): FlywayScriptConfig {
  const value = isTrue(readProperties(text).get("executeInTransaction"));
  return { file, ...(value !== undefined ? { executeInTransaction: value } : {}) };
}

export interface FlywayScriptConfig {
  readonly file: string;
  readonly executeInTransaction?: boolean;
}

function table(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
