import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { sameAnswers, type RecordedInput } from "../core/cache/recordingFileHost";
import type { GitQuestions } from "../core/git/recordingGitHost";
import { gitRefState } from "./gitRefState";
import { NodeFileHost } from "./nodeFileHost";
import { writeWhole } from "./writeWhole";

/** The first line of every entry: what wrote it and for which run, so a foreign or stale file is never trusted. */
const FORMAT = "migration-lens-result 1";

/** What a run printed and how it ended. */
export interface RunOutput {
  readonly stdout: string;
  readonly code: number;
}

/** Everything a run read: files and folders (with digests of what they held) and the refs git was asked. */
export interface RunInputs {
  readonly files: readonly RecordedInput[];
  readonly git: readonly GitQuestions[];
}

interface Entry {
  readonly files: readonly RecordedInput[];
  readonly git: readonly { readonly questions: GitQuestions; readonly state: string }[];
  readonly output: RunOutput;
}

export const sha256 = (text: string): string => createHash("sha256").update(text).digest("hex");

/**
 * Whole runs of `check`, kept by their command line, folder and git environment, with what they
 * read: a run whose every read still gives the same answer (each file's text, each folder's
 * entries, each ref's commit) prints what it printed before without analysing anything. One
 * entry per command line, replaced by the next run that differs.
 */
export class ResultCache {
  private readonly file: string;
  private readonly header: string;

  constructor(folder: string, build: string, argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env) {
    // git reads its repository where GIT_DIR and the like say; nothing else in the environment changes a check.
    const gitEnv = Object.entries(env).filter(([name]) => name.startsWith("GIT_")).sort(([a], [b]) => (a < b ? -1 : 1));
    const digest = sha256(JSON.stringify([build, argv, cwd, gitEnv]));
    this.file = path.join(folder, "results", digest);
    this.header = `${FORMAT} ${digest}\n`;
  }

  /** What the same run printed, when nothing it read has changed since. */
  recall(): RunOutput | undefined {
    let entry: Entry;
    try {
      const data = fs.readFileSync(this.file, "utf8");
      if (!data.startsWith(this.header)) return undefined;
      entry = JSON.parse(data.slice(this.header.length)) as Entry;
    } catch {
      return undefined;
    }
    if (!sameAnswers(new NodeFileHost(), entry.files, sha256)) return undefined;
    if (!entry.git.every((git) => stateDigest(git.questions) === git.state)) return undefined;
    return entry.output;
  }

  /** Keeps a run; one whose refs cannot be told from the ref files is not kept. Never an error. */
  keep(inputs: RunInputs, output: RunOutput): void {
    const git: Entry["git"][number][] = [];
    for (const questions of inputs.git) {
      const state = stateDigest(questions);
      if (state === undefined) return;
      git.push({ questions, state });
    }
    writeWhole(this.file, this.header + JSON.stringify({ files: inputs.files, git, output } satisfies Entry));
  }
}

function stateDigest(questions: GitQuestions): string | undefined {
  const state = gitRefState(questions);
  return state === undefined ? undefined : sha256(state);
}
