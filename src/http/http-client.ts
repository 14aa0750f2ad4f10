import type { Dispatcher } from "undici";
import type { z } from "zod";
import { type Logger, silentLogger } from "../log.js";
import { type RequestRef, errorForInvalidResponse, errorForNetwork, errorForOversizedBody, errorForStatus } from "./api-errors.js";
import { type Now, type Sleep, formatSeconds, realSleep, systemNow } from "./clock.js";
import { type Deadline, errorForDeadline } from "./deadline.js";
import { sharedDispatcher } from "./dispatcher.js";
import { type NetworkFailure, classifyNetworkError } from "./network-failure.js";
import { type FormFields, type Query, encodeForm, encodeQuery } from "./query.js";
import { RateLimiter } from "./rate-limiter.js";
import { type SecretSource, Redactor } from "./redact.js";
import { type RequestCounter, sharedRequestCounter } from "./request-counter.js";
import { describeSchemaMismatch, isHtmlContent, isJsonContent, readBody, readTextWithin } from "./response-body.js";
import { DEFAULT_RETRY, RETRYABLE_STATUSES, type RetryDecision, type RetryOptions, decideRetry, isIdempotentMethod, parseRetryAfter } from "./retry-policy.js";
import type { TokenProvider } from "./token-provider.js";
import { UserAgent } from "./user-agent.js";
import { requestIdFrom, vendorErrorFrom } from "./vendor-error.js";

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS";

export interface HttpClientOptions {
  /** Names the service in errors, logs and counters: `ninjaone`, `acronis`, `cipp`. */
  service: string;
  /** Origin plus any path prefix; a trailing slash is ignored. */
  baseUrl: string;
  tokenProvider?: TokenProvider;
  /** A limiter to share, or requests per second for a new one. Default: no spacing (429 pauses still apply). */
  rateLimit?: RateLimiter | number;
  retry?: Partial<RetryOptions>;
  /** Per attempt, response body included. Default 30 s. */
  timeoutMs?: number;
  /** Largest response body read, counted as it arrives; a larger one is an error naming the request. Default 64 MiB. */
  maxResponseBytes?: number;
  /** The run's overall budget: no attempt, retry wait or rate-limit pause runs past it. */
  deadline?: Deadline;
  logger?: Logger;
  counter?: RequestCounter;
  dispatcher?: Dispatcher;
  userAgent?: string;
  /** Secret strings to mask in every logged line and error message. */
  redact?: SecretSource;
  sleep?: Sleep;
  /** Uniform in [0, 1), for backoff jitter. */
  random?: () => number;
  now?: Now;
}

export interface RequestOptions {
  method: HttpMethod;
  /** Path under the base URL, starting with `/`; segments already encoded. */
  path: string;
  query?: Query;
  json?: unknown;
  form?: FormFields;
  /** A body already encoded, with its content type (a multipart upload). */
  body?: { text: string; contentType: string };
  headers?: Readonly<Record<string, string>>;
  /** Marks a POST or PATCH as safe to repeat (a token request, a search). */
  idempotent?: boolean;
  /** Send the bearer token. Default true when the client has a token provider. */
  auth?: boolean;
  /** Statuses that count as success. Default: any 2xx. */
  expectedStatus?: readonly number[];
}

export interface HttpResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

type Attempt =
  | { kind: "response"; status: number; headers: Headers; text: string }
  | { kind: "too-large"; status: number; bytesRead: number; declaredBytes: number | undefined }
  | { kind: "network"; failure: NetworkFailure; error: unknown; cutByDeadline: boolean };

type Answer = Extract<Attempt, { kind: "response" }>;

/** A 2xx body read as asked, or why it is not the JSON that was expected. */
type SuccessBody = { ok: true; response: HttpResponse<unknown> } | { ok: false; problem: string; requestId: string | undefined };

const MAX_LOGGED_BODY = 2_000;

