/**
 * Scan view: the scan runs recorded in the user's data store by `bubblescope scan` and `bubblescope monitor`,
 * read-only (GET /api/scan/runs, /api/scan/latest, /api/scan/runs/:id). For the chosen basket (watchlist) and run:
 * the basket's breadth — the share of its series in a PSY explosive episode over time, drawn by the scan's own
 * option builder — a heat map of BSADF / critical value by series over time (the recorded `heat` paths; a click on a
 * row opens that series in the Series view when it is a file of the dashboard's data folder; runs recorded before
 * the paths were kept fall back to the map of their date-stamped episodes), the ranked table (PSY GSADF against its 95% critical value, explosive now and since when, the
 * LPPLS confidence at the last date, the GSY two-year run-up with its crash probability, GMO's z-score), and what
 * changed since the previous run of the same basket and settings; a series whose name is a file of the dashboard's
 * data folder links to the Series view. The dashboard never starts a scan: with nothing
 * recorded it says which command to run. Nothing is recomputed here: the numbers are the recorded documents'.
 * URL state: `basket`, `run` (a run id; default the basket's latest), table sorting (`ssort`, `sdir`).
 */
import type { EChartsCoreOption } from "echarts";
import { useEffect, useState } from "preact/hooks";
import { breadthChartOption } from "../../../scan/breadth-chart.ts";
import { heatGrid, heatMapOption } from "../../../scan/heat-chart.ts";
import type { ScanSeriesResult } from "../../../scan/scan-series.ts";
import { Chart, DataTable, fmtNum } from "../components.tsx";
import type { ViewContext } from "../context.ts";
import type { ScanRunPayload, ScanRunsPayload, SeriesInfo } from "../types.ts";

type Load<T> =
  | { readonly state: "loading" }
  | { readonly state: "ready"; readonly data: T }
  | { readonly state: "empty" | "error"; readonly message: string };

/** Basket names the API accepts as `watchlist` (folder and store runs are chosen by run id). */
const WATCHLIST_NAME = /^[A-Za-z0-9_][A-Za-z0-9_. -]*$/;

async function getJson<T>(url: string): Promise<Load<T>> {
  for (let attempt = 0; ; attempt++) {
    const r = await fetch(url);
    if (r.status === 503 && attempt < 30) {
      // The store is being written by a scan: retry as the server asks.
      await new Promise((res) => setTimeout(res, 1000 * Number(r.headers.get("retry-after") ?? "1")));
      continue;
    }
    const j = (await r.json().catch(() => ({}))) as T & { error?: string };
    if (r.status === 404) return { state: "empty", message: j.error ?? "no scan recorded" };
    if (!r.ok) return { state: "error", message: j.error ?? `${url}: HTTP ${r.status}` };
    return { state: "ready", data: j };
  }
}

const n2 = (v: number | null | undefined, d = 2) => (v === null || v === undefined ? null : Number(v.toFixed(d)));
const margin = (s: ScanSeriesResult) => (s.gsadf !== null && s.cv95 !== null ? s.gsadf - s.cv95 : null);

/**
 * ECharts option: each series' tested window (thin grey) and its date-stamped explosive episodes (thick; vermillion
 * when the price rose over the episode, blue when it fell, as `datestamp`'s signal) on a common time axis, one row
 * per series in ranked order — the per-series view behind the breadth line (which counts both kinds). Draws the
 * recorded episodes only: the fallback for runs recorded before the scan kept its BSADF paths (`heat`).
 *
 * @example
 * episodeMapOption(scan.series, "ai").series.length; // 3
 */
