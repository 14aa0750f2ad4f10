/**
 * The sandbox's clock: real (or injected) time plus an offset that only moves forward, so
 * tests can make tokens expire or "N days later" arrive without waiting.
 */
export interface SandboxClock {
  /** Milliseconds since the epoch, including every advance. */
  now(): number;
  /** Moves the clock forward; returns the new time. */
  advance(seconds: number): number;
  /** Total seconds the clock has been advanced. */
  offsetSeconds(): number;
}

export function createSandboxClock(base: () => number = Date.now): SandboxClock {
  let offsetMs = 0;
  return {
    now: () => base() + offsetMs,
    advance(seconds: number): number {
      if (!Number.isFinite(seconds) || seconds < 0) throw new RangeError(`cannot advance the clock by ${seconds} s`);
      offsetMs += Math.round(seconds * 1000);
      return base() + offsetMs;
    },
    offsetSeconds: () => offsetMs / 1000,
  };
}