/**
 * The biggest 1,000-item page we read is devices-detailed. The reference's example device is
 * under 1 KB; a live agent device with its volumes, processors and addresses is larger, and we
 * allow 10 KB for a server with many disks (an estimate: no live page measured), so 10 MB a page
 * at worst. 64 MiB leaves six times that, and still stops a runaway answer (a server ignoring
 * pageSize on a 200,000-organization tenant) long before memory runs out.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1_048_576;

/**
 * One service's HTTP client: bearer tokens with refresh-once on 401, retries where repeating
 * is safe, a shared rate limit, time-outs, schema-checked responses and typed errors.
 */
export class HttpClient {
  readonly service: string;
  readonly baseUrl: string;
  readonly rateLimiter: RateLimiter;
  private readonly tokenProvider: TokenProvider | undefined;
  private readonly retry: RetryOptions;
  private readonly timeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly deadline: Deadline | undefined;
  private readonly logger: Logger;
  private readonly counter: RequestCounter;
  private readonly dispatcher: Dispatcher | undefined;
  private readonly userAgent: string;
  private readonly redactor: Redactor;
  private readonly sleep: Sleep;
  private readonly random: () => number;
  private readonly now: Now;
  /** The latest `Date` header this service sent, and the local time it arrived. */
  private lastDate: { serviceMs: number; localMs: number } | undefined;

  constructor(options: HttpClientOptions) {
    this.service = options.service;
    this.baseUrl = new URL(options.baseUrl).href.replace(/\/+$/, "");
    this.tokenProvider = options.tokenProvider;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.deadline = options.deadline;
    this.logger = options.logger ?? silentLogger;
    this.counter = options.counter ?? sharedRequestCounter;
    this.dispatcher = options.dispatcher;
    this.userAgent = options.userAgent ?? UserAgent;
    this.redactor = new Redactor(options.redact);
    this.sleep = options.sleep ?? realSleep;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? systemNow;
    this.rateLimiter =
      options.rateLimit instanceof RateLimiter
        ? options.rateLimit
        : new RateLimiter(options.rateLimit ?? Infinity, { now: this.now, sleep: this.sleep });
  }

  /**
   * The service's own clock now: its latest `Date` header plus the local time since it came.
   * Undefined until an answer carried a readable one. Good to about a second (RFC 9110 dates
   * name whole seconds), which is fine for what reads it: windows of hours and days.
   */
  serviceNow(): Date | undefined {
    if (this.lastDate === undefined) return undefined;
    return new Date(this.lastDate.serviceMs + (this.now() - this.lastDate.localMs));
  }

  /** The response body, validated by `schema` when given. */
  request<T>(options: RequestOptions & { schema: z.ZodType<T> }): Promise<T>;
  request(options: RequestOptions): Promise<unknown>;
  async request(options: RequestOptions & { schema?: z.ZodType }): Promise<unknown> {
    return (await this.send(options)).body;
  }

