import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { openState } from "../../../src/state/open-state.js";
import { makeTempDir, recordingLogger, removeDir, startFixture, waitForExit } from "./helpers.js";

let dir: string;

beforeEach(async () => {
  dir = await makeTempDir();
});

afterEach(async () => {
  await removeDir(dir);
});

/** A state file holding one organization (serial 1), written and closed; returns its bytes. */
async function fileWithOneOrg(file: string): Promise<Buffer> {
  const at = "2025-03-01T10:00:00.000Z";
  const first = await openState(file, { mode: "write", command: "test" });
  await first.update((d) => {
    d.orgsSeen["1"] = { ninjaOrgId: 1, name: "Only org", firstSeenAt: at, lastSeenAt: at };
  });
  await first.close();
  return fs.readFile(file);
}

it("the state file survives a writer killed between writing the new version and renaming it", async () => {
  const file = path.join(dir, "state.json");
  const before = await fileWithOneOrg(file);

  const child = await startFixture("write-and-hang.mjs", [file, "20000"], "before-rename");
  const leftovers = (await fs.readdir(dir)).filter((name) => name.endsWith(".tmp"));
  expect(leftovers).toHaveLength(1);
  expect((await fs.stat(path.join(dir, leftovers[0] as string))).size).toBeGreaterThan(before.length * 100);
  child.kill("SIGKILL");
  expect((await waitForExit(child)).signal).toBe("SIGKILL");

  expect((await fs.readFile(file)).equals(before)).toBe(true);
  const reader = await openState(file, { mode: "read" });
  expect(reader.data.serial).toBe(1);
  expect(Object.keys(reader.data.orgsSeen)).toEqual(["1"]);

  const logger = recordingLogger();
  const writer = await openState(file, { mode: "write", command: "test", logger });
  expect(logger.warnings).toEqual([expect.stringContaining(`pid ${child.pid} `)]);
  expect((await fs.readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  await writer.update(() => {});
  expect(writer.data.serial).toBe(2);
  await writer.close();
});

it("loses no change when the writer is killed after the journal append, before any fold", async () => {
  const file = path.join(dir, "state.json");
  const before = await fileWithOneOrg(file);

  const child = await startFixture("append-and-hang.mjs", [file], "appended");
  child.kill("SIGKILL");
  expect((await waitForExit(child)).signal).toBe("SIGKILL");

  // The file was not rewritten: the change lives in the journal beside it.
  expect((await fs.readFile(file)).equals(before)).toBe(true);
  const reader = await openState(file, { mode: "read" });
  expect(reader.data.serial).toBe(2);
  expect(reader.data.orgsSeen["2"]?.name).toBe("Recorded before the kill");

  // The next writing run folds it into the file and drops the journal.
  const writer = await openState(file, { mode: "write", command: "test", logger: recordingLogger() });
  expect(await fs.readdir(dir)).not.toContain("state.json.journal");
  expect(JSON.parse(await fs.readFile(file, "utf8")).orgsSeen["2"].name).toBe("Recorded before the kill");
  await writer.update(() => {});
  expect(writer.data.serial).toBe(3);
  await writer.close();
});
