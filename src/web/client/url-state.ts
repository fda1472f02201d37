/**
 * The dashboard's state in the URL hash, `#/<view>?key=value&…`, so a link reproduces what is on screen: the view,
 * the as-of date, the assumptions and each view's filters and settings. Parsing never throws: unknown views fall
 * back to the verdict view and unknown keys are kept as they are. Browser-safe, pure.
 */

export const VIEWS = Object.freeze([
  "verdict",
  "claims",
  "evidence",
  "assumptions",
  "series",
  "deals",
  "valuation",
  "scan",
] as const);
export type View = (typeof VIEWS)[number];

export const VIEW_LABELS: Readonly<Record<View, string>> = Object.freeze({
  verdict: "Verdict",
  claims: "Claims",
  evidence: "Evidence",
  assumptions: "Assumptions",
  series: "Series",
  deals: "Deals",
  valuation: "Valuation",
  scan: "Scan",
});

export interface UrlState {
  readonly view: View;
  readonly params: Readonly<Record<string, string>>;
}

/**
 * Parses a location hash.
 *
 * @example
 * parseHash("#/claims?status=supported"); // { view: "claims", params: { status: "supported" } }
 */
export function parseHash(hash: string): UrlState {
  const h = hash.replace(/^#\/?/, "");
  const q = h.indexOf("?");
  const name = (q >= 0 ? h.slice(0, q) : h).toLowerCase();
  const view = (VIEWS as readonly string[]).includes(name) ? (name as View) : "verdict";
  const params: Record<string, string> = {};
  if (q >= 0) for (const [k, v] of new URLSearchParams(h.slice(q + 1))) params[k] = v;
  return { view, params };
}

/** Serialises a state (empty values are left out; keys sorted, so equal states give equal URLs). */
export function formatHash(s: UrlState): string {
  const p = new URLSearchParams();
  for (const k of Object.keys(s.params).sort()) if (s.params[k] !== "") p.set(k, s.params[k]);
  const qs = p.toString();
  return `#/${s.view}${qs ? `?${qs}` : ""}`;
}

/** A number parameter within [min, max], or null when absent or invalid. */
export function numParam(
  params: Readonly<Record<string, string>>,
  key: string,
  min: number,
  max: number,
): number | null {
  const raw = params[key];
  if (raw === undefined || raw.trim() === "") return null;
  const v = Number(raw);
  return Number.isFinite(v) && v >= min && v <= max ? v : null;
}

/** An as-of parameter (YYYY, YYYY-MM or YYYY-MM-DD), or null. */
export function asOfParam(params: Readonly<Record<string, string>>): string | null {
  const v = params.asOf;
  return v && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v) ? v : null;
}