  /** Like `request`, with the status and headers (a `Location`, a paging header). */
  send<T>(options: RequestOptions & { schema: z.ZodType<T> }): Promise<HttpResponse<T>>;
  send(options: RequestOptions): Promise<HttpResponse<unknown>>;
  async send(options: RequestOptions & { schema?: z.ZodType }): Promise<HttpResponse<unknown>> {
    const method = options.method.toUpperCase();
    const pathAndQuery = `${options.path.startsWith("/") ? "" : "/"}${options.path}${encodeQuery(options.query)}`;
    const url = `${this.baseUrl}${pathAndQuery}`;
    const { redactor } = this;
    // Masked only when an error or a log line reads it: most requests never need it.
    const ref: RequestRef = {
      service: this.service,
      method,
      get path() {
        return redactor.text(pathAndQuery);
      },
    };
    const idempotent = options.idempotent ?? isIdempotentMethod(method);
    const useToken = (options.auth ?? true) && this.tokenProvider !== undefined;
    const body = encodeBody(options);
    let failures = 0;
    let tokenRefreshed = false;

    for (;;) {
      const token = useToken ? await this.tokenProvider?.getToken() : undefined;
      if (token !== undefined) this.redactor.add(token);
      const headers = this.headersFor(options.headers, token, body?.contentType);
      const pauseMs = this.rateLimiter.resumesAt - this.now();
      this.checkDeadline(ref, pauseMs, pauseMs > 0 ? `the service asked for a ${formatSeconds(pauseMs)} pause, past it` : undefined);
      const waited = await this.rateLimiter.acquire();
      if (waited > 0) this.counter.recordRateLimitWait(this.service, waited);
      this.checkDeadline(ref, 0);

      const attempt = await this.attempt(method, url, headers, body?.text);

      if (attempt.kind === "network") {
        failures += 1;
        const { failure } = attempt;
        const safeToRepeat = idempotent || !failure.maybeSent;
        if (attempt.cutByDeadline && this.deadline !== undefined) throw errorForDeadline(ref, this.deadline, "the request in flight was cut", !safeToRepeat);
        const unreachable = !failure.maybeSent;
        const decision = this.decide(failures, undefined, false, unreachable);
        if (failure.retryable && safeToRepeat && decision.retry) {
          await this.backOff(ref, failure.what, decision.delayMs, failures, false, unreachable);
          continue;
        }
        throw errorForNetwork(ref, failure, failures, failure.retryable && !safeToRepeat, attempt.error, new URL(this.baseUrl).origin);
      }

      // The same request would bring the same body again: repeating it only costs time.
      if (attempt.kind === "too-large") throw errorForOversizedBody(ref, attempt.status, this.maxResponseBytes, attempt);

      const { status } = attempt;
      if (status === 401 && token !== undefined && !tokenRefreshed) {
        // A 401 means nothing was done, so even a POST may go again, once, with a new token.
        this.tokenProvider?.invalidate(token);
        tokenRefreshed = true;
        this.counter.recordRetry(this.service);
        this.logger.debug(`↻ 401 on ${this.service} ${method} ${pathOf(url)}, retrying once with a new token`);
        continue;
      }

      const expected = options.expectedStatus?.includes(status) ?? (status >= 200 && status < 300);
      if (expected) {
        const read = this.success(ref, attempt, options.schema);
        if (read.ok) return read.response;
        // An HTML page or broken JSON in place of the API's answer comes from a proxy, a gateway or
        // a throttle in front of the API (reference ninjaone-api.md §9): worth repeating where safe.
        failures += 1;
        const decision = this.decide(failures, undefined, true);
        if (idempotent && decision.retry) {
          await this.backOff(ref, "a non-JSON answer", decision.delayMs, failures, true);
          continue;
        }
        throw errorForInvalidResponse(ref, status, read.requestId, read.problem, { attempts: failures, unsafeToRetry: !idempotent });
      }
      if (status >= 200 && status < 300) {
        const wanted = options.expectedStatus?.join(" or ") ?? "2xx";
        throw errorForInvalidResponse(ref, status, requestIdFrom(attempt.headers, {}), `status ${status}, expected ${wanted}`);
      }

      if (RETRYABLE_STATUSES.has(status)) {
        failures += 1;
        const retryAfterMs = parseRetryAfter(attempt.headers.get("retry-after"), this.now());
        const decision = this.decide(failures, retryAfterMs, status !== 429);
        // The server speaks for the whole service: hold every request, not just this one.
        if (status === 429) this.rateLimiter.pause(retryAfterMs ?? (decision.retry ? decision.delayMs : 0));
        if (idempotent && decision.retry) {
          await this.backOff(ref, String(status), decision.delayMs, failures, status !== 429);
          continue;
        }
        throw this.statusError(ref, attempt, failures, {
          // A 429 was refused before any work; other retryable statuses may hide a half-done write.
          unsafeToRetry: !idempotent && status !== 429,
          retryAfterMs: !decision.retry && decision.reason === "retry-after-too-long" ? decision.retryAfterMs : undefined,
        });
      }
      throw this.statusError(ref, attempt, failures + 1, { unsafeToRetry: false, retryAfterMs: undefined });
    }
  }

