export { openState, type OpenStateOptions, type StateHandle } from "./open-state.js";
export { verifyState, type LockReport, type VerifyOptions, type VerifyProblem, type VerifyProblemCode, type VerifyReport } from "./verify.js";
export { describeState, type StateSummary } from "./describe.js";
export { MIGRATIONS, applyMigrations, type Migration, type MigrationResult } from "./migrations.js";
export { lockPathOf } from "./lock.js";
export { sectionEntries } from "./changes.js";
export { backupAdvice, backupPathOf, inspectBackup, planRestore, restoreBackup, type BackupReport, type RestorePlan, type RestoreResult } from "./backup.js";
export type { LockInfo } from "./lock-verdict.js";
export {
  STATE_VERSION,
  StateDocumentSchema,
  docsStateOf,
  emptyState,
  usersStateOf,
  EXCLUDABLE_JOBS,
  type ExcludableJob,
  type OrgExclusion,
  type AcronisMapping,
  type AgentDeploy,
  type AgentToken,
  type AlertLink,
  type CreatedField,
  type DeviceLinkRecord,
  type DeviceApart,
  type Cursor,
  type DocumentRecord,
  type FieldWrite,
  type M365Mapping,
  type Mappings,
  type ProvisioningRecord,
  type ReadonlyStateDocument,
  type SeenOrg,
  type StateDocument,
  type UserAction,
  type UserRequest,
  type WantedAccess,
} from "./schema.js";
