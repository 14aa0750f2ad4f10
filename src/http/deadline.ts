import { DeadlineError, UsageError } from "../errors.js";
import type { RequestRef } from "./api-errors.js";
import { type Now, systemNow } from "./clock.js";

/**
 * A run's overall time budget. Every request, retry, backoff and rate-limit wait of the run
 * asks it how much time is left, so a run ends near its deadline instead of holding the
 * state lock while a slow service trickles.
 */
export class Deadline {
  constructor(
    /** Epoch milliseconds. */
    readonly at: number,
    /** How the user gave it, for messages: `30m`, `2025-06-01T02:00:00Z`. */
    readonly label: string,
    private readonly now: Now = systemNow,
  ) {}

  /** Milliseconds left, never below 0. */
  remainingMs(): number {
    return Math.max(0, this.at - this.now());
  }

  passed(): boolean {
    return this.remainingMs() === 0;
  }

  /** Whether waiting `ms` from now would end at or after the deadline. */
  cuts(ms: number): boolean {
    return this.now() + ms >= this.at;
  }

  describe(): string {
    return `the run's deadline (${this.label})`;
  }
}

/** Every API command's budget when neither `--deadline` nor a setting gives one. */
export const DEFAULT_DEADLINE = "30m";

const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000 };
const DURATION = /^(?:\d+(?:\.\d+)?[hms])+$/;
const PART = /(\d+(?:\.\d+)?)([hms])/g;
// An ISO 8601 date-time with an explicit zone: a bare local time would read differently under cron's TZ.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;

/** `90s`, `20m`, `2h`, `1h30m` in milliseconds, or undefined when it is not such a duration. */
export function parseDuration(text: string): number | undefined {
  const trimmed = text.trim().toLowerCase();
  if (!DURATION.test(trimmed)) return undefined;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) total += Number(amount) * (UNIT_MS[unit as string] as number);
  return Math.round(total);
}

/**
 * A deadline from a duration (counted from `startedAt`) or an ISO time with a zone. `source`
 * names where the text came from (`--deadline`, `the sync.deadline setting`) in errors.
 */
export function parseDeadline(text: string, source: string, startedAt: number, now: Now = systemNow): Deadline {
  const trimmed = text.trim();
  const hint = "give a duration such as 90s, 20m, 2h or 1h30m, or a time such as 2025-06-01T02:00:00Z";
  const duration = parseDuration(trimmed);
  if (duration !== undefined) {
    if (duration <= 0) throw new UsageError(`${source} must be longer than 0 (got "${trimmed}")`, { hint });
    return new Deadline(startedAt + duration, trimmed, now);
  }
  if (ISO_TIME.test(trimmed)) {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) throw new UsageError(`${source}: "${trimmed}" is not a valid time`, { hint });
    if (at <= startedAt) throw new UsageError(`${source}: ${trimmed} has already passed`, { hint });
    return new Deadline(at, trimmed, now);
  }
  throw new UsageError(`${source}: "${trimmed}" is neither a duration nor a time`, { hint });
}

/**
 * The error of a request the deadline stopped: before an attempt, during one (cut), or
 * instead of a retry wait that would have run past it.
 */
export function errorForDeadline(ref: RequestRef, deadline: Deadline, what: string | undefined, maybeApplied: boolean): DeadlineError {
  let message = `${ref.service} ${ref.method} ${ref.path}: ${deadline.describe()} was reached`;
  if (what !== undefined) message += ` (${what})`;
  if (maybeApplied) message += "; it may or may not have been applied";
  return new DeadlineError(message, {
    ...ref,
    hint: "what landed before it is recorded and the next run does the rest; give a run more time with --deadline (sync: the sync.deadline setting)",
  });
}
