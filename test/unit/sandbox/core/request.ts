import type { SandboxRequest } from "../../../../src/sandbox/contract.js";

/** A SandboxRequest as the core would build it, for calling handlers without sockets. */
export function sandboxRequest(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer; query?: string } = {},
): SandboxRequest {
  const body = options.body ?? "";
  return {
    method,
    path,
    query: new URLSearchParams(options.query ?? ""),
    headers: options.headers ?? {},
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
    baseUrl: "http://127.0.0.1:1",
  };
}
