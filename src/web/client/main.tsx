/**
 * The dashboard app: loads the report (GET /api/report, retried while the server builds it) and the evidence
 * bundle (GET /api/evidence, handed to the model worker), keeps the whole state in the URL hash, and renders the
 * views (verdict, claims, evidence, assumptions, series, deals, valuation, scan). With an as-of date or assumptions in the URL the evidence model is rebuilt in a Web Worker
 * (debounced; the last result stays on screen meanwhile, `main[data-state]` says "computing"/"idle").
 */
import { render } from "preact";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { EvidenceModel } from "../../frameworks/model.ts";
import type { ReportModel } from "../../report/build.ts";
import { GLOBAL_KEYS, type ViewContext, type ViewModel } from "./context.ts";
import type { FigureRow, ModelRequest, ModelResponse } from "./model.worker.ts";
import type { AssumptionBaseline } from "./recompute.ts";
import type { Assumptions, EvidenceBundle } from "./types.ts";
import {
  asOfParam,
  formatHash,
  numParam,
  parseHash,
  type UrlState,
  VIEW_LABELS,
  VIEWS,
  type View,
} from "./url-state.ts";
import { AssumptionsView } from "./views/Assumptions.tsx";
import { ClaimsView } from "./views/Claims.tsx";
import { DealsView } from "./views/Deals.tsx";
import { EvidenceView } from "./views/Evidence.tsx";
import { ScanView } from "./views/Scan.tsx";
import { SeriesView } from "./views/Series.tsx";
import { ValuationView } from "./views/Valuation.tsx";
import { VerdictView } from "./views/Verdict.tsx";
import "./styles.css";

/** Assumptions from the URL (out-of-range values are ignored). */
export function assumptionsFrom(params: Readonly<Record<string, string>>): Assumptions {
  return {
    gpuLife: numParam(params, "life", 0.5, 5.5),
    usdPerGw: numParam(params, "gw", 1, 1000),
    utilisation: numParam(params, "util", 0, 100),
    margin: numParam(params, "margin", 0, 100),
    revenueGrowth: numParam(params, "growth", -99, 1000),
  };
}

/** Progress of the server's background build (GET /api/report's 503 body). */
interface BuildProgress {
  readonly step: string;
  readonly done: number;
  readonly total: number;
}

async function fetchJson<T>(url: string, onWait?: (p: BuildProgress | null) => void): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const r = await fetch(url);
    if (r.status === 503 && attempt < 1200) {
      const body = (await r.json().catch(() => ({}))) as { progress?: BuildProgress };
      onWait?.(body.progress ?? null);
      await new Promise((res) => setTimeout(res, 500));
      continue;
    }
    const j = (await r.json()) as T & { error?: string };
    if (!r.ok) throw new Error(j.error ?? `${url}: HTTP ${r.status}`);
    return j;
  }
}

