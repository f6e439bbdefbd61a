import { MarkupKind, type Hover, type HoverParams } from "vscode-languageserver";
import type { AnalysisResult } from "../../core/analysis/analyzeSets";
import type { Position } from "../../core/model/positions";
import { revisionHoverAt } from "../../core/navigation/hover";
import { tableHoverAt } from "../../core/schema/tableHover";
import { toLspRange } from "../convert";
import type { Session } from "../session";
import { uriToPath } from "../uris";

/** One kind of hover; the first provider that answers wins. */
export type HoverProvider = (result: AnalysisResult, file: string, position: Position) => Hover | undefined;

const revisionHover: HoverProvider = (result, file, position) => {
  const hover = revisionHoverAt(result, file, position);
  return hover && { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: toLspRange(hover.range) };
};

/** A table named in an op.* call or a SQL statement, as the replay leaves it there. */
const tableHover: HoverProvider = (result, file, position) => {
  const hover = tableHoverAt(result, file, position);
  return hover && { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: toLspRange(hover.range) };
};

/** Revision ids first, then tables. */
export const HOVER_PROVIDERS: HoverProvider[] = [revisionHover, tableHover];

export function hover(session: Session, params: HoverParams): Hover | null {
  const file = uriToPath(params.textDocument.uri);
  if (!file) return null;
  const result = session.answering();
  for (const provider of HOVER_PROVIDERS) {
    const answer = provider(result, file, params.position);
    if (answer) return answer;
  }
  return null;
}
