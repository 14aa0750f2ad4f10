import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CredentialStore } from "../../../src/config/credentials/credential-store.js";
import { keychainFailureReason } from "../../../src/config/credentials/keychain.js";
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
  const s = new CredentialStore({ env: {}, file, loadKeyring, logger, platform: "linux" });
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
    expect(logger.warnings[0]).toContain("the OS keychain cannot be reached: the optional @napi-rs/keyring module is not installed or cannot load.");
    expect(logger.warnings[0]).toContain(`Storing credentials in ${file} instead (plaintext, mode 0600)`);
    expect(logger.debugLines).toContain("OS keychain unavailable: @napi-rs/keyring could not be loaded: Cannot find module '@napi-rs/keyring'");
  });

  it("falls back to the file with exactly one warning when the keychain throws (no Secret Service)", async () => {
    const { logger, stored, read } = await exerciseFallback(throwingKeyring());
    expect(stored).toEqual({ storedIn: "file" });
    expect(read).toEqual({ value: "s3cret", source: "file" });
    expect(logger.warnings).toHaveLength(1);
    // One line a person can act on; the library's D-Bus autolaunch text only with --verbose.
    expect(logger.warnings[0]).toMatch(/^the OS keychain cannot be reached: this process has no D-Bus session, as under cron, systemd or ssh\. Storing credentials in .* instead \(plaintext, mode 0600\); set NINJA_BRIDGE_CREDENTIAL_STORE=file to keep them there without trying the keychain$/);
    expect(logger.warnings[0]).not.toContain("DBus error");
    expect(logger.debugLines).toEqual([expect.stringContaining("Platform failure: DBus error: Using X11 for dbus-daemon autolaunch")]);
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

describe("saying why the keychain cannot be reached", () => {
  it("names a missing D-Bus session, or a session with no Secret Service, instead of the library's text", () => {
    const detail = "Platform failure: DBus error: Using X11 for dbus-daemon autolaunch was disabled at compile time";
    expect(keychainFailureReason(detail, {}, "linux")).toBe("this process has no D-Bus session, as under cron, systemd or ssh");
    expect(keychainFailureReason(detail, { DBUS_SESSION_BUS_ADDRESS: "unix:path=/run/user/1000/bus" }, "linux")).toBe(
      "no Secret Service (such as gnome-keyring) answers on this D-Bus session",
    );
    expect(keychainFailureReason("Access denied", {}, "darwin")).toBe("Access denied");
  });

  it("says the single binary has no keychain module, apart from a module that is merely missing", () => {
    const binary = "@napi-rs/keyring could not be loaded: native modules cannot be embedded in the single binary; install the npm package to use the OS keychain";
    expect(keychainFailureReason(binary, {}, "linux")).toBe("the single binary cannot embed the OS keychain module (install the npm package to use the keychain)");
    expect(keychainFailureReason("@napi-rs/keyring could not be loaded: Cannot find module '@napi-rs/keyring'", {}, "linux")).toBe(
      "the optional @napi-rs/keyring module is not installed or cannot load",
    );
  });

  it("reports the reason after a lookup found the keychain unusable, and nothing before or in file mode", async () => {
    const s = new CredentialStore({ env: {}, file, loadKeyring: throwingKeyring(), platform: "linux" });
    expect(s.keychainUnreachable()).toBeUndefined();
    await s.get(NINJA_SECRET);
    expect(s.keychainUnreachable()).toBe("this process has no D-Bus session, as under cron, systemd or ssh");
    const fileOnly = new CredentialStore({ env: {}, file, mode: "file", loadKeyring: throwingKeyring() });
    await fileOnly.get(NINJA_SECRET);
    expect(fileOnly.keychainUnreachable()).toBeUndefined();
  });
});

describe("replacing a secret where it was read", () => {
  it("keeps a secret that lives in the file in the file, though the keychain works", async () => {
    const keyring = workingKeyring();
    const fileStore = new CredentialStore({ env: {}, file, mode: "file", loadKeyring: keyring.loader });
    await fileStore.set(NINJA_SECRET, "r1");
    const auto = new CredentialStore({ env: {}, file, loadKeyring: keyring.loader });
    expect(await auto.get(NINJA_SECRET)).toEqual({ value: "r1", source: "file" });
    expect(await auto.replace(NINJA_SECRET, "r2", "file")).toBe("file");
    expect(keyring.entries.size).toBe(0);
    expect(await auto.get(NINJA_SECRET)).toEqual({ value: "r2", source: "file" });
  });

  it("keeps a secret that lives in the keychain in the keychain", async () => {
    const keyring = workingKeyring();
    const auto = new CredentialStore({ env: {}, file, loadKeyring: keyring.loader });
    await auto.set(NINJA_SECRET, "r1");
    expect(await auto.replace(NINJA_SECRET, "r2", "keychain")).toBe("keychain");
    expect(await auto.get(NINJA_SECRET)).toEqual({ value: "r2", source: "keychain" });
  });
});
