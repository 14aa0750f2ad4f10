import http from "node:http";
import type { ServiceFactory } from "../../../../src/sandbox/contract.js";

export interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

/** One request on a fresh connection over loopback, so closing the sandbox never waits on a kept-alive socket. */
export function send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? "GET", headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

export function jsonInit(method: string, token: string, body?: unknown): { method: string; headers: Record<string, string>; body?: string } {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body === undefined) return { method, headers };
  headers["content-type"] = "application/json";
  return { method, headers, body: JSON.stringify(body) };
}

/** A NinjaOne stand-in, so these tests depend only on the sandbox core and the service under test. */
export const stubNinjaOne: ServiceFactory = () => ({ id: "ninjaone", credentials: {}, handle: () => ({ status: 404, body: { error: "stub" } }) });
