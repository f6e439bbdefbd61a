import type { DirectoryEntry, FileHost, NotText } from "../host";

/** What one read of the file system was: a file's text, a folder's entries, or why a file is not text. */
export type InputKind = "file" | "directory" | "not-text";

/** One read and a digest of what it returned (null: nothing, the path missing or unreadable). */
export interface RecordedInput {
  readonly kind: InputKind;
  readonly path: string;
  readonly digest: string | null;
}

/** A digest of a text (the Node side gives SHA-256). */
export type Digest = (text: string) => string;

/**
 * A FileHost that notes every read and a digest of its answer, so a result computed from them can
 * be reused while every read still gives the same answer (see `sameAnswers`).
 */
export class RecordingFileHost implements FileHost {
  private readonly reads = new Map<string, RecordedInput>();

  constructor(
    private readonly inner: FileHost,
    private readonly digest: Digest,
  ) {}

  readFile(path: string): string | undefined {
    const text = this.inner.readFile(path);
    this.note("file", path, text);
    return text;
  }

  readDirectory(path: string): readonly DirectoryEntry[] | undefined {
    const entries = this.inner.readDirectory(path);
    this.note("directory", path, entries);
    return entries;
  }

  notText(path: string): NotText | undefined {
    const why = this.inner.notText?.(path);
    this.note("not-text", path, why);
    return why;
  }

  /** Every distinct read, in the order first made. */
  inputs(): readonly RecordedInput[] {
    return [...this.reads.values()];
  }

  private note(kind: InputKind, path: string, answer: unknown): void {
    const input = { kind, path, digest: digestOf(answer, this.digest) };
    const key = `${kind}\u0000${path}`;
    // An open file may change between two reads of one run: such a result is never the same twice.
    const earlier = this.reads.get(key);
    this.reads.set(key, earlier && earlier.digest !== input.digest ? { ...input, digest: "changed during the run" } : input);
  }
}

/** Whether every read gives the answer it gave when recorded. */
export function sameAnswers(host: FileHost, inputs: readonly RecordedInput[], digest: Digest): boolean {
  return inputs.every((input) => digestOf(read(host, input), digest) === input.digest);
}

function read(host: FileHost, input: RecordedInput): unknown {
  if (input.kind === "file") return host.readFile(input.path);
  if (input.kind === "directory") return host.readDirectory(input.path);
  return host.notText?.(input.path);
}

function digestOf(answer: unknown, digest: Digest): string | null {
  if (answer === undefined) return null;
  return digest(typeof answer === "string" ? answer : JSON.stringify(answer));
}
