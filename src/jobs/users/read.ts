import { readFile } from "node:fs/promises";
import type { NinjaFlow } from "../../clients/connect.js";
import { listEndUsers, listTechnicians, listUserRoles, type NinjaAccount } from "../../clients/ninjaone/users.js";
import { ConfigError } from "../../errors.js";
import type { HttpClient } from "../../http/index.js";
import { foreignInstance, parseAccessFile, type AccessFile, type AccessSnapshot, type InstanceKey } from "./plan/access-file.js";
import { resolveAccess } from "./plan/resolve.js";
import type { WantedAccess } from "../../state/index.js";

/** Technicians, end users and roles (with members), read together. */
export async function readSnapshot(http: HttpClient): Promise<AccessSnapshot> {
  const [technicians, endUsers, roles] = await Promise.all([listTechnicians(http), listEndUsers(http), listUserRoles(http)]);
  return { technicians, endUsers, roles };
}

/** The instance a snapshot was read from (see InstanceKey). */
export function instanceKeyOf(baseUrl: string, snapshot: AccessSnapshot): InstanceKey {
  const first = [...snapshot.technicians].sort((a, b) => a.id - b.id)[0];
  if (first === undefined) throw new ConfigError(`NinjaOne at ${baseUrl} lists no technician, so its tenant cannot be told`, { hint: "check that the API client may read users (GET /v2/user/technicians)" });
  return { url: baseUrl, tenant: first.uid };
}

export async function readAccessFileAt(file: string): Promise<AccessFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError(`could not read the access file ${file}: ${(error as Error).message}`, { hint: "write one with 'ninja-bridge users export --file <file>'" });
  }
  const parsed = parseAccessFile(text);
  if (parsed.ok) return parsed.file;
  throw new ConfigError(`access file ${file}: ${parsed.field}: ${parsed.problem}; nothing was applied`, { hint: "fix that field, or write the file afresh with 'ninja-bridge users export'" });
}

/** The file's wanted access on this instance; a file of another instance, or one naming what does not exist, is refused whole. */
export function wantedAccessOf(file: AccessFile, path: string, instance: InstanceKey, snapshot: AccessSnapshot): WantedAccess {
  const foreign = foreignInstance(file, instance);
  if (foreign !== undefined) throw new ConfigError(`access file ${path} belongs to another NinjaOne instance: ${foreign}; nothing was applied`, { hint: "export the file from this profile's instance ('ninja-bridge users export')" });
  const resolved = resolveAccess(file, snapshot);
  if (resolved.ok) return resolved.wanted;
  throw new ConfigError(`access file ${path} names what NinjaOne does not have; nothing was applied:\n  ${resolved.problems.join("\n  ")}`, {
    hint: "fix those entries (roles and users must exist; `ninja-bridge users list` shows them)",
  });
}

/**
 * The account the token signs in as. NinjaOne documents no "current user" endpoint (the spec has
 * none; searches found none), so: the `users.tokenAccount` setting; else, for a user token on a
 * tenant with exactly one enabled technician, that technician; else none can be told. A
 * client-credentials token acts for no user.
 */
export function tokenAccountOf(flow: NinjaFlow, setting: string | undefined, snapshot: AccessSnapshot): NinjaAccount | "none" | "unknown" {
  if (setting !== undefined) {
    const wanted = setting.trim().toLowerCase();
    const found = snapshot.technicians.find((t) => t.uid.toLowerCase() === wanted || t.email.toLowerCase() === wanted);
    if (found === undefined) throw new ConfigError(`users.tokenAccount "${setting}" is not a NinjaOne technician`, { hint: "set it to the e-mail or uid of the technician the token signs in as" });
    return found;
  }
  if (flow === "client-credentials") return "none";
  const enabled = snapshot.technicians.filter((t) => t.enabled === true);
  return enabled.length === 1 ? (enabled[0] as NinjaAccount) : "unknown";
}
