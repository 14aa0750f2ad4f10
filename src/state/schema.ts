import { z } from "zod";

/** The document version this build writes. Bump it together with a migration step. */
export const STATE_VERSION = 2;

const timestamp = z.iso.datetime({ offset: true });
const ninjaOrgId = z.number().int().positive();
const nonEmpty = z.string().min(1);

/**
 * A record whose keys must equal the id inside each entry, so a hand-edited file cannot
 * file an entry under the wrong organization, alert or tenant.
 */
function keyedRecord<T extends z.ZodType>(entry: T, idOf: (value: z.output<T>) => string | number) {
  return z.record(z.string(), entry).superRefine((record, ctx) => {
    for (const [key, value] of Object.entries(record)) {
      const mismatch = keyMismatch(key, idOf(value as z.output<T>));
      if (mismatch !== undefined) ctx.addIssue({ code: "custom", path: [key], message: mismatch });
    }
  });
}

/** Why an entry filed under `key` does not belong there; undefined when its id is the key. */
export function keyMismatch(key: string, id: string | number): string | undefined {
  return String(id) === key ? undefined : `key "${key}" does not match the id "${id}" inside the entry`;
}

const mappingSource = z.enum(["manual", "automap", "provision", "import"]);

export const AcronisMappingSchema = z.strictObject({
  ninjaOrgId,
  ninjaOrgName: z.string(),
  acronisTenantId: nonEmpty,
  acronisTenantName: z.string(),
  /**
   * The tenant's numeric legacy id, which alerts and resources use instead of the UUID
   * (reference §6). Learned once by tickets sync and kept, so later runs need no lookup.
   */
  acronisTenantNumericId: z.string().regex(/^\d+$/, "must be the tenant's numeric id").optional(),
  /**
   * Every numeric tenant id the customer's workloads carried when it was last listed alone (its
   * own and its units'): how the items of a listing of many customers are told apart. Learned
   * and kept by the jobs that read workloads; relearned when an item names an id not in it.
   */
  acronisTenantNumericIds: z.array(z.string().regex(/^\d+$/, "must be numeric tenant ids")).optional(),
  source: mappingSource,
  mappedAt: timestamp,
});

export const M365MappingSchema = z.strictObject({
  ninjaOrgId,
  ninjaOrgName: z.string(),
  m365TenantId: nonEmpty,
  m365DefaultDomain: z.string(),
  source: mappingSource,
  mappedAt: timestamp,
});

/** Mappings are keyed by NinjaOne organization id: one Acronis tenant and one M365 tenant per organization. */
export const MappingsSchema = z.strictObject({
  acronis: keyedRecord(AcronisMappingSchema, (m) => m.ninjaOrgId),
  m365: keyedRecord(M365MappingSchema, (m) => m.ninjaOrgId),
});

/**
 * An Acronis alert condition and the NinjaOne ticket raised for it, keyed by the alert key
 * (tenant, type, workload), so the same condition raised again under a new alert id finds
 * its ticket.
 */
export const AlertLinkSchema = z.strictObject({
  key: nonEmpty,
  /** The latest alert id raised under this key. */
  acronisAlertId: nonEmpty,
  acronisTenantId: nonEmpty,
  alertType: nonEmpty,
  /** Resource, plan, or "tenant" for tenant-wide alerts. */
  workloadId: nonEmpty,
  ninjaOrgId,
  ninjaTicketId: z.number().int().positive(),
  /** The ticket: open (any open status) or resolved (RESOLVED, CLOSED or below them). */
  status: z.enum(["open", "resolved"]),
  alertState: z.enum(["active", "cleared"]),
  createdAt: timestamp,
  updatedAt: timestamp,
  resolvedAt: timestamp.optional(),
  /**
   * Whose clock `resolvedAt` was read on: "acronis" (Acronis' Date header, so the reopen window
   * compares it with the alert's own `updatedAt` on one clock), or "local". Absent on links
   * saved by earlier versions, which read it on the local clock (or NinjaOne's).
   */
  resolvedClock: z.enum(["acronis", "local"]).optional(),
  clearedAt: timestamp.optional(),
});

/**
 * A hash of the value last written to a NinjaOne custom field, so a sync writes only what
 * changed; the value itself (summaries can be large HTML) is not kept.
 */
