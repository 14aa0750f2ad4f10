export { planTicketSync, effectActions } from "./plan.js";
export {
  TicketSettingsSchema,
  AlertTypeRuleSchema,
  StatusRefSchema,
  DEFAULT_TICKET_SETTINGS,
  NINJA_TICKET_PRIORITIES,
  NINJA_TICKET_SEVERITIES,
  NINJA_TICKET_TYPES,
  ruleForType,
  isOn,
  type TicketSettings,
  type TicketSettingsInput,
  type AlertTypeRule,
  type StatusRef,
  type NinjaTicketPriority,
  type NinjaTicketSeverity,
  type NinjaTicketType,
} from "./ticket-settings.js";
export { alertIdKey, alertKey, sameAlertId, keyDigest, markerOf, markerTag, markerTags, parseMarker, workloadIdOf, BRIDGE_TAG, TENANT_WIDE } from "./alert-key.js";
export { resolveStatus, statusCategory, hasReached } from "./ticket-status.js";
export { ticketSubject, ticketDescription, reopenComment, resolveComment, alertTypeLabel } from "./ticket-content.js";
export { matchDevice } from "./match-device.js";
export type * from "./types.js";
