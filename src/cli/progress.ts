/**
 * Progress bar on stderr for long computations (critical values, indicators). Silent when stderr is not a
 * TTY unless BUBBLESCOPE_PROGRESS=1, so pipes and CI logs stay clean; the computation code only sees a
 * `(done, total) => void` callback.
 */
import cliProgress from "cli-progress";

export type ProgressFn = (done: number, total: number) => void;

export function progressBar(label: string): { tick: ProgressFn; stop: () => void } {
  const enabled = process.stderr.isTTY || process.env.BUBBLESCOPE_PROGRESS === "1";
  if (!enabled) return { tick: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    tick: (done, total) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
