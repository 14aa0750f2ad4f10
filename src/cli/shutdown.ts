/**
 * Ctrl+C and a service manager's SIGTERM. A command that serves until stopped (the
 * sandbox) waits for the signal and shuts down cleanly; any other command is ended at once
 * through process.exit, so exit hooks (the state lock's release) still run.
 */
const waiting = new Set<(signal: NodeJS.Signals) => void>();

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

export function installSignalHandlers(): void {
  for (const signal of Object.keys(EXIT_CODES) as Array<keyof typeof EXIT_CODES>) {
    process.on(signal, () => {
      if (waiting.size === 0) process.exit(EXIT_CODES[signal]);
      for (const resolve of waiting) resolve(signal);
      waiting.clear();
    });
  }
}

/** Resolves on the next SIGINT or SIGTERM. */
export function waitForShutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => waiting.add(resolve));
}
