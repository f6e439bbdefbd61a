import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "../lsp/server";

const TRANSPORTS = /^--(stdio|node-ipc|socket=\d+|pipe=.+|clientProcessId=\d+)$/;

/**
 * `migration-lens lsp`: the language server over stdio (or a transport named as for the server
 * bin). It runs until the client says exit. Returns an error message for an unknown option.
 */
export function lspCommand(args: readonly string[]): string | undefined {
  const unknown = args.find((a) => !TRANSPORTS.test(a));
  if (unknown !== undefined) return `lsp takes --stdio (the default), --node-ipc, --socket=PORT or --pipe=NAME, not '${unknown}'`;
  const other = args.some((a) => /^--(node-ipc|socket|pipe)/.test(a));
  // createConnection reads the transport from the command line; stdio is given outright so that it needs no flag.
  startServer(other ? createConnection(ProposedFeatures.all) : createConnection(ProposedFeatures.all, process.stdin, process.stdout));
  return undefined;
}
