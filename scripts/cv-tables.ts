/**
 * Regenerates data/cv/: the Monte Carlo critical-value tables the default report needs (seed and replications of
 * ANALYSIS_DEFAULTS), so that a first run on a fresh install does not spend its time on null-distribution tables
 * that are the same for everyone (as exuber ships radf_crit). Builds the report once on an empty temporary cache
 * with the bundled tables turned off, then copies every Monte Carlo table it wrote (bootstrap tables depend on the
 * data and are not shipped) and writes data/cv/README.md listing them. test/node/bundled-cv.test.ts recomputes
 * each file and requires the same bytes.
 *
 *   npm run cv-tables
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ANALYSIS_DEFAULTS } from "../src/analysis/series.ts";
import { BUNDLED_CV_DIR } from "../src/node/cv-cache.ts";
import { loadEvidence } from "../src/node/evidence-files.ts";
import { buildReport } from "../src/report/build.ts";

const tmp = mkdtempSync(join(tmpdir(), "bubblescope-cv-tables-"));
process.env.BUBBLESCOPE_CACHE = tmp;
process.env.BUBBLESCOPE_BUNDLED_CV = "0";
process.env.BUBBLESCOPE_HOME = join(tmp, "no-store");
delete process.env.BUBBLESCOPE_DATA;
try {
  const ev = loadEvidence();
  await buildReport({
    figures: ev.figures,
    deals: ev.deals,
    ledgerFile: "data/evidence.csv",
    seed: ANALYSIS_DEFAULTS.seed,
    nrep: ANALYSIS_DEFAULTS.psyNrep,
    onProgress: (w) => process.stderr.write(`  … ${w}\n`),
  });
  rmSync(BUNDLED_CV_DIR, { recursive: true, force: true });
  mkdirSync(BUNDLED_CV_DIR, { recursive: true });
  const rows: string[] = [];
  for (const f of readdirSync(tmp)
    .filter((x) => x.endsWith(".json"))
    .sort()) {
    const doc = JSON.parse(readFileSync(join(tmp, f), "utf8")) as {
      params: { job: { kind: string; n: number; seed: number; test: { m: number; lag: number } }; nrep: number };
    };
    if (doc.params.job.kind !== "mc") continue;
    copyFileSync(join(tmp, f), join(BUNDLED_CV_DIR, f));
    const j = doc.params.job;
    rows.push(`| \`${f}\` | ${j.n} | ${j.test.m} | ${j.test.lag} | ${doc.params.nrep} | ${j.seed} |`);
  }
  writeFileSync(
    join(BUNDLED_CV_DIR, "README.md"),
    `# Bundled Monte Carlo critical values\n\nWritten by \`npm run cv-tables\` (scripts/cv-tables.ts): the PSY Monte Carlo tables (GSADF/BSADF quantiles under the random-walk null) that \`bubblescope report\` needs with its defaults (seed ${ANALYSIS_DEFAULTS.seed}, ${ANALYSIS_DEFAULTS.psyNrep} replications; the monthly ratio tests use min(nrep, 999)). Each file is a cache entry (parameters, SHA-256 checksum, payload); the report reads it when the user's cache has no entry for the same parameters. \`test/node/bundled-cv.test.ts\` recomputes every table and requires identical numbers. Data-dependent bootstrap tables are not shipped.\n\n| file | n | minimum window | lag | replications | seed |\n|---|---:|---:|---:|---:|---:|\n${rows.join("\n")}\n`,
  );
  process.stderr.write(`data/cv: ${rows.length} tables\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
