import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ExitCode, LockedError } from "../../../src/errors.js";
import { openState, type StateHandle } from "../../../src/state/open-state.js";
import { deadPid, liveProcess, makeTempDir, recordingLogger, removeDir, startFixture, waitForExit } from "./helpers.js";

const posix = process.platform !== "win32";
const at = "2025-03-01T10:00:00.000Z";

let dir: string;
let file: string;
let lockFile: string;
const cleanups: (() => Promise<unknown>)[] = [];

async function openWrite(command = "test", logger = recordingLogger()): Promise<StateHandle> {
  const handle = await openState(file, { mode: "write", command, logger });
  cleanups.push(() => handle.close());
  return handle;
}

async function lockedError(promise: Promise<unknown>): Promise<LockedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LockedError);
  return error as LockedError;
}

async function writeLock(content: string): Promise<void> {
  await fs.writeFile(lockFile, content, { mode: 0o600 });
}

beforeEach(async () => {
  dir = await makeTempDir();
  file = path.join(dir, "state.json");
  lockFile = `${file}.lock`;
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await removeDir(dir);
});

describe("the state lock", () => {
  it("is a private file naming this process while a writer holds it, and gone after close", async () => {
    const state = await openWrite("tickets sync");
    const holder = JSON.parse(await fs.readFile(lockFile, "utf8"));
    expect(holder).toMatchObject({ pid: process.pid, host: os.hostname(), command: "tickets sync" });
    expect(Number.isNaN(Date.parse(holder.startedAt))).toBe(false);
    if (posix) expect((await fs.stat(lockFile)).mode & 0o777).toBe(0o600);
    await state.close();
    await expect(fs.access(lockFile)).rejects.toThrow();
  });

  it("is not taken by a reader", async () => {
    await openState(file, { mode: "read" });
    await expect(fs.access(lockFile)).rejects.toThrow();
  });

  it("makes a second writer fail with exit code 75, naming the holder, and leaves the file intact", async () => {
    const first = await openWrite("fields sync");
    await first.update((d) => {
      d.cursors.alerts = { name: "alerts", cursor: "c1", updatedAt: at };
    });
    const before = await fs.readFile(file);

    const error = await lockedError(openState(file, { mode: "write", command: "tickets sync" }));
    expect(error.exitCode).toBe(ExitCode.locked);
    expect(error.message).toContain(`pid ${process.pid} on host ${os.hostname()}`);
    expect(error.message).toContain("command: fields sync");
    expect(error.hint).toContain("Wait for that run to finish");
    expect((await fs.readFile(file)).equals(before)).toBe(true);

    await first.update(() => {});
    expect(first.data.serial).toBe(2);
  });

  it("held by another real process blocks this one until that process is gone, then is taken over with a warning", async () => {
    const child = await startFixture("hold-lock.mjs", [file, "hold"], "locked");
    cleanups.push(async () => {
      child.kill("SIGKILL");
      await waitForExit(child);
    });
    const error = await lockedError(openState(file, { mode: "write", command: "test" }));
    expect(error.exitCode).toBe(75);
    expect(error.message).toContain(`pid ${child.pid} `);
    expect(error.message).toContain("command: fixture hold-lock");

    child.kill("SIGKILL");
    await waitForExit(child);
    const logger = recordingLogger();
    await openWrite("test", logger);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain(`pid ${child.pid} `);
  });

  it("is released when the holding process exits without closing", async () => {
    const child = await startFixture("hold-lock.mjs", [file, "exit"], "locked");
    expect(await waitForExit(child)).toEqual({ code: 0, signal: null });
    await expect(fs.access(lockFile)).rejects.toThrow();
  });

  it("left by a dead process on this host is taken over with a warning", async () => {
    const pid = await deadPid();
    await writeLock(JSON.stringify({ pid, host: os.hostname(), startedAt: at, command: "provision" }));
    const logger = recordingLogger();
    await openWrite("test", logger);
    expect(logger.warnings).toEqual([expect.stringContaining(`pid ${pid} on host ${os.hostname()} since ${at} (command: provision)`)]);
    expect(JSON.parse(await fs.readFile(lockFile, "utf8")).pid).toBe(process.pid);
  });

  it("of a live process on this host is not taken over", async () => {
    const other = await liveProcess();
    cleanups.push(async () => {
      other.kill("SIGKILL");
      await waitForExit(other);
    });
    const content = JSON.stringify({ pid: other.pid, host: os.hostname(), startedAt: at, command: "sync" });
    await writeLock(content);
    await lockedError(openState(file, { mode: "write" }));
    expect(await fs.readFile(lockFile, "utf8")).toBe(content);
  });

  it("from another host is never taken over and the hint says how to remove it", async () => {
    const pid = await deadPid();
    const content = JSON.stringify({ pid, host: `not-${os.hostname()}`, startedAt: at, command: "sync" });
    await writeLock(content);
    const error = await lockedError(openState(file, { mode: "write" }));
    expect(error.message).toContain(`on host not-${os.hostname()}`);
    expect(error.hint).toContain(`delete ${lockFile}`);
    expect(await fs.readFile(lockFile, "utf8")).toBe(content);
  });

  it("that is unreadable and recent is treated as held", async () => {
    await writeLock("{\"pid\": 12");
    const error = await lockedError(openState(file, { mode: "write" }));
    expect(error.message).toContain("cannot be read");
  });

  it("that is unreadable and older than a minute is taken over with a warning", async () => {
    await writeLock("garbage");
    const old = new Date(Date.now() - 5 * 60_000);
    await fs.utimes(lockFile, old, old);
    const logger = recordingLogger();
    await openWrite("test", logger);
    expect(logger.warnings).toEqual([expect.stringContaining("unreadable lock")]);
  });

  it("is not removed on close if it no longer belongs to this run", async () => {
    const state = await openWrite();
    const foreign = JSON.stringify({ pid: 1, host: "elsewhere", startedAt: at, command: "sync" });
    await fs.writeFile(lockFile, foreign);
    await state.close();
    expect(await fs.readFile(lockFile, "utf8")).toBe(foreign);
  });
});
