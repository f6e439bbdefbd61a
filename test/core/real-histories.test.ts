import { after, describe, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MigrationWorkspace } from "../../server/src/core/analysis/workspace";
import type { AnalysisResult } from "../../server/src/core/analysis/analyzeSets";
import type { AnalyzedSet } from "../../server/src/core/analysis/analyzedSet";
import { NodeFileHost } from "../../server/src/node/nodeFileHost";

/**
 * Real Alembic histories, checked against Alembic itself.
 *
 * Each test/fixtures/histories/<name>.json holds the revision graph of a public project's
 * migrations as Alembic 1.8 reported it (scripts/alembic-reference.py, through
 * scripts/compare-with-alembic.mjs --write-fixtures): ids, down_revision, depends_on, declared
 * branch labels, and RevisionMap.heads / .bases. No project code is kept: each test writes
 * synthetic revision files carrying those header values, in the many ways real projects write
 * them, and checks that our analysis finds Alembic's heads and bases.
 *
 * The "layouts" tests at the end rebuild layouts and header shapes of those projects on which
 * Migration Lens once disagreed with Alembic, so that they stay fixed.
 */

interface FixtureRevision {
  readonly id: string;
  readonly parents: readonly string[];
  readonly dependsOn: readonly string[];
  readonly branchLabels: readonly string[];
}

interface HistoryFixture {
  readonly source: string;
  readonly heads: readonly string[];
  readonly bases: readonly string[];
  readonly revisions: readonly FixtureRevision[];
}

const HISTORIES = path.resolve("test", "fixtures", "histories");
const NAMES = fs
  .readdirSync(HISTORIES)
  .filter((f) => f.endsWith(".json"))
  .map((f) => f.slice(0, -".json".length))
  .sort();

function loadFixture(name: string): HistoryFixture {
  return JSON.parse(fs.readFileSync(path.join(HISTORIES, `${name}.json`), "utf8")) as HistoryFixture;
}

// KEEP_HISTORY_FOLDERS=1 keeps the written folders (e.g. to load them with scripts/alembic-reference.py).
const temporary: string[] = [];
after(() => {
  if (process.env["KEEP_HISTORY_FOLDERS"]) console.log(`kept:\n${temporary.join("\n")}`);
  else for (const folder of temporary) fs.rmSync(folder, { recursive: true, force: true });
});

function tempRoot(name: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `ml-history-${name}-`));
  temporary.push(root);
  return root;
}

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

// ------------------------------------------------------------------------------------------
// Python literals in the styles real histories use
// ------------------------------------------------------------------------------------------

type Quote = "single" | "double" | "unicode";

