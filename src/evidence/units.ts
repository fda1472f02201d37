/**
 * Unit vocabulary and normaliser for the evidence ledger.
 *
 * Every figure carries a unit string from a closed vocabulary (`KNOWN_UNITS`). Each unit maps to a dimension
 * (money, money rate, money per GW, percent, ...) and a scale to that dimension's base unit, so that figures can
 * be compared and combined explicitly: `toBase(2.7, "USD bn")` is 2.7e9 USD, `convert(8.1, "USD m", "USD bn")`
 * is 0.0081. Currency is always US dollars in this ledger; a non-USD unit is rejected by `parseUnit`.
 * Complexity O(1) per lookup.
 */

/** What a unit measures; values are only convertible within one dimension. */
export type Dimension =
  | "money"
  | "money-rate"
  | "money-per-gw"
  | "money-per-share"
  | "price-per-gpu-hour"
  | "percent"
  | "percentage-points"
  | "percent-of-gdp"
  | "multiple"
  | "growth-per-year"
  | "tokens-per-month"
  | "count"
  | "index"
  | "power";

/** A parsed unit: its dimension, the factor to that dimension's base unit, and the currency if monetary. */
export interface UnitInfo {
  readonly unit: string;
  readonly dimension: Dimension;
  /** Multiply a value in this unit by `scale` to get the dimension's base unit (e.g. USD, tokens, GW). */
  readonly scale: number;
  readonly currency: "USD" | null;
  readonly description: string;
}

const U = (unit: string, dimension: Dimension, scale: number, currency: "USD" | null, description: string): UnitInfo =>
  Object.freeze({ unit, dimension, scale, currency, description });

/** The closed vocabulary of units accepted in `data/evidence.csv` and used by the frameworks. */
export const KNOWN_UNITS: Readonly<Record<string, UnitInfo>> = Object.freeze({
  USD: U("USD", "money", 1, "USD", "US dollars"),
  "USD m": U("USD m", "money", 1e6, "USD", "millions of US dollars"),
  "USD bn": U("USD bn", "money", 1e9, "USD", "billions of US dollars"),
  "USD bn/yr": U("USD bn/yr", "money-rate", 1e9, "USD", "billions of US dollars per year"),
  "USD bn per GW": U("USD bn per GW", "money-per-gw", 1e9, "USD", "billions of US dollars per gigawatt of capacity"),
  "USD/share": U("USD/share", "money-per-share", 1, "USD", "US dollars per share"),
  "USD per GPU-hour": U("USD per GPU-hour", "price-per-gpu-hour", 1, "USD", "US dollars per GPU-hour"),
  percent: U("percent", "percent", 1, null, "percent (0-100)"),
  "percentage points": U("percentage points", "percentage-points", 1, null, "difference of two percentages"),
  "percent of GDP": U("percent of GDP", "percent-of-gdp", 1, null, "percent of US GDP"),
  x: U("x", "multiple", 1, null, "a multiple (ratio), e.g. P/E"),
  ratio: U("ratio", "multiple", 1, null, "a ratio of two like quantities"),
  "x per year": U("x per year", "growth-per-year", 1, null, "growth factor per year"),
  "trillion tokens/month": U("trillion tokens/month", "tokens-per-month", 1e12, null, "trillions of tokens per month"),
  count: U("count", "count", 1, null, "a count"),
  million: U("million", "count", 1e6, null, "millions (of users etc.)"),
  index: U("index", "index", 1, null, "index points"),
  GW: U("GW", "power", 1, null, "gigawatts"),
});

/**
 * Looks a unit up in the vocabulary; `undefined` when it is not known (the validator reports it).
 *
 * @example
 * parseUnit("USD bn")?.scale; // 1e9
 */
export function parseUnit(unit: string): UnitInfo | undefined {
  return Object.hasOwn(KNOWN_UNITS, unit.trim()) ? KNOWN_UNITS[unit.trim()] : undefined;
}

/**
 * Value in the dimension's base unit (USD, tokens, percent...). Throws RangeError for an unknown unit.
 *
 * @example
 * toBase(8.1, "USD m"); // 8100000
 */
export function toBase(value: number, unit: string): number {
  const u = parseUnit(unit);
  if (!u) throw new RangeError(`unit must be one of the known units, got "${unit}"`);
  return value * u.scale;
}

/**
 * Converts between two units of the same dimension (or money stock to money rate, which share a scale only when
 * the caller states that the stock is one year's flow). Throws RangeError when the dimensions differ.
 *
 * @example
 * convert(23000000000, "USD", "USD bn"); // 23
 */
export function convert(value: number, from: string, to: string): number {
  const a = parseUnit(from);
  const b = parseUnit(to);
  if (!a) throw new RangeError(`from unit must be a known unit, got "${from}"`);
  if (!b) throw new RangeError(`to unit must be a known unit, got "${to}"`);
  if (a.dimension !== b.dimension) {
    throw new RangeError(`cannot convert "${from}" (${a.dimension}) to "${to}" (${b.dimension})`);
  }
  return (value * a.scale) / b.scale;
}

/** Formats a value with its unit for sentences ("27.5 percent", "USD 193.7 bn"). Pure formatting, no rounding rules. */
export function formatWithUnit(value: number, unit: string, digits = 3): string {
  const v = Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(digits)));
  switch (unit) {
    case "percent":
      return `${v}%`;
    case "percent of GDP":
      return `${v}% of GDP`;
    case "percentage points":
      return `${v} pp`;
    case "x":
    case "ratio":
      return `${v}x`;
    case "USD bn":
      return `$${v}bn`;
    case "USD bn/yr":
      return `$${v}bn/yr`;
    case "USD bn per GW":
      return `$${v}bn/GW`;
    default:
      return `${v} ${unit}`;
  }
}
