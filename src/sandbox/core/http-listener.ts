import http from "node:http";
import type { AddressInfo } from "node:net";
import type { SandboxRequest, SandboxResponse } from "../contract.js";
import { describe } from "./pipeline.js";

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export type RequestHandler = (req: SandboxRequest, meta: { remoteAddress: string }) => Promise<SandboxResponse>;

export interface Listener {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

export interface ListenOptions {
  port: number;
  maxBodyBytes?: number | undefined;
  logError(message: string): void;
  /** The sandbox clock, in epoch ms: the `Date` header follows `/control/clock/advance` like every other time it serves. */
  now?: () => number;
}

/** Headers as the contract wants them: lower-cased names, repeated values joined. */
function flattenHeaders(raw: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(raw)) out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}

export function toSandboxRequest(
  method: string,
  rawUrl: string,
  headers: http.IncomingHttpHeaders,
  body: Buffer,
  baseUrl: string,
): SandboxRequest {
  const q = rawUrl.indexOf("?");
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = new URLSearchParams(q < 0 ? "" : rawUrl.slice(q + 1));
  return { method: method.toUpperCase(), path: path === "" ? "/" : path, query, headers: flattenHeaders(headers), body, baseUrl };
}

function writeResponse(res: http.ServerResponse, out: SandboxResponse, now: (() => number) | undefined): void {
  const headers: Record<string, string> = { ...out.headers };
  const has = (name: string) => Object.keys(headers).some((h) => h.toLowerCase() === name);
  if (now !== undefined && !has("date")) headers["date"] = new Date(now()).toUTCString();
  let payload: Buffer | string | undefined;
  if (out.body === undefined || out.body === null) {
    payload = undefined;
  } else if (typeof out.body === "string" || Buffer.isBuffer(out.body)) {
    payload = out.body;
    if (!has("content-type")) {
      headers["content-type"] = typeof out.body === "string" ? "text/plain; charset=utf-8" : "application/octet-stream";
    }
  } else {
    payload = JSON.stringify(out.body);
    if (!has("content-type")) headers["content-type"] = "application/json";
  }
  if (payload !== undefined) headers["content-length"] = String(Buffer.byteLength(payload));
  res.writeHead(out.status, headers);
  if (payload !== undefined && out.trickleMs !== undefined && out.trickleMs > 0) trickle(res, Buffer.from(payload), out.trickleMs);
  else res.end(payload);
}

/** Writes the body one byte per `ms`; stops when the client gives up (the socket closes). */
function trickle(res: http.ServerResponse, body: Buffer, ms: number): void {
  let sent = 0;
  let timer: NodeJS.Timeout | undefined;
  const next = (): void => {
    if (res.destroyed) return;
    res.write(body.subarray(sent, sent + 1));
    sent += 1;
    if (sent >= body.length) res.end();
    else timer = setTimeout(next, ms);
  };
  res.on("close", () => clearTimeout(timer));
  next();
}

/**
 * One HTTP server on 127.0.0.1 that turns each request into a SandboxRequest, refuses
 * bodies over the cap with 413, and writes (or drops) whatever the handler answers.
 */
export async function listen(handler: RequestHandler, options: ListenOptions): Promise<Listener> {
  const maxBody = options.maxBodyBytes ?? MAX_BODY_BYTES;
  let baseUrl = "";

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on("error", () => res.destroy());
    req.on("end", () => {
      if (tooLarge) {
        writeResponse(res, {
          status: 413,
          headers: { connection: "close" },
          body: { error: "payload_too_large", message: `request body exceeds ${maxBody} bytes` },
        }, options.now);
        return;
      }
      const sandboxReq = toSandboxRequest(req.method ?? "GET", req.url ?? "/", req.headers, Buffer.concat(chunks), baseUrl);
      handler(sandboxReq, { remoteAddress: req.socket.remoteAddress ?? "" }).then(
        (out) => {
          if (out.drop === true) req.socket.destroy();
          else writeResponse(res, out, options.now);
        },
        (err: unknown) => {
          options.logError(`sandbox: ${sandboxReq.method} ${sandboxReq.path} failed: ${describe(err)}`);
          if (!res.headersSent) writeResponse(res, { status: 500, body: { error: "internal_error" } }, options.now);
        },
      );
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once("error", onError);
    server.listen(options.port, "127.0.0.1", () => {
      server.off("error", onError);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    port,
    url: baseUrl,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Idle keep-alive sockets would otherwise hold the port (and the test process) open.
        server.closeAllConnections();
      }),
  };
}
