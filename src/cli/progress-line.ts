import type { RequestCounter } from "../http/index.js";
import type { Output } from "./io.js";

/**
 * One line on stderr, rewritten in place, for a person watching a long run: items done,
 * requests sent, and how many are waiting on a rate limit. Only on a TTY and never with
 * --quiet, so cron mail and pipes get none of it. Redraws as requests land (at most a few
 * times a second), so a long read shows its requests climbing, not "0 requests".
 */
export class ProgressLine {
  private label = "";
  private done = 0;
  private total = 0;
  private lastDraw = 0;
  private shown = false;
  private readonly timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: (() => void) | undefined;

  constructor(
    private readonly out: Output,
    private readonly counter: RequestCounter,
    private readonly enabled: boolean,
    private readonly now: () => number = Date.now,
  ) {
    // Reads change nothing in done/total: each request redraws the line (throttled), and a
    // slow tick catches the last one a throttled redraw skipped, and rate-limit waits.
    this.unsubscribe = enabled ? counter.onChange(() => this.draw(false)) : undefined;
    this.timer = enabled ? setInterval(() => this.draw(true), 1000) : undefined;
    this.timer?.unref();
  }

  start(label: string): void {
    this.label = label;
    this.done = 0;
    this.total = 0;
    this.draw(true);
  }

  update(done: number, total: number): void {
    this.done = done;
    this.total = total;
    this.draw(false);
  }

  /** Removes the line, so the next message starts on a clean line. */
  clear(): void {
    if (!this.enabled || !this.shown) return;
    this.out.io.stderr.write("\r\u001b[K");
    this.shown = false;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.unsubscribe?.();
    this.clear();
  }

  private draw(force: boolean): void {
    if (!this.enabled || this.label === "") return;
    const now = this.now();
    if (!force && now - this.lastDraw < 200) return;
    this.lastDraw = now;
    const stats = Object.values(this.counter.snapshot());
    const requests = stats.reduce((n, s) => n + s.requests, 0);
    const retries = stats.reduce((n, s) => n + s.retries, 0);
    const items = this.total > 0 ? ` ${this.done}/${this.total}` : " reading…";
    const line = `${this.label}${items} · ${requests} requests${retries > 0 ? ` · ${retries} retried` : ""}`;
    this.out.io.stderr.write(`\r\u001b[K${line.slice(0, Math.max(20, (this.out.io.stderr.columns || 80) - 1))}`);
    this.shown = true;
  }
}
