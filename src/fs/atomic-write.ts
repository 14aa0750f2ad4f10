import { randomBytes } from "node:crypto";
import { closeSync, fchmodSync, fsyncSync, openSync, promises as fs, rmSync, writeSync } from "node:fs";
import path from "node:path";

export interface AtomicWriteOptions {
  /** File mode of the result; 0600 by default because what we write is private. */
  mode?: number;
  /** Called after the temp file is complete and synced, before it replaces the target (tests kill here). */
  beforeRename?: () => Promise<void>;
  /** Keep the version being replaced at this path (a backup), when there is one. */
  keepPreviousAs?: string;
}

/** Temp files are named `<target>.<random>.tmp` so a reader can recognise (and ignore) leftovers. */
export const TEMP_SUFFIX = ".tmp";

export function isTempFileOf(target: string, candidate: string): boolean {
  const base = path.basename(target);
  return candidate.startsWith(`${base}.`) && candidate.endsWith(TEMP_SUFFIX);
}

function tempPathOf(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file)}.${randomBytes(6).toString("hex")}${TEMP_SUFFIX}`);
}

/**
 * Replace `file` with `data` so that a crash at any point leaves either the old or the new
 * content, never a mix: write a temp file in the same directory, fsync it, rename it over
 * the target, then fsync the directory so the rename itself survives a power loss. Text too
 * large to hold as one string comes as an iterable of pieces.
 */
export async function writeFileAtomic(file: string, data: string | Buffer | Iterable<string>, options: AtomicWriteOptions = {}): Promise<void> {
  const mode = options.mode ?? 0o600;
  const temp = tempPathOf(file);
  const handle = await fs.open(temp, "wx", mode);
  try {
    if (typeof data === "string" || Buffer.isBuffer(data)) await handle.writeFile(data);
    else for (const piece of data) await handle.writeFile(piece);
    // The mode given to open() is filtered by the umask; make it exact.
    await handle.chmod(mode);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fs.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await replaceWithTemp(temp, file, options);
}

/**
 * The first half of `writeFileAtomic` without yielding to the event loop: the pieces are
 * written and synced into a temp file before any other code runs, for a caller that shows a
 * document as it was for the moment of the write. `replaceWithTemp` finishes the job.
 */
export function writeTempFileSync(file: string, pieces: Iterable<string>, mode = 0o600): string {
  const temp = tempPathOf(file);
  const fd = openSync(temp, "wx", mode);
  try {
    for (const piece of pieces) {
      const bytes = Buffer.from(piece, "utf8");
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
    }
    fchmodSync(fd, mode);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  return temp;
}

/** Renames a complete, synced temp file over `file` (keeping the old one as asked) and syncs the directory; the temp file is removed on failure. */
export async function replaceWithTemp(temp: string, file: string, options: AtomicWriteOptions = {}): Promise<void> {
  try {
    if (options.beforeRename) await options.beforeRename();
    if (options.keepPreviousAs !== undefined) await keepPrevious(file, options.keepPreviousAs, options.mode ?? 0o600);
    await renameRetrying(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(path.dirname(file));
}

/**
 * Hard-links the current file to `backup` (through a temp name, so the backup is always
 * whole): no bytes are copied, however big the file. Only a file system without hard links
 * pays for a copy. The directory sync after the main rename makes both renames durable.
 */
async function keepPrevious(file: string, backup: string, mode: number): Promise<void> {
  const temp = `${backup}.${randomBytes(6).toString("hex")}${TEMP_SUFFIX}`;
  try {
    await fs.link(file, temp);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
    await fs.copyFile(file, temp);
    await fs.chmod(temp, mode);
  }
  try {
    await renameRetrying(temp, backup);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** Waits between rename attempts on Windows: about 1.4 s in all, then the error stands. */
const RENAME_RETRY_MS = [20, 50, 100, 250, 1000];
const HELD_CODES = new Set(["EPERM", "EBUSY", "EACCES"]);

export interface RenameDeps {
  rename: (from: string, to: string) => Promise<void>;
  platform: NodeJS.Platform;
  sleep: (ms: number) => Promise<void>;
}

const realRename: RenameDeps = {
  rename: (from, to) => fs.rename(from, to),
  platform: process.platform,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * On Windows a virus scanner, the search indexer or a backup agent briefly holds a file it
 * just saw written, and the rename over it fails with EPERM, EBUSY or EACCES until it lets
 * go; a short retry rides that out. Elsewhere those codes mean a real permission problem.
 */
export async function renameRetrying(from: string, to: string, deps: RenameDeps = realRename): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await deps.rename(from, to);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "";
      const delay = RENAME_RETRY_MS[attempt];
      if (deps.platform !== "win32" || !HELD_CODES.has(code) || delay === undefined) throw error;
      await deps.sleep(delay);
    }
  }
}

export async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, "r");
    await handle.sync();
  } catch (error) {
    // Windows cannot open or fsync a directory; the rename is still atomic there.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "EISDIR" && code !== "EPERM" && code !== "EINVAL" && code !== "EACCES") throw error;
  } finally {
    await handle?.close();
  }
}
