import type { RunningSandbox } from "../../src/sandbox/server.js";

/**
 * Calls the sandbox's control API, which tests use to read and change what the vendors hold.
 * `route` follows `/control` (e.g. `/ninjaone/tickets`); an empty answer resolves to undefined.
 */
export async function control<T = unknown>(sandbox: RunningSandbox, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${sandbox.urls.control}/control${route}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`control ${method} ${route}: ${response.status} ${text}`);
  return (text === "" ? undefined : JSON.parse(text)) as T;
}
