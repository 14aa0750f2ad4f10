import { promises as fs } from "node:fs";
import path from "node:path";
import { isTempFileOf } from "../fs/atomic-write.js";

/** Temp files a killed writer left next to the state file; loading never reads them. */
export async function findLeftoverTempFiles(file: string): Promise<string[]> {
  const dir = path.dirname(file);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  return names.filter((name) => isTempFileOf(file, name)).sort().map((name) => path.join(dir, name));
}

/** Only safe while holding the lock: then no other writer can own one of these files. */
export async function removeLeftoverTempFiles(file: string): Promise<string[]> {
  const leftovers = await findLeftoverTempFiles(file);
  await Promise.all(leftovers.map((leftover) => fs.rm(leftover, { force: true })));
  return leftovers;
}
