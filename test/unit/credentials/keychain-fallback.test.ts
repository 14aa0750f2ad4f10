import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CredentialStore } from "../../../src/config/credentials/credential-store.js";
import type { KeyringLoader } from "../../../src/config/credentials/keyring-module.js";
import { forgetfulKeyring, missingKeyring, throwingKeyring, workingKeyring } from "./fake-keyring.js";
import { recordingLogger, tempDir } from "./helpers.js";

const NINJA_SECRET = { profile: "default", service: "ninjaone", key: "client_secret" } as const;
const ACRONIS_SECRET = { profile: "default", service: "acronis", key: "client_secret" } as const;

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await tempDir();
  file = path.join(dir, "credentials.json");
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

/** Stores, reads, lists and deletes through one store whose keychain cannot be used. */
async function exerciseFallback(loadKeyring: KeyringLoader) {
  const logger = recordingLogger();
  const s = new CredentialStore({ env: {}, file, loadKeyring, logger });
  const stored = await s.set(NINJA_SECRET, "s3cret");
  const read = await s.get(NINJA_SECRET);
  await s.set(ACRONIS_SECRET, "other");
  const listed = await s.list("default");
  const deleted = await s.delete(ACRONIS_SECRET);
  return { logger, stored, read, listed, deleted };
}

describe("when the OS keychain cannot be used", () => {
  it("falls back to the file with exactly one warning when the keyring module fails to load", async () => {
    const { logger, stored, read, listed, deleted } = await exerciseFallback(missingKeyring());
    expect(stored).toEqual({ storedIn: "file" });
    expect(read).toEqual({ value: "s3cret", source: "file" });
    expect(listed.map((l) => [l.service, l.sources])).toEqual([
      ["ninjaone", ["file"]],
      ["acronis", ["file"]],
    ]);
    expect(deleted).toEqual({ removedFrom: ["file"] });
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain("OS keychain unavailable (@napi-rs/keyring could not be loaded");
    expect(logger.warnings[0]).toContain(`storing credentials in ${file} (plaintext, mode 0600)`);
  });

  it("falls back to the file with exactly one warning when the keychain throws (no Secret Service)", async () => {
    const { logger, stored, read } = await exerciseFallback(throwingKeyring());
    expect(stored).toEqual({ storedIn: "file" });
    expect(read).toEqual({ value: "s3cret", source: "file" });
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toMatch(/^OS keychain unavailable \(Platform failure: DBus error/);
  });

  it("falls back to the file when the keychain does not give back what it was given", async () => {
    const { logger, stored, read } = await exerciseFallback(forgetfulKeyring());
    expect(stored).toEqual({ storedIn: "file" });
    expect(read).toEqual({ value: "s3cret", source: "file" });
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain("did not return the secret just stored");
  });

  it("only logs a read that falls back to the file, and still warns once at the first plaintext write", async () => {
    const logger = recordingLogger();
    const s = new CredentialStore({ env: {}, file, loadKeyring: throwingKeyring(), logger });
    expect(await s.get(NINJA_SECRET)).toBeUndefined();
    expect(await s.get(NINJA_SECRET)).toBeUndefined();
    expect(logger.warnings).toHaveLength(0);
    expect(logger.debugLines).toHaveLength(1);
    await s.set(NINJA_SECRET, "s3cret");
    await s.set(ACRONIS_SECRET, "an0ther");
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain("plaintext");
  });
});

describe("loading the keychain", () => {
  it("does not load the keyring module when the environment provides the secret", async () => {
    const keyring = workingKeyring();
    const s = new CredentialStore({ env: { NINJA_BRIDGE_NINJAONE_CLIENT_SECRET: "from-env" }, file, loadKeyring: keyring.loader });
    await s.get(NINJA_SECRET);
    expect(keyring.loads()).toBe(0);
  });

  it("loads the keyring module once however many secrets are read", async () => {
    const keyring = workingKeyring();
    const s = new CredentialStore({ env: {}, file, loadKeyring: keyring.loader });
    await s.get(NINJA_SECRET);
    await s.get(ACRONIS_SECRET);
    expect(keyring.loads()).toBe(1);
  });

  it("pins the Secret Service on Linux rather than the kernel keyring, which forgets at logout", async () => {
    const keyring = workingKeyring();
    await new CredentialStore({ env: {}, file, loadKeyring: keyring.loader }).set(NINJA_SECRET, "s3cret");
    expect(keyring.entryOptions.length).toBeGreaterThan(0);
    for (const options of keyring.entryOptions) expect(options).toEqual({ linux: { store: "secret-service" } });
  });
});
