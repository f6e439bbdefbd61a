import type * as vscode from "vscode";
import { registerCommands } from "./commands";
import { ExtensionContext } from "./context";

let context: ExtensionContext | undefined;

export async function activate(extension: vscode.ExtensionContext): Promise<void> {
  context = new ExtensionContext(extension);
  extension.subscriptions.push(...registerCommands(context));
  await context.start();
}

export async function deactivate(): Promise<void> {
  await context?.stop();
}
