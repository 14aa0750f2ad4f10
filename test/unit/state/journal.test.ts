import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { restoreBackup } from "../../../src/state/backup.js";
import { journalHeader, journalLine, replayJournal } from "../../../src/state/journal.js";
import { openState, type StateHandle } from "../../../src/state/open-state.js";
import { docsStateOf, emptyState } from "../../../src/state/schema.js";
import { verifyState } from "../../../src/state/verify.js";
import { expectStateError, makeTempDir, removeDir } from "./helpers.js";

const posix = process.platform !== "win32";
const at = "2025-03-01T10:00:00.000Z";

let dir: string;
let file: string;
let journal: string;
const open: StateHandle[] = [];

async function openWrite(extra: Partial<Parameters<typeof openState>[1]> = {}): Promise<StateHandle> {
  const handle = await openState(file, { mode: "write", command: "test", ...extra });
  open.push(handle);
  return handle;
}

function seen(id: number, name = `Org ${id}`) {
  return { ninjaOrgId: id, name, firstSeenAt: at, lastSeenAt: at };
}

/** A file with one org (serial 1) and an open writer whose next changes go to the journal. */
async function writerAfterFirstWrite(extra: Partial<Parameters<typeof openState>[1]> = {}): Promise<StateHandle> {
  const state = await openWrite(extra);
  await state.update((d) => {
    d.orgsSeen["1"] = seen(1);
  });
  return state;
}

async function journalLines(): Promise<string[]> {
  return (await fs.readFile(journal, "utf8")).split("\n").filter((line) => line.length > 0);
}

beforeEach(async () => {
  dir = await makeTempDir();
  file = path.join(dir, "state.json");
  journal = `${file}.journal`;
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
  await removeDir(dir);
});

