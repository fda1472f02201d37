/**
 * Regenerates the bundled price snapshot `data/prices/` from the research folder `../shared/data/prices`:
 * for each series the report and the README examples use, the date and the split-adjusted close over the span
 * needed, closes written at the source's precision (FRED: 2 decimals, a few 2018–2020 rows up to 6; Yahoo: up to 6), never rounded,
 * plus `PROVENANCE.md` (origin, licence note, transformation, range, rows, sha256 per file) and `manifest.json`
 * (the same facts, read at run time for the report header).
 *
 *   node --import tsx scripts/make-snapshot.ts [--shared DIR]
 *
 * `../shared` is needed only here, never at run time.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SNAPSHOT_FILES } from "../src/report/snapshot.ts";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const argShared = process.argv.indexOf("--shared");
const shared = resolve(
  argShared > 0 ? process.argv[argShared + 1] : (process.env.BUBBLESCOPE_SHARED ?? join(repo, "../shared")),
);
const srcDir = join(shared, "data/prices");
const outDir = join(repo, "data/prices");

/** The shared PROVENANCE.md table row of a file: upstream repo, path, commit, licence. */
function upstream(file: string): { repo: string; path: string; commit: string; license: string } {
  const text = readFileSync(join(shared, "data/PROVENANCE.md"), "utf8");
  const row = text.split("\n").find((l) => l.startsWith(`| prices/${file} |`));
  if (!row) throw new Error(`${file}: not listed in ${shared}/data/PROVENANCE.md`);
  const c = row.split("|").map((s) => s.trim());
  return { repo: c[2], path: c[3], commit: c[4], license: c[5] };
}

/** Formats a close with at most `decimals` and at least `min` decimals (trailing zeros beyond `min` dropped). */
function fmt(v: number, decimals: number, min: number): string {
  let s = v.toFixed(decimals);
  while (s.includes(".") && s.endsWith("0") && s.length - s.indexOf(".") - 1 > min) s = s.slice(0, -1);
  return s.endsWith(".") ? s.slice(0, -1) : s;
}

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

mkdirSync(outDir, { recursive: true });
const manifest: {
  file: string;
  origin: string;
  from: string;
  to: string;
  rows: number;
  sha256: string;
}[] = [];
const sections: string[] = [];
for (const spec of SNAPSHOT_FILES) {
  const text = readFileSync(join(srcDir, spec.file), "utf8").replace(/\r/g, "");
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  const header = lines[0].split(",");
  const di = header.indexOf("date");
  const ci = header.indexOf("close");
  if (di < 0 || ci < 0) throw new Error(`${spec.file}: needs date and close columns, has ${header.join(",")}`);
  const out = ["date,close"];
  for (const l of lines.slice(1)) {
    const c = l.split(",");
    const d = c[di];
    if (d < spec.from || d > spec.to) continue;
    const v = Number(c[ci]);
    if (c[ci] === "" || !Number.isFinite(v)) throw new Error(`${spec.file}: ${d}: close "${c[ci]}" is not a number`);
    const f = fmt(v, spec.decimals, spec.minDecimals);
    if (Number(f) !== v) throw new Error(`${spec.file}: ${d}: close ${c[ci]} has more than ${spec.decimals} decimals`);
    out.push(`${d},${f}`);
  }
  const body = `${out.join("\n")}\n`;
  const tmp = join(outDir, `${spec.file}.tmp`);
  writeFileSync(tmp, body);
  renameSync(tmp, join(outDir, spec.file));
  const rows = out.length - 1;
  const from = out[1].slice(0, 10);
  const to = out[rows].slice(0, 10);
  const hash = sha256(body);
  manifest.push({ file: spec.file, origin: `../shared/data/prices/${spec.file}`, from, to, rows, sha256: hash });
  const up = upstream(spec.file);
  sections.push(
    [
      `## ${spec.file}`,
      "",
      `- **what**: ${spec.what}`,
      `- **origin**: \`../shared/data/prices/${spec.file}\` (sha256 ${sha256(readFileSync(join(srcDir, spec.file), "utf8"))}), itself from GitHub \`${up.repo}\` \`${up.path}\` at commit ${up.commit}`,
      `- **licence note**: ${up.license}`,
      `- **transformation**: kept the \`date\` and \`close\` columns (split-adjusted close, not dividend-adjusted)${spec.from !== "1900-01-01" || spec.to !== "2099-12-31" ? `; rows from ${spec.from} to ${spec.to}` : ""}; closes written with ${spec.minDecimals > 0 ? `${spec.minDecimals} to ${spec.decimals}` : `at most ${spec.decimals}`} decimals (the source's precision: no close is rounded)`,
      `- **range**: ${from} .. ${to}`,
      `- **rows**: ${rows}`,
      `- **sha256**: ${hash}`,
      `- **used for**: ${spec.usedFor}`,
    ].join("\n"),
  );
}
const lastDate = manifest.map((m) => m.to).sort()[manifest.length - 1];
writeFileSync(
  join(outDir, "manifest.json"),
  `${JSON.stringify({ generatedBy: "scripts/make-snapshot.ts", lastDate, files: manifest }, null, 2)}\n`,
);
writeFileSync(
  join(outDir, "PROVENANCE.md"),
  [
    "# Bundled price snapshot",
    "",
    "Compact copies of the price series that `bubblescope report` and the README examples use, so that a fresh",
    "clone computes every price section with nothing beside it. Generated by `scripts/make-snapshot.ts` from the",
    "research folder `../shared/data/prices` (see `../shared/data/PROVENANCE.md` for its own QA); do not edit by",
    "hand. `bubblescope data update` refreshes the same series online into the data store, which then takes",
    "precedence over this snapshot.",
    "",
    `Last date in the snapshot: **${lastDate}**. Layout of every file: \`date,close\` (ISO date, split-adjusted close).`,
    "",
    ...sections.flatMap((s) => [s, ""]),
  ].join("\n"),
);
process.stdout.write(`data/prices: ${manifest.length} files, last date ${lastDate}\n`);
