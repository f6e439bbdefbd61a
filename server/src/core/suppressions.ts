import type { Tree } from "@lezer/common";
import type { LineIndex } from "./text/lineIndex";

/**
 * `# migration-lens: disable=rule-a, rule-b` silences those rules on the next line (or on its own
 * line when it trails code); `# migration-lens: disable-file=rule` silences them in the whole file.
 */
export interface Suppressions {
  readonly fileRules: ReadonlySet<string>;
  readonly lineRules: ReadonlyMap<number, ReadonlySet<string>>;
}

export const NO_SUPPRESSIONS: Suppressions = { fileRules: new Set(), lineRules: new Map() };

/** The text of a comment without its `#` / `--` marker. */
const DIRECTIVE = /^migration-lens:\s*(disable|disable-file)\s*=\s*([\w\s,-]+)$/;

export function readSuppressions(tree: Tree, text: string, lines: LineIndex): Suppressions {
  const fileRules = new Set<string>();
  const lineRules = new Map<number, Set<string>>();
  tree.iterate({
    enter(node) {
      if (node.name === "Comment") parseSuppressionComment(text.slice(node.from + 1, node.to).trim(), node.from, lines, fileRules, lineRules);
    },
  });
  return suppressionsOf(fileRules, lineRules);
}

/** A file without directives shares NO_SUPPRESSIONS: two empty collections per file add up over thousands of files. */
export function suppressionsOf(fileRules: ReadonlySet<string>, lineRules: ReadonlyMap<number, ReadonlySet<string>>): Suppressions {
  return fileRules.size === 0 && lineRules.size === 0 ? NO_SUPPRESSIONS : { fileRules, lineRules };
}

/** Records one comment's directive, if it is one; `at` is where the comment starts. */
export function parseSuppressionComment(body: string, at: number, lines: LineIndex, fileRules: Set<string>, lineRules: Map<number, Set<string>>): void {
  const directive = DIRECTIVE.exec(body);
  if (!directive) return;
  const rules = (directive[2] ?? "").split(/[\s,]+/).filter(Boolean);
  if (directive[1] === "disable-file") {
    rules.forEach((r) => fileRules.add(r));
    return;
  }
  const position = lines.position(at);
  const standsAlone = lines.lineText(position.line).slice(0, position.character).trim() === "";
  const target = standsAlone ? position.line + 1 : position.line;
  const set = lineRules.get(target) ?? new Set<string>();
  rules.forEach((r) => set.add(r));
  lineRules.set(target, set);
}

export function isSuppressed(suppressions: Suppressions, rule: string, line: number): boolean {
  return suppressions.fileRules.has(rule) || (suppressions.lineRules.get(line)?.has(rule) ?? false);
}
