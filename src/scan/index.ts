/** Scanning many series at once (browser-safe): preparation, per-series tests, ranking, breadth, changes. */
export * from "./alarm-drafts.ts";
export * from "./assemble.ts";
export * from "./breadth.ts";
export * from "./breadth-chart.ts";
export * from "./changes.ts";
export * from "./heat-chart.ts";
export * from "./page.ts";
export * from "./prepare.ts";
export * from "./rank.ts";
export * from "./scan-series.ts";
export * from "./settings.ts";
export * from "./watchlist.ts";
