import type { DocumentValue } from "../../../clients/ninjaone/documents.js";
import type { CippLicense } from "../../../clients/cipp/licenses.js";
import type { CippUser } from "../../../clients/cipp/users.js";
import type { UserActivityFacts } from "../../shared/cipp-extras.js";
import { list } from "../../shared/html.js";
import { KEY_FIELD, type DocKind } from "./templates.js";
import { shortSha256 } from "../../shared/short-hash.js";

/** One document as the job wants it in NinjaOne. */
export interface DesiredDocument {
  kind: DocKind;
  /** The user's or licence's id in Microsoft 365: the stable key. */
  sourceId: string;
  name: string;
  fields: Record<string, DocumentValue>;
}

/** The name's hash is kept beside the fields' under this key, so a changed user name renames the document. */
export const NAME_HASH_KEY = "@name";

/** Hex digits kept of a value's SHA-256: 64 bits. */
export function hashValue(value: DocumentValue | string): string {
  return shortSha256(JSON.stringify(value), 16);
}

function signIn(enabled: boolean | null): string {
  return enabled === null ? "" : enabled ? "Allowed" : "Blocked";
}

/**
 * As CIPP names its user documents: "<display name> (<UPN>)". A fact whose read failed is left
 * out, so its field keeps what was last written.
 */
export function userDocument(user: CippUser, activity: UserActivityFacts = {}): DesiredDocument {
  const extra: Record<string, DocumentValue> = {};
  if (activity.lastSignIn !== undefined) extra["lastSignIn"] = activity.lastSignIn;
  if (activity.mailbox !== undefined) extra["mailbox"] = activity.mailbox;
  if (activity.oneDrive !== undefined) extra["oneDrive"] = activity.oneDrive;
  if (activity.devices !== undefined) extra["devices"] = { html: activity.devices.length === 0 ? "<p>None</p>" : list(activity.devices).html };
  return {
    kind: "user",
    sourceId: user.id,
    name: `${user.displayName} (${user.userPrincipalName})`,
    fields: {
      [KEY_FIELD]: user.id,
      displayName: user.displayName,
      userPrincipalName: user.userPrincipalName,
      licences: { html: user.licenses.length === 0 ? "<p>None</p>" : list(user.licenses).html },
      signIn: signIn(user.accountEnabled),
      userType: user.userType ?? "",
      ...extra,
    },
  };
}

/** A licence's key is its SKU id; a licence CIPP gives without one is keyed by its name. */
export function licenceDocument(licence: CippLicense, users: readonly CippUser[]): DesiredDocument {
  const holders = users.filter((u) => u.licenses.includes(licence.name)).map((u) => `${u.displayName} (${u.userPrincipalName})`).sort();
  const sourceId = licence.skuId ?? `name:${licence.name}`;
  return {
    kind: "licence",
    sourceId,
    name: licence.name,
    fields: {
      [KEY_FIELD]: sourceId,
      skuName: licence.name,
      usage: `${licence.used} of ${licence.total}`,
      users: { html: holders.length === 0 ? "<p>None</p>" : list(holders).html },
    },
  };
}

/**
 * A tenant's documents: every user (or, with `licensedOnly`, those holding a licence, as CIPP's
 * "only synchronize licensed users" does) and every licence.
 */
export function tenantDocuments(users: readonly CippUser[], licences: readonly CippLicense[], licensedOnly: boolean, activity: (user: CippUser) => UserActivityFacts = () => ({})): DesiredDocument[] {
  const shown = licensedOnly ? users.filter((u) => u.licenses.length > 0) : users;
  return [...shown.map((u) => userDocument(u, activity(u))), ...licences.map((l) => licenceDocument(l, users))];
}
