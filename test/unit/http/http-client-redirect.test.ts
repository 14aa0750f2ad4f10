import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NetworkError } from "../../../src/errors.js";
import { HttpClient } from "../../../src/http/http-client.js";
import { RequestCounter } from "../../../src/http/request-counter.js";
import { recordingLogger } from "./fakes.js";

// A real server, not nock: what a redirect does is undici's own behaviour, which an interceptor imitates.
describe("HttpClient and redirects", () => {
  const seen: string[] = [];
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      req.resume();
      req.on("end", () => {
        res.writeHead(req.url === "/moved" ? 301 : 204, req.url === "/moved" ? { location: "/elsewhere" } : {});
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("does not follow one: a single request, and an error that points at the URL", async () => {
    const client = new HttpClient({ service: "ninjaone", baseUrl: base, logger: recordingLogger().logger, counter: new RequestCounter() });
    const error = await client.request({ method: "PATCH", path: "/moved", json: { a: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as Error).message).toBe("ninjaone PATCH /moved: answered with a redirect, which the API never does");
    expect((error as NetworkError).hint).toContain("the service URL");
    expect(seen).toEqual(["PATCH /moved"]);
  });
});
