import * as path from "node:path";
import { readRevisionFile, type RevisionFile } from "../alembic/revisionFile";
import { discoverMigrationSets, isInside, isRevisionFileName, listRevisionFiles } from "../discovery/findMigrationSets";
import type { MigrationSetSpec } from "../discovery/migrationSet";
import type { FileHost } from "../host";
import type { NotTextFile } from "./analyzedSet";
import { DEFAULT_OPTIONS, type AnalysisOptions } from "./analyzedSet";
import { analysisSteps, isRevision, type AnalysisResult, type SetInput } from "./analyzeSets";
import { runSteps, type Steps } from "../steps";
import { findConfigFile, type ConfigFileSettings } from "../config/configFile";
import { mergeSettings, type PartialSettings, type Settings } from "../config/settings";
import { matchesFolderGlob } from "../config/glob";
import { ImportedSymbolReader, namesImportedSymbols, withImportedSymbols } from "./importedSymbols";
import { readSqlMigration } from "../sqlMigrations/readSqlMigration";
import type { SqlDialect } from "../schema/sqlContract";
import type { Operation } from "../schema/operations";
import { sqlToOperations } from "../sql/sqlToOperations";
import { LineIndex } from "../text/lineIndex";
import type { BranchState } from "../git/branchState";
import { branchOfSet } from "./branchOfSet";
import { CachingModuleFinder, type ModuleFinder } from "../python/moduleFiles";
import { pythonRefusesByteAt } from "../python/undecodableBytes";
import { ProjectModules } from "../alembic/operations/projectModules";
import { declaredPackages } from "../discovery/declaredPackages";
import type { ParseCache } from "../cache/parseCache";
import { decodeReading, encodeReading, type CachedReading } from "../cache/revisionFileCodec";

/** What git must be asked for one set: where it is, its migration folders and its configured base. */
export interface BranchRequest {
  readonly spec: MigrationSetSpec;
  readonly folders: readonly string[];
  readonly base: string | undefined;
}

/** What a set needs besides its migration files, read at discovery and again when one changes. */
interface SetContext {
  readonly config: ConfigFileSettings | undefined;
  readonly env: { readonly path: string; readonly text: string } | undefined;
  readonly settings: Settings;
  readonly baseline: { readonly file: string; readonly operations: readonly Operation[] } | undefined;
  /** Python distributions the project's dependency files declare. */
  readonly declaredPackages: readonly string[];
}

/** A parsed migration and what it was parsed with, so it is parsed again only when one of those changes. */
interface Parsed {
  readonly file: RevisionFile;
  readonly key: string;
  /** The project's modules a revision's reading followed helpers into, with the text each had. */
  readonly modules?: ReadonlyMap<string, string>;
}

/** A set's readings in order, with where each slot's is and which name imported constants (relinked each analysis). */
interface ListedFiles {
  /** What decided which files are included. */
  readonly settings: Settings;
  readonly files: RevisionFile[];
  readonly at: Map<string, number>;
  /** Every slot of the set's listed paths, included or not. */
  readonly slots: Set<string>;
  readonly linked: Set<number>;
}

/**
 * Whether a set's reading counts as one of its migrations. Alembic imports every .py of a
 * configured version folder; a folder found without config is a guess, so there only files that
 * look like revisions count.
 */
function counts(spec: MigrationSetSpec, file: RevisionFile): boolean {
  return spec.configFile !== undefined || spec.sql !== undefined || isRevision(file);
}

/**
 * The migration sets under some folders, kept in memory between analyses: discovery runs when
 * asked, and a changed file is parsed again only when its text (or what it depends on: the
 * dialect, a SQL migration's predecessor and down file) changed.
 */
export class MigrationWorkspace {
  private specs: MigrationSetSpec[] = [];
  private readonly setFiles = new Map<MigrationSetSpec, string[]>();
  private readonly parsed = new Map<string, Parsed>();
  /** The slots whose reading followed helpers into other modules (few): only they are checked before each analysis. */
  private readonly followed = new Set<string>();
  /** Each set's readings as the last analysis listed them, patched as files are read again (see keep). */
  private readonly listed = new Map<MigrationSetSpec, ListedFiles>();
  /** Migration files that exist but are not text, by slot: the migration tool fails on them. */
  private readonly notText = new Map<string, NotTextFile>();
  /** Revisions read from the base's tree (see branchOfSet), by path. */
  private readonly baseParsed = new Map<string, { readonly key: string; readonly file: RevisionFile }>();
  /** Each listed migration file, with its sets (pop's generic files serve several). A SQL down file maps to its sets too. */
  private readonly owners = new Map<string, MigrationSetSpec[]>();
  private editorSettings: PartialSettings = {};
  private commandLineSettings: PartialSettings = {};
  private readonly contexts = new Map<MigrationSetSpec, SetContext>();
  private readonly roots: readonly string[];

