/**
 * `bubblescope report`: the main job. Builds the report model (evidence, indicators, frameworks, detectors on the
 * price series) and writes the report folder; see src/report/.
 */
import type { Command } from "commander";
import { ANALYSIS_DEFAULTS } from "../analysis/series.ts";
import type { ReportFlags } from "../report/run.ts";

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("Is AI a bubble? The complete, sourced report for both eras (terminal summary + HTML/JSON folder)")
    .option("--out <dir>", "report folder", "./bubblescope-report")
    .option(
      "--data <dir>",
      "folder of price CSVs (date,close or date,open,high,low,close,adj_close,volume); default: the data store, $BUBBLESCOPE_DATA, then the bundled snapshot",
    )
    .option("--as-of <date>", "replay with only what was knowable on this date (YYYY-MM-DD)")
    .option("--json", "print report.json to stdout")
    .option("--no-cache", "rebuild the model and charts even when a cached copy for the same inputs exists")
    .option("--seed <s>", "seed for the Monte Carlo parts", String(ANALYSIS_DEFAULTS.seed))
    .option("--nrep <n>", "Monte Carlo replications for PSY critical values", String(ANALYSIS_DEFAULTS.psyNrep))
    .action(async (flags: ReportFlags) => {
      const { runReport } = await import("../report/run.ts"); // lazy: the report loads ECharts, resvg, zod
      await runReport(flags);
    });
}