describe("the state journal", () => {
  it("takes each change as one private line, leaving the file as it was", async () => {
    const state = await writerAfterFirstWrite();
    const before = await fs.readFile(file);
    await state.update((d) => {
      d.orgsSeen["2"] = seen(2);
      delete d.orgsSeen["1"];
    });
    expect((await fs.readFile(file)).equals(before)).toBe(true);
    const [header, line, ...rest] = await journalLines();
    expect(JSON.parse(header ?? "")).toEqual({ journal: 1, lineage: state.data.lineage });
    expect(JSON.parse(line ?? "")).toMatchObject({ serial: 2, changes: [{ path: ["orgsSeen", "2"], value: seen(2) }, { path: ["orgsSeen", "1"] }] });
    expect(rest).toEqual([]);
    if (posix) expect((await fs.stat(journal)).mode & 0o777).toBe(0o600);

    const reader = await openState(file, { mode: "read" });
    expect(reader.data.serial).toBe(2);
    expect(Object.keys(reader.data.orgsSeen)).toEqual(["2"]);
  });

  it("records only what a mutator changed, not what it read", async () => {
    const state = await writerAfterFirstWrite();
    await state.update((d) => {
      expect(d.orgsSeen["1"]?.name).toBe("Org 1");
      docsStateOf(d).templates["9"] = { templateId: 9, name: "Users", createdAt: at };
    });
    const [, line] = await journalLines();
    expect(JSON.parse(line ?? "").changes).toEqual([{ path: ["docs"], value: { templates: { "9": { templateId: 9, name: "Users", createdAt: at } }, documents: {} } }]);
    await state.update((d) => {
      const org = d.orgsSeen["1"];
      if (org) org.lastSeenAt = "2025-03-02T10:00:00.000Z";
    });
    const [, , next] = await journalLines();
    expect(JSON.parse(next ?? "").changes).toEqual([{ path: ["orgsSeen", "1"], value: { ...seen(1), lastSeenAt: "2025-03-02T10:00:00.000Z" } }]);
    expect(state.data.docs?.templates["9"]?.name).toBe("Users");
  });

  it("is folded into the file on close, the backup keeping the version before the last change", async () => {
    const state = await writerAfterFirstWrite();
    await state.update((d) => {
      d.orgsSeen["2"] = seen(2);
    });
    await state.update((d) => {
      d.orgsSeen["3"] = seen(3);
    });
    await state.close();
    expect((await fs.readdir(dir)).sort()).toEqual(["state.json", "state.json.bak"]);
    const onDisk = JSON.parse(await fs.readFile(file, "utf8"));
    expect(onDisk.serial).toBe(3);
    expect(Object.keys(onDisk.orgsSeen)).toEqual(["1", "2", "3"]);
    const backup = JSON.parse(await fs.readFile(`${file}.bak`, "utf8"));
    expect(backup.serial).toBe(2);
    expect(Object.keys(backup.orgsSeen)).toEqual(["1", "2"]);
    if (posix) expect((await fs.stat(`${file}.bak`)).mode & 0o777).toBe(0o600);
  });

  it("is folded into the file once it outgrows its limit", async () => {
    const state = await writerAfterFirstWrite({ journalLimit: 1 });
    await state.update((d) => {
      d.orgsSeen["2"] = seen(2);
    });
    expect(JSON.parse(await fs.readFile(file, "utf8")).serial).toBe(1);
    // The limit is the file's own size when that is larger: a line bigger than the file folds.
    await state.update((d) => {
      for (let id = 3; id <= 40; id++) d.orgsSeen[String(id)] = seen(id);
    });
    const onDisk = JSON.parse(await fs.readFile(file, "utf8"));
    expect(onDisk.serial).toBe(3);
    expect(Object.keys(onDisk.orgsSeen)).toHaveLength(40);
    expect(await fs.readdir(dir)).not.toContain("state.json.journal");
  });

  /** A closed file with one org (serial 1) and, beside it, a journal as a killed writer left it. */
  async function killedWriterLeft(lines: (lineage: string) => string): Promise<void> {
    const state = await openState(file, { mode: "write", command: "test" });
    await state.update((d) => {
      d.orgsSeen["1"] = seen(1);
    });
    await state.close();
    await fs.writeFile(journal, lines(state.data.lineage), { mode: 0o600 });
  }

  it("ignores a last line cut short by a kill, and the next writer drops it", async () => {
    await killedWriterLeft(
      (lineage) =>
        `${journalHeader(lineage)}${journalLine(2, at, [{ path: ["orgsSeen", "2"], value: seen(2) }])}{"serial":3,"at":"${at}","changes":[{"path":["orgsSeen","3"],"val`,
    );
    const reader = await openState(file, { mode: "read" });
    expect(reader.data.serial).toBe(2);
    expect(Object.keys(reader.data.orgsSeen)).toEqual(["1", "2"]);
    expect((await verifyState(file)).ok).toBe(true);

    const next = await openWrite();
    expect(next.data.serial).toBe(2);
    expect(await fs.readdir(dir)).not.toContain("state.json.journal");
    await next.update((d) => {
      d.orgsSeen["3"] = seen(3, "After the kill");
    });
    expect((await openState(file, { mode: "read" })).data.orgsSeen["3"]?.name).toBe("After the kill");
  });

  it("refuses a damaged line in the middle, naming the file and line, and changes nothing", async () => {
    await killedWriterLeft(
      (lineage) =>
        `${journalHeader(lineage)}${journalLine(2, at, [{ path: ["orgsSeen", "2"], value: seen(2) }])}{"serial":3,"at":#garbage\n${journalLine(4, at, [])}`,
    );
    const damaged = await fs.readFile(journal, "utf8");
    const fileBefore = await fs.readFile(file);
    for (const mode of ["read", "write"] as const) {
      const error = await expectStateError(openState(file, { mode, command: "test" }));
      expect(error.message).toContain(journal);
      expect(error.message).toContain("line 3");
      expect(error.hint).toContain("line 3");
    }
    expect(await fs.readFile(journal, "utf8")).toBe(damaged);
    expect((await fs.readFile(file)).equals(fileBefore)).toBe(true);
    expect(await fs.readdir(dir)).not.toContain("state.json.lock");
    const copies = (await fs.readdir(dir)).filter((name) => name.startsWith("state.json.journal.corrupt-"));
    expect(copies).toHaveLength(1);

    const report = await verifyState(file);
    expect(report.ok).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ code: "journal-damaged", message: expect.stringContaining("line 3") }));
  });

  it("is kept aside by a restore, whose backup it does not follow", async () => {
    const state = await writerAfterFirstWrite();
    await state.update(() => {});
    await state.close();
    await fs.writeFile(journal, `${journalHeader(state.data.lineage)}${journalLine(3, at, [{ path: ["orgsSeen", "3"], value: seen(3) }])}`, { mode: 0o600 });
    await fs.writeFile(file, "{ damaged");
    const result = await restoreBackup(file);
    expect(result.serial).toBe(1);
    expect(await fs.readFile(result.journalCopy ?? "", "utf8")).toContain('"serial":3');
    expect(await fs.readdir(dir)).not.toContain("state.json.journal");
    const reader = await openState(file, { mode: "read" });
    expect(reader.data.serial).toBe(1);
  });

  it("is written into a readable current file by a restore, so the backup the swap makes holds its changes", async () => {
    const state = await writerAfterFirstWrite();
    await state.update((d) => {
      d.orgsSeen["2"] = seen(2);
    });
    await state.close();
    // A killed run's journal beside the readable file: serial 4 records org 3.
    const folded = JSON.parse(await fs.readFile(file, "utf8")) as { serial: number; lineage: string };
    await fs.writeFile(journal, `${journalHeader(folded.lineage)}${journalLine(folded.serial + 1, at, [{ path: ["orgsSeen", "3"], value: seen(3) }])}`, { mode: 0o600 });
    const result = await restoreBackup(file);
    expect(result.journalCopy).toBeUndefined();
    expect(await fs.readdir(dir)).not.toContain("state.json.journal");
    const swapped = JSON.parse(await fs.readFile(`${file}.bak`, "utf8")) as { serial: number; orgsSeen: Record<string, unknown> };
    expect(swapped.serial).toBe(folded.serial + 1);
    expect(Object.keys(swapped.orgsSeen)).toContain("3");
  });

  it("gives a reader a whole state when a writer folds and appends between the reader's reads of the file and the journal", async () => {
    const first = await writerAfterFirstWrite();
    await first.update((d) => {
      d.orgsSeen["2"] = seen(2);
    });
    // A writer that acts while the reader is between its two reads: it folds, then records serial 4 in a fresh journal.
    const writerStep = async () => {
      await first.close();
      const next = await openWrite();
      await next.update((d) => {
        d.orgsSeen["3"] = seen(3);
      });
    };
    const realRead = fs.readFile.bind(fs);
    let stepped: Promise<void> | undefined;
    const spy = vi.spyOn(fs, "readFile").mockImplementation((async (...args: Parameters<typeof fs.readFile>) => {
      const result = await realRead(...args);
      if (stepped === undefined && (args[0] === file || args[0] === journal)) {
        stepped = writerStep();
        await stepped;
      }
      return result;
    }) as typeof fs.readFile);
    let reader: StateHandle;
    try {
      reader = await openState(file, { mode: "read", command: "test" });
    } finally {
      spy.mockRestore();
    }
    expect(Object.keys(reader.data.orgsSeen).length).toBeGreaterThanOrEqual(2);
    await reader.close();
  });

  it("refuses a change holding a secret-like key, leaving the journal as it was", async () => {
    const state = await writerAfterFirstWrite();
    await state.update((d) => {
      d.orgsSeen["2"] = seen(2);
    });
    const before = await fs.readFile(journal);
    const error = await expectStateError(
      state.update((d) => {
        (d.orgsSeen as Record<string, unknown>)["3"] = { ...seen(3), refresh_token: "t0k3n" };
      }),
    );
    expect(error.message).toContain("orgsSeen.3.refresh_token");
    expect(error.message).not.toContain("t0k3n");
    expect((await fs.readFile(journal)).equals(before)).toBe(true);
    expect(state.data.orgsSeen["3"]).toBeUndefined();
  });
});

