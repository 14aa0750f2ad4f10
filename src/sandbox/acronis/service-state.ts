import type { SandboxRequest, SandboxResponse, ServiceContext } from "../contract.js";
import type { RegistrationToken } from "./agent-registration.js";
import type { AcronisApi } from "./error-bodies.js";
import type { AcronisStore } from "./store.js";
import type { TokenBook } from "../shared/token-book.js";

/** Behaviours the reference leaves UNVERIFIED, defaulting to the stricter choice. */
export interface AcronisOptions {
  /**
   * Add `serial_number` to a workload's `default` attributes. Off by default: no Acronis
   * example shows a serial number on a workload.
   */
  workloadSerials: boolean;
  /**
   * Add `tenant.uuid` to alerts. Off by default: only the connector guide's example shows it;
   * the Alert Manager's own schema has the numeric `id` and `locator` alone.
   */
  alertTenantUuid: boolean;
  /**
   * Answer `PUT /tenants/{id}/offering_items` with the tenant's items. Off by default: Acronis
   * documents the 200 but not its body, so the sandbox answers 200 with none.
   */
  offeringItemsEcho: boolean;
  /**
   * Match alert ids whatever their case (`GET`/`DELETE /alerts/{id}`, the `id` and `skip`
   * filters, a re-raise by id). Off by default: the reference says ids come in upper or lower
   * case and nothing says the server folds them, so an id is found only as it was given.
   */
  alertIdsAnyCase: boolean;
  /**
   * The unit the `created_at` / `updated_at` / `deleted_at` filters are read in. Default
   * `nanoseconds`, as documented; `microseconds` reads them as Acronis' own Python example
   * sends them (reference §4: which one the server accepts is UNVERIFIED).
   */
  alertTimeUnit: AlertTimeUnit;
}

export const ALERT_TIME_UNITS = ["nanoseconds", "microseconds"] as const;
export type AlertTimeUnit = (typeof ALERT_TIME_UNITS)[number];

export interface ApiClient {
  id: string;
  secret: string;
  name: string;
  tenantId: string;
}

/** What every Acronis route handler works on. */
export interface AcronisState {
  ctx: ServiceContext;
  store: AcronisStore;
  tokens: TokenBook;
  client: ApiClient;
  options: AcronisOptions;
  /** Registration tokens issued, by token (the token never leaves through control). */
  registrationTokens: Map<string, RegistrationToken>;
  /** Script runs already turned into agents, or found never to register one. */
  settledRuns: Set<number>;
  /** Status churns done through control, so the next one picks a new seeded sample. */
  churns: number;
}

export interface Route {
  method: string;
  template: string;
  api: AcronisApi;
  /** Answers without a bearer token (the token endpoint itself). */
  anonymous?: boolean;
  run(state: AcronisState, req: SandboxRequest, params: Record<string, string>, route: string): SandboxResponse;
}
