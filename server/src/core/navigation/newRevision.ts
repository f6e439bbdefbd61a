import { randomUUID } from "node:crypto";
import * as path from "node:path";
import type { AnalyzedSet } from "../analysis/analyzedSet";
import { readAlembicOptions } from "../alembic/alembicOptions";
import { alembicDate, newRevisionFileName } from "../alembic/newRevisionFile";
import { readRevisionFile } from "../alembic/revisionFile";
import { renderRevisionFile } from "../alembic/revisionTemplate";
import { renderMako } from "../alembic/mako/template";
import { PyFunction, PyObject, PySeq, pyStr, Unsupported, type PyValue } from "../alembic/mako/values";
import type { MigrationSetSpec } from "../discovery/migrationSet";
import type { FileHost } from "../host";

export interface NewRevisionInput {
  readonly message: string;
  /** The down_revision: one head for a new revision, every head for a merge, none for a new base. */
  readonly parents: readonly string[];
}

/** What a set's `alembic revision` would read besides the graph: its script.py.mako and config options. */
export interface TemplateSource {
  readonly template: { readonly file: string; readonly text: string } | undefined;
  readonly options: ReadonlyMap<string, string>;
}

export interface NewRevisionFile {
  readonly id: string;
  readonly file: string;
  readonly text: string;
  readonly revisionLine: number;
  /** The script.py.mako used; undefined when Alembic's default layout was written instead. */
  readonly template: string | undefined;
  /** Why the set's template was not used, when it was not. */
  readonly fallbackReason: string | undefined;
}

export function readTemplateSource(host: FileHost, spec: MigrationSetSpec): TemplateSource {
  // A set found without config has the version folder as root; its template would sit beside it.
  const candidates = [path.join(spec.root, "script.py.mako"), ...(spec.configFile ? [] : [path.join(path.dirname(spec.root), "script.py.mako")])];
  for (const file of candidates) {
    const text = host.readFile(file);
    if (text !== undefined) return { template: { file, text }, options: readAlembicOptions(host, spec) };
  }
  return { template: undefined, options: readAlembicOptions(host, spec) };
}

/** Alembic's `rev_id()`: the last 12 hex digits of a random UUID. */
export function alembicRevisionId(): string {
  return randomUUID().replace(/-/g, "").slice(-12);
}

/**
 * The file `alembic revision -m message` would write: the set's script.py.mako rendered as Mako
 * would, named by `file_template`, in the version folder Alembic picks. A template this
 * renderer cannot follow, or whose output does not read back with the right id and parents,
 * gives Alembic's default layout instead.
 */
export function renderNewRevision(set: AnalyzedSet, input: NewRevisionInput, now: Date, source: TemplateSource, newId: () => string = alembicRevisionId): NewRevisionFile {
  const graph = set.graph;
  let id = newId();
  for (let i = 0; i < 100 && graph.resolve(id) !== undefined; i++) id = newId();
  const parents = input.parents.map((p) => graph.resolve(p) ?? p);
  const option = (key: string): string | undefined => source.options.get(key) || undefined;
  const date = alembicDate(now, option("timezone"));
  const message = input.message.trim();

  let name: string;
  try {
    name = newRevisionFileName({ id, message, date, fileTemplate: option("file_template"), truncateSlugLength: Number(option("truncate_slug_length") ?? 40) });
  } catch {
    name = newRevisionFileName({ id, message, date });
  }
  const locations = set.spec.versionLocations;
  const parentFile = graph.nodes.get(parents[0] ?? "")?.file.path;
  // As Alembic: with several version locations the first head's folder, else the only one.
  const folder = locations.length > 1 && parentFile ? path.dirname(parentFile) : (locations[0] ?? set.spec.root);
  const file = path.join(folder, name);

  let fallbackReason: string | undefined = source.template ? undefined : "the set has no script.py.mako";
  if (source.template) {
    try {
      const text = renderMako(source.template.text, templateVariables(id, parents, message, date.text, source.options));
      const problem = readBackProblem(file, text, id, parents);
      if (!problem) return { id, file, text, revisionLine: revisionLineOf(file, text), template: source.template.file, fallbackReason };
      fallbackReason = problem;
    } catch (error) {
      fallbackReason = `script.py.mako uses ${error instanceof Unsupported ? error.message : "something this renderer does not follow"}`;
    }
  }
  const text = renderRevisionFile({ id, message: message || "empty message", downRevisions: parents, createDate: date.text });
  return { id, file, text, revisionLine: revisionLineOf(file, text), template: undefined, fallbackReason };
}

/** The names Alembic's `generate_revision` gives the template (`imports`, `upgrades`... stay undefined, as for a plain `alembic revision`). */
function templateVariables(id: string, parents: readonly string[], message: string, createDate: string, options: ReadonlyMap<string, string>): Record<string, PyValue> {
  const variables: Record<string, PyValue> = {
    up_revision: id,
    // Alembic's tuple_rev_as_scalar: None, one id, or a tuple.
    down_revision: parents.length === 0 ? null : parents.length === 1 ? (parents[0] as string) : new PySeq(parents),
    branch_labels: null,
    depends_on: null,
    create_date: new PyObject({}, createDate),
    message: message || "empty message",
    comma: new PyFunction("comma", ([v]) => (v === null || v === undefined ? "" : v instanceof PySeq ? v.items.map(pyStr).join(", ") : pyStr(v))),
    config: new PyObject({
      get_main_option: new PyFunction("get_main_option", ([key, fallback]) => options.get(pyStr(key ?? "")) ?? fallback ?? null),
    }),
    re: new PyObject({
      split: new PyFunction("split", ([pattern, text]) => {
        if (typeof pattern !== "string" || typeof text !== "string") throw new Unsupported("re.split on something that is not text");
        return new PySeq(text.split(new RegExp(pattern, "u")), true);
      }),
    }),
  };
  variables.context = new PyObject({ get: new PyFunction("get", ([key, fallback]) => variables[pyStr(key ?? "")] ?? fallback ?? null) });
  return variables;
}

function readBackProblem(file: string, text: string, id: string, parents: readonly string[]): string | undefined {
  const parsed = readRevisionFile(file, text);
  if (parsed.syntaxError) return "the rendered script.py.mako is not valid Python";
  if (parsed.revision?.id !== id) return "the rendered script.py.mako does not assign the new revision id";
  const down = parsed.downRevision;
  const written = down?.refs.map((r) => r.id) ?? [];
  if (!down || written.length !== parents.length || written.some((p, i) => p !== parents[i])) return "the rendered script.py.mako does not assign the requested down_revision";
  return undefined;
}

function revisionLineOf(file: string, text: string): number {
  return readRevisionFile(file, text).revision?.statement.start.line ?? 0;
}