describe("the draft a mutator gets", () => {
  it("reads, iterates and changes nested entries as a plain document would, recording only the entries changed", async () => {
    const state = await writerAfterFirstWrite();
    await state.update((d) => {
      d.orgsSeen["2"] = seen(2);
      d.orgsSeen["3"] = seen(3);
    });
    await state.update((d) => {
      for (const org of Object.values(d.orgsSeen)) if (org.ninjaOrgId === 2) org.name = "Renamed";
      expect(Object.keys(d.orgsSeen)).toEqual(["1", "2", "3"]);
      expect("3" in d.orgsSeen).toBe(true);
      delete d.orgsSeen["3"];
      expect("3" in d.orgsSeen).toBe(false);
      expect({ ...d.orgsSeen["1"] }).toEqual(seen(1));
    });
    const last = (await journalLines()).at(-1) ?? "";
    expect(JSON.parse(last).changes).toEqual([{ path: ["orgsSeen", "2"], value: { ...seen(2), name: "Renamed" } }, { path: ["orgsSeen", "3"] }]);
    expect(Object.keys(state.data.orgsSeen)).toEqual(["1", "2"]);
    expect(state.data.orgsSeen["2"]?.name).toBe("Renamed");
    // What callers read between writes stays frozen.
    expect(() => {
      (state.data.orgsSeen["2"] as { name: string }).name = "x";
    }).toThrow(TypeError);
  });

  it("sees the changes of the mutators before it in the same batch, and none of one that threw", async () => {
    const state = await writerAfterFirstWrite();
    const results = await Promise.allSettled([
      state.update((d) => {
        d.orgsSeen["2"] = seen(2);
      }),
      state.update((d) => {
        const org = d.orgsSeen["2"];
        if (org) org.name = "Half-renamed";
        throw new Error("refused");
      }),
      state.update((d) => {
        expect(d.orgsSeen["2"]?.name).toBe("Org 2");
        d.orgsSeen["3"] = { ...seen(3), name: `${d.orgsSeen["2"]?.name ?? ""} and 3` };
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(state.data.orgsSeen["3"]?.name).toBe("Org 2 and 3");
    expect(state.data.orgsSeen["2"]?.name).toBe("Org 2");
  });
});

describe("replayJournal", () => {
  const lineage = "6f1c2a9e-4b7d-4e2a-9c3f-0a1b2c3d4e5f";
  const base = () => ({ ...emptyState(new Date(at), lineage), serial: 4 });

  it("skips lines the file already holds and applies the rest in order", () => {
    const doc = base();
    const text = journalHeader(lineage) + journalLine(4, at, [{ path: ["orgsSeen", "1"], value: seen(1) }]) + journalLine(5, at, [{ path: ["orgsSeen", "2"], value: seen(2) }]);
    expect(replayJournal(doc, text)).toEqual({ ok: true, applied: 1, folded: 1, torn: false });
    expect(Object.keys(doc.orgsSeen)).toEqual(["2"]);
    expect(doc.serial).toBe(5);
  });

  it("refuses a journal of another state, a gap in the serials, and a line that breaks the schema or holds a secret", () => {
    const other = journalHeader("00000000-0000-4000-8000-000000000000");
    expect(replayJournal(base(), other)).toMatchObject({ ok: false, line: 1 });
    expect(replayJournal(base(), journalHeader(lineage) + journalLine(7, at, []))).toMatchObject({ ok: false, line: 2, detail: expect.stringContaining("serial 7") });
    const badKey = journalLine(5, at, [{ path: ["orgsSeen", "9"], value: seen(1) }]);
    expect(replayJournal(base(), journalHeader(lineage) + badKey)).toMatchObject({ ok: false, line: 2, detail: expect.stringContaining("orgsSeen.9") });
    const secret = journalLine(5, at, [{ path: ["cursors", "x"], value: { name: "x", cursor: "c", updatedAt: at, password: "p" } }]);
    expect(replayJournal(base(), journalHeader(lineage) + secret)).toMatchObject({ ok: false, line: 2, detail: expect.stringContaining("cursors.x.password") });
  });
});
