import type { SummaryDevice } from "./cipp-facts.js";
import { complianceText } from "./compliance.js";
import type { PolicyState } from "../../../clients/cipp/device-extras.js";
import { concat, facts, formatDay, heading, list, table, type Html } from "../../shared/html.js";

export interface DeviceSummaryInput {
  device: SummaryDevice;
  /** Failing compliance settings or policies, when Intune gives them. */
  complianceReasons?: readonly string[];
  /** The device's Entra groups; a section only when given. */
  groups?: readonly string[];
  /** Each compliance policy's verdict on the device; a section only when given. */
  policies?: readonly PolicyState[];
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
  const more: Html[] = [];
  if (input.policies !== undefined) more.push(heading("Compliance policies"), input.policies.length === 0 ? list(["None"]) : table(["Policy", "State"], input.policies.map((p) => [p.policy, p.status])));
  if (input.groups !== undefined) more.push(heading("Groups"), list(input.groups.length === 0 ? ["None"] : input.groups));
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
    ...more,
  ]).html;
}
