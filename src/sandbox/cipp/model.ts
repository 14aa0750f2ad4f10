/** Records of the simulated CIPP instance: its Microsoft 365 tenants and their Graph data. */

export const COMPLIANCE_STATES = ["compliant", "noncompliant", "inGracePeriod", "unknown", "configManager", "error"] as const;
export type ComplianceState = (typeof COMPLIANCE_STATES)[number];

/** An Intune managed device as Graph beta `/deviceManagement/managedDevices` returns it. */
export interface ManagedDevice {
  id: string;
  userId: string | null;
  deviceName: string;
  managedDeviceOwnerType: "company" | "personal";
  enrolledDateTime: string;
  lastSyncDateTime: string;
  operatingSystem: string;
  complianceState: ComplianceState;
  jailBroken: string;
  managementAgent: string;
  osVersion: string;
  azureADRegistered: boolean;
  deviceEnrollmentType: string;
  emailAddress: string | null;
  azureADDeviceId: string;
  deviceRegistrationState: string;
  isEncrypted: boolean;
  userPrincipalName: string | null;
  userDisplayName: string | null;
  model: string;
  manufacturer: string;
  serialNumber: string;
  chassisType: string;
  joinType: string;
  autopilotEnrolled: boolean;
}

export interface AssignedLicense {
  disabledPlans: string[];
  skuId: string;
}

/** A user as CIPP's ListUsers returns it: Graph beta `/users` plus CIPP's own extras. */
export interface CippUser {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  mail: string | null;
  accountEnabled: boolean;
  jobTitle: string | null;
  userType: "Member" | "Guest";
  createdDateTime: string;
  assignedLicenses: AssignedLicense[];
}

export interface Sku {
  skuId: string;
  skuPartNumber: string;
  friendlyName: string;
}

export interface SubscribedSku {
  sku: Sku;
  total: number;
}

/** What Graph's activity and usage reports hold of one user; kept apart from the user, which Graph never returns them with. */
export interface UserActivity {
  /** `signInActivity.lastSignInDateTime`; null for a user who never signed in. */
  lastSignIn: string | null;
  /** Mailbox usage report; null for a user without a mailbox. */
  mailbox: { usedBytes: number; quotaBytes: number } | null;
  /** OneDrive usage report; null for a user whose OneDrive was never provisioned. */
  oneDrive: { usedBytes: number; allocatedBytes: number } | null;
}

/** An Entra group and the Entra device ids among its members. */
export interface EntraGroup {
  id: string;
  displayName: string;
  deviceIds: string[];
}

/** An Intune compliance policy: which operating systems it assesses. */
export interface CompliancePolicy {
  id: string;
  displayName: string;
  os: string;
}

export interface CippTenant {
  customerId: string;
  displayName: string;
  defaultDomainName: string;
  initialDomainName: string;
  devices: ManagedDevice[];
  users: CippUser[];
  skus: SubscribedSku[];
  /** By user id. */
  activity: Map<string, UserActivity>;
  groups: EntraGroup[];
  policies: CompliancePolicy[];
  /** Set through control: every Graph-backed call for this tenant fails with this message. */
  graphError: string | null;
}
