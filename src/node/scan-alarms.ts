/**
 * WIRING POINT FOR THE LEAD (predictions ledger): every new alarm found by `bubblescope monitor` is meant to be
 * registered as a forward-looking output in the predictions ledger (src/predictions/, being built on branch
 * `talk`). That API had not landed when this was written, so `registerAlarms` records nothing there and says so;
 * the alarms are recorded in the data store (`scan_changes`) either way. After the merge, replace the body with
 * a call to the ledger's API (one prediction per alarm: series, episode start, GSADF vs cv95, the run id).
 */
import type { ScanChange } from "../scan/changes.ts";

export interface AlarmRegistration {
  readonly registered: number;
  /** Why nothing was registered (null when the ledger took them). */
  readonly reason: string | null;
}

/** Registers monitor's new alarms in the predictions ledger (not available yet: see the header). */
export async function registerAlarms(alarms: readonly ScanChange[], _runId: string): Promise<AlarmRegistration> {
  if (alarms.length === 0) return { registered: 0, reason: null };
  return { registered: 0, reason: "the predictions ledger is not part of this build; alarms are in the store only" };
}
