/**
 * Starts a worker thread on one of the package's modules, from the compiled package or from the TypeScript
 * sources alike: compiled (`dist/…/x.js`) the module runs directly; from the sources (tests, `node --import tsx`)
 * tsx's loader is registered inside the worker first.
 *
 * @example
 * spawnModuleWorker(import.meta.url, "lppls-worker"); // ./lppls-worker.js beside the compiled caller, or .ts
 */
import { Worker } from "node:worker_threads";

export function spawnModuleWorker(callerUrl: string, name: string): Worker {
  if (callerUrl.endsWith(".js")) return new Worker(new URL(`./${name}.js`, callerUrl));
  const tsxApi = import.meta.resolve("tsx/esm/api");
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  return new Worker(
    `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true },
  );
}
