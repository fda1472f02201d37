/**
 * Series view: pick a price series from the server's data folder or drop a CSV on the page (parsed in the browser
 * with the CLI's CSV rules and never uploaded), then run the PSY GSADF/BSADF test with a chosen lag, minimum
 * window, replications, level and critical-value rule in a Web Worker with a progress bar (cancellable). Shows
 * BSADF against its critical-value sequence with the episodes shaded (zoomable), the statistics table and the
 * episode table. LPPLS (the report's engine and settings) fits the last observations in the same worker: the fit,
 * the crash-time quantiles over nested windows and the shared LPPLS chart. An as-of date clips a dated series
 * (what the tests could see then).
 */
import type { EChartsCoreOption } from "echarts";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ANALYSIS_DEFAULTS } from "../../../analysis/series.ts";
import { ordinalToDate } from "../../../detect/lppls/dates.ts";
import { parseAsOfDate } from "../../../evidence/period.ts";
import { lpplsFitChartOption } from "../../../report/charts/lppls.ts";
import { psyChartOption } from "../../../report/charts/psy.ts";
import type { AnalysisRequest, AnalysisResponse } from "../analysis.worker.ts";
import { Chart, DataTable, fmtNum } from "../components.tsx";
import type { ViewContext } from "../context.ts";
import type { LpplsRunResult } from "../lppls-run.ts";
import type { PsyRunResult } from "../psy-run.ts";
import { type Loaded, parseDropped, psySettings } from "../series-input.ts";
import type { SeriesInfo, SeriesPayload } from "../types.ts";
import { numParam } from "../url-state.ts";

function zoomable(option: EChartsCoreOption): EChartsCoreOption {
  return {
    ...option,
    grid: { left: 60, right: 70, top: 40, bottom: 96 },
    legend: { bottom: 0 },
    dataZoom: [
      { type: "inside", xAxisIndex: 0 },
      { type: "slider", xAxisIndex: 0, bottom: 30, height: 22 },
    ],
  };
}

