import type { IntuneDevice } from "../../clients/cipp/devices.js";
import { listCompliancePolicyStates, listDeviceGroups, type PolicyState } from "../../clients/cipp/device-extras.js";
import { listLastSignIns, listMailboxUsage, listOneDriveUsage, type StorageUsage } from "../../clients/cipp/user-activity.js";
import type { CippUser } from "../../clients/cipp/users.js";
import type { CippLicense } from "../../clients/cipp/licenses.js";
import { ApiError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import { formatDay } from "./html.js";

/**
 * The reads beyond users, licences and Intune devices that CIPP's extension shows: each is
 * optional and read on its own, so one that a tenant refuses (no Entra ID P1 for sign-ins, no
 * Exchange) costs only what it feeds. A value left undefined means "not read": the job then
 * leaves what it last wrote, never writes it blank.
 */
export interface CippExtras {
  /** By user id (lower case). */
  signIns?: Map<string, Date | null>;
  /** By UPN (lower case). */
  mailbox?: Map<string, StorageUsage>;
  /** By UPN (lower case). */
  oneDrive?: Map<string, StorageUsage>;
  /** By Entra device id (lower case). */
  groups?: Map<string, string[]>;
  /** By device name (lower case). */
  policies?: Map<string, PolicyState[]>;
}

export type ExtraRead = keyof CippExtras;

/** How each read is named in a problem. */
export const EXTRA_NAMES: Readonly<Record<ExtraRead, string>> = {
  signIns: "last sign-ins",
  mailbox: "mailbox usage",
  oneDrive: "OneDrive usage",
  groups: "device groups",
  policies: "compliance policies",
};

/** What a user's row or document shows. */
export const USER_EXTRAS: readonly ExtraRead[] = ["signIns", "mailbox", "oneDrive"];
/** What a device summary shows. */
export const DEVICE_EXTRAS: readonly ExtraRead[] = ["groups", "policies"];

const READERS: { [K in ExtraRead]: (http: HttpClient, tenantId: string) => Promise<NonNullable<CippExtras[K]>> } = {
  signIns: listLastSignIns,
  mailbox: listMailboxUsage,
  oneDrive: listOneDriveUsage,
  groups: listDeviceGroups,
  policies: listCompliancePolicyStates,
};

export interface ExtrasRead {
  extras: CippExtras;
  failed: { read: ExtraRead; error: ApiError }[];
}

/** The wanted reads of one tenant, at the same time; an API failure of one is kept and the others still land. */
export async function readCippExtras(http: HttpClient, tenantId: string, wanted: readonly ExtraRead[]): Promise<ExtrasRead> {
  const out: ExtrasRead = { extras: {}, failed: [] };
  await Promise.all(
    [...new Set(wanted)].map(async (read) => {
      try {
        Object.assign(out.extras, { [read]: await READERS[read](http, tenantId) });
      } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        out.failed.push({ read, error });
      }
    }),
  );
  out.failed.sort((a, b) => a.read.localeCompare(b.read));
  return out;
}

/** A problem's reason for a read that failed, and what it costs. */
export function extraFailure(read: ExtraRead, error: ApiError, costs: string): string {
  return `could not read ${EXTRA_NAMES[read]} (${error.message}): ${costs} left as last written; tried again next run`;
}

/** SKU id (lower case) → licence name, from ListLicenses' rows, to name each user's licences. */
export function skuNamesOf(licences: readonly CippLicense[]): Map<string, string> {
  return new Map(licences.flatMap((l) => (l.skuId ? [[l.skuId.toLowerCase(), l.name] as const] : [])));
}

const GB = 1024 ** 3;

function gigabytes(bytes: number): string {
  const gb = bytes / GB;
  return `${gb >= 10 ? gb.toFixed(0) : gb.toFixed(1)} GB`;
}

/**
 * "12.5 GB of 50 GB (25%)", rounded so a mailbox that grows by a few kilobytes reads the same
 * and is not rewritten on every run.
 */
export function storageText(usage: StorageUsage | undefined): string {
  if (usage === undefined) return "None";
  if (usage.total === null || usage.total <= 0) return gigabytes(usage.used);
  return `${gigabytes(usage.used)} of ${gigabytes(usage.total)} (${Math.round((usage.used / usage.total) * 100)}%)`;
}

/** A user's facts beyond ListUsers; each undefined when its read did not land. */
export interface UserActivityFacts {
  lastSignIn?: string;
  mailbox?: string;
  oneDrive?: string;
  /** Intune devices whose primary user this is, by name; undefined when devices were not read. */
  devices?: string[];
}

/** A sign-in is shown as a day: a time would rewrite the document on every run. */
export function userActivityFacts(user: Pick<CippUser, "id" | "userPrincipalName">, extras: CippExtras, devices: readonly Pick<IntuneDevice, "deviceName" | "userPrincipalName">[] | undefined): UserActivityFacts {
  const upn = user.userPrincipalName.toLowerCase();
  const facts: UserActivityFacts = {};
  if (extras.signIns !== undefined) facts.lastSignIn = formatDay(extras.signIns.get(user.id.toLowerCase())) ?? "Never";
  if (extras.mailbox !== undefined) facts.mailbox = storageText(extras.mailbox.get(upn));
  if (extras.oneDrive !== undefined) facts.oneDrive = storageText(extras.oneDrive.get(upn));
  if (devices !== undefined) facts.devices = devices.filter((d) => d.userPrincipalName?.toLowerCase() === upn).map((d) => d.deviceName).sort((a, b) => a.localeCompare(b));
  return facts;
}
