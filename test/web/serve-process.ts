/**
 * Test helper: runs the real `bubblescope serve` in a child process and waits for the URL it prints; `stop` sends
 * SIGTERM and resolves to the exit code. Bounded: no URL within `timeoutMs` kills the child and rejects.
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { REPO } from "../helpers/cli.ts";

export interface ServeProcess {
  readonly url: string;
  stderr(): string;
  stop(): Promise<number | null>;
}

export function startServeProcess(
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 80_000,
): Promise<ServeProcess> {
  const child = spawn(process.execPath, [resolve(REPO, "bin/bubblescope.js"), "serve", ...args], {
    cwd: REPO,
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((res) => child.once("exit", (code) => res(code)));
  return new Promise<ServeProcess>((res, rej) => {
    let out = "";
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      rej(new Error(`serve printed no URL within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /bubblescope dashboard: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        res({
          url: m[1],
          stderr: () => stderr,
          stop: async () => {
            if (child.exitCode === null) child.kill("SIGTERM");
            const t = setTimeout(() => child.kill("SIGKILL"), 10_000);
            const code = await exited;
            clearTimeout(t);
            return code;
          },
        });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      rej(new Error(`serve exited with ${code} before printing a URL: ${stderr}`));
    });
  });
}
