import { type Dispatcher, EnvHttpProxyAgent } from "undici";

export interface DispatcherOptions {
  /** Most sockets open to one origin at a time. Default 8. */
  connectionsPerOrigin?: number;
  /** How long an idle socket stays open for reuse. Default 10 s. */
  keepAliveTimeoutMs?: number;
  /** Longest wait for a TCP/TLS connection. Default 10 s. */
  connectTimeoutMs?: number;
}

/**
 * The connection pool behind every fetch: keep-alive, bounded per origin, and routed through
 * HTTPS_PROXY / HTTP_PROXY unless NO_PROXY exempts the host.
 */
export function createDispatcher(options: DispatcherOptions = {}): Dispatcher {
  return new EnvHttpProxyAgent({
    connections: options.connectionsPerOrigin ?? 8,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
    connect: { timeout: options.connectTimeoutMs ?? 10_000 },
  });
}

let shared: Dispatcher | undefined;

/** The pool clients share when they are not given one, created on first use. */
export function sharedDispatcher(): Dispatcher {
  shared ??= createDispatcher();
  return shared;
}
