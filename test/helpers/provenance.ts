/**
 * Walks a JSON value and returns the paths of numbers that have no provenance: a number is traced when some
 * enclosing object carries a non-empty `evidence` array or a `source` string.
 */
export function untracedNumbers(value: unknown, path = "$", traced = false): string[] {
  if (typeof value === "number") return traced ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((v, i) => untracedNumbers(v, `${path}[${i}]`, traced));
  if (value && typeof value === "object") {
    const o = value as Record<string, unknown>;
    const here =
      traced ||
      (Array.isArray(o.evidence) && o.evidence.length > 0) ||
      (typeof o.source === "string" && o.source.length > 0);
    return Object.entries(o).flatMap(([k, v]) => untracedNumbers(v, `${path}.${k}`, here));
  }
  return [];
}
