/**
 * `npm run bench`: runs every benchmark module and writes BENCHMARKS.md (date, machine, then one section per
 * module). Each module in `bench/` exports `run(): Promise<BenchSection>`; add it to MODULES below.
 * Pass module names to run a subset (`npm run bench -- psy`); the other sections are then kept from the
 * existing BENCHMARKS.md.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";

export interface BenchSection {
  /** Section title, used as its `##` heading and as the key when merging partial runs. */
  title: string;
  /** Markdown body: tables comparing our times with the reference tools'. */
  markdown: string;
}

const MODULES: Record<string, () => Promise<{ run: () => Promise<BenchSection> }>> = {
  psy: () => import("./psy.ts"),
  lppls: () => import("./lppls.ts"),
  cli: () => import("./cli.ts"),
  scan: () => import("./scan.ts"),
};

function machine(): string {
  const c = cpus();
  return `${c[0]?.model ?? "unknown CPU"}, ${c.length} logical cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}/${process.arch}`;
}

function splitSections(md: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = md.split(/^## /m).slice(1);
  for (const p of parts) {
    const nl = p.indexOf("\n");
    out.set(p.slice(0, nl).trim(), p.slice(nl + 1).trim());
  }
  return out;
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  for (const w of wanted)
    if (!(w in MODULES)) throw new RangeError(`unknown benchmark "${w}" (have: ${Object.keys(MODULES).join(", ")})`);
  const names = wanted.length > 0 ? wanted : Object.keys(MODULES);
  const existing = existsSync("BENCHMARKS.md") ? splitSections(readFileSync("BENCHMARKS.md", "utf8")) : new Map();
  const sections = new Map<string, string>(existing);
  for (const name of names) {
    process.stderr.write(`bench: ${name}\n`);
    const mod = await MODULES[name]();
    const s = await mod.run();
    sections.set(
      s.title,
      `${s.markdown.trim()}\n\n_Measured ${new Date().toISOString().slice(0, 10)} on ${machine()}._`,
    );
  }
  const body = [...sections].map(([t, m]) => `## ${t}\n\n${m}\n`).join("\n");
  const md = `# Benchmarks\n\nWritten by \`npm run bench\` (never by unit tests). Reference-tool figures come from \`../shared/reference/*/baseline.md\` (CPU time, same VM). This machine has 2 shared vCPUs; treat single-digit-percent differences as noise.\n\nLast run: ${new Date().toISOString()} on ${machine()}.\n\n${body}`;
  writeFileSync("BENCHMARKS.md.tmp", md);
  renameSync("BENCHMARKS.md.tmp", "BENCHMARKS.md");
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