export const FieldWriteSchema = z.strictObject({
  key: nonEmpty,
  scope: z.enum(["organization", "device"]),
  entityId: z.number().int().positive(),
  field: nonEmpty,
  hash: z.string().regex(/^[0-9a-f]{16,64}$/, "must be a hex hash"),
  writtenAt: timestamp,
});

/**
 * A NinjaOne document the docs job wrote for one Microsoft 365 user or licence, keyed
 * `<orgId>:<kind>:<id in Microsoft 365>`: the document id it landed as, a hash of each field
 * last written (so a sync patches only what changed), and whether the job archived it.
 */
export const DocumentRecordSchema = z.strictObject({
  key: nonEmpty,
  ninjaOrgId,
  kind: z.enum(["user", "licence"]),
  sourceId: nonEmpty,
  documentId: z.number().int().positive(),
  templateId: z.number().int().positive(),
  name: z.string(),
  fieldHashes: z.record(z.string(), z.string().regex(/^[0-9a-f]{16,64}$/, "must be a hex hash")),
  archived: z.boolean(),
  writtenAt: timestamp,
});

/** Document templates the docs job created (only those may ever be changed by it), by id. */
export const CreatedTemplateSchema = z.strictObject({
  templateId: z.number().int().positive(),
  name: z.string(),
  createdAt: timestamp,
});

export const DocsStateSchema = z.strictObject({
  templates: keyedRecord(CreatedTemplateSchema, (t) => t.templateId),
  documents: keyedRecord(DocumentRecordSchema, (d) => d.key),
});

/** A NinjaOne custom field `fields create` created, by API name: what it was made for, and when. */
export const CreatedFieldSchema = z.strictObject({
  name: nonEmpty,
  label: z.string(),
  type: nonEmpty,
  definitionScope: z.array(nonEmpty),
  /** The source it was made for (`acronis.last-backup`), or `entra.device-id` for the Entra device id field. */
  purpose: nonEmpty,
  createdAt: timestamp,
});

/** Where an incremental read stopped last time, keyed by a name the job chooses. */
export const CursorSchema = z.strictObject({
  name: nonEmpty,
  cursor: z.string(),
  updatedAt: timestamp,
});

/**
 * The provisioning steps, in the order they run: 2FA right after the tenant, as Acronis'
 * provisioning tutorial orders it (reference acronis-api §2). Each is recorded with the time
 * it landed, so a re-run runs only the steps not recorded and never repeats a create.
 */
export const PROVISIONING_STEPS = ["tenant", "mfa", "services", "pricing", "user", "role", "activation", "map"] as const;

/**
 * An Acronis tenant this tool created for a NinjaOne organization, or a mapped tenant it
 * disabled or deleted because the organization was gone ("origin" says which).
 */
export const ProvisioningRecordSchema = z.strictObject({
  ninjaOrgId,
  ninjaOrgName: z.string(),
  acronisTenantId: nonEmpty,
  acronisTenantName: z.string(),
  origin: z.enum(["provisioned", "mapped"]),
  /** provisioning until every step landed; active after; disabled and deleted by deprovision. */
  status: z.enum(["provisioning", "active", "disabled", "deleted"]),
  /** Pricing mode, admin e-mail and 2FA asked for at creation (provisioned tenants only). */
  mode: z.enum(["production", "trial"]).optional(),
  adminEmail: z.string().optional(),
  mfa: z.boolean().optional(),
  userId: nonEmpty.optional(),
  userLogin: nonEmpty.optional(),
  /**
   * Written just before the activation e-mail is asked for. Without the `activation` step
   * after it, a run died mid-send and the e-mail may have gone, so it is never asked for again.
   */
  activationSendingAt: timestamp.optional(),
  /** When each step landed. */
  steps: z.strictObject({
    tenant: timestamp.optional(),
    mfa: timestamp.optional(),
    services: timestamp.optional(),
    pricing: timestamp.optional(),
    user: timestamp.optional(),
    role: timestamp.optional(),
    activation: timestamp.optional(),
    map: timestamp.optional(),
  }),
  createdAt: timestamp,
  /** The tenant's own update time after the disable, as Acronis recorded it. */
  disabledAt: timestamp.optional(),
  deletedAt: timestamp.optional(),
  reenabledAt: timestamp.optional(),
});