function str(value: string, quote: Quote): string {
  if (quote === "double") return JSON.stringify(value);
  const body = value.replace(/\\/g, "\\\\").replace(/'/g, "\\'");
  return quote === "unicode" ? `u'${body}'` : `'${body}'`;
}

type SeqStyle = "scalar-or-tuple" | "list" | "tuple-always" | "multiline-tuple";

/** A header value: None (or `()` / `[]`) when empty, one string or a sequence otherwise. */
function headerValue(values: readonly string[], quote: Quote, style: SeqStyle, empty = "None"): string {
  if (values.length === 0) return empty;
  const items = values.map((v) => str(v, quote));
  switch (style) {
    case "list":
      return `[${items.join(", ")}]`;
    case "tuple-always":
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    case "multiline-tuple":
      return items.length === 1 ? (items[0] as string) : `(\n${items.map((i) => `    ${i},\n`).join("")})`;
    case "scalar-or-tuple":
      return items.length === 1 ? (items[0] as string) : `(${items.join(", ")})`;
  }
}

const SHAPES = 7;

/** One revision file. `index` picks the header shape and the file name, so a history mixes them. */
function revisionFile(r: FixtureRevision, index: number, body = "    pass\n"): { name: string; text: string } {
  const slug = `change_${index}`;
  const safeId = r.id.replace(/[^\w.-]/g, "_");
  const serial = String(index).padStart(4, "0");
  const names = [`${safeId}_${slug}.py`, `${serial}_${slug}.py`, `2024_01_${serial}_${safeId}.py`, `rev_${serial}.py`];
  const name = names[index % names.length] as string;
  const revises = r.parents.join(", ");
  const docstring = `"""${slug}\n\nRevision ID: ${r.id}\nRevises: ${revises}\nCreate Date: 2024-01-01 00:00:00.000000\n\n"""\n`;
  const functions = `\n\ndef upgrade():\n${body}\n\ndef downgrade():\n    pass\n`;
  let text: string;
  switch (index % SHAPES) {
    case 0: // the classic template
      text =
        docstring +
        "from alembic import op\nimport sqlalchemy as sa\n\n\n# revision identifiers, used by Alembic.\n" +
        `revision = ${str(r.id, "single")}\n` +
        `down_revision = ${headerValue(r.parents, "single", "scalar-or-tuple")}\n` +
        `branch_labels = ${headerValue(r.branchLabels, "single", "scalar-or-tuple")}\n` +
        `depends_on = ${headerValue(r.dependsOn, "single", "scalar-or-tuple")}\n` +
        functions;
      break;
    case 1: // the annotated template of Alembic 1.13+
      text =
        docstring +
        "from typing import Sequence, Union\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\n# revision identifiers, used by Alembic.\n" +
        `revision: str = ${str(r.id, "double")}\n` +
        `down_revision: Union[str, Sequence[str], None] = ${headerValue(r.parents, "double", "scalar-or-tuple")}\n` +
        `branch_labels: Union[str, Sequence[str], None] = ${headerValue(r.branchLabels, "double", "tuple-always")}\n` +
        `depends_on: Union[str, Sequence[str], None] = ${headerValue(r.dependsOn, "double", "scalar-or-tuple")}\n` +
        functions.replace(/\(\):/g, "() -> None:");
      break;
    case 2: // Python 2 era u'' strings
      text =
        docstring +
        "\n# revision identifiers, used by Alembic.\n" +
        `revision = ${str(r.id, "unicode")}\n` +
        `down_revision = ${headerValue(r.parents, "unicode", "scalar-or-tuple")}\n` +
        `branch_labels = ${headerValue(r.branchLabels, "unicode", "tuple-always")}\n` +
        `depends_on = ${headerValue(r.dependsOn, "unicode", "scalar-or-tuple")}\n` +
        "\nfrom alembic import op\nimport sqlalchemy as sa\n" +
        functions;
      break;
    case 3: // lists everywhere
      text =
        docstring +
        `revision = ${str(r.id, "double")}\n` +
        `down_revision = ${headerValue(r.parents, "double", "list")}\n` +
        `branch_labels = ${headerValue(r.branchLabels, "double", "list")}\n` +
        `depends_on = ${headerValue(r.dependsOn, "double", "list")}\n` +
        functions;
      break;
    case 4: // black-formatted, merges split over lines
      text =
        docstring +
        "import sqlalchemy as sa\nfrom alembic import op\n\n# revision identifiers, used by Alembic.\n" +
        `revision = ${str(r.id, "double")}\n` +
        `down_revision = ${headerValue(r.parents, "double", "multiline-tuple")}\n` +
        `branch_labels = ${headerValue(r.branchLabels, "double", "multiline-tuple")}\n` +
        `depends_on = ${headerValue(r.dependsOn, "double", "multiline-tuple")}\n` +
        functions;
      break;
    case 5: // one-element tuples, labels as a bare string, an empty tuple for a base
      text =
        `"""${slug}"""\n\n` +
        `revision = ${str(r.id, "single")}\n` +
        `down_revision = ${headerValue(r.parents, "single", "tuple-always", "()")}\n` +
        `branch_labels = ${r.branchLabels.length === 1 ? str(r.branchLabels[0] as string, "single") : headerValue(r.branchLabels, "single", "tuple-always")}\n` +
        `depends_on = ${r.dependsOn.length === 1 ? str(r.dependsOn[0] as string, "single") : headerValue(r.dependsOn, "single", "tuple-always")}\n` +
        functions;
      break;
    default: // no docstring, trailing comments, the optional names left out when empty
      text =
        "# -*- coding: utf-8 -*-\nimport sqlalchemy as sa  # noqa\nfrom alembic import op\n\n" +
        `revision = ${str(r.id, "double")}  # this revision\n` +
        `down_revision = ${headerValue(r.parents, "double", "scalar-or-tuple")}  # its parent(s)\n` +
        (r.branchLabels.length ? `branch_labels = ${headerValue(r.branchLabels, "double", "tuple-always")}\n` : "") +
        (r.dependsOn.length ? `depends_on = ${headerValue(r.dependsOn, "double", "scalar-or-tuple")}\n` : "") +
        functions;
  }
  return { name, text };
}

// ------------------------------------------------------------------------------------------
// Layouts
// ------------------------------------------------------------------------------------------

/** A version folder found without config (searched recursively), some revisions in subfolders. */
function writeFolderLayout(root: string, fixture: HistoryFixture): void {
  fixture.revisions.forEach((r, i) => {
    const { name, text } = revisionFile(r, i);
    const folder = i % 5 === 4 ? path.join(root, "versions", `release_${i % 3}`) : path.join(root, "versions");
    write(path.join(folder, name), text);
  });
}

/** An alembic.ini naming three version locations; the revisions spread over them. */
function writeIniLayout(root: string, fixture: HistoryFixture): void {
  const locations = ["versions", "versions_more", "versions_even_more"];
  write(
    path.join(root, "alembic.ini"),
    "[alembic]\nscript_location = %(here)s/migrations\n" +
      `version_locations = ${locations.map((l) => `%(here)s/migrations/${l}`).join(" ")}\n` +
      "sqlalchemy.url = sqlite://\n\n[loggers]\nkeys = root\n",
  );
  write(path.join(root, "migrations", "env.py"), "from alembic import context\n\n\ndef run_migrations_online():\n    pass\n");
  write(path.join(root, "migrations", "script.py.mako"), '"""${message}"""\n');
  fixture.revisions.forEach((r, i) => {
    const { name, text } = revisionFile(r, i);
    write(path.join(root, "migrations", locations[i % locations.length] as string, name), text);
  });
}

function analyze(root: string): AnalysisResult {
  const workspace = new MigrationWorkspace(new NodeFileHost(), [root]);
  workspace.discover();
  return workspace.analyze();
}

const sorted = (values: Iterable<string>): string[] => [...values].sort();

function describeFindings(result: AnalysisResult, root: string, keep: (severity: string) => boolean): string {
  return result.findings
    .filter((f) => keep(f.severity))
    .map((f) => `  ${f.severity} ${f.rule} ${path.relative(root, f.file)}:${f.range.start.line + 1}: ${f.message.split("\n")[0]}`)
    .join("\n");
}

/** Heads and bases as sets, the revision ids, and each revision's header values as read. */
function assertMatchesFixture(set: AnalyzedSet, fixture: HistoryFixture, label: string): void {
  const graph = set.graph;
  assert.deepEqual(sorted(graph.nodes.keys()), sorted(fixture.revisions.map((r) => r.id)), `${label}: revision ids`);
  for (const r of fixture.revisions) {
    const file = graph.nodes.get(r.id)?.file;
    const read = {
      parents: sorted((file?.downRevision?.refs ?? []).map((x) => x.id)),
      dependsOn: sorted((file?.dependsOn?.refs ?? []).map((x) => x.id)),
      branchLabels: sorted((file?.branchLabels?.refs ?? []).map((x) => x.id)),
    };
    const expected = { parents: sorted(r.parents), dependsOn: sorted(r.dependsOn), branchLabels: sorted(r.branchLabels) };
    assert.deepEqual(read, expected, `${label}: header of ${r.id} (${file ? path.basename(file.path) : "missing"})`);
  }
  assert.deepEqual(sorted(graph.heads), sorted(fixture.heads), `${label}: heads (Alembic's RevisionMap.heads)`);
  assert.deepEqual(sorted(graph.bases), sorted(fixture.bases), `${label}: bases (Alembic's RevisionMap.bases)`);
}

// ------------------------------------------------------------------------------------------
// The histories
// ------------------------------------------------------------------------------------------

describe("real Alembic histories: heads and bases as Alembic 1.8 reports them", () => {
  assert.ok(NAMES.length >= 5, `expected history fixtures in ${HISTORIES}`);
  NAMES.forEach((name, n) => {
    const layout = n % 2 === 0 ? "version folder without config" : "alembic.ini with three version_locations";
    test(`${name} (${layout})`, () => {
      const fixture = loadFixture(name);
      const root = tempRoot(name);
      if (n % 2 === 0) writeFolderLayout(root, fixture);
      else writeIniLayout(root, fixture);

      const result = analyze(root);
      const label = `${name} from ${fixture.source}`;
      assert.equal(result.sets.length, 1, `${label}: expected one migration set, got ${result.sets.map((s) => s.spec.root).join(", ")}`);
      assertMatchesFixture(result.sets[0] as AnalyzedSet, fixture, label);
      const errors = describeFindings(result, root, (s) => s === "error");
      assert.equal(errors, "", `${label}: error-severity findings on a history Alembic loads cleanly:\n${errors}`);
    });
  });
});

// ------------------------------------------------------------------------------------------
// Real project layouts around the histories (regressions: both diverged from Alembic on the
// analysis as of 2051b44 and agree since 232e766)
// ------------------------------------------------------------------------------------------

describe("real project layouts", () => {
  test("quay: a module in the script folder that mentions down_revision does not make a second set", () => {
    const fixture = loadFixture("quay");
    const root = tempRoot("quay-layout");
    write(path.join(root, "alembic.ini"), "[alembic]\nscript_location = data/migrations\nsqlalchemy.url = sqlite://\n");
    write(path.join(root, "data", "migrations", "env.py"), "from alembic import context\n");
    // Like quay's data/migrations/dba_operator.py: tooling that reads revisions, not a revision.
    write(
      path.join(root, "data", "migrations", "dba_operator.py"),
      "def describe(script):\n    return {'revision': script.revision, 'down_revision': script.down_revision}\n",
    );
    fixture.revisions.forEach((r, i) => {
      const { name, text } = revisionFile(r, i);
      write(path.join(root, "data", "migrations", "versions", name), text);
    });

    const result = analyze(root);
    assert.deepEqual(
      result.sets.map((s) => `${path.relative(root, s.spec.root)} (${s.spec.configFile ? "from alembic.ini" : "no config"}): ${s.graph.nodes.size}`),
      [`data/migrations (from alembic.ini): ${fixture.revisions.length}`],
      "Alembic sees one history (before 232e766 the script folder came back as a second, config-less set)",
    );
  });

  test("neutron: alembic.ini in neutron/db/migration beside cli.py and *_init_ops.py helpers gives the one set Alembic reads", () => {
    const fixture = loadFixture("neutron");
    const root = tempRoot("neutron-layout");
    const migration = path.join(root, "neutron", "db", "migration");
    write(path.join(migration, "alembic.ini"), "[alembic]\nscript_location = %(here)s/alembic_migrations\nsqlalchemy.url =\n");
    write(path.join(migration, "__init__.py"), "");
    // cli.py reads revisions (`revision.down_revision`); *_init_ops.py are helpers the initial revision calls.
    write(path.join(migration, "cli.py"), "def check(revision):\n    return revision.down_revision is not None\n");
    write(path.join(migration, "alembic_migrations", "env.py"), "from alembic import context\n");
    write(path.join(migration, "alembic_migrations", "core_init_ops.py"), "from alembic import op\n\n\ndef upgrade():\n    op.create_table('agents')\n");
    const top: FixtureRevision[] = [];
    fixture.revisions.forEach((r, i) => {
      const { name, text } = revisionFile(r, i);
      const atTop = r.parents.length === 0; // kilo_initial.py sits in versions/, the rest in <release>/<branch>/
      if (atTop) top.push(r);
      write(path.join(migration, "alembic_migrations", "versions", atTop ? "" : path.join(`release_${i % 4}`, i % 2 ? "expand" : "contract"), name), text);
    });

    const result = analyze(root);
    // With this ini (no version_locations) Alembic reads versions/*.py only: kilo.
    assert.deepEqual(
      result.sets.map((s) => `${path.relative(root, s.spec.root)}: ${sorted(s.graph.heads).join(" ")}`),
      [`neutron/db/migration/alembic_migrations: ${sorted(top.map((r) => r.id)).join(" ")}`],
      "sets and their heads",
    );
    const errors = describeFindings(result, root, (s) => s === "error");
    assert.equal(errors, "", `error-severity findings Alembic would not raise:\n${errors}`);
  });
});

// ------------------------------------------------------------------------------------------
// Known divergences: real layouts and header shapes on which we disagree with Alembic.
// These fail until the analysis is fixed. Do not skip them.
// ------------------------------------------------------------------------------------------

describe("layouts of real projects that once diverged from Alembic", () => {
  test("neutron: branch_labels = (cli.EXPAND_BRANCH,) is read from neutron/db/migration/cli.py, as Alembic applies it", () => {
    const fixture = loadFixture("neutron");
    const root = tempRoot("neutron-labels");
    const migration = path.join(root, "neutron", "db", "migration");
    write(path.join(root, "neutron", "__init__.py"), "");
    write(path.join(root, "neutron", "db", "__init__.py"), "");
    write(path.join(migration, "__init__.py"), "");
    write(path.join(migration, "cli.py"), "EXPAND_BRANCH = 'expand'\nCONTRACT_BRANCH = 'contract'\nMIGRATION_BRANCHES = (EXPAND_BRANCH, CONTRACT_BRANCH)\n");
    const constantOf: Record<string, string> = { expand: "cli.EXPAND_BRANCH", contract: "cli.CONTRACT_BRANCH" };
    fixture.revisions.forEach((r, i) => {
      const folder = path.join(migration, "alembic_migrations", "versions", r.parents.length === 0 ? "" : `release_${i % 4}`);
      const { name, text } = revisionFile({ ...r, branchLabels: [] }, i);
      // As neutron writes them (liberty/expand/599c6a226151_neutrodb_ipam.py and
      // liberty/contract/30018084ec99_initial.py): the label is a constant of neutron's cli module.
      const labelled = r.branchLabels.length
        ? "from neutron.db.migration import cli\n" +
          text.replace(/^branch_labels\b.*\n/m, "") +
          `\nbranch_labels = (${r.branchLabels.map((l) => constantOf[l] ?? JSON.stringify(l)).join(", ")},)\n`
        : text;
      write(path.join(folder, name), labelled);
    });

    const result = analyze(path.join(migration, "alembic_migrations", "versions"));
    assert.equal(result.sets.length, 1);
    const set = result.sets[0] as AnalyzedSet;
    assert.deepEqual(sorted(set.graph.heads), sorted(fixture.heads), "heads");
    assert.deepEqual(sorted(set.graph.bases), sorted(fixture.bases), "bases");
    for (const r of fixture.revisions.filter((x) => x.branchLabels.length > 0)) {
      assert.deepEqual(
        sorted(set.graph.nodes.get(r.id)?.declaredLabels ?? []),
        sorted(r.branchLabels),
        `declared branch labels of ${r.id}: Alembic imports neutron.db.migration.cli and gets ${JSON.stringify(r.branchLabels)}; ` +
          `we report unevaluated-expression and then multiple-heads "in the unlabelled history"`,
      );
    }
  });

  test("inbox (nylas/sync-engine): Python 2 `print` statements are reported, since Alembic on Python 3 cannot import those files", () => {
    const fixture = loadFixture("inbox");
    const root = tempRoot("inbox-py2");
    // Bodies as inbox wrote them (e.g. 001_rename_message_id_to_message_id_header.py,
    // 084_mutable_drafts.py, 180_migrate_event_descriptions.py). @lezer/python parses them as a
    // PrintStatement without any error node.
    const py2Bodies = [
      '    print "WARNING: This removes data about messages that do not contain a Message-Id header!"\n',
      "    print parent_drafts_ids\n",
      "    res = None\n    print 'Updated {} rows'.format(res.rowcount)\n",
    ];
    const py2Files: string[] = [];
    fixture.revisions.forEach((r, i) => {
      const body = i < py2Bodies.length ? py2Bodies[i] : undefined;
      const { name, text } = revisionFile(r, i, body);
      write(path.join(root, "versions", name), text);
      if (body) py2Files.push(path.join(root, "versions", name));
    });

    const result = analyze(root);
    assert.equal(result.sets.length, 1);
    assert.deepEqual(sorted((result.sets[0] as AnalyzedSet).graph.heads), sorted(fixture.heads), "heads");
    const flagged = new Set(result.findings.filter((f) => f.rule === "python-syntax-error").map((f) => f.file));
    const missed = py2Files.filter((f) => !flagged.has(f)).map((f) => path.basename(f));
    assert.deepEqual(missed, [], "files with a Python 2 print statement (SyntaxError on Python 3) but no python-syntax-error finding");
  });

  test("dispatch: script_location = dispatch:database/revisions/core from src/dispatch/alembic.ini is found", () => {
    const root = tempRoot("dispatch-layout");
    const pkg = path.join(root, "src", "dispatch");
    write(
      path.join(pkg, "alembic.ini"),
      "[alembic]\nfile_template = %%(year)d-%%(month).2d-%%(day).2d_%%(rev)s\n\n" +
        "[core]\nscript_location = dispatch:database/revisions/core\n\n[tenant]\nscript_location = dispatch:database/revisions/tenant\n",
    );
    write(path.join(pkg, "__init__.py"), "");
    const expected: Record<string, HistoryFixture> = { core: loadFixture("dispatch-core"), tenant: loadFixture("dispatch-tenant") };
    for (const [section, fixture] of Object.entries(expected)) {
      fixture.revisions.forEach((r, i) => {
        const { name, text } = revisionFile(r, i);
        write(path.join(pkg, "database", "revisions", section, "versions", name), text);
      });
    }

    const result = analyze(root);
    const errors = describeFindings(result, root, (s) => s === "error");
    assert.equal(errors, "", `error-severity findings (Alembic imports the dispatch package and finds src/dispatch/database/revisions/...):\n${errors}`);
    for (const [section, fixture] of Object.entries(expected)) {
      const set = result.sets.find((s) => s.spec.section === section);
      assert.equal(set && path.relative(root, set.spec.root), path.join("src", "dispatch", "database", "revisions", section), `[${section}] script folder`);
      assertMatchesFixture(set as AnalyzedSet, fixture, `dispatch [${section}]`);
    }
  });

  test("prefect: script_location = prefect:server:database:_migrations is split on every ':' as Alembic does, with the package above the ini", () => {
    const root = tempRoot("prefect-layout");
    const database = path.join(root, "src", "prefect", "server", "database");
    write(path.join(database, "alembic.ini"), "[alembic]\nscript_location = prefect:server:database:_migrations\npath_separator = os\n");
    write(path.join(root, "src", "prefect", "__init__.py"), "");
    write(path.join(database, "_migrations", "env.py"), "from alembic import context\n");
    for (const dialect of ["postgresql", "sqlite"]) {
      loadFixture(`prefect-${dialect}`).revisions.forEach((r, i) => {
        const { name, text } = revisionFile(r, i);
        write(path.join(database, "_migrations", "versions", dialect, name), text);
      });
    }

    const result = analyze(root);
    const configured = result.sets.find((s) => s.spec.configFile !== undefined);
    assert.equal(
      configured && path.relative(root, configured.spec.root),
      path.join("src", "prefect", "server", "database", "_migrations"),
      "Alembic: importlib.resources.files('prefect') / 'server' / 'database' / '_migrations'",
    );
    const errors = describeFindings(result, root, (s) => s === "error");
    assert.equal(errors, "", `error-severity findings Alembic would not raise:\n${errors}`);
  });
});
