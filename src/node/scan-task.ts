/**
 * One scan task as every engine runs it (worker thread, BullMQ worker, or this thread): a prepared series, its
 * critical-value table and the settings in, one `ScanSeriesResult` out. A problem with the series' data becomes a
 * failed result carrying the reason (it fails alone); the same input always gives the same output, wherever it runs.
 */
import type { CriticalValues } from "../detect/psy/cv.ts";
import type { PreparedSeries } from "../scan/prepare.ts";
import { failedResult, type ScanSeriesResult, scanSeries } from "../scan/scan-series.ts";
import type { ScanSettings } from "../scan/settings.ts";

export interface ScanTask {
  readonly id: string;
  readonly series: PreparedSeries;
  readonly cvKey: string;
  readonly settings: ScanSettings;
}

/** Runs one task; never throws for bad data (the reason is in `error`). */
export function runScanTask(task: ScanTask, cv: CriticalValues): ScanSeriesResult {
  try {
    return scanSeries(task.series, cv, task.settings);
  } catch (e) {
    return failedResult(task.series.name, e instanceof Error ? e.message : String(e), task.series);
  }
}
