import type { ReadonlyStateDocument } from "../../../state/index.js";
import { nanosToRfc3339, rfc3339ToNanos } from "../../../clients/acronis/alerts.js";

/** The state `cursors` entry of the alert read. */
export const ALERT_CURSOR = "tickets.acronis-alerts";

/**
 * Alerts are re-read from a little before the cursor: a change committed in Acronis with an
 * earlier `updatedAt` than one already seen (clock skew between its nodes) is not missed.
 * The planner drops the duplicates.
 */
export const CURSOR_OVERLAP_SECONDS = 300;

/** Where the next read starts: the cursor minus the overlap; undefined reads everything. */
export function readAfter(cursor: string | undefined, overlapSeconds = CURSOR_OVERLAP_SECONDS): string | undefined {
  if (cursor === undefined) return undefined;
  return nanosToRfc3339(rfc3339ToNanos(cursor) - BigInt(overlapSeconds) * 1_000_000_000n);
}

export interface CursorFacts {
  previous: string | undefined;
  /** The cursor in the state file, when the run started from another (clamped) one; default `previous`. */
  stored?: string | undefined;
  /** The newest `updatedAt` read this run. */
  newestRead: string | undefined;
  /** `updatedAt` of alerts whose work is still to do (deferred by the cap, or failed): the cursor stays before them. */
  holdBefore: readonly string[];
}

/** The cursor to store after a run, or undefined to leave it as it is. */
export function nextCursor(facts: CursorFacts): string | undefined {
  const candidates = [facts.previous, facts.newestRead].filter((t): t is string => t !== undefined).map(rfc3339ToNanos);
  if (candidates.length === 0) return undefined;
  let next = candidates.reduce((a, b) => (b > a ? b : a));
  for (const hold of facts.holdBefore) {
    const before = rfc3339ToNanos(hold) - 1n;
    if (before < next) next = before;
  }
  const text = nanosToRfc3339(next);
  const stored = "stored" in facts ? facts.stored : facts.previous;
  return stored !== undefined && rfc3339ToNanos(stored) === next ? undefined : text;
}

/**
 * The state `cursors` entry that says "tickets above this id may be ours with no link yet":
 * stored before a run's first create, removed by a run in which nothing failed. A run that
 * finds it reads the board's newest rows down to it and matches markers on our side, so a
 * ticket whose create landed before a crash is adopted even when board search finds nothing.
 */
export const UNLINKED_CURSOR = "tickets.unlinked-above";

/** The stored ticket id, or undefined when every ticket ninja-bridge created is linked. */
export function unlinkedAbove(state: ReadonlyStateDocument): number | undefined {
  const text = state.cursors[UNLINKED_CURSOR]?.cursor;
  return text !== undefined && /^[0-9]+$/.test(text) ? Number(text) : undefined;
}
