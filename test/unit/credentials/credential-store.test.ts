import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CredentialStore, type CredentialStoreOptions } from "../../../src/config/credentials/credential-store.js";
import { knownSecretValues } from "../../../src/config/credentials/secret-registry.js";
import { CredentialError } from "../../../src/errors.js";
import { missingKeyring, workingKeyring, type FakeKeyring } from "./fake-keyring.js";
import { recordingLogger, tempDir } from "./helpers.js";

const NINJA_SECRET = { profile: "default", service: "ninjaone", key: "client_secret" } as const;
const KEYCHAIN_ID = "ninja-bridge\u0000default/ninjaone/client_secret";

let dir: string;
let file: string;
let keyring: FakeKeyring;

beforeEach(async () => {
  dir = await tempDir();
  file = path.join(dir, "config", "credentials.json");
  keyring = workingKeyring();
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function store(options: CredentialStoreOptions = {}): CredentialStore {
  return new CredentialStore({ env: {}, file, loadKeyring: keyring.loader, ...options });
}

async function fileExists(): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

describe("reading a secret", () => {
  it("takes the environment first, then the keychain, then the file", async () => {
    await store({ mode: "file" }).set(NINJA_SECRET, "from-file");
    keyring.entries.set(KEYCHAIN_ID, "from-keychain");

    const withEnv = store({ env: { NINJA_BRIDGE_NINJAONE_CLIENT_SECRET: "from-env" } });
    expect(await withEnv.get(NINJA_SECRET)).toEqual({ value: "from-env", source: "env" });
    expect(await store().get(NINJA_SECRET)).toEqual({ value: "from-keychain", source: "keychain" });
    keyring.entries.delete(KEYCHAIN_ID);
    expect(await store().get(NINJA_SECRET)).toEqual({ value: "from-file", source: "file" });
  });

  it("treats an empty environment variable as unset", async () => {
    keyring.entries.set(KEYCHAIN_ID, "from-keychain");
    const s = store({ env: { NINJA_BRIDGE_NINJAONE_CLIENT_SECRET: "" } });
    expect(await s.get(NINJA_SECRET)).toEqual({ value: "from-keychain", source: "keychain" });
  });

  it("returns undefined when no store holds the secret", async () => {
    expect(await store().get({ profile: "default", service: "cipp", key: "client_secret" })).toBeUndefined();
  });

  it("keeps profiles apart", async () => {
    await store().set({ ...NINJA_SECRET, profile: "acme" }, "acme-secret");
    expect(await store().get(NINJA_SECRET)).toBeUndefined();
  });

  it("adds every value it returns to the known secrets, for redaction", async () => {
    const env = { NINJA_BRIDGE_ACRONIS_CLIENT_SECRET: "acronis-env-secret-8c1f" };
    await store({ mode: "file" }).set({ profile: "default", service: "cipp", key: "client_secret" }, "cipp-file-secret-2b7e");
    await store({ env }).get({ profile: "default", service: "acronis", key: "client_secret" });
    await store().get({ profile: "default", service: "cipp", key: "client_secret" });
    expect(knownSecretValues()).toEqual(expect.arrayContaining(["acronis-env-secret-8c1f", "cipp-file-secret-2b7e"]));
  });
});

describe("storing a secret", () => {
  it("uses the keychain in auto mode when it works, and creates no file", async () => {
    const result = await store().set(NINJA_SECRET, "s3cret");
    expect(result).toEqual({ storedIn: "keychain" });
    expect(keyring.entries.get(KEYCHAIN_ID)).toBe("s3cret");
    expect(await fileExists()).toBe(false);
  });

  it("removes a plaintext copy once the keychain holds the secret", async () => {
    await store({ mode: "file" }).set(NINJA_SECRET, "old");
    await store().set(NINJA_SECRET, "new");
    expect(JSON.parse(await fs.readFile(file, "utf8"))).toEqual({ version: 1, profiles: {} });
    expect(await store().get(NINJA_SECRET)).toEqual({ value: "new", source: "keychain" });
  });

  it("writes only the file when the file mode is forced, without loading the keychain", async () => {
    const s = store({ env: { NINJA_BRIDGE_CREDENTIAL_STORE: "file" } });
    expect(await s.set(NINJA_SECRET, "s3cret")).toEqual({ storedIn: "file" });
    expect(keyring.loads()).toBe(0);
    expect(keyring.entries.size).toBe(0);
  });

  it("skips the keychain on reads when the file mode is forced", async () => {
    keyring.entries.set(KEYCHAIN_ID, "from-keychain");
    const s = store({ mode: "file" });
    await s.set(NINJA_SECRET, "from-file");
    expect(await s.get(NINJA_SECRET)).toEqual({ value: "from-file", source: "file" });
  });

  it("writes the keychain when the keychain mode is forced", async () => {
    expect(await store({ mode: "keychain" }).set(NINJA_SECRET, "s3cret")).toEqual({ storedIn: "keychain" });
    expect(keyring.entries.get(KEYCHAIN_ID)).toBe("s3cret");
  });

  it("fails with a hint instead of falling back when the keychain mode is forced and the keychain is unusable", async () => {
    const logger = recordingLogger();
    const s = store({ mode: "keychain", loadKeyring: missingKeyring(), logger });
    const error = await s.set(NINJA_SECRET, "s3cret").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialError);
    expect((error as CredentialError).message).toBe("the OS keychain cannot be reached: the optional @napi-rs/keyring module is not installed or cannot load");
    expect((error as CredentialError).hint).toContain("NINJA_BRIDGE_CREDENTIAL_STORE=file");
    expect(await fileExists()).toBe(false);
    expect(logger.warnings).toEqual([]);
  });

  it("never writes the environment, and says when a variable will shadow the stored value", async () => {
    const env = { NINJA_BRIDGE_NINJAONE_CLIENT_SECRET: "from-env" };
    const s = store({ env });
    expect(await s.set(NINJA_SECRET, "stored")).toEqual({
      storedIn: "keychain",
      shadowedByEnv: "NINJA_BRIDGE_NINJAONE_CLIENT_SECRET",
    });
    expect(env).toEqual({ NINJA_BRIDGE_NINJAONE_CLIENT_SECRET: "from-env" });
    expect(await s.get(NINJA_SECRET)).toEqual({ value: "from-env", source: "env" });
  });

  it("refuses an empty secret", async () => {
    await expect(store().set(NINJA_SECRET, "")).rejects.toThrow(CredentialError);
  });

  it("keeps other keys besides the known ones", async () => {
    const address = { profile: "default", service: "acronis", key: "api_password" } as const;
    await store({ mode: "file" }).set(address, "pw");
    expect(await store().get(address)).toEqual({ value: "pw", source: "file" });
  });

  it("puts the file in the config directory by default", async () => {
    const s = new CredentialStore({ env: { NINJA_BRIDGE_CONFIG_DIR: dir }, mode: "file" });
    expect(s.file).toBe(path.join(dir, "credentials.json"));
  });
});

describe("deleting a secret", () => {
  it("removes it from both the keychain and the file", async () => {
    keyring.entries.set(KEYCHAIN_ID, "from-keychain");
    await store({ mode: "file" }).set(NINJA_SECRET, "from-file");
    expect(await store().delete(NINJA_SECRET)).toEqual({ removedFrom: ["keychain", "file"] });
    expect(keyring.entries.size).toBe(0);
    expect(await store().get(NINJA_SECRET)).toBeUndefined();
  });

  it("says when an environment variable still provides the secret", async () => {
    keyring.entries.set(KEYCHAIN_ID, "from-keychain");
    const s = store({ env: { NINJA_BRIDGE_NINJAONE_CLIENT_SECRET: "from-env" } });
    expect(await s.delete(NINJA_SECRET)).toEqual({
      removedFrom: ["keychain"],
      stillInEnv: "NINJA_BRIDGE_NINJAONE_CLIENT_SECRET",
    });
    expect(await s.get(NINJA_SECRET)).toEqual({ value: "from-env", source: "env" });
  });

  it("reports nothing removed, and creates no file, when the secret was nowhere", async () => {
    expect(await store().delete(NINJA_SECRET)).toEqual({ removedFrom: [] });
    expect(await fileExists()).toBe(false);
  });
});

describe("listing secrets", () => {
  it("shows names and every source in read order, never a value", async () => {
    keyring.entries.set(KEYCHAIN_ID, "keychain-value-91");
    keyring.entries.set("ninja-bridge\u0000default/acronis/api_password", "keychain-value-92");
    keyring.entries.set("ninja-bridge\u0000other/cipp/client_secret", "keychain-value-93");
    await store({ mode: "file" }).set(NINJA_SECRET, "file-value-94");
    await store({ mode: "file" }).set({ profile: "default", service: "cipp", key: "client_secret" }, "file-value-95");
    const env = { NINJA_BRIDGE_NINJAONE_REFRESH_TOKEN: "env-value-96", NINJA_BRIDGE_NINJAONE_CLIENT_SECRET: "env-value-97" };

    const listed = await store({ env }).list("default");

    expect(listed).toEqual([
      { service: "ninjaone", key: "client_secret", envName: "NINJA_BRIDGE_NINJAONE_CLIENT_SECRET", sources: ["env", "keychain", "file"] },
      { service: "ninjaone", key: "refresh_token", envName: "NINJA_BRIDGE_NINJAONE_REFRESH_TOKEN", sources: ["env"] },
      { service: "acronis", key: "api_password", envName: "NINJA_BRIDGE_ACRONIS_API_PASSWORD", sources: ["keychain"] },
      { service: "cipp", key: "client_secret", envName: "NINJA_BRIDGE_CIPP_CLIENT_SECRET", sources: ["file"] },
    ]);
    expect(JSON.stringify(listed)).not.toMatch(/value-9/);
  });

  it("leaves the keychain out when the file mode is forced", async () => {
    keyring.entries.set(KEYCHAIN_ID, "from-keychain");
    expect(await store({ mode: "file" }).list("default")).toEqual([]);
    expect(keyring.loads()).toBe(0);
  });
});

describe("two processes writing the file at once", () => {
  it("keeps every secret both wrote: one read-modify-write at a time across stores", async () => {
    // Two stores stand for two processes: each has its own in-process queue, so only the file's lock keeps them apart.
    const first = store({ mode: "file" });
    const second = store({ mode: "file" });
    const writes = Array.from({ length: 8 }, (_, i) => [
      first.set({ profile: "default", service: "acronis", key: `first_${i}` }, `a${i}`),
      second.set({ profile: "default", service: "cipp", key: `second_${i}` }, `c${i}`),
    ]).flat();
    await Promise.all(writes);
    const listed = await store({ mode: "file" }).list("default");
    expect(listed.filter((s) => s.key.startsWith("first_")).length).toBe(8);
    expect(listed.filter((s) => s.key.startsWith("second_")).length).toBe(8);
    await expect(fs.access(`${file}.lock`)).rejects.toThrow();
  });
});
