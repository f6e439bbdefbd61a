import * as vscode from "vscode";

/** Every setting lives under this section; the language client passes it on to the server. */
export const CONFIG_SECTION = "migrationLens";

/**
 * Typed getters for the settings the extension itself reads. The analysis settings
 * (rules, additive, dialect, externalTables, baseline, include, exclude) are read by the server,
 * per resource, and take effect without a restart; `trace.server` is read by the language client.
 */
export const config = {
  /** Shortest linear run the graph folds into one node; 0 never folds. */
  graphFoldRuns(): number {
    const value = vscode.workspace.getConfiguration(CONFIG_SECTION).get<number>("graph.foldLinearRuns", 5);
    return Number.isFinite(value) && value >= 0 ? Math.floor(value) : 5;
  },
};

/** True when a configuration change touches a setting the graph view draws with. */
export function affectsGraph(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(`${CONFIG_SECTION}.graph`);
}
