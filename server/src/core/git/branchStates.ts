import type { BranchRequest } from "../analysis/workspace";
import type { MigrationSetSpec } from "../discovery/migrationSet";
import { readBranchState, type BranchState } from "./branchState";
import type { GitHost } from "./gitHost";

/** Asks git about every set, one after the other (each reads only its own migration folders). */
export async function readBranchStates(git: GitHost, requests: readonly BranchRequest[]): Promise<Map<MigrationSetSpec, BranchState>> {
  const states = new Map<MigrationSetSpec, BranchState>();
  for (const request of requests) {
    const folder = request.folders[0] ?? request.spec.root;
    states.set(request.spec, await readBranchState(git, folder, request.base, request.folders));
  }
  return states;
}
