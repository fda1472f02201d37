/**
 * The scan on BullMQ against a real redis-server started here on 127.0.0.1 and a free port (skipped with a
 * message when /usr/bin/redis-server is absent): same JSON as worker threads, a worker killed with SIGKILL
 * mid-scan, Redis stopped mid-scan and the rerun resuming.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { BIN, freshEnv, makeFolder, run } from "./helpers.ts";

const REDIS = "/usr/bin/redis-server";
const skip = existsSync(REDIS) ? false : `${REDIS} is absent (apt-get install redis-server)`;
const children: ChildProcess[] = [];
after(() => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
});

function freePort(): Promise<number> {
  return new Promise((res) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => res(p));
    });
  });
}

async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const r = spawn(
    REDIS,
    [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--save",
      "",
      "--appendonly",
      "yes",
      "--appendfsync",
      "always",
    ],
    {
      stdio: "ignore",
    },
  );
  children.push(r);
  for (let i = 0; i < 50; i++) {
    const ok = await new Promise<boolean>((res) => {
      const c = createServer();
      c.once("error", () => res(true));
      c.listen(port, "127.0.0.1", () => c.close(() => res(false)));
    });
    if (ok) return r;
    await new Promise((s) => setTimeout(s, 100));
  }
  throw new Error("redis-server did not start");
}

function startWorker(url: string, env: NodeJS.ProcessEnv): ChildProcess {
  const w = spawn(process.execPath, [BIN, "worker", "--queue", url, "--lock-ms", "2000"], {
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(w);
  return w;
}

const args = (dir: string) => ["scan", dir, "--frequency", "as-is", "--nrep", "99", "--json", "--no-record"];

test("queue: same JSON as threads; a worker killed with SIGKILL mid-scan loses and doubles nothing", {
  skip,
  timeout: 180000,
}, async () => {
  const dir = makeFolder(12, 600);
  const env = freshEnv();
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  await startRedis(port, mkdtempSync(join(tmpdir(), "bs-redis-")));
  const local = await run(args(dir), env);
  assert.equal(local.code, 0, local.stderr);
  const w1 = startWorker(url, env);
  const w2 = startWorker(url, env);
  const scan = run([...args(dir), "--queue", url], env);
  // Kill one worker as soon as it has done a job (it is then in the middle of the next one, or idle).
  await new Promise<void>((res) => {
    w1.stderr?.on("data", (b: Buffer) => {
      if (/done|failed/.test(String(b))) res();
    });
    setTimeout(res, 20000);
  });
  w1.kill("SIGKILL");
  const q = await scan;
  w2.kill("SIGTERM");
  assert.equal(q.code, 0, q.stderr);
  assert.equal(q.stdout, local.stdout);
  const j = JSON.parse(q.stdout);
  const names = j.series.map((s: { name: string }) => s.name).sort();
  assert.deepEqual(names, [...new Set(names)]);
  assert.equal(names.length, 14);
});

test("queue: Redis stopped mid-scan gives one line and a non-zero exit; the rerun resumes and completes", {
  skip,
  timeout: 180000,
}, async () => {
  const dir = makeFolder(10, 800);
  const env = freshEnv();
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const rdir = mkdtempSync(join(tmpdir(), "bs-redis-"));
  const redis = await startRedis(port, rdir);
  const w = startWorker(url, env);
  const scan = run([...args(dir), "--queue", url], env);
  await new Promise<void>((res) => {
    w.stderr?.on("data", (b: Buffer) => {
      if (/done/.test(String(b))) res();
    });
    setTimeout(res, 30000);
  });
  redis.kill("SIGTERM");
  const r = await scan;
  assert.notEqual(r.code, 0);
  assert.equal(r.stdout, "");
  const lines = r.stderr
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("bubblescope:"));
  assert.equal(lines.length, 1, r.stderr);
  assert.match(lines[0], /Redis/);
  await startRedis(port, rdir);
  const again = await run([...args(dir), "--queue", url], env);
  w.kill("SIGKILL");
  assert.equal(again.code, 0, again.stderr);
  const local = await run(args(dir), env);
  assert.equal(again.stdout, local.stdout);
});
