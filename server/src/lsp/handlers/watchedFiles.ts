import { FileChangeType, type DidChangeWatchedFilesParams } from "vscode-languageserver";
import type { Session } from "../session";
import { uriToPath } from "../uris";

const KINDS = { [FileChangeType.Created]: "created", [FileChangeType.Changed]: "changed", [FileChangeType.Deleted]: "deleted" } as const;

export function watchedFilesChanged(session: Session, params: DidChangeWatchedFilesParams): void {
  session.filesChanged(
    params.changes.flatMap((change) => {
      const file = uriToPath(change.uri);
      return file ? [{ file, kind: KINDS[change.type] }] : [];
    }),
  );
}
