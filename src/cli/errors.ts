/** CLI error types: a UsageError (bad flags) exits with code 2, any other error with code 1. */
export class UsageError extends Error {}