/** Every NinjaOne organization seen so far, so deprovisioning can tell "deleted" from "never existed". */
export const SeenOrgSchema = z.strictObject({
  ninjaOrgId,
  name: z.string(),
  firstSeenAt: timestamp,
  lastSeenAt: timestamp,
});

/**
 * A NinjaOne device paired with an Acronis workload or an Intune device, keyed
 * `<service>:<ninja device id>` (one of each per device). Later runs use it before matching,
 * so a rename or a placeholder serial does not lose the pair; the names and serial seen when
 * it was made tell a rename or a swapped machine apart. `goneAt` marks a pair whose side was
 * deleted: kept, not dropped, until `fields sync --forget-after` days have passed.
 */
export const DeviceLinkSchema = z.strictObject({
  key: nonEmpty,
  service: z.enum(["acronis", "intune"]),
  ninjaDeviceId: z.number().int().positive(),
  /** The organization the device was in when the pair was made or last confirmed. */
  ninjaOrgId,
  /** Acronis resource id or Intune device id. */
  remoteId: nonEmpty,
  by: z.enum(["serial", "hostname", "manual", "entra-id"]),
  linkedAt: timestamp,
  ninjaName: z.string(),
  remoteName: z.string(),
  serial: z.string().optional(),
  goneAt: timestamp.optional(),
  /** Which side was gone: the NinjaOne device, or the workload / Intune device. */
  goneSide: z.enum(["ninja", "remote"]).optional(),
});

/**
 * A pair a person said is not one (`devices unlink --keep-apart`), keyed
 * `<service>:<ninja device id>:<remote id>`: matching never pairs these two again, whatever
 * their serials and names say, until `devices link` pairs them by hand.
 */
export const DeviceApartSchema = z.strictObject({
  key: nonEmpty,
  service: z.enum(["acronis", "intune"]),
  ninjaDeviceId: z.number().int().positive(),
  remoteId: nonEmpty,
  ninjaName: z.string(),
  remoteName: z.string(),
  at: timestamp,
});

/**
 * A registration token ninja-bridge minted for an organization's Acronis customer and wrote
 * into its NinjaOne field: when it expires, so the next run renews it in time. Never the token.
 */
export const AgentTokenSchema = z.strictObject({
  ninjaOrgId,
  acronisTenantId: nonEmpty,
  /** The NinjaOne organization field it was written to. */
  field: nonEmpty,
  mintedAt: timestamp,
  expiresAt: timestamp,
});

/** The install script sent to a device, so a re-run does not send it again too soon. */
export const AgentDeploySchema = z.strictObject({
  ninjaDeviceId: z.number().int().positive(),
  ninjaOrgId,
  scriptId: z.number().int().positive(),
  ranAt: timestamp,
});

const userId = z.number().int().positive();
const NewEndUserSchema = z.strictObject({ email: nonEmpty, firstName: nonEmpty, lastName: nonEmpty, organizationId: ninjaOrgId });

/**
 * Who should hold which role, and which end users should exist, as an access file says once
 * its names are resolved to ids: the members of each role the file lists (roles it leaves out
 * are not managed), the end users to keep, and the end users to create.
 */
export const WantedAccessSchema = z.strictObject({
  roles: z.array(z.strictObject({ roleId: userId, memberIds: z.array(userId) })),
  endUserIds: z.array(userId),
  newEndUsers: z.array(NewEndUserSchema),
});

/** One change of `users apply`: a role membership, or an end user created or deleted. */
export const UserActionSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("add-member"), roleId: z.number().int().positive(), roleName: z.string(), userId: z.number().int().positive(), userLabel: z.string() }),
  z.strictObject({ kind: z.literal("remove-member"), roleId: z.number().int().positive(), roleName: z.string(), userId: z.number().int().positive(), userLabel: z.string() }),
  NewEndUserSchema.extend({ kind: z.literal("create-end-user") }),
  z.strictObject({ kind: z.literal("delete-end-user"), userId: z.number().int().positive(), userLabel: z.string() }),
]);

