import type { ServiceName } from "../services.js";
import type { AgentInstallLog } from "./shared/agent-installs.js";

/**
 * The contract between the sandbox's server core (listening, knobs, control endpoint) and
 * each simulated service (NinjaOne, Acronis, CIPP). A service is a plain request handler
 * over a parsed request, so it can be tested without sockets and the core can apply
 * latency, rate limits and faults the same way to all three.
 */


export interface SandboxRequest {
  method: string;
  /** Path without the query string, percent-decoded segments kept as sent. */
  path: string;
  query: URLSearchParams;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  /** Raw body; use the helpers in http-util.ts to parse JSON or form bodies. */
  body: Buffer;
  /** The sandbox's own base URL of this service, e.g. http://127.0.0.1:4010 */
  baseUrl: string;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless it is a string or Buffer (sent as is). */
  body?: unknown;
  /** The route template that matched (e.g. `GET /v2/organization/{id}`), for per-endpoint counts. */
  route?: string;
  /** Destroy the socket without answering (a dropped connection). */
  drop?: boolean;
  /** Send the body one byte at a time, this many milliseconds apart. */
  trickleMs?: number;
}

/**
 * An injected fault: a 500 in the service's own error shape, a gateway's 502 or 503 HTML page, a
 * dropped connection, or `html`: a proxy's HTML page answered with 200 where JSON was due
 * (ninjaone-api.md §9: "HTML on an API path = throttled or error page").
 */
export type FaultKind = "status500" | "status502" | "status503" | "drop" | "html";

export const FAULT_KINDS: readonly FaultKind[] = ["status500", "status502", "status503", "drop", "html"];

/** The knobs every service reads live, changeable at run time through the control endpoint. */
export interface Knobs {
  /** Added before every response, in milliseconds. */
  latencyMs: number;
  /** Requests per second allowed per client (token or client id) and service; 0 = unlimited. */
  rateLimit: Record<ServiceName, number>;
  /** Fraction (0..1) of API requests, token requests included, answered with a fault of `faultKinds`. */
  faultRate: number;
  /** The faults `faultRate` draws from, evenly. Default: all of them. */
  faultKinds: FaultKind[];
  /**
   * When not empty, faults hit only requests whose `METHOD /path?query` contains one of these
   * texts (e.g. `GET /api/ListDevices?tenantFilter=<id>`), so a test can break one route or
   * one tenant's read and leave the rest working. Empty = every request may fault.
   */
  faultRoutes: string[];
  /** Lifetime of issued access tokens, in seconds. */
  tokenLifetimeSec: number;
  /**
   * Let this many more API requests (all services together) reach the services after the
   * knob is set, then hold every further one unanswered until the knob changes, and drop it
   * unhandled. Crash tests kill the client while it waits. 0 = off.
   */
  stallAfterRequests: number;
  /**
   * Per service, milliseconds between the bytes of every API answer (headers at once, then
   * the body one byte at a time): a server that trickles, to test total per-request limits. 0 = off.
   */
  trickleMs: Record<ServiceName, number>;
}

export interface ServiceHandler {
  readonly id: ServiceName;
  /**
   * The sandbox's API client credentials for this service (client ids, secrets, tenant ids,
   * scopes), printed by `sandbox start` so scripts and CI can point a profile at it.
   */
  readonly credentials: Record<string, string>;
  handle(req: SandboxRequest): Promise<SandboxResponse> | SandboxResponse;
  /**
   * Identifies the API client behind a request (for per-client rate limits), or undefined
   * for requests that carry no credentials.
   */
  clientKey?(req: SandboxRequest): string | undefined;
  /**
   * Loopback-only control requests under `/control/<service id>/...`; `req.path` is the
   * rest of the path after that prefix. Undefined means "no such control route".
   */
  control?(req: SandboxRequest): Promise<SandboxResponse | undefined> | SandboxResponse | undefined;
  /**
   * Refuses every access token issued so far from now on, as an administrator who revokes an
   * app's tokens (or a token store lost on the vendor's side) would; returns how many. Refresh
   * tokens and client credentials keep working.
   */
  revokeTokens?(): number;
}

/**
 * The NinjaOne side of a seeded estate, which the Acronis and CIPP generators read so their
 * customers, workloads and Intune devices overlap NinjaOne's organizations and devices.
 */
export interface SeedOrg {
  id: number;
  name: string;
}

export interface SeedDevice {
  id: number;
  organizationId: number;
  systemName: string;
  dnsName?: string;
  /** `system.serialNumber` in devices-detailed. */
  serialNumber?: string;
  /** `system.biosSerialNumber` in devices-detailed. */
  biosSerialNumber?: string;
  /** e.g. WINDOWS_WORKSTATION, WINDOWS_SERVER, MAC, LINUX_SERVER, VMWARE_VM_GUEST */
  nodeClass: string;
}

export interface SeedEstate {
  orgs: SeedOrg[];
  devices: SeedDevice[];
}

/** Parameters of a generated (non-demo) estate; `--seed FILE` is a JSON file of these. */
export interface EstateParams {
  seed: number;
  orgs: number;
  devicesPerOrg: number;
  alerts: number;
}

/** What every service factory receives when the sandbox starts. */
export interface ServiceContext {
  estate: SeedEstate;
  /** "demo": the hand-made estate a person can read; "generated": built from `params`. */
  kind: "demo" | "generated";
  params: EstateParams;
  /** Live knobs: read them on every request, they change at run time. */
  knobs: Knobs;
  /** Milliseconds since the epoch; injectable so tests can move time (token expiry). */
  now(): number;
  /** Script runs NinjaOne accepted, which Acronis turns into agents (the one channel between services). */
  agentInstalls: AgentInstallLog;
}

export type ServiceFactory = (ctx: ServiceContext) => ServiceHandler;
