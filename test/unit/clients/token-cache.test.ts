import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { requestAcronisToken } from "../../../src/clients/acronis/auth.js";
import { requestCippToken } from "../../../src/clients/cipp/auth.js";
import { requestNinjaToken } from "../../../src/clients/ninjaone/auth.js";
import { throughCache, TokenCache, tokenFingerprint, tokenPlace } from "../../../src/clients/token-cache.js";
import { CredentialStore, knownSecretValues } from "../../../src/config/credentials/index.js";
import { HttpClient, UNSTATED_LIFETIME_MS } from "../../../src/http/index.js";
import { silentLogger } from "../../../src/log.js";
import { ACRONIS, NINJA, useNock } from "./fixture.js";

useNock();

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "nb-token-cache-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function store(mode: "file" | "keychain" = "file"): CredentialStore {
  return new CredentialStore({ env: { NINJA_BRIDGE_CONFIG_DIR: dir }, mode, loadKeyring: () => Promise.reject(new Error("no keychain here")) });
}

const IDENTITY = { service: "acronis", baseUrl: "https://eu2-cloud.acronis.com", clientId: "c-1" };
const HOUR = 3_600_000;

function cache(s = store(), identity: Record<string, string | string[]> = IDENTITY): TokenCache {
  return new TokenCache(s, "default", "acronis", tokenFingerprint(identity), silentLogger);
}

describe("tokenFingerprint", () => {
  it("differs for another instance, client id or scope set, and not for the order of scopes", () => {
    const base = tokenFingerprint({ ...IDENTITY, scopes: ["monitoring", "management"] });
    expect(tokenFingerprint({ ...IDENTITY, scopes: ["management", "monitoring"] })).toBe(base);
    expect(tokenFingerprint({ ...IDENTITY, scopes: ["monitoring"] })).not.toBe(base);
    expect(tokenFingerprint({ ...IDENTITY, clientId: "c-2", scopes: ["monitoring", "management"] })).not.toBe(base);
    expect(tokenFingerprint({ ...IDENTITY, baseUrl: "https://us5-cloud.acronis.com", scopes: ["monitoring", "management"] })).not.toBe(base);
  });
});

describe("TokenCache", () => {
  it("gives a kept token back until a minute before it expires", async () => {
    await cache().keep({ accessToken: "tok-1", expiresAt: HOUR }, 0, "file");
    expect((await cache().read(HOUR - 61_000, new Set()))?.accessToken).toBe("tok-1");
    expect(await cache().read(HOUR - 59_000, new Set())).toBeUndefined();
    expect(knownSecretValues()).toContain("tok-1");
  });

  it("does not give back a token kept for another identity, or one refused in this run", async () => {
    await cache().keep({ accessToken: "tok-1", expiresAt: HOUR }, 0, "file");
    expect(await cache(store(), { ...IDENTITY, clientId: "c-2" }).read(0, new Set())).toBeUndefined();
    expect(await cache().read(0, new Set(["tok-1"]))).toBeUndefined();
  });

  it("keeps no token whose lifetime the service did not state", async () => {
    await cache().keep({ accessToken: "tok-1", expiresAt: UNSTATED_LIFETIME_MS, expiryStated: false }, 0, "file");
    expect(await cache().read(0, new Set())).toBeUndefined();
  });

  it("ignores a stored value it did not write, and a store it cannot write costs only the kept token", async () => {
    await store().set({ profile: "default", service: "acronis", key: "access_token" }, "not json");
    expect(await cache().read(0, new Set())).toBeUndefined();
    // Keychain only, and no keychain: the write fails, the run goes on.
    await expect(cache(store("keychain")).keep({ accessToken: "tok-2", expiresAt: HOUR }, 0, "keychain")).resolves.toBeUndefined();
  });

  it("keeps a token obtained through it, and answers the next call from the store", async () => {
    let issued = 0;
    const obtain = throughCache(cache(), "file", () => 0, async () => ({ accessToken: `tok-${++issued}`, expiresAt: HOUR }));
    expect(await obtain(new Set())).toEqual({ accessToken: "tok-1", expiresAt: HOUR });
    expect(await obtain(new Set())).toMatchObject({ accessToken: "tok-1", cached: true });
    expect(await obtain(new Set(["tok-1"]))).toEqual({ accessToken: "tok-2", expiresAt: HOUR });
    expect(issued).toBe(2);
  });
});

describe("tokenPlace", () => {
  it("keeps a token beside its secret, and for a secret from the environment in the file unless only the keychain may be used", () => {
    expect(tokenPlace("keychain", store())).toBe("keychain");
    expect(tokenPlace("file", store())).toBe("file");
    expect(tokenPlace("env", store())).toBe("file");
    expect(tokenPlace("env", store("keychain"))).toBe("keychain");
  });
});

// RFC 6749 §5.1 makes expires_in only RECOMMENDED: a token without it is used, for this run only.
describe("token responses without a stated lifetime", () => {
  const now = () => Date.UTC(2026, 0, 1);
  const client = (service: "ninjaone" | "acronis" | "cipp", baseUrl: string) => new HttpClient({ service, baseUrl, sleep: async () => undefined });
  const assumed = { expiresAt: now() + UNSTATED_LIFETIME_MS, expiryStated: false };

  it("NinjaOne", async () => {
    nock(NINJA).post("/ws/oauth/token").reply(200, { access_token: "t-1", token_type: "Bearer", scope: "monitoring" });
    await expect(requestNinjaToken(client("ninjaone", NINJA), { clientId: "c", clientSecret: "s" }, { type: "client_credentials", scopes: ["monitoring"] }, now)).resolves.toMatchObject({ accessToken: "t-1", ...assumed });
  });

  it("Acronis, with neither expires_on nor expires_in", async () => {
    nock(ACRONIS).post("/api/2/idp/token").reply(200, { access_token: "a-1", token_type: "bearer" });
    await expect(requestAcronisToken(client("acronis", ACRONIS), { clientId: "c", clientSecret: "s" }, now)).resolves.toMatchObject({ accessToken: "a-1", ...assumed });
  });

  it("Entra ID for CIPP", async () => {
    const entra = "https://login.microsoftonline.test";
    nock(entra).post("/tid/oauth2/v2.0/token").reply(200, { access_token: "e-1", token_type: "Bearer" });
    const app = { tenantId: "tid", clientId: "c", clientSecret: "s", scope: "api://c/.default" };
    await expect(requestCippToken(client("cipp", entra), "/tid/oauth2/v2.0/token", app, now)).resolves.toMatchObject({ accessToken: "e-1", ...assumed });
  });

  it("still reads a stated lifetime: Acronis' expires_on is absolute", async () => {
    nock(ACRONIS).post("/api/2/idp/token").reply(200, { access_token: "a-2", expires_on: 1_767_232_800 });
    const token = await requestAcronisToken(client("acronis", ACRONIS), { clientId: "c", clientSecret: "s" }, now);
    expect(token).toEqual({ accessToken: "a-2", expiresAt: 1_767_232_800_000 });
  });
});
