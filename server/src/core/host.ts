/** How the core sees the file system: the CLI reads the disk, the server overlays open editors. */
export interface DirectoryEntry {
  readonly name: string;
  readonly isDirectory: boolean;
}

/** What makes a file that exists not text: its first NUL byte, or its first byte that is not UTF-8. */
export interface NotText {
  readonly kind: "nul" | "not-utf8";
  /** Offset in bytes from the start of the file. */
  readonly offset: number;
  readonly byte: number;
  /** Where that byte lands in the text as read: the UTF-16 length of the valid UTF-8 before it (a BOM left out). */
  readonly textOffset?: number;
}

export interface FileHost {
  /** The file's text, or undefined when it is missing, unreadable or holds a NUL byte. Bytes that are not UTF-8 read as U+FFFD. */
  readFile(path: string): string | undefined;
  /** The folder's entries, or undefined when it is missing or not a folder. */
  readDirectory(path: string): readonly DirectoryEntry[] | undefined;
  /** Why a file that exists is not text (a NUL byte, bytes that are not UTF-8); undefined when it is text, missing or unreadable. */
  notText?(path: string): NotText | undefined;
}
