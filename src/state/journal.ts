import { z } from "zod";
import { applyChanges, checkChange, type Change } from "./changes.js";
import type { StateDocument } from "./schema.js";

/**
 * The journal beside the state file, `<state>.journal`: the changes recorded since the file
 * was last written whole, one JSON line each, so recording a change appends a line instead of
 * rewriting the document (issue 21). Its first line names the state it belongs to; each later
 * line carries the serial it makes. A write folds it into the file and removes it.
 */
export function journalPathOf(file: string): string {
  return `${file}.journal`;
}

const HeaderSchema = z.strictObject({ journal: z.literal(1), lineage: z.uuid() });

const LineSchema = z.strictObject({
  serial: z.number().int().positive(),
  at: z.iso.datetime({ offset: true }),
  changes: z.array(z.strictObject({ path: z.array(z.string()).min(1), value: z.unknown().optional() })),
});

export function journalHeader(lineage: string): string {
  return `${JSON.stringify({ journal: 1, lineage })}\n`;
}

export function journalLine(serial: number, at: string, changes: readonly Change[]): string {
  return `${JSON.stringify({ serial, at, changes })}\n`;
}

export interface JournalFailure {
  ok: false;
  /** 1-based line number in the journal. */
  line: number;
  detail: string;
}

export interface JournalReplay {
  ok: true;
  /** Lines applied: those after the serial of the file they were read with. */
  applied: number;
  /** Lines the file already held (left by a run killed between writing the file and removing the journal). */
  folded: number;
  /** The last line was cut short by a kill; it was never acknowledged, and is ignored. */
  torn: boolean;
}

/**
 * Applies a journal's text to `doc` (a document loaded from the file beside it), each line
 * validated on its own, and sets the serial and time of the last. Pure apart from `doc`, so the
 * loader, `state verify` and tests read a journal the same way. On a failure `doc` may be half
 * changed: the caller drops it.
 */
export function replayJournal(doc: StateDocument, text: string): JournalReplay | JournalFailure {
  const lines = text.split("\n");
  // Every line is written with its newline in one append: a last piece without it was cut short.
  const tail = lines.pop() ?? "";
  const torn = tail.length > 0;
  if (lines.length === 0) return { ok: true, applied: 0, folded: 0, torn };
  const header = HeaderSchema.safeParse(parseJson(lines[0] as string));
  if (!header.success) return { ok: false, line: 1, detail: "is not a ninja-bridge journal header" };
  if (header.data.lineage !== doc.lineage) {
    return { ok: false, line: 1, detail: `belongs to another state (lineage ${header.data.lineage}, the file's is ${doc.lineage})` };
  }
  let applied = 0;
  let folded = 0;
  for (let i = 1; i < lines.length; i++) {
    const raw = parseJson(lines[i] as string);
    const line = LineSchema.safeParse(raw);
    if (!line.success) return { ok: false, line: i + 1, detail: "is not a valid journal line" };
    const { serial, at } = line.data;
    // The raw changes: a deletion is a change without a value, which parsing must not blur.
    const changes = (raw as { changes: Change[] }).changes;
    if (serial <= doc.serial && applied === 0) {
      folded++;
      continue;
    }
    if (serial !== doc.serial + 1) return { ok: false, line: i + 1, detail: `has serial ${serial} where ${doc.serial + 1} was expected` };
    const checked: Change[] = [];
    for (const change of changes) {
      const check = checkChange(change);
      if (!check.ok) return { ok: false, line: i + 1, detail: check.reason };
      checked.push("value" in change ? { path: change.path, value: check.value } : { path: change.path });
    }
    applyChanges(doc, checked);
    doc.serial = serial;
    doc.updatedAt = at;
    applied++;
  }
  return { ok: true, applied, folded, torn };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
