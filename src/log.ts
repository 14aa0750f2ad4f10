/**
 * The logger every layer below the CLI receives. The CLI decides where it writes and what
 * it shows (verbose, quiet, TTY); clients and jobs only call it.
 */
export interface Logger {
  /** Request logs and other detail shown only with --verbose. */
  debug(message: string): void;
  /** Progress and notices: on a TTY, or with --verbose. */
  info(message: string): void;
  /** Always shown on stderr, also under --quiet. */
  warn(message: string): void;
}

export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
};
