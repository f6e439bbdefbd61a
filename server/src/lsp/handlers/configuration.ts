import type { Connection } from "vscode-languageserver";
import type { Session } from "../session";

/**
 * The editor's `migrationLens.*` settings, as the client sends them on change
 * (synchronize.configurationSection). They apply where the project's config file is silent.
 */
export function configurationChanged(session: Session, connection: Connection, settings: unknown): void {
  const section = (settings as { migrationLens?: unknown } | undefined)?.migrationLens;
  if (typeof section !== "object" || section === null) return;
  for (const problem of session.setEditorSettings(section as Record<string, unknown>)) connection.console.warn(`migrationLens settings: ${problem.message}`);
}
