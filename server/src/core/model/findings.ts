import type { Location, Range } from "./positions";

export type Severity = "error" | "warning" | "info";

/** One replacement in one file; `createFile` marks a file the fix brings into being. */
export interface FileEdit {
  readonly file: string;
  readonly range: Range;
  readonly newText: string;
  readonly createFile?: boolean;
}

/** A file or folder the fix renames, after its edits. */
export interface FileRename {
  readonly from: string;
  readonly to: string;
}

export interface Fix {
  readonly title: string;
  readonly edits: readonly FileEdit[];
  readonly renames?: readonly FileRename[];
}

export interface RelatedLocation extends Location {
  readonly message: string;
}

/** A diagnostic as the core produces it: plain data, no protocol types. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  readonly file: string;
  readonly range: Range;
  readonly message: string;
  readonly related: readonly RelatedLocation[];
  readonly fixes: readonly Fix[];
}
