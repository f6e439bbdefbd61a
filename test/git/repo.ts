import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { revisionText } from "../e2e/history.mjs";

/** A real git repository in a temp folder, driven with the git command line. */
export class TempRepo {
  readonly root: string;

  constructor(root?: string) {
    this.root = root ?? fs.mkdtempSync(path.join(os.tmpdir(), "ml-git-"));
  }

  static init(branch = "main"): TempRepo {
    const repo = new TempRepo();
    repo.git("init", "-q", "-b", branch);
    return repo;
  }

  git(...args: string[]): string {
    return execFileSync("git", args, {
      cwd: this.root,
      encoding: "utf8",
      env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com", GIT_CONFIG_NOSYSTEM: "1", HOME: this.root },
    });
  }

  write(file: string, text: string): void {
    const full = path.join(this.root, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
  }

  read(file: string): string {
    return fs.readFileSync(path.join(this.root, file), "utf8");
  }

  commitAll(message: string): void {
    this.git("add", "-A");
    this.git("commit", "-q", "-m", message);
  }
}

/** An Alembic project: alembic.ini and env.py. */
export function writeAlembicProject(repo: TempRepo): void {
  repo.write("alembic.ini", "[alembic]\nscript_location = alembic\n");
  repo.write("alembic/env.py", "from alembic import context\n");
}

/** A revision file as `alembic revision` writes it, with the given upgrade body. */
export function writeRevision(repo: TempRepo, id: string, parent: string | undefined, upgrade: string): string {
  const file = `alembic/versions/${id}_rev.py`;
  repo.write(file, revisionText(id, parent, upgrade, `rev ${id}`));
  return file;
}
