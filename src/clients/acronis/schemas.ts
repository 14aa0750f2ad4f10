import { z } from "zod";

/**
 * What the Acronis APIs return, reduced to the fields ninja-bridge reads (reference §2, §5, §6).
 * Unknown fields are dropped, never refused; a field we rely on that is missing or mistyped fails
 * the request with its path named.
 */

const optionalText = z.string().nullish();

/** `{items, paging:{cursors:{after?}}}`, the list envelope every Acronis API shares. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    paging: z.object({ cursors: z.object({ after: z.string().nullish() }).nullish() }).nullish(),
  });
}

export const apiClientSchema = z.object({ tenant_id: z.string() });

export const tenantSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  enabled: z.boolean(),
  version: z.number().int(),
  parent_id: optionalText,
  customer_id: optionalText,
  internal_tag: optionalText,
  pricing_mode: optionalText,
  /** RFC3339. */
  updated_at: optionalText,
});
export type TenantBody = z.infer<typeof tenantSchema>;

const attributeSchema = z.object({
  name: z.string(),
  kvs: z.array(z.object({ key: z.string(), value: z.unknown() })).nullish(),
});
export type AttributeBody = z.infer<typeof attributeSchema>;

export const resourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  type: z.string(),
  /** The numeric tenant id, as a string. */
  tenant_id: z.string(),
  agent_id: optionalText,
  updated_at: optionalText,
  attributes: z.array(attributeSchema).nullish(),
});
export type ResourceBody = z.infer<typeof resourceSchema>;
