/**
 * The bundled price snapshot (`data/prices/`, inside the package): which files it holds and over which spans
 * (`SNAPSHOT_FILES`, used by scripts/make-snapshot.ts to regenerate it), where it is, and its manifest (range,
 * rows and sha256 per file; the last date is named in the report header).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export interface SnapshotFileSpec {
  /** File name, the same as its origin in ../shared/data/prices (so `--data ../shared/data/prices` is equivalent). */
  readonly file: string;
  readonly what: string;
  readonly from: string;
  readonly to: string;
  /** Most decimals of the source's closes (kept: no close is rounded). */
  readonly decimals: number;
  /** Fewest decimals written (FRED's two; trailing zeros beyond are dropped). */
  readonly minDecimals: number;
  readonly usedFor: string;
}

export const SNAPSHOT_FILES: readonly SnapshotFileSpec[] = Object.freeze([
  {
    file: "nasdaq_composite_daily_fred.csv",
    what: "Nasdaq Composite index (FRED NASDAQCOM), daily close",
    from: "1900-01-01",
    to: "2099-12-31",
    decimals: 6,
    minDecimals: 2,
    usedFor:
      "the report's Nasdaq series 1993–2002 and 2019–latest (PSY, LPPLS, GSY, aligned paths); the whole history from 1971 for GMO's 2σ trend fitted out of sample",
  },
  {
    file: "csco_daily_yahoo_to2020.csv",
    what: "Cisco Systems (CSCO), daily split-adjusted close",
    from: "1993-01-01",
    to: "2002-12-31",
    decimals: 6,
    minDecimals: 0,
    usedFor:
      "the report's 2000-era bellwether 1993–2002 (PSY on the 330 weeks up to the 2000 peak, LPPLS, GMO 2σ, GSY, aligned paths)",
  },
  {
    file: "nvda_daily_yahoo_2019_2026.csv",
    what: "Nvidia (NVDA), daily split-adjusted close",
    from: "1900-01-01",
    to: "2099-12-31",
    decimals: 6,
    minDecimals: 0,
    usedFor: "the report's AI-era bellwether 2019–latest (PSY, LPPLS, GMO 2σ, GSY, aligned paths)",
  },
  // The watchlists' members (data/watchlists/), only over the spans the report's breadth needs: the 2000 basket's
  // 260-week PSY window up to the 2000-03-10 peak (from 1995; kept to the end of 2000 for the aftermath) and the
  // AI basket's whole 2019– files (the 260-week windows up to the talk date and to the latest data).
  ...basketFiles("2000", "1995-01-01", "2000-12-31", [
    ["jnpr", "Juniper Networks (JNPR)"],
    ["cien", "Ciena (CIEN)"],
    ["viav", "JDS Uniphase, now Viavi (VIAV)"],
    ["glw", "Corning (GLW)"],
    ["qcom", "Qualcomm (QCOM)"],
    ["t", "AT&T (T)"],
    ["vz", "Verizon / Bell Atlantic (VZ)"],
    ["intc", "Intel (INTC)"],
    ["amd", "Advanced Micro Devices (AMD)"],
    ["nvda", "Nvidia (NVDA)"],
    ["tsm", "Taiwan Semiconductor (TSM)"],
    ["msft", "Microsoft (MSFT)"],
    ["orcl", "Oracle (ORCL)"],
    ["amzn", "Amazon (AMZN)"],
    ["ntap", "NetApp (NTAP)"],
  ]),
  ...basketFiles("ai", "1900-01-01", "2099-12-31", [
    ["avgo", "Broadcom (AVGO)"],
    ["amd", "Advanced Micro Devices (AMD)"],
    ["tsm", "Taiwan Semiconductor (TSM)"],
    ["mu", "Micron (MU)"],
    ["anet", "Arista Networks (ANET)"],
    ["cien", "Ciena (CIEN)"],
    ["glw", "Corning (GLW)"],
    ["smci", "Super Micro Computer (SMCI)"],
    ["crwv", "CoreWeave (CRWV)"],
    ["msft", "Microsoft (MSFT)"],
    ["googl", "Alphabet (GOOGL)"],
    ["amzn", "Amazon (AMZN)"],
    ["meta", "Meta Platforms (META)"],
    ["orcl", "Oracle (ORCL)"],
  ]),
]);

/** Snapshot specs of a watchlist's members (CSCO and NVDA 2019– are already above, for the report's bellwethers). */
function basketFiles(
  era: "2000" | "ai",
  from: string,
  to: string,
  members: readonly (readonly [string, string])[],
): SnapshotFileSpec[] {
  return members.map(([sym, what]) => ({
    file: `${sym}_daily_yahoo_${era === "2000" ? "to2020" : "2019_2026"}.csv`,
    what: `${what}, daily split-adjusted close`,
    from,
    to,
    decimals: 6,
    minDecimals: 0,
    usedFor:
      era === "2000"
        ? "the report's bubble breadth: the telecom-2000 watchlist scanned at the 2000-03-10 peak (weekly log closes, the last 260 weeks)"
        : "the report's bubble breadth: the ai watchlist scanned at the talk date and at the latest data (weekly log closes, the last 260 weeks)",
  }));
}

export interface SnapshotManifest {
  readonly generatedBy: string;
  readonly lastDate: string;
  readonly files: readonly {
    readonly file: string;
    readonly origin: string;
    readonly from: string;
    readonly to: string;
    readonly rows: number;
    readonly sha256: string;
  }[];
}

const here = dirname(fileURLToPath(import.meta.url));

/** The snapshot folder: `data/prices` at the package root (from src/report or dist/report alike). */
export function snapshotDir(): string {
  for (const up of ["../..", "../../.."]) {
    const d = resolve(here, up, "data/prices");
    if (existsSync(join(d, "manifest.json"))) return d;
  }
  return resolve(here, "../../data/prices");
}

/** The snapshot's manifest, or null when the package carries none. */
export function snapshotManifest(dir = snapshotDir()): SnapshotManifest | null {
  const f = join(dir, "manifest.json");
  if (!existsSync(f)) return null;
  return JSON.parse(readFileSync(f, "utf8")) as SnapshotManifest;
}
