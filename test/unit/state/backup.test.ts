import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inspectBackup, planRestore, restoreBackup } from "../../../src/state/backup.js";
import { keepCorruptCopy, MAX_CORRUPT_COPIES } from "../../../src/state/corrupt-copy.js";
import { openState } from "../../../src/state/open-state.js";
import { verifyState } from "../../../src/state/verify.js";
import { expectStateError, makeTempDir, removeDir } from "./helpers.js";

const posix = process.platform !== "win32";

let dir: string;
let file: string;
let bak: string;

beforeEach(async () => {
  dir = await makeTempDir();
  file = path.join(dir, "state-default.json");
  bak = `${file}.bak`;
});

afterEach(async () => {
  await removeDir(dir);
});

/** Opens the state, records `writes` changes one write each, and closes it. */
async function writeTimes(writes: number): Promise<void> {
  const state = await openState(file, { mode: "write", command: "test" });
  for (let i = 0; i < writes; i++) {
    await state.update((draft) => {
      draft.cursors[`c${i}`] = { name: `c${i}`, cursor: String(i), updatedAt: "2025-03-01T10:00:00.000Z" };
    });
  }
  await state.close();
}

async function serialOf(target: string): Promise<number> {
  return (JSON.parse(await fs.readFile(target, "utf8")) as { serial: number }).serial;
}

describe("the state backup", () => {
  it("is not made by the write that creates the file", async () => {
    await writeTimes(1);
    expect((await fs.readdir(dir)).sort()).toEqual(["state-default.json"]);
  });

  it("holds the version before each write, private, as a link rather than a copy of the live file", async () => {
    await writeTimes(2);
    const before = await fs.stat(file);
    await writeTimes(1);
    expect(await serialOf(file)).toBe(3);
    expect(await serialOf(bak)).toBe(2);
    const [live, backup] = await Promise.all([fs.stat(file), fs.stat(bak)]);
    // The backup is the replaced file itself (its inode, no bytes copied); the new version is a new file.
    if (posix) expect(backup.ino).toBe(before.ino);
    expect(backup.ino).not.toBe(live.ino);
    if (posix) expect(backup.mode & 0o777).toBe(0o600);
    expect((await fs.readdir(dir)).sort()).toEqual(["state-default.json", "state-default.json.bak"]);
  });

  it("is named, with the command to restore it, when the state file is damaged", async () => {
    await writeTimes(2);
    await fs.writeFile(file, "{ damaged");
    const error = await expectStateError(openState(file, { mode: "read" }));
    expect(error.hint).toContain(`A backup of the previous version (serial 1`);
    expect(error.hint).toContain(bak);
    expect(error.hint).toContain("`ninja-bridge state restore`");
  });

  it("is reported by verify, with a warning when it is damaged itself", async () => {
    await writeTimes(2);
    expect((await verifyState(file)).backup).toMatchObject({ path: bak, exists: true, ok: true, serial: 1 });
    await fs.writeFile(bak, "nope");
    const report = await verifyState(file);
    expect(report.backup).toMatchObject({ exists: true, ok: false });
    expect(report.problems).toContainEqual(expect.objectContaining({ code: "backup-damaged", severity: "warning" }));
    expect(report.ok).toBe(true);
  });
});

describe("restoring the backup", () => {
  it("replaces a damaged file with the backup and keeps the damaged bytes as a corrupt copy", async () => {
    await writeTimes(2);
    await fs.writeFile(file, "{ damaged");
    expect((await planRestore(file)).current).toMatchObject({ kind: "damaged" });
    const result = await restoreBackup(file);
    expect(result).toMatchObject({ serial: 1, swapped: false });
    expect(await serialOf(file)).toBe(1);
    expect(await fs.readFile(result.corruptCopy as string, "utf8")).toBe("{ damaged");
    expect(await serialOf(bak)).toBe(1);
    if (posix) expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect(await fs.readdir(dir)).not.toContain("state-default.json.lock");
    // The restored file opens and takes writes again.
    await writeTimes(1);
    expect(await serialOf(file)).toBe(2);
  });

  it("swaps a sound file with the backup, so the restore can itself be undone", async () => {
    await writeTimes(3);
    const result = await restoreBackup(file);
    expect(result).toMatchObject({ serial: 2, swapped: true });
    expect(await serialOf(file)).toBe(2);
    expect(await serialOf(bak)).toBe(3);
  });

  it("refuses when there is no backup, or the backup is damaged, and changes nothing", async () => {
    await writeTimes(1);
    expect((await expectStateError(restoreBackup(file))).message).toContain("no backup");
    await fs.writeFile(bak, "{");
    expect((await expectStateError(restoreBackup(file))).message).toContain("cannot be restored");
    expect(await serialOf(file)).toBe(1);
    expect(await fs.readFile(bak, "utf8")).toBe("{");
    expect((await inspectBackup(file)).exists).toBe(true);
  });
});

describe("corrupt copies", () => {
  it(`keeps only the newest ${MAX_CORRUPT_COPIES}`, async () => {
    const kept: string[] = [];
    for (let i = 0; i < 5; i++) kept.push(await keepCorruptCopy(file, Buffer.from(`damage ${i}`), new Date(Date.UTC(2025, 2, 1, 10, i))));
    const left = (await fs.readdir(dir)).filter((name) => name.includes(".corrupt-")).sort();
    expect(left).toEqual(kept.slice(-MAX_CORRUPT_COPIES).map((p) => path.basename(p)));
  });
});
