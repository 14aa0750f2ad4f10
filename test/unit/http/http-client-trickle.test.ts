import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeadlineError, NetworkError } from "../../../src/errors.js";
import { Deadline } from "../../../src/http/deadline.js";
import { HttpClient } from "../../../src/http/http-client.js";
import { RequestCounter } from "../../../src/http/request-counter.js";

// A server that sends its headers at once, then a 100-byte JSON body one byte every 200 ms (20 s in all).
let server: http.Server;
let baseUrl: string;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    const body = Buffer.from(JSON.stringify({ pad: "x".repeat(90) }));
    res.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) });
    let sent = 0;
    const timer = setInterval(() => {
      if (res.destroyed || sent >= body.length) return clearInterval(timer);
      res.write(body.subarray(sent, ++sent));
    }, 200);
    res.on("close", () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("HttpClient against a trickling server", () => {
  it("cuts the body read at the per-attempt time-out, not only the wait for headers", async () => {
    const client = new HttpClient({ service: "ninjaone", baseUrl, timeoutMs: 600, retry: { maxAttempts: 1 }, counter: new RequestCounter() });
    const error = await client.request({ method: "GET", path: "/v2/organizations" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).message).toContain("timed out after 0.6 s");
  });

  it("cuts the request in flight at the run's deadline, long before time-out × attempts", async () => {
    const deadline = new Deadline(Date.now() + 800, "0.8s");
    const client = new HttpClient({ service: "ninjaone", baseUrl, timeoutMs: 30_000, deadline, counter: new RequestCounter() });
    const error = await client.request({ method: "GET", path: "/v2/organizations" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    expect((error as DeadlineError).message).toContain("the request in flight was cut");
    expect((error as DeadlineError).message).not.toContain("may or may not");
  });

  it("says a cut POST may have been applied", async () => {
    const deadline = new Deadline(Date.now() + 500, "0.5s");
    const client = new HttpClient({ service: "ninjaone", baseUrl, deadline, counter: new RequestCounter() });
    const error = await client.request({ method: "POST", path: "/v2/ticketing/ticket", json: { subject: "s" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    expect((error as DeadlineError).message).toContain("it may or may not have been applied");
  });
});
