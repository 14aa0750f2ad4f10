#!/usr/bin/env node
// `npm run demo`: starts the sandbox with the demo estate, points a throw-away profile at
// it, and runs the commands that exist against it, so a newcomer sees the tool work with
// no account. Nothing outside a temporary folder is touched.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
if (!existsSync(path.join(root, "dist", "sandbox", "server.js"))) {
  console.error("✗ dist/ is missing: run `npm run build` first (`npm run demo` does it for you)");
  process.exit(2);
}
const { startSandbox } = await import("../dist/sandbox/server.js");

const home = mkdtempSync(path.join(os.tmpdir(), "ninja-bridge-demo-"));
const sandbox = await startSandbox({ seed: "demo", port: 0 });
const { urls, credentials: c } = sandbox;
const env = {
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("NINJA_BRIDGE_"))),
  NINJA_BRIDGE_CONFIG_DIR: path.join(home, "config"),
  NINJA_BRIDGE_DATA_DIR: path.join(home, "data"),
  NINJA_BRIDGE_CREDENTIAL_STORE: "file",
  NINJA_BRIDGE_PROFILE: "sandbox",
};

let failures = 0;
/**
 * Runs one command as a person would type it; `secret` is piped to its standard input.
 * Asynchronous, because the sandbox answers from this very process.
 */
async function cli(args, secret) {
  console.log(`\n$ ${secret === undefined ? "" : "echo '…' | "}ninja-bridge ${args.join(" ")}`);
  const child = spawn(process.execPath, [path.join(root, "bin", "ninja-bridge.js"), ...args], {
    env,
    stdio: ["pipe", "inherit", "inherit"],
  });
  child.stdin.end(secret ?? "");
  const status = await new Promise((resolve) => child.on("exit", resolve));
  if (status !== 0) {
    failures++;
    console.log(`(exit code ${status})`);
  }
}

function heading(text) {
  console.log(`\n== ${text}`);
}

try {
  heading(`The sandbox is up: NinjaOne ${urls.ninjaone}, Acronis ${urls.acronis}, CIPP ${urls.cipp}`);
  console.log(`Profile "sandbox" lives in ${home} (removed at the end).`);

  heading("Connect the profile to the three services (secrets through standard input)");
  await cli(["auth", "login", "ninjaone", "--instance", urls.ninjaone, "--client-id", c.ninjaone.clientCredentialsClientId, "--client-secret-stdin"], c.ninjaone.clientCredentialsClientSecret);
  await cli(["auth", "login", "acronis", "--url", urls.acronis, "--client-id", c.acronis.client_id, "--client-secret-stdin"], c.acronis.client_secret);
  await cli(
    ["auth", "login", "cipp", "--url", urls.cipp, "--tenant-id", c.cipp.tenant_id, "--client-id", c.cipp.client_id, "--token-url", `${urls.cipp}/${c.cipp.tenant_id}/oauth2/v2.0/token`, "--client-secret-stdin"],
    c.cipp.client_secret,
  );
  await cli(["auth", "status"]);
  await cli(["config", "list"]);

  heading("Propose links between NinjaOne organizations and Acronis / Microsoft 365 tenants");
  await cli(["automap", "--dry-run"]);
  heading("Apply them (the links are recorded in the state file)");
  await cli(["automap", "--yes"]);
  await cli(["automap"]);
  await cli(["orgs", "list"]);

  heading("Map custom fields, choose how alerts become tickets, then run every job once");
  await cli(["fields", "map", "acronis.protection-status", "acronisProtectionStatus"]);
  await cli(["fields", "map", "cipp.tenant-summary", "m365TenantSummary"]);
  await cli(["tickets", "config", "--form", "1", "--requester", "sam.sandbox@example.com"]);
  await cli(["sync", "--dry-run", "--jobs", "fields,tickets"]);
  await cli(["sync", "--jobs", "fields"]);
  await cli(["fields", "sync", "--dry-run"]);

  heading("The local state file");
  await cli(["state", "path"]);
  await cli(["state", "show"]);
  await cli(["state", "verify"]);

  heading("What the sandbox serves (plain HTTP, as NinjaOne, Acronis and CIPP answer it)");
  await showEstate();
} finally {
  await sandbox.close();
  rmSync(home, { recursive: true, force: true });
}
console.log(failures === 0 ? "\n✓ demo finished" : `\n✗ ${failures} command(s) failed`);
process.exit(failures === 0 ? 0 : 1);

async function token(url, init) {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()).access_token;
}

async function getJson(url, accessToken) {
  const response = await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

async function showEstate() {
  const form = (fields) => ({
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
  const ninja = await token(
    `${urls.ninjaone}/ws/oauth/token`,
    form({
      grant_type: "client_credentials",
      client_id: c.ninjaone.clientCredentialsClientId,
      client_secret: c.ninjaone.clientCredentialsClientSecret,
      scope: "monitoring management",
    }),
  );
  const orgs = await getJson(`${urls.ninjaone}/v2/organizations`, ninja);
  console.log(`NinjaOne organizations: ${orgs.map((o) => `${o.name} (#${o.id})`).join(", ")}`);

  const basic = Buffer.from(`${c.acronis.client_id}:${c.acronis.client_secret}`).toString("base64");
  const acronis = await token(`${urls.acronis}/api/2/idp/token`, {
    ...form({ grant_type: "client_credentials" }),
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${basic}` },
  });
  const children = await getJson(
    `${urls.acronis}/api/2/tenants/${c.acronis.tenant_id}/children?include_details=true`,
    acronis,
  );
  const customers = children.items.filter((t) => t.kind === "customer").map((t) => t.name);
  console.log(`Acronis customers: ${customers.join(", ")}`);

  const cipp = await token(
    `${urls.cipp}/${c.cipp.tenant_id}/oauth2/v2.0/token`,
    form({ grant_type: "client_credentials", client_id: c.cipp.client_id, client_secret: c.cipp.client_secret, scope: c.cipp.scope }),
  );
  const tenants = await getJson(`${urls.cipp}/api/ListTenants`, cipp);
  console.log(`Microsoft 365 tenants (CIPP): ${tenants.map((t) => `${t.displayName} (${t.defaultDomainName})`).join(", ")}`);
}
