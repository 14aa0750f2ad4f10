import { z } from "zod";
import type { NinjaAccount, NinjaRole } from "../../../clients/ninjaone/users.js";
import { parseVersionedFile, type ParsedFile } from "../../shared/versioned-file.js";

/**
 * The access file: who holds which NinjaOne user role, and which end users exist, as a
 * document kept in git. Written sorted by id with a fixed key order, so an export of an
 * unchanged instance is byte-identical and a change diffs as the lines it touches.
 */

export const ACCESS_FILE_FORMAT = "ninja-bridge/users-access";
export const ACCESS_FILE_VERSION = 1;

/**
 * Which tenant a file belongs to. NinjaOne's API names no tenant id (the spec has none), so
 * the instance's base URL and the uid of its first technician (the account the tenant was
 * opened with; uids are UUIDs, unique across tenants) stand for it.
 */
export interface InstanceKey {
  url: string;
  tenant: string;
}

const id = z.number().int().positive().max(2147483647);
const text = z.string().trim().min(1);

const MemberSchema = z
  .strictObject({ id: id.optional(), email: text.optional(), name: z.string().optional() })
  .refine((m) => m.id !== undefined || m.email !== undefined, { message: "a member needs an id or an email" });

const RoleSchema = z.strictObject({
  id: id.optional(),
  name: text,
  type: z.enum(["TECHNICIAN", "END_USER"]).optional(),
  members: z.array(MemberSchema),
});

const EndUserSchema = z.strictObject({
  /** Absent for an end user the file asks to create. */
  id: id.optional(),
  email: text,
  firstName: text.max(150),
  lastName: text.max(150),
  organizationId: id,
});

function unique<T>(key: (item: T) => string | undefined, what: string) {
  return (items: readonly T[], ctx: z.core.$RefinementCtx<T[]>) => {
    const first = new Map<string, number>();
    items.forEach((item, index) => {
      const k = key(item);
      if (k === undefined) return;
      const seen = first.get(k);
      if (seen === undefined) first.set(k, index);
      else ctx.addIssue({ code: "custom", path: [index], message: `${what} ${k} is listed twice (also entry ${seen})` });
    });
  };
}

export const AccessFileSchema = z.strictObject({
  format: z.literal(ACCESS_FILE_FORMAT),
  version: z.literal(ACCESS_FILE_VERSION),
  instance: z.strictObject({ url: text, tenant: text }),
  roles: z
    .array(RoleSchema)
    .superRefine((roles, ctx) => {
      roles.forEach((role, index) => {
        const seen = new Set<number>();
        role.members.forEach((m, j) => {
          if (m.id === undefined) return;
          if (seen.has(m.id)) ctx.addIssue({ code: "custom", path: [index, "members", j], message: `member ${m.id} is listed twice in role ${role.name}` });
          seen.add(m.id);
        });
      });
    })
    .superRefine(unique((r) => (r.id === undefined ? undefined : String(r.id)), "role"))
    .superRefine(unique((r) => r.name.toLowerCase(), "role name")),
  endUsers: z
    .array(EndUserSchema)
    .superRefine(unique((u) => (u.id === undefined ? undefined : String(u.id)), "end user"))
    .superRefine(unique((u) => u.email.toLowerCase(), "end user e-mail")),
});

export type AccessFile = z.infer<typeof AccessFileSchema>;
export type AccessRole = AccessFile["roles"][number];
export type AccessEndUser = AccessFile["endUsers"][number];

/** Everything the access file describes, as read from NinjaOne. */
export interface AccessSnapshot {
  technicians: readonly NinjaAccount[];
  endUsers: readonly NinjaAccount[];
  roles: readonly NinjaRole[];
}

const byId = (a: { id: number }, b: { id: number }) => a.id - b.id;

/** The instance as an access file: every role with its members, every end user; sorted by id. */
export function buildAccessFile(snapshot: AccessSnapshot, instance: InstanceKey): AccessFile {
  // A role's member list may leave out e-mail or name (both optional in the spec): the account list fills them in.
  const accounts = new Map([...snapshot.technicians, ...snapshot.endUsers].map((a) => [a.id, a]));
  const member = (m: NinjaRole["members"][number]) => {
    const account = accounts.get(m.id);
    const email = m.email !== "" ? m.email : (account?.email ?? "");
    const name = m.name !== "" ? m.name : [account?.firstName, account?.lastName].filter((p) => p !== undefined && p !== "").join(" ");
    return { id: m.id, ...(email === "" ? {} : { email }), ...(name === "" ? {} : { name }) };
  };
  return {
    format: ACCESS_FILE_FORMAT,
    version: ACCESS_FILE_VERSION,
    instance: { url: instance.url, tenant: instance.tenant },
    roles: [...snapshot.roles].sort(byId).map((r) => ({
      id: r.id,
      name: r.name,
      ...(r.type === "TECHNICIAN" || r.type === "END_USER" ? { type: r.type } : {}),
      members: [...r.members].sort(byId).map(member),
    })),
    endUsers: [...snapshot.endUsers].sort(byId).map((u) => ({
      id: u.id,
      email: u.email,
      firstName: u.firstName,
      lastName: u.lastName,
      organizationId: u.organizationId ?? 0,
    })),
  };
}

export function serializeAccessFile(file: AccessFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

export type ParsedAccessFile = ParsedFile<AccessFile>;

/** Text of an access file → the validated document, or the first field that is wrong and why. */
export function parseAccessFile(text: string): ParsedAccessFile {
  return parseVersionedFile(text, AccessFileSchema, ACCESS_FILE_VERSION);
}

/** Why a file may not be applied to this instance, or undefined when it belongs here. */
export function foreignInstance(file: AccessFile, instance: InstanceKey): string | undefined {
  if (file.instance.url !== instance.url) return `it was exported from ${file.instance.url}, and this profile is connected to ${instance.url}`;
  if (file.instance.tenant !== instance.tenant) return `it was exported from another NinjaOne tenant on ${instance.url} (tenant key ${file.instance.tenant}, this one is ${instance.tenant})`;
  return undefined;
}
