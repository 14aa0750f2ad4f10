import { z } from "zod";

/**
 * What CIPP's API returns (reference cipp-and-peers §1), reduced to the fields ninja-bridge
 * reads. Unknown fields are dropped, never refused; a field we rely on that is missing or
 * mistyped fails the request with its path named.
 */

const optionalText = z.string().nullish();

function resultsOf(body: unknown): unknown {
  if (typeof body === "object" && body !== null && !Array.isArray(body) && "Results" in body) return body.Results;
  return body;
}

/**
 * Most List* endpoints answer a bare array; ListGraphRequest wraps it as `{Results, Metadata}`.
 * Both are accepted as the array, unwrapped before checking so a drift names the item's field.
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
