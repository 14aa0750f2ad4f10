import { setTimeout as sleep } from "node:timers/promises";
import { UsageError } from "../errors.js";
import type { EstateParams, Knobs, SeedEstate, ServiceFactory, ServiceHandler } from "./contract.js";
import { createSandboxClock, type SandboxClock } from "./core/clock.js";
import { handleControl } from "./core/control.js";
import type { NinjaThrottleBody } from "./core/error-bodies.js";
import { listen, type Listener, type ListenOptions, type RequestHandler } from "./core/http-listener.js";
import { applyKnobsPatch, defaultKnobs, knobsPatchSchema, SERVICE_IDS, type KnobsPatch } from "./core/knobs.js";
import { createApiPipeline, newStallProgress } from "./core/pipeline.js";
import { RateLimiter } from "./core/rate-limiter.js";
import { RequestCounter, type RequestCounts } from "./core/request-counts.js";
import { describeZodError } from "./http-util.js";
import { Prng } from "./prng.js";
import { AgentInstallLog } from "./shared/agent-installs.js";
import { resolveSeed, type SeedOption } from "./seed/resolve-seed.js";
import type { ServiceName } from "../services.js";

export interface SandboxOptions {
  /** "demo" (default), "large", explicit params, or the path of a JSON file of EstateParams. */
  seed?: SeedOption;
  /** Overrides of the "large" defaults (2,000 orgs, 25 devices each, 5,000 alerts, seed 1). */
  large?: Partial<EstateParams>;
  /** First of four consecutive ports (NinjaOne, Acronis, CIPP, control); 0 (default) = any free ports. */
  port?: number;
  knobs?: KnobsPatch;
  /** The base clock; the sandbox clock is this plus every `/control/clock/advance`. */
  now?: () => number;
  /** Replaces a service's factory (tests); the default ones load only when needed. */
  services?: Partial<Record<ServiceName, ServiceFactory>>;
  /** NinjaOne's throttling body is UNVERIFIED; "html" (default) is the stricter choice. */
  ninjaThrottleBody?: NinjaThrottleBody;
  /** Seed of the fault-injection PRNG; defaults to the estate's seed so runs repeat. */
  faultSeed?: number;
  maxBodyBytes?: number;
  /** Where handler crashes are reported; stderr by default. */
  logError?: (message: string) => void;
}

export interface RunningSandbox {
  urls: Record<ServiceName | "control", string>;
  credentials: Record<ServiceName, Record<string, string>>;
  /** Live: changing a field here changes the next request's behaviour. */
  knobs: Knobs;
  clock: SandboxClock;
  kind: "demo" | "generated";
  params: EstateParams;
  estate: SeedEstate;
  counts(): RequestCounts;
  resetCounts(): void;
  close(): Promise<void>;
}

const PORT_ORDER: ReadonlyArray<ServiceName | "control"> = ["ninjaone", "acronis", "cipp", "control"];

async function defaultFactory(id: ServiceName): Promise<ServiceFactory> {
  switch (id) {
    case "ninjaone":
      return (await import("./ninjaone/index.js")).createNinjaOneService;
    case "acronis":
      return (await import("./acronis/index.js")).createAcronisService;
    case "cipp":
      return (await import("./cipp/index.js")).createCippService;
  }
}

function initialKnobs(patch: KnobsPatch | undefined): Knobs {
  const result = knobsPatchSchema.safeParse(patch ?? {});
  if (!result.success) throw new UsageError(`Invalid sandbox knobs: ${describeZodError(result.error)}`);
  return applyKnobsPatch(defaultKnobs(), result.data);
}

function validPort(port: number): number {
  if (!Number.isInteger(port) || port < 0 || (port > 0 && port + 3 > 65535)) {
    throw new UsageError(`Invalid sandbox port ${port}`, { hint: "Use 0 for any free ports, or a port from 1 to 65532." });
  }
  return port;
}

async function listenAll(
  handlers: Record<ServiceName | "control", RequestHandler>,
  firstPort: number,
  options: Omit<ListenOptions, "port">,
): Promise<Record<ServiceName | "control", Listener>> {
  const opened: Partial<Record<ServiceName | "control", Listener>> = {};
  try {
    for (const [i, name] of PORT_ORDER.entries()) {
      const port = firstPort === 0 ? 0 : firstPort + i;
      opened[name] = await listen(handlers[name], { ...options, port });
    }
  } catch (err) {
    await Promise.all(Object.values(opened).map((l) => l.close()));
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES") {
      throw new UsageError(`Cannot start the sandbox on ports ${firstPort}-${firstPort + 3}: ${code}`, {
        hint: "Choose another --port, or 0 for any free ports.",
        cause: err,
      });
    }
    throw err;
  }
  return opened as Record<ServiceName | "control", Listener>;
}

/**
 * Starts the three simulated APIs and the control endpoint on 127.0.0.1, seeded as asked.
 * Every API request passes the knobs (latency, rate limit, faults) before its service.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const firstPort = validPort(options.port ?? 0);
  const knobs = initialKnobs(options.knobs);
  const clock = createSandboxClock(options.now);
  const logError = options.logError ?? ((message: string) => void process.stderr.write(`${message}\n`));
  const seed = await resolveSeed(options.seed, options.large);

  const ctx = { estate: seed.estate, kind: seed.kind, params: seed.params, knobs, now: clock.now, agentInstalls: new AgentInstallLog() };
  const services = {} as Record<ServiceName, ServiceHandler>;
  for (const id of SERVICE_IDS) services[id] = (options.services?.[id] ?? (await defaultFactory(id)))(ctx);

  const counter = new RequestCounter();
  const pipelineDeps = {
    knobs,
    limiter: new RateLimiter(clock.now),
    faultPrng: new Prng(options.faultSeed ?? seed.params.seed),
    progress: newStallProgress(),
    counter,
    ninjaThrottleBody: options.ninjaThrottleBody ?? "html",
    logError,
    sleep: (ms: number) => sleep(ms),
  };
  const urls = {} as Record<ServiceName | "control", string>;
  const handlers = {
    ninjaone: createApiPipeline("ninjaone", services.ninjaone, pipelineDeps),
    acronis: createApiPipeline("acronis", services.acronis, pipelineDeps),
    cipp: createApiPipeline("cipp", services.cipp, pipelineDeps),
    control: (req, meta) => handleControl({ knobs, counter, clock, services, urls, logError }, req, meta.remoteAddress),
  } satisfies Record<ServiceName | "control", RequestHandler>;

  const listeners = await listenAll(handlers, firstPort, { logError, maxBodyBytes: options.maxBodyBytes, now: clock.now });
  for (const name of PORT_ORDER) urls[name] = listeners[name].url;

  let closing: Promise<void> | undefined;
  return {
    urls,
    credentials: {
      ninjaone: { ...services.ninjaone.credentials },
      acronis: { ...services.acronis.credentials },
      cipp: { ...services.cipp.credentials },
    },
    knobs,
    clock,
    kind: seed.kind,
    params: seed.params,
    estate: seed.estate,
    counts: () => counter.snapshot(),
    resetCounts: () => counter.reset(),
    close: () => (closing ??= Promise.all(Object.values(listeners).map((l) => l.close())).then(() => undefined)),
  };
}
