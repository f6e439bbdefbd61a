import { ErrorCodes, ResponseError } from "vscode-languageserver";
import { renderNewRevision, readTemplateSource } from "../../core/navigation/newRevision";
import { findSet } from "../../core/navigation/revisionReferences";
import type { NewRevisionParams, NewRevisionResult } from "../../protocol";
import type { Session } from "../session";

/** The text of a new revision from the set's script.py.mako; the client writes the file. */
export function newRevision(session: Session, params: NewRevisionParams, log: (message: string) => void): NewRevisionResult | ResponseError<void> {
  const set = findSet(session.current(), params.root);
  if (!set) return new ResponseError(ErrorCodes.InvalidParams, `No migration set has the root ${params.root}.`);
  const rendered = renderNewRevision(set, { message: params.message, parents: params.parents }, new Date(), readTemplateSource(session.host, set.spec));
  if (rendered.fallbackReason && rendered.template === undefined && !rendered.fallbackReason.startsWith("the set has no")) {
    log(`New revision written in Alembic's default layout: ${rendered.fallbackReason}.`);
  }
  const { id, file, text, revisionLine, template, fallbackReason } = rendered;
  return { id, file, text, revisionLine, template, fallbackReason };
}
