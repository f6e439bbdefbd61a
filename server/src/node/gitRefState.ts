import * as fs from "node:fs";
import * as path from "node:path";
import type { GitQuestions } from "../core/git/recordingGitHost";
import { findGitFolder } from "./gitFolder";
import { readTextFile } from "./readTextFile";

/** The folders git tries a short ref name in, in its own order (git rev-parse's rules). */
const RULES = ["", "refs/", "refs/tags/", "refs/heads/", "refs/remotes/"];
/** What a ref may be for its answer to be told from the ref files: a name or an id, no `~`, `^`, `@{…}` or `:`. */
const PLAIN_REF = /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/;
const MAX_SYMBOLIC_DEPTH = 5;

/**
 * Everything that decides what the asked refs point at, read from the repository's files without
 * running git: which repository holds the folder, HEAD, packed-refs, the shallow and graft lists,
 * and each loose ref git would try for every name (following symbolic refs). The same text means
 * the same answers, as commits never change. Undefined when the answers cannot be told this way
 * (a ref with `~` or `@{…}`, a reftable repository): then nothing is reused.
 */
export function gitRefState(questions: GitQuestions): string | undefined {
  const found = findGitFolder(questions.start);
  if (!found) return "no repository";
  const { gitDir, commonDir } = found;
  if (fs.existsSync(path.join(commonDir, "reftable"))) return undefined;
  const parts: string[] = [found.root, gitDir, commonDir];
  const seen = new Set<string>();
  const read = (file: string): string | undefined => {
    if (seen.has(file)) return undefined;
    seen.add(file);
    const text = readTextFile(file);
    parts.push(file, text ?? "\u0000absent");
    return text;
  };
  for (const shared of ["packed-refs", "shallow", "info/grafts"]) read(path.join(commonDir, shared));
  const loose = (name: string, depth: number): void => {
    for (const folder of gitDir === commonDir ? [gitDir] : [gitDir, commonDir]) {
      const text = read(path.join(folder, name))?.trim();
      if (text?.startsWith("ref:") && depth < MAX_SYMBOLIC_DEPTH) loose(text.slice(4).trim(), depth + 1);
    }
  };
  for (const ref of questions.refs) {
    if (!PLAIN_REF.test(ref) || ref.includes("..")) return undefined;
    for (const rule of RULES) loose(rule + ref, 0);
    loose(`refs/remotes/${ref}/HEAD`, 0);
  }
  return parts.join("\u0000");
}
