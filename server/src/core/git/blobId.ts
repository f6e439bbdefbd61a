import { createHash } from "node:crypto";

/** The id git gives a file's content (`git hash-object`): a branch's file is unchanged when its id is the merge-base's. */
export function blobId(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** Both ids a checked-out text may have: as it is, and with CRLF turned to LF (core.autocrlf checkouts). */
export function blobIds(text: string): readonly string[] {
  const ids = [blobId(text)];
  if (text.includes("\r\n")) ids.push(blobId(text.replace(/\r\n/g, "\n")));
  return ids;
}

const idsByFile = new WeakMap<object, readonly string[]>();

/** blobIds of a parsed file's text, kept with the file: a file parsed once is hashed once. */
export function blobIdsOf(file: { readonly text: string }): readonly string[] {
  let ids = idsByFile.get(file);
  if (!ids) idsByFile.set(file, (ids = blobIds(file.text)));
  return ids;
}
