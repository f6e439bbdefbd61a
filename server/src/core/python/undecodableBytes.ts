import { parser } from "@lezer/python";

/** PEP 263's encoding declaration, in a comment on the first or second line. */
const CODING = /coding[:=][ \t]*([-\w.]+)/;

/**
 * Whether Python refuses to compile a source file whose first byte that is not UTF-8 lands at
 * `offset` of the text as read: it decodes strings, names and the rest as UTF-8, but not the
 * inside of comments. A file that declares an encoding other than UTF-8 is not judged.
 */
export function pythonRefusesByteAt(text: string, offset: number): boolean {
  const tree = parser.parse(text);
  const secondLineEnd = text.indexOf("\n", text.indexOf("\n") + 1);
  let declared: string | undefined;
  let inComment = false;
  tree.iterate({
    enter(node) {
      if (node.name !== "Comment") return;
      const comment = text.slice(node.from, node.to);
      if (declared === undefined && (secondLineEnd < 0 || node.from < secondLineEnd)) declared = CODING.exec(comment)?.[1];
      if (node.from <= offset && offset < node.to) inComment = true;
    },
  });
  const utf8 = declared === undefined || /^utf[-_]?8$/i.test(declared);
  return utf8 && !inComment;
}
