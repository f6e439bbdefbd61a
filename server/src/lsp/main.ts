import { setFlagsFromString } from "node:v8";
import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server";

// A 5,000-revision workspace keeps about 100 MB alive, but V8 lets garbage grow to several times
// that between full collections while edits are analysed: a smaller growth factor keeps a
// long-running server's memory near what it uses.
setFlagsFromString("--heap-growing-percent=100");

// A transport must be named; without one, say how to start the server instead of a stack trace.
if (!process.argv.some((arg) => /^--(stdio|node-ipc|socket|pipe)\b/.test(arg))) {
  process.stderr.write("Usage: migration-lens-server --stdio   (or --node-ipc, --socket=PORT, --pipe=NAME): the Migration Lens language server.\n");
  process.exit(2);
}
startServer(createConnection(ProposedFeatures.all));
