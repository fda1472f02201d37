/**
 * Watchlists: a named basket of symbols with, for each, where its prices are found (file names in a price
 * folder, tried in order, and series ids in the data store) and why it belongs there. `parseWatchlist` accepts
 * the JSON form (`data/watchlists/*.json`) or a plain text file of symbols, one per line (`#` comments).
 */

export interface WatchlistMember {
  readonly symbol: string;
  readonly name?: string;
  /** Candidate file names in a price folder (the first one found with the most data up to the as-of date wins). */
  readonly files: readonly string[];
  /** Candidate series ids in the data store. */
  readonly store: readonly string[];
  readonly why?: string;
}

export interface Watchlist {
  readonly name: string;
  readonly title: string;
  readonly why: string;
  readonly members: readonly WatchlistMember[];
}

const SYMBOL = /^[A-Za-z0-9_.^:-]{1,40}$/;

/**
 * Parses a watchlist file's text (JSON or one symbol per line).
 *
 * @example
 * parseWatchlist("NVDA\nMSFT # software\n", "mine").members.map((m) => m.symbol); // ["NVDA", "MSFT"]
 */
export function parseWatchlist(text: string, fallbackName: string): Watchlist {
  const trimmed = text.trim();
  if (trimmed.startsWith("{")) {
    let doc: unknown;
    try {
      doc = JSON.parse(trimmed);
    } catch (e) {
      throw new RangeError(`watchlist ${fallbackName}: not valid JSON (${(e as Error).message})`);
    }
    const o = doc as Record<string, unknown>;
    if (!Array.isArray(o.members) || o.members.length === 0)
      throw new RangeError(`watchlist ${fallbackName}: "members" must be a non-empty array`);
    const members = o.members.map((m: unknown, i: number) => {
      const r = m as Record<string, unknown>;
      if (typeof r.symbol !== "string" || !SYMBOL.test(r.symbol))
        throw new RangeError(`watchlist ${fallbackName}: member ${i + 1} has no valid "symbol"`);
      const list = (k: string) => {
        const v = r[k];
        if (v === undefined) return [];
        if (!Array.isArray(v) || v.some((x) => typeof x !== "string"))
          throw new RangeError(`watchlist ${fallbackName}: member ${r.symbol}: "${k}" must be an array of strings`);
        return v as string[];
      };
      return {
        symbol: r.symbol,
        ...(typeof r.name === "string" ? { name: r.name } : {}),
        files: list("files"),
        store: list("store"),
        ...(typeof r.why === "string" ? { why: r.why } : {}),
      };
    });
    const dup = members.find((m, i) => members.findIndex((x) => x.symbol === m.symbol) !== i);
    if (dup) throw new RangeError(`watchlist ${fallbackName}: symbol ${dup.symbol} is listed twice`);
    return {
      name: typeof o.name === "string" ? o.name : fallbackName,
      title: typeof o.title === "string" ? o.title : fallbackName,
      why: typeof o.why === "string" ? o.why : "",
      members,
    };
  }
  const members: WatchlistMember[] = [];
  trimmed.split(/\r?\n/).forEach((line, i) => {
    const sym = line.replace(/#.*/, "").trim();
    if (sym === "") return;
    if (!SYMBOL.test(sym)) throw new RangeError(`watchlist ${fallbackName}: line ${i + 1}: "${sym}" is not a symbol`);
    if (members.some((m) => m.symbol === sym))
      throw new RangeError(`watchlist ${fallbackName}: symbol ${sym} is listed twice`);
    members.push({ symbol: sym, files: [], store: [sym] });
  });
  if (members.length === 0) throw new RangeError(`watchlist ${fallbackName}: no symbols`);
  return { name: fallbackName, title: fallbackName, why: "", members };
}