  constructor(
    private readonly host: FileHost,
    roots: readonly string[],
    private readonly options: AnalysisOptions = DEFAULT_OPTIONS,
    /** Readings kept between runs; none by default. */
    private readonly cache?: ParseCache,
  ) {
    this.roots = roots.map((r) => path.resolve(r));
  }

  /** Finds the sets again (config or folders changed) and reads any file not read yet. */
  discover(): void {
    this.specs = discoverMigrationSets(this.host, this.roots);
    this.setFiles.clear();
    this.listed.clear();
    this.owners.clear();
    this.contexts.clear();
    for (const spec of this.specs) {
      this.contexts.set(spec, this.readContext(spec));
      const files = spec.sql ? spec.sql.migrations.map((m) => m.file) : listRevisionFiles(this.host, spec);
      this.setFiles.set(spec, files);
      for (const file of [...files, ...(spec.sql?.migrations ?? []).flatMap((m) => (m.downFile ? [m.downFile] : []))]) {
        this.owners.set(file, [...(this.owners.get(file) ?? []), spec]);
      }
      this.parseSet(spec);
    }
    const slots = new Set(this.specs.flatMap((spec) => (this.setFiles.get(spec) ?? []).map((f) => slotOf(spec, f))));
    for (const slot of [...this.parsed.keys()]) if (!slots.has(slot)) this.keep(slot, undefined);
    for (const slot of this.notText.keys()) if (!slots.has(slot)) this.notText.delete(slot);
  }

  /** The editor's `migrationLens.*` settings: they apply where the project's config file is silent. */
  setEditorSettings(settings: PartialSettings): void {
    this.editorSettings = settings;
    for (const spec of this.specs) {
      this.contexts.set(spec, this.readContext(spec));
      this.parseSet(spec);
    }
  }

  /** Options given on the command line: they win over the project's config file. */
  setCommandLineSettings(settings: PartialSettings): void {
    this.commandLineSettings = settings;
    for (const spec of this.specs) this.contexts.set(spec, this.readContext(spec));
  }

  /** Re-reads one file from the host; returns false when it concerns no known set. */
  refresh(file: string): boolean {
    const specs = this.owners.get(file);
    if (specs) {
      for (const spec of specs) this.parseSet(spec, file);
      return true;
    }
    let hit = this.refreshDependents((module) => module === file);
    for (const [candidate, context] of this.contexts) {
      const envPath = candidate.kind === "alembic" && candidate.configFile ? path.join(candidate.root, "env.py") : undefined;
      if (context.config?.file === file || envPath === file || context.settings.baseline === file) {
        this.contexts.set(candidate, this.readContext(candidate));
        this.parseSet(candidate);
        hit = true;
      }
    }
    return hit;
  }

  /** A migration file's newest reading (refreshed when its text changed), whatever analysis last ran. */
  readingOf(file: string): RevisionFile | undefined {
    const spec = this.owners.get(file)?.[0];
    return spec ? this.parsed.get(slotOf(spec, file))?.file : undefined;
  }

  /** Whether a file of this path would belong to a known Alembic set's version folders. */
  belongsToKnownSet(file: string): boolean {
    const folder = path.dirname(file);
    return isRevisionFileName(path.basename(file)) && this.specs.some((s) => !s.sql && s.versionLocations.some((l) => folder === l || (s.recursive && isInside(folder, l))));
  }

  /** A .py file appeared or vanished in a known version folder. */
  fileCreatedOrDeleted(file: string): void {
    for (const [spec, files] of this.setFiles) {
      if (spec.sql) continue;
      const folder = path.dirname(file);
      const inSet = spec.versionLocations.some((l) => folder === l || (spec.recursive && isInside(folder, l)));
      if (!inSet) continue;
      const exists = this.host.readFile(file) !== undefined || this.host.notText?.(file) !== undefined;
      const index = files.indexOf(file);
      if (exists && index < 0) files.push(file);
      if (!exists && index >= 0) files.splice(index, 1);
      this.listed.delete(spec);
      if (exists) this.owners.set(file, [spec]);
      else {
        this.owners.delete(file);
        this.keep(slotOf(spec, file), undefined);
        this.notText.delete(slotOf(spec, file));
      }
    }
    this.refresh(file);
  }

