/**
 * Parses the compact `date,col1,col2,…` tables of data/macro/ (ISO dates, numbers, empty = missing) into columns.
 * Missing cells become NaN explicitly (never skipped): every consumer states how it treats them. O(rows × cols).
 *
 * @example
 * parseDateTable("date,a\n2000-01-01,1\n2000-02-01,\n").columns.a; // [1, NaN]
 */
export interface DateTable {
  readonly dates: readonly string[];
  readonly columns: Readonly<Record<string, readonly number[]>>;
}

export function parseDateTable(text: string, name = "table"): DateTable {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== "");
  if (lines.length < 2) throw new RangeError(`${name}: needs a header and at least one row`);
  const header = lines[0].split(",").map((h) => h.trim());
  if (header[0] !== "date") throw new RangeError(`${name}: the first column must be "date", got "${header[0]}"`);
  const dates: string[] = [];
  const cols: number[][] = header.slice(1).map(() => []);
  let prev = "";
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(",");
    if (cells.length !== header.length)
      throw new RangeError(`${name} row ${i + 1}: expected ${header.length} cells, got ${cells.length}`);
    const d = cells[0].trim();
    if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) throw new RangeError(`${name} row ${i + 1}: bad date "${d}"`);
    if (d <= prev) throw new RangeError(`${name} row ${i + 1}: dates must increase (${prev} then ${d})`);
    prev = d;
    dates.push(d);
    for (let c = 1; c < cells.length; c++) {
      const s = cells[c].trim();
      const v = s === "" ? Number.NaN : Number(s);
      if (s !== "" && !Number.isFinite(v))
        throw new RangeError(`${name} row ${i + 1}, column ${header[c]}: not a number: "${s}"`);
      cols[c - 1].push(v);
    }
  }
  const columns: Record<string, number[]> = {};
  header.slice(1).forEach((h, i) => {
    columns[h] = cols[i];
  });
  return { dates, columns };
}
