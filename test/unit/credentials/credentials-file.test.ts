import { promises as fs } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CredentialStore } from "../../../src/config/credentials/credential-store.js";
import { CredentialError } from "../../../src/errors.js";
import { recordingLogger, tempDir } from "./helpers.js";

const NINJA_SECRET = { profile: "default", service: "ninjaone", key: "client_secret" } as const;
const onWindows = process.platform === "win32";

let dir: string;
let configDir: string;
let file: string;

beforeEach(async () => {
  dir = await tempDir();
  configDir = path.join(dir, "nested", "ninja-bridge");
  file = path.join(configDir, "credentials.json");
});

afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function fileStore(logger = recordingLogger()): CredentialStore {
  return new CredentialStore({ env: { NINJA_BRIDGE_CONFIG_DIR: configDir }, mode: "file", logger });
}

const modeOf = async (p: string) => (await fs.stat(p)).mode & 0o777;

describe("the credentials file", () => {
  it.skipIf(onWindows)("is created with mode 0600 in a directory with mode 0700", async () => {
    await fileStore().set(NINJA_SECRET, "s3cret");
    expect(await modeOf(file)).toBe(0o600);
    expect(await modeOf(configDir)).toBe(0o700);
  });

  it("holds the secret under profile, service and key, and nothing beside it", async () => {
    await fileStore().set(NINJA_SECRET, "s3cret");
    expect(JSON.parse(await fs.readFile(file, "utf8"))).toEqual({
      version: 1,
      profiles: { default: { ninjaone: { client_secret: "s3cret" } } },
    });
    expect(await fs.readdir(configDir)).toEqual(["credentials.json"]);
  });

  it.skipIf(onWindows)("is tightened to 0600 with a warning when others could read it", async () => {
    await fileStore().set(NINJA_SECRET, "s3cret");
    await fs.chmod(file, 0o644);
    const logger = recordingLogger();
    expect(await fileStore(logger).get(NINJA_SECRET)).toEqual({ value: "s3cret", source: "file" });
    expect(await modeOf(file)).toBe(0o600);
    expect(logger.warnings).toEqual([`credentials file ${file} was accessible to other users (mode 0644); changed it to 0600`]);
  });

  it.each([
    ["is not JSON", "{ this is not json"],
    ["has the wrong shape", JSON.stringify({ version: 1, profiles: { default: { ninjaone: { client_secret: 42 } } } })],
    ["is from an unknown version", JSON.stringify({ version: 2, profiles: {} })],
  ])("is refused and left intact when it %s", async (_why, content) => {
    await fs.mkdir(configDir, { recursive: true });
    await fs.writeFile(file, content, { mode: 0o600 });
    const s = fileStore();

    for (const attempt of [() => s.get(NINJA_SECRET), () => s.set(NINJA_SECRET, "new"), () => s.delete(NINJA_SECRET)]) {
      const error = await attempt().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CredentialError);
      expect((error as CredentialError).message).toContain(`credentials file ${file} is damaged`);
    }
    expect(await fs.readFile(file, "utf8")).toBe(content);
  });

  it("never quotes the damaged text, which may be a secret", async () => {
    await fs.mkdir(configDir, { recursive: true });
    await fs.writeFile(file, "hunter2-secret-value", { mode: 0o600 });
    const error = (await fileStore().get(NINJA_SECRET).catch((e: unknown) => e)) as CredentialError;
    expect(error.message).toContain("not valid JSON");
    expect(error.message).not.toContain("hunter2");
  });
});
