/**
 * The logger every layer below the CLI receives. The CLI decides where it writes and what
 * it shows (verbose, quiet, TTY); clients and jobs only call it.
 */
export interface Logger {
  /** Request logs and other detail shown only with --verbose. */
  debug(message: string): void;
  /**
   * False when debug lines go nowhere, so a caller may skip building them: masking secrets in
   * every request's log lines was about a tenth of what a 41,000-write sync allocated (issue 21).
   */
  readonly debugs?: boolean;
  /** Progress and notices: on a TTY, or with --verbose. */
  info(message: string): void;
  /** Always shown on stderr, also under --quiet. */
  warn(message: string): void;
}

export const silentLogger: Logger = {
  debug() {},
  debugs: false,
  info() {},
  warn() {},
};
