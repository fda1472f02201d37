/**
 * The market-wide valuation section's charts (ECharts options → SVG), from the model's \`macro\` field.
 */
import { TALK_DATE } from "../../analysis/series.ts";
import type { MacroSection, ValuationJson } from "../macro-section.ts";
import { renderSvg } from "../svg.ts";
import { bsadfChartInput, psyChartOption } from "./psy.ts";
import { valuationChartOption } from "./valuation.ts";

/** The section's charts (ECharts options → SVG): the valuation history, the two ratio BSADF charts, the adjusted BSADF. */
export function macroCharts(m: MacroSection | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!m) return out;
  const { cape, buffett } = m.valuation;
  const marks = (s: ValuationJson) =>
    s.marks
      .filter((mk) => mk.key === "peak-2000" || mk.key === "latest" || mk.key === "peak-all")
      .filter((mk, i, a) => a.findIndex((x) => x.date === mk.date) === i)
      .map((mk) => ({ date: mk.date, value: mk.value, label: mk.label }));
  out.set(
    "macro-valuation",
    renderSvg(
      valuationChartOption({
        title: "Shiller CAPE and nonfinancial corporate equities / GDP",
        left: { label: "CAPE", unit: "x", history: cape.history, marks: marks(cape) },
        right: { label: "equities / GDP", unit: "% of GDP", history: buffett.history, marks: marks(buffett) },
        refDate: { date: TALK_DATE, label: "talk" },
      }),
      { width: 1000, height: 420 },
    ),
  );
  for (const p of m.ratioPsy)
    out.set(
      p.id,
      renderSvg(psyChartOption(bsadfChartInput(`${p.label}: BSADF vs 95% cv`, p)), { width: 560, height: 340 }),
    );
  const t = m.techAdjusted;
  if (t)
    out.set(
      "macro-adjusted",
      renderSvg(
        psyChartOption(
          bsadfChartInput("NASDAQ net of technology fundamentals: BSADF vs 95% bootstrap cv", t.chart, {
            values: t.chart.residual,
            name: "residual (speculative component)",
          }),
        ),
        { width: 1000, height: 380 },
      ),
    );
  return out;
}
