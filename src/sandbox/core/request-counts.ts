import type { ServiceName } from "../../services.js";

export type StatusClass = "1xx" | "2xx" | "3xx" | "4xx" | "5xx" | "dropped";

export interface RouteCount {
  total: number;
  byStatus: Partial<Record<StatusClass, number>>;
}

export interface ServiceCounts extends RouteCount {
  byRoute: Record<string, RouteCount>;
}

export interface RequestCounts {
  total: number;
  services: Record<ServiceName, ServiceCounts>;
}

export function statusClass(status: number | "dropped"): StatusClass {
  if (status === "dropped") return "dropped";
  const hundreds = Math.floor(status / 100);
  if (hundreds <= 1) return "1xx";
  if (hundreds >= 5) return "5xx";
  return `${hundreds}xx` as StatusClass;
}

function emptyService(): ServiceCounts {
  return { total: 0, byStatus: {}, byRoute: {} };
}

function bump(count: RouteCount, cls: StatusClass): void {
  count.total++;
  count.byStatus[cls] = (count.byStatus[cls] ?? 0) + 1;
}

/** Requests per service, per route template and per status class, for the control endpoint and benchmarks. */
export class RequestCounter {
  private counts: RequestCounts = RequestCounter.empty();

  private static empty(): RequestCounts {
    return { total: 0, services: { ninjaone: emptyService(), acronis: emptyService(), cipp: emptyService() } };
  }

  record(service: ServiceName, route: string, status: number | "dropped"): void {
    const cls = statusClass(status);
    const svc = this.counts.services[service];
    this.counts.total++;
    bump(svc, cls);
    const perRoute = (svc.byRoute[route] ??= { total: 0, byStatus: {} });
    bump(perRoute, cls);
  }

  /** A deep copy, safe to serialise or keep while counting goes on. */
  snapshot(): RequestCounts {
    return structuredClone(this.counts);
  }

  reset(): void {
    this.counts = RequestCounter.empty();
  }
}
