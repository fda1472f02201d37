/**
 * `bubblescope monitor [DIR] [--watchlist NAME|FILE] …`: scans the latest data, compares with the previous monitor
 * run of the same basket and settings in the data store, prints what changed (new alarms, ended episodes, new
 * LPPLS signals) and records the run and the changes. For cron: exit 0 = no new alarm, 3 = new alarm.
 */
import type { Command } from "commander";
import pc from "picocolors";
import { addScanOptions, formatScan, type ScanFlags, scanFromFlags } from "./scan.ts";

export function registerMonitor(program: Command): void {
  addScanOptions(
    program
      .command("monitor")
      .description("scan the latest data and report what changed since the last run (exit 3 on a new alarm)")
      .argument("[dir]", "a folder of price CSVs"),
  )
    .option("--table", "also print the full ranked table")
    .option(
      "--register-predictions [file]",
      "register new PSY alarms and positive LPPLS signals as forecasts in the predictions ledger (default data/predictions.jsonl)",
    )
    .action(
      async (dir: string | undefined, f: ScanFlags & { table?: boolean; registerPredictions?: string | true }) => {
        // The ledger is checked before the (long) scan: a broken chain or an unreadable file fails at once.
        let ledgerFile: string | null = null;
        if (f.registerPredictions !== undefined) {
          const { DEFAULT_PREDICTIONS_FILE } = await import("./predictions.ts");
          ledgerFile = f.registerPredictions === true ? DEFAULT_PREDICTIONS_FILE : f.registerPredictions;
          const { readLedger } = await import("../node/scan-alarms.ts");
          readLedger(ledgerFile);
        }
        const { json, engine } = await scanFromFlags(dir, f, undefined);
        if (json.meta.counts.series > 0 && json.meta.counts.failed === json.meta.counts.series)
          throw new Error(`no series could be scanned (first: ${json.series[0].error})`);
        const { diffScans } = await import("../scan/changes.ts");
        const { openStore } = await import("../data/store.ts");
        const { basketKey, lastRun, recordRun } = await import("../node/scan-store.ts");
        const store = await openStore(f.storeDir ? { dir: f.storeDir } : {});
        let changes: ReturnType<typeof diffScans>;
        let prevAt: string | null;
        let runId: string | null = null;
        let reg: import("../node/scan-alarms.ts").AlarmRegistration | null = null;
        try {
          const prev = await lastRun(store, basketKey(json), "monitor");
          prevAt = prev?.finishedAt ?? null;
          changes = diffScans(prev?.json.series ?? null, json.series, json.meta.settings.lpplsSignal);
          // Registered before the run is recorded: ids are idempotent, so a failure in between is repaired by a rerun
          // (the alarm is new again, its forecast already in the ledger), never lost.
          if (ledgerFile) {
            const { registerAlarms } = await import("../node/scan-alarms.ts");
            reg = await registerAlarms(changes, json, {
              file: ledgerFile,
              runId: null,
              registered: new Date().toISOString().slice(0, 10),
            });
          }
          if (f.record) runId = await recordRun(store, "monitor", json, engine, changes);
        } finally {
          store.close();
        }
        const alarms = changes.filter((c) => c.kind === "new-alarm");
        if (f.json) {
          process.stdout.write(
            `${JSON.stringify({ previousRun: prevAt, runId, changes, ...(reg ? { predictions: reg } : {}), scan: json })}\n`,
          );
        } else {
          if (f.table) process.stdout.write(formatScan(json));
          const label = json.meta.watchlist ?? json.meta.source;
          process.stdout.write(
            `${label}: ${prevAt ? `changes since the run of ${prevAt}` : "first monitor run (every running episode is new)"}\n`,
          );
          if (changes.length === 0) process.stdout.write("  no change\n");
          for (const c of changes) {
            const tag =
              c.kind === "new-alarm"
                ? pc.red("NEW ALARM")
                : c.kind === "ended"
                  ? pc.green("ENDED")
                  : pc.yellow("LPPLS");
            process.stdout.write(`  ${tag} ${c.series}: ${c.detail}\n`);
          }
          if (reg && (reg.registered.length > 0 || reg.known.length > 0))
            process.stdout.write(
              pc.dim(
                `  predictions ledger ${reg.file}: ${reg.registered.length} forecast(s) registered${reg.registered.length ? ` (${reg.registered.join(", ")})` : ""}${reg.known.length ? `; ${reg.known.length} already there` : ""}\n`,
              ),
            );
        }
        if (alarms.length > 0) process.exitCode = 3;
      },
    );
}
