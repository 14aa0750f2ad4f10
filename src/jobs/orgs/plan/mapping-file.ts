import { z } from "zod";
import type { Link, MappingSource } from "../../shared/mappings.js";
import { parseVersionedFile, type ParsedFile } from "../../shared/versioned-file.js";
import type { TargetService } from "../../../services.js";

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

export const MappingFileSchema = z.strictObject({
  format: z.literal(MAPPING_FILE_FORMAT),
  version: z.literal(MAPPING_FILE_VERSION),
  acronis: z.array(AcronisEntrySchema).superRefine(uniqueEntries),
  m365: z.array(M365EntrySchema).superRefine(uniqueEntries),
});

export type MappingFile = z.infer<typeof MappingFileSchema>;

/**
 * The mappings as a document for git: entries sorted by organization id, ids and names only
 * (no source or time, which churn on every re-import), keys in a fixed order.
 */
export function buildMappingFile(links: Readonly<Record<TargetService, readonly Link[]>>): MappingFile {
  const byOrg = (a: Link, b: Link) => a.orgId - b.orgId;
  return {
    format: MAPPING_FILE_FORMAT,
    version: MAPPING_FILE_VERSION,
    acronis: [...links.acronis].sort(byOrg).map((l) => ({ orgId: l.orgId, orgName: l.orgName, tenantId: l.targetId, tenantName: l.targetName })),
    m365: [...links.cipp].sort(byOrg).map((l) => ({ orgId: l.orgId, orgName: l.orgName, tenantId: l.targetId, defaultDomain: l.targetName })),
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