function App() {
  const [url, setUrl] = useState<UrlState>(() => parseHash(location.hash));
  const [report, setReport] = useState<ReportModel | null>(null);
  const [progress, setProgress] = useState<BuildProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [figures, setFigures] = useState<FigureRow[] | null>(null);
  const [baseline, setBaseline] = useState<AssumptionBaseline | null>(null);
  const [computed, setComputed] = useState<{ key: string; model: EvidenceModel } | null>(null);
  const [busy, setBusy] = useState(false);
  const worker = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, string>());
  const reqId = useRef(0);

  useEffect(() => {
    const on = () => setUrl(parseHash(location.hash));
    addEventListener("hashchange", on);
    fetchJson<ReportModel>("/api/report", setProgress).then(setReport, (e: Error) => setError(e.message));
    const w = new Worker(new URL("./model.worker.ts", import.meta.url), { type: "module" });
    worker.current = w;
    w.onmessage = (e: MessageEvent<ModelResponse>) => {
      const m = e.data;
      if (m.type === "ready") {
        setFigures(m.figures);
        setBaseline(m.baseline);
      } else if (m.type === "model") {
        const key = pending.current.get(m.id);
        pending.current.delete(m.id);
        if (key !== undefined) setComputed({ key, model: m.model });
        if (m.id === reqId.current) setBusy(false);
      } else {
        pending.current.delete(m.id);
        if (m.id === reqId.current || m.id === -1) {
          setBusy(false);
          setError(m.message);
        }
      }
    };
    fetchJson<EvidenceBundle>("/api/evidence").then(
      (bundle) => w.postMessage({ type: "init", bundle } satisfies ModelRequest),
      (e: Error) => setError(e.message),
    );
    return () => {
      removeEventListener("hashchange", on);
      w.terminate();
    };
  }, []);

  const asOf = asOfParam(url.params);
  const assumptions = useMemo(() => assumptionsFrom(url.params), [url.params]);
  const key = JSON.stringify([asOf, assumptions]);
  const isBase = asOf === null && Object.values(assumptions).every((v) => v === null);

  useEffect(() => {
    if (isBase || baseline === null) {
      setBusy(false);
      return;
    }
    setBusy(true);
    const t = setTimeout(() => {
      const id = ++reqId.current;
      pending.current.set(id, key);
      worker.current?.postMessage({ type: "compute", id, asOf, assumptions } satisfies ModelRequest);
    }, 120);
    return () => clearTimeout(t);
  }, [key, baseline]);

  const update = (params: Readonly<Record<string, string | null>>) => {
    const next: Record<string, string> = { ...url.params };
    for (const [k, v] of Object.entries(params)) {
      if (v === null || v === "") delete next[k];
      else next[k] = v;
    }
    const s = { view: url.view, params: next };
    history.replaceState(null, "", formatHash(s));
    setUrl(s);
  };
  const globals = Object.fromEntries(
    Object.entries(url.params).filter(([k]) => (GLOBAL_KEYS as readonly string[]).includes(k)),
  );
  const href = (view: View, params: Readonly<Record<string, string>> = {}) =>
    formatHash({ view, params: { ...globals, ...params } });

  if (error && !report)
    return (
      <main id="main" data-state="error">
        <p class="error" role="alert">
          The dashboard could not load: {error}
        </p>
      </main>
    );
  if (!report)
    return (
      <main id="main" data-state="loading">
        <p aria-live="polite">
          Building the report… {progress ? `${progress.step} (${progress.done} of ${progress.total} steps)` : ""}
        </p>
        <progress
          id="build-progress"
          aria-label="Building the report"
          {...(progress ? { max: progress.total, value: progress.done } : {})}
        />
        <p class="small">
          The first start computes the PSY critical values; later starts read the model from the cache.
        </p>
      </main>
    );

  const model: ViewModel = isBase ? report : computed?.key === key ? computed.model : (computed?.model ?? report);
  const ctx: ViewContext = {
    report,
    model,
    figures,
    baseline,
    asOf,
    assumptions,
    params: url.params,
    update,
    href,
    evidenceHref: (id) => (id.startsWith("D") ? href("deals", { deal: id }) : href("evidence", { q: id })),
  };
  const active = Object.values(assumptions).filter((v) => v !== null).length;
  const shownKey = isBase ? key : (computed?.key ?? "");
  return (
    <>
      <button type="button" class="skip" onClick={() => document.getElementById("main")?.focus()}>
        Skip to content
      </button>
      <header>
        <h1>bubblescope</h1>
        <nav aria-label="Views">
          {VIEWS.map((v) => (
            <a key={v} href={href(v)} aria-current={v === url.view ? "page" : undefined} data-view={v}>
              {VIEW_LABELS[v]}
            </a>
          ))}
        </nav>
        <p class="status" aria-live="polite">
          {asOf ? (
            <span data-asof={asOf}>
              Replaying as of <strong>{asOf}</strong>{" "}
              <button type="button" onClick={() => update({ asOf: null })}>
                clear
              </button>
            </span>
          ) : (
            <span>All evidence</span>
          )}
          {active > 0 && (
            <span>
              {" · "}
              <a href={href("assumptions")}>{active} assumption(s) changed</a>
            </span>
          )}
          {busy && <span class="busy"> · recomputing…</span>}
          {error && <span class="error"> · {error}</span>}
        </p>
      </header>
      <main id="main" tabIndex={-1} data-state={busy ? "computing" : "idle"} data-model={shownKey} data-view={url.view}>
        {url.view === "verdict" && <VerdictView ctx={ctx} />}
        {url.view === "claims" && <ClaimsView ctx={ctx} />}
        {url.view === "evidence" && <EvidenceView ctx={ctx} />}
        {url.view === "assumptions" && <AssumptionsView ctx={ctx} />}
        {url.view === "series" && <SeriesView ctx={ctx} />}
        {url.view === "deals" && <DealsView ctx={ctx} />}
        {url.view === "valuation" && <ValuationView ctx={ctx} />}
        {url.view === "scan" && <ScanView ctx={ctx} />}
      </main>
      <footer class="small">
        Report built with seed {report.run.seed}, {report.run.draws} Monte Carlo draws, {report.run.nrep} PSY
        replications · ledger {report.sources.ledger.figures} figures, {report.sources.ledger.deals} deals · prices:{" "}
        {report.sources.prices.origin}
        {report.meta ? ` · ${report.meta.pricesLine}` : ""}
      </footer>
    </>
  );
}

render(<App />, document.getElementById("app")!);
