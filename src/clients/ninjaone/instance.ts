import { ConfigError } from "../../errors.js";

/** NinjaOne's instances by the keys people use for them (reference §1). */
export const NINJA_INSTANCES: Readonly<Record<string, string>> = {
  app: "app.ninjarmm.com",
  us: "app.ninjarmm.com",
  us2: "us2.ninjarmm.com",
  eu: "eu.ninjarmm.com",
  ca: "ca.ninjarmm.com",
  oc: "oc.ninjarmm.com",
  fed: "fed.ninjarmm.com",
};

export interface NinjaInstance {
  /** Origin of the API and of the OAuth endpoints, no trailing slash. */
  baseUrl: string;
  /** How a person names it: the key, or the host. */
  label: string;
  /** A local sandbox rather than a real NinjaOne instance. */
  sandbox: boolean;
}

const HOW = "use app, us2, eu, ca, oc, fed, a <host>.ninjarmm.com or <host>.ninjaone.com, or http://127.0.0.1:<port> for the sandbox";

/**
 * NinjaOne's hosts: any under ninjarmm.com (the documented instances, reference §1), and the
 * instances under ninjaone.com, the brand's newer domain. The reference lists `app.ninjaone.com`
 * as seen in the wild and unverified as a v2 host; the official instance list names only
 * ninjarmm.com hosts, and public scripts call `https://app.ninjaone.com/ws/oauth/token` and
 * `/v2/...` (found with the search tool), so an instance under it is accepted as given. Under
 * ninjaone.com the website (`www`) and API-named hosts (`api`, `eu-api`: the v1 API's naming
 * on ninjarmm.com) are refused: neither is an instance a technician signs in to.
 */
function isNinjaHost(host: string): boolean {
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.ninjarmm\.com$/.test(host)) return true;
  const sub = /^([a-z0-9-]+)\.ninjaone\.com$/.exec(host)?.[1];
  return sub !== undefined && sub !== "www" && sub !== "api" && !sub.endsWith("-api");
}

/**
 * Turns what a user typed into the instance to talk to. Only NinjaOne's own hosts are
 * accepted, so a typo cannot send the client secret elsewhere; plain http only on loopback.
 */
export function resolveNinjaInstance(raw: string): NinjaInstance {
  const value = raw.trim();
  const key = value.toLowerCase();
  const known = NINJA_INSTANCES[key];
  if (known !== undefined) return { baseUrl: `https://${known}`, label: key === "us" ? "app" : key, sandbox: false };

  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`);
  } catch {
    throw new ConfigError(`NinjaOne instance ${JSON.stringify(raw)} is not a known instance or host`, { hint: HOW });
  }
  const host = url.hostname.toLowerCase();
  if (url.protocol === "http:" && (host === "127.0.0.1" || host === "localhost" || host === "[::1]")) {
    return { baseUrl: url.origin, label: url.origin, sandbox: true };
  }
  if (url.protocol !== "https:" || !isNinjaHost(host)) {
    throw new ConfigError(`NinjaOne instance ${JSON.stringify(raw)} is not a NinjaOne host`, { hint: HOW });
  }
  // A pasted login URL (https://eu.ninjarmm.com/ws/...) still names the instance: keep the origin only.
  return { baseUrl: url.origin, label: host, sandbox: false };
}
