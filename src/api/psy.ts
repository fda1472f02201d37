/**
 * The public `psy` namespace of the package (`import { psy } from "bubblescope"`): Phillips–Shi–Yu recursive
 * right-tailed unit-root tests (the vocabulary of R's exuber: `radf`, critical values as a separate object,
 * `datestamp`, real-time `monitor`). Explicit names only: what is listed here is the supported API; the replication
 * kernels and job builders stay internal (the Node worker pool is in `bubblescope/node`).
 */
export {
  type CriticalValues,
  CV_PROBS,
  type CvMethod,
  type HlstCvOptions,
  hlstCriticalValues,
  type McCvOptions,
  mcCriticalValues,
  type PanelCvOptions,
  type Progress,
  type PsCvOptions,
  PWY_BADF_CV,
  panelCriticalValues,
  psCriticalValues,
  psTb,
  type ReplicationRunner,
} from "../detect/psy/cv.ts";
export {
  DATESTAMP_DEFAULTS,
  type DatestampOptions,
  datestamp,
  diagnostics,
  type Episode,
  type SeriesDatestamp,
  type SeriesDiagnostics,
} from "../detect/psy/datestamp.ts";
export { psyDs, psyMinw } from "../detect/psy/minw.ts";
export {
  type MonitorEpisode,
  type MonitorOptions,
  type MonitorPoint,
  type MonitorResult,
  monitor,
} from "../detect/psy/monitor.ts";
export {
  type NamedSeries,
  RADF_DEFAULTS,
  type RadfOptions,
  type RadfResult,
  type RadfSeries,
  radf,
} from "../detect/psy/radf.ts";
