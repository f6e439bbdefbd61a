import * as path from "node:path";
import { readRevisionFile, type RevisionFile } from "../alembic/revisionFile";
import { discoverMigrationSets, isInside, isRevisionFileName, listRevisionFiles } from "../discovery/findMigrationSets";
import type { MigrationSetSpec } from "../discovery/migrationSet";
import type { FileHost } from "../host";
import { DEFAULT_OPTIONS, type AnalysisOptions } from "./analyzedSet";
import { analyzeSets, isRevision, type AnalysisResult } from "./analyzeSets";
import { ImportedSymbolReader, withImportedSymbols } from "./importedSymbols";

/**
 * The migration sets under some folders, kept in memory between analyses: discovery runs when
 * asked, and a changed file is parsed again only when its text changed.
 */
export class MigrationWorkspace {
  private specs: MigrationSetSpec[] = [];
  private readonly setFiles = new Map<MigrationSetSpec, string[]>();
  private readonly parsed = new Map<string, RevisionFile>();
  private readonly listed = new Set<string>();

  private readonly roots: readonly string[];

  constructor(
    private readonly host: FileHost,
    roots: readonly string[],
    private readonly options: AnalysisOptions = DEFAULT_OPTIONS,
  ) {
    this.roots = roots.map((r) => path.resolve(r));
  }

  /** Finds the sets again (config or folders changed) and reads any file not read yet. */
  discover(): void {
    this.specs = discoverMigrationSets(this.host, this.roots);
    this.setFiles.clear();
    this.listed.clear();
    for (const spec of this.specs) {
      const files = listRevisionFiles(this.host, spec);
      this.setFiles.set(spec, files);
      for (const file of files) {
        this.listed.add(file);
        this.refresh(file);
      }
    }
    for (const file of this.parsed.keys()) if (!this.listed.has(file)) this.parsed.delete(file);
  }

  /** Re-reads one file from the host; returns false when it is not part of any known set. */
  refresh(file: string): boolean {
    if (!this.listed.has(file)) return false;
    const text = this.host.readFile(file);
    if (text === undefined) {
      this.parsed.delete(file);
      return true;
    }
    if (this.parsed.get(file)?.text === text) return true;
    this.parsed.set(file, readRevisionFile(file, text));
    return true;
  }

  /** Whether a file of this path would belong to a known set's version folders. */
  belongsToKnownSet(file: string): boolean {
    const folder = path.dirname(file);
    return (
      isRevisionFileName(path.basename(file)) &&
      this.specs.some((s) => s.versionLocations.some((l) => folder === l || (s.recursive && isInside(folder, l))))
    );
  }

  /** A file appeared or vanished in a known version folder. */
  fileCreatedOrDeleted(file: string): void {
    for (const [spec, files] of this.setFiles) {
      const folder = path.dirname(file);
      const inSet = spec.versionLocations.some((l) => folder === l || (spec.recursive && isInside(folder, l)));
      if (!inSet) continue;
      const exists = this.host.readFile(file) !== undefined;
      const index = files.indexOf(file);
      if (exists && index < 0) files.push(file);
      if (!exists && index >= 0) files.splice(index, 1);
      if (exists) this.listed.add(file);
    }
    this.refresh(file);
  }

  isConfigFile(file: string): boolean {
    return this.specs.some((s) => s.configFile === file);
  }

  analyze(): AnalysisResult {
    // Read afresh each analysis: the modules named by imports may have changed since.
    const reader = new ImportedSymbolReader(this.host);
    const inputs = this.specs.map((spec) => ({
      spec,
      files: (this.setFiles.get(spec) ?? [])
        .map((f) => this.parsed.get(f))
        // Alembic imports every .py of a configured version folder; a folder found without config
        // is a guess, so there only files that look like revisions count.
        .filter((f): f is RevisionFile => f !== undefined && (spec.configFile !== undefined || isRevision(f)))
        .map((f) => withImportedSymbols(f, reader)),
    }));
    // A folder found without config is a set only if it really holds revisions.
    return analyzeSets(inputs.filter((i) => i.spec.configFile !== undefined || i.files.length > 0), this.options);
  }
}
