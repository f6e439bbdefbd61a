import type { DirectoryEntry, FileHost } from "../../server/src/core/host";

/** A file system in memory: paths to file contents. */
export function memoryHost(files: Record<string, string>): FileHost {
  return {
    readFile: (file) => files[file],
    readDirectory: (folder): DirectoryEntry[] | undefined => {
      const prefix = `${folder}/`;
      const names = new Map<string, boolean>();
      for (const file of Object.keys(files)) {
        if (!file.startsWith(prefix)) continue;
        const rest = file.slice(prefix.length);
        const slash = rest.indexOf("/");
        names.set(slash < 0 ? rest : rest.slice(0, slash), slash >= 0);
      }
      return names.size === 0 ? undefined : [...names].sort().map(([name, isDirectory]) => ({ name, isDirectory }));
    },
  };
}
