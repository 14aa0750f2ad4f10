import { spawn } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { makeCliHome, REPO_ROOT, type CliHome } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";

let home: CliHome;
beforeEach(() => {
  home = makeCliHome();
});
afterEach(() => home.cleanup());

describe("ninja-bridge sandbox start", () => {
  it("prints one line of JSON with URLs and credentials, serves, and stops cleanly on SIGTERM", async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin", "ninja-bridge.js"), "sandbox", "start", "--port", "0", "--json"], {
      env: home.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const firstLine = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once("line", resolve);
      child.once("exit", () => reject(new Error("sandbox exited before printing")));
    });
    const info = JSON.parse(firstLine) as {
      kind: string;
      organizations: number;
      urls: Record<string, string>;
      credentials: { ninjaone: Record<string, string>; acronis: Record<string, string>; cipp: Record<string, string> };
    };
    expect(info.kind).toBe("demo");
    expect(Object.keys(info.urls).sort()).toEqual(["acronis", "cipp", "control", "ninjaone"]);
    expect(info.credentials.acronis.client_secret).toBeTruthy();

    const token = await fetch(`${info.urls.ninjaone}/ws/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: info.credentials.ninjaone.clientCredentialsClientId as string,
        client_secret: info.credentials.ninjaone.clientCredentialsClientSecret as string,
        scope: "monitoring",
      }),
    });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const orgs = await fetch(`${info.urls.ninjaone}/v2/organizations`, { headers: { authorization: `Bearer ${access_token}` } });
    expect(((await orgs.json()) as unknown[]).length).toBe(info.organizations);

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("prints the logins of its apps, the web app's secret included, until stopped", async () => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "bin", "ninja-bridge.js"), "sandbox", "start", "--port", "0"], { env: home.env, stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    let banner = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
        banner += chunk;
        if (banner.includes("Stop with Ctrl+C")) resolve();
      });
      child.once("exit", () => reject(new Error("sandbox exited before printing")));
    });
    expect(banner).toContain("echo 'sandbox-web-secret-");
    expect(banner).toContain("--flow authorization-code --client-id nb-sandbox-web");
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("refuses a first port that would serve on a port fetch blocks", async () => {
    const result = await runInProcess(["sandbox", "start", "--port", "1"], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('port 1, which browsers and fetch refuse as a "bad port"');
  });

  it("refuses a malformed knob with a usage error", async () => {
    const result = await runInProcess(["sandbox", "start", "--fault-rate", "2"], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--fault-rate must be between 0 and 1");
  });

  it("refuses an unknown fault kind with a usage error naming the kinds", async () => {
    const result = await runInProcess(["sandbox", "start", "--fault-kinds", "html,status404"], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("status500, status502, status503, drop, html");
  });

  it("refuses large-estate sizes without --seed large", async () => {
    const result = await runInProcess(["sandbox", "start", "--orgs", "10"], { env: home.env });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("add --seed large");
  });
});