/**
 * A `users request`: the NinjaOne ticket that asks for approval, the access the request
 * wanted and the exact changes planned from it, recorded as soon as the ticket exists.
 * `users apply --ticket` applies those changes once, recording each as it lands.
 */
export const UserRequestSchema = z.strictObject({
  ticketId: z.number().int().positive(),
  /** The marker in the ticket's tags, so a ticket is known as ours. */
  marker: nonEmpty,
  /** The instance (`<base URL>` and tenant key) the request was planned against. */
  instance: z.strictObject({ url: nonEmpty, tenant: nonEmpty }),
  /** The access file's wanted state, as validated: re-planned at apply time to see drift. */
  wanted: WantedAccessSchema,
  actions: z.array(UserActionSchema),
  requestedAt: timestamp,
  status: z.enum(["requested", "applying", "applied"]),
  /** Keys of the actions that landed (`users apply --ticket` resumes after the last). */
  landed: z.array(nonEmpty).default([]),
  appliedAt: timestamp.optional(),
});

/**
 * A request whose ticket was being opened, recorded before the create: a run killed between
 * the create and its record leaves this, and the next `users request` refuses to open a second
 * ticket until it is adopted (`--adopt <ticket>`, checked by its marker) or forgotten.
 */
export const PendingUserRequestSchema = UserRequestSchema.omit({ ticketId: true, status: true, landed: true, appliedAt: true });

export const UsersStateSchema = z.strictObject({
  requests: keyedRecord(UserRequestSchema, (r) => r.ticketId),
  pending: keyedRecord(PendingUserRequestSchema, (p) => p.marker).default({}),
});

/**
 * The jobs an organization can be left out of (`orgs exclude`). Kept here, not taken from the
 * jobs, because the state file validates them; automap is not among them (a link is made by
 * hand or by automap, and an excluded organization keeps its links).
 */
export const EXCLUDABLE_JOBS = ["fields", "tickets", "docs", "agents", "provision", "deprovision"] as const;
export type ExcludableJob = (typeof EXCLUDABLE_JOBS)[number];

/** A NinjaOne organization some jobs leave alone (CIPP users' per-tenant toggles), by organization id. */
export const OrgExclusionSchema = z.strictObject({
  ninjaOrgId,
  ninjaOrgName: z.string(),
  jobs: z.array(z.enum(EXCLUDABLE_JOBS)).min(1),
  updatedAt: timestamp,
});

/** An Intune device `devices unmanaged --ignore` keeps out of that report: a known exception (a kiosk, a lab machine). */
export const IgnoredUnmanagedSchema = z.strictObject({
  intuneDeviceId: nonEmpty,
  ignoredAt: timestamp,
});

/**
 * The keyed sections that grow with the estate (on 50,000 devices, most of a 27 MB file). The
 * loader checks these an entry at a time and keeps them as read, since zod parsing the whole
 * document copies every object in it. Their entry schemas only check, never transform or
 * default, so what is kept is what zod would have given. `repeated` names the properties whose
 * few values recur in every entry: the loader keeps one string of each (JSON.parse makes one
 * per entry, some 10 MB on 50,000 devices); `often` pairs properties that usually hold the same
 * text, kept once when they do. A recorded entry is kept as its writer built it, so writers build
 * one as a literal naming every property (see storedLink): V8 then gives all of them one shape.
 */
export const BULK_SECTIONS = {
  fieldWrites: { schema: FieldWriteSchema, idOf: (w: z.output<typeof FieldWriteSchema>) => w.key, repeated: ["scope", "field"], often: {} },
  deviceLinks: { schema: DeviceLinkSchema, idOf: (l: z.output<typeof DeviceLinkSchema>) => l.key, repeated: ["service", "by"], often: { remoteName: "ninjaName" } },
} as const;

