import { test } from "node:test";
import * as assert from "node:assert/strict";
import { kindsOf, readSql } from "./readSql";

test("Prisma's MySQL CREATE TABLE: CURRENT_TIMESTAMP(3), ON UPDATE, UNSIGNED, named index elements, table options", () => {
  const sql = `-- CreateTable
CREATE TABLE \`Post\` (
    \`id\` INTEGER UNSIGNED NOT NULL AUTO_INCREMENT,
    \`title\` VARCHAR(191) NOT NULL,
    \`body\` TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NULL,
    \`createdAt\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    \`updatedAt\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    \`status\` ENUM('DRAFT', 'PUBLISHED') NOT NULL DEFAULT 'DRAFT',
    \`authorId\` INTEGER NOT NULL,

    UNIQUE INDEX \`Post_title_key\`(\`title\`),
    INDEX \`Post_authorId_idx\`(\`authorId\`),
    FULLTEXT KEY \`Post_body_ft\` (\`body\`),
    PRIMARY KEY (\`id\`) USING BTREE,
    CONSTRAINT \`Post_authorId_fkey\` FOREIGN KEY (\`authorId\`) REFERENCES \`User\`(\`id\`) ON DELETE RESTRICT ON UPDATE CASCADE
) ENGINE=InnoDB AUTO_INCREMENT=7 DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;
  const range = sql.slice("-- CreateTable\n".length);
  const table = { name: "Post" };
  assert.deepEqual(readSql(sql, "mysql"), {
    operations: [
      {
        kind: "create_table",
        table,
        columns: [
          { name: "id", type: "integer unsigned", nullable: false, generated: true },
          { name: "title", type: "varchar(191)", nullable: false },
          { name: "body", type: "text", nullable: true },
          { name: "createdAt", type: "datetime(3)", nullable: false, default: "CURRENT_TIMESTAMP(3)" },
          { name: "updatedAt", type: "datetime(3)", nullable: false, default: "CURRENT_TIMESTAMP(3)" },
          { name: "status", type: "enum('DRAFT','PUBLISHED')", nullable: false, default: "'DRAFT'" },
          { name: "authorId", type: "integer", nullable: false },
        ],
        constraints: [
          { kind: "primary_key", columns: ["id"] },
          { kind: "foreign_key", name: "Post_authorId_fkey", columns: ["authorId"], references: { table: { name: "User" }, columns: ["id"], clauses: "ON DELETE RESTRICT ON UPDATE CASCADE" } },
        ],
        range,
        nameRange: "`Post`",
      },
      { kind: "create_index", name: "Post_title_key", table, columns: ["title"], unique: true, concurrently: false, range, nameRange: "`Post_title_key`" },
      { kind: "create_index", name: "Post_authorId_idx", table, columns: ["authorId"], unique: false, concurrently: false, range, nameRange: "`Post_authorId_idx`" },
      { kind: "create_index", name: "Post_body_ft", table, columns: ["body"], unique: false, concurrently: false, detail: "fulltext", range, nameRange: "`Post_body_ft`" },
    ],
    problems: [],
  });
});

test("MySQL ALTER TABLE: MODIFY and CHANGE redefine the column; index and foreign-key actions; options and positions", () => {
  const sql = `ALTER TABLE \`User\` MODIFY \`name\` VARCHAR(191) NOT NULL,
    ADD COLUMN \`nick\` VARCHAR(20) NULL AFTER \`name\`,
    CHANGE COLUMN \`old\` \`new\` BIGINT UNSIGNED NOT NULL DEFAULT 1 FIRST,
    ADD UNIQUE INDEX \`User_nick_key\`(\`nick\`),
    DROP INDEX \`User_name_idx\`,
    DROP FOREIGN KEY \`User_orgId_fkey\`,
    ALGORITHM=INPLACE, LOCK=NONE`;
  const table = { name: "User" };
  assert.deepEqual(
    readSql(sql, "mysql").operations.map(({ range: _r, ...op }) => op),
    [
      { kind: "alter_column", table, column: "name", type: "varchar(191)", nullable: false, default: null, nameRange: "`User`" },
      { kind: "add_column", table, column: { name: "nick", type: "varchar(20)", nullable: true }, nameRange: "`User`" },
      { kind: "alter_column", table, column: "old", newName: "new", type: "bigint unsigned", nullable: false, default: "1", nameRange: "`User`" },
      { kind: "create_index", name: "User_nick_key", table, columns: ["nick"], unique: true, concurrently: false, nameRange: "`User_nick_key`" },
      { kind: "drop_index", name: "User_name_idx", table, concurrently: false, nameRange: "`User_name_idx`" },
      { kind: "drop_constraint", table, name: "User_orgId_fkey", nameRange: "`User`" },
    ],
  );
});

