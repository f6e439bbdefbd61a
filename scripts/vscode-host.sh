#!/usr/bin/env bash
# Installs a real VS Code for the end-to-end tests: code-server 4.96.4 (= VS Code 1.96.4, the web
# workbench plus the Node extension host) from the npm registry alone, and prints its entry.js path.
#
#   scripts/vscode-host.sh [DIR]   install into DIR (default: $VSCODE_HOST_DIR or <repo>/.cache/vscode-host)
#
# Idempotent: a `.ready` marker skips the work on later runs. Progress goes to stderr, the path to stdout.
# Run:      node ENTRY --auth none --bind-addr 127.0.0.1:PORT --user-data-dir UD --extensions-dir EXT \
#             --disable-telemetry --disable-update-check --disable-workspace-trust FOLDER
# Install:  node ENTRY --extensions-dir EXT --install-extension dist/migration-lens.vsix
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-${VSCODE_HOST_DIR:-$repo/.cache/vscode-host}}"
mkdir -p "$dir"; dir="$(cd "$dir" && pwd)"
entry="$dir/node_modules/code-server/out/node/entry.js"
vs="$dir/node_modules/code-server/lib/vscode"
# ripgrep: VS Code's file search (Quick Open, `workspaceContains:` activation) spawns it. Its npm
# package downloads the binary from GitHub, so take the system one (Debian: apt-get install -y ripgrep).
link_rg() {
  if command -v rg >/dev/null; then
    mkdir -p "$vs/node_modules/@vscode/ripgrep/bin"; ln -sf "$(command -v rg)" "$vs/node_modules/@vscode/ripgrep/bin/rg"
  else
    echo "vscode-host: warning: ripgrep (rg) not found; file search and workspaceContains activation will fail (apt-get install -y ripgrep)" >&2
  fi
}
if [ -f "$dir/.ready" ] && [ -f "$entry" ]; then
  [ -e "$vs/node_modules/@vscode/ripgrep/bin/rg" ] || link_rg
  echo "$entry"; exit 0
fi
cd "$dir"
[ -f package.json ] || echo '{"name":"vscode-host","private":true}' > package.json
# 1. code-server itself, without its postinstall (which fetches a git dependency from outside npm)
npm install --no-audit --no-fund --ignore-scripts code-server@4.96.4 >&2
# 2. VS Code's own dependencies: drop the one git-pinned entry so npm takes it from the registry
node -e '
  const fs = require("fs"), p = process.argv[1];
  const d = JSON.parse(fs.readFileSync(p, "utf8"));
  delete d.packages["node_modules/@vscode/proxy-agent"];
  fs.writeFileSync(p, JSON.stringify(d, null, 2));' "$vs/npm-shrinkwrap.json"
(cd "$vs" && npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2)
# 3. native modules, built against this Node (kerberos and ripgrep's download are skipped)
(cd "$vs" && npm rebuild node-pty @vscode/spdlog native-watchdog @parcel/watcher @vscode/deviceid >&2)
(cd "$dir" && npm rebuild argon2 >&2)
# 4. what code-server's postinstall would have laid out
ln -sfn node_modules "$vs/node_modules.asar"
(cd "$vs/bin/remote-cli" && ln -sf code-linux.sh code-server)
(cd "$vs/bin/helpers" && ln -sf browser-linux.sh browser.sh)
link_rg
(cd "$vs/extensions" && npm install --no-audit --no-fund --omit=dev --ignore-scripts >&2)
touch "$dir/.ready"
echo "$entry"
