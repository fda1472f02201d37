/** PSY recursive right-tailed unit-root tests: statistics, critical values, date-stamping, monitoring. */

export * from "./adjusted.ts";
export * from "./cv.ts";
export * from "./datestamp.ts";
export * from "./minw.ts";
export * from "./monitor.ts";
export * from "./radf.ts";
export type { KeepSequences, ReplicaTest, ReplicationJob, ReplicationOutput } from "./replicate.ts";
export { runReplications } from "./replicate.ts";
