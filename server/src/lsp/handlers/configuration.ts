import * as path from "node:path";
import type { Connection } from "vscode-languageserver";
import { readSettingsObject } from "../../core/config/settings";
import type { Session } from "../session";

/**
 * The editor's `migrationLens.*` settings, as the client sends them on change
 * (synchronize.configurationSection). They apply where the project's config file is silent.
 */
export function configurationChanged(session: Session, connection: Connection, settings: unknown): void {
  const section = (settings as { migrationLens?: unknown } | undefined)?.migrationLens;
  if (typeof section !== "object" || section === null) return;
  // A relative baseline path in the editor settings is relative to the (first) workspace folder.
  const root = session.workspaceRoots[0] ?? process.cwd();
  const { settings: editor, problems } = readSettingsObject(section as Record<string, unknown>, (p) => path.resolve(root, p));
  for (const problem of problems) connection.console.warn(`migrationLens settings: ${problem.message}`);
  session.setEditorSettings(editor);
}