test("MySQL statements read from tokens alone: RENAME INDEX, DROP PRIMARY KEY, table options only", () => {
  assert.deepEqual(kindsOf("ALTER TABLE `a` RENAME INDEX `x` TO `y`; ALTER TABLE b DROP PRIMARY KEY; ALTER TABLE c ENGINE=InnoDB, CONVERT TO CHARACTER SET utf8mb4", "mysql"), [
    { kind: "unknown", reason: "ALTER TABLE … RENAME INDEX is not modelled" },
    { kind: "unknown", reason: "DROP PRIMARY KEY is not modelled (the key's name is not written)" },
  ]);
});

test("MySQL index statements, RENAME TABLE, and client commands", () => {
  const sql = `DROP INDEX \`User_email_key\` ON \`User\`;
CREATE UNIQUE INDEX \`idx\` USING BTREE ON \`t\` (\`a\`(10), \`b\`) ALGORITHM=INPLACE;
RENAME TABLE a TO b, c TO d;
SET FOREIGN_KEY_CHECKS = 0;
SET NAMES utf8mb4;
LOCK TABLES t WRITE;
UNLOCK TABLES;
/*!40101 SET NAMES utf8 */;`;
  assert.deepEqual(kindsOf(sql, "mysql"), [
    { kind: "drop_index", name: "User_email_key", table: { name: "User" }, concurrently: false },
    { kind: "create_index", name: "idx", table: { name: "t" }, columns: ["a", "b"], unique: true, concurrently: false },
    { kind: "rename_table", table: { name: "a" }, newName: "b" },
    { kind: "rename_table", table: { name: "c" }, newName: "d" },
  ]);
});

test("Prisma's SQLite table redefinition", () => {
  const sql = `-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "email" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "teamId" TEXT,
    CONSTRAINT "User_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_User" ("createdAt", "email", "id") SELECT "createdAt", "email", "id" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;`;
  assert.deepEqual(kindsOf(sql, "sqlite"), [
    {
      kind: "create_table",
      table: { name: "new_User" },
      columns: [
        { name: "id", type: "integer", nullable: false, primaryKey: true, generated: true },
        { name: "email", type: "text", nullable: false },
        { name: "createdAt", type: "datetime", nullable: false, default: "CURRENT_TIMESTAMP" },
        { name: "teamId", type: "text", nullable: true },
      ],
      constraints: [{ kind: "foreign_key", name: "User_teamId_fkey", columns: ["teamId"], references: { table: { name: "Team" }, columns: ["id"], clauses: "ON DELETE SET NULL ON UPDATE CASCADE" } }],
    },
    { kind: "data_change", statement: "insert", table: { name: "new_User" } },
    { kind: "drop_table", table: { name: "User" } },
    { kind: "rename_table", table: { name: "new_User" }, newName: "User" },
    { kind: "create_index", name: "User_email_key", table: { name: "User" }, columns: ["email"], unique: true, concurrently: false },
  ]);
});

test("an SQLite column without a type, and an INTEGER PRIMARY KEY that is the rowid", () => {
  assert.deepEqual(kindsOf("CREATE TABLE t (id INTEGER PRIMARY KEY, payload)", "sqlite"), [
    { kind: "create_table", table: { name: "t" }, columns: [{ name: "id", type: "integer", nullable: false, primaryKey: true, generated: true }, { name: "payload", nullable: true }], constraints: [] },
  ]);
});

test("MySQL mistakes are still reported after the repairs: a forgotten semicolon, a forgotten comma", () => {
  const sql = `CREATE TABLE \`a\` (\`id\` INT NOT NULL, \`t\` DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)) ENGINE=InnoDB
CREATE TABLE \`b\` (\`id\` INT);
ALTER TABLE t ALGORITHM=INPLACE ADD COLUMN x INT;
ALTER TABLE \`t\` DROP FOREIGN KEY \`t_fk\` ADD CONSTRAINT \`t_fk2\` FOREIGN KEY (\`a\`) REFERENCES \`u\`(\`id\`);`;
  assert.deepEqual(
    readSql(sql, "mysql").problems.map((p) => p.message),
    [
      'SQL syntax error at line 2, column 1: unexpected "CREATE"; expected ",", ";", "AS", "LIKE" or end of input',
      'SQL syntax error at line 3, column 15: unexpected "ALGORITHM"; expected ".", "ADD", "ALTER", "DROP" or "RENAME"',
      'SQL syntax error at line 4, column 22: unexpected "FOREIGN"; expected "CHECK", "COLUMN", "CONSTRAINT", "IF" or identifier',
    ],
  );
});
