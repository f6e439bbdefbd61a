import type { DirectoryEntry, FileHost, NotText } from "../core/host";

/**
 * The disk, with the text of documents open in the editor taking precedence over what is saved.
 * A file deleted on disk is gone even while an editor still shows it: it is no longer a migration.
 */
export class OverlayHost implements FileHost {
  private readonly open = new Map<string, string>();

  constructor(private readonly disk: FileHost) {}

  setOpen(path: string, text: string): void {
    this.open.set(path, text);
  }

  close(path: string): void {
    this.open.delete(path);
  }

  isOpen(path: string): boolean {
    return this.open.has(path);
  }

  readFile(path: string): string | undefined {
    const saved = this.disk.readFile(path);
    return saved === undefined ? undefined : (this.open.get(path) ?? saved);
  }

  readDirectory(path: string): readonly DirectoryEntry[] | undefined {
    return this.disk.readDirectory(path);
  }

  /** What the disk holds: an open document is text, but the migration tool reads the saved file. */
  notText(path: string): NotText | undefined {
    return this.disk.notText?.(path);
  }
}
