/** What Intune says about one device's compliance. */
export interface IntuneCompliance {
  /** Graph `complianceState`: compliant, noncompliant, inGracePeriod, unknown, configManager, error, conflict; kept open. */
  complianceState: string | null;
  /** Names of the failing settings or policies, when Intune gives them. */
  reasons?: readonly string[];
}

export const COMPLIANCE_TEXT = {
  compliant: "Compliant",
  noncompliant: "Noncompliant",
  inGracePeriod: "In grace period",
  unknown: "Unknown",
  notInIntune: "Not in Intune",
} as const;

/**
 * The compliance text for a NinjaOne device: one of five states, so policy conditions can
 * key on the leading words (CIPP collapses everything but "compliant" into Non-Compliant).
 * `null` is a device in the mapped organization that no Intune device matched. States
 * Intune cannot settle (configManager, error, conflict, anything new) read "Unknown" and
 * say which state it was.
 */
export function complianceText(device: IntuneCompliance | null): string {
  if (device === null) return COMPLIANCE_TEXT.notInIntune;
  const state = (device.complianceState ?? "").trim();
  switch (state.toLowerCase()) {
    case "compliant":
      return COMPLIANCE_TEXT.compliant;
    case "noncompliant": {
      const reasons = [...new Set((device.reasons ?? []).map((r) => r.trim()).filter((r) => r !== ""))];
      return reasons.length === 0 ? COMPLIANCE_TEXT.noncompliant : `${COMPLIANCE_TEXT.noncompliant}: ${reasons.join("; ")}`;
    }
    case "ingraceperiod":
      return COMPLIANCE_TEXT.inGracePeriod;
    case "":
    case "unknown":
      return COMPLIANCE_TEXT.unknown;
    default:
      return `${COMPLIANCE_TEXT.unknown} (Intune reports "${state}")`;
  }
}
