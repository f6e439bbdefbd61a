// sql.js ships no types for its inline-WebAssembly build: what databaseParsers.ts (and the tests that run SQL on SQLite) use of it.
declare module "sql.js/dist/sql-wasm-inline.js" {
  interface Statement {
    free(): void;
  }
  interface Database {
    prepare(sql: string): Statement;
    exec(sql: string): unknown;
    close(): void;
  }
  export default function initSqlJs(): Promise<{ Database: new () => Database }>;
}
