import { z } from "zod";
import type { Link, MappingSource } from "../../shared/mappings.js";
import { parseVersionedFile, type ParsedFile } from "../../shared/versioned-file.js";
import type { TargetService } from "../../../services.js";
import { EXCLUDABLE_JOBS, type ExcludableJob } from "../../shared/exclusions.js";

export const MAPPING_FILE_FORMAT = "ninja-bridge/org-mappings";
export const MAPPING_FILE_VERSION = 1;

const orgId = z.number().int().positive();
const nonEmpty = z.string().min(1);

const AcronisEntrySchema = z.strictObject({ orgId, orgName: z.string(), tenantId: nonEmpty, tenantName: z.string() });
const M365EntrySchema = z.strictObject({ orgId, orgName: z.string(), tenantId: nonEmpty, defaultDomain: z.string() });

type Entry = { orgId: number; tenantId: string };

/** One organization and one tenant per entry of a section: the same rule the state file keeps. */
function uniqueEntries<T extends Entry>(entries: readonly T[], ctx: z.core.$RefinementCtx<T[]>): void {
  for (const key of ["orgId", "tenantId"] as const) {
    const first = new Map<number | string, number>();
    entries.forEach((entry, index) => {
      const seen = first.get(entry[key]);
      if (seen === undefined) first.set(entry[key], index);
      else ctx.addIssue({ code: "custom", path: [index, key], message: `${key} ${entry[key]} is mapped twice (also in entry ${seen})` });
    });
  }
}

/** An organization left out of some jobs (`orgs exclude`); kept with the links it belongs beside. */
const ExclusionEntrySchema = z.strictObject({ orgId, orgName: z.string(), jobs: z.array(z.enum(EXCLUDABLE_JOBS)).min(1) });

export const MappingFileSchema = z.strictObject({
  format: z.literal(MAPPING_FILE_FORMAT),
  version: z.literal(MAPPING_FILE_VERSION),
  acronis: z.array(AcronisEntrySchema).superRefine(uniqueEntries),
  m365: z.array(M365EntrySchema).superRefine(uniqueEntries),
  /** Absent in files written before exclusions existed, and when none is recorded: then there are none. */
  exclusions: z
    .array(ExclusionEntrySchema)
    .superRefine((entries, ctx) => {
      const seen = new Set<number>();
      entries.forEach((e, index) => {
        if (seen.has(e.orgId)) ctx.addIssue({ code: "custom", path: [index, "orgId"], message: `orgId ${e.orgId} is excluded twice` });
        seen.add(e.orgId);
      });
    })
    .optional(),
});

export interface ExclusionEntry {
  orgId: number;
  orgName: string;
  jobs: ExcludableJob[];
}

/** How the recorded exclusions would change to equal a file's: one entry per organization that differs. */
export interface ExclusionChange {
  orgId: number;
  orgName: string;
  before: ExcludableJob[];
  after: ExcludableJob[];
}

/** The exclusions of `wanted` against the recorded ones, by organization id. */
export function diffExclusions(recorded: ReadonlyMap<number, readonly ExcludableJob[]>, wanted: readonly ExclusionEntry[], names: ReadonlyMap<number, string> = new Map()): ExclusionChange[] {
  const want = new Map(wanted.map((e) => [e.orgId, e]));
  const ids = [...new Set([...recorded.keys(), ...want.keys()])].sort((a, b) => a - b);
  const inOrder = (jobs: readonly ExcludableJob[]) => EXCLUDABLE_JOBS.filter((j) => jobs.includes(j));
  return ids.flatMap((id) => {
    const before = inOrder(recorded.get(id) ?? []);
    const after = inOrder(want.get(id)?.jobs ?? []);
    if (before.join() === after.join()) return [];
    return [{ orgId: id, orgName: want.get(id)?.orgName ?? names.get(id) ?? `org ${id}`, before, after }];
  });
}

/** "Contoso (#1): excluded from fields → fields, tickets". */
export function exclusionChangeText(change: ExclusionChange): string {
  const jobs = (list: readonly string[]) => (list.length === 0 ? "none" : list.join(", "));
  return `${change.orgName} (#${change.orgId}): excluded from ${jobs(change.before)} → ${jobs(change.after)}`;
}

export type MappingFile = z.infer<typeof MappingFileSchema>;

/**
 * The mappings as a document for git: entries sorted by organization id, ids and names only
 * (no source or time, which churn on every re-import), keys in a fixed order.
 */
export function buildMappingFile(links: Readonly<Record<TargetService, readonly Link[]>>, exclusions: readonly ExclusionEntry[] = []): MappingFile {
  const byOrg = (a: Link, b: Link) => a.orgId - b.orgId;
  return {
    format: MAPPING_FILE_FORMAT,
    version: MAPPING_FILE_VERSION,
    acronis: [...links.acronis].sort(byOrg).map((l) => ({ orgId: l.orgId, orgName: l.orgName, tenantId: l.targetId, tenantName: l.targetName })),
    m365: [...links.cipp].sort(byOrg).map((l) => ({ orgId: l.orgId, orgName: l.orgName, tenantId: l.targetId, defaultDomain: l.targetName })),
    // Only when there are any, so the files of profiles that exclude nothing stay as they were.
    ...(exclusions.length === 0
      ? {}
      : { exclusions: [...exclusions].sort((a, b) => a.orgId - b.orgId).map((e) => ({ orgId: e.orgId, orgName: e.orgName, jobs: EXCLUDABLE_JOBS.filter((j) => e.jobs.includes(j)) })) }),
  };
}

export function serializeMappingFile(file: MappingFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The file's entries as links, stamped with where and when they were recorded. */
export function linksOfFile(file: MappingFile, source: MappingSource, now: Date): Record<TargetService, Link[]> {
  const mappedAt = now.toISOString();
  return {
    acronis: file.acronis.map((e) => ({ service: "acronis", orgId: e.orgId, orgName: e.orgName, targetId: e.tenantId, targetName: e.tenantName, source, mappedAt })),
    cipp: file.m365.map((e) => ({ service: "cipp", orgId: e.orgId, orgName: e.orgName, targetId: e.tenantId, targetName: e.defaultDomain, source, mappedAt })),
  };
}

export type ParsedMappingFile = ParsedFile<MappingFile>;

/** Text of a mapping file → the validated document, or the first field that is wrong and why. */
export function parseMappingFile(text: string): ParsedMappingFile {
  return parseVersionedFile(text, MappingFileSchema, MAPPING_FILE_VERSION);
}
