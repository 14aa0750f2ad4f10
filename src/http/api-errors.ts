import { type ApiError, type ApiErrorDetails, AuthenticationError, ConflictError, InvalidResponseError, NetworkError, NotFoundError, PermissionError, RateLimitedError, RequestRejectedError, ServerError } from "../errors.js";
import { formatSeconds } from "./clock.js";
import type { NetworkFailure } from "./network-failure.js";
import type { VendorError } from "./vendor-error.js";

/** Turns a failed exchange into the typed error the user reads, with the vendor's words and a next step. */

export interface RequestRef {
  service: string;
  method: string;
  /** Path and query, already redacted. */
  path: string;
}

export interface StatusFailure {
  status: number;
  vendor: VendorError;
  requestId: string | undefined;
  attempts: number;
  /** Set when a retryable failure was not retried because the request may have been applied. */
  unsafeToRetry: boolean;
  /** Set when the server asked to wait longer than we are willing to. */
  retryAfterMs?: number;
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

const MAYBE_APPLIED = "it may or may not have been applied, so it was not retried";

function prefix(ref: RequestRef): string {
  return `${ref.service} ${ref.method} ${ref.path}`;
}

function vendorWords(vendor: VendorError): string {
  const { code, message } = vendor;
  if (message !== undefined && code !== undefined && !message.includes(code)) return `: ${message} (${code})`;
  if (message !== undefined) return `: ${message}`;
  return code === undefined ? "" : `: ${code}`;
}

function statusMessage(ref: RequestRef, failure: StatusFailure): string {
  const reason = REASONS[failure.status];
  let text = `${prefix(ref)}: ${failure.status}${reason === undefined ? "" : ` ${reason}`}${vendorWords(failure.vendor)}`;
  if (failure.unsafeToRetry) text += `; ${MAYBE_APPLIED}`;
  else if (failure.retryAfterMs !== undefined) text += `; the server asked to wait ${formatSeconds(failure.retryAfterMs)}, longer than allowed`;
  else if (failure.attempts > 1) text += ` (after ${failure.attempts} attempts)`;
  return text;
}

function maybeAppliedHint(ref: RequestRef): string {
  return `Check in ${ref.service} whether the ${ref.method} took effect before running again; a re-run reads the current state first.`;
}

export function errorForStatus(ref: RequestRef, failure: StatusFailure): ApiError {
  const message = statusMessage(ref, failure);
  const details: ApiErrorDetails = { ...ref, status: failure.status, requestId: failure.requestId, code: failure.vendor.code };
  const { status } = failure;
  if (status === 401) {
    return new AuthenticationError(message, {
      ...details,
      hint: `Re-run \`ninja-bridge auth login ${ref.service}\` to store working credentials.`,
    });
  }
  if (status === 403) {
    const hint =
      failure.vendor.code === "user_context_required"
        ? `This operation needs a token issued to a user: run \`ninja-bridge auth login ${ref.service}\` with the authorization-code flow.`
        : `Check that the ${ref.service} API client has the scopes and permissions this operation needs.`;
    return new PermissionError(message, { ...details, hint });
  }
  if (status === 404) return new NotFoundError(message, details);
  if (status === 409) {
    return new ConflictError(message, { ...details, hint: "Something changed it meanwhile; run again to re-read the current state." });
  }
  if (status === 429) {
    return new RateLimitedError(message, {
      ...details,
      hint: `Lower the request rate: \`ninja-bridge config set ${ref.service}.rateLimit <requests per second>\`.`,
    });
  }
  if (status >= 500) {
    const hint = failure.unsafeToRetry
      ? maybeAppliedHint(ref)
      : `The ${ref.service} API is failing; try again later, and quote the request id to its support if it persists.`;
    return new ServerError(message, { ...details, hint });
  }
  return new RequestRejectedError(message, details);
}

export function errorForNetwork(ref: RequestRef, failure: NetworkFailure, attempts: number, unsafeToRetry: boolean, cause: unknown, origin: string): NetworkError {
  // A request that never reached the server names where it went: a mistyped URL shows at once.
  let message = failure.maybeSent ? `${prefix(ref)}: ${failure.what}` : `${prefix(ref)}: could not reach ${origin} (${failure.what})`;
  if (unsafeToRetry) message += `; ${MAYBE_APPLIED}`;
  else if (attempts > 1) message += ` (after ${attempts} attempts)`;
  const hint = unsafeToRetry
    ? maybeAppliedHint(ref)
    : failure.what.startsWith("timed out")
      ? "Try again later, or raise the time-out: `ninja-bridge config set http.timeoutSeconds <seconds>`."
      : "Check the network connection, the service URL and any proxy settings (HTTPS_PROXY, NO_PROXY).";
  return new NetworkError(message, { ...ref, hint, cause });
}

export interface InvalidResponseRetry {
  /** Attempts made, the last included; more than one says the answer repeated. */
  attempts?: number;
  /** Set when a non-JSON answer to a write was not retried because the write may have been applied. */
  unsafeToRetry?: boolean;
}

export function errorForInvalidResponse(
  ref: RequestRef,
  status: number,
  requestId: string | undefined,
  problem: string,
  retry: InvalidResponseRetry = {},
): InvalidResponseError {
  let message = `${prefix(ref)}: response ${problem}`;
  if (retry.unsafeToRetry === true) message += `; ${MAYBE_APPLIED}`;
  else if ((retry.attempts ?? 1) > 1) message += ` (after ${retry.attempts} attempts)`;
  return new InvalidResponseError(message, {
    ...ref,
    status,
    requestId,
    hint:
      retry.unsafeToRetry === true
        ? maybeAppliedHint(ref)
        : `The ${ref.service} API answered in a shape ninja-bridge does not expect; re-run with --verbose and report it.`,
  });
}

function size(bytes: number): string {
  return bytes < 1_048_576 ? `${bytes} bytes` : `${(bytes / 1_048_576).toFixed(1)} MiB`;
}

/** A body cut off at the size limit: names the request, the limit and what was seen of the size. */
export function errorForOversizedBody(
  ref: RequestRef,
  status: number,
  limitBytes: number,
  seen: { bytesRead: number; declaredBytes: number | undefined },
): InvalidResponseError {
  const seenSize = seen.declaredBytes !== undefined ? `Content-Length ${size(seen.declaredBytes)}` : `cut off after ${size(seen.bytesRead)}`;
  return new InvalidResponseError(`${prefix(ref)}: response body is larger than the ${size(limitBytes)} limit (${seenSize})`, {
    ...ref,
    status,
    hint: "If answers this large are expected, raise the limit: `ninja-bridge config set http.maxResponseMegabytes <megabytes>`; otherwise re-run with --verbose and report it.",
  });
}
