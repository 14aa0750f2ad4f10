import { setTimeout as delay } from "node:timers/promises";

/** Time as the HTTP layer sees it; tests inject both to run retries and rate limits instantly. */
export type Now = () => number;
export type Sleep = (ms: number) => Promise<void>;

export const systemNow: Now = () => Date.now();
export const realSleep: Sleep = (ms) => delay(ms);

/** `2.0 s`: how waits and time-outs read in logs and messages. */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
