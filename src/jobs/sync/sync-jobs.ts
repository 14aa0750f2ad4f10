import type { AnyJob, SyncJobName } from "../job.js";
import { agentsJob } from "../agents/index.js";
import { automapJob } from "../automap/index.js";
import { deprovisionJob } from "../deprovision/index.js";
import { docsJob } from "../docs/index.js";
import { complianceJob, fieldsJob } from "../fields/index.js";
import { provisionJob } from "../provision/index.js";
import { ticketsJob } from "../tickets/index.js";

/** Every job `sync` can run, by name. */
export const SYNC_JOBS: Readonly<Record<SyncJobName, AnyJob>> = {
  automap: automapJob,
  provision: provisionJob,
  deprovision: deprovisionJob,
  fields: fieldsJob,
  compliance: complianceJob,
  tickets: ticketsJob,
  docs: docsJob,
  agents: agentsJob,
};
