import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StateError } from "../../../src/errors.js";
import { MIGRATIONS } from "../../../src/state/migrations.js";
import { sectionEntries } from "../../../src/state/changes.js";
import { openState, type StateHandle } from "../../../src/state/open-state.js";
import { emptyState, STATE_VERSION } from "../../../src/state/schema.js";
import { expectStateError, makeTempDir, removeDir } from "./helpers.js";

const posix = process.platform !== "win32";
const at = "2025-03-01T10:00:00.000Z";

let dir: string;
let file: string;
const open: StateHandle[] = [];

async function openWrite(target = file, extra: Partial<Parameters<typeof openState>[1]> = {}): Promise<StateHandle> {
  const handle = await openState(target, { mode: "write", command: "test", ...extra });
  open.push(handle);
  return handle;
}

beforeEach(async () => {
  dir = await makeTempDir();
  file = path.join(dir, "state-default.json");
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((h) => h.close()));
  await removeDir(dir);
});

describe("a missing state file", () => {
  it("reads as an empty state without creating anything", async () => {
    const state = await openState(file, { mode: "read" });
    expect(state.exists).toBe(false);
    expect(state.data.serial).toBe(0);
    expect(state.data.version).toBe(STATE_VERSION);
    expect(await fs.readdir(dir)).toEqual([]);
  });

  it("is created on the first write, private, in a private new directory", async () => {
    const nested = path.join(dir, "data", "ninja-bridge", "state.json");
    const state = await openWrite(nested);
    await state.update((d) => {
      d.cursors.alerts = { name: "alerts", cursor: "c1", updatedAt: at };
    });
    expect(state.exists).toBe(true);
    if (posix) {
      expect((await fs.stat(nested)).mode & 0o777).toBe(0o600);
      expect((await fs.stat(path.dirname(nested))).mode & 0o777).toBe(0o700);
    }
  });
});

