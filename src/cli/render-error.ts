import { ApiError, BridgeError, CancelledError, ExitCode } from "../errors.js";
import { isPromptExit, type Output } from "./io.js";

/**
 * The one place that turns an error into what the user reads and the exit code: what went
 * wrong, why (the cause chain), and what to do next. Stacks only with --verbose.
 */
export function renderError(thrown: unknown, out: Output): number {
  // A prompt asked outside io's door (src/auth) still ends as a cancel, not a crash.
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
