import { parser } from "@lezer/python";
import type { AnalyzedSet } from "../analysis/analyzedSet";
import type { RevisionFile } from "../alembic/revisionFile";
import { KNOWN_FRAMEWORKS } from "./knownFrameworks";
import type { ProvidedTable } from "./toolTables";

/**
 * The tables of known frameworks the project installs: declared in its dependency files, or
 * imported by its env.py or migrations (Superset's revisions import Flask-AppBuilder's models).
 */
export function frameworkTables(set: AnalyzedSet): ProvidedTable[] {
  let tables = found.get(set);
  if (!tables) found.set(set, (tables = findFrameworkTables(set)));
  return tables;
}

/** Per analysed set: hovers replay the schema often, the files do not change in between. */
const found = new WeakMap<AnalyzedSet, ProvidedTable[]>();

function findFrameworkTables(set: AnalyzedSet): ProvidedTable[] {
  const declared = new Set(set.declaredPackages ?? []);
  // One pass over the history, not one per module: the files whose text names each module at all.
  const naming = new Map<string, RevisionFile[]>();
  if (!set.spec.sql) {
    for (const file of set.files) {
      for (const module of modulesNamedIn(file)) naming.set(module, [...(naming.get(module) ?? []), file]);
    }
  }
  const imports = (module: string): boolean => (set.env !== undefined && importsModule(set.env.text, module)) || (naming.get(module) ?? []).some((file) => fileImports(file, module));
  return KNOWN_FRAMEWORKS.filter((framework) => framework.packages.some((p) => declared.has(p)) || framework.modules.some(imports)).flatMap((framework) =>
    framework.tables.map((name) => ({ name, by: framework.name })),
  );
}

const KNOWN_MODULES = [...new Set(KNOWN_FRAMEWORKS.flatMap((framework) => framework.modules))];
const NONE: readonly string[] = [];

/** Per reading of a file: the known frameworks' modules its text names anywhere (most name none). */
const namedByFile = new WeakMap<RevisionFile, readonly string[]>();

function modulesNamedIn(file: RevisionFile): readonly string[] {
  let named = namedByFile.get(file);
  if (!named) {
    named = KNOWN_MODULES.filter((module) => file.text.includes(module));
    namedByFile.set(file, named.length > 0 ? named : NONE);
  }
  return named;
}

/** Per reading of a file, by module: an edit reads one file afresh, and the rest of a long history is not searched again. */
const importedByFile = new WeakMap<RevisionFile, Map<string, boolean>>();

function fileImports(file: RevisionFile, module: string): boolean {
  let imported = importedByFile.get(file);
  if (!imported) importedByFile.set(file, (imported = new Map()));
  let found = imported.get(module);
  if (found === undefined) imported.set(module, (found = importsModule(file.text, module)));
  return found;
}

/** Whether Python source imports the top-level module (`import m`, `import m.x`, `from m.x import y`). */
function importsModule(text: string, module: string): boolean {
  // Parsing is the costly part: only files that name the module at all are parsed.
  if (!text.includes(module)) return false;
  let found = false;
  parser.parse(text).iterate({
    enter: (ref) => {
      if (found) return false;
      if (ref.name !== "ImportStatement") return undefined;
      for (let child = ref.node.firstChild; child; child = child.nextSibling) {
        const before = child.prevSibling?.name;
        if (child.name === "VariableName" && (before === "from" || before === "import" || before === ",") && text.slice(child.from, child.to) === module) found = true;
        // In `from a import b`, the names after `import` are not modules.
        if (child.name === "import" && ref.node.firstChild?.name === "from") break;
      }
      return false;
    },
  });
  return found;
}
