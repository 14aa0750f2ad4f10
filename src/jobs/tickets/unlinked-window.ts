import { runBoard } from "../../clients/ninjaone/tickets.js";
import type { HttpClient } from "../../http/index.js";
import type { ReadonlyStateDocument, StateHandle } from "../../state/index.js";

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

/** The newest ticket id on the board (ids only grow), 0 for an empty board. */
async function newestTicketId(http: HttpClient, boardId: number): Promise<number> {
  for await (const row of runBoard(http, boardId, { direction: "DESC", pageSize: 1 })) return row.id;
  return 0;
}

/** Stores the cursor before creates, keeping an older one a failed run left; returns it. */
export async function openUnlinkedWindow(state: StateHandle, http: HttpClient, boardId: number): Promise<number> {
  const kept = unlinkedAbove(state.data);
  if (kept !== undefined) return kept;
  const newest = await newestTicketId(http, boardId);
  const at = new Date().toISOString();
  await state.update((draft) => {
    draft.cursors[UNLINKED_CURSOR] = { name: UNLINKED_CURSOR, cursor: String(newest), updatedAt: at };
  });
  return newest;
}

/** Every ticket created so far is linked: the next run needs no scan. */
export async function closeUnlinkedWindow(state: StateHandle): Promise<void> {
  if (unlinkedAbove(state.data) === undefined) return;
  await state.update((draft) => {
    delete draft.cursors[UNLINKED_CURSOR];
  });
}
