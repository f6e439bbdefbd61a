import { createHash } from "node:crypto";

const utf8 = new TextEncoder();

/** The id git gives a file's content (`git hash-object`): a branch's file is unchanged when its id is the merge-base's. */
export function blobId(text: string): string {
  const bytes = utf8.encode(text);
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/**
 * Every id a checked-out text may have in git: as read, with the byte-order mark the file host
 * strips, and with CRLF turned to LF (core.autocrlf checkouts).
 */
export function blobIds(text: string): readonly string[] {
  const variants = new Set([text, `\uFEFF${text}`]);
  if (text.includes("\r\n")) for (const variant of [...variants]) variants.add(variant.replace(/\r\n/g, "\n"));
  return [...variants].map(blobId);
}

const idsByFile = new WeakMap<object, readonly string[]>();

/** blobIds of a parsed file's text, kept with the file: a file parsed once is hashed once. */
export function blobIdsOf(file: { readonly text: string }): readonly string[] {
  let ids = idsByFile.get(file);
  if (!ids) idsByFile.set(file, (ids = blobIds(file.text)));
  return ids;
}
