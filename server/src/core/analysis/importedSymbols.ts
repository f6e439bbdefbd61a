import { parser } from "@lezer/python";
import type { HeaderValue, IdRef, RevisionFile } from "../alembic/revisionFile";
import type { FileHost } from "../host";
import { bindModule } from "../python/moduleBindings";
import { findModuleFile } from "../python/moduleFiles";
import type { ModuleSymbol, PyValue } from "../python/values";

const MAX_HOPS = 5;

/**
 * Reads constants of other modules by their source, never by running them: `from
 * neutron.db.migration import cli` then `cli.EXPAND_BRANCH` finds neutron/db/migration/cli.py in
 * a folder above the revision file and evaluates its literal module-level assignments.
 */
export class ImportedSymbolReader {
  private readonly modules = new Map<string, Map<string, PyValue> | undefined>();

  constructor(private readonly host: FileHost) {}

  /** The value of `symbol` as seen from `fromFile`, when its module is found and the value is literal. */
  read(fromFile: string, symbol: ModuleSymbol, hops = 0): { value: PyValue; file: string } | undefined {
    if (symbol.name === undefined || hops > MAX_HOPS) return undefined;
    const moduleFile = findModuleFile(this.host, fromFile, symbol.module)?.file;
    const env = moduleFile === undefined ? undefined : this.environment(moduleFile);
    const value = env?.get(symbol.name);
    if (!moduleFile || !value) return undefined;
    if (value.kind === "unknown" && value.symbol) return this.read(moduleFile, value.symbol, hops + 1);
    return { value, file: moduleFile };
  }

  private environment(file: string): Map<string, PyValue> | undefined {
    if (!this.modules.has(file)) {
      const text = this.host.readFile(file);
      let env: Map<string, PyValue> | undefined;
      if (text !== undefined) {
        env = new Map();
        bindModule(parser.parse(text).topNode, text, env);
      }
      this.modules.set(file, env);
    }
    return this.modules.get(file);
  }
}

/** The file with every imported constant in its header replaced by its value, where it can be read. */
export function withImportedSymbols(file: RevisionFile, reader: ImportedSymbolReader): RevisionFile {
  if (!namesImportedSymbols(file)) return file;
  const link = (header: HeaderValue | undefined): HeaderValue | undefined => {
    if (!header || header.symbols.length === 0) return header;
    const refs: IdRef[] = [...header.refs];
    const resolved = new Set<string>();
    for (const symbol of header.symbols) {
      const found = reader.read(file.path, symbol);
      const strings = found && flattenStrings(found.value);
      if (!strings) continue;
      strings.forEach((id) => refs.push({ id, range: symbol.range }));
      resolved.add(JSON.stringify(symbol.range));
    }
    if (resolved.size === 0) return header;
    return {
      ...header,
      refs,
      unknown: header.unknown.filter((r) => !resolved.has(JSON.stringify(r))),
      symbols: header.symbols.filter((s) => !resolved.has(JSON.stringify(s.range))),
    };
  };
  const downRevision = link(file.downRevision);
  const dependsOn = link(file.dependsOn);
  const branchLabels = link(file.branchLabels);
  if (downRevision === file.downRevision && dependsOn === file.dependsOn && branchLabels === file.branchLabels) return file;
  return { ...file, downRevision, dependsOn, branchLabels };
}

/** Whether a header names an imported constant (nearly every file names its parents by literal ids). */
export function namesImportedSymbols(file: RevisionFile): boolean {
  return (file.downRevision?.symbols.length ?? 0) > 0 || (file.dependsOn?.symbols.length ?? 0) > 0 || (file.branchLabels?.symbols.length ?? 0) > 0;
}

/** A literal string, None, or a tuple of them, as a list of ids; undefined for anything else. */
function flattenStrings(value: PyValue): string[] | undefined {
  if (value.kind === "none") return [];
  if (value.kind === "str") return value.value === "" ? [] : [value.value];
  if (value.kind === "seq") {
    const parts = value.items.map(flattenStrings);
    return parts.every((p) => p !== undefined) ? parts.flat() as string[] : undefined;
  }
  return undefined;
}
