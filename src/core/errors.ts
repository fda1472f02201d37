/** Error types shared by every layer: a UsageError (a bad option or flag) maps to exit code 2 in the CLI. */
export class UsageError extends Error {}