export function episodeMapOption(series: readonly ScanSeriesResult[], title: string): EChartsCoreOption {
  const ok = series.filter((s) => !s.error && s.bsadfFrom && s.to);
  const names = ok.map((s) => s.name).reverse();
  const segments = (spans: (readonly [string, string])[], name: string) =>
    spans.flatMap(([a, b]) => [[a, name], [b, name], "-"]);
  return {
    title: { text: title, left: "center", textStyle: { fontSize: 14 } },
    tooltip: { trigger: "item" },
    legend: { bottom: 0 },
    grid: { left: 90, right: 24, top: 40, bottom: 56 },
    xAxis: { type: "time" },
    yAxis: { type: "category", data: names, axisTick: { show: false } },
    series: [
      {
        name: "tested window",
        type: "line",
        showSymbol: false,
        silent: true,
        lineStyle: { width: 2, color: "#bbbbbb" },
        itemStyle: { color: "#bbbbbb" },
        data: ok.flatMap((s) => segments([[s.bsadfFrom as string, s.to as string]], s.name)),
      },
      ...(["positive", "negative"] as const).map((signal) => {
        const colour = signal === "positive" ? "#D55E00" : "#0072B2";
        return {
          name: signal === "positive" ? "explosive episode (price up)" : "explosive episode (price down: a crash)",
          type: "line",
          showSymbol: false,
          lineStyle: { width: 10, color: colour },
          itemStyle: { color: colour },
          data: ok.flatMap((s) =>
            segments(
              s.episodes.filter((e) => e.signal === signal).map((e) => [e.start, e.end] as const),
              s.name,
            ),
          ),
        };
      }),
    ],
  };
}

