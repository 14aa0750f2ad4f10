/** The services ninja-bridge talks to: the one name each has everywhere (settings, state, output). */
export type ServiceName = "ninjaone" | "acronis" | "cipp";

/** The services NinjaOne organizations are linked to. */
export type TargetService = Exclude<ServiceName, "ninjaone">;

export const TARGET_SERVICES: readonly TargetService[] = ["acronis", "cipp"];

/** How output names each service. */
export const SERVICE_NAME: Readonly<Record<ServiceName, string>> = { ninjaone: "NinjaOne", acronis: "Acronis", cipp: "CIPP" };
