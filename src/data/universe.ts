/**
 * The default universe of `bubblescope data pull`: the two indices of the talk (Nasdaq Composite from FRED, the
 * PHLX Semiconductor index from Stooq), the 2000 and 2025 bellwethers' daily prices (Stooq), two macro series
 * (GDP, CPI) and the hyperscalers' and chip makers' fundamentals from SEC EDGAR. CIKs are SEC's.
 */

/** One item to pull. */
export type UniverseItem =
  | { readonly kind: "fred"; readonly id: string; readonly seriesId: string; readonly name: string }
  | {
      readonly kind: "stooq";
      readonly id: string;
      readonly symbol: string;
      readonly ticker: string;
      readonly name: string;
    }
  | { readonly kind: "sec"; readonly id: string; readonly ticker: string; readonly cik: number; readonly name: string };

const stock = (ticker: string, name: string): UniverseItem => ({
  kind: "stooq",
  id: ticker,
  symbol: `${ticker.toLowerCase()}.us`,
  ticker,
  name,
});
const sec = (ticker: string, cik: number, name: string): UniverseItem => ({
  kind: "sec",
  id: `sec:${ticker}`,
  ticker,
  cik,
  name,
});

/** Everything `data pull` fetches by default. */
export const DEFAULT_UNIVERSE: readonly UniverseItem[] = Object.freeze([
  { kind: "fred", id: "NASDAQCOM", seriesId: "NASDAQCOM", name: "Nasdaq Composite index" },
  { kind: "stooq", id: "SOX", symbol: "^sox", ticker: "^SOX", name: "PHLX Semiconductor index" },
  stock("NVDA", "NVIDIA"),
  stock("CSCO", "Cisco Systems"),
  stock("MSFT", "Microsoft"),
  stock("GOOGL", "Alphabet"),
  stock("AMZN", "Amazon.com"),
  stock("META", "Meta Platforms"),
  stock("ORCL", "Oracle"),
  stock("AVGO", "Broadcom"),
  stock("AMD", "Advanced Micro Devices"),
  { kind: "fred", id: "GDP", seriesId: "GDP", name: "US nominal GDP (quarterly, SAAR, $bn)" },
  { kind: "fred", id: "CPIAUCSL", seriesId: "CPIAUCSL", name: "US CPI, all urban consumers (monthly, SA)" },
  sec("MSFT", 789019, "Microsoft"),
  sec("GOOGL", 1652044, "Alphabet"),
  sec("AMZN", 1018724, "Amazon.com"),
  sec("META", 1326801, "Meta Platforms"),
  sec("ORCL", 1341439, "Oracle"),
  sec("NVDA", 1045810, "NVIDIA"),
  sec("AVGO", 1730168, "Broadcom"),
  sec("AMD", 2488, "Advanced Micro Devices"),
  sec("CSCO", 858877, "Cisco Systems"),
]);

/**
 * Selects items by id (case-insensitive; "sec:MSFT" or "MSFT" matches both the price and the fundamentals item).
 * Throws RangeError naming unknown ids.
 *
 * @example
 * selectUniverse(["nvda"]).map((i) => i.id); // ["NVDA", "sec:NVDA"]
 */
export function selectUniverse(
  ids?: readonly string[],
  universe: readonly UniverseItem[] = DEFAULT_UNIVERSE,
): UniverseItem[] {
  if (!ids || ids.length === 0) return [...universe];
  const want = ids.map((s) => s.trim().toUpperCase()).filter((s) => s !== "");
  const out = universe.filter((it) =>
    want.some((w) => it.id.toUpperCase() === w || it.id.toUpperCase() === `SEC:${w}`),
  );
  const unknown = want.filter(
    (w) => !universe.some((it) => it.id.toUpperCase() === w || it.id.toUpperCase() === `SEC:${w}`),
  );
  if (unknown.length > 0) {
    throw new RangeError(
      `unknown universe item(s): ${unknown.join(", ")} (known: ${universe.map((i) => i.id).join(", ")})`,
    );
  }
  return out;
}
