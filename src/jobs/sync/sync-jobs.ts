import type { AnyJob, JobName } from "../job.js";
import { automapJob } from "../automap/index.js";
import { ticketsJob } from "../tickets/index.js";
import { fieldsSyncJob } from "./fields-sync-job.js";
import { deprovisionSyncJob, provisionSyncJob } from "./provision-sync-jobs.js";
import { fromSyncJob } from "./legacy-job.js";

/** Every job `sync` can run, by name. */
export const SYNC_JOBS: Readonly<Record<JobName, AnyJob>> = {
  automap: automapJob,
  provision: fromSyncJob(provisionSyncJob),
  deprovision: fromSyncJob(deprovisionSyncJob),
  fields: fromSyncJob(fieldsSyncJob),
  tickets: ticketsJob,
};
