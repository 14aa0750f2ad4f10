import { formatSeconds } from "./clock.js";

/** What a thrown fetch error means: is it worth repeating, and could the server have acted on it. */

export interface NetworkFailure {
  /** Short words for messages and logs: `ECONNRESET`, `timed out after 30 s`. */
  what: string;
  retryable: boolean;
  /** False when the request certainly never reached the server (refused, unknown host). */
  maybeSent: boolean;
}

const NOT_SENT_RETRYABLE = new Set(["ECONNREFUSED", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT", "ENETUNREACH", "EHOSTUNREACH"]);
const NOT_SENT_FINAL = new Set(["ENOTFOUND", "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "ERR_TLS_CERT_ALTNAME_INVALID"]);
const SENT_RETRYABLE = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET", "UND_ERR_CLOSED", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);
const HANG_UP = /socket hang up|other side closed|connection reset/i;

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  cause?: unknown;
}

// fetch wraps the socket error as `TypeError: fetch failed` with the real one in `cause`.
function chain(error: unknown): ErrorLike[] {
  const out: ErrorLike[] = [];
  let current: unknown = error;
  while (typeof current === "object" && current !== null && out.length < 8) {
    out.push(current as ErrorLike);
    current = (current as ErrorLike).cause;
  }
  return out;
}

export function classifyNetworkError(error: unknown, timedOutAfterMs?: number): NetworkFailure {
  if (timedOutAfterMs !== undefined) {
    return { what: `timed out after ${formatSeconds(timedOutAfterMs)}`, retryable: true, maybeSent: true };
  }
  const links = chain(error);
  for (const link of links) {
    const code = typeof link.code === "string" ? link.code : undefined;
    if (code === undefined) continue;
    if (NOT_SENT_RETRYABLE.has(code)) return { what: code, retryable: true, maybeSent: false };
    if (NOT_SENT_FINAL.has(code)) return { what: code, retryable: false, maybeSent: false };
    if (SENT_RETRYABLE.has(code)) return { what: code, retryable: true, maybeSent: true };
  }
  const messages = links.map((link) => (typeof link.message === "string" ? link.message : "")).filter(Boolean);
  // Requests go with redirect "error" (http-client.ts): no API of the reference redirects, so a
  // redirect means a wrong URL; following it would also send a write's body on to another place.
  if (messages.includes("unexpected redirect")) return { what: "answered with a redirect, which the API never does", retryable: false, maybeSent: true };
  const hangUp = messages.find((m) => HANG_UP.test(m));
  if (hangUp !== undefined) return { what: hangUp, retryable: true, maybeSent: true };
  return { what: messages.at(-1) ?? String(error), retryable: false, maybeSent: true };
}
