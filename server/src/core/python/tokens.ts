import type { SyntaxNode, Tree, TreeCursor } from "@lezer/common";

/** A token of the lezer tree in source order: a leaf, or a whole string literal or comment. */
export interface PyToken {
  readonly name: string;
  readonly from: number;
  readonly to: number;
  /** For the `:` that opens an indented block: what CPython calls the statement ("function definition", "'if' statement"), and where its keyword is. */
  readonly opensBlock?: { readonly statement: string; readonly keywordAt: number };
}

/** Nodes read as one token: their inside is text, not code. */
const ATOMIC = new Set(["String", "FormatString", "Comment"]);

const BLOCK_KEYWORDS = new Set(["if", "elif", "else", "for", "while", "try", "except", "finally", "with", "match", "case"]);

/** The tree's tokens in order, those lezer skipped over inside error nodes included. */
export function treeTokens(tree: Tree): PyToken[] {
  const tokens: PyToken[] = [];
  const cursor = tree.cursor();
  const visit = (c: TreeCursor): void => {
    if (ATOMIC.has(c.name) || !c.firstChild()) {
      if (c.to > c.from) tokens.push(c.name === ":" && c.node.parent?.name === "Body" ? { name: c.name, from: c.from, to: c.to, opensBlock: blockStatement(c.node.parent) } : { name: c.name, from: c.from, to: c.to });
      return;
    }
    do visit(c);
    while (c.nextSibling());
    c.parent();
  };
  visit(cursor);
  return tokens;
}

/** How CPython names the statement a block belongs to, in "expected an indented block after …". */
function blockStatement(body: SyntaxNode): { statement: string; keywordAt: number } {
  const owner = body.parent;
  if (owner?.name === "FunctionDefinition") return { statement: "function definition", keywordAt: owner.from };
  if (owner?.name === "ClassDefinition") return { statement: "class definition", keywordAt: owner.from };
  for (let sibling = body.prevSibling; sibling; sibling = sibling.prevSibling) {
    if (BLOCK_KEYWORDS.has(sibling.name)) return { statement: `'${sibling.name}' statement`, keywordAt: sibling.from };
  }
  return { statement: "statement", keywordAt: owner?.from ?? body.from };
}
