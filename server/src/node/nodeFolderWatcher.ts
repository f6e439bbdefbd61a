import * as fs from "node:fs";
import * as path from "node:path";
import { isSkippedFolder } from "../core/discovery/findMigrationSets";
import type { FileChange, FolderWatcher } from "../lsp/folderWatcher";

/** A burst (a checkout, `alembic merge`, an editor's save-by-rename) arrives as one batch after this quiet time. */
const QUIET_MS = 50;
/** As deep as discovery looks. */
const MAX_DEPTH = 16;

/**
 * One non-recursive fs.watch per folder, over the folders discovery searches (hidden folders,
 * node_modules and the like skipped), plus the git directory's HEAD and refs. Node 20's recursive
 * fs.watch on Linux would also descend into node_modules and .git/objects; this does not.
 */
export class NodeFolderWatcher implements FolderWatcher {
  watch(roots: readonly string[], accepts: (file: string) => boolean, onChanges: (changes: readonly FileChange[]) => void): { dispose(): void } {
    const watchers = new Map<string, fs.FSWatcher>();
    const pending = new Map<string, FileChange["kind"]>();
    let timer: NodeJS.Timeout | undefined;

    const report = (file: string, kind: FileChange["kind"]): void => {
      // A file created then changed in one burst is still new.
      if (!(kind === "changed" && pending.get(file) === "created")) pending.set(file, kind);
      clearTimeout(timer);
      timer = setTimeout(() => {
        const changes = [...pending].map(([f, k]) => ({ file: f, kind: k }));
        pending.clear();
        onChanges(changes);
      }, QUIET_MS);
    };

    const watchFolder = (folder: string, depth: number, gitRefs: boolean, announce: boolean): void => {
      if (watchers.has(folder) || depth > MAX_DEPTH) return;
      let entries: fs.Dirent[];
      try {
        // Watched before it is listed, so that a file made in between is not missed (at worst, reported twice).
        const watcher = fs.watch(folder, { persistent: false }, (event, name) => name && changed(folder, name.toString(), event, depth, gitRefs));
        watcher.on("error", () => forget(folder));
        watchers.set(folder, watcher);
        entries = fs.readdirSync(folder, { withFileTypes: true });
      } catch {
        forget(folder);
        return;
      }
      for (const entry of entries) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) {
          if (gitRefs || !isSkippedFolder(entry.name)) watchFolder(full, depth + 1, gitRefs, announce);
          else if (entry.name === ".git") watchGitDirectory(full);
        } else if (announce && accepts(full)) report(full, "created");
      }
    };

    /** HEAD and packed-refs in the git directory itself, and everything under refs/. */
    const watchGitDirectory = (git: string): void => {
      if (watchers.has(git)) return;
      try {
        const watcher = fs.watch(git, { persistent: false }, (event, name) => name && changed(git, name.toString(), event, MAX_DEPTH, false));
        watcher.on("error", () => forget(git));
        watchers.set(git, watcher);
      } catch {
        return;
      }
      watchFolder(path.join(git, "refs"), 0, true, false);
    };

    const changed = (folder: string, name: string, event: string, depth: number, gitRefs: boolean): void => {
      const full = path.join(folder, name);
      let stat: fs.Stats | undefined;
      try {
        stat = fs.statSync(full);
      } catch {
        stat = undefined;
      }
      if (stat?.isDirectory()) {
        // A new folder (a new versions folder, a new ref namespace): its files were made before it was watched.
        if (gitRefs || !isSkippedFolder(name)) watchFolder(full, depth + 1, gitRefs, true);
        return;
      }
      if (!stat && watchers.has(full)) {
        forget(full);
        report(full, "deleted");
        return;
      }
      if (!accepts(full)) return;
      report(full, !stat ? "deleted" : event === "rename" ? "created" : "changed");
    };

    /** Stops watching a folder and those under it. */
    const forget = (folder: string): void => {
      for (const [watched, watcher] of watchers) {
        if (watched !== folder && !watched.startsWith(folder + path.sep)) continue;
        watcher.close();
        watchers.delete(watched);
      }
    };

    for (const root of roots) {
      watchFolder(root, 0, false, false);
      const git = enclosingGitDirectory(root);
      if (git) watchGitDirectory(git);
    }
    return {
      dispose: () => {
        clearTimeout(timer);
        for (const watcher of watchers.values()) watcher.close();
        watchers.clear();
      },
    };
  }
}

/** The `.git` folder of the repository the root is in, if it is a folder (a worktree's `.git` file is not followed). */
function enclosingGitDirectory(root: string): string | undefined {
  for (let current = root; ; current = path.dirname(current)) {
    const git = path.join(current, ".git");
    try {
      if (fs.statSync(git).isDirectory()) return git;
    } catch {
      // Not here: look one level up.
    }
    if (path.dirname(current) === current) return undefined;
  }
}
