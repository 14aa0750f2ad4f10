import { promises as fs } from "node:fs";
import os from "node:os";
import path from "node:path";
import { LockedError } from "../../errors.js";
import type { Deadline } from "../../http/deadline.js";
import type { Logger } from "../../log.js";
import { createLockFile, inspectLock, releaseOnExit, removeStaleLock } from "../../state/lock.js";
import { describeHolder, type LockInfo } from "../../state/lock-verdict.js";
import { assertProfileName } from "./names.js";
import type { ServiceName } from "../../services.js";

/** A refresh takes one token request; a holder that keeps the lock this long is stuck or far away. */
const DEFAULT_WAIT_MS = 60_000;
const POLL_MS = 100;

export interface EntryLockOptions {
  logger: Logger;
  /** What the holder is doing, for a person who finds the lock file. */
  command: string;
  waitMs?: number;
  /** The run's budget: the wait ends when it passes, even before `waitMs`. */
  deadline?: Deadline;
  sleep?: (ms: number) => Promise<void>;
}

/** One lock per profile and service, beside the credentials file: `credentials-<profile>-<service>.lock`. */
export function entryLockPath(credentialsFile: string, profile: string, service: ServiceName): string {
  assertProfileName(profile);
  return path.join(path.dirname(credentialsFile), `credentials-${profile}-${service}.lock`);
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `work` while holding the lock of one credential entry, so processes that would each
 * spend the same single-use secret (a rotating refresh token) take turns; whoever comes second
 * re-reads the store inside `work` and finds the first one's result. Unlike the state lock it
 * waits, because a turn lasts one token request. A lock whose process is gone is taken over,
 * as the state lock does.
 */
export async function withEntryLock<T>(lockFile: string, options: EntryLockOptions, work: () => Promise<T>): Promise<T> {
  const sleep = options.sleep ?? defaultSleep;
  const waitMs = options.waitMs ?? DEFAULT_WAIT_MS;
  await fs.mkdir(path.dirname(lockFile), { recursive: true, mode: 0o700 });
  const started = Date.now();
  for (;;) {
    const holder: LockInfo = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), command: options.command };
    const content = `${JSON.stringify(holder)}\n`;
    if (await createLockFile(lockFile, content)) {
      const cancelExitHook = releaseOnExit(lockFile, content);
      try {
        return await work();
      } finally {
        cancelExitHook();
        if ((await fs.readFile(lockFile, "utf8").catch(() => undefined)) === content) await fs.rm(lockFile, { force: true });
      }
    }
    const existing = await inspectLock(lockFile);
    if (existing !== null && (existing.verdict.kind === "stale" || existing.verdict.kind === "stale-unreadable")) {
      if (await removeStaleLock(lockFile, existing.text)) {
        const left = existing.verdict.kind === "stale" ? `left by ${describeHolder(existing.verdict.holder)}: that process is gone` : "that nobody could read";
        options.logger.warn(`took over the credentials lock ${lockFile} ${left}`);
      }
      continue;
    }
    const outOfTime = options.deadline?.passed() === true;
    if (outOfTime || Date.now() - started >= waitMs) {
      const by = existing?.holder ? ` by ${describeHolder(existing.holder)}` : "";
      const why = outOfTime ? `, and ${options.deadline?.describe() ?? "the deadline"} was reached while waiting` : `, for over ${Math.round(waitMs / 1000)} s`;
      throw new LockedError(`the credentials lock ${lockFile} is held${by}${why}`, {
        hint: `retry when that process has finished; if no ninja-bridge process is running${existing?.holder ? ` on ${existing.holder.host}` : ""}, delete ${lockFile}`,
      });
    }
    await sleep(POLL_MS + Math.floor(Math.random() * POLL_MS));
  }
}
