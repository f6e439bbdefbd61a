import type { Range } from "../model/positions";

/** A problem in a configuration file that keeps a migration set from being read as configured. */
export interface ConfigProblem {
  readonly file: string;
  readonly range: Range;
  readonly message: string;
}

/** Where one Alembic environment keeps its revision files. */
export interface MigrationSetSpec {
  readonly kind: "alembic";
  /** The script location (the folder with env.py), or the revision folder itself when found without config. */
  readonly root: string;
  /** alembic.ini or pyproject.toml, when the set comes from one. */
  readonly configFile: string | undefined;
  /** The INI section the set was read from (`alembic` unless the file holds several). */
  readonly section: string | undefined;
  readonly versionLocations: readonly string[];
  /** Alembic's `recursive_version_locations`: revision files in subfolders count too. */
  readonly recursive: boolean;
  readonly problems: readonly ConfigProblem[];
}
