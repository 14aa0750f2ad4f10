/**
 * Ticketing data as the reference describes it (§6): statuses with system ids, forms and their
 * attributes (one form with a required attribute), boards, tickets and their log entries.
 */

export interface TicketStatus {
  statusId: number;
  name: string;
  displayName: string;
  parentId: number;
}

/**
 * NEW=1000, OPEN=2000 and CLOSED=6000 are confirmed; WAITING=3000, PAUSED=4000 and
 * RESOLVED=5000 follow the pattern (UNVERIFIED). The custom status points at its system parent.
 */
export const TICKET_STATUSES: readonly TicketStatus[] = [
  { statusId: 1000, name: "NEW", displayName: "New", parentId: 1000 },
  { statusId: 2000, name: "OPEN", displayName: "Open", parentId: 2000 },
  { statusId: 3000, name: "WAITING", displayName: "Waiting", parentId: 3000 },
  { statusId: 4000, name: "PAUSED", displayName: "Paused", parentId: 4000 },
  { statusId: 5000, name: "RESOLVED", displayName: "Resolved", parentId: 5000 },
  { statusId: 6000, name: "CLOSED", displayName: "Closed", parentId: 6000 },
  { statusId: 3001, name: "Waiting on vendor", displayName: "Waiting on vendor", parentId: 3000 },
];

export interface TicketAttribute {
  id: number;
  name: string;
  description: string;
  attributeType: "DROPDOWN" | "MULTI_SELECT" | "TEXT";
  values: { id: string; name: string; active: boolean; system: boolean }[];
  required: boolean;
}

export const TICKET_ATTRIBUTES: readonly TicketAttribute[] = [
  {
    id: 5,
    name: "Category",
    description: "What the ticket is about",
    attributeType: "DROPDOWN",
    values: [
      { id: "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b01", name: "Backup", active: true, system: false },
      { id: "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b02", name: "Microsoft 365", active: true, system: false },
      { id: "3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b03", name: "Hardware", active: true, system: false },
    ],
    required: false,
  },
  {
    id: 6,
    name: "External alert id",
    description: "The id of the alert in the system that raised the ticket",
    attributeType: "TEXT",
    values: [],
    required: true,
  },
  {
    id: 7,
    name: "Affected services",
    description: "Services the ticket touches; technicians pick them in the UI",
    attributeType: "MULTI_SELECT",
    values: [
      { id: "7a1c2e3f-0000-4b5c-8d9e-000000000001", name: "Backup", active: true, system: false },
      { id: "7a1c2e3f-0000-4b5c-8d9e-000000000002", name: "E-mail", active: true, system: false },
    ],
    required: false,
  },
];

export interface TicketForm {
  id: number;
  name: string;
  description: string;
  default: boolean;
  fieldIds: number[];
}

export const TICKET_FORMS: readonly TicketForm[] = [
  { id: 1, name: "Default", description: "General requests", default: true, fieldIds: [5, 7] },
  { id: 2, name: "Backup alert", description: "Alerts raised by backup monitoring", default: false, fieldIds: [5, 6] },
];

export interface Board {
  id: number;
  uid: string;
  name: string;
  description: string;
  /** Which tickets the board shows. */
  includes(ticket: TicketRecord): boolean;
}

const OPEN_PARENTS = new Set([1000, 2000, 3000, 4000]);

/** Board 1 is not "All tickets" on every tenant (reference §6): clients must resolve by name. */
export const BOARDS: readonly Board[] = [
  {
    id: 1,
    uid: "b1a2c3d4-0001-4e5f-8a9b-0c1d2e3f4a51",
    name: "Unassigned tickets",
    description: "Open tickets with no assignee",
    includes: (t) => t.assignedAppUserId === undefined && OPEN_PARENTS.has(t.status.parentId) && !t.deleted,
  },
  {
    id: 2,
    uid: "b1a2c3d4-0002-4e5f-8a9b-0c1d2e3f4a52",
    name: "All tickets",
    description: "Every ticket",
    includes: (t) => !t.deleted,
  },
  {
    id: 3,
    uid: "b1a2c3d4-0003-4e5f-8a9b-0c1d2e3f4a53",
    name: "Open tickets",
    description: "Tickets not yet resolved or closed",
    includes: (t) => OPEN_PARENTS.has(t.status.parentId) && !t.deleted,
  },
];

