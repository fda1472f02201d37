#!/usr/bin/env node
// Entry point: runs the compiled CLI in dist/ (plain JavaScript, no TypeScript loader). `npm run build` writes
// dist/; in a clone, `npm ci` runs it through `prepare`; the published package ships it.
let cli;
try {
  cli = await import("../dist/cli/main.js");
} catch (err) {
  if (err?.code === "ERR_MODULE_NOT_FOUND" && String(err.message).includes("dist/cli/main.js")) {
    process.stderr.write("bubblescope: the compiled CLI is missing (dist/): run `npm run build`\n");
    process.exit(1);
  }
  throw err;
}
process.exitCode = await cli.main(process.argv.slice(2));
