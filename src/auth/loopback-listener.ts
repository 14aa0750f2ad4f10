import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { AuthenticationError, UsageError } from "../errors.js";
import { escapeHtml } from "../html-escape.js";

export interface LoopbackOptions {
  /** 0 picks a free port; a fixed one keeps the registered redirect URI stable. */
  port: number;
  /** The `state` sent to the authorize endpoint; a redirect carrying another is refused. */
  expectedState: string;
  path?: string;
  /** How long to wait for the browser. Default 5 minutes. */
  timeoutMs?: number;
}

export interface LoopbackListener {
  /** The URI to send as `redirect_uri` and to register with the app. */
  readonly redirectUri: string;
  /** Settles once: the authorization code, or why there is none. */
  readonly code: Promise<string>;
  close(): Promise<void>;
}

const PAGE = (title: string, text: string): string =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;

type Outcome = { ok: true; code: string } | { ok: false; error: Error };

/** Decides what one redirect means; pure, so every case is testable without a socket. */
export function readRedirect(query: URLSearchParams, expectedState: string): Outcome {
  const error = query.get("error");
  if (error !== null) {
    const description = query.get("error_description");
    return {
      ok: false,
      error: new AuthenticationError(`the sign-in was refused: ${error}${description ? ` (${description})` : ""}`, {
        service: "ninjaone",
        method: "GET",
        path: "/ws/oauth/authorize",
        code: error,
        hint:
          error === "invalid_scope"
            ? "Ask only for scopes the app has (--scopes), or grant them to the app under Administration → Apps → API."
            : "Check the app under Administration → Apps → API (type Web, authorization code and refresh token allowed, this redirect URI registered) and try again.",
      }),
    };
  }
  if (query.get("state") !== expectedState) {
    return {
      ok: false,
      error: new AuthenticationError("the sign-in redirect did not carry this login's state, so it was refused", {
        service: "ninjaone",
        method: "GET",
        path: "/ws/oauth/authorize",
        hint: "Start `ninja-bridge auth login ninjaone --flow authorization-code` again and use the URL it prints.",
      }),
    };
  }
  const code = query.get("code");
  if (code === null || code === "") {
    return { ok: false, error: new AuthenticationError("the sign-in redirect carried no authorization code", { service: "ninjaone", method: "GET", path: "/ws/oauth/authorize" }) };
  }
  return { ok: true, code };
}

/**
 * Listens on 127.0.0.1 for the one redirect that ends a browser sign-in (RFC 8252 §7.3).
 * Only loopback is bound, so nothing else on the network can deliver a code.
 */
export async function startLoopbackListener(options: LoopbackOptions): Promise<LoopbackListener> {
  const path = options.path ?? "/callback";
  let settle: (outcome: Outcome) => void = () => undefined;
  const outcome = new Promise<Outcome>((resolve) => {
    settle = resolve;
  });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (req.method !== "GET" || url.pathname !== path) {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("Not found");
      return;
    }
    const result = readRedirect(url.searchParams, options.expectedState);
    const page = result.ok
      ? PAGE("Signed in", "ninja-bridge received the authorization. You can close this window and return to the terminal.")
      : PAGE("Sign-in failed", escapeHtml(result.error.message));
    res.writeHead(result.ok ? 200 : 400, { "content-type": "text/html; charset=utf-8", connection: "close" }).end(page);
    settle(result);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      reject(
        new UsageError(`cannot listen on 127.0.0.1:${options.port} for the sign-in redirect (${error.code ?? error.message})`, {
          cause: error,
          hint: "choose another port with --redirect-port (and register http://127.0.0.1:<port>/callback with the app), or 0 for any free port",
        }),
      );
    });
    server.listen(options.port, "127.0.0.1", () => resolve());
  });
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;

  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => {
      resolve({
        ok: false,
        error: new AuthenticationError(`no sign-in arrived within ${Math.round(timeoutMs / 1000)} s`, {
          service: "ninjaone",
          method: "GET",
          path: "/ws/oauth/authorize",
          hint: "Open the printed URL in a browser on this machine and approve the app, then try again.",
        }),
      });
    }, timeoutMs);
    timer.unref();
  });

  const close = (): Promise<void> =>
    new Promise((resolve) => {
      clearTimeout(timer);
      server.closeAllConnections();
      server.close(() => resolve());
    });

  const code = Promise.race([outcome, timedOut]).then(async (result) => {
    await close();
    if (!result.ok) throw result.error;
    return result.code;
  });
  // A caller that closes early without awaiting must not leave an unhandled rejection behind.
  code.catch(() => undefined);

  return { redirectUri: `http://127.0.0.1:${port}${path}`, code, close };
}
