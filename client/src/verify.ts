import * as path from "node:path";
import * as vscode from "vscode";
import { VerifyRequest, type VerifyResult } from "../../server/src/protocol";
import type { ExtensionContext } from "./context";
import { count } from "./count";

/**
 * "Verify on PostgreSQL": the server runs the migrations on an embedded PostgreSQL; a
 * notification shows how far it got and can cancel it. What PostgreSQL found is in the Problems
 * panel (source PostgreSQL) until the file is edited.
 */
export async function verifyOnPostgres(ctx: ExtensionContext, root?: string): Promise<VerifyResult> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: "Migration Lens: verifying on PostgreSQL", cancellable: true },
    async (progress, token) => {
      let reported = 0;
      const listening = ctx.onVerifyProgress((p) => {
        // withProgress takes increments; a new set starts again from zero.
        const percent = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 0;
        const increment = percent >= reported ? percent - reported : percent;
        reported = percent;
        progress.report({ message: `${path.basename(p.root)}: ${p.done} of ${count(p.total, "revision")}`, increment });
      });
      try {
        return await ctx.request(VerifyRequest, root === undefined ? {} : { root }, token);
      } finally {
        listening.dispose();
      }
    },
  );
  const run = result.sets.filter((s) => !s.skipped);
  const sum = (key: "verified" | "revisions" | "rejected" | "mismatches" | "notVerified"): number => run.reduce((n, s) => n + s[key], 0);
  const text =
    `${result.cancelled ? "Verification cancelled" : "Verified on PostgreSQL"}: ${sum("verified")} of ${count(sum("revisions"), "revision")} ran; ` +
    `${sum("rejected")} rejected, ${sum("mismatches")} mismatch${sum("mismatches") === 1 ? "" : "es"}, ${sum("notVerified")} not verified (${(result.milliseconds / 1000).toFixed(1)} s).`;
  const failed = sum("rejected") + sum("mismatches") > 0;
  const choice = await (failed ? vscode.window.showWarningMessage : vscode.window.showInformationMessage)(text, ...(failed ? ["Show Problems"] : []));
  if (choice === "Show Problems") await vscode.commands.executeCommand("workbench.actions.view.problems");
  return result;
}
