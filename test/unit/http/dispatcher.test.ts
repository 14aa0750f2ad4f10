import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createDispatcher } from "../../../src/http/dispatcher.js";
import { HttpClient } from "../../../src/http/http-client.js";
import { RequestCounter } from "../../../src/http/request-counter.js";

const servers: Server[] = [];
const savedEnv = { HTTP_PROXY: process.env.HTTP_PROXY, NO_PROXY: process.env.NO_PROXY };

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function json(res: ServerResponse, body: unknown): void {
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(body));
}

afterEach(async () => {
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

describe("createDispatcher", () => {
  it("reuses kept-alive connections and opens no more than the per-origin bound", async () => {
    const sockets = new Set<number>();
    const { url: base } = await listen((req, res) => {
      sockets.add(req.socket.remotePort ?? 0);
      json(res, { ok: true });
    });
    const dispatcher = createDispatcher({ connectionsPerOrigin: 1 });
    const client = new HttpClient({ service: "sandbox", baseUrl: base, dispatcher, counter: new RequestCounter() });
    await Promise.all([1, 2, 3, 4].map(() => client.request({ method: "GET", path: "/x" })));
    expect(sockets.size).toBe(1);
    await dispatcher.close();
  });

  it("sends requests through HTTP_PROXY unless NO_PROXY exempts the host", async () => {
    const vendor = await listen((_req, res) => json(res, { via: "proxy" }));
    const direct = await listen((_req, res) => json(res, { via: "direct" }));
    const timeoutMs = 5_000;
    // A tunnelling proxy that sends every CONNECT to the local "vendor" server.
    const seenByProxy: string[] = [];
    const proxy = await listen((_req, res) => res.writeHead(405).end());
    proxy.server.on("connect", (req: IncomingMessage, socket, head: Buffer) => {
      seenByProxy.push(req.url ?? "");
      const upstream = connect(Number(new URL(vendor.url).port), "127.0.0.1", () => {
        socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
        upstream.write(head);
        upstream.pipe(socket).pipe(upstream);
      });
    });
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = "127.0.0.1";
    const dispatcher = createDispatcher();
    const counter = new RequestCounter();
    const proxied = new HttpClient({ service: "x", baseUrl: "http://vendor.invalid", dispatcher, counter, timeoutMs });
    const exempt = new HttpClient({ service: "x", baseUrl: direct.url, dispatcher, counter, timeoutMs });
    expect(await proxied.request({ method: "GET", path: "/v2/organizations" })).toEqual({ via: "proxy" });
    expect(await exempt.request({ method: "GET", path: "/v2/organizations" })).toEqual({ via: "direct" });
    expect(seenByProxy).toEqual(["vendor.invalid:80"]);
    await dispatcher.close();
  });
});
