import type { Knobs, SandboxRequest, SandboxResponse, ServiceHandler } from "../contract.js";
import { SandboxHttpError } from "../http-util.js";
import type { Prng } from "../prng.js";
import { faultResponse, internalErrorResponse, rateLimitedResponse, type NinjaThrottleBody } from "./error-bodies.js";
import { pickFault } from "./faults.js";
import type { RateLimiter } from "./rate-limiter.js";
import type { RequestCounter } from "./request-counts.js";
import type { ServiceName } from "../../services.js";

/** What the pipeline needs from the running sandbox; tests pass their own. */
export interface PipelineDeps {
  knobs: Knobs;
  limiter: RateLimiter;
  faultPrng: Prng;
  counter: RequestCounter;
  ninjaThrottleBody: NinjaThrottleBody;
  /** Where handler crashes are reported (stderr in the running sandbox). */
  logError(message: string): void;
  /** Shared by the three services' pipelines, for the stallAfterRequests knob. */
  progress: StallProgress;
  sleep(ms: number): Promise<void>;
}

export interface RequestMeta {
  remoteAddress: string;
}

const DROPPED: SandboxResponse = { status: 0, drop: true };

/** Requests that reached a service, and where counting restarted when the stall knob last changed. */
export interface StallProgress {
  handled: number;
  base: number;
  armedFor: number;
}

export function newStallProgress(): StallProgress {
  return { handled: 0, base: 0, armedFor: 0 };
}

/** True when this request must be held: the stall knob let its quota of requests through already. */
function mustStall(knobs: Knobs, progress: StallProgress): boolean {
  if (knobs.stallAfterRequests !== progress.armedFor) {
    progress.armedFor = knobs.stallAfterRequests;
    progress.base = progress.handled;
  }
  return knobs.stallAfterRequests > 0 && progress.handled - progress.base >= knobs.stallAfterRequests;
}

const STALL_POLL_MS = 50;

/**
 * One API request through the knobs, in order: latency, per-client rate limit, injected
 * fault, then the service itself. Token endpoints are API requests like any other here, so
 * faults reach them too. Every request is counted under the route it resolved to.
 */
export function createApiPipeline(service: ServiceName, handler: ServiceHandler, deps: PipelineDeps) {
  let sequence = 0;

  return async function runApiRequest(req: SandboxRequest, meta: RequestMeta): Promise<SandboxResponse> {
    const errorOptions = { ninjaThrottleBody: deps.ninjaThrottleBody, sequence: ++sequence };
    const fallbackRoute = `${req.method} ${req.path}`;
    const finish = (res: SandboxResponse): SandboxResponse => {
      deps.counter.record(service, res.route ?? fallbackRoute, res.drop === true ? "dropped" : res.status);
      return res;
    };

    if (deps.knobs.latencyMs > 0) await deps.sleep(deps.knobs.latencyMs);

    try {
      const key = handler.clientKey?.(req);
      const clientKey = key === undefined ? `addr:${meta.remoteAddress}` : `client:${key}`;
      const decision = deps.limiter.take(`${service}|${clientKey}`, deps.knobs.rateLimit[service]);
      if (!decision.allowed) return finish(rateLimitedResponse(service, req, decision.retryAfterSec, errorOptions));

      // Drawn for every request, targeted or not, so a seed gives the same faults whatever the routes.
      const picked = pickFault(deps.faultPrng, deps.knobs.faultRate, deps.knobs.faultKinds);
      const fault = faultTargets(deps.knobs, req) ? picked : undefined;
      if (fault === "drop") return finish(DROPPED);
      if (fault !== undefined) return finish(faultResponse(service, req, fault, errorOptions));

      if (mustStall(deps.knobs, deps.progress)) {
        const armed = deps.knobs.stallAfterRequests;
        while (deps.knobs.stallAfterRequests === armed) await deps.sleep(STALL_POLL_MS);
        return finish(DROPPED);
      }
      deps.progress.handled++;
      const answer = await handler.handle(req);
      const trickleMs = deps.knobs.trickleMs[service];
      return finish(trickleMs > 0 ? { ...answer, trickleMs } : answer);
    } catch (err) {
      if (err instanceof SandboxHttpError) return finish(err.response);
      deps.logError(`sandbox ${service}: ${req.method} ${req.path} failed: ${describe(err)}`);
      return finish(internalErrorResponse(service, req, "Internal server error", errorOptions));
    }
  };
}

/** Whether the `faultRoutes` knob lets this request fault: any request when it is empty. */
function faultTargets(knobs: Knobs, req: SandboxRequest): boolean {
  if (knobs.faultRoutes.length === 0) return true;
  const query = [...req.query].map(([key, value]) => `${key}=${value}`).join("&");
  const line = `${req.method} ${req.path}${query === "" ? "" : `?${query}`}`;
  return knobs.faultRoutes.some((route) => line.includes(route));
}

export function describe(err: unknown): string {
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
