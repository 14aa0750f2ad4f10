import type { JobName } from "../job.js";
import { automapSyncJob } from "./automap-sync-job.js";
import { fieldsSyncJob } from "./fields-sync-job.js";
import { deprovisionSyncJob, provisionSyncJob } from "./provision-sync-jobs.js";
import type { SyncJob } from "./run-sync.js";
import { ticketsSyncJob } from "./tickets-sync-job.js";

/** Every job `sync` can run, by name. */
export const SYNC_JOBS: Readonly<Record<JobName, SyncJob>> = {
  automap: automapSyncJob,
  provision: provisionSyncJob,
  deprovision: deprovisionSyncJob,
  fields: fieldsSyncJob,
  tickets: ticketsSyncJob,
};
