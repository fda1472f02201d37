/**
 * `bubblescope predictions [list] | verify | register | resolve`: the hash-chained predictions ledger
 * (`data/predictions.jsonl`). `list` shows every forecast with its status at a date (open / due / resolved-true /
 * resolved-false, with the resolving evidence) and the scores; `verify` checks the chain (exit 1 naming the first
 * broken entry); `register` appends the talk's forecasts not yet in the ledger and, with `--from-report`, the
 * report's PSY alarms and LPPLS critical-time windows; `resolve` appends a resolution. Writes are atomic (a
 * temporary file renamed over the ledger) and only after the existing chain verifies. The library part is
 * `src/predictions/` (browser-safe).
 */
import type { Command } from "commander";
import { RECORDING_DATE, TALK_FORECASTS } from "../evidence/claims.ts";
import { readText } from "../node/evidence-files.ts";
import {
  DEFAULT_PREDICTIONS_FILE,
  loadPredictions,
  loadPredictionsOrEmpty,
  savePredictions,
} from "../node/predictions-file.ts";
import {
  appendPrediction,
  detectorDrafts,
  type LpplsLike,
  type PredictionDraft,
  type PsyLike,
  parsePredictionLines,
  predictionStatuses,
  scorePredictions,
  talkForecastDrafts,
  verifyChain,
} from "../predictions/index.ts";
import { UsageError } from "./errors.ts";

export { DEFAULT_PREDICTIONS_FILE, loadPredictions };

const todayUtc = () => new Date().toISOString().slice(0, 10);

function checkDate(name: string, v: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)))
    throw new UsageError(`${name} must be YYYY-MM-DD, got "${v}"`);
  return v;
}

/** Registers the `predictions` command and its subcommands. */
export function registerPredictions(program: Command): void {
  const cmd = program
    .command("predictions")
    .description("the predictions ledger: forecasts with status and scores; verify the hash chain");

  cmd
    .command("list", { isDefault: true })
    .description("list forecasts with their status (open, due, resolved-true, resolved-false) and the scores")
    .option("--file <path>", "predictions ledger (JSON Lines)", DEFAULT_PREDICTIONS_FILE)
    .option("--as-of <date>", "judge statuses on this date (YYYY-MM-DD; default today, UTC)")
    .option("--json", "print JSON")
    .action((opts: { file: string; asOf?: string; json?: boolean }) => {
      const today = checkDate("--as-of", opts.asOf ?? todayUtc());
      const statuses = predictionStatuses(loadPredictions(opts.file), today);
      const score = scorePredictions(statuses);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ asOf: today, predictions: statuses, score }, null, 2)}\n`);
        return;
      }
      for (const p of statuses) {
        process.stdout.write(`${p.id}  ${p.status.padEnd(14)} due ${p.due}  ${p.source}\n  ${p.statement}\n`);
        if (p.resolution)
          process.stdout.write(`  resolved ${p.resolution.on}: ${p.resolution.note} [${p.evidence.join(", ")}]\n`);
      }
      const brier = score.brier === null ? "no probabilities given" : score.brier.toFixed(3);
      process.stdout.write(
        `${score.forecasts} forecast(s) as of ${today}: ${score.open} open, ${score.due} due, ${score.resolvedTrue} resolved true, ${score.resolvedFalse} resolved false; Brier score: ${brier}\n`,
      );
    });

  cmd
    .command("verify")
    .description("check the hash chain: exit 0 when intact, 1 naming the first broken entry")
    .option("--file <path>", "predictions ledger (JSON Lines)", DEFAULT_PREDICTIONS_FILE)
    .action((opts: { file: string }) => {
      const raw = parsePredictionLines(readText(opts.file));
      const check = verifyChain(raw);
      if (!check.ok) throw new Error(`chain broken at entry ${check.index + 1} (${check.id}): ${check.problem}`);
      process.stdout.write(`chain intact: ${check.entries} entries\n`);
    });

  cmd
    .command("register")
    .description("append the talk's forecasts not yet registered and, with --from-report, the report's detector alarms")
    .option("--file <path>", "predictions ledger (JSON Lines)", DEFAULT_PREDICTIONS_FILE)
    .option("--from-report <report.json>", "a report.json whose PSY alarms and LPPLS windows are registered")
    .option("--since <date>", "only detector results whose data end on or after this date", RECORDING_DATE)
    .option("--date <date>", "registration date (YYYY-MM-DD; default today, UTC)")
    .action((opts: { file: string; fromReport?: string; since: string; date?: string }) => {
      const registered = checkDate("--date", opts.date ?? todayUtc());
      const since = checkDate("--since", opts.since);
      let ledger = loadPredictionsOrEmpty(opts.file);
      const drafts: PredictionDraft[] = talkForecastDrafts(TALK_FORECASTS, { made: RECORDING_DATE, registered });
      if (opts.fromReport) {
        const report = JSON.parse(readText(opts.fromReport)) as {
          detectors?: { psy?: PsyLike[]; lppls?: LpplsLike[] };
        };
        if (!report.detectors) throw new Error(`${opts.fromReport}: no "detectors" section (not a report.json?)`);
        drafts.push(
          ...detectorDrafts(
            { psy: report.detectors.psy ?? [], lppls: report.detectors.lppls ?? [] },
            { registered, since },
          ),
        );
      }
      const known = new Set(ledger.map((e) => e.id));
      const fresh = drafts.filter((d) => !known.has(d.id));
      for (const d of fresh) ledger = appendPrediction(ledger, d);
      if (fresh.length > 0) savePredictions(opts.file, ledger);
      process.stdout.write(`registered ${fresh.length} new forecast(s); ${ledger.length} entries\n`);
    });

  cmd
    .command("resolve")
    .description("append the resolution of a forecast, with the evidence that settles it")
    .requiredOption("--id <id>", "the forecast's id (e.g. P-T02)")
    .requiredOption("--outcome <true|false>", "whether it came true")
    .requiredOption("--evidence <ids>", "comma-separated ledger ids, deals or URLs")
    .requiredOption("--note <text>", "how the evidence settles it")
    .option("--on <date>", "resolution date (YYYY-MM-DD; default today, UTC)")
    .option("--file <path>", "predictions ledger (JSON Lines)", DEFAULT_PREDICTIONS_FILE)
    .action((opts: { id: string; outcome: string; evidence: string; note: string; on?: string; file: string }) => {
      if (opts.outcome !== "true" && opts.outcome !== "false")
        throw new UsageError(`--outcome must be true or false, got "${opts.outcome}"`);
      const on = checkDate("--on", opts.on ?? todayUtc());
      const ledger = appendPrediction(loadPredictions(opts.file), {
        kind: "resolution",
        id: `R-${opts.id.replace(/^P-/, "")}`,
        resolves: opts.id,
        registered: on,
        resolvedOn: on,
        outcome: opts.outcome === "true",
        evidence: opts.evidence
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
        note: opts.note,
      });
      savePredictions(opts.file, ledger);
      process.stdout.write(`resolved ${opts.id}: ${opts.outcome}; ${ledger.length} entries\n`);
    });
}
