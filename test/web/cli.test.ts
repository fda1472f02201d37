/**
 * `bubblescope serve` flag validation: bad flags are one line on stderr with exit code 2. (The served command
 * itself runs as a child process in dashboard.test.ts, which the browser tests then use.)
 */
import assert from "node:assert/strict";
import { describe, test } from "node:test";

describe("bubblescope serve", () => {
  test("bad flags: one line on stderr, exit code 2", async () => {
    // In-process (the CLI's start-up costs seconds per child process on this machine).
    const { main } = await import("../../src/cli/main.ts");
    const run = async (args: string[]) => {
      let err = "";
      const write = process.stderr.write.bind(process.stderr);
      process.stderr.write = ((chunk: string | Uint8Array) => {
        err += String(chunk);
        return true;
      }) as typeof process.stderr.write;
      try {
        return { code: await main(args), err };
      } finally {
        process.stderr.write = write;
      }
    };
    assert.deepEqual(await run(["serve", "--port", "70000"]), {
      code: 2,
      err: 'bubblescope: --port must be an integer in 0–65535, got "70000"\n',
    });
    const h = await run(["serve", "--host", "a b"]);
    assert.equal(h.code, 2);
    assert.match(h.err, /^bubblescope: --host must be a host name or IP address, got "a b"\n$/);
    const n = await run(["serve", "--nrep", "1"]);
    assert.equal(n.code, 2);
    assert.match(n.err, /^bubblescope: --nrep must be an integer in 2–100000/);
  });
});
