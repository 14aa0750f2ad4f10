export { FIELD_SOURCES, findSource, type FieldSource, type SourceValueKind } from "./sources.js";
export { checkFieldFit, fieldsThatFit, DEFINITION_SCOPE, REQUIRED_API_PERMISSION, type FieldFit, type FitProblem, type FitRefusal } from "./field-fit.js";
export { resolveField, type FieldLookup } from "../../shared/resolve-field.js";
export { checkMappedFields, type DriftFinding, type DriftProblem, type FieldMapping } from "./drift.js";
export { parseTimestamp, type ParsedTimestamp } from "./timestamps.js";
export { fieldValueFor, textValue, timestampValue, wysiwygValue, type FieldValueResult, type SourceValue } from "./field-values.js";
export { complianceText, COMPLIANCE_TEXT, type IntuneCompliance } from "./compliance.js";
export { tenantLinks, deviceLinks, tenantLinksHtml, deviceLinksHtml, type NamedLink } from "./cipp-links.js";
export { tenantSummaryHtml, type TenantSummaryInput } from "./tenant-summary.js";
export { userSummaryHtml, USER_SUMMARY_LIMIT, type UserSummaryInput } from "./user-summary.js";
export { deviceSummaryHtml, type DeviceSummaryInput } from "./device-summary.js";
export { acronisSourceValues } from "./acronis-values.js";
export type { AcronisPolicyRun, AcronisWorkloadStatus } from "../../../clients/acronis/statuses.js";
export { canonicalJson, hashFieldValue } from "./value-hash.js";
export {
  planFieldWrites,
  fieldWriteKey,
  fieldHashCache,
  type DesiredEntityFields,
  type FieldHashCache,
  type FieldHashEntry,
  type FieldWriteAction,
  type FieldWritePlan,
  type PlanFieldWritesOptions,
} from "./plan-writes.js";
export { matchDevicesInOrg, type ContestedDevice, type DeviceLink, type DeviceMiss, type MatchOptions, type OrgDeviceMatches, type RemoteDevice } from "../../shared/devices/match-devices.js";
export type * from "./cipp-facts.js";
export type * from "./types.js";
