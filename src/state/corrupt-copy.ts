import { promises as fs } from "node:fs";
import path from "node:path";

export const CORRUPT_INFIX = ".corrupt-";

/** Damaged copies kept at most; older ones are deleted when a new one is made. */
export const MAX_CORRUPT_COPIES = 3;

export function isCorruptCopyOf(target: string, candidate: string): boolean {
  return candidate.startsWith(`${path.basename(target)}${CORRUPT_INFIX}`);
}

/** Colons are not allowed in Windows file names, so the timestamp uses dashes. */
function stampOf(now: Date): string {
  return now.toISOString().replace(/[:.]/g, "-");
}

export async function listCorruptCopies(file: string): Promise<string[]> {
  const dir = path.dirname(file);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => isCorruptCopyOf(file, name)).sort().map((name) => path.join(dir, name));
}

/**
 * Keep the damaged bytes next to the state file as `<state>.corrupt-<timestamp>`. The bytes
 * are the ones that were judged, not a fresh read. Opening the same damaged file again
 * reuses an identical copy instead of piling up new ones, and only the newest
 * MAX_CORRUPT_COPIES are kept.
 */
export async function keepCorruptCopy(file: string, bytes: Buffer, now: Date): Promise<string> {
  for (const existing of await listCorruptCopies(file)) {
    const content = await fs.readFile(existing).catch(() => undefined);
    if (content?.equals(bytes)) return existing;
  }
  const base = `${file}${CORRUPT_INFIX}${stampOf(now)}`;
  for (let attempt = 0; ; attempt++) {
    const copy = attempt === 0 ? base : `${base}-${attempt}`;
    try {
      await fs.writeFile(copy, bytes, { flag: "wx", mode: 0o600 });
      await pruneCorruptCopies(file);
      return copy;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 20) throw error;
    }
  }
}

/** Deletes all but the newest copies; the names carry their time, so name order is age order. */
async function pruneCorruptCopies(file: string): Promise<void> {
  const copies = await listCorruptCopies(file);
  await Promise.all(copies.slice(0, Math.max(0, copies.length - MAX_CORRUPT_COPIES)).map((old) => fs.rm(old, { force: true })));
}
