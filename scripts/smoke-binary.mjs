#!/usr/bin/env node
// Smoke test of the single binary, as a technician would first use it (.ci/run runs it after
// `npm run build:binary`): --version, --help, `sandbox start` serving real HTTP, and `auth login`
// falling back to the credentials file, as the binary has no keychain module.
// Usage: node scripts/smoke-binary.mjs [path/to/ninja-bridge]
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const exe = path.resolve(process.argv[2] ?? path.join(root, "build", "binary", process.platform === "win32" ? "ninja-bridge.exe" : "ninja-bridge"));
const { version } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
const home = mkdtempSync(path.join(os.tmpdir(), "nb-binary-"));
// A private home and no NINJA_BRIDGE_* settings, so the smoke test neither reads nor writes the
// machine's configuration and the credential store is in its default (auto) mode.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("NINJA_BRIDGE_")));
Object.assign(env, { HOME: home, NINJA_BRIDGE_CONFIG_DIR: path.join(home, "config"), NINJA_BRIDGE_DATA_DIR: path.join(home, "data") });
let child;
const deadline = setTimeout(() => {
  child?.kill("SIGKILL");
  fail("no answer within 60 s");
}, 60_000);

function fail(message) {
  console.error(`✗ binary smoke test: ${message}`);
  rmSync(home, { recursive: true, force: true });
  process.exit(1);
}

function check(condition, message, detail = "") {
  if (!condition) throw new Error(detail ? `${message}\n${detail}` : message);
  console.log(`✓ ${message}`);
}

try {
  const printed = execFileSync(exe, ["--version"], { env, encoding: "utf8" }).trim();
  check(printed === version, `--version prints ${version} (got ${JSON.stringify(printed)})`);

  const help = execFileSync(exe, ["--help"], { env, encoding: "utf8" });
  check(help.includes("Usage: ninja-bridge") && help.includes("sandbox"), "--help lists the commands");

  child = spawn(exe, ["sandbox", "start", "--port", "0", "--json"], { env, stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve(signal ?? code)));
  const firstLine = await new Promise((resolve, reject) => {
    let text = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      text += chunk;
      if (text.includes("\n")) resolve(text.slice(0, text.indexOf("\n")));
    });
    child.once("exit", (code) => reject(new Error(`sandbox start exited (${code}) before printing its JSON line`)));
  });
  try {
    const started = JSON.parse(firstLine);
    const health = await fetch(`${started.urls.control}/control/health`);
    check(health.ok && (await health.json()).status === "ok", `sandbox start answers on ${started.urls.control}`);

    const { clientCredentialsClientId: id, clientCredentialsClientSecret: secret } = started.credentials.ninjaone;
    const token = await fetch(`${started.urls.ninjaone}/ws/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ grant_type: "client_credentials", client_id: id, client_secret: secret, scope: "monitoring" }),
    });
    check(token.ok && typeof (await token.json()).access_token === "string", "its NinjaOne API grants a token");

    // The binary has no keychain module: a stored secret must land in the file, with the reason.
    const { client_id: clientId, client_secret: clientSecret } = started.credentials.acronis;
    const login = spawnSync(exe, ["auth", "login", "acronis", "--url", started.urls.acronis, "--client-id", clientId, "--client-secret-stdin"], { env, input: clientSecret, encoding: "utf8" });
    const stored = existsSync(path.join(home, "config", "credentials.json"));
    check(login.status === 0 && stored && login.stderr.includes("single binary"), "auth login stores the secret in the credentials file and says why", login.stderr);
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
  console.log(`binary smoke test: ok (${path.relative(process.cwd(), exe) || exe})`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
clearTimeout(deadline);
rmSync(home, { recursive: true, force: true });
