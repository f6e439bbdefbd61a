import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server";

// A transport must be named; without one, say how to start the server instead of a stack trace.
if (!process.argv.some((arg) => /^--(stdio|node-ipc|socket|pipe)\b/.test(arg))) {
  process.stderr.write("Usage: migration-lens-server --stdio   (or --node-ipc, --socket=PORT, --pipe=NAME): the Migration Lens language server.\n");
  process.exit(2);
}
startServer(createConnection(ProposedFeatures.all));