  private async attempt(method: string, url: string, headers: Record<string, string>, body: string | undefined): Promise<Attempt> {
    const started = this.now();
    const tracing = this.logger.debugs !== false;
    if (tracing) {
      this.logger.debug(`→ ${method} ${this.redactor.text(url)}`);
      this.logger.debug(`  headers: ${Object.entries(this.redactor.headers(headers)).map(([k, v]) => `${k}: ${v}`).join("; ")}`);
      if (body !== undefined) this.logger.debug(`  body: ${truncate(this.redactor.text(body))}`);
    }
    // One limit for the whole exchange, body included: a server trickling bytes cannot hold it longer.
    const limitMs = Math.min(this.timeoutMs, this.deadline?.remainingMs() ?? Infinity);
    // A timer of our own, cleared once the answer is read: AbortSignal.timeout's lives its whole
    // 30 s and keeps the exchange reachable until then, about 20,000 of them at 700 writes/s.
    const controller = new AbortController();
    const { signal } = controller;
    const timer = setTimeout(() => controller.abort(new DOMException("The operation was aborted due to timeout", "TimeoutError")), Math.max(0, limitMs));
    timer.unref();
    try {
      const response = await fetch(url, {
        method,
        headers,
        body,
        signal,
        // A redirect is an error (network-failure.ts), and with window null as well fetch skips
        // copying the request, which tees every write's body into two streams (issue 21).
        redirect: "error",
        window: null,
        // Node's bundled fetch types its own copy of undici's Dispatcher; the npm one is call-compatible.
        dispatcher: (this.dispatcher ?? sharedDispatcher()) as unknown as RequestInit["dispatcher"],
      });
      const read = await readTextWithin(response, this.maxResponseBytes);
      const dateMs = Date.parse(response.headers.get("date") ?? "");
      // The header names a whole second: the middle of it halves the error of reading its start.
      if (!Number.isNaN(dateMs)) this.lastDate = { serviceMs: dateMs + 500, localMs: this.now() };
      this.counter.recordResponse(this.service, response.status);
      if (tracing) this.logger.debug(`← ${response.status} ${method} ${this.redactor.text(pathOf(url))} ${this.now() - started} ms`);
      if (!read.ok) return { kind: "too-large", status: response.status, bytesRead: read.bytesRead, declaredBytes: read.declaredBytes };
      return { kind: "response", status: response.status, headers: response.headers, text: read.text };
    } catch (error) {
      const failure = classifyNetworkError(error, signal.aborted ? limitMs : undefined);
      this.counter.recordNetworkFailure(this.service);
      if (tracing) this.logger.debug(`← ✗ ${method} ${this.redactor.text(pathOf(url))} ${this.redactor.text(failure.what)} ${this.now() - started} ms`);
      return { kind: "network", failure, error, cutByDeadline: signal.aborted && limitMs < this.timeoutMs };
    } finally {
      clearTimeout(timer);
    }
  }

  /** The body of an expected answer; a schema that does not match is thrown, as repeating would not change it. */
  private success(ref: RequestRef, attempt: Answer, schema: z.ZodType | undefined): SuccessBody {
    const contentType = attempt.headers.get("content-type");
    const requestId = requestIdFrom(attempt.headers, {});
    const parsed = readBody(attempt.text, contentType);
    if (!parsed.ok) return { ok: false, problem: parsed.problem, requestId };
    // A schema wants JSON; and no API answers a success with a web page, even where no body was
    // expected (a 204 write): that page is a proxy's or a throttle's, and the request may never
    // have reached the API.
    const notTheAnswer = schema !== undefined ? !isJsonContent(contentType) : isHtmlContent(contentType);
    if (parsed.value !== undefined && notTheAnswer) {
      return { ok: false, problem: `is ${contentType}, not JSON: ${this.redactor.text(vendorErrorFrom(parsed.value).message ?? "")}`, requestId };
    }
    if (schema === undefined) return { ok: true, response: { status: attempt.status, headers: attempt.headers, body: parsed.value } };
    const checked = schema.safeParse(parsed.value);
    if (!checked.success) throw errorForInvalidResponse(ref, attempt.status, requestId, describeSchemaMismatch(checked.error));
    return { ok: true, response: { status: attempt.status, headers: attempt.headers, body: checked.data } };
  }

