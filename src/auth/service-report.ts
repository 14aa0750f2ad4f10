import type { TokenInfo } from "../clients/connect.js";
import { ApiError, BridgeError } from "../errors.js";
import type { ServiceName } from "../services.js";

/** One probe of `auth status`: passed or not, what it found, and how to fix it when not. */
export interface Check {
  name: string;
  ok: boolean;
  /** A failed warning is shown but does not fail the command. */
  severity: "error" | "warning";
  detail?: string;
  fix?: string;
}

export interface ServiceReport {
  service: ServiceName;
  configured: boolean;
  instance?: string;
  authMethod?: string;
  /** ISO time the access token of this run expires, as the service stated it (the token itself is never shown). */
  expiresAt?: string;
  /** False when the service stated no lifetime for the token (then there is no expiresAt). */
  expiryStated?: false;
  /** The token was kept by an earlier run and reused, not asked for now. */
  tokenReused?: boolean;
  scopes?: string[];
  userContext?: boolean;
  checks: Check[];
  /** No failed error-level check. */
  ok: boolean;
}

export type TokenFacts = Pick<ServiceReport, "expiresAt" | "expiryStated" | "tokenReused">;

/** What a report shows of a token: its recorded expiry and whether it was reused. */
export function tokenFacts(info: TokenInfo): TokenFacts {
  return { ...(info.expiryStated === false ? { expiryStated: false } : { expiresAt: new Date(info.expiresAt).toISOString() }), tokenReused: info.cached === true };
}

export function reportOf(base: Omit<ServiceReport, "ok">): ServiceReport {
  return { ...base, ok: base.checks.every((c) => c.ok || c.severity === "warning") };
}

/** A fix for a failed probe, or undefined to use the error's own hint. */
export type FixFor = (error: unknown) => string | undefined;

function describe(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Runs one probe; an error becomes a failed check, never an exception. */
export async function runCheck(name: string, probe: () => Promise<string | undefined>, fixFor?: FixFor): Promise<Check> {
  try {
    const detail = await probe();
    return detail === undefined ? { name, ok: true, severity: "error" } : { name, ok: true, severity: "error", detail };
  } catch (error) {
    const fix = fixFor?.(error) ?? (error instanceof BridgeError ? error.hint : undefined) ?? "re-run with --verbose to see the requests";
    return { name, ok: false, severity: "error", detail: describe(error), fix };
  }
}

