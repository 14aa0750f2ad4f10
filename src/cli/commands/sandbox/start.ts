import { UsageError } from "../../../errors.js";
import { FAULT_KINDS, type FaultKind } from "../../../sandbox/contract.js";
import type { KnobsPatch } from "../../../sandbox/core/knobs.js";
import { startSandbox, type RunningSandbox } from "../../../sandbox/server.js";
import type { Context } from "../../context.js";
import { waitForShutdownSignal } from "../../shutdown.js";

export interface SandboxStartOptions {
  seed: string;
  port: string;
  latency?: string;
  rateLimit?: string;
  rateLimitAcronis?: string;
  rateLimitCipp?: string;
  faultRate?: string;
  faultKinds?: string;
  tokenLifetime?: string;
  orgs?: string;
  devicesPerOrg?: string;
  alerts?: string;
}

function integer(flag: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max} (got ${JSON.stringify(raw)})`);
  }
  return value;
}

/**
 * Ports the WHATWG fetch standard blocks ("bad port"): a client on fetch, and every browser,
 * refuses them, so the sandbox must not serve on one (https://fetch.spec.whatwg.org/#port-blocking).
 */
const FETCH_BLOCKED_PORTS = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115, 117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427,
  465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587, 601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666,
  6667, 6668, 6669, 6679, 6697, 10080,
]);

function sandboxPort(raw: string): number | undefined {
  const port = integer("--port", raw, 0, 65_532);
  if (port === undefined || port === 0) return port;
  const blocked = [port, port + 1, port + 2, port + 3].filter((p) => FETCH_BLOCKED_PORTS.has(p));
  if (blocked.length > 0) {
    throw new UsageError(`--port ${port} would serve on port ${blocked.join(" and ")}, which browsers and fetch refuse as a "bad port"`, {
      hint: "choose another first port, e.g. the default 4010, or --port 0 for free ones",
    });
  }
  return port;
}

function knobsFrom(opts: SandboxStartOptions): KnobsPatch {
  const knobs: KnobsPatch = {};
  const latencyMs = integer("--latency", opts.latency, 0, 600_000);
  if (latencyMs !== undefined) knobs.latencyMs = latencyMs;
  const tokenLifetimeSec = integer("--token-lifetime", opts.tokenLifetime, 1, 31_536_000);
  if (tokenLifetimeSec !== undefined) knobs.tokenLifetimeSec = tokenLifetimeSec;
  if (opts.faultRate !== undefined) {
    const rate = Number(opts.faultRate);
    if (!(rate >= 0 && rate <= 1)) throw new UsageError(`--fault-rate must be between 0 and 1 (got ${JSON.stringify(opts.faultRate)})`);
    knobs.faultRate = rate;
  }
  if (opts.faultKinds !== undefined) {
    const kinds = opts.faultKinds.split(",").map((k) => k.trim()).filter((k) => k !== "");
    const unknown = kinds.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
    if (kinds.length === 0 || unknown.length > 0) {
      throw new UsageError(`--fault-kinds takes a comma-separated list of ${FAULT_KINDS.join(", ")} (got ${JSON.stringify(opts.faultKinds)})`);
    }
    knobs.faultKinds = kinds as FaultKind[];
  }
  const limits = {
    ninjaone: integer("--rate-limit", opts.rateLimit, 0, 1_000_000),
    acronis: integer("--rate-limit-acronis", opts.rateLimitAcronis, 0, 1_000_000),
    cipp: integer("--rate-limit-cipp", opts.rateLimitCipp, 0, 1_000_000),
  };
  const rateLimit = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
  if (Object.keys(rateLimit).length > 0) knobs.rateLimit = rateLimit;
  return knobs;
}

/** `sandbox start`: serves the simulated APIs until SIGINT or SIGTERM, then closes them. */
export async function run(opts: SandboxStartOptions, ctx: Context): Promise<void> {
  const large: Record<string, number> = {};
  for (const [key, flag, raw, max] of [
    ["orgs", "--orgs", opts.orgs, 100_000],
    ["devicesPerOrg", "--devices-per-org", opts.devicesPerOrg, 10_000],
    ["alerts", "--alerts", opts.alerts, 1_000_000],
  ] as const) {
    const value = integer(flag, raw, 0, max);
    if (value !== undefined) large[key] = value;
  }
  if (Object.keys(large).length > 0 && opts.seed !== "large") {
    throw new UsageError("--orgs, --devices-per-org and --alerts shape a large estate", { hint: "add --seed large" });
  }
  const started = Date.now();
  const sandbox = await startSandbox({
    seed: opts.seed,
    large,
    port: sandboxPort(opts.port),
    knobs: knobsFrom(opts),
  });
  const startedInMs = Date.now() - started;
  if (ctx.json) {
    // One line, so a script can read it while the sandbox keeps serving.
    ctx.out.io.stdout.write(`${JSON.stringify(describe(sandbox, startedInMs))}\n`);
  } else {
    ctx.out.print(instructions(sandbox, startedInMs));
  }
  const signal = await waitForShutdownSignal();
  ctx.out.info(`${signal}: stopping the sandbox`);
  await sandbox.close();
}

function describe(sandbox: RunningSandbox, startedInMs: number) {
  return {
    kind: sandbox.kind,
    params: sandbox.params,
    organizations: sandbox.estate.orgs.length,
    devices: sandbox.estate.devices.length,
    startedInMs,
    urls: sandbox.urls,
    credentials: sandbox.credentials,
    knobs: sandbox.knobs,
  };
}

function instructions(sandbox: RunningSandbox, startedInMs: number): string {
  const { urls, credentials: c } = sandbox;
  const estate =
    sandbox.kind === "demo" ? "the demo estate" : `a generated estate (seed ${sandbox.params.seed})`;
  const login = "ninja-bridge --profile sandbox auth login";
  const cippTokenUrl = `${urls.cipp}/${c.cipp.tenant_id}/oauth2/v2.0/token`;
  return [
    `Sandbox serving ${estate}: ${sandbox.estate.orgs.length} organizations, ${sandbox.estate.devices.length} devices (started in ${startedInMs} ms).`,
    "",
    `  NinjaOne  ${urls.ninjaone}`,
    `  Acronis   ${urls.acronis}`,
    `  CIPP      ${urls.cipp}`,
    `  control   ${urls.control}/control  (knobs, clock, request counts; loopback only)`,
    "",
    "Connect a profile to it, in another terminal:",
    `  echo '${c.ninjaone.clientCredentialsClientSecret}' | ${login} ninjaone --instance ${urls.ninjaone} --client-id ${c.ninjaone.clientCredentialsClientId} --client-secret-stdin`,
    `  echo '${c.acronis.client_secret}' | ${login} acronis --url ${urls.acronis} --client-id ${c.acronis.client_id} --client-secret-stdin`,
    `  echo '${c.cipp.client_secret}' | ${login} cipp --url ${urls.cipp} --tenant-id ${c.cipp.tenant_id} --client-id ${c.cipp.client_id} --token-url ${cippTokenUrl} --client-secret-stdin`,
    "  ninja-bridge --profile sandbox auth status",
    "",
    "For ticket writes (they need a user's token), the NinjaOne web app and the authorization-code flow:",
    `  echo '${c.ninjaone.webClientSecret}' | ${login} ninjaone --instance ${urls.ninjaone} --flow authorization-code --client-id ${c.ninjaone.webClientId} --client-secret-stdin`,
    `A monitoring-only app (${c.ninjaone.monitoringOnlyClientId}) is there too; --json lists every app. These are sandbox secrets, safe to show.`,
    "Stop with Ctrl+C.",
  ].join("\n");
}
