import type { ReadonlyStateDocument } from "./schema.js";

export interface StateSummary {
  version: number;
  serial: number;
  lineage: string;
  createdAt: string;
  updatedAt: string;
  counts: {
    acronisMappings: number;
    m365Mappings: number;
    alertLinks: number;
    fieldWrites: number;
    cursors: number;
    provisioning: number;
    orgsSeen: number;
    deviceLinks: number;
    documents: number;
    agentTokens: number;
    agentDeploys: number;
  };
}

/** What `state show` and `state verify` print about a document: identity and size of each section. */
export function describeState(doc: ReadonlyStateDocument): StateSummary {
  return {
    version: doc.version,
    serial: doc.serial,
    lineage: doc.lineage,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    counts: {
      acronisMappings: Object.keys(doc.mappings.acronis).length,
      m365Mappings: Object.keys(doc.mappings.m365).length,
      alertLinks: Object.keys(doc.alertLinks).length,
      fieldWrites: Object.keys(doc.fieldWrites).length,
      cursors: Object.keys(doc.cursors).length,
      provisioning: Object.keys(doc.provisioning).length,
      orgsSeen: Object.keys(doc.orgsSeen).length,
      deviceLinks: Object.keys(doc.deviceLinks).length,
      documents: Object.keys(doc.docs?.documents ?? {}).length,
      agentTokens: Object.keys(doc.agentTokens).length,
      agentDeploys: Object.keys(doc.agentDeploys).length,
    },
  };
}
