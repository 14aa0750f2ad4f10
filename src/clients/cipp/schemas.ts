import { z } from "zod";

/**
 * What CIPP's API returns (reference cipp-and-peers §1), reduced to the fields ninja-bridge
 * reads. Unknown fields are dropped, never refused; a field we rely on that is missing or
 * mistyped fails the request with its path named.
 */

const optionalText = z.string().nullish();

function resultsOf(body: unknown): unknown {
  const list = typeof body === "object" && body !== null && !Array.isArray(body) && "Results" in body ? body.Results : body;
  return isNullList(list) ? [] : list;
}

/**
 * CIPP's PowerShell wraps its answer as `@($Body)`, and `@($null)` is a one-element array: an
 * empty list arrives as `[null]` (CIPP-API Invoke-ListTenants.ps1 ends with `Body = @($Body)`).
 */
function isNullList(list: unknown): boolean {
  return Array.isArray(list) && list.length === 1 && list[0] === null;
}

/**
 * Most List* endpoints answer a bare array; ListGraphRequest wraps it as `{Results, Metadata}`.
 * Both are accepted as the array, unwrapped before checking so a drift names the item's field;
 * `[null]` is the empty list.
 */
export function cippListOf<T extends z.ZodType>(item: T) {
  return z.preprocess(resultsOf, z.array(item));
}

export const tenantRowSchema = z.object({
  customerId: z.string(),
  defaultDomainName: z.string(),
  displayName: z.string(),
  initialDomainName: optionalText,
});
export type TenantRow = z.infer<typeof tenantRowSchema>;

/** A Graph `managedDevice` as ListDevices passes it through. */
export const managedDeviceSchema = z.object({
  id: z.string(),
  deviceName: z.string(),
  serialNumber: optionalText,
  complianceState: optionalText,
  azureADDeviceId: optionalText,
  operatingSystem: optionalText,
  osVersion: optionalText,
  manufacturer: optionalText,
  model: optionalText,
  userPrincipalName: optionalText,
  /** ISO 8601. */
  lastSyncDateTime: optionalText,
});
export type ManagedDeviceBody = z.infer<typeof managedDeviceSchema>;
