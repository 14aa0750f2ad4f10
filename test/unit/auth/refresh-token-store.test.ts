import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RefreshTokenStore } from "../../../src/clients/ninjaone/auth-refresh-token.js";
import { CredentialStore } from "../../../src/config/credentials/index.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "nb-refresh-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function storeWith(extra: NodeJS.ProcessEnv = {}): { tokens: RefreshTokenStore; env: NodeJS.ProcessEnv } {
  const env: NodeJS.ProcessEnv = { NINJA_BRIDGE_CONFIG_DIR: dir, NINJA_BRIDGE_CREDENTIAL_STORE: "file", ...extra };
  return { tokens: new RefreshTokenStore(new CredentialStore({ env }), "default", env), env };
}

describe("RefreshTokenStore", () => {
  it("replaces a stored token in place", async () => {
    const { tokens } = storeWith();
    await tokens.save("r1");
    const current = await tokens.current();
    expect(current).toEqual({ value: "r1", origin: "store", storedIn: "file" });
    await tokens.replace(current!, "r2");
    expect(await tokens.current()).toEqual({ value: "r2", origin: "store", storedIn: "file" });
  });

  it("uses the stored successor of a token given in the environment while that variable is unchanged", async () => {
    const { tokens } = storeWith({ NINJA_BRIDGE_NINJAONE_REFRESH_TOKEN: "env-r1" });
    const first = await tokens.current();
    expect(first).toEqual({ value: "env-r1", origin: "env" });
    await tokens.replace(first!, "r2");
    const second = await tokens.current();
    expect(second).toEqual({ value: "r2", origin: "env" });
    await tokens.replace(second!, "r3");
    expect((await tokens.current())?.value).toBe("r3");
  });

  it("ignores the successor once the environment holds a different token", async () => {
    const before = storeWith({ NINJA_BRIDGE_NINJAONE_REFRESH_TOKEN: "env-r1" });
    await before.tokens.replace((await before.tokens.current())!, "r2");
    const after = storeWith({ NINJA_BRIDGE_NINJAONE_REFRESH_TOKEN: "env-new" });
    expect(await after.tokens.current()).toEqual({ value: "env-new", origin: "env" });
  });

  it("has nothing when neither the environment nor the store holds a token", async () => {
    expect(await storeWith().tokens.current()).toBeUndefined();
  });
});
