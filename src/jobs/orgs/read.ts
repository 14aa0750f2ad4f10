import { readFile } from "node:fs/promises";
import { isConfigured } from "../../clients/connect.js";
import type { Target } from "../shared/estates/target-estate.js";
import type { JobSession } from "../shared/session.js";
import { ConfigError } from "../../errors.js";
import { linksOf, type Link } from "../shared/mappings.js";
import type { ExclusionEntry } from "./plan/mapping-file.js";
import { parseMappingFile, type MappingFile } from "./plan/mapping-file.js";
import type { DeviceLinkRecord, ReadonlyStateDocument } from "../../state/index.js";
import { openState } from "../../state/index.js";
import type { ProfileConfig } from "../../config/profile-config.js";
import type { Logger } from "../../log.js";
import { TARGET_SERVICES, type TargetService } from "../../services.js";

export type LinksByService = Record<TargetService, Link[]>;

/** The recorded exclusions as a mapping file lists them. */
export function exclusionEntries(doc: ReadonlyStateDocument): ExclusionEntry[] {
  return Object.values(doc.orgExclusions ?? {}).map((e) => ({ orgId: e.ninjaOrgId, orgName: e.ninjaOrgName, jobs: [...e.jobs] }));
}

export function linksOfState(doc: ReadonlyStateDocument): LinksByService {
  return { acronis: linksOf(doc, "acronis"), cipp: linksOf(doc, "cipp") };
}

/** The recorded links, read without taking the lock (commands that only look). */
export async function readLinks(statePath: string, command: string, logger: Logger): Promise<LinksByService> {
  const state = await openState(statePath, { mode: "read", command, logger });
  try {
    return linksOfState(state.data);
  } finally {
    await state.close();
  }
}

/** The recorded links and organization exclusions, read without taking the lock. */
export async function readLinksAndExclusions(statePath: string, command: string, logger: Logger): Promise<{ links: LinksByService; exclusions: ExclusionEntry[] }> {
  const state = await openState(statePath, { mode: "read", command, logger });
  try {
    return { links: linksOfState(state.data), exclusions: exclusionEntries(state.data) };
  } finally {
    await state.close();
  }
}

/** The recorded organization links, device links and exclusions, read without taking the lock. */
export async function readLinksAndDevices(statePath: string, command: string, logger: Logger): Promise<{ links: LinksByService; deviceLinks: DeviceLinkRecord[]; exclusions: ExclusionEntry[] }> {
  const state = await openState(statePath, { mode: "read", command, logger });
  try {
    return { links: linksOfState(state.data), deviceLinks: Object.values(state.data.deviceLinks), exclusions: exclusionEntries(state.data) };
  } finally {
    await state.close();
  }
}

/** Target services this profile has settings for; the others are left out of reads and checks. */
export function configuredServices(config: ProfileConfig, env: NodeJS.ProcessEnv): TargetService[] {
  return TARGET_SERVICES.filter((service) => isConfigured(config, env, service));
}

/** The live tenants of each service asked for, read at the same time. */
export async function readLiveTargets(session: JobSession, services: readonly TargetService[]): Promise<Partial<Record<TargetService, Target[]>>> {
  const estates = await Promise.all(
    services.map((service) => (service === "acronis" ? session.acronisEstate({ devices: false }) : session.cippEstate({ devices: false }))),
  );
  return Object.fromEntries(estates.map((estate) => [estate.service, estate.targets]));
}

/** A mapping file from disk, validated; a missing file or a wrong field is a config error that names it. */
export async function readMappingFileAt(file: string): Promise<MappingFile> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new ConfigError(`could not read the mapping file ${file}: ${(error as Error).message}`, { hint: "write one with 'ninja-bridge orgs map export --file <file>'" });
  }
  const parsed = parseMappingFile(text);
  if (parsed.ok) return parsed.file;
  throw new ConfigError(`mapping file ${file}: ${parsed.field}: ${parsed.problem}`, { hint: "fix that field, or write the file afresh with 'ninja-bridge orgs map export'" });
}
