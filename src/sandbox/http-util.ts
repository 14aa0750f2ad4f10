import type { z } from "zod";
import type { SandboxRequest, SandboxResponse } from "./contract.js";

/**
 * Service-neutral helpers for the simulated services: reading credentials and bodies out of a
 * SandboxRequest, matching route templates and building responses. Each service still decides
 * its own error bodies, so parsers return a result instead of answering for the service.
 */

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Thrown by a service to answer with `response` from deep inside a handler; the core sends
 * it as the answer (it is not logged as a crash).
 */
export class SandboxHttpError extends Error {
  constructor(readonly response: SandboxResponse) {
    super(`sandbox answered ${response.status}`);
    this.name = "SandboxHttpError";
  }
}

export function header(req: SandboxRequest, name: string): string | undefined {
  return req.headers[name.toLowerCase()];
}

/** The media type of the request body without parameters, lower-cased (`application/json`). */
export function mediaType(req: SandboxRequest): string | undefined {
  const value = header(req, "content-type");
  if (value === undefined) return undefined;
  return value.split(";")[0]?.trim().toLowerCase();
}

/** The token of an `Authorization: Bearer <token>` header; the scheme is case-insensitive (RFC 6750). */
export function bearerToken(req: SandboxRequest): string | undefined {
  const match = /^bearer\s+(\S+)\s*$/i.exec(header(req, "authorization") ?? "");
  return match?.[1];
}

export interface BasicCredentials {
  username: string;
  password: string;
}

/**
 * The credentials of an `Authorization: Basic` header, split at the first colon. Values are
 * returned as sent; OAuth servers that form-decode client ids and secrets (RFC 6749 §2.3.1)
 * apply `decodeURIComponent` themselves.
 */
export function basicAuth(req: SandboxRequest): BasicCredentials | undefined {
  const match = /^basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header(req, "authorization") ?? "");
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/** Parses the body as JSON; an empty body is an error, not `undefined`. */
export function parseJsonBody(req: SandboxRequest): Parsed<unknown> {
  const text = req.body.toString("utf8");
  if (text.trim() === "") return { ok: false, error: "request body is empty; expected JSON" };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, error: `request body is not valid JSON: ${(err as Error).message}` };
  }
}

/** Parses the body as JSON and validates it; the error names the first failing field. */
export function parseJsonBodyWith<T>(req: SandboxRequest, schema: z.ZodType<T>): Parsed<T> {
  const raw = parseJsonBody(req);
  if (!raw.ok) return raw;
  const result = schema.safeParse(raw.value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, error: describeZodError(result.error) };
}

/** One line naming the first invalid field, e.g. `rateLimit.acronis: Too small: expected number to be >=0`. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return "invalid value";
  const field = issue.path.map(String).join(".");
  return field === "" ? issue.message : `${field}: ${issue.message}`;
}

/**
 * Parses an `application/x-www-form-urlencoded` body (OAuth token requests). Returns an error
 * when the content type says otherwise, since token endpoints reject JSON bodies.
 */
export function parseFormBody(req: SandboxRequest): Parsed<URLSearchParams> {
  const type = mediaType(req);
  if (type !== "application/x-www-form-urlencoded") {
    return { ok: false, error: `expected content-type application/x-www-form-urlencoded, got ${type ?? "none"}` };
  }
  return { ok: true, value: new URLSearchParams(req.body.toString("utf8")) };
}

/**
 * Matches a path against a template with `{name}` placeholders (`/v2/organization/{id}`);
 * returns the decoded parameters, or undefined when the path does not match.
 */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const want = template.split("/");
  const got = path.replace(/\/+$/, "").split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i] as string;
    const g = got[i] as string;
    if (w.startsWith("{") && w.endsWith("}")) {
      if (g === "") return undefined;
      try {
        params[w.slice(1, -1)] = decodeURIComponent(g);
      } catch {
        return undefined;
      }
    } else if (w !== g) {
      return undefined;
    }
  }
  return params;
}

/** A strictly positive decimal integer path or query value, or undefined. */
export function parsePositiveInt(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || !/^[0-9]+$/.test(value)) return undefined;
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

export function jsonResponse(
  status: number,
  body: unknown,
  options: { route?: string; headers?: Record<string, string> } = {},
): SandboxResponse {
  const res: SandboxResponse = { status, body, headers: { "content-type": "application/json", ...options.headers } };
  if (options.route !== undefined) res.route = options.route;
  return res;
}

export function textResponse(
  status: number,
  text: string,
  contentType = "text/plain; charset=utf-8",
  options: { route?: string; headers?: Record<string, string> } = {},
): SandboxResponse {
  const res: SandboxResponse = { status, body: text, headers: { "content-type": contentType, ...options.headers } };
  if (options.route !== undefined) res.route = options.route;
  return res;
}

/** A response without a body (204 No Content by default). */
export function emptyResponse(status = 204, options: { route?: string; headers?: Record<string, string> } = {}): SandboxResponse {
  const res: SandboxResponse = { status };
  if (options.headers !== undefined) res.headers = options.headers;
  if (options.route !== undefined) res.route = options.route;
  return res;
}
