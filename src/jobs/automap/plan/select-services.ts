import { SERVICE_NAME, type TargetService } from "../../../services.js";
import { UsageError } from "../../../errors.js";

export type TargetChoice = TargetService | "all";

export const TARGET_CHOICES: readonly TargetChoice[] = ["acronis", "cipp", "all"];

const SETUP: Readonly<Record<TargetService, string>> = {
  acronis: "run `ninja-bridge auth login acronis`, or set NINJA_BRIDGE_ACRONIS_URL, _CLIENT_ID and _CLIENT_SECRET",
  cipp: "run `ninja-bridge auth login cipp`, or set NINJA_BRIDGE_CIPP_URL, _TENANT_ID, _CLIENT_ID and _CLIENT_SECRET",
};

export interface ServiceSelection {
  run: TargetService[];
  /** Services "all" left out because they are not configured. */
  notConfigured: TargetService[];
}

/**
 * Which target services a run covers. "all" covers the configured ones and names the rest;
 * a service asked for by name must be configured, or the run stops before reading anything.
 */
export function selectServices(choice: TargetChoice, configured: Readonly<Record<TargetService, boolean>>, profile: string): ServiceSelection {
  if (choice !== "all") {
    if (!configured[choice]) throw new UsageError(`${SERVICE_NAME[choice]} is not configured in profile "${profile}"`, { hint: SETUP[choice] });
    return { run: [choice], notConfigured: [] };
  }
  const services: TargetService[] = ["acronis", "cipp"];
  const run = services.filter((s) => configured[s]);
  if (run.length === 0) {
    throw new UsageError(`neither Acronis nor CIPP is configured in profile "${profile}": there is nothing to map NinjaOne organizations to`, {
      hint: `${SETUP.acronis}; or ${SETUP.cipp.replace(/^run /, "")}`,
    });
  }
  return { run, notConfigured: services.filter((s) => !configured[s]) };
}