  /** Attempts allowed for this kind of failure: fewer when the server itself failed (5xx, not JSON). */
  private attemptsFor(serverFault: boolean, unreachable = false): number {
    if (serverFault) return Math.min(this.retry.maxAttempts, this.retry.maxServerErrorAttempts);
    return unreachable ? Math.min(this.retry.maxAttempts, this.retry.maxUnreachableAttempts) : this.retry.maxAttempts;
  }

  private decide(failures: number, retryAfterMs: number | undefined, serverFault: boolean, unreachable = false): RetryDecision {
    return decideRetry(failures, retryAfterMs, { ...this.retry, maxAttempts: this.attemptsFor(serverFault, unreachable) }, this.random);
  }

  private statusError(
    ref: RequestRef,
    attempt: Answer,
    attempts: number,
    flags: { unsafeToRetry: boolean; retryAfterMs: number | undefined },
  ): Error {
    const parsed = readBody(attempt.text, attempt.headers.get("content-type"));
    const vendor = vendorErrorFrom(parsed.ok ? parsed.value : attempt.text);
    if (vendor.message !== undefined) vendor.message = this.redactor.text(vendor.message);
    return errorForStatus(ref, {
      status: attempt.status,
      vendor,
      requestId: requestIdFrom(attempt.headers, vendor),
      attempts,
      unsafeToRetry: flags.unsafeToRetry,
      ...(flags.retryAfterMs === undefined ? {} : { retryAfterMs: flags.retryAfterMs }),
    });
  }

  /** Throws when the deadline has passed, or would pass during a wait of `waitMs` (a backoff, a Retry-After, a 429 pause). */
  private checkDeadline(ref: RequestRef, waitMs: number, what?: string): void {
    if (this.deadline === undefined) return;
    if (waitMs > 0 ? this.deadline.cuts(waitMs) : this.deadline.passed()) throw errorForDeadline(ref, this.deadline, what, false);
  }

  private async backOff(ref: RequestRef, what: string, delayMs: number, failures: number, serverFault: boolean, unreachable = false): Promise<void> {
    this.checkDeadline(ref, delayMs, `${what}; waiting ${formatSeconds(delayMs)} to retry would pass it`);
    this.counter.recordRetry(this.service);
    this.logger.info(
      `↻ ${what} on ${ref.service} ${ref.method} ${pathOf(this.baseUrl + ref.path)}, retrying in ${formatSeconds(delayMs)} (attempt ${failures + 1}/${this.attemptsFor(serverFault, unreachable)})`,
    );
    await this.sleep(delayMs);
  }

  private headersFor(extra: RequestOptions["headers"], token: string | undefined, contentType: string | undefined): Record<string, string> {
    const headers: Record<string, string> = { accept: "application/json", "user-agent": this.userAgent };
    if (contentType !== undefined) headers["content-type"] = contentType;
    if (token !== undefined) headers.authorization = `Bearer ${token}`;
    for (const [name, value] of Object.entries(extra ?? {})) headers[name.toLowerCase()] = value;
    return headers;
  }
}

function encodeBody(options: RequestOptions): { text: string; contentType: string } | undefined {
  if ([options.json, options.form, options.body].filter((b) => b !== undefined).length > 1) {
    throw new TypeError("a request has one body: json, form or an encoded body");
  }
  if (options.body !== undefined) return options.body;
  if (options.json !== undefined) return { text: JSON.stringify(options.json), contentType: "application/json" };
  if (options.form !== undefined) return { text: encodeForm(options.form), contentType: "application/x-www-form-urlencoded" };
  return undefined;
}

function pathOf(url: string): string {
  return new URL(url).pathname;
}

function truncate(text: string): string {
  return text.length > MAX_LOGGED_BODY ? `${text.slice(0, MAX_LOGGED_BODY)}… (${text.length} characters)` : text;
}