  isConfigFile(file: string): boolean {
    return this.specs.some((s) => s.configFile === file) || [...this.contexts.values()].some((c) => c.config?.file === file);
  }

  /** The dialects the sets' migrations are written in: the database parsers an analysis needs. */
  dialects(): SqlDialect[] {
    return this.specs.map((spec) => (this.contexts.get(spec) ?? this.readContext(spec)).settings.dialect);
  }

  /** For each set, what git must be asked before `analyze` can tell what the branch adds. */
  branchRequests(): BranchRequest[] {
    return this.specs.map((spec) => ({
      spec,
      // An Alembic set's script location holds env.py, which a branch may change too.
      folders: spec.sql ? [spec.root] : [...new Set([spec.root, ...spec.versionLocations])],
      base: (this.contexts.get(spec) ?? this.readContext(spec)).settings.base,
    }));
  }

  /** `branchOf`: what git says about each set (see branchRequests); without it every migration is judged. */
  analyze(branchOf?: (spec: MigrationSetSpec) => BranchState | undefined): AnalysisResult {
    return runSteps(this.analysis(branchOf));
  }

  /** analyze, in pieces (see Steps): the files as they are when it starts are the ones judged. */
  *analysis(branchOf?: (spec: MigrationSetSpec) => BranchState | undefined): Steps<AnalysisResult> {
    // Read afresh each analysis: the modules named by imports may have changed since.
    const reader = new ImportedSymbolReader(this.host);
    const current = new Map<string, string | undefined>();
    const text = (module: string): string | undefined => {
      if (!current.has(module)) current.set(module, this.host.readFile(module));
      return current.get(module);
    };
    this.refreshDependents((module, was) => text(module) !== was);
    const inputs: SetInput[] = this.specs.map((spec) => {
      const context = this.contexts.get(spec) ?? this.readContext(spec);
      const { config, settings } = context;
      const included = (file: string): boolean =>
        (settings.include.length === 0 || settings.include.some((g) => matchesFolderGlob(file, g))) && !settings.exclude.some((g) => matchesFolderGlob(file, g));
      const listed = this.listed.get(spec)?.settings === settings ? this.listed.get(spec)! : this.listFiles(spec, settings, included);
      // A copy: the list is patched in place as files are read again, and this analysis keeps its own.
      const files = listed.files.slice();
      for (const i of listed.linked) files[i] = withImportedSymbols(files[i]!, reader);
      const state = branchOf?.(spec);
      // Alembic loads every .py of a configured version folder; a folder found without config is a guess.
      const notText = this.notText.size > 0 && (spec.configFile !== undefined || spec.sql) ? this.notTextOf(spec, included) : [];
      return {
        spec,
        settings,
        files,
        ...(notText.length > 0 ? { notText } : {}),
        ...(state ? { branch: branchOfSet(this.host, spec, [...files, ...(context.env ? [context.env] : [])], state, (file, text) => this.parseBaseFile(file, text, settings.dialect, reader)) } : {}),
        configProblems: (config?.problems ?? []).map((p) => ({ rule: "invalid-config", severity: "error" as const, file: config!.file, range: p.range, message: p.message, related: [], fixes: [] })),
        env: context.env,
        baseline: context.baseline,
        declaredPackages: context.declaredPackages,
      };
    });
    // A folder found without config is a set only if it really holds revisions.
    return yield* analysisSteps(
      inputs.filter((i) => i.spec.configFile !== undefined || i.files.length > 0),
      { ...this.options, host: this.options.host ?? this.host, roots: this.roots },
    );
  }

  /** Keeps (or, undefined, forgets) a slot's reading. */
  private keep(slot: string, parsed: Parsed | undefined): void {
    if (parsed) this.parsed.set(slot, parsed);
    else this.parsed.delete(slot);
    if (parsed?.modules) this.followed.add(slot);
    else this.followed.delete(slot);
    for (const [spec, listed] of this.listed) {
      const i = listed.at.get(slot);
      // A file read again in its place: patched in. One that joins or leaves a list: listed again.
      if (i !== undefined && parsed && counts(spec, parsed.file)) {
        listed.files[i] = parsed.file;
        if (namesImportedSymbols(parsed.file)) listed.linked.add(i);
        else listed.linked.delete(i);
      } else if (i !== undefined || listed.slots.has(slot)) this.listed.delete(spec);
    }
  }

