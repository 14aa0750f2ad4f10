import { describe, expect, it } from "vitest";
import { readRedirect, startLoopbackListener } from "../../../src/auth/loopback-listener.js";
import { AuthenticationError } from "../../../src/errors.js";

describe("readRedirect", () => {
  it("takes the code when the state matches", () => {
    expect(readRedirect(new URLSearchParams({ code: "abc", state: "s1" }), "s1")).toEqual({ ok: true, code: "abc" });
  });

  it("refuses a redirect with another state", () => {
    const outcome = readRedirect(new URLSearchParams({ code: "abc", state: "other" }), "s1");
    expect(outcome.ok).toBe(false);
  });

  it("passes on the authorize endpoint's error with a fix for invalid_scope", () => {
    const outcome = readRedirect(new URLSearchParams({ error: "invalid_scope", error_description: "not granted", state: "s1" }), "s1");
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error).toBeInstanceOf(AuthenticationError);
    expect(outcome.error.message).toContain("invalid_scope (not granted)");
    expect((outcome.error as AuthenticationError).hint).toContain("--scopes");
  });

  it("refuses a redirect without a code", () => {
    expect(readRedirect(new URLSearchParams({ state: "s1" }), "s1").ok).toBe(false);
  });
});

describe("startLoopbackListener", () => {
  it("listens on 127.0.0.1 and resolves with the code of the matching redirect", async () => {
    const listener = await startLoopbackListener({ port: 0, expectedState: "s1" });
    expect(listener.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    expect((await fetch(`${listener.redirectUri.replace("/callback", "/favicon.ico")}`)).status).toBe(404);
    const page = await fetch(`${listener.redirectUri}?code=abc&state=s1`);
    expect(page.status).toBe(200);
    expect(await listener.code).toBe("abc");
  });

  it("rejects when no redirect arrives in time", async () => {
    const listener = await startLoopbackListener({ port: 0, expectedState: "s1", timeoutMs: 10 });
    await expect(listener.code).rejects.toThrow(/no sign-in arrived/);
  });

  it("says which port is taken and how to choose another", async () => {
    const first = await startLoopbackListener({ port: 0, expectedState: "s1" });
    const port = Number(new URL(first.redirectUri).port);
    await expect(startLoopbackListener({ port, expectedState: "s2" })).rejects.toThrow(/--redirect-port|cannot listen/);
    await first.close();
  });
});
