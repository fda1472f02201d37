/** The report format's version (report.json `schemaVersion`) and the tool version named in the report. */
export const REPORT_VERSION = 1;
/** The tool version named in the report (package.json's version; test/package checks they agree). */
export const REPORT_TOOL_VERSION = "0.1.0";
