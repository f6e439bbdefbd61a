import type { SyntaxNode, Tree } from "@lezer/common";
import { parser } from "@lezer/python";
import { bindModule } from "../../python/moduleBindings";
import type { ModuleFinder, ModuleSource } from "../../python/moduleFiles";
import type { PyValue } from "../../python/values";

/** A module of the project, parsed once, with its module-level bindings. */
export interface ParsedModule {
  readonly file: string;
  readonly text: string;
  readonly tree: Tree;
  readonly env: ReadonlyMap<string, PyValue>;
}

/** What an imported name is, as far as calling it is concerned. */
export type ImportedDefinition =
  | { readonly kind: "function"; readonly module: ParsedModule; readonly name: string }
  /** Bound in a way the reader cannot follow (an assignment, a star import, nothing visible). */
  | { readonly kind: "unreadable"; readonly module: ParsedModule; readonly name: string }
  /** A class, or a module: calling it changes no schema by itself. */
  | { readonly kind: "other" };

const MAX_REEXPORTS = 5;

/** Parses shared between readers that got the same source from one finder. */
const parses = new WeakMap<ModuleSource, ParsedModule>();

/**
 * The project's own Python modules, as one revision file's reading sees them: found through the
 * finder, parsed, never run. Remembers each module file read (and its text), so that the revision
 * can be read again when one of them changes.
 */
export class ProjectModules {
  /** Module files read, with the text they had. */
  readonly read = new Map<string, string>();

  constructor(private readonly finder: ModuleFinder) {}

  module(fromFile: string, dotted: string): ParsedModule | undefined {
    const source = this.finder.find(fromFile, dotted);
    if (!source) return undefined;
    this.read.set(source.file, source.text);
    let parsed = parses.get(source);
    if (!parsed) {
      const tree = parser.parse(source.text);
      const env = new Map<string, PyValue>();
      bindModule(tree.topNode, source.text, env);
      parsed = { file: source.file, text: source.text, tree, env };
      parses.set(source, parsed);
    }
    return parsed;
  }

  /** What `name` in module `dotted` (imported from `fromFile`) is; undefined when the module is not the project's. */
  definition(fromFile: string, dotted: string, name: string, hops = 0): ImportedDefinition | undefined {
    const module = this.module(fromFile, dotted);
    if (!module) {
      // `from pkg import utils` then `utils(...)`: a submodule is no function.
      return hops === 0 && this.module(fromFile, `${dotted}.${name}`) ? { kind: "other" } : undefined;
    }
    const statement = topLevelDefinition(module, name);
    if (statement?.name === "ClassDefinition") return { kind: "other" };
    if (statement) return { kind: "function", module, name };
    const value = module.env.get(name);
    const symbol = value?.kind === "unknown" ? value.symbol : undefined;
    if (symbol && hops < MAX_REEXPORTS) {
      if (symbol.name === undefined) return { kind: "other" };
      return this.definition(module.file, symbol.module, symbol.name, hops + 1) ?? { kind: "other" };
    }
    return { kind: "unreadable", module, name };
  }
}

/** The last module-level `def` or `class` of that name (module-level if / try bodies included). */
function topLevelDefinition(module: ParsedModule, name: string): SyntaxNode | undefined {
  let found: SyntaxNode | undefined;
  const visit = (container: SyntaxNode): void => {
    for (let statement = container.firstChild; statement; statement = statement.nextSibling) {
      const def = statement.name === "DecoratedStatement" ? (statement.getChild("FunctionDefinition") ?? statement.getChild("ClassDefinition")) : statement;
      const defName = def && (def.name === "FunctionDefinition" || def.name === "ClassDefinition") ? def.getChild("VariableName") : null;
      if (def && defName && module.text.slice(defName.from, defName.to) === name) found = def;
      else if (["IfStatement", "TryStatement", "WithStatement"].includes(statement.name)) for (const body of statement.getChildren("Body")) visit(body);
    }
  };
  visit(module.tree.topNode);
  return found;
}
