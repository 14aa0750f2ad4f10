import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { entryLockPath, withEntryLock } from "../../../src/config/credentials/entry-lock.js";
import { LockedError } from "../../../src/errors.js";
import { Deadline } from "../../../src/http/deadline.js";
import { recordingLogger, tempDir } from "./helpers.js";

let dir: string;
let lockFile: string;

beforeEach(async () => {
  dir = await tempDir();
  lockFile = entryLockPath(path.join(dir, "config", "credentials.json"), "default", "ninjaone");
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

const holder = (pid: number) => `${JSON.stringify({ pid, host: os.hostname(), startedAt: "2026-01-01T00:00:00.000Z", command: "refresh the NinjaOne token" })}\n`;

describe("the lock of a credential entry", () => {
  it("lives beside the credentials file, one per profile and service", () => {
    expect(lockFile).toBe(path.join(dir, "config", "credentials-default-ninjaone.lock"));
  });

  it("lets one turn run at a time, the second after the first", async () => {
    const order: string[] = [];
    let releaseFirst!: () => void;
    let firstIn!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const entered = new Promise<void>((resolve) => (firstIn = resolve));
    const options = { logger: recordingLogger(), command: "test" };
    const first = withEntryLock(lockFile, options, async () => {
      order.push("first in");
      firstIn();
      await firstHeld;
      order.push("first out");
    });
    await entered;
    // The second finds the lock held and waits; its wait is where the first finishes.
    const second = withEntryLock(lockFile, { ...options, sleep: async () => releaseFirst() }, async () => void order.push("second"));
    await Promise.all([first, second]);
    expect(order).toEqual(["first in", "first out", "second"]);
    await expect(fs.stat(lockFile)).rejects.toThrow();
  });

  it("takes over a lock whose process is gone, with a warning", async () => {
    await fs.mkdir(path.dirname(lockFile), { recursive: true });
    await fs.writeFile(lockFile, holder(2 ** 22 + 1));
    const logger = recordingLogger();
    expect(await withEntryLock(lockFile, { logger, command: "test" }, async () => "ran")).toBe("ran");
    expect(logger.warnings).toEqual([expect.stringMatching(/^took over the credentials lock .* left by pid 4194305 .*: that process is gone$/)]);
  });

  it("gives up with exit 75, naming the holder, when a live process keeps the lock", async () => {
    await fs.mkdir(path.dirname(lockFile), { recursive: true });
    await fs.writeFile(lockFile, holder(process.pid));
    const error = await withEntryLock(lockFile, { logger: recordingLogger(), command: "test", waitMs: 0 }, async () => "ran").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockedError);
    expect((error as LockedError).message).toContain(`is held by pid ${process.pid}`);
    expect((error as LockedError).hint).toContain(`delete ${lockFile}`);
    expect(await fs.readFile(lockFile, "utf8")).toBe(holder(process.pid));
  });

  it("releases the lock when the turn fails", async () => {
    await expect(withEntryLock(lockFile, { logger: recordingLogger(), command: "test" }, async () => Promise.reject(new Error("refused")))).rejects.toThrow("refused");
    await expect(fs.stat(lockFile)).rejects.toThrow();
  });

  it("stops waiting when the run's deadline passes, long before its own minute", async () => {
    await fs.mkdir(path.dirname(lockFile), { recursive: true });
    await fs.writeFile(lockFile, holder(process.pid));
    let clock = 1_000;
    const deadline = new Deadline(1_500, "500ms", () => clock);
    let waits = 0;
    const sleep = async (ms: number) => {
      waits += 1;
      // Stands in for a minute of polling: the old code only stopped after that.
      if (waits > 20) throw new Error("kept waiting past the run's deadline");
      clock += ms;
    };
    const error = await withEntryLock(lockFile, { logger: recordingLogger(), command: "test", deadline, sleep }, async () => "ran").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LockedError);
    expect((error as LockedError).message).toContain("the run's deadline (500ms) was reached while waiting");
    expect(waits).toBeLessThanOrEqual(5);
  });
});
