import type { PGlite } from "@electric-sql/pglite";

/**
 * Puts one row into every empty table, as a production database would have: a migration that
 * is only safe on empty tables must fail here. Values come from the catalog: each NOT NULL column
 * without a default gets a value of its type, a foreign key column a value the referenced table
 * holds (tables are filled in passes, so referenced tables first). The same constants everywhere
 * (1, 'x', the uuid …01) make a key added later likely to hold. Returns the tables it could not fill.
 */
export async function fillEmptyTables(db: PGlite, inTransaction: boolean): Promise<string[]> {
  let empty = await emptyTables(db);
  for (let pass = 0; pass < 4 && empty.length > 0; pass++) {
    const before = empty.length;
    for (const table of empty) await tryStatement(db, await insertFor(db, table), inTransaction);
    empty = await emptyTables(db);
    if (empty.length === before) break;
  }
  return empty.map((t) => t.name);
}

interface Table {
  readonly oid: number;
  readonly name: string;
}

async function emptyTables(db: PGlite): Promise<Table[]> {
  const { rows } = await db.query<{ oid: number; name: string }>(
    `SELECT c.oid, format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'
     ORDER BY 2`,
  );
  const result: Table[] = [];
  for (const row of rows) {
    const { rows: any } = await db.query<{ present: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${row.name}) AS present`);
    if (!any[0]?.present) result.push(row);
  }
  return result;
}

interface Column {
  readonly name: string;
  readonly notnull: boolean;
  readonly hasdefault: boolean;
  readonly type: string;
  readonly typeoid: number;
  readonly category: string;
  readonly kind: string;
  readonly typname: string;
}

async function insertFor(db: PGlite, table: Table): Promise<string> {
  const { rows: columns } = await db.query<Column>(
    `SELECT quote_ident(a.attname) AS name, a.attnotnull AS notnull, (a.atthasdef OR a.attidentity <> '' OR a.attgenerated <> '') AS hasdefault,
            format_type(a.atttypid, a.atttypmod) AS type, coalesce(nullif(t.typbasetype, 0), t.oid)::int AS typeoid,
            bt.typcategory AS category, bt.typtype AS kind, bt.typname
     FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid JOIN pg_type bt ON bt.oid = coalesce(nullif(t.typbasetype, 0), t.oid)
     WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [table.oid],
  );
  const { rows: keys } = await db.query<{ column: string; target: string }>(
    `SELECT quote_ident(a.attname) AS column, format('(SELECT %I FROM %s LIMIT 1)', fa.attname, k.confrelid::regclass) AS target
     FROM pg_constraint k, unnest(k.conkey, k.confkey) AS pair(col, fcol)
     JOIN pg_attribute a ON a.attrelid = $1 AND a.attnum = pair.col
     JOIN pg_attribute fa ON fa.attnum = pair.fcol
     WHERE k.conrelid = $1 AND k.contype = 'f' AND fa.attrelid = k.confrelid`,
    [table.oid],
  );
  const names: string[] = [];
  const values: string[] = [];
  for (const column of columns) {
    const key = keys.find((k) => k.column === column.name);
    if (key) {
      names.push(column.name);
      values.push(key.target);
    } else if (column.notnull && !column.hasdefault) {
      names.push(column.name);
      values.push(`CAST(${literalFor(column)} AS ${column.type})`);
    }
  }
  return names.length === 0 ? `INSERT INTO ${table.name} DEFAULT VALUES` : `INSERT INTO ${table.name} (${names.join(", ")}) VALUES (${values.join(", ")})`;
}

function literalFor(column: Column): string {
  if (column.kind === "e") return `(SELECT enumlabel FROM pg_enum WHERE enumtypid = ${column.typeoid} ORDER BY enumsortorder LIMIT 1)`;
  switch (column.category) {
    case "A":
      return "'{}'";
    case "N":
      return "1";
    case "B":
      return "true";
    case "D":
      return "now()";
    case "T":
      return "'1 day'";
    case "I":
      return "'127.0.0.1'";
    case "V":
      return "'1'";
  }
  if (column.typname === "uuid") return "'00000000-0000-0000-0000-000000000001'";
  if (column.typname === "json" || column.typname === "jsonb") return "'{}'";
  if (column.typname === "bytea") return "'\\x00'";
  return "'x'";
}

/** Runs a statement that may fail without losing the surrounding transaction. */
async function tryStatement(db: PGlite, sql: string, inTransaction: boolean): Promise<boolean> {
  try {
    if (inTransaction) await db.exec("SAVEPOINT fill_row");
    await db.exec(sql);
    if (inTransaction) await db.exec("RELEASE SAVEPOINT fill_row");
    return true;
  } catch {
    if (inTransaction) await db.exec("ROLLBACK TO SAVEPOINT fill_row");
    return false;
  }
}
