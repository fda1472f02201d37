/** CLI error types: a UsageError (bad flags) exits with code 2, any other error with code 1. */
export { UsageError } from "../core/errors.ts";