  /** A set's readings in its order, the files its settings include that count as migrations. */
  private listFiles(spec: MigrationSetSpec, settings: Settings, included: (file: string) => boolean): ListedFiles {
    const listed: ListedFiles = { settings, files: [], at: new Map(), slots: new Set(), linked: new Set() };
    const filtered = settings.include.length > 0 || settings.exclude.length > 0;
    for (const path of this.setFiles.get(spec) ?? []) {
      const slot = slotOf(spec, path);
      listed.slots.add(slot);
      if (filtered && !included(path)) continue;
      const file = this.parsed.get(slot)?.file;
      if (file === undefined || !counts(spec, file)) continue;
      listed.at.set(slot, listed.files.length);
      if (namesImportedSymbols(file)) listed.linked.add(listed.files.length);
      listed.files.push(file);
    }
    this.listed.set(spec, listed);
    return listed;
  }

  /** The set's files (and SQL down files) that are not text, in its order. */
  private notTextOf(spec: MigrationSetSpec, included: (file: string) => boolean): NotTextFile[] {
    const listed = [...(this.setFiles.get(spec) ?? []), ...(spec.sql?.migrations ?? []).flatMap((m) => (m.downFile ? [m.downFile] : []))];
    return listed.filter(included).flatMap((f) => this.notText.get(slotOf(spec, f)) ?? []);
  }

  /** Reads again the revisions whose helpers were read in a module that `changed`; true when there were some. */
  private refreshDependents(changed: (module: string, was: string) => boolean): boolean {
    // Most readings followed no helper: a plain loop, since this runs before every analysis.
    const stale = [...this.followed].filter((slot) => [...(this.parsed.get(slot)?.modules ?? [])].some(([module, was]) => changed(module, was)));
    for (const file of stale) for (const spec of this.owners.get(file) ?? []) this.parseSet(spec, file);
    return stale.length > 0;
  }

  private readContext(spec: MigrationSetSpec): SetContext {
    const config = findConfigFile(this.host, spec.configFile ? path.dirname(spec.configFile) : spec.root, this.roots);
    const envPath = spec.kind === "alembic" && spec.configFile ? path.join(spec.root, "env.py") : undefined;
    const envText = envPath === undefined ? undefined : this.host.readFile(envPath);
    // A SQL folder's own dialect (Prisma's lock file) beats the editor's; the project's config beats both.
    const ownDialect = spec.sql?.dialect ?? spec.dialect;
    const folderDialect: PartialSettings = ownDialect ? { dialect: ownDialect } : {};
    const settings = mergeSettings(this.editorSettings, folderDialect, { ...(config?.settings ?? {}), configFile: config?.file }, this.commandLineSettings);
    const env = envPath !== undefined && envText !== undefined ? { path: envPath, text: envText } : undefined;
    const packages = declaredPackages(this.host, spec.configFile ? path.dirname(spec.configFile) : spec.root, this.roots);
    return { config, env, settings, baseline: this.readBaseline(settings), declaredPackages: packages };
  }

  private readBaseline(settings: Settings): SetContext["baseline"] {
    if (!settings.baseline) return undefined;
    const text = this.host.readFile(settings.baseline);
    if (text === undefined) return undefined;
    const lines = new LineIndex(text);
    const { operations } = sqlToOperations(text, { dialect: settings.dialect, at: (from, to) => lines.range(from, to) });
    return { file: settings.baseline, operations };
  }

  /** Parses a set's migrations (or just one of them) where the text or its inputs changed. */
  private parseSet(spec: MigrationSetSpec, only?: string): void {
    const dialect = this.contexts.get(spec)?.settings.dialect ?? "postgresql";
    if (!spec.sql) {
      const finder = new CachingModuleFinder(this.host);
      for (const file of this.setFiles.get(spec) ?? []) if (only === undefined || only === file) this.parsePython(spec, file, dialect, finder);
      return;
    }
    spec.sql.migrations.forEach((migration, index) => {
      if (only !== undefined && only !== migration.file && only !== migration.downFile) return;
      const text = this.host.readFile(migration.file);
      const downText = migration.downFile ? this.host.readFile(migration.downFile) : undefined;
      this.noteText(spec, migration.file, text);
      if (migration.downFile) this.noteText(spec, migration.downFile, downText);
      // A migration that is not text keeps its place in the version order; its statements are unknown.
      const notText = text === undefined && this.notText.has(slotOf(spec, migration.file)) ? "the file is not text (it holds a NUL byte): its statements are not read" : undefined;
      if (text === undefined && !notText) {
        this.keep(slotOf(spec, migration.file), undefined);
        return;
      }
      const previous = spec.sql!.migrations[index - 1]?.id;
      const key = `${dialect}\u0000${previous ?? ""}\u0000${text ?? notText}\u0000${downText ?? ""}`;
      if (this.parsed.get(slotOf(spec, migration.file))?.key === key) return;
      const input = {
        id: migration.id,
        name: migration.name,
        version: migration.version,
        file: migration.file,
        text: text ?? "",
        ...(notText ? { notText } : {}),
        previous,
        down: migration.downFile ? { file: migration.downFile, text: downText } : undefined,
        dialect,
        ...(spec.sql!.unsupported ? { unsupported: spec.sql!.unsupported } : {}),
      };
      const { file } = this.cached(`sql\u0000${JSON.stringify(input)}`, migration.file, text ?? "", () => ({ file: readSqlMigration(input) }));
      this.keep(slotOf(spec, migration.file), { file, key });
    });
  }