export function ScanView({ ctx }: { ctx: ViewContext }) {
  const [runs, setRuns] = useState<Load<ScanRunsPayload & { message?: string }>>({ state: "loading" });
  const [run, setRun] = useState<Load<ScanRunPayload>>({ state: "loading" });
  const basket = ctx.params.basket ?? "";
  const runId = ctx.params.run ?? "";

  const [listed, setListed] = useState<ReadonlySet<string>>(new Set());
  useEffect(() => {
    let live = true;
    void getJson<ScanRunsPayload & { message?: string }>("/api/scan/runs?limit=200").then((r) => live && setRuns(r));
    // Series of the dashboard's data folder: a scanned series of the same name links to the Series view.
    void getJson<{ series: SeriesInfo[] }>("/api/series").then(
      (r) => live && r.state === "ready" && setListed(new Set(r.data.series.map((x) => x.id))),
    );
    return () => {
      live = false;
    };
  }, []);

  const none = runs.state === "ready" && runs.data.total === 0 ? (runs.data.message ?? "no scan recorded") : null;
  useEffect(() => {
    let live = true;
    if (runs.state === "loading") return;
    // Nothing recorded at all: say so without asking for a run (no 404 in a fresh user's console).
    if (none !== null) {
      setRun({ state: "empty", message: none });
      return;
    }
    setRun({ state: "loading" });
    const url = /^(scan|monitor)-\d+-[0-9a-f]{8}$/.test(runId)
      ? `/api/scan/runs/${runId}`
      : basket && WATCHLIST_NAME.test(basket)
        ? `/api/scan/latest?watchlist=${encodeURIComponent(basket)}`
        : "/api/scan/latest";
    void getJson<ScanRunPayload>(url).then((r) => live && setRun(r));
    return () => {
      live = false;
    };
  }, [basket, runId, runs.state, none]);

  const list = runs.state === "ready" ? runs.data : null;
  const shown = run.state === "ready" ? run.data : null;
  const current = shown?.run.basket ?? basket;
  const basketRuns = list?.runs.filter((r) => r.basket === current) ?? [];

  return (
    <section aria-labelledby="scan-h" data-scan-state={run.state}>
      <h2 id="scan-h">Scan</h2>
      <p class="sub">
        Which series of a basket are explosive now, and how broad is it? The runs recorded by{" "}
        <code>bubblescope scan</code> and <code>bubblescope monitor</code> in the data store
        {list?.store ? ` (${list.store})` : ""}, read-only: the dashboard never starts a scan.
      </p>
      {list && list.runs.length > 0 && (
        <div class="controls">
          <label>
            Basket{" "}
            <select
              aria-label="Basket"
              value={current}
              onChange={(e) => {
                const b = (e.target as HTMLSelectElement).value;
                // Runs are newest first: the basket's latest (folder and store baskets are chosen by run id).
                ctx.update({ basket: b, run: list.runs.find((r) => r.basket === b)?.id ?? null });
              }}
            >
              {list.baskets.map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </select>
          </label>{" "}
          <label>
            Run{" "}
            <select
              aria-label="Run"
              value={shown?.run.id ?? runId}
              onChange={(e) => ctx.update({ run: (e.target as HTMLSelectElement).value, basket: current })}
            >
              {basketRuns.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.finishedAt.slice(0, 16)} · {r.kind}
                  {r.asOf ? ` as of ${r.asOf}` : ""} · {r.explosive}/{r.series} explosive
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      {run.state === "loading" && <p aria-live="polite">Reading the recorded scans…</p>}
      {(run.state === "empty" || run.state === "error") && (
        <div class={run.state === "error" ? "error" : "card"} role="status" data-empty="scan">
          <p>{run.message}</p>
          {run.state === "empty" && (
            <p class="small">
              For example: <code>npx bubblescope scan --watchlist ai</code>,{" "}
              <code>npx bubblescope scan --watchlist telecom-2000 --as-of 2000-03-10</code> or{" "}
              <code>npx bubblescope monitor --watchlist ai</code> (for cron); each run is recorded in the data store and
              appears here on reload.
            </p>
          )}
        </div>
      )}
      {shown && <ScanRun ctx={ctx} p={shown} listed={listed} />}
    </section>
  );
}

function ScanRun({ ctx, p, listed }: { ctx: ViewContext; p: ScanRunPayload; listed: ReadonlySet<string> }) {
  const j = p.scan;
  const m = j.meta;
  const b = j.breadth;
  const last = b.dates.length - 1;
  const name = m.watchlist ?? "basket";
  return (
    <div data-run={p.run.id}>
      <p class="small" data-run-meta>
        <strong>{p.run.basket}</strong> · {p.run.kind} run finished {p.run.finishedAt} ({p.run.engine}) · data as of{" "}
        {m.asOf ?? "the latest date"} · {m.counts.series} series, {m.counts.explosive} explosive at their last date,{" "}
        {m.counts.rejected} reject at 95%, {m.counts.failed} failed · {m.settings.frequency}{" "}
        {m.settings.log ? "log " : ""}prices, window {m.settings.window || "all"}, lag {m.settings.lag},{" "}
        {m.settings.nrep} replications, seed {m.settings.seed}, date-stamping at {m.settings.level}%.
      </p>

      <h3>Breadth</h3>
      <p data-breadth>
        Share of the basket in an explosive episode
        {last >= 0 ? (
          <>
            {" "}
            on {b.dates[last]}:{" "}
            <strong data-breadth-last={b.share[last] ?? ""}>
              {b.explosive[last]} of {b.covered[last]} ({fmtNum(((b.share[last] ?? 0) * 1000) / 10)}%)
            </strong>
            ; peak {fmtNum((Math.max(0, ...b.share.map((s) => s ?? 0)) * 1000) / 10)}% over the run's dates.
          </>
        ) : (
          ": no series could be tested."
        )}
      </p>
      {last >= 0 && (
        <Chart
          name={`scan-breadth-${name}`}
          height={320}
          option={breadthChartOption({ title: `Breadth: ${name}`, lines: [{ name, breadth: b }] })}
          label={`Share of the ${name} basket in a PSY explosive episode, ${b.dates[0]} to ${b.dates[last]}; last ${b.explosive[last]} of ${b.covered[last]}`}
        />
      )}

      {j.series.some((s) => !s.error && s.heat) && (
        <HeatMap ctx={ctx} series={j.series} level={m.settings.level} name={name} listed={listed} />
      )}
      {j.series.some((s) => !s.error) && !j.series.some((s) => !s.error && s.heat) && (
        <Chart
          name={`scan-episodes-${name}`}
          height={90 + 28 * j.series.filter((s) => !s.error).length}
          option={episodeMapOption(j.series, "Explosive episodes by series")}
          label={`Date-stamped explosive episodes of each series: ${j.series
            .filter((s) => !s.error)
            .map((s) => `${s.name} ${s.episodes.length}`)
            .join(", ")}`}
        />
      )}

      <h3>Ranking</h3>
      {p.truncated && (
        <p class="small">
          Showing the first {p.truncated.shown} of {p.truncated.of} ranked series (the breadth and the counts cover
          all).
        </p>
      )}
      <DataTable
        name="scan-ranking"
        caption="Explosive now first (earliest start first), then rejecting at 95%, then by GSADF − cv95; failed series last"
        rows={j.series.map((s, i) => ({ s, rank: i + 1 }))}
        rowKey={({ s }) => s.name}
        rowClass={({ s }) => (s.error ? "err" : s.current.explosive ? "hot" : "")}
        sortKey={ctx.params.ssort ?? "rank"}
        sortDir={ctx.params.sdir === "desc" ? "desc" : "asc"}
        onSort={(k, d) => ctx.update({ ssort: k, sdir: d })}
        columns={[
          { key: "rank", label: "#", value: ({ rank }) => rank, numeric: true },
          {
            key: "name",
            label: "Series",
            value: ({ s }) => s.name,
            render: ({ s }) =>
              listed.has(s.name) ? (
                <a
                  href={ctx.href("series", { src: `api:${s.name}` })}
                  title="Run PSY and LPPLS on it in the Series view"
                >
                  {s.name}
                </a>
              ) : (
                s.name
              ),
          },
          { key: "n", label: "n", value: ({ s }) => s.n, numeric: true },
          {
            key: "window",
            label: "Window",
            value: ({ s }) => (s.from ? `${s.from} – ${s.to}` : ""),
            render: ({ s }) => (s.from ? <span class="nowrap">{`${s.from} – ${s.to}`}</span> : ""),
          },
          { key: "gsadf", label: "GSADF", value: ({ s }) => n2(s.gsadf), numeric: true },
          { key: "cv95", label: "cv95", value: ({ s }) => n2(s.cv95), numeric: true },
          { key: "margin", label: "Margin", value: ({ s }) => n2(margin(s)), numeric: true },
          {
            key: "now",
            label: "Explosive now",
            value: ({ s }) =>
              s.error ? "" : s.current.explosive ? `since ${s.current.since}` : s.rejected ? "past episode(s)" : "no",
            render: ({ s }) =>
              s.error ? (
                ""
              ) : s.current.explosive ? (
                <span class="badge b-bubble-like" data-explosive={s.name}>
                  <span aria-hidden="true">▲ </span>since {s.current.since}
                </span>
              ) : s.rejected ? (
                "past episode(s)"
              ) : (
                "no"
              ),
          },
          {
            key: "episodes",
            label: "Episodes",
            value: ({ s }) => s.episodes.map((e) => `${e.start} → ${e.end}${e.ongoing ? " (ongoing)" : ""}`).join("; "),
            render: ({ s }) => {
              const e = s.episodes[s.episodes.length - 1];
              if (!e) return "";
              return (
                <span class="small nowrap" title={s.episodes.map((x) => `${x.start} → ${x.end}`).join("\n")}>
                  {s.episodes.length} · last {e.start} → {e.ongoing ? "ongoing" : e.end}
                </span>
              );
            },
          },
          { key: "lpplsPos", label: "LPPLS +", value: ({ s }) => n2(s.lppls?.posConf), numeric: true },
          { key: "lpplsNeg", label: "LPPLS −", value: ({ s }) => n2(s.lppls?.negConf), numeric: true },
          { key: "gsy", label: "GSY 2-year run-up %", value: ({ s }) => n2(s.gsy?.runUpPct, 0), numeric: true },
          {
            key: "gsyP",
            label: "GSY crash p %",
            value: ({ s }) => n2(s.gsy?.crashProbabilityPct, 0),
            numeric: true,
          },
          { key: "gmo", label: "GMO z", value: ({ s }) => n2(s.gmo?.z), numeric: true },
          { key: "notes", label: "Error / notes", value: ({ s }) => s.error ?? s.notes.join("; ") },
        ]}
      />

      <h3>Changes since the previous run</h3>
      <p class="small" data-previous={p.previous?.id ?? ""}>
        {p.previous
          ? `Compared with the ${p.previous.kind} run finished ${p.previous.finishedAt}${p.previous.asOf ? ` (data as of ${p.previous.asOf})` : ""}: `
          : ""}
        {p.changes.source}.
      </p>
      {p.changes.items.length > 0 ? (
        <DataTable
          name="scan-changes"
          caption="New alarms (an explosive episode running now that was not before), ended episodes, new LPPLS signals"
          rows={p.changes.items}
          rowKey={(c) => `${c.series}:${c.kind}`}
          rowClass={(c) => (c.kind === "new-alarm" ? "hot" : "")}
          columns={[
            { key: "kind", label: "Change", value: (c) => c.kind },
            { key: "series", label: "Series", value: (c) => c.series },
            { key: "date", label: "Date", value: (c) => c.date },
            { key: "detail", label: "Detail", value: (c) => c.detail },
          ]}
        />
      ) : (
        <p data-no-changes>No change.</p>
      )}
      <p class="small">
        {m.sources.psy}. {m.sources.lppls}. {m.sources.gsy}. {m.sources.gmo}. Source of the series: {m.source}.
      </p>
    </div>
  );
}

/** The heat map of BSADF / critical value (rows in ranked order); a click on a row opens it in the Series view. */
function HeatMap(props: {
  ctx: ViewContext;
  series: readonly ScanSeriesResult[];
  level: number;
  name: string;
  listed: ReadonlySet<string>;
}) {
  const { ctx, series, level, name, listed } = props;
  const g = heatGrid(series);
  const rowsTopDown = g.rows;
  const open = (series: string | undefined) => {
    if (series && listed.has(series)) window.location.hash = ctx.href("series", { src: `api:${series}` }).slice(1);
  };
  const hot = new Set(g.cells.filter((c) => c[2] > 1).map((c) => g.rows[c[1]]));
  return (
    <>
      <h3>BSADF / critical value by series</h3>
      <p class="small" data-heat-caption>
        Each cell is the largest ratio of BSADF to its {level}% critical value (the sequence the episodes are
        date-stamped with) among the observations of a date bucket;{" "}
        <strong>above 1 (orange to red) is explosive</strong> at {level}%, below 1 (blue) is not. The maximum, not the
        mean, so a short explosive stretch is never averaged away. Empty cells: before the first BSADF. Rows in ranked
        order; click a row of a series of the dashboard's data folder to open it in the Series view.
      </p>
      <Chart
        name={`scan-heat-${name}`}
        height={130 + 26 * rowsTopDown.length}
        option={heatMapOption(series, { title: `BSADF / cv${level} by series`, level })}
        label={`Heat map of BSADF / critical value, ${rowsTopDown.length} series, ${g.columns.length} date buckets from ${g.columns[0]} to ${g.columns[g.columns.length - 1]}; rows: ${rowsTopDown
          .map((r) => `${r}${hot.has(r) ? " (explosive somewhere)" : ""}`)
          .join(", ")}`}
        onClick={(p) => {
          const names = [...rowsTopDown].reverse();
          if (p.componentType === "yAxis") open(String(p.value));
          else if (p.componentType === "series" && Array.isArray(p.value)) open(names[Number(p.value[1])]);
        }}
      />
    </>
  );
}
