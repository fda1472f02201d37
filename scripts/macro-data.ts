/**
 * Regenerates the compact macro snapshot in data/macro/ from the research folder's data/macro/ (`npm run
 * macro-data`, or `node --import tsx scripts/macro-data.ts [SHARED_MACRO_DIR]`; default ../shared/data/macro or
 * $BUBBLESCOPE_SHARED/data/macro). Each output joins several `date,value` source files on the date into one table
 * (no value is changed: the source's text is copied cell by cell; a missing cell is empty), and data/macro/
 * PROVENANCE.md lists every output's origin, transformation, range, rows and sha256 beside the sha256 of each input.
 */
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const src = resolve(
  process.argv[2] ??
    (process.env.BUBBLESCOPE_SHARED
      ? join(process.env.BUBBLESCOPE_SHARED, "data", "macro")
      : join(root, "..", "shared", "data", "macro")),
);
const outDir = join(root, "data", "macro");
const sha = (s: string | Buffer) => createHash("sha256").update(s).digest("hex");

function readSource(file: string): { map: Map<string, string>; sha: string } {
  const text = readFileSync(join(src, file), "utf8");
  const lines = text.trim().split(/\r?\n/);
  if (lines[0] !== "date,value") throw new Error(`${file}: expected header date,value, got ${lines[0]}`);
  const map = new Map<string, string>();
  for (const l of lines.slice(1)) {
    const [d, v] = l.split(",");
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || !Number.isFinite(Number(v))) throw new Error(`${file}: bad row "${l}"`);
    map.set(d, v);
  }
  return { map, sha: sha(text) };
}

interface Output {
  file: string;
  what: string;
  columns: readonly [string, string][];
  /** Rows are the dates of this column (the others are joined to it). */
  spine: readonly string[];
}

const OUTPUTS: readonly Output[] = [
  {
    file: "shiller_monthly.csv",
    what: "Shiller's S&P Composite monthly data (ie_data.xls): price P, 12-month dividends D and earnings E, CPI, and his published CAPE (P/E10) — the inputs of the CAPE and of the P/D and P/E PSY tests, and the published CAPE they are checked against",
    columns: [
      ["price", "shiller_sp500_price_monthly.csv"],
      ["dividend", "shiller_sp500_dividend_monthly.csv"],
      ["earnings", "shiller_sp500_earnings_monthly.csv"],
      ["cpi", "shiller_cpi_monthly.csv"],
      ["cape_published", "shiller_cape_monthly.csv"],
    ],
    spine: ["price"],
  },
  {
    file: "buffett_quarterly.csv",
    what: "Buffett indicator inputs: market value of nonfinancial corporate equities (Fed Z.1 NCBEILQ027S, reconstructed, millions USD), nominal GDP (FRED GDP, billions USD SAAR) and the published ratio (% of GDP)",
    columns: [
      ["equities_musd", "ncbeilq027s_reconstructed_quarterly.csv"],
      ["gdp_busd", "gdp_nominal_quarterly.csv"],
      ["ratio_published", "buffett_ratio_ncbeilq027s_to_gdp_quarterly.csv"],
    ],
    spine: ["equities_musd"],
  },
  {
    file: "nasdaq_macro_monthly.csv",
    what: "NASDAQ Composite month-end close (FRED NASDAQCOM), CPI-U SA (FRED CPIAUCSL; 2025-10 has no value — no BLS release) and industrial production (FRED INDPRO): the dependent variable and controls of the technology-adjusted PSY test",
    columns: [
      ["nasdaq_close", "nasdaqcom_monthly_close.csv"],
      ["cpi", "cpiaucsl_monthly.csv"],
      ["indpro", "indpro_monthly.csv"],
    ],
    spine: ["nasdaq_close"],
  },
  {
    file: "tech_quarterly.csv",
    what: "Fernald (FRBSF, March 2026 vintage) quarterly TFP growth, % annualised: business-sector dtfp, utilisation-adjusted dtfp_util, and utilisation-adjusted equipment & durables TFP dtfp_I_util (investment-specific technology); levels are cumulated in code (src/macro/tech.ts)",
    columns: [
      ["dtfp", "tfp_fernald_dtfp_quarterly.csv"],
      ["dtfp_util", "tfp_fernald_dtfp_util_quarterly.csv"],
      ["dtfp_equipment_util", "tfp_fernald_dtfp_equipment_util_quarterly.csv"],
    ],
    spine: ["dtfp"],
  },
  {
    file: "tech_annual.csv",
    what: "Annual technology proxies: USPTO patent grants and applications (all types, 1963–2019) and Penn World Table TFP at constant national prices for the USA (FRED RTFPNAUSA632NRUG, 1954–2019)",
    columns: [
      ["patent_grants", "uspto_patent_grants_total_annual.csv"],
      ["patent_applications", "uspto_patent_applications_total_annual.csv"],
      ["pwt_tfp", "tfp_pwt_rtfpna_usa_annual.csv"],
    ],
    spine: ["patent_grants", "pwt_tfp"],
  },
];

