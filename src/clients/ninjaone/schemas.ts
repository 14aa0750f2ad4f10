import { z } from "zod";

/**
 * What NinjaOne returns, reduced to the fields ninja-bridge reads (reference §3–§5). The spec
 * marks no field required, so only what every record must carry for us to use it is required;
 * the rest is optional and nullable. Unknown fields are dropped, never refused.
 */

const optionalText = z.string().nullish();

export const organizationSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  description: optionalText,
});
export type OrganizationBody = z.infer<typeof organizationSchema>;

/** `system` of an agent device ([SPEC ComputerSystem]); MDM devices have no biosSerialNumber. */
const deviceSystemSchema = z.object({
  serialNumber: optionalText,
  biosSerialNumber: optionalText,
  manufacturer: optionalText,
  model: optionalText,
  virtualMachine: z.boolean().nullish(),
});

export const detailedDeviceSchema = z.object({
  id: z.number().int(),
  organizationId: z.number().int(),
  // An open enum: newer instances add classes (AOSP), so any string is accepted.
  nodeClass: z.string(),
  /** The device role: which role custom fields the device has. */
  nodeRoleId: z.number().int().nullish(),
  displayName: optionalText,
  systemName: optionalText,
  dnsName: optionalText,
  offline: z.boolean().nullish(),
  /** Epoch seconds as a float. */
  lastContact: z.number().nullish(),
  system: deviceSystemSchema.nullish(),
  os: z.object({ name: optionalText }).nullish(),
});
export type DetailedDeviceBody = z.infer<typeof detailedDeviceSchema>;

const fieldOptionSchema = z.object({
  id: z.string(),
  name: z.string(),
  active: z.boolean().nullish(),
});

export const customFieldDefinitionSchema = z.object({
  name: z.string(),
  label: optionalText,
  description: optionalText,
  type: z.string(),
  definitionScope: z.array(z.string()).nullish(),
  /** Deprecated by NinjaOne but still sent: NODE_GLOBAL, NODE_ROLE or NODE_CLASS (reference §5). */
  scope: z.string().nullish(),
  apiPermission: z.string(),
  /** NONE, READ_ONLY, WRITE_ONLY or READ_WRITE: whether scripts on devices can read the field. */
  scriptPermission: optionalText,
  technicianPermission: optionalText,
  active: z.boolean().nullish(),
  system: z.boolean().nullish(),
  content: z.object({ values: z.array(fieldOptionSchema).nullish() }).nullish(),
});
export type CustomFieldDefinitionBody = z.infer<typeof customFieldDefinitionSchema>;