  /** A revision as the base has it (not in the work tree), read like the others and kept while its text is the same. */
  private parseBaseFile(file: string, text: string, dialect: SqlDialect, reader: ImportedSymbolReader): RevisionFile {
    const key = `${dialect}\u0000${text}`;
    let parsed = this.baseParsed.get(file);
    if (parsed?.key !== key) {
      parsed = { key, file: readGuarded(file, text, dialect, new ProjectModules(new CachingModuleFinder(this.host))) };
      this.baseParsed.set(file, parsed);
    }
    return withImportedSymbols(parsed.file, reader);
  }

  /**
   * Asks the host why a migration file is not text: one it could not read, or (SQL, which
   * the database takes as UTF-8) one with bytes that are not UTF-8. CPython 3.11 lets such bytes
   * pass in comments, so a .py file is asked only when it could not be read.
   */
  private noteText(spec: MigrationSetSpec, file: string, text: string | undefined): void {
    const ask = text === undefined || text.includes("\uFFFD");
    const notText = ask ? this.host.notText?.(file) : undefined;
    // Python decodes a revision file as UTF-8 except inside comments.
    const refused = spec.sql !== undefined || text === undefined || (notText?.textOffset !== undefined && pythonRefusesByteAt(text, notText.textOffset));
    if (notText && refused) this.notText.set(slotOf(spec, file), { file, notText });
    else this.notText.delete(slotOf(spec, file));
  }

  private parsePython(spec: MigrationSetSpec, file: string, dialect: SqlDialect, finder: ModuleFinder): void {
    const text = this.host.readFile(file);
    this.noteText(spec, file, text);
    if (text === undefined) {
      this.keep(file, undefined);
      return;
    }
    const key = `${dialect}\u0000${text}`;
    const previous = this.parsed.get(file);
    if (previous?.key === key && [...(previous.modules ?? [])].every(([module, was]) => this.host.readFile(module) === was)) return;
    const reading = this.cached(`python\u0000${dialect}\u0000${file}\u0000${text}`, file, text, () => {
      const modules = new ProjectModules(finder);
      const revision = readGuarded(file, text, dialect, modules);
      return { file: revision, ...(modules.read.size > 0 ? { modules: modules.read } : {}) };
    });
    this.keep(file, { ...reading, key });
  }

  /**
   * A file's reading from the cache when one was kept for the same inputs (and the helper modules
   * it followed still read the same), else read now and kept.
   */
  private cached(key: string, file: string, text: string, read: () => CachedReading): CachedReading {
    const kept = this.cache?.read(key);
    const reading = kept === undefined ? undefined : decodeReading(kept, file, text);
    if (reading && [...(reading.modules ?? [])].every(([module, was]) => this.host.readFile(module) === was)) return reading;
    const fresh = read();
    this.cache?.write(key, encodeReading(fresh), file);
    return fresh;
  }
}

/**
 * Where a parsed migration is kept: a SQL migration is read per set (its predecessor and dialect
 * depend on the set: pop's generic files belong to one set per database).
 */
function slotOf(spec: MigrationSetSpec, file: string): string {
  return spec.sql ? `${file}\u0000${spec.root}\u0000${spec.sql.variant ?? ""}` : file;
}

/**
 * A failure while reading one file's operations must not take the whole analysis down: the
 * header is still read, and the operations become one `unknown` that says what happened.
 */
function readGuarded(file: string, text: string, dialect: SqlDialect, modules: ProjectModules): RevisionFile {
  try {
    return readRevisionFile(file, text, { dialect, modules });
  } catch (error) {
    const header = readRevisionFile(file, text);
    const range = header.revision?.statement ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const reason = `its operations could not be read (internal error: ${error instanceof Error ? error.message : String(error)})`;
    const block = { present: true, operations: [{ kind: "unknown" as const, reason, range }], problems: [] };
    return { ...header, upgrade: block, downgrade: block };
  }
}
