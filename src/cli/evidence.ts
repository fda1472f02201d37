/**
 * `bubblescope evidence check|list|model`: validates the ledger and deal files, lists figures point-in-time, and
 * prints the evidence model as JSON. Node-only (reads files); the parsing itself is the browser-safe
 * `src/evidence/load.ts`. The default data folder is the repository's `data/`, resolved from this module's URL so
 * the command works from any working directory.
 */

import Table from "cli-table3";
import { type Command, Option } from "commander";
import {
  type DatedFigure,
  dateFigures,
  ERAS,
  formatProblem,
  makeLedger,
  parseAsOfDate,
  parseDeals,
  parseFigures,
  queryFigures,
  TOPICS,
} from "../evidence/index.ts";
import { buildEvidenceModel } from "../frameworks/model.ts";
import { DEFAULT_DEALS_FILE, DEFAULT_EVIDENCE_FILE, loadEvidence, readText } from "../node/evidence-files.ts";

export {
  DEFAULT_DATA_DIR,
  DEFAULT_DEALS_FILE,
  DEFAULT_EVIDENCE_FILE,
  type LoadedEvidence,
  loadEvidence,
} from "../node/evidence-files.ts";

function parseIntOption(name: string) {
  return (raw: string): number => {
    const v = Number(raw);
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${name} must be a non-negative integer, got "${raw}"`);
    return v;
  };
}

/** Registers the `evidence` command and its subcommands. */
export function registerEvidence(program: Command): void {
  const evidence = program.command("evidence").description("the evidence ledger: validate, list, model");

  evidence
    .command("check")
    .description("validate data/evidence.csv and data/deals.csv: one line per problem, exit 1 when any")
    .option("--file <path>", "evidence CSV to check", DEFAULT_EVIDENCE_FILE)
    .option("--deals <path>", "deals CSV to check", DEFAULT_DEALS_FILE)
    .action((opts: { file: string; deals: string }) => {
      const f = parseFigures(readText(opts.file), opts.file);
      const d = parseDeals(readText(opts.deals), opts.deals);
      const problems = [...f.problems, ...d.problems];
      for (const p of problems) process.stdout.write(`${formatProblem(p)}\n`);
      if (problems.length > 0) {
        throw new Error(`evidence check: ${problems.length} problem(s) in ${opts.file} and ${opts.deals}`);
      }
      process.stdout.write(`ok: ${f.records.length} figures, ${d.records.length} deals, no problems\n`);
    });

  evidence
    .command("list")
    .description("list ledger figures, optionally as known on a date")
    .addOption(new Option("--topic <topic>", "only this topic").choices([...TOPICS]))
    .addOption(new Option("--era <era>", "only this era").choices([...ERAS]))
    .option("--as-of <date>", "only figures known by this date (YYYY, YYYY-MM or YYYY-MM-DD)")
    .option("--file <path>", "evidence CSV", DEFAULT_EVIDENCE_FILE)
    .option("--json", "print JSON instead of a table")
    .action((opts: { topic?: string; era?: string; asOf?: string; file: string; json?: boolean }) => {
      if (opts.asOf !== undefined) parseAsOfDate(opts.asOf);
      const parsed = parseFigures(readText(opts.file), opts.file);
      const ledger = makeLedger(dateFigures(parsed.records));
      const rows: DatedFigure[] = queryFigures(ledger, { topic: opts.topic, era: opts.era, asOf: opts.asOf });
      if (parsed.problems.length > 0) {
        process.stderr.write(
          `bubblescope: warning: ${parsed.problems.length} invalid row(s) left out; run \`bubblescope evidence check\`\n`,
        );
      }
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
        return;
      }
      const table = new Table({
        head: ["id", "era", "topic", "entity", "metric", "value", "unit", "as of", "known from"],
        colWidths: [6, 5, 14, 24, 40, 10, 14, 14, 12],
        wordWrap: true,
        style: { head: [], border: [] },
      });
      for (const r of rows) {
        const range = r.low !== null || r.high !== null ? ` (${r.low ?? ""}–${r.high ?? ""})` : "";
        table.push([r.id, r.era, r.topic, r.entity, r.metric, `${r.value}${range}`, r.unit, r.as_of, r.knownFrom]);
      }
      process.stdout.write(`${table.toString()}\n${rows.length} figure(s)\n`);
    });

  evidence
    .command("model")
    .description("print the evidence model (claims, indicators, frameworks, sensitivity, deal graph) as JSON")
    .option("--as-of <date>", "use only what was known by this date")
    .option("--seed <n>", "Monte Carlo seed", parseIntOption("--seed"))
    .option("--draws <n>", "Monte Carlo draws per indicator", parseIntOption("--draws"))
    .option("--file <path>", "evidence CSV", DEFAULT_EVIDENCE_FILE)
    .option("--deals <path>", "deals CSV", DEFAULT_DEALS_FILE)
    .action((opts: { asOf?: string; seed?: number; draws?: number; file: string; deals: string }) => {
      const { ledger, deals, problems } = loadEvidence(opts.file, opts.deals);
      if (problems.length > 0) {
        throw new Error(`the data has ${problems.length} problem(s); run \`bubblescope evidence check\` first`);
      }
      const model = buildEvidenceModel({ ledger, deals, asOf: opts.asOf, seed: opts.seed, draws: opts.draws });
      process.stdout.write(`${JSON.stringify(model, null, 2)}\n`);
    });
}
