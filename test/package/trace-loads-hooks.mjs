// Module-loader hook for trace-loads.mjs (runs on the loader thread).
import { appendFileSync } from "node:fs";

export async function load(url, context, next) {
  if (process.env.BUBBLESCOPE_TRACE_LOADS) appendFileSync(process.env.BUBBLESCOPE_TRACE_LOADS, `${url}\n`);
  return next(url, context);
}