describe("updates", () => {
  it("land on disk before update returns", async () => {
    const state = await openWrite();
    await state.update((d) => {
      d.orgsSeen["5"] = { ninjaOrgId: 5, name: "Contoso", firstSeenAt: at, lastSeenAt: at };
    });
    const onDisk = JSON.parse(await fs.readFile(file, "utf8"));
    expect(onDisk.orgsSeen["5"].name).toBe("Contoso");
    expect(onDisk.serial).toBe(1);
  });

  it("increment the serial on every write and keep the lineage and creation time across runs", async () => {
    const first = await openWrite();
    await first.update(() => {});
    const { lineage, createdAt } = first.data;
    await first.update(() => {});
    await first.close();

    const second = await openWrite();
    expect(second.data.serial).toBe(2);
    await second.update(() => {});
    expect(second.data).toMatchObject({ serial: 3, lineage, createdAt });
  });

  it("made concurrently are written together, so none is lost and the file is not rewritten for each", async () => {
    const state = await openWrite();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        state.update((d) => {
          d.orgsSeen[String(i + 1)] = { ninjaOrgId: i + 1, name: `Org ${i + 1}`, firstSeenAt: at, lastSeenAt: at };
        }),
      ),
    );
    const reread = await openState(file, { mode: "read" });
    expect(Object.keys(reread.data.orgsSeen)).toHaveLength(20);
    expect(reread.data.serial).toBeLessThan(20);
  });

  it("made while a write is under way land with the next write, each resolving once it is on disk", async () => {
    const state = await openWrite();
    const first = state.update((d) => {
      d.orgsSeen["1"] = { ninjaOrgId: 1, name: "Org 1", firstSeenAt: at, lastSeenAt: at };
    });
    await Promise.resolve();
    const seen: number[] = [];
    const later = [2, 3].map((id) =>
      state
        .update((d) => {
          d.orgsSeen[String(id)] = { ninjaOrgId: id, name: `Org ${id}`, firstSeenAt: at, lastSeenAt: at };
        })
        .then(() => seen.push(state.data.serial)),
    );
    await Promise.all([first, ...later]);
    expect(seen).toEqual([2, 2]);
    expect(Object.keys(state.data.orgsSeen).sort()).toEqual(["1", "2", "3"]);
  });

  it("leave out a mutator that throws, and write the others of the same batch", async () => {
    const state = await openWrite();
    const results = await Promise.allSettled([
      state.update((d) => {
        d.orgsSeen["1"] = { ninjaOrgId: 1, name: "Org 1", firstSeenAt: at, lastSeenAt: at };
      }),
      state.update((d) => {
        d.orgsSeen["2"] = { ninjaOrgId: 2, name: "half-made", firstSeenAt: at, lastSeenAt: at };
        throw new Error("refused");
      }),
      state.update((d) => {
        d.orgsSeen["3"] = { ninjaOrgId: 3, name: "Org 3", firstSeenAt: at, lastSeenAt: at };
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(Object.keys(state.data.orgsSeen).sort()).toEqual(["1", "3"]);
  });

  it("expose the document read-only between writes", async () => {
    const state = await openWrite();
    expect(() => {
      (state.data.cursors as Record<string, unknown>).x = {};
    }).toThrow(TypeError);
  });

  it("are refused on a handle opened for reading", async () => {
    const state = await openState(file, { mode: "read" });
    const error = await expectStateError(state.update(() => {}));
    expect(error.message).toContain("read-only");
  });

  it("that break the schema are refused and nothing is written", async () => {
    const state = await openWrite();
    await state.update(() => {});
    const before = await fs.readFile(file);
    const error = await expectStateError(
      state.update((d) => {
        d.cursors.alerts = { name: "other", cursor: "c", updatedAt: at };
      }),
    );
    expect(error.message).toContain("cursors.alerts");
    expect((await fs.readFile(file)).equals(before)).toBe(true);
    expect(state.data.serial).toBe(1);
  });

  it("that change the lineage are refused", async () => {
    const state = await openWrite();
    const error = await expectStateError(
      state.update((d) => {
        d.lineage = "00000000-0000-4000-8000-000000000000";
      }),
    );
    expect(error.message).toContain("lineage");
  });

  it("that would store a secret-like key are refused and the file is unchanged", async () => {
    const state = await openWrite();
    await state.update(() => {});
    const before = await fs.readFile(file);
    const error = await expectStateError(
      state.update((d) => {
        (d.cursors as Record<string, unknown>).alerts = { name: "alerts", cursor: "c", updatedAt: at, client_secret: "s3cr3t" };
      }),
    );
    expect(error.message).toContain("cursors.alerts.client_secret");
    expect(error.message).not.toContain("s3cr3t");
    expect((await fs.readFile(file)).equals(before)).toBe(true);
  });
});

describe("migrations", () => {
  const lineage = "6f1c2a9e-4b7d-4e2a-9c3f-0a1b2c3d4e5f";
  const oldDoc = { ...emptyState(new Date(at), lineage), version: 0, orgsSeen: undefined, seen: { "3": "Fabrikam" } };
  const step = {
    from: 0,
    migrate: ({ seen, ...rest }: Record<string, unknown>) => ({
      ...rest,
      orgsSeen: Object.fromEntries(
        Object.entries(seen as Record<string, string>).map(([id, name]) => [id, { ninjaOrgId: Number(id), name, firstSeenAt: at, lastSeenAt: at }]),
      ),
    }),
  };

  it("upgrade an older file on load and write it only when the caller writes", async () => {
    await fs.writeFile(file, JSON.stringify(oldDoc));
    const before = await fs.readFile(file);
    const state = await openWrite(file, { migrations: [step, ...MIGRATIONS] });
    expect(state.data.orgsSeen["3"]?.name).toBe("Fabrikam");
    expect((await fs.readFile(file)).equals(before)).toBe(true);

    await state.update(() => {});
    const onDisk = JSON.parse(await fs.readFile(file, "utf8"));
    expect(onDisk).toMatchObject({ version: STATE_VERSION, lineage, serial: 1 });
    expect(onDisk.seen).toBeUndefined();
  });

  it("refuse an older file when a step is missing, leaving it untouched", async () => {
    await fs.writeFile(file, JSON.stringify(oldDoc));
    const before = await fs.readFile(file);
    const error = await expectStateError(openState(file, { mode: "read", migrations: [] }));
    expect(error.message).toContain(file);
    expect(error.message).toContain("version 0");
    expect((await fs.readFile(file)).equals(before)).toBe(true);
  });
});

describe("a damaged or unknown file", () => {
  async function expectRefusedUntouched(content: string, mode: "read" | "write"): Promise<StateError> {
    await fs.writeFile(file, content);
    const error = await expectStateError(openState(file, { mode, command: "test" }));
    expect(error.message).toContain(file);
    expect(await fs.readFile(file, "utf8")).toBe(content);
    return error;
  }

  async function corruptCopies(): Promise<string[]> {
    return (await fs.readdir(dir)).filter((name) => name.startsWith("state-default.json.corrupt-"));
  }

  it("that is garbage is refused untouched and a copy is kept", async () => {
    const error = await expectRefusedUntouched("\u0000\u0001 not json at all", "write");
    const copies = await corruptCopies();
    expect(copies).toHaveLength(1);
    expect(await fs.readFile(path.join(dir, copies[0] as string), "utf8")).toBe("\u0000\u0001 not json at all");
    expect(error.hint).toContain(path.join(dir, copies[0] as string));
    expect(error.hint).toMatch(/move it away/);
  });

  it("that is truncated JSON is refused untouched and a copy is kept", async () => {
    const whole = JSON.stringify(emptyState(new Date(at), "6f1c2a9e-4b7d-4e2a-9c3f-0a1b2c3d4e5f"));
    await expectRefusedUntouched(whole.slice(0, whole.length / 2), "read");
    expect(await corruptCopies()).toHaveLength(1);
  });

  it("that fails the schema is refused untouched, naming the first failing field", async () => {
    const doc = { ...emptyState(new Date(at), "6f1c2a9e-4b7d-4e2a-9c3f-0a1b2c3d4e5f"), serial: -1 };
    const error = await expectRefusedUntouched(JSON.stringify(doc), "write");
    expect(error.message).toContain("at serial");
    expect(await corruptCopies()).toHaveLength(1);
  });

  it("keeps one copy when the same damage is met again", async () => {
    await expectRefusedUntouched("{", "read");
    await expectRefusedUntouched("{", "read");
    expect(await corruptCopies()).toHaveLength(1);
  });

  it("does not leave the lock behind after refusing to open for writing", async () => {
    await expectRefusedUntouched("{", "write");
    expect(await fs.readdir(dir)).not.toContain("state-default.json.lock");
  });

  it("from a newer version is refused untouched, naming both versions, without a corrupt copy", async () => {
    const doc = { ...emptyState(new Date(at), "6f1c2a9e-4b7d-4e2a-9c3f-0a1b2c3d4e5f"), version: STATE_VERSION + 1 };
    const error = await expectRefusedUntouched(JSON.stringify(doc), "write");
    expect(error.message).toContain(`version ${STATE_VERSION + 1}`);
    expect(error.message).toContain(`version ${STATE_VERSION})`);
    expect(await corruptCopies()).toHaveLength(0);
  });
});

describe("temp files left by a killed writer", () => {
  it("are ignored when reading and removed when opening for writing", async () => {
    const state = await openWrite();
    await state.update(() => {});
    await state.close();
    const leftover = path.join(dir, "state-default.json.abc123.tmp");
    await fs.writeFile(leftover, "{ half a docu");

    const reader = await openState(file, { mode: "read" });
    expect(reader.data.serial).toBe(1);
    expect(await fs.readdir(dir)).toContain("state-default.json.abc123.tmp");

    await openWrite();
    expect(await fs.readdir(dir)).not.toContain("state-default.json.abc123.tmp");
  });
});

describe("sectionEntries", () => {
  const link = (id: number) => ({ key: `acronis:${id}`, service: "acronis" as const, ninjaDeviceId: id, ninjaOrgId: 1, remoteId: `w${id}`, by: "serial" as const, linkedAt: at, ninjaName: `WS-${id}`, remoteName: `WS-${id}` });

  it("lists a section once while it does not change, and again once it does", async () => {
    const state = await openWrite();
    await state.update((d) => {
      d.deviceLinks["acronis:1"] = link(1);
    });
    const first = sectionEntries(state.data.deviceLinks);
    expect(first.map((l) => l.key)).toEqual(["acronis:1"]);
    await state.update((d) => {
      d.fieldWrites["device:1:x"] = { key: "device:1:x", scope: "device", entityId: 1, field: "x", hash: "0123456789abcdef", writtenAt: at };
    });
    // Another section changed: the same list.
    expect(sectionEntries(state.data.deviceLinks)).toBe(first);
    await state.update((d) => {
      d.deviceLinks["acronis:2"] = link(2);
    });
    expect(sectionEntries(state.data.deviceLinks).map((l) => l.key)).toEqual(["acronis:1", "acronis:2"]);
    await state.update((d) => {
      delete d.deviceLinks["acronis:1"];
    });
    expect(sectionEntries(state.data.deviceLinks).map((l) => l.key)).toEqual(["acronis:2"]);
  });

  it("lists a nested section again once an entry in it changed", async () => {
    const state = await openWrite();
    const mapping = (id: string) => ({ ninjaOrgId: Number(id), ninjaOrgName: `Org ${id}`, acronisTenantId: `00000000-0000-4000-8000-00000000000${id}`, acronisTenantName: `Tenant ${id}`, source: "manual" as const, mappedAt: at });
    await state.update((d) => {
      d.mappings.acronis["1"] = mapping("1");
    });
    expect(sectionEntries(state.data.mappings.acronis).length).toBe(1);
    await state.update((d) => {
      d.mappings.acronis["2"] = mapping("2");
    });
    expect(sectionEntries(state.data.mappings.acronis).length).toBe(2);
  });

  it("lists a plain object every time: only the state's views say when they change", () => {
    const section: Record<string, number> = { a: 1 };
    expect(sectionEntries(section)).toEqual([1]);
    section.b = 2;
    expect(sectionEntries(section)).toEqual([1, 2]);
  });
});