export function SeriesView({ ctx }: { ctx: ViewContext }) {
  const p = ctx.params;
  const [list, setList] = useState<readonly SeriesInfo[] | null>(null);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [fileText, setFileText] = useState<{ name: string; text: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<{ key: string; r: PsyRunResult; ms: number } | null>(null);
  const [lpplsBusy, setLpplsBusy] = useState(false);
  const [lppls, setLppls] = useState<{ key: string; r: LpplsRunResult; ms: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const worker = useRef<Worker | null>(null);
  const runId = useRef(0);
  const src = p.src ?? (fileText ? "file" : "api:nasdaq_composite_daily_fred");
  const settings = psySettings(p);

  useEffect(() => {
    fetch("/api/series")
      .then((r) => r.json() as Promise<{ series: SeriesInfo[] }>)
      .then((j) => setList(j.series))
      .catch(() => setList([]));
    return () => worker.current?.terminate();
  }, []);

  // Load the chosen series.
  useEffect(() => {
    setError(null);
    if (src === "file") {
      if (!fileText) {
        setLoaded(null);
        return;
      }
      try {
        setLoaded(parseDropped(fileText.text, fileText.name, p.col));
      } catch (e) {
        setLoaded(null);
        setError((e as Error).message);
      }
      return;
    }
    if (!src.startsWith("api:")) return;
    const id = src.slice(4);
    const qs = new URLSearchParams({ freq: p.freq === "daily" ? "daily" : "weekly" });
    if (p.from) qs.set("from", p.from);
    if (p.to) qs.set("to", p.to);
    let live = true;
    fetch(`/api/series/${encodeURIComponent(id)}?${qs}`)
      .then(async (r) => {
        const j = (await r.json()) as SeriesPayload & { error?: string };
        if (!r.ok) throw new Error(j.error ?? `HTTP ${r.status}`);
        return j;
      })
      .then((j) => {
        if (live)
          setLoaded({
            name: `${j.id} (${j.freq} closes)`,
            dates: j.dates,
            values: j.values,
            note: `${j.values.length} ${j.freq} observations from the server's data folder`,
          });
      })
      .catch((e: Error) => {
        if (live) {
          setLoaded(null);
          setError(e.message);
        }
      });
    return () => {
      live = false;
    };
  }, [src, p.freq, p.from, p.to, p.col, fileText]);

  // Clip at the as-of date.
  const data = useMemo(() => {
    if (!loaded) return null;
    if (!ctx.asOf || !loaded.dates) return loaded;
    const d = parseAsOfDate(ctx.asOf);
    const k = loaded.dates.findIndex((x) => x > d);
    if (k < 0) return loaded;
    return {
      ...loaded,
      dates: loaded.dates.slice(0, k),
      values: loaded.values.slice(0, k),
      note: `${loaded.note}; clipped at ${d} (as-of date)`,
    };
  }, [loaded, ctx.asOf]);

  const key = data
    ? JSON.stringify([data.name, data.values.length, data.dates?.[data.dates.length - 1], settings])
    : "";

  const lpplsWindow = Math.round(numParam(p, "lw", 30, 20_000) ?? 504);
  const lpplsKey = data
    ? JSON.stringify([data.name, data.values.length, data.dates?.[data.dates.length - 1], lpplsWindow, settings.seed])
    : "";

  const cancel = () => {
    worker.current?.terminate();
    worker.current = null;
    setProgress(null);
    setLpplsBusy(false);
  };
  /** Starts one analysis in a fresh worker (a running one is cancelled). */
  const start = (kind: "psy" | "lppls") => {
    if (!data) return;
    cancel();
    const w = new Worker(new URL("../analysis.worker.ts", import.meta.url), { type: "module" });
    worker.current = w;
    const id = ++runId.current;
    const k = kind === "psy" ? key : lpplsKey;
    if (kind === "psy") setProgress({ done: 0, total: settings.nrep ?? ANALYSIS_DEFAULTS.psyNrepInteractive });
    else setLpplsBusy(true);
    setError(null);
    const done = () => {
      w.terminate();
      if (worker.current === w) worker.current = null;
      setProgress(null);
      setLpplsBusy(false);
    };
    w.onmessage = (e: MessageEvent<AnalysisResponse>) => {
      const m = e.data;
      if (m.id !== id) return;
      if (m.type === "progress") {
        setProgress({ done: m.done, total: m.total });
        return;
      }
      done();
      if (m.type === "psy") setResult({ key: k, r: m.result, ms: m.ms });
      else if (m.type === "lppls") setLppls({ key: k, r: m.result, ms: m.ms });
      else setError(m.message);
    };
    w.onerror = (e) => {
      done();
      setError(e.message || "the analysis worker failed");
    };
    const base = { id, name: data.name, values: [...data.values], dates: data.dates ? [...data.dates] : null };
    const req: AnalysisRequest =
      kind === "psy"
        ? { ...base, kind, options: settings }
        : { ...base, kind, options: { window: lpplsWindow, seed: settings.seed ?? 123 } };
    w.postMessage(req);
  };
  const run = () => start("psy");

  // A link with run=1 reproduces the run once the data is in.
  useEffect(() => {
    if (p.run === "1" && data && !progress && result?.key !== key) run();
  }, [p.run, key]);

  const onFile = async (f: File | undefined) => {
    if (!f) return;
    const text = await f.text();
    setResult(null);
    setLppls(null);
    setFileText({ name: f.name, text });
    ctx.update({ src: "file", col: null, run: null, from: null, to: null });
  };
  const set = (k: string, v: string | null) => ctx.update({ [k]: v, run: null });
  const r = result && result.key === key ? result.r : null;
  const lp = lppls && lppls.key === lpplsKey ? lppls.r : null;
  const stale = result !== null && result.key !== key;

  return (
    <section aria-labelledby="series-h">
      <h2 id="series-h">Series: PSY bubble test</h2>
      <section
        class={`dropzone${dragging ? " over" : ""}`}
        aria-label="Choose a series; a CSV file dropped here is read in this browser"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          void onFile(e.dataTransfer?.files[0]);
        }}
      >
        <fieldset class="filters">
          <legend>Series</legend>
          <label>
            From the data folder{" "}
            <select
              value={src.startsWith("api:") ? src : ""}
              onChange={(e) => {
                const v = (e.target as HTMLSelectElement).value;
                setResult(null);
                ctx.update({ src: v || null, run: null, col: null });
              }}
            >
              <option value="">{src === "file" ? "(dropped file)" : "choose…"}</option>
              {(list ?? []).map((s) => (
                <option key={s.id} value={`api:${s.id}`}>
                  {s.id}
                </option>
              ))}
            </select>
          </label>
          <label>
            Frequency{" "}
            <select
              value={p.freq === "daily" ? "daily" : "weekly"}
              onChange={(e) => set("freq", (e.target as HTMLSelectElement).value)}
              disabled={src === "file"}
            >
              <option value="weekly">weekly</option>
              <option value="daily">daily</option>
            </select>
          </label>
          <label>
            From{" "}
            <input
              type="date"
              value={p.from ?? ""}
              onChange={(e) => set("from", (e.target as HTMLInputElement).value)}
              disabled={src === "file"}
            />
          </label>
          <label>
            To{" "}
            <input
              type="date"
              value={p.to ?? ""}
              onChange={(e) => set("to", (e.target as HTMLInputElement).value)}
              disabled={src === "file"}
            />
          </label>
          <label>
            …or a CSV file (drop it anywhere here){" "}
            <input
              id="csv-file"
              type="file"
              accept=".csv,text/csv,text/plain"
              onChange={(e) => void onFile((e.target as HTMLInputElement).files?.[0])}
            />
          </label>
          {src === "file" && loaded?.columns && loaded.columns.length > 1 && (
            <label>
              Column{" "}
              <select value={loaded.column ?? ""} onChange={(e) => set("col", (e.target as HTMLSelectElement).value)}>
                {loaded.columns.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
          )}
        </fieldset>
      </section>
      <fieldset class="filters">
        <legend>Test settings</legend>
        <label>
          <input
            type="checkbox"
            checked={settings.log}
            onChange={(e) => set("log", (e.target as HTMLInputElement).checked ? "1" : null)}
          />{" "}
          log
        </label>
        <label>
          Lag{" "}
          <input
            type="number"
            min={0}
            max={12}
            value={settings.lag}
            onChange={(e) => set("lag", (e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Minimum window (rows, empty = PSY rule){" "}
          <input
            type="number"
            min={3}
            value={p.minw ?? ""}
            onChange={(e) => set("minw", (e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Replications{" "}
          <input
            type="number"
            min={9}
            max={5000}
            value={settings.nrep}
            onChange={(e) => set("nrep", (e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Level{" "}
          <select value={String(settings.level)} onChange={(e) => set("level", (e.target as HTMLSelectElement).value)}>
            <option value="90">90%</option>
            <option value="95">95%</option>
            <option value="99">99%</option>
          </select>
        </label>
        <label>
          Critical values{" "}
          <select value={settings.method ?? "mc"} onChange={(e) => set("cvm", (e.target as HTMLSelectElement).value)}>
            <option value="mc">Monte Carlo</option>
            <option value="wb">wild bootstrap, Phillips–Shi (2020)</option>
            <option value="wb-harvey">wild bootstrap, Harvey et al. (2016)</option>
          </select>
        </label>
        <label>
          Critical-value rule{" "}
          <select
            value={settings.bsadfRule}
            disabled={(settings.method ?? "mc") !== "mc"}
            onChange={(e) => set("rule", (e.target as HTMLSelectElement).value)}
          >
            <option value="exuber">exuber (SADF of the first t obs.)</option>
            <option value="psy2015">PSY 2015 (quantile of BSADF(t))</option>
          </select>
        </label>
        <label>
          Minimum duration{" "}
          <input
            type="text"
            inputMode="numeric"
            size={4}
            value={p.mind ?? "0"}
            onChange={(e) => set("mind", (e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Seed{" "}
          <input
            type="number"
            min={0}
            value={settings.seed}
            onChange={(e) => set("seed", (e.target as HTMLInputElement).value)}
          />
        </label>
        <button
          type="button"
          class="primary"
          onClick={() => (p.run === "1" ? run() : ctx.update({ run: "1" }))}
          disabled={!data || progress !== null || lpplsBusy}
        >
          Run PSY
        </button>
        {progress && (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        )}
      </fieldset>
      {data && (
        <p class="small" data-loaded={data.values.length}>
          {data.name}: {data.note}
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {progress && (
        <p>
          <label for="psy-progress">
            Critical values: {progress.done} / {progress.total} replications
          </label>{" "}
          <progress id="psy-progress" max={progress.total} value={progress.done} />
        </p>
      )}
      {stale && !progress && <p class="small">Settings or data changed since the last run: run again.</p>}
      {r && (
        <div class="psy-result" data-psy-n={r.n} data-gsadf={r.gsadf ?? ""}>
          <p aria-live="polite">
            {r.name}: GSADF {fmtNum(r.gsadf)} vs 95% critical value {fmtNum(r.cv.gsadf[1])} —{" "}
            <strong>
              {r.rejected ? `explosive (significant at ${r.significance})` : "no significant explosiveness"}
            </strong>
            ; {r.episodes.length} episode(s) at {r.level}%, n = {r.n}, minimum window {r.minWindow}, lag {r.lag},{" "}
            {r.nrep} replications ({(result!.ms / 1000).toFixed(1)} s).
          </p>
          <Chart
            name="psy-bsadf"
            height={380}
            option={zoomable(
              psyChartOption({
                title: `${r.name}: BSADF vs ${r.level}% cv`,
                x: r.index,
                stat: r.bsadf.map((v) => v ?? Number.NaN),
                cv: r.cvSeq.map((v) => v ?? Number.NaN),
                cvName: `${r.level}% critical value`,
                episodes: r.episodes,
                level: r.tested,
                levelName: settings.log ? "log level" : "level",
              }),
            )}
            label={`BSADF of ${r.name} against its ${r.level}% critical values with ${r.episodes.length} shaded episodes`}
          />
          <DataTable
            name="psy-statistics"
            caption="Statistics and critical values (90 / 95 / 99%)"
            rows={[
              { k: "ADF", v: r.adf, cv: r.cv.adf },
              { k: "SADF", v: r.sadf, cv: r.cv.sadf },
              { k: "GSADF", v: r.gsadf, cv: r.cv.gsadf },
            ]}
            rowKey={(x) => x.k}
            columns={[
              { key: "statistic", label: "Statistic", value: (x) => x.k },
              { key: "value", label: "Value", value: (x) => x.v, numeric: true },
              { key: "cv90", label: "90%", value: (x) => x.cv?.[0] ?? null, numeric: true },
              { key: "cv95", label: "95%", value: (x) => x.cv?.[1] ?? null, numeric: true },
              { key: "cv99", label: "99%", value: (x) => x.cv?.[2] ?? null, numeric: true },
            ]}
          />
          <DataTable
            name="psy-episodes"
            caption={`Explosive episodes (BSADF above its ${r.level}% critical value, minimum duration ${r.minDuration})`}
            rows={r.episodes}
            rowKey={(e) => String(e.start)}
            columns={[
              { key: "start", label: "Start", value: (e) => e.start },
              { key: "peak", label: "Peak", value: (e) => e.peak },
              { key: "end", label: "End", value: (e) => e.end },
              { key: "duration", label: "Duration (obs.)", value: (e) => e.duration, numeric: true },
              { key: "ongoing", label: "Ongoing", value: (e) => (e.ongoing ? "yes" : "") },
              { key: "signal", label: "Signal", value: (e) => e.signal },
            ]}
          />
        </div>
      )}

      <h3>LPPLS (log-periodic power law singularity)</h3>
      <fieldset class="filters">
        <legend>LPPLS fit on the last observations (log prices)</legend>
        <label>
          Window (observations){" "}
          <input
            type="number"
            min={30}
            value={lpplsWindow}
            onChange={(e) => ctx.update({ lw: (e.target as HTMLInputElement).value })}
          />
        </label>
        <button type="button" onClick={() => start("lppls")} disabled={!data || progress !== null || lpplsBusy}>
          Fit LPPLS
        </button>
        {lpplsBusy && (
          <>
            <label for="lppls-progress">Fitting about 30 nested windows…</label>
            <progress id="lppls-progress" />
            <button type="button" onClick={cancel}>
              Cancel
            </button>
          </>
        )}
      </fieldset>
      {lp && (
        <div
          class="lppls-result"
          data-tc={lp.fit.ok ? lp.fit.tcLabel : "none"}
          data-qualified={String(lp.fit.qualified)}
        >
          <p aria-live="polite">
            {lp.name}, {lp.window.start} – {lp.window.end} ({lp.window.n} obs.):{" "}
            {lp.fit.ok ? (
              <>
                best fit tc {lp.fit.tcLabel} ({lp.fit.tcAfterLast} {lp.dated ? "days" : "steps"} after the last), m{" "}
                {fmtNum(lp.fit.m)}, ω {fmtNum(lp.fit.omega)}, {lp.fit.sign} bubble,{" "}
                <strong>{lp.fit.qualified ? "qualified" : "not qualified"}</strong> by lppls's filter;{" "}
              </>
            ) : (
              <>
                <strong>no fit</strong> ({lp.fit.reason});{" "}
              </>
            )}
            {lp.distribution.qualified} of {lp.distribution.windows} nested windows qualified (
            {(lppls!.ms / 1000).toFixed(1)} s).
          </p>
          <Chart
            name="lppls-fit"
            height={360}
            option={lpplsFitChartOption({
              title: `${lp.name}: LPPLS fit and crash-time distribution`,
              t: lp.chart.t,
              y: lp.chart.y,
              fitT: lp.chart.fitT,
              fitY: lp.chart.fitY,
              tc: lp.chart.tc,
              tcQuantiles: lp.chart.tcQuantiles,
              xLabel: (x) => (lp.dated ? ordinalToDate(Math.round(x)) : String(Math.round(x))),
            })}
            label={`LPPLS fit of ${lp.name}: ${lp.fit.ok ? `critical time ${lp.fit.tcLabel}, ${lp.fit.qualified ? "qualified" : "not qualified"}` : "no fit"}`}
          />
          <DataTable
            name="lppls-tc-quantiles"
            caption="Crash time (tc) quantiles over the qualified nested-window fits"
            rows={lp.distribution.quantiles}
            rowKey={(q) => String(q.p)}
            columns={[
              { key: "p", label: "Quantile", value: (q) => q.p, numeric: true },
              { key: "tc", label: "tc", value: (q) => q.label ?? "—" },
            ]}
          />
        </div>
      )}
    </section>
  );
}
