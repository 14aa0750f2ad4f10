import type { SummaryDevice } from "./cipp-facts.js";
import { complianceText } from "./compliance.js";
import { concat, facts, formatDay, heading } from "../../shared/html.js";

export interface DeviceSummaryInput {
  device: SummaryDevice;
  /** Failing compliance settings or policies, when Intune gives them. */
  complianceReasons?: readonly string[];
}

/**
 * One device as Intune knows it. The last check-in is shown as a day, not a time: Intune
 * devices check in several times a day, and a time would rewrite the field on every run.
 */
export function deviceSummaryHtml(input: DeviceSummaryInput): string {
  const { device } = input;
  const os = [device.operatingSystem, device.osVersion].filter((p) => p !== null && p.trim() !== "").join(" ");
  const hardware = [device.manufacturer, device.model].filter((p) => p !== null && p.trim() !== "").join(" ");
  const compliance = complianceText({ complianceState: device.complianceState, reasons: input.complianceReasons ?? [] });
  return concat([
    heading(`Intune device: ${device.deviceName}`),
    facts([
      ["Compliance", compliance],
      ["Primary user", device.userPrincipalName],
      ["Operating system", os],
      ["Hardware", hardware],
      ["Serial number", device.serialNumber],
      ["Last check-in", formatDay(device.lastSyncAt)],
      ["Entra device ID", device.azureADDeviceId],
    ]),
  ]).html;
}
