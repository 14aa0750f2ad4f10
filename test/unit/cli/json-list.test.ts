import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { Output } from "../../../src/cli/io.js";
import { JsonList } from "../../../src/json-chunks.js";

function output(): { out: Output; text: () => string } {
  const stdout = new PassThrough();
  let text = "";
  stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const out = new Output({ stdout, stderr: new PassThrough(), stdinIsTTY: false, env: {} }, { color: false, verbose: false, quiet: true, noInput: true });
  return { out, text: () => text };
}

describe("Output.startJsonList", () => {
  it("writes, an item at a time, the same text as the whole document at the end", async () => {
    const { out, text } = output();
    const jobs = [
      { job: "fields", counts: { planned: 2 }, writes: JsonList.of([1, 2], (id) => ({ entityId: id, fields: ["a", "b"] })), skipped: undefined },
      { job: "docs", notes: [], nested: { deep: { deeper: { deepest: [{ x: "line\nbreak" }] } } } },
    ];
    const list = out.startJsonList({ dryRun: false, startedAt: "2026-12-06T00:00:00.000Z", nothing: undefined }, "jobs");
    const written: string[] = [];
    for (const job of jobs) {
      await list.add(job);
      written.push(text());
    }
    // Each job is on stdout as soon as it is added, before the document ends.
    expect(written[0]).toContain('"entityId": 2');
    list.finish({ exitCode: 0, requests: { ninjaone: { requests: 3 } } });
    await out.writeJson();
    expect(text()).toBe(`${JSON.stringify({ dryRun: false, startedAt: "2026-12-06T00:00:00.000Z", jobs, exitCode: 0, requests: { ninjaone: { requests: 3 } } }, null, 2)}\n`);
  });

  it("stays one document when the command fails part-way or adds nothing", async () => {
    const failed = output();
    const list = failed.out.startJsonList({ dryRun: true }, "jobs");
    await list.add({ job: "automap" });
    await failed.out.writeJson({ message: "state file is locked" });
    expect(JSON.parse(failed.text())).toEqual({ dryRun: true, jobs: [{ job: "automap" }], error: { message: "state file is locked" } });

    const empty = output();
    empty.out.startJsonList({}, "jobs").finish({ exitCode: 0 });
    await empty.out.writeJson();
    expect(empty.text()).toBe(`${JSON.stringify({ jobs: [], exitCode: 0 }, null, 2)}\n`);
  });

  it("waits for a slow reader instead of queueing the document in memory", async () => {
    let queuedAtMost = 0;
    let text = "";
    const stdout: Writable = new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, done) {
        queuedAtMost = Math.max(queuedAtMost, stdout.writableLength);
        text += chunk.toString();
        setImmediate(done);
      },
    });
    const out = new Output({ stdout, stderr: new PassThrough(), stdinIsTTY: false, env: {} }, { color: false, verbose: false, quiet: true, noInput: true });
    const jobs = [{ job: "fields", writes: Array.from({ length: 20_000 }, (_, i) => ({ entityId: i, fields: ["acronisLastBackup"] })) }];
    const list = out.startJsonList({}, "jobs");
    await list.add(jobs[0]);
    await out.writeJson();
    await new Promise((resolve) => stdout.end(resolve));
    expect(JSON.parse(text)).toEqual({ jobs });
    // The document is about 2 MB; what waits in the stream stays within one piece of it.
    expect(text.length).toBeGreaterThan(1_500_000);
    expect(queuedAtMost).toBeLessThan(150_000);
  });
});
