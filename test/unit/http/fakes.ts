import type { Logger } from "../../../src/log.js";

/** A clock whose sleeps return at once and move time forward, recording each wait. */
export function fakeClock(start = Date.UTC(2025, 0, 1)) {
  let time = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    // Time moves once the caller has yielded, as with a real timer, not during the call.
    sleep: async (ms: number) => {
      sleeps.push(ms);
      await Promise.resolve();
      time += ms;
    },
    advance(ms: number) {
      time += ms;
    },
  };
}

/** A logger that keeps every line, tagged with its level. */
export function recordingLogger() {
  const lines: string[] = [];
  const logger: Logger = {
    debug: (message) => lines.push(`debug ${message}`),
    info: (message) => lines.push(`info ${message}`),
    warn: (message) => lines.push(`warn ${message}`),
  };
  return { logger, lines };
}
