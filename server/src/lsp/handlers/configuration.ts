import type { Connection } from "vscode-languageserver";
import type { ClientSupport } from "../clientSupport";
import type { Session } from "../session";

const SECTION = "migrationLens";

type Section = Record<string, unknown>;

/**
 * The editor's `migrationLens.*` settings. They apply where the project's config file is silent.
 * A client that answers `workspace/configuration` is asked (at start and on every change
 * notification, whatever it holds); settings pushed in the notification count where it is not, or
 * has nothing for the section. Neither: the defaults.
 */
export async function configurationChanged(session: Session, connection: Connection, client: ClientSupport, pushed: unknown): Promise<void> {
  const pushedSection = asSection((pushed as { [SECTION]?: unknown } | null | undefined)?.[SECTION]);
  const section = client.configuration ? ((await pulled(connection)) ?? pushedSection ?? {}) : pushedSection;
  // A push without the section (or with null) says nothing new.
  if (section === undefined) return;
  for (const problem of session.setEditorSettings(section)) connection.console.warn(`migrationLens settings: ${problem.message}`);
}

/** The client's answer; a client that fails to answer leaves the pushed settings (or the defaults) in place. */
async function pulled(connection: Connection): Promise<Section | undefined> {
  try {
    const [section] = (await connection.workspace.getConfiguration([{ section: SECTION }])) as unknown[];
    return asSection(section);
  } catch (error) {
    connection.console.warn(`The client did not answer workspace/configuration: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function asSection(value: unknown): Section | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Section) : undefined;
}
