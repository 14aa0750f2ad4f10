import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { RequestCounter } from "../../../src/http/index.js";
import { Output } from "../../../src/cli/io.js";
import { ProgressLine } from "../../../src/cli/progress-line.js";

function terminal() {
  const writes: string[] = [];
  const stderr = Object.assign(
    new Writable({
      write(chunk, _enc, done) {
        writes.push(String(chunk));
        done();
      },
    }),
    { isTTY: true, columns: 100 },
  );
  const out = new Output({ stdout: new Writable({ write: (_c, _e, d) => d() }), stderr, stdinIsTTY: true, env: {} }, { color: false, verbose: false, quiet: false, noInput: false });
  return { out, writes };
}

describe("ProgressLine", () => {
  it("shows the requests of a long read as they land, without waiting for a tick", () => {
    const { out, writes } = terminal();
    const counter = new RequestCounter();
    let clock = 0;
    const line = new ProgressLine(out, counter, true, () => clock);
    line.start("automap");
    expect(writes.at(-1)).toContain("automap reading… · 0 requests");
    for (let i = 0; i < 3; i++) {
      clock += 300;
      counter.recordResponse("ninjaone", 200);
    }
    line.stop();
    expect(writes.filter((w) => w.includes("requests")).at(-1)).toContain("3 requests");
  });

  it("throttles redraws between requests that land close together", () => {
    const { out, writes } = terminal();
    const counter = new RequestCounter();
    const line = new ProgressLine(out, counter, true, () => 1000);
    line.start("automap");
    for (let i = 0; i < 5; i++) counter.recordResponse("ninjaone", 200);
    line.stop();
    expect(writes.filter((w) => w.includes("requests"))).toHaveLength(1);
  });

  it("draws nothing and listens to nothing when off", () => {
    const { out, writes } = terminal();
    const counter = new RequestCounter();
    const line = new ProgressLine(out, counter, false);
    line.start("automap");
    counter.recordResponse("ninjaone", 200);
    line.stop();
    expect(writes).toEqual([]);
  });
});
