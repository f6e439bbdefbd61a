import * as path from "node:path";

/** A glob with the folder it is relative to: each settings layer's globs keep their own. */
export interface FolderGlob {
  readonly pattern: string;
  readonly folder: string;
}

/** Whether the file lies under the glob's folder and its path from there matches the pattern. */
export function matchesFolderGlob(file: string, glob: FolderGlob): boolean {
  const relative = path.relative(glob.folder, file);
  if (relative === "" || relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return false;
  return matchesGlob(relative, glob.pattern);
}

/** Matches a slash-separated relative path against a glob: `*`, `?`, `**` (any folders), `{a,b}`. */
function matchesGlob(relativePath: string, glob: string): boolean {
  return globToPattern(glob).test(relativePath.split("\\").join("/"));
}

function globToPattern(glob: string): RegExp {
  let pattern = "";
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === "*" && glob[i + 1] === "*") {
      pattern += glob[i + 2] === "/" ? "(?:.*/)?" : ".*";
      i += glob[i + 2] === "/" ? 2 : 1;
    } else if (c === "*") pattern += "[^/]*";
    else if (c === "?") pattern += "[^/]";
    else if (c === "{") {
      braces++;
      pattern += "(?:";
    } else if (c === "}" && braces > 0) {
      braces--;
      pattern += ")";
    } else if (c === "," && braces > 0) pattern += "|";
    else pattern += c.replace(/[.+^$()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${pattern}$`);
}