/** The spec types a value as an object: any JSON (a multi-select holds an array of option ids). */
export interface AttributeValue {
  id: number;
  attributeId: number;
  value: unknown;
}

export interface TicketRecord {
  id: number;
  version: number;
  clientId: number;
  ticketFormId: number;
  locationId?: number;
  nodeId?: number;
  subject: string;
  status: TicketStatus;
  type?: string;
  priority: string;
  severity: string;
  requesterUid?: string;
  assignedAppUserId?: number;
  additionalAssignedTechnicianIds: number[];
  parentTicketId?: number;
  cc: { uids: string[]; emails: string[] };
  tags: string[];
  attributeValues: AttributeValue[];
  followupTime?: number;
  source: "TECHNICIAN";
  /** Epoch seconds. */
  createTime: number;
  lastUpdated: number;
  totalTimeTracked: number;
  deleted: boolean;
}

export interface LogEntryRecord {
  id: number;
  type: "DESCRIPTION" | "COMMENT" | "SAVE";
  body?: string;
  htmlBody?: string;
  publicEntry: boolean;
  system: boolean;
  createTime: number;
  timeTracked?: number;
  appUserContactUid?: string;
  appUserContactId?: number;
  changeDiff?: Record<string, unknown>;
}

export function findStatus(idOrName: string | number): TicketStatus | undefined {
  const text = String(idOrName);
  return TICKET_STATUSES.find((s) => String(s.statusId) === text || s.name === text);
}

export function ticketView(t: TicketRecord): Record<string, unknown> {
  const view: Record<string, unknown> = {
    id: t.id,
    version: t.version,
    clientId: t.clientId,
    subject: t.subject,
    status: { ...t.status },
    priority: t.priority,
    severity: t.severity,
    ticketFormId: t.ticketFormId,
    source: t.source,
    tags: [...t.tags],
    ccList: { uids: [...t.cc.uids], emails: [...t.cc.emails] },
    createTime: t.createTime,
    deleted: t.deleted,
    attributeValues: t.attributeValues.map((a) => ({ ...a, value: structuredClone(a.value) })),
    additionalAssignedTechnicianIds: [...t.additionalAssignedTechnicianIds],
  };
  if (t.nodeId !== undefined) view.nodeId = t.nodeId;
  if (t.locationId !== undefined) view.locationId = t.locationId;
  if (t.type !== undefined) view.type = t.type;
  if (t.requesterUid !== undefined) view.requesterUid = t.requesterUid;
  if (t.assignedAppUserId !== undefined) view.assignedAppUserId = t.assignedAppUserId;
  if (t.followupTime !== undefined) view.followupTime = t.followupTime;
  return view;
}

export function formView(form: TicketForm): Record<string, unknown> {
  return {
    id: form.id,
    name: form.name,
    description: form.description,
    endUserTitle: form.name,
    active: true,
    default: form.default,
    content: { fields: [...form.fieldIds], timerSettings: { enabled: false, mode: "MANUAL" } },
    fields: form.fieldIds.map((id) => attributeView(TICKET_ATTRIBUTES.find((a) => a.id === id) as TicketAttribute)),
    createTime: 1704067200.25,
    updateTime: 1704067200.25,
  };
}

export function attributeView(a: TicketAttribute): Record<string, unknown> {
  return {
    id: a.id,
    name: a.name,
    description: a.description,
    attributeType: a.attributeType,
    content: { values: a.values.map((v) => ({ ...v })), required: a.required },
    active: true,
    system: false,
    createTime: 1704067200.25,
    updateTime: 1704067200.25,
  };
}
