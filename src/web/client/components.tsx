/**
 * Shared pieces of the dashboard: an ECharts chart with SVG/PNG export, a sortable table with CSV export, verdict
 * badges and evidence links. Charts use the SVG renderer and are labelled for screen readers; tables sort with
 * header buttons (keyboard-operable, `aria-sort`).
 */
import type { EChartsCoreOption } from "echarts";
import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { echarts } from "./echarts.ts";
import { type Cell, saveBlob, svgToPng, toCsv } from "./export.ts";

export interface ChartProps {
  /** File name stem for exports and the `data-chart` attribute. */
  readonly name: string;
  readonly option: EChartsCoreOption;
  readonly height?: number;
  /** Accessible description of the chart. */
  readonly label: string;
  /** Called with ECharts' event parameters when a chart element (or an axis label with `triggerEvent`) is clicked. */
  readonly onClick?: (params: { componentType?: string; value?: unknown; dataIndex?: number }) => void;
}

/** An ECharts chart (SVG renderer) with "SVG" and "PNG" export buttons. */
export function Chart({ name, option, height = 320, label, onClick }: ChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const inst = useRef<ReturnType<typeof echarts.init> | null>(null);
  // Options are rebuilt on every render of a view; redraw only when their content (the signature) changes.
  const signature = JSON.stringify(option);
  useEffect(() => {
    const div = el.current!;
    const c = echarts.init(div, null, { renderer: "svg" });
    inst.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(div);
    return () => {
      ro.disconnect();
      c.dispose();
      inst.current = null;
    };
  }, []);
  useEffect(() => {
    inst.current?.setOption({ animation: false, ...option }, true);
  }, [signature]);
  // The latest handler, without re-initialising the chart.
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    const c = inst.current;
    if (!c) return;
    const h = (p: unknown) => click.current?.(p as Parameters<NonNullable<ChartProps["onClick"]>>[0]);
    c.on("click", h);
    return () => c.off("click", h);
  }, []);
  const svg = () => inst.current?.renderToSVGString() ?? "";
  const exportSvg = () => saveBlob(`${name}.svg`, new Blob([svg()], { type: "image/svg+xml" }));
  const exportPng = async () => {
    const c = inst.current;
    if (!c) return;
    saveBlob(`${name}.png`, await svgToPng(svg(), c.getWidth(), c.getHeight()));
  };
  return (
    <figure class="chart" data-chart={name}>
      <div ref={el} class="chart-canvas" style={{ height: `${height}px` }} role="img" aria-label={label} />
      <figcaption class="chart-tools">
        <button type="button" onClick={exportSvg} aria-label={`Export chart ${name} as SVG`}>
          SVG
        </button>
        <button type="button" onClick={exportPng} aria-label={`Export chart ${name} as PNG`}>
          PNG
        </button>
      </figcaption>
    </figure>
  );
}

export interface Column<T> {
  readonly key: string;
  readonly label: string;
  /** Value used for sorting and CSV. */
  readonly value: (row: T) => Cell;
  /** Cell content (default: the value). */
  readonly render?: (row: T) => ComponentChildren;
  readonly numeric?: boolean;
}

export interface TableProps<T> {
  readonly name: string;
  readonly caption: string;
  readonly rows: readonly T[];
  readonly columns: readonly Column<T>[];
  readonly rowKey: (row: T) => string;
  readonly sortKey?: string;
  readonly sortDir?: "asc" | "desc";
  readonly onSort?: (key: string, dir: "asc" | "desc") => void;
  readonly rowClass?: (row: T) => string;
}

function compare(a: Cell, b: Cell): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === "") return 1;
  if (b === null || b === undefined || b === "") return -1;
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "en", { numeric: true });
}

