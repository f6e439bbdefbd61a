import * as vscode from "vscode";
import type { ExtensionContext } from "./context";

type Command = (ctx: ExtensionContext) => (...args: unknown[]) => unknown;

/** Every command of the palette, by the id declared in package.json. */
const COMMANDS: Record<string, Command> = {
  "migrationLens.restartServer": (ctx) => async () => {
    await ctx.restart();
    void vscode.window.setStatusBarMessage("Migration Lens server restarted", 3000);
  },
};

export function registerCommands(ctx: ExtensionContext): vscode.Disposable[] {
  return Object.entries(COMMANDS).map(([id, command]) => vscode.commands.registerCommand(id, command(ctx)));
}
