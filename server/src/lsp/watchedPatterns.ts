import * as path from "node:path";
import { CONFIG_FILE_NAME } from "../core/config/configFile";

/**
 * The files on disk whose changes the analysis must see: revision files and SQL migrations, the
 * configuration read at discovery, and git's refs (a commit, checkout or fetch changes what the
 * branch adds). One list, as globs for clients that watch for the server and as a test for the
 * server's own watcher.
 */
const PATTERNS: readonly { readonly glob: string; readonly matches: (name: string, parents: readonly string[]) => boolean }[] = [
  { glob: "**/*.py", matches: (name) => name.endsWith(".py") },
  { glob: "**/*.ini", matches: (name) => name.endsWith(".ini") },
  { glob: "**/pyproject.toml", matches: (name) => name === "pyproject.toml" },
  { glob: `**/${CONFIG_FILE_NAME}`, matches: (name) => name === CONFIG_FILE_NAME },
  { glob: "**/*.sql", matches: (name) => name.endsWith(".sql") },
  // Flyway's script configuration (executeInTransaction) is read at discovery.
  { glob: "**/*.sql.conf", matches: (name) => name.endsWith(".sql.conf") },
  {
    glob: "**/.git/{HEAD,packed-refs,refs/**}",
    matches: (name, parents) => {
      const git = parents.lastIndexOf(".git");
      return git >= 0 && (git === parents.length - 1 ? name === "HEAD" || name === "packed-refs" : parents[git + 1] === "refs");
    },
  },
];

export const WATCHED_GLOBS: readonly string[] = PATTERNS.map((p) => p.glob);

/** Whether a changed file is one the globs name (a path given with the platform's separators). */
export function isWatchedFile(file: string): boolean {
  const parents = path.dirname(file).split(path.sep);
  const name = path.basename(file);
  return PATTERNS.some((p) => p.matches(name, parents));
}
