import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCliHome, type CliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";

let home: CliHome;
beforeAll(() => {
  home = makeCliHome();
});
afterAll(() => home.cleanup());

// Settings given as flags or to `config set` are checked by zod; its own words ("expected number, received NaN") must not reach the user.
describe("a bad value for a setting", () => {
  it("names --redirect-port and what it expects", async () => {
    const result = await runInProcess(
      ["auth", "login", "ninjaone", "--instance", "eu", "--client-id", "x", "--flow", "authorization-code", "--redirect-port", "abc", "--client-secret-stdin"],
      { env: home.env, input: "secret" },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--redirect-port must be a whole number from 0 to 65535, not "abc"');
    expect(result.stderr).not.toMatch(/expected|received|NaN/);
  });

  it("names --url and what it expects", async () => {
    const result = await runInProcess(["auth", "login", "acronis", "--url", "ftp://example.com", "--client-id", "x", "--client-secret-stdin"], { env: home.env, input: "secret" });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--url must use https (plain http only for a sandbox on 127.0.0.1), not "ftp://example.com"');
  });

  it("says what a number setting expects in config set, without zod's words", async () => {
    for (const [key, words] of [
      ["http.timeoutSeconds", "must be a whole number from 1 to 600"],
      ["ninjaone.rateLimit", "must be a number of requests per second above 0 and at most 1000"],
    ] as const) {
      const result = await runInProcess(["config", "set", key, "abc"], { env: home.env });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`${key} from the command line: ${words} (got "abc")`);
      expect(result.stderr).not.toMatch(/expected|received|NaN/);
    }
  });
});