/** Sorts rows by a column (stable; empty cells last). */
export function sortRows<T>(rows: readonly T[], col: Column<T> | undefined, dir: "asc" | "desc"): T[] {
  if (!col) return [...rows];
  const s = dir === "asc" ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((x, y) => {
      const va = col.value(x.r);
      const vb = col.value(y.r);
      const emptyA = va === null || va === undefined || va === "";
      const emptyB = vb === null || vb === undefined || vb === "";
      if (emptyA || emptyB) return emptyA === emptyB ? x.i - y.i : emptyA ? 1 : -1;
      return s * compare(va, vb) || x.i - y.i;
    })
    .map((x) => x.r);
}

/** A sortable table with a CSV export of the rows as shown. */
export function DataTable<T>(p: TableProps<T>) {
  const [localSort, setLocalSort] = useState<{ key?: string; dir: "asc" | "desc" }>({ dir: "asc" });
  const key = p.onSort ? p.sortKey : localSort.key;
  const dir = (p.onSort ? p.sortDir : localSort.dir) ?? "asc";
  const rows = sortRows(
    p.rows,
    p.columns.find((c) => c.key === key),
    dir,
  );
  const sortBy = (k: string) => {
    const d = k === key && dir === "asc" ? "desc" : "asc";
    if (p.onSort) p.onSort(k, d);
    else setLocalSort({ key: k, dir: d });
  };
  const exportCsv = () =>
    saveBlob(
      `${p.name}.csv`,
      new Blob(
        [
          toCsv(
            p.columns.map((c) => c.key),
            rows.map((r) => p.columns.map((c) => c.value(r))),
          ),
        ],
        { type: "text/csv" },
      ),
    );
  return (
    <div class="table-wrap" data-table={p.name}>
      <div class="table-tools">
        <span class="count" aria-live="polite">
          {rows.length} rows
        </span>
        <button type="button" onClick={exportCsv} aria-label={`Export table ${p.name} as CSV`}>
          CSV
        </button>
      </div>
      <table>
        <caption>{p.caption}</caption>
        <thead>
          <tr>
            {p.columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                aria-sort={c.key === key ? (dir === "asc" ? "ascending" : "descending") : "none"}
                class={c.numeric ? "num" : ""}
              >
                <button type="button" class="sort" onClick={() => sortBy(c.key)}>
                  {c.label}
                  <span aria-hidden="true">{c.key === key ? (dir === "asc" ? " ▲" : " ▼") : ""}</span>
                </button>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={p.rowKey(r)} class={p.rowClass?.(r) ?? ""} data-row={p.rowKey(r)}>
              {p.columns.map((c) => (
                <td key={c.key} class={c.numeric ? "num" : ""}>
                  {c.render ? c.render(r) : fmtCell(c.value(r))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function fmtCell(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return fmtNum(v);
  return String(v);
}

/** A number for display: 4 significant digits, grouped thousands. */
export function fmtNum(v: number | null | undefined, unit = ""): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "n/a";
  const a = Math.abs(v);
  const s =
    Number.isInteger(v) && a < 1e6
      ? v.toLocaleString("en-US")
      : a >= 1000
        ? v.toLocaleString("en-US", { maximumFractionDigits: 0 })
        : Number(v.toPrecision(4)).toString();
  return unit ? `${s} ${unit}` : s;
}

/** A verdict or claim-status badge (text + shape, never colour alone). */
export function Badge({ value }: { value: string }) {
  const icon =
    value === "bubble-like" || value === "contradicted"
      ? "▲"
      : value === "healthy" || value === "supported"
        ? "●"
        : value === "qualified"
          ? "◆"
          : "○";
  return (
    <span class={`badge b-${value.replace(/[^a-z-]/gi, "")}`} data-verdict={value}>
      <span aria-hidden="true">{icon} </span>
      {value}
    </span>
  );
}

/** Evidence ids as links into the Evidence view (price ids and unknown ids as plain text). */
export function EvidenceLinks({ ids, href }: { ids: readonly string[]; href: (id: string) => string }) {
  if (ids.length === 0) return null;
  return (
    <span class="ev">
      {ids.map((id) =>
        /^[ED]\d+$/.test(id) ? (
          <a key={id} href={href(id)} data-evidence={id}>
            {id}
          </a>
        ) : (
          <span key={id}>{id}</span>
        ),
      )}
    </span>
  );
}
