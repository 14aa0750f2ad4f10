/** Per-service request statistics of one run, for `sync` summaries and benchmarks. */

export type StatusClass = "2xx" | "3xx" | "4xx" | "5xx" | "network";

export interface ServiceRequestStats {
  /** Requests sent, retries included. */
  requests: number;
  retries: number;
  byStatusClass: Record<StatusClass, number>;
  /** Time requests spent queued in the rate limiter (summed over requests). */
  rateLimitWaitMs: number;
}

function emptyStats(): ServiceRequestStats {
  return { requests: 0, retries: 0, byStatusClass: { "2xx": 0, "3xx": 0, "4xx": 0, "5xx": 0, network: 0 }, rateLimitWaitMs: 0 };
}

function statusClass(status: number): StatusClass {
  if (status >= 500) return "5xx";
  if (status >= 400) return "4xx";
  if (status >= 300) return "3xx";
  return "2xx";
}

export class RequestCounter {
  private readonly services = new Map<string, ServiceRequestStats>();
  private readonly listeners = new Set<() => void>();

  recordResponse(service: string, status: number): void {
    const stats = this.entry(service);
    stats.requests += 1;
    stats.byStatusClass[statusClass(status)] += 1;
    this.changed();
  }

  recordNetworkFailure(service: string): void {
    const stats = this.entry(service);
    stats.requests += 1;
    stats.byStatusClass.network += 1;
    this.changed();
  }

  recordRetry(service: string): void {
    this.entry(service).retries += 1;
    this.changed();
  }

  /** Calls `listener` after each recorded request or retry (a progress line redraws); returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  recordRateLimitWait(service: string, ms: number): void {
    this.entry(service).rateLimitWaitMs += ms;
  }

  /** A copy of one service's numbers (zeros when it made no request). */
  stats(service: string): ServiceRequestStats {
    return structuredClone(this.services.get(service) ?? emptyStats());
  }

  /**
   * What each service added since `baseline` (an earlier `snapshot()`), for the services
   * that sent a request since: one job's or one run's share of a counter shared by all.
   */
  since(baseline: Readonly<Record<string, ServiceRequestStats>>): Record<string, ServiceRequestStats> {
    const out: Record<string, ServiceRequestStats> = {};
    for (const [service, now] of this.services) {
      const before = baseline[service] ?? emptyStats();
      if (now.requests === before.requests) continue;
      const byStatusClass = { ...now.byStatusClass };
      for (const cls of Object.keys(byStatusClass) as StatusClass[]) byStatusClass[cls] -= before.byStatusClass[cls];
      out[service] = {
        requests: now.requests - before.requests,
        retries: now.retries - before.retries,
        byStatusClass,
        rateLimitWaitMs: now.rateLimitWaitMs - before.rateLimitWaitMs,
      };
    }
    return out;
  }

  /** A copy of every service's numbers. */
  snapshot(): Record<string, ServiceRequestStats> {
    return Object.fromEntries([...this.services].map(([service, stats]) => [service, structuredClone(stats)]));
  }

  reset(): void {
    this.services.clear();
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private entry(service: string): ServiceRequestStats {
    let stats = this.services.get(service);
    if (stats === undefined) {
      stats = emptyStats();
      this.services.set(service, stats);
    }
    return stats;
  }
}

/** The counter every client uses unless given its own, so one run adds up across clients. */
export const sharedRequestCounter = new RequestCounter();
