import type { IntuneDevice } from "../../../clients/cipp/devices.js";

/**
 * What the CIPP summaries are built from. The CIPP client's `CippTenant` and `IntuneDevice`
 * have these shapes; users and licences come from CIPP's ListUsers and ListLicenses.
 */

export interface SummaryTenant {
  /** The Entra tenant id (GUID). */
  customerId: string;
  displayName: string;
  defaultDomainName: string;
  initialDomainName: string | null;
}

export interface SummaryUser {
  displayName: string;
  userPrincipalName: string;
  /** Friendly licence names; empty for an unlicensed user. */
  licenses: readonly string[];
  /** False when sign-in is blocked; null when unknown. */
  accountEnabled?: boolean | null;
  /** "Member" or "Guest". */
  userType?: string | null;
  /** Day of the last sign-in, or "Never". */
  lastSignIn?: string;
  mailbox?: string;
  oneDrive?: string;
  /** Intune devices whose primary user this is. */
  devices?: readonly string[];
}

export interface SummaryLicense {
  name: string;
  /** Units assigned to users. */
  used: number;
  /** Units bought (enabled). */
  total: number;
  skuId?: string;
}

/** An Intune device as the CIPP client reads it; the summaries use it as it is. */
export type SummaryDevice = IntuneDevice;

/** Where the operator's CIPP web interface lives, for links back into it; optional. */
export interface CippLinkOptions {
  cippUrl?: string | null;
}
