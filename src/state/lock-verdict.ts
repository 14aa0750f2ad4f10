import { z } from "zod";

/** What a lock file holds: enough for a person to find the run that owns it. */
export const LockInfoSchema = z.object({
  pid: z.number().int().positive(),
  host: z.string(),
  startedAt: z.string(),
  command: z.string(),
});
export type LockInfo = z.infer<typeof LockInfoSchema>;

/** A lock file still being written looks like garbage; only an old unreadable one is abandoned. */
export const UNREADABLE_LOCK_GRACE_MS = 60_000;

export type LockVerdict =
  | { kind: "held"; holder: LockInfo; reason: "running" | "other-host" }
  | { kind: "held-unreadable"; ageMs: number }
  | { kind: "stale"; holder: LockInfo; reason: "process-gone" }
  | { kind: "stale-unreadable"; ageMs: number };

export interface LockFacts {
  /** `null` when the lock file is not valid lock JSON. */
  holder: LockInfo | null;
  ageMs: number;
  host: string;
  isRunning(pid: number): boolean;
}

/**
 * Decide whether an existing lock may be taken over. Only a lock on this host whose
 * process is gone is certainly abandoned; another host's processes cannot be checked.
 */
export function judgeLock(facts: LockFacts): LockVerdict {
  const { holder } = facts;
  if (!holder) {
    return facts.ageMs > UNREADABLE_LOCK_GRACE_MS
      ? { kind: "stale-unreadable", ageMs: facts.ageMs }
      : { kind: "held-unreadable", ageMs: facts.ageMs };
  }
  if (holder.host !== facts.host) return { kind: "held", holder, reason: "other-host" };
  if (facts.isRunning(holder.pid)) return { kind: "held", holder, reason: "running" };
  return { kind: "stale", holder, reason: "process-gone" };
}

export function describeHolder(holder: LockInfo): string {
  return `pid ${holder.pid} on host ${holder.host} since ${holder.startedAt} (command: ${holder.command})`;
}

/** The message and hint of the LockedError a verdict that refuses the lock produces. */
export function lockedMessage(
  stateFile: string,
  lockFile: string,
  verdict: Extract<LockVerdict, { kind: "held" | "held-unreadable" }>,
): { message: string; hint: string } {
  if (verdict.kind === "held-unreadable") {
    return {
      message: `State file ${stateFile} is locked: ${lockFile} exists but cannot be read (it may be mid-write).`,
      hint: `Retry in a minute; an unreadable lock older than a minute is taken over. Delete ${lockFile} only if no run is active.`,
    };
  }
  const message = `State file ${stateFile} is locked by ${describeHolder(verdict.holder)}.`;
  if (verdict.reason === "other-host") {
    return {
      message,
      hint: `A lock from another host is never taken over automatically. If no run is active on ${verdict.holder.host}, delete ${lockFile} and retry.`,
    };
  }
  return {
    message,
    hint: `Wait for that run to finish and retry. If process ${verdict.holder.pid} is stuck, stop it; its lock is then taken over automatically.`,
  };
}
