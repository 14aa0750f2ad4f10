/**
 * One 403 met by every action is one problem: the first failure with a given reason is
 * printed in full, the rest are counted and summed up once (issue 22: six identical 403s).
 */
export class RepeatedFailures {
  private readonly seen = new Map<string, number>();

  /** True the first time `reason` is met (print that one); later ones are only counted. */
  first(reason: string): boolean {
    const count = this.seen.get(reason) ?? 0;
    this.seen.set(reason, count + 1);
    return count === 0;
  }

  /** One line per reason met more than once, then starts afresh. */
  drain(): string[] {
    const lines = [...this.seen].filter(([, n]) => n > 1).map(([reason, n]) => `… and ${n - 1} more failed the same way: ${reason}`);
    this.seen.clear();
    return lines;
  }
}
