import { ApiError, BridgeError, CancelledError, ExitCode } from "../errors.js";
import { outcomeAtStop } from "../jobs/job.js";
import { isPromptExit, type Output } from "./io.js";

/**
 * The one place that turns an error into what the user reads and the exit code: what went
 * wrong, why (the cause chain), and what to do next. Stacks only with --verbose.
 */
/** The `error` object of a failed command's --json document: what failed, its exit code, what landed. */
export function errorJson(thrown: unknown): Record<string, unknown> {
  const error = isPromptExit(thrown) ? new CancelledError() : thrown;
  const known = error instanceof BridgeError;
  const causes: string[] = [];
  for (let cause = error instanceof Error ? error.cause : undefined; cause !== undefined; cause = cause instanceof Error ? cause.cause : undefined) {
    causes.push(cause instanceof Error ? cause.message : String(cause));
  }
  const touched = outcomeAtStop(error)?.counts;
  return {
    message: error instanceof Error ? error.message : String(error),
    exitCode: known ? error.exitCode : ExitCode.failed,
    kind: known ? error.name : "unexpected",
    ...(known && error.hint ? { hint: error.hint } : {}),
    ...(causes.length > 0 ? { causes } : {}),
    ...(error instanceof ApiError ? { request: { service: error.service, method: error.method, path: error.path, status: error.status ?? null, requestId: error.requestId ?? null } } : {}),
    ...(touched === undefined ? {} : { touched }),
  };
}

export function renderError(thrown: unknown, out: Output): number {
  // A prompt asked outside io's door still ends as a cancel, not a crash.
  const error = isPromptExit(thrown) ? new CancelledError() : thrown;
  const known = error instanceof BridgeError;
  const message = error instanceof Error ? error.message : String(error);
  out.failure(known ? message : `unexpected error: ${message}`);
  if (error instanceof ApiError) {
    const where = [`${error.service} ${error.method} ${error.path}`];
    if (error.status !== undefined) where.push(`HTTP ${error.status}`);
    if (error.requestId) where.push(`request id ${error.requestId}`);
    out.err(`  while calling ${where.join(", ")}`);
  }
  for (let cause = error instanceof Error ? error.cause : undefined; cause !== undefined; ) {
    const text = cause instanceof Error ? cause.message : String(cause);
    if (text && text !== message) out.err(`  caused by: ${text}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  if (known && error.hint) out.err(`  → ${error.hint}`);
  if (!known) out.err("  → re-run with --verbose for details, and report it if it persists");
  if (out.verbose && error instanceof Error && error.stack) out.err(out.paint("2", error.stack));
  return known ? error.exitCode : ExitCode.failed;
}
