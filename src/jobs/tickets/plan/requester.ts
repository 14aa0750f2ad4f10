import type { NinjaFlow } from "../../../clients/connect.js";
import type { NinjaUser } from "../../../clients/ninjaone/users.js";
import { ConfigError } from "../../../errors.js";
import type { TicketSettings } from "./index.js";

const UID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const SET_REQUESTER_HINT = "name the requester of ninja-bridge's tickets with `ninja-bridge tickets config --requester <e-mail or uid>`";

/** The user `--requester` names, by uid or e-mail (case-insensitive); refused when unknown or disabled. */
export function requesterFrom(users: readonly NinjaUser[], text: string): NonNullable<TicketSettings["requester"]> {
  const wanted = text.trim().toLowerCase();
  const found = UID.test(wanted) ? users.find((u) => u.uid.toLowerCase() === wanted) : users.filter((u) => u.email.toLowerCase() === wanted);
  const matches = found === undefined ? [] : Array.isArray(found) ? found : [found];
  if (matches.length !== 1) {
    const why = matches.length === 0 ? "is not a NinjaOne user" : `names ${matches.length} NinjaOne users`;
    throw new ConfigError(`--requester "${text}" ${why}; nothing was saved`, { hint: "give the e-mail or uid of a user listed under Administration → Users (GET /v2/users)" });
  }
  const user = matches[0] as NinjaUser;
  if (!user.enabled) throw new ConfigError(`--requester "${text}" is a disabled NinjaOne user; nothing was saved`, { hint: "choose an enabled user" });
  return { uid: user.uid, ...(user.email === "" ? {} : { email: user.email }) };
}

/**
 * The signed-in user of a user-context token, or undefined when it cannot be told. NinjaOne
 * documents no "current user" endpoint (the spec has none; searches found none), so the only
 * safe inference is a tenant with exactly one enabled technician: API apps sign technicians
 * in, so that technician is the one. A client-credentials token has no user at all.
 */
export function signedInUser(flow: NinjaFlow, users: readonly NinjaUser[]): NinjaUser | undefined {
  if (flow !== "authorization-code") return undefined;
  const technicians = users.filter((u) => u.userType === "TECHNICIAN" && u.enabled);
  return technicians.length === 1 ? technicians[0] : undefined;
}

/** Why tickets cannot be written without a configured requester. */
export function requesterMissing(flow: NinjaFlow): ConfigError {
  const why =
    flow === "authorization-code"
      ? "the signed-in NinjaOne user cannot be told from the API (the tenant has more than one technician)"
      : "a client-credentials token acts for no user";
  return new ConfigError(`tickets sync needs a requester for the tickets it writes (NinjaOne's ticket update requires one) and none is set: ${why}`, { hint: SET_REQUESTER_HINT });
}
