// `node --import ./trace-loads.mjs …`: appends the URL of every module the process loads to the file named by
// $BUBBLESCOPE_TRACE_LOADS (used by startup.test.ts to prove that start-up loads nothing heavy).
import { register } from "node:module";

register(new URL("./trace-loads-hooks.mjs", import.meta.url));
