/** How the core sees the file system: the CLI reads the disk, the server overlays open editors. */
export interface DirectoryEntry {
  readonly name: string;
  readonly isDirectory: boolean;
}

export interface FileHost {
  /** The file's text, or undefined when it is missing, unreadable or not text. */
  readFile(path: string): string | undefined;
  /** The folder's entries, or undefined when it is missing or not a folder. */
  readDirectory(path: string): readonly DirectoryEntry[] | undefined;
}
