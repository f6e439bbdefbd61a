// sql.js ships no types for its inline-WebAssembly build: what databaseParsers.ts uses of it.
declare module "sql.js/dist/sql-wasm-inline.js" {
  interface Statement {
    free(): void;
  }
  interface Database {
    prepare(sql: string): Statement;
  }
  export default function initSqlJs(): Promise<{ Database: new () => Database }>;
}