const provRows: string[] = [];
const inputRows: string[] = [];
const seenInputs = new Set<string>();
for (const o of OUTPUTS) {
  const cols = o.columns.map(([name, file]) => ({ name, file, ...readSource(file) }));
  for (const c of cols)
    if (!seenInputs.has(c.file)) {
      seenInputs.add(c.file);
      inputRows.push(`| ${c.file} | ${c.map.size} | \`${c.sha}\` |`);
    }
  const dates = new Set<string>();
  for (const c of cols) if (o.spine.includes(c.name)) for (const d of c.map.keys()) dates.add(d);
  const sorted = [...dates].sort();
  const lines = [["date", ...cols.map((c) => c.name)].join(",")];
  for (const d of sorted) lines.push([d, ...cols.map((c) => c.map.get(d) ?? "")].join(","));
  const text = `${lines.join("\n")}\n`;
  writeFileSync(join(outDir, o.file), text);
  provRows.push(
    `| ${o.file} | ${o.what} | ${cols.map((c) => `\`${c.name}\` ← ${c.file}`).join("; ")} | ${sorted[0]} .. ${sorted[sorted.length - 1]} | ${sorted.length} | \`${sha(text)}\` |`,
  );
}

const md = `# data/macro — provenance

Compact tables the report and the tests need, derived from the research folder \`../shared/data/macro/\` (whose own
PROVENANCE.md gives each source's repository, commit, vintage, licence and quirks) by \`scripts/macro-data.ts\`
(\`npm run macro-data\`). **Transformation:** the listed \`date,value\` files are joined on their date into one table
per frequency; rows are the dates of the first column(s) named "spine" below; every cell is the source's text copied
verbatim, an absent date gives an empty cell. Nothing is interpolated, deflated, cumulated or rescaled here — that
happens in code (src/macro/), where it is documented and tested.

| file | what | columns ← source file | range | rows | sha256 |
|---|---|---|---|---|---|
${provRows.join("\n")}

Spines: shiller_monthly ← price; buffett_quarterly ← equities_musd; nasdaq_macro_monthly ← nasdaq_close;
tech_quarterly ← dtfp; tech_annual ← patent_grants ∪ pwt_tfp.

## Inputs (sha256 of the shared files this snapshot was built from)

| shared file | rows | sha256 |
|---|---|---|
${inputRows.join("\n")}

Quirks carried over (see the shared PROVENANCE.md): Shiller's last price month (2026-05) is a partial month and
CPI 2026-04/05 are his extrapolations; D and E end 2026-03 (recent quarters are S&P estimates); CPIAUCSL has no
2025-10 value (no BLS release after the federal shutdown); the equities series is reconstructed from the published
ratio × GDP (≤ 2e-7 relative rounding); patents are total grants (all types) to 2019; PWT TFP ends 2019; NASDAQ
1971-02 is a partial month; NASDAQCOM is a price index (no dividends), © Nasdaq (FRED: internal use).
`;
writeFileSync(join(outDir, "PROVENANCE.md"), md);
console.log(`wrote ${OUTPUTS.length} tables and PROVENANCE.md to ${outDir}`);
