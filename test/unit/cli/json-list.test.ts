import { PassThrough } from "node:stream";
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
  it("writes, an item at a time, the same text as the whole document at the end", () => {
    const { out, text } = output();
    const jobs = [
      { job: "fields", counts: { planned: 2 }, writes: JsonList.of([1, 2], (id) => ({ entityId: id, fields: ["a", "b"] })), skipped: undefined },
      { job: "docs", notes: [], nested: { deep: { deeper: { deepest: [{ x: "line\nbreak" }] } } } },
    ];
    const list = out.startJsonList({ dryRun: false, startedAt: "2026-12-06T00:00:00.000Z", nothing: undefined }, "jobs");
    const written: string[] = [];
    for (const job of jobs) {
      list.add(job);
      written.push(text());
    }
    // Each job is on stdout as soon as it is added, before the document ends.
    expect(written[0]).toContain('"entityId": 2');
    list.finish({ exitCode: 0, requests: { ninjaone: { requests: 3 } } });
    out.writeJson();
    expect(text()).toBe(`${JSON.stringify({ dryRun: false, startedAt: "2026-12-06T00:00:00.000Z", jobs, exitCode: 0, requests: { ninjaone: { requests: 3 } } }, null, 2)}\n`);
  });

  it("stays one document when the command fails part-way or adds nothing", () => {
    const failed = output();
    const list = failed.out.startJsonList({ dryRun: true }, "jobs");
    list.add({ job: "automap" });
    failed.out.writeJson({ message: "state file is locked" });
    expect(JSON.parse(failed.text())).toEqual({ dryRun: true, jobs: [{ job: "automap" }], error: { message: "state file is locked" } });

    const empty = output();
    empty.out.startJsonList({}, "jobs").finish({ exitCode: 0 });
    empty.out.writeJson();
    expect(empty.text()).toBe(`${JSON.stringify({ jobs: [], exitCode: 0 }, null, 2)}\n`);
  });
});