export const StateDocumentSchema = z.strictObject({
  version: z.literal(STATE_VERSION),
  serial: z.number().int().nonnegative(),
  lineage: z.uuid(),
  createdAt: timestamp,
  updatedAt: timestamp,
  mappings: MappingsSchema,
  alertLinks: keyedRecord(AlertLinkSchema, (l) => l.key),
  fieldWrites: keyedRecord(BULK_SECTIONS.fieldWrites.schema, BULK_SECTIONS.fieldWrites.idOf),
  cursors: keyedRecord(CursorSchema, (c) => c.name),
  provisioning: keyedRecord(ProvisioningRecordSchema, (p) => p.ninjaOrgId),
  orgsSeen: keyedRecord(SeenOrgSchema, (o) => o.ninjaOrgId),
  deviceLinks: keyedRecord(BULK_SECTIONS.deviceLinks.schema, BULK_SECTIONS.deviceLinks.idOf),
  /** Only once the docs job wrote something: files without it stay as they are. */
  docs: DocsStateSchema.optional(),
  /** Only once `fields create` created a field: files without it stay as they are. */
  createdFields: keyedRecord(CreatedFieldSchema, (f) => f.name).optional(),
  // Added after version 1 shipped: files written before have neither.
  agentTokens: keyedRecord(AgentTokenSchema, (t) => t.ninjaOrgId).default({}),
  agentDeploys: keyedRecord(AgentDeploySchema, (d) => d.ninjaDeviceId).default({}),
  deviceApart: keyedRecord(DeviceApartSchema, (a) => a.key).default({}),
  /** Only once `users request` opened a ticket: files without it stay as they are. */
  users: UsersStateSchema.optional(),
  /** Only once an organization was excluded: files without it stay as they are. */
  orgExclusions: keyedRecord(OrgExclusionSchema, (e) => e.ninjaOrgId).optional(),
  /** Only once a device was ignored: files without it stay as they are. */
  unmanagedIgnored: keyedRecord(IgnoredUnmanagedSchema, (i) => i.intuneDeviceId).optional(),
});

export type AcronisMapping = z.infer<typeof AcronisMappingSchema>;
export type M365Mapping = z.infer<typeof M365MappingSchema>;
export type Mappings = z.infer<typeof MappingsSchema>;
export type AlertLink = z.infer<typeof AlertLinkSchema>;
export type FieldWrite = z.infer<typeof FieldWriteSchema>;
export type Cursor = z.infer<typeof CursorSchema>;
export type ProvisioningRecord = z.infer<typeof ProvisioningRecordSchema>;
export type SeenOrg = z.infer<typeof SeenOrgSchema>;
export type DeviceLinkRecord = z.infer<typeof DeviceLinkSchema>;
export type DeviceApart = z.infer<typeof DeviceApartSchema>;
export type AgentToken = z.infer<typeof AgentTokenSchema>;
export type AgentDeploy = z.infer<typeof AgentDeploySchema>;
export type OrgExclusion = z.infer<typeof OrgExclusionSchema>;
export type StateDocument = z.infer<typeof StateDocumentSchema>;
export type DocumentRecord = z.infer<typeof DocumentRecordSchema>;
export type DocsState = z.infer<typeof DocsStateSchema>;
export type UserAction = z.infer<typeof UserActionSchema>;
export type WantedAccess = z.infer<typeof WantedAccessSchema>;
export type UserRequest = z.infer<typeof UserRequestSchema>;
export type UsersState = z.infer<typeof UsersStateSchema>;

/** The users part of a state draft, made on the first request. */
export function usersStateOf(draft: StateDocument): UsersState {
  draft.users ??= { requests: {}, pending: {} };
  return draft.users;
}
export type CreatedField = z.infer<typeof CreatedFieldSchema>;

/** The docs job's part of a state draft, made on its first write. */
export function docsStateOf(draft: StateDocument): DocsState {
  draft.docs ??= { templates: {}, documents: {} };
  return draft.docs;
}

/** A fresh document: serial 0 until the first write, a new lineage that never changes afterwards. */
export function emptyState(now: Date, lineage: string): StateDocument {
  const at = now.toISOString();
  return {
    version: STATE_VERSION,
    serial: 0,
    lineage,
    createdAt: at,
    updatedAt: at,
    mappings: { acronis: {}, m365: {} },
    alertLinks: {},
    fieldWrites: {},
    cursors: {},
    provisioning: {},
    orgsSeen: {},
    deviceLinks: {},
    agentTokens: {},
    agentDeploys: {},
    deviceApart: {},
  };
}

type DeepReadonly<T> = T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;

/** The document as callers see it between writes: change it only through `update`. */
export type ReadonlyStateDocument = DeepReadonly<StateDocument>;
