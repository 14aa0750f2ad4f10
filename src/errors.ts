import type { ServiceName } from "./services.js";
/**
 * One error hierarchy for the whole tool. Every error a user can meet is a BridgeError
 * that knows its exit code and what the user can do next; the CLI maps errors to exit
 * codes in one place (cli/render-error.ts) and nothing else decides an exit code.
 */

export const ExitCode = {
  ok: 0,
  failed: 1,
  usage: 2,
  partial: 3,
  drift: 4,
  locked: 75,
  /** A wait ran out of time before the awaited answer came (timeout(1)'s code). */
  timedOut: 124,
  /** Ctrl+C: the shell's code for SIGINT (128 + 2). */
  cancelled: 130,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export interface BridgeErrorOptions {
  /** What the user can do next, as one sentence. */
  hint?: string;
  cause?: unknown;
}

export class BridgeError extends Error {
  readonly exitCode: ExitCode = ExitCode.failed;
  readonly hint: string | undefined;

  constructor(message: string, options: BridgeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.hint = options.hint;
  }
}

/** Bad flags, arguments or an unknown command (exit 2). */
export class UsageError extends BridgeError {
  override readonly exitCode = ExitCode.usage;
}

/** A config or settings file, or a setting value, that cannot be used (exit 2). */
export class ConfigError extends BridgeError {
  override readonly exitCode = ExitCode.usage;
}

/** The state file is damaged, from a newer version, or cannot be written (exit 1). */
export class StateError extends BridgeError {}

/** Another run holds the state lock (exit 75). */
export class LockedError extends BridgeError {
  override readonly exitCode = ExitCode.locked;
}

/** Some items failed; the rest were applied and recorded (exit 3). */
export class PartialError extends BridgeError {
  override readonly exitCode = ExitCode.partial;
}

/** The person pressed Ctrl+C in a prompt (exit 130). The message says what was kept. */
export class CancelledError extends BridgeError {
  override readonly exitCode = ExitCode.cancelled;

  constructor(message = "cancelled, nothing changed", options: BridgeErrorOptions = {}) {
    super(message, options);
  }
}

/** A `check` found drift between what is recorded and what is live (exit 4). */
export class DriftError extends BridgeError {
  override readonly exitCode = ExitCode.drift;
}

/** Waiting for something outside (a ticket's approval) ran out of time before it came (exit 124). */
export class WaitTimeoutError extends BridgeError {
  override readonly exitCode = ExitCode.timedOut;
}

/** A credential could not be found or stored. */
export class CredentialError extends BridgeError {
  override readonly exitCode = ExitCode.usage;
}


export interface ApiErrorDetails extends BridgeErrorOptions {
  service: ServiceName | string;
  method: string;
  /** Path and query of the request, never the full URL with credentials. */
  path: string;
  status?: number;
  /** The vendor's request or incident id, when the response carried one. */
  requestId?: string;
  /** The vendor's error code (e.g. `invalid_scope`), when the body carried one. */
  code?: string;
}

/** Base of every error raised while talking to an API. */
export class ApiError extends BridgeError {
  readonly service: string;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;
  readonly code: string | undefined;

  constructor(message: string, details: ApiErrorDetails) {
    super(message, details);
    this.service = details.service;
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.requestId = details.requestId;
    this.code = details.code;
  }
}

/** 401, or a token request refused. */
export class AuthenticationError extends ApiError {}
/** 403: the credentials work but lack a permission or scope. */
export class PermissionError extends ApiError {}
export class NotFoundError extends ApiError {}
/** 409 or a stale version. */
export class ConflictError extends ApiError {}
/** 429 after every retry was used. */
export class RateLimitedError extends ApiError {}
/** 5xx after every retry was used. */
export class ServerError extends ApiError {}
/** Any other 4xx the API answered. */
export class RequestRejectedError extends ApiError {}
/** The response did not match the schema we expect (a schema drift). */
export class InvalidResponseError extends ApiError {}
/** Connection refused, reset, DNS failure or time-out. */
export class NetworkError extends ApiError {}
/**
 * The run's deadline came before this request could finish (or be retried): what landed
 * before it is recorded, the rest is left for the next run (exit 3).
 */
export class DeadlineError extends ApiError {
  override readonly exitCode = ExitCode.partial;
}
