/**
 * Canonical JSON for hashing: object keys sorted by UTF-16 code units, no whitespace, `undefined` members omitted,
 * numbers as JSON.stringify writes them (shortest round-trip form); non-finite numbers are refused. The same value
 * always gives the same text, so its SHA-256 identifies it. Complexity O(n log n) in the number of keys.
 */

/**
 * @example
 * canonicalJson({ b: 1, a: [true, null, "x"] }); // '{"a":[true,null,"x"],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) throw new RangeError(`canonical JSON cannot hold ${value}`);
      return JSON.stringify(value);
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "object": {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
      const o = value as Record<string, unknown>;
      const keys = Object.keys(o)
        .filter((k) => o[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot hold a ${typeof value}`);
  }
}
